"""Fees in the case file: 条例 第四十二条 and 国办函〔2020〕109号 (regulations.md §3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.test import override_settings

from gongkai.applications.models import FeeNotice, FeeStatus
from gongkai.applications.services import application_register, transition
from gongkai.applications.states import Action, Status
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import IllegalTransition, ValidationFailed
from gongkai.workdays.models import Deadline

pytestmark = pytest.mark.django_db

APPLICANT = {"applicant_name": "赵六", "applicant_id_number": "640221198001011111"}


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel("2025-12-30 10:00 +0800", tick=False):
        yield


def register(clerk, bureau, number, received, **extra):
    return application_register(
        actor=clerk,
        agency=bureau,
        number=number,
        channel="online",
        received_on=received,
        applicant_category="commercial",
        request_content=f"宗地{number}的不动产登记资料",
        **{**APPLICANT, **extra},
    )


def in_review(clerk, bureau, number="F-1", received=date(2025, 3, 3), **extra):
    application = register(clerk, bureau, number, received, **extra)
    return transition(actor=clerk, application=application, action=Action.ACCEPT, on=received)


def _request_fee(head, application, pages=2219, **extra):
    """A 收费通知 按量 on 10 March 2025."""
    return transition(
        actor=head,
        application=application,
        action=Action.REQUEST_FEE,
        on=date(2025, 3, 10),
        fee_method="per_page",
        pages=pages,
        **extra,
    )


def test_fee_by_pages_for_2219_pages(clerk, head, bureau):
    """109号 第五条: 2,219 pages cost 83,460 元 (regulations.md §3.3 worked example)."""
    application = _request_fee(head, in_review(clerk, bureau))
    notice = FeeNotice.objects.get(application=application)
    assert notice.amount == Decimal(83460)
    assert notice.method == "per_page"
    assert "第五条" in notice.basis
    event = AuditEvent.objects.get(action="application.fee_requested")
    assert event.data["amount"] == "83460"
    # 20 working days to pay, from the day after the notice (清明 2025: 4月4日—6日).
    assert event.data["pay_due"] == notice.payment_deadline.due.isoformat() == "2025-04-08"


def test_fee_by_count_the_applicants_thirty_fifth_item_of_the_month(clerk, head, bureau):
    """109号 第四条: the 35th 件 of one applicant in a 自然月 costs 200 元 (4th band)."""
    for n in range(1, 35):
        register(clerk, bureau, f"M-{n:02d}", date(2025, 3, 3))
    # Other months and other applicants do not count.
    register(clerk, bureau, "FEB", date(2025, 2, 27))
    register(clerk, bureau, "OTHER", date(2025, 3, 3), applicant_id_number="640221199912312222")
    application = in_review(clerk, bureau, "M-35", date(2025, 3, 4))
    transition(
        actor=head,
        application=application,
        action=Action.REQUEST_FEE,
        on=date(2025, 3, 5),
        fee_method="per_item",
    )
    notice = FeeNotice.objects.get(application=application)
    assert notice.earlier_in_month == 34
    assert notice.amount == Decimal(200)


def test_fee_by_count_for_a_letter_split_into_thirty_items(clerk, head, bureau):
    """109号 第四条: one application taking the month from 5 to 35 件 costs 3,000 元."""
    for n in range(1, 6):
        register(clerk, bureau, f"E-{n}", date(2025, 3, 3))
    application = in_review(clerk, bureau, "BIG", date(2025, 3, 4))
    transition(
        actor=head,
        application=application,
        action=Action.REQUEST_FEE,
        on=date(2025, 3, 5),
        fee_method="per_item",
        items=30,
    )
    assert FeeNotice.objects.get(application=application).amount == Decimal(3000)


def test_a_fee_below_the_free_threshold_is_not_noticed(clerk, head, bureau):
    """109号 第四条（一）: 10 件 a month are free; no notice for nothing."""
    application = in_review(clerk, bureau)
    with pytest.raises(ValidationFailed, match="不收费"):
        transition(
            actor=head,
            application=application,
            action=Action.REQUEST_FEE,
            on=date(2025, 3, 5),
            fee_method="per_item",
        )
    assert not FeeNotice.objects.exists()


def test_one_item_is_never_priced_both_ways(clerk, head, bureau):
    """109号 第三条: 不得同时按照两种标准重复计算."""
    application = in_review(clerk, bureau)
    with pytest.raises(ValidationFailed, match="不得同时"):
        transition(
            actor=head,
            application=application,
            action=Action.REQUEST_FEE,
            on=date(2025, 3, 5),
            fee_method="per_item",
            pages=500,
        )


def test_fee_notice_after_the_answer_period_is_refused(clerk, head, bureau):
    """条例 第四十二条 with 109号: the notice goes out within the answer period."""
    application = in_review(clerk, bureau)
    with pytest.raises(IllegalTransition, match="答复期限内"):
        transition(
            actor=head,
            application=application,
            action=Action.REQUEST_FEE,
            on=date(2025, 4, 30),
            fee_method="per_page",
            pages=100,
        )


def test_payment_after_the_period_is_refused_and_the_case_lapses(clerk, head, reviewer, bureau):
    """109号: 逾期未缴纳的视为放弃申请 → 表三 （六）2; lapse only after the period."""
    application = in_review(clerk, bureau)
    application = transition(
        actor=head,
        application=application,
        action=Action.REQUEST_FEE,
        on=date(2025, 3, 10),
        fee_method="per_page",
        pages=100,
    )
    with pytest.raises(IllegalTransition, match="尚未届满"):
        transition(
            actor=reviewer, application=application, action=Action.FEE_LAPSED, on=date(2025, 4, 8)
        )
    with pytest.raises(IllegalTransition, match="视为放弃"):
        transition(
            actor=clerk, application=application, action=Action.FEE_PAID, on=date(2025, 4, 9)
        )
    application = transition(
        actor=reviewer, application=application, action=Action.FEE_LAPSED, on=date(2025, 4, 9)
    )
    assert (application.status, application.outcome) == (Status.ABANDONED, "other_2")
    notice = FeeNotice.objects.get(application=application)
    assert notice.status == FeeStatus.LAPSED
    notice.payment_deadline.refresh_from_db()
    assert notice.payment_deadline.status == "closed"


def test_fee_fields_only_go_with_a_fee_notice(clerk, bureau):
    application = register(clerk, bureau, "X", date(2025, 3, 3))
    with pytest.raises(ValidationFailed, match="收费通知"):
        transition(
            actor=clerk,
            application=application,
            action=Action.ACCEPT,
            on=date(2025, 3, 3),
            pages=10,
        )


def _reply_due(application) -> date:
    return Deadline.objects.get(pk=application.reply_deadline_id).due


def _noticed_and_paid(clerk, head, bureau, paid_on):
    application = in_review(clerk, bureau)  # received Monday 2025-03-03: due 2025-03-31
    assert _reply_due(application) == date(2025, 3, 31)
    application = _request_fee(head, application, pages=200)
    noticed_due = _reply_due(application)
    application = transition(
        actor=clerk, application=application, action=Action.FEE_PAID, on=paid_on
    )
    return application, noticed_due


def test_a_fee_notice_stops_the_answer_clock_until_payment(clerk, head, bureau):
    """regulations.md §3 [U] (国办函〔2020〕109号, unverified clause; default on): the days from
    the day after the 收费通知 to the day of payment do not count toward the 20 working days."""
    application, noticed_due = _noticed_and_paid(clerk, head, bureau, date(2025, 3, 17))
    # While awaiting payment the clock is stopped up to the end of the payment period (11 March
    # – 8 April, 20 working days): 31 March + 20 working days, with 27 April (Sunday, 调休) a
    # working day, is 28 April.
    assert noticed_due == date(2025, 4, 28)
    # Paid on Monday 17 March: 11–14 and 17 March (5 working days) are left out; 31 March + 5
    # working days, 清明 (4–6 April) skipped, is 8 April.
    assert _reply_due(application) == date(2025, 4, 8)
    pauses = Deadline.objects.get(pk=application.reply_deadline_id).pauses
    assert pauses == [["2025-03-11", "2025-03-17", "待缴信息处理费（扣除依据未经核实）"]]
    requested = AuditEvent.objects.get(action="application.fee_requested")
    assert requested.data["reply_paused"] is True
    paid = AuditEvent.objects.get(action="application.fee_paid")
    assert paid.data["reply_due"] == "2025-04-08"


@override_settings(GONGKAI_FEE_NOTICE_PAUSES_REPLY=False)
def test_the_fee_pause_can_be_switched_off(clerk, head, bureau):
    """regulations.md §3 [U]: where the clause is found not to exist, the clock runs on."""
    application, noticed_due = _noticed_and_paid(clerk, head, bureau, date(2025, 3, 17))
    assert noticed_due == _reply_due(application) == date(2025, 3, 31)
    assert Deadline.objects.get(pk=application.reply_deadline_id).pauses == []
    assert AuditEvent.objects.get(action="application.fee_requested").data["reply_paused"] is False


def test_a_reduction_is_the_bodys_reasoned_discretion(clerk, head, bureau):
    """regulations.md §3 [U]: whether 109号 has a 减免 clause is unverified, so a reduction is a
    discretionary figure with its reason; the notice asks for the rest and shows both."""
    application = _request_fee(
        head,
        in_review(clerk, bureau),
        fee_reduction=Decimal("3460"),
        fee_reduction_reason="申请人为低保户",
    )
    notice = FeeNotice.objects.get(application=application)
    assert (notice.amount, notice.reduction) == (Decimal(80000), Decimal(3460))
    assert notice.reduction_reason == "申请人为低保户"
    assert notice.calculation.endswith("减免3460元（理由：申请人为低保户），应缴80000元")
    event = AuditEvent.objects.get(action="application.fee_requested")
    assert (event.data["amount"], event.data["reduction"]) == ("80000", "3460")


@pytest.mark.parametrize(
    ("reduction", "reason", "message"),
    [
        (Decimal(100), "  ", "须写明理由"),
        (Decimal(-1), "困难", "不小于0"),
        (Decimal("0.001"), "困难", "最多两位小数"),
        (Decimal(83460), "困难", "无需缴费，不必发出收费通知"),
    ],
)
def test_a_reduction_without_reason_or_of_the_whole_fee_is_refused(
    clerk, head, bureau, reduction, reason, message
):
    application = in_review(clerk, bureau)
    with pytest.raises(ValidationFailed, match=message):
        _request_fee(head, application, fee_reduction=reduction, fee_reduction_reason=reason)
    assert not FeeNotice.objects.exists()


def test_a_reduction_only_with_a_fee_notice(clerk, bureau):
    application = in_review(clerk, bureau)
    with pytest.raises(ValidationFailed, match="减免"):
        transition(
            actor=clerk,
            application=application,
            action=Action.EXTEND,
            on=date(2025, 3, 20),
            fee_reduction=Decimal(10),
        )
