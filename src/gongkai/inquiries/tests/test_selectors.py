"""The report's figures come from records, counted in the database; overdue on working days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.agencies.selectors import access_agency
from gongkai.core.errors import NotFoundOrForbidden
from gongkai.inquiries.models import (
    Channel,
    Inquiry,
    InquiryKind,
    InquiryResult,
    ProposalKind,
    ProposalResult,
)
from gongkai.inquiries.selectors import (
    inquiries_overdue,
    inquiry_counts,
    proposal_counts,
    reply_period_days,
)
from gongkai.inquiries.services import inquiry_register, reply_period_set
from gongkai.inquiries.tests.factories import InquiryFactory, ProposalFactory

pytestmark = pytest.mark.django_db

#: 平罗县教育体育局 2023: "各类投诉527件" = 45 退回 + 68 撤回 + 414 回复, from five channels.
SEED_RESULTS = {
    InquiryResult.RETURNED: 45,
    InquiryResult.WITHDRAWN: 68,
    InquiryResult.ANSWERED: 414,
}
SEED_CHANNELS = {
    Channel.FORUM: 60,
    Channel.HOTLINE: 300,
    Channel.MAILBOX: 90,
    Channel.PHONE: 57,
    Channel.VISIT: 20,
}


def _seed_2023(agency):
    results = [result for result, n in SEED_RESULTS.items() for _ in range(n)]
    channels = [channel for channel, n in SEED_CHANNELS.items() for _ in range(n)]
    start = date(2023, 1, 3)
    rows = []
    for i, (result, channel) in enumerate(zip(results, channels, strict=True)):
        received = start + timedelta(days=i % 350)
        rows.append(
            Inquiry(
                agency=agency,
                channel=channel,
                kind=InquiryKind.COMPLAINT,
                external_number=f"NX2023{i:05d}",
                received_on=received,
                subject=f"投诉{i}",
                requester_name="某某",
                result=result,
                replied_on=received + timedelta(days=3),
                reply_period_days=15,
                reply_due=received + timedelta(days=21),
            )
        )
    Inquiry.objects.bulk_create(rows)


def test_the_527_complaints_of_the_2023_report_are_counted_from_records(
    bureau, other_bureau, django_assert_num_queries
):
    _seed_2023(bureau)
    # Not counted: another year, another body.
    InquiryFactory(agency=bureau, received_on=date(2022, 12, 30))
    InquiryFactory(agency=bureau, received_on=date(2024, 1, 2))
    InquiryFactory(agency=other_bureau, received_on=date(2023, 6, 1))
    with django_assert_num_queries(1):
        counts = inquiry_counts(agency=bureau, year=2023)
    assert counts["total"] == 527
    assert counts["by_result"] == {
        "answered": 414,
        "returned": 45,
        "withdrawn": 68,
        "transferred": 0,
        "open": 0,
    }
    assert counts["by_channel"] == {
        "hotline": 300,
        "mailbox": 90,
        "forum": 60,
        "phone": 57,
        "visit": 20,
        "other": 0,
    }
    assert counts["by_kind"]["complaint"] == 527


def test_open_inquiries_are_counted_as_open(bureau):
    InquiryFactory(agency=bureau, kind=InquiryKind.QUESTION)
    counts = inquiry_counts(agency=bureau, year=2023)
    assert counts["by_result"]["open"] == 1
    assert counts["by_kind"] == {"complaint": 0, "question": 1, "suggestion": 0, "message": 0}


def test_the_25_proposals_of_the_2023_report_are_counted_from_records(
    bureau, other_bureau, django_assert_num_queries
):
    for source, n in (("市政协", 6), ("县人大", 7), ("县政协", 12)):
        kind = ProposalKind.DEPUTY_SUGGESTION if "人大" in source else ProposalKind.CPPCC_PROPOSAL
        ProposalFactory.create_batch(
            n,
            agency=bureau,
            kind=kind,
            source_body=source,
            result=ProposalResult.ADOPTED,
            handled_on=date(2023, 6, 30),
            reply_published=True,
        )
    ProposalFactory(agency=bureau, received_on=date(2022, 3, 1))
    ProposalFactory(agency=other_bureau)
    with django_assert_num_queries(1):
        counts = proposal_counts(agency=bureau, year=2023)
    assert counts["total"] == 25
    assert counts["handled"] == 25
    assert counts["reply_published"] == 25
    assert counts["by_kind"] == {"deputy_suggestion": 7, "cppcc_proposal": 18}
    assert counts["by_source"] == {"县人大": 7, "县政协": 12, "市政协": 6}
    assert counts["by_result"]["adopted"] == 25
    assert counts["by_result"]["open"] == 0


def test_overdue_counts_working_days_across_labour_day(clerk, bureau):
    """2023: 4月29日—5月3日 off, 5月6日 (Saturday) worked. Received 4月25日, 5 working days:
    due 5月5日 — a calendar that ignored the holiday would say 5月2日."""
    reply_period_set(actor=clerk, agency=bureau, channel=Channel.HOTLINE, working_days=5)

    def received(number: str) -> Inquiry:
        return inquiry_register(
            actor=clerk,
            agency=bureau,
            channel=Channel.HOTLINE,
            received_on=date(2023, 4, 25),
            subject="校车接送",
            external_number=number,
        )

    still_open = received("A")
    in_time = received("B")
    late = received("C")
    assert still_open.reply_due == date(2023, 5, 5)
    for inquiry, day in ((in_time, date(2023, 5, 5)), (late, date(2023, 5, 6))):
        Inquiry.objects.filter(pk=inquiry.pk).update(result=InquiryResult.ANSWERED, replied_on=day)

    def overdue(day: date) -> list[str]:
        return list(
            inquiries_overdue(agency=bureau, as_of=day).values_list("external_number", flat=True)
        )

    assert overdue(date(2023, 5, 4)) == []
    assert overdue(date(2023, 5, 5)) == []  # the due day itself is in time
    assert overdue(date(2023, 5, 6)) == ["A", "C"]
    assert overdue(date(2023, 6, 1)) == ["A", "C"]


def test_reply_period_defaults_until_set(clerk, bureau):
    assert reply_period_days(agency=bureau, channel=Channel.VISIT) == 15
    reply_period_set(actor=clerk, agency=bureau, channel=Channel.VISIT, working_days=3)
    assert reply_period_days(agency=bureau, channel=Channel.VISIT) == 3
    assert reply_period_days(agency=bureau, channel=Channel.PHONE) == 15


def test_access_for_staff_and_oversight_only(clerk, oversight, other_agency_clerk, bureau):
    assert access_agency(clerk, "平罗县教育体育局") == bureau
    assert access_agency(oversight, "平罗县教育体育局") == bureau
    for stranger in (other_agency_clerk, AnonymousUser()):
        with pytest.raises(NotFoundOrForbidden):
            access_agency(stranger, "平罗县教育体育局")
    with pytest.raises(NotFoundOrForbidden):
        access_agency(clerk, "不存在的局")
