"""Registering and concluding concerns and proposals: validated, permission-checked, audited."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
import time_machine
import yaml

from gongkai.audit.models import AuditEvent
from gongkai.core.errors import (
    Conflict,
    IllegalTransition,
    PermissionDenied,
    ValidationFailed,
)
from gongkai.inquiries.models import (
    DEFAULT_REPLY_WORKING_DAYS,
    Channel,
    Inquiry,
    InquiryKind,
    InquiryResult,
    Proposal,
    ProposalKind,
    ProposalResult,
)
from gongkai.inquiries.services import (
    inquiry_conclude,
    inquiry_register,
    proposal_conclude,
    proposal_register,
    reply_period_set,
)
from gongkai.workdays.services import notice_import
from gongkai.workdays.tests.published import NOTICE_2026

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _late_2023():
    """Today is 2023-12-20 in Asia/Shanghai: dates after it are in the future."""
    with time_machine.travel(datetime(2023, 12, 20, 2, 0, tzinfo=UTC), tick=False):
        yield


NAME = "王小明"
PHONE = "13912345678"


def register(actor, agency, **overrides):
    values = {
        "actor": actor,
        "agency": agency,
        "channel": Channel.HOTLINE,
        "received_on": date(2023, 4, 25),
        "subject": "学校食堂收费标准",
        "content": "孩子所在学校食堂收费过高。",
        "external_number": "NX20230425001",
        "requester_name": NAME,
        "requester_phone": PHONE,
    }
    values.update(overrides)
    return inquiry_register(**values)


def assert_no_personal_data(event):
    text = json.dumps(event.data, ensure_ascii=False) + event.target_repr
    assert NAME not in text
    assert PHONE not in text


def test_reply_due_counts_working_days_across_labour_day_and_its_working_saturday(clerk, bureau):
    # 2023: 4月29日—5月3日 off, 5月6日 (Saturday) worked (国办发明电〔2022〕16号).
    reply_period_set(actor=clerk, agency=bureau, channel=Channel.HOTLINE, working_days=5)
    inquiry = register(clerk, bureau)
    assert inquiry.reply_period_days == 5
    assert inquiry.reply_due == date(2023, 5, 5)  # 4/26, 4/27, 4/28, 5/4, 5/5
    six = register(clerk, bureau, external_number="NX2", reply_period_days_promised=6)
    assert six.reply_due == date(2023, 5, 6)


def test_register_is_audited_without_personal_data(clerk, bureau):
    inquiry = register(clerk, bureau)
    assert inquiry.reply_period_days == DEFAULT_REPLY_WORKING_DAYS
    event = AuditEvent.objects.get(action="inquiry.registered")
    assert event.actor == clerk
    assert event.target_id == str(inquiry.pk)
    assert event.data["external_number"] == "NX20230425001"
    assert event.data["reply_due"] == inquiry.reply_due.isoformat()
    assert_no_personal_data(event)
    assert inquiry.requester_name == NAME


@pytest.mark.parametrize("persona", ["other_agency_clerk", "oversight"])
def test_only_staff_of_the_agency_may_register(request, bureau, persona):
    with pytest.raises(PermissionDenied, match="平罗县教育体育局"):
        register(request.getfixturevalue(persona), bureau)
    assert not Inquiry.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="inquiry").exists()


def test_the_same_work_order_number_is_refused_on_the_same_channel(clerk, bureau):
    register(clerk, bureau)
    with pytest.raises(Conflict, match="NX20230425001"):
        register(clerk, bureau)
    register(clerk, bureau, channel=Channel.MAILBOX)
    assert Inquiry.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"channel": "wechat"}, "未知的来源渠道"),
        ({"kind": "praise"}, "未知的诉求类型"),
        ({"subject": "  "}, "诉求标题不能为空"),
        ({"received_on": date(2024, 1, 2)}, "晚于今天"),
        ({"reply_period_days_promised": 0}, "答复期限应为1至"),
    ],
)
def test_bad_input_is_refused_with_the_reason(clerk, bureau, overrides, message):
    with pytest.raises(ValidationFailed, match=message):
        register(clerk, bureau, **overrides)
    assert not Inquiry.objects.exists()


def test_conclude_records_result_and_lateness(clerk, bureau):
    reply_period_set(actor=clerk, agency=bureau, channel=Channel.HOTLINE, working_days=5)
    inquiry = register(clerk, bureau)
    done = inquiry_conclude(
        actor=clerk,
        inquiry=inquiry,
        result=InquiryResult.ANSWERED,
        replied_on=date(2023, 5, 6),
        reply_text="经核实，已责成学校调整。",
    )
    done.refresh_from_db()
    assert (done.result, done.replied_on) == (InquiryResult.ANSWERED, date(2023, 5, 6))
    event = AuditEvent.objects.get(action="inquiry.concluded")
    assert event.data == {
        "result": "answered",
        "replied_on": "2023-05-06",
        "reply_due": "2023-05-05",
        "late": True,
    }
    assert_no_personal_data(event)


def test_a_concluded_inquiry_cannot_be_concluded_again(clerk, bureau):
    inquiry = register(clerk, bureau)
    inquiry_conclude(
        actor=clerk, inquiry=inquiry, result=InquiryResult.RETURNED, replied_on=date(2023, 4, 26)
    )
    with pytest.raises(IllegalTransition, match="已于2023-04-26办结"):
        inquiry_conclude(
            actor=clerk,
            inquiry=inquiry,
            result=InquiryResult.WITHDRAWN,
            replied_on=date(2023, 4, 27),
        )
    assert AuditEvent.objects.filter(action="inquiry.concluded").count() == 1


@pytest.mark.parametrize(
    ("result", "replied_on", "text", "message"),
    [
        (InquiryResult.ANSWERED, date(2023, 4, 24), "已答复", "早于受理日期"),
        (InquiryResult.ANSWERED, date(2023, 5, 4), "", "应填写答复内容"),
        ("lost", date(2023, 5, 4), "", "未知的办理结果"),
        (InquiryResult.WITHDRAWN, date(2024, 5, 4), "", "晚于今天"),
    ],
)
def test_conclude_refuses_bad_input(clerk, bureau, result, replied_on, text, message):
    inquiry = register(clerk, bureau)
    with pytest.raises(ValidationFailed, match=message):
        inquiry_conclude(
            actor=clerk, inquiry=inquiry, result=result, replied_on=replied_on, reply_text=text
        )
    inquiry.refresh_from_db()
    assert inquiry.is_open


def test_a_stranger_cannot_conclude(clerk, other_agency_clerk, bureau):
    inquiry = register(clerk, bureau)
    with pytest.raises(PermissionDenied):
        inquiry_conclude(
            actor=other_agency_clerk,
            inquiry=inquiry,
            result=InquiryResult.RETURNED,
            replied_on=date(2023, 4, 26),
        )


def test_reply_period_set_is_audited_and_checked(head, bureau):
    reply_period_set(actor=head, agency=bureau, channel=Channel.MAILBOX, working_days=10)
    reply_period_set(actor=head, agency=bureau, channel=Channel.MAILBOX, working_days=7)
    assert bureau.reply_periods.get().working_days == 7
    assert AuditEvent.objects.filter(action="inquiry.reply_period_set").count() == 2
    with pytest.raises(ValidationFailed, match="答复期限应为1至250个工作日"):
        reply_period_set(actor=head, agency=bureau, channel=Channel.MAILBOX, working_days=0)


def test_proposal_is_registered_and_concluded_with_its_published_reply(reviewer, bureau):
    proposal = proposal_register(
        actor=reviewer,
        agency=bureau,
        kind=ProposalKind.CPPCC_PROPOSAL,
        source_body="县政协",
        number="23",
        title="关于加强农村学校师资力量的提案",
        received_on=date(2023, 3, 15),
    )
    url = "https://www.pingluo.gov.cn/xxgk/jytyj/2023/tian23.html"
    proposal_conclude(
        actor=reviewer,
        proposal=proposal,
        result=ProposalResult.PLANNED,
        handled_on=date(2023, 6, 10),
        reply_published=True,
        published_url=url,
    )
    proposal.refresh_from_db()
    assert (proposal.result, proposal.published_url) == (ProposalResult.PLANNED, url)
    actions = list(
        AuditEvent.objects.filter(target_id=str(proposal.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["proposal.registered", "proposal.concluded"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"published_url": "https://x.gov.cn/a.html"}, "未勾选“答复已公开”"),
        ({"reply_published": True, "published_url": "x.gov.cn"}, "应以 http:// 或 https:// 开头"),
        ({"handled_on": date(2023, 3, 1)}, "早于交办日期"),
    ],
)
def test_proposal_conclude_refuses_bad_input(clerk, bureau, options, message):
    proposal = proposal_register(
        actor=clerk,
        agency=bureau,
        kind=ProposalKind.DEPUTY_SUGGESTION,
        source_body="县人大",
        title="关于修缮校舍的建议",
        received_on=date(2023, 3, 15),
    )
    values = {"result": ProposalResult.ADOPTED, "handled_on": date(2023, 6, 1), **options}
    with pytest.raises(ValidationFailed, match=message):
        proposal_conclude(actor=clerk, proposal=proposal, **values)
    proposal.refresh_from_db()
    assert proposal.result == ""


def test_proposal_register_needs_staff_and_known_kind(clerk, other_agency_clerk, bureau):
    values = {
        "agency": bureau,
        "source_body": "市政协",
        "title": "关于体育场馆开放的提案",
        "received_on": date(2023, 3, 15),
    }
    with pytest.raises(PermissionDenied):
        proposal_register(actor=other_agency_clerk, kind=ProposalKind.CPPCC_PROPOSAL, **values)
    with pytest.raises(ValidationFailed, match="未知的建议提案类型"):
        proposal_register(actor=clerk, kind="motion", **values)
    assert not Proposal.objects.exists()


def test_kind_defaults_to_complaint(clerk, bureau):
    assert register(clerk, bureau).kind == InquiryKind.COMPLAINT


def _notice_2026_with_a_shorter_spring_festival():
    """The 2026 notice corrected (hypothetically): 春节 ends on 22 February, a day earlier."""
    data = yaml.safe_load(NOTICE_2026)
    data["holidays"][1]["to"] = date(2026, 2, 22)
    data["holidays"][1]["days"] = 8
    return data


def test_a_corrected_holiday_notice_moves_the_reply_date_of_open_concerns_only(clerk, bureau):
    """The reply period counts working days (GONGKAI_CALENDAR_DEPENDENTS): when the calendar
    changes, an open concern's date moves with it; a concluded one keeps its date."""
    with time_machine.travel(datetime(2026, 2, 12, 2, 0, tzinfo=UTC), tick=False):
        open_one = register(clerk, bureau, received_on=date(2026, 2, 10))
        closed = register(
            clerk, bureau, received_on=date(2026, 2, 10), external_number="NX20260210002"
        )
        inquiry_conclude(
            actor=clerk,
            inquiry=closed,
            result=InquiryResult.ANSWERED,
            replied_on=date(2026, 2, 12),
            reply_text="已答复。",
        )
    before = open_one.reply_due
    assert before == date(2026, 3, 9)  # 15 working days after 10 February, 春节 not counted

    result = notice_import(data=_notice_2026_with_a_shorter_spring_festival(), replace=True)

    open_one.refresh_from_db()
    closed.refresh_from_db()
    assert open_one.reply_due == date(2026, 3, 6)  # 23 February is now a working day
    assert closed.reply_due == before
    assert result.recomputed >= 1
    event = AuditEvent.objects.get(action="workdays.notice_replaced")
    assert event.data["recomputed_elsewhere"]["inquiries_recompute_due"] == 1
    assert AuditEvent.objects.filter(action="inquiry.deadlines_recomputed").count() == 1
