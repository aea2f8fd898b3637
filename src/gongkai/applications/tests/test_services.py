"""The lifecycle of an application, as the 条例 describes it.

Every workflow test asserts the state and the audit row. "Today" is frozen: a move may not be
dated in the future. Article numbers are those of the 政府信息公开条例 (国务院令第711号).
"""

from __future__ import annotations

import threading
from datetime import date

import pytest
import time_machine
from django.db import connection

from gongkai.applications.models import Application, Consultation
from gongkai.applications.services import (
    PERSONAL_FIELDS,
    application_register,
    application_split,
    transition,
)
from gongkai.applications.states import Action, Status
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import (
    Conflict,
    IllegalTransition,
    NotFoundOrForbidden,
    PermissionDenied,
    ValidationFailed,
)
from gongkai.workdays.models import DeadlineStatus

pytestmark = pytest.mark.django_db

D = date
#: Far enough after every date used here that no move is in the future.
TODAY = "2026-06-30 10:00 +08:00"
MARCH_3 = date(2025, 3, 3)


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def register(clerk, bureau, *, received_on=MARCH_3, number="YSQ-2025-0001", **extra):
    values = {
        "channel": "in_person",
        "applicant_category": "natural_person",
        "request_content": "2024年度县城中小学食堂食品安全检查记录",
        "applicant_name": "张三",
        "applicant_id_number": "640221199001011234",
        "applicant_phone": "13800000000",
        "applicant_address": "平罗县城关镇某路1号",
        "applicant_email": "zhangsan@example.com",
    }
    values.update(extra)
    return application_register(
        actor=clerk, agency=bureau, number=number, received_on=received_on, **values
    )


def move(actor, application, action, on, **kwargs):
    return transition(actor=actor, application=application, action=action, on=on, **kwargs)


def events(application, action):
    return list(
        AuditEvent.objects.filter(
            action=action, target_type="applications.application", target_id=str(application.pk)
        )
    )


def only_event(application, action):
    found = events(application, action)
    assert len(found) == 1, found
    return found[0]


# -- 登记 -----------------------------------------------------------------------------------------


def test_registering_opens_a_20_working_day_answer_period(clerk, bureau):
    """第三十三条第二款: 应当自收到申请之日起20个工作日内予以答复."""
    application = register(clerk, bureau)
    assert application.status == Status.REGISTERED
    assert application.reply_deadline.due == D(2025, 3, 31)
    assert application.version == 1
    assert len(application.tracking_code) >= 16
    event = only_event(application, "application.registered")
    assert event.actor == clerk
    assert event.data["number"] == "YSQ-2025-0001"
    assert event.data["due"] == "2025-03-31"


def test_registration_audit_and_str_hold_no_personal_data(clerk, bureau):
    application = register(clerk, bureau)
    event = only_event(application, "application.registered")
    logged = f"{event.data} {event.target_repr} {application}"
    for field in PERSONAL_FIELDS:
        assert getattr(application, field)
        assert getattr(application, field) not in logged


def test_only_staff_of_the_body_may_register(other_agency_clerk, oversight, bureau):
    for actor in (other_agency_clerk, oversight, None):
        with pytest.raises(PermissionDenied):
            register(actor, bureau)
    assert not Application.objects.exists()
    assert not AuditEvent.objects.filter(action="application.registered").exists()


def test_number_is_unique_within_the_body(clerk, bureau):
    register(clerk, bureau)
    with pytest.raises(Conflict):
        register(clerk, bureau)
    assert Application.objects.count() == 1


def test_an_application_cannot_be_received_in_the_future(clerk, bureau):
    with pytest.raises(ValidationFailed):
        register(clerk, bureau, received_on=D(2026, 7, 1))


def test_registration_errors_name_the_field_but_never_echo_the_value(clerk, bureau):
    with pytest.raises(ValidationFailed) as refused:
        register(clerk, bureau, applicant_email="zhangsan-at-example")
    assert "applicant_email" in refused.value.message
    assert "zhangsan-at-example" not in refused.value.message
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("channel", "pigeon"), ("applicant_category", "个体户"), ("request_content", "  ")],
)
def test_registration_needs_a_known_channel_and_category_and_a_request(clerk, bureau, field, value):
    """第二十九条: the application names the information asked for; 表三 needs the category."""
    with pytest.raises(ValidationFailed):
        register(clerk, bureau, **{field: value})


# -- 补正 (第三十条) ------------------------------------------------------------------------------


def test_correction_restarts_the_answer_period_from_its_receipt(clerk, bureau):
    """第三十条: 答复期限自行政机关收到补正的申请之日起计算.

    Received 3 March 2025; due 31 March. The 补正 notice goes out on 5 March (within 7 working
    days); the corrected application arrives on 20 March: 20 working days from then, across
    清明 (4—6 April), is 18 April.
    """
    application = register(clerk, bureau)
    application = move(clerk, application, Action.ACCEPT, D(2025, 3, 3))
    application = move(clerk, application, Action.REQUEST_CORRECTION, D(2025, 3, 5))
    assert application.status == Status.AWAITING_CORRECTION
    requested = only_event(application, "application.correction_requested")
    assert requested.data["notice_due"] == "2025-03-12"
    assert requested.data["late"] is False

    application = move(clerk, application, Action.RECEIVE_CORRECTION, D(2025, 3, 20))
    assert application.status == Status.IN_REVIEW
    assert application.correction_received_on == D(2025, 3, 20)
    application.reply_deadline.refresh_from_db()
    assert application.reply_deadline.due == D(2025, 4, 18)
    received = only_event(application, "application.correction_received")
    assert received.data["due"] == "2025-04-18"
    assert received.data["from"] == Status.AWAITING_CORRECTION


def test_correction_is_requested_only_once(clerk, bureau):
    """第三十条: 一次性告知申请人作出补正 — a second request is refused."""
    application = register(clerk, bureau)
    application = move(clerk, application, Action.ACCEPT, D(2025, 3, 3))
    application = move(clerk, application, Action.REQUEST_CORRECTION, D(2025, 3, 5))
    application = move(clerk, application, Action.RECEIVE_CORRECTION, D(2025, 3, 10))
    with pytest.raises(IllegalTransition, match="一次性"):
        move(clerk, application, Action.REQUEST_CORRECTION, D(2025, 3, 11))
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    assert len(events(application, "application.correction_requested")) == 1


def test_correction_not_made_in_time_closes_as_six_one(clerk, reviewer, bureau):
    """第三十条: 申请人无正当理由逾期不补正的，视为放弃申请 → 表三（六）1."""
    application = register(clerk, bureau)
    application = move(clerk, application, Action.ACCEPT, D(2025, 3, 3))
    application = move(clerk, application, Action.REQUEST_CORRECTION, D(2025, 3, 5))
    with pytest.raises(PermissionDenied):
        move(clerk, application, Action.CORRECTION_LAPSED, D(2025, 4, 7))
    application = move(reviewer, application, Action.CORRECTION_LAPSED, D(2025, 4, 7))
    assert application.status == Status.ABANDONED
    assert application.outcome == "other_1"
    assert application.answered_on == D(2025, 4, 7)
    assert only_event(application, "application.correction_lapsed").data["outcome"] == "other_1"


# -- 征求意见 (第三十二条) -------------------------------------------------------------------------


def test_consultation_over_national_day_pauses_the_clock(clerk, bureau):
    """第三十二条、第三十三条第三款: 征求第三方意见所需时间不计算在答复期限内.

    Received 15 September 2025: due 17 October. The third party is asked on 22 September and
    answers on 15 October; the 13 working days after the sending up to the answer (国庆 1—8
    October not being working days, 28 September and 11 October being 调休 working days) do
    not count: the answer is due on 5 November.
    """
    application = register(clerk, bureau, received_on=D(2025, 9, 15))
    assert application.reply_deadline.due == D(2025, 10, 17)
    application = move(clerk, application, Action.ACCEPT, D(2025, 9, 15))
    application = move(
        clerk, application, Action.START_CONSULTATION, D(2025, 9, 22), party="某某建设有限公司"
    )
    assert application.status == Status.IN_CONSULTATION
    started = only_event(application, "application.consultation_started")
    assert started.data["party_kind"] == "third_party"
    assert "某某建设有限公司" not in str(started.data)

    application = move(clerk, application, Action.END_CONSULTATION, D(2025, 10, 15))
    assert application.status == Status.IN_REVIEW
    application.reply_deadline.refresh_from_db()
    assert application.reply_deadline.due == D(2025, 11, 5)
    consultation = Consultation.objects.get(application=application)
    assert (consultation.sent_on, consultation.ended_on) == (D(2025, 9, 22), D(2025, 10, 15))
    assert only_event(application, "application.consultation_ended").data["due"] == "2025-11-05"


def test_consultation_cannot_end_the_day_it_was_sent(clerk, bureau):
    application = register(clerk, bureau, received_on=D(2025, 9, 15))
    application = move(clerk, application, Action.ACCEPT, D(2025, 9, 15))
    application = move(clerk, application, Action.START_CONSULTATION, D(2025, 9, 22))
    with pytest.raises(ValidationFailed):
        move(clerk, application, Action.END_CONSULTATION, D(2025, 9, 22))
    assert not events(application, "application.consultation_ended")


# -- 延期 (第三十三条) ----------------------------------------------------------------------------


def test_extension_approved_by_the_head_adds_20_working_days_once(clerk, head, bureau):
    """第三十三条第二款: 需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，
    延长的期限最长不得超过20个工作日."""
    application = register(clerk, bureau)
    application = move(clerk, application, Action.ACCEPT, D(2025, 3, 3))
    application = move(head, application, Action.EXTEND, D(2025, 3, 25))
    assert application.status == Status.IN_REVIEW
    assert application.extended is True
    application.reply_deadline.refresh_from_db()
    assert application.reply_deadline.due == D(2025, 4, 28)
    event = only_event(application, "application.extended")
    assert event.actor == head
    assert event.data["due"] == "2025-04-28"

    with pytest.raises(IllegalTransition, match="只能延长一次"):
        move(head, application, Action.EXTEND, D(2025, 4, 1))
    assert len(events(application, "application.extended")) == 1


def test_extension_is_refused_for_the_clerk_with_the_reason(clerk, reviewer, bureau):
    """第三十三条第二款: the 经办人 (and the 审核人) cannot extend; no audit row is written."""
    application = register(clerk, bureau)
    application = move(clerk, application, Action.ACCEPT, D(2025, 3, 3))
    for actor in (clerk, reviewer):
        with pytest.raises(PermissionDenied) as refused:
            move(actor, application, Action.EXTEND, D(2025, 3, 25))
        assert refused.value.message == "延长答复期限须经负责人同意（条例第三十三条第二款）"
    application.refresh_from_db()
    assert application.extended is False
    assert application.reply_deadline.due == D(2025, 3, 31)
    assert not events(application, "application.extended")


def test_extension_after_the_period_has_run_out_is_refused(clerk, head, bureau):
    application = register(clerk, bureau)
    application = move(clerk, application, Action.ACCEPT, D(2025, 3, 3))
    with pytest.raises(IllegalTransition, match="届满"):
        move(head, application, Action.EXTEND, D(2025, 4, 1))


# -- 收费 (第四十二条, 国办函〔2020〕109号) -----------------------------------------------------


def test_unpaid_fee_closes_as_six_two(clerk, head, reviewer, bureau):
    """109号: 申请人逾期未缴纳的视为放弃申请 → 表三（六）2."""
    application = register(clerk, bureau)
    application = move(clerk, application, Action.ACCEPT, D(2025, 3, 3))
    application = move(
        head, application, Action.REQUEST_FEE, D(2025, 3, 10), fee_method="per_page", pages=40
    )
    assert application.status == Status.AWAITING_FEE
    assert only_event(application, "application.fee_requested").actor == head
    application = move(reviewer, application, Action.FEE_LAPSED, D(2025, 4, 10))
    assert application.status == Status.ABANDONED
    assert application.outcome == "other_2"
    assert application.answered_on == D(2025, 4, 10)
    application.reply_deadline.refresh_from_db()
    assert application.reply_deadline.status == DeadlineStatus.CLOSED
    event = only_event(application, "application.fee_lapsed")
    assert event.data["outcome"] == "other_2"
    assert event.data["to"] == Status.ABANDONED


def test_paid_fee_returns_the_application_to_review(clerk, head, bureau):
    application = register(clerk, bureau)
    application = move(clerk, application, Action.ACCEPT, D(2025, 3, 3))
    application = move(
        head, application, Action.REQUEST_FEE, D(2025, 3, 10), fee_method="per_page", pages=40
    )
    application = move(clerk, application, Action.FEE_PAID, D(2025, 3, 12))
    assert application.status == Status.IN_REVIEW
    assert only_event(application, "application.fee_paid").data["from"] == Status.AWAITING_FEE


def test_fee_request_needs_the_head(clerk, bureau):
    application = register(clerk, bureau)
    application = move(clerk, application, Action.ACCEPT, D(2025, 3, 3))
    with pytest.raises(PermissionDenied, match="负责人"):
        move(
            clerk, application, Action.REQUEST_FEE, D(2025, 3, 10), fee_method="per_page", pages=40
        )
    assert not events(application, "application.fee_requested")


# -- 答复, 撤回, 归档 --------------------------------------------------------------------------


def test_answer_sets_the_outcome_row_and_closes_the_period(clerk, reviewer, bureau):
    """第三十六条: the answer falls in one row of 表三 三、本年度办理结果."""
    application = register(clerk, bureau)
    application = move(clerk, application, Action.ACCEPT, D(2025, 3, 3))
    application = move(reviewer, application, Action.ANSWER, D(2025, 3, 20), outcome="unable_1")
    assert application.status == Status.ANSWERED
    assert application.outcome == "unable_1"
    assert application.answered_on == D(2025, 3, 20)
    application.reply_deadline.refresh_from_db()
    assert application.reply_deadline.status == DeadlineStatus.CLOSED
    event = only_event(application, "application.answered")
    assert event.actor == reviewer
    assert event.data["outcome"] == "unable_1"
    assert event.data["version"] == 3

    application = move(clerk, application, Action.ARCHIVE, D(2025, 3, 21))
    assert application.status == Status.ARCHIVED
    assert application.outcome == "unable_1"
    assert only_event(application, "application.archived").data["to"] == Status.ARCHIVED


@pytest.mark.parametrize(
    ("outcome", "message"),
    [
        (None, "须选择办理结果"),
        ("denied_9", "未知的办理结果"),
        ("other_1", "逾期未补正"),
        ("unable_3", "收到补正后"),
    ],
)
def test_answer_needs_a_fitting_outcome(clerk, reviewer, bureau, outcome, message):
    application = register(clerk, bureau)
    application = move(clerk, application, Action.ACCEPT, D(2025, 3, 3))
    with pytest.raises(ValidationFailed, match=message):
        move(reviewer, application, Action.ANSWER, D(2025, 3, 20), outcome=outcome)
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    assert not events(application, "application.answered")


def test_a_clerk_cannot_sign_the_answer(clerk, bureau):
    application = register(clerk, bureau)
    application = move(clerk, application, Action.ACCEPT, D(2025, 3, 3))
    with pytest.raises(PermissionDenied, match="审核"):
        move(clerk, application, Action.ANSWER, D(2025, 3, 20), outcome="granted")


def test_withdrawn_application_is_counted_as_six_three(clerk, bureau):
    """An application the applicant withdraws is concluded under 表三（六）3 其他."""
    application = register(clerk, bureau, received_on=D(2025, 9, 15))
    application = move(clerk, application, Action.ACCEPT, D(2025, 9, 15))
    application = move(clerk, application, Action.START_CONSULTATION, D(2025, 9, 22))
    application = move(clerk, application, Action.WITHDRAW, D(2025, 9, 24))
    assert application.status == Status.WITHDRAWN
    assert application.outcome == "other_3"
    assert application.answered_on == D(2025, 9, 24)
    assert Consultation.objects.get(application=application).ended_on == D(2025, 9, 24)
    application.reply_deadline.refresh_from_db()
    assert application.reply_deadline.status == DeadlineStatus.CLOSED
    event = only_event(application, "application.withdrawn")
    assert event.data["from"] == Status.IN_CONSULTATION
    assert event.data["outcome"] == "other_3"


# -- refusals -------------------------------------------------------------------------------------


def test_illegal_transition_is_refused_with_its_reason_and_leaves_no_audit_row(
    clerk, reviewer, bureau
):
    application = register(clerk, bureau)
    with pytest.raises(IllegalTransition) as refused:
        move(reviewer, application, Action.ANSWER, D(2025, 3, 20), outcome="granted")
    assert refused.value.message == "申请处于“已登记”状态，不能“作出答复”"
    assert "accept" in refused.value.data["allowed"]
    application.refresh_from_db()
    assert application.status == Status.REGISTERED
    assert application.version == 1
    assert not events(application, "application.answered")


def test_a_concluded_application_cannot_move_again(clerk, reviewer, bureau):
    application = register(clerk, bureau)
    application = move(clerk, application, Action.ACCEPT, D(2025, 3, 3))
    application = move(reviewer, application, Action.ANSWER, D(2025, 3, 20), outcome="granted")
    with pytest.raises(IllegalTransition):
        move(clerk, application, Action.WITHDRAW, D(2025, 3, 21))


def test_a_stranger_sees_no_application(clerk, other_agency_clerk, oversight, bureau):
    application = register(clerk, bureau)
    for actor in (other_agency_clerk, oversight, None):
        with pytest.raises(NotFoundOrForbidden):
            move(actor, application, Action.ACCEPT, D(2025, 3, 3))
    assert not events(application, "application.accepted")


def test_a_move_cannot_be_dated_before_the_last_event_or_in_the_future(clerk, bureau):
    application = register(clerk, bureau)
    with pytest.raises(ValidationFailed, match="早于"):
        move(clerk, application, Action.ACCEPT, D(2025, 3, 2))
    with pytest.raises(ValidationFailed, match="晚于今天"):
        move(clerk, application, Action.ACCEPT, D(2026, 7, 1))
    with pytest.raises(ValidationFailed, match="未知的办理操作"):
        move(clerk, application, "approve", D(2025, 3, 3))


# -- 一事一申请 ------------------------------------------------------------------------------------


def test_split_makes_one_application_per_item_each_with_its_own_period(clerk, bureau):
    """regulations.md §1.7: a letter asking for several things may be split into several 件,
    each counted once in 表三, with an audit trail."""
    application = register(clerk, bureau)
    application = move(clerk, application, Action.ACCEPT, D(2025, 3, 3))
    parts = application_split(
        actor=clerk,
        application=application,
        parts=["食堂检查记录", "校车采购合同", "学区划分方案"],
        on=D(2025, 3, 4),
        expected_version=2,
    )
    assert [p.number for p in parts] == ["YSQ-2025-0001", "YSQ-2025-0001-2", "YSQ-2025-0001-3"]
    original, second, third = parts
    assert original.request_content == "食堂检查记录"
    assert original.version == 3
    assert second.split_from == third.split_from == original
    assert second.status == third.status == Status.IN_REVIEW
    assert second.reply_deadline.due == D(2025, 3, 31)
    assert second.reply_deadline != original.reply_deadline
    assert second.applicant_name == original.applicant_name
    assert second.tracking_code != original.tracking_code
    split = only_event(original, "application.split")
    assert split.data["parts"] == [p.number for p in parts]
    assert only_event(third, "application.split_part").data["split_from"] == "YSQ-2025-0001"
    assert "张三" not in str(split.data)


def test_split_is_refused_once_the_clock_was_changed(clerk, head, bureau):
    application = register(clerk, bureau)
    application = move(clerk, application, Action.ACCEPT, D(2025, 3, 3))
    application = move(head, application, Action.EXTEND, D(2025, 3, 10))
    with pytest.raises(IllegalTransition, match="不能拆分"):
        application_split(actor=clerk, application=application, parts=["a", "b"], on=D(2025, 3, 11))
    with pytest.raises(ValidationFailed):
        application_split(actor=clerk, application=application, parts=["a"], on=D(2025, 3, 11))
    assert Application.objects.count() == 1
    assert not events(application, "application.split")


def test_split_needs_staff_of_the_body(clerk, other_agency_clerk, bureau):
    application = register(clerk, bureau)
    with pytest.raises(NotFoundOrForbidden):
        application_split(
            actor=other_agency_clerk, application=application, parts=["a", "b"], on=D(2025, 3, 4)
        )
    assert Application.objects.count() == 1


# -- concurrency ----------------------------------------------------------------------------------


def test_stale_expected_version_is_a_conflict(clerk, bureau):
    """Two clerks open the same form (version 1); the second to save is refused."""
    application = register(clerk, bureau)
    first = move(clerk, application, Action.ACCEPT, D(2025, 3, 3), expected_version=1)
    assert first.version == 2
    with pytest.raises(Conflict, match="已被他人修改"):
        move(clerk, application, Action.WITHDRAW, D(2025, 3, 4), expected_version=1)
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    assert not events(application, "application.withdrawn")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="row locks need a server database")
def test_concurrent_moves_are_serialised_by_the_row_lock(clerk, bureau):
    """Two threads accept the same version at once: exactly one wins."""
    application = register(clerk, bureau)
    results: list[str] = []
    barrier = threading.Barrier(2)

    def worker() -> None:
        barrier.wait()
        try:
            move(clerk, application, Action.ACCEPT, D(2025, 3, 3), expected_version=1)
            results.append("ok")
        except (Conflict, IllegalTransition):
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["ok", "refused"]
    application.refresh_from_db()
    assert application.version == 2
    assert len(events(application, "application.accepted")) == 1
