"""Fees in the case file: 收费通知, payment, non-payment (条例 第四十二条, 国办函〔2020〕109号)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from gongkai.applications.fees import FeeMethod, quote, yuan
from gongkai.applications.models import (
    Application,
    FeeNotice,
    FeeStatus,
)
from gongkai.applications.selectors import earlier_in_month
from gongkai.applications.services.common import (
    conclude,
)
from gongkai.applications.states import (
    CONCLUDING_ROWS,
    Action,
)
from gongkai.core.errors import (
    IllegalTransition,
    ValidationFailed,
)
from gongkai.workdays import rules
from gongkai.workdays.models import Deadline, DeadlineKind
from gongkai.workdays.selectors import fee_notice_pauses_reply, pauses_from_json
from gongkai.workdays.services import (
    deadline_close,
    deadline_create,
    deadline_pause,
    deadline_pause_end,
)

FEE_ACTIONS = frozenset({Action.REQUEST_FEE, Action.FEE_PAID, Action.FEE_LAPSED})


def _unpaid_notice(application: Application) -> FeeNotice:
    notice = (
        FeeNotice.objects.select_for_update()
        .select_related("payment_deadline")
        .filter(application=application, status=FeeStatus.UNPAID)
        .first()
    )
    if notice is None:  # pragma: no cover - the status 待缴费 guarantees one
        raise IllegalTransition("没有待缴费的收费通知")
    return notice


def _reduced(
    fee: Decimal, text: str, reduction: Decimal | None, reason: str
) -> tuple[Decimal, str]:
    """The amount to pay and its calculation after a 减免 of ``reduction`` 元 (``None``: none)."""
    if reduction is None or reduction == 0:
        return fee, text
    if reduction < 0 or reduction != reduction.quantize(Decimal("0.01")):
        raise ValidationFailed(f"减免金额应为不小于0的金额（元，最多两位小数），收到“{reduction}”")
    if not reason.strip():
        raise ValidationFailed("减免信息处理费须写明理由")
    if reduction >= fee:
        raise ValidationFailed(
            f"{text}\n减免{yuan(reduction)}后无需缴费，不必发出收费通知（减免理由请记入办理意见）"
        )
    amount = fee - reduction
    return amount, f"{text}\n减免{yuan(reduction)}（理由：{reason.strip()}），应缴{yuan(amount)}"


def _fee_pause_open(reply: Deadline, noticed_on: date) -> bool:
    """Whether the answer clock's last pause is the one this notice started (the setting may
    have changed since, so the pause itself is looked at, not the setting)."""
    pauses = pauses_from_json(reply.pauses)
    last = max(pauses, key=lambda p: p.first, default=None)
    return (
        last is not None
        and last.first == noticed_on + timedelta(days=1)
        and last.label == rules.FEE_PAUSE_LABEL
    )


def apply_fee(
    application: Application,
    action: Action,
    on: date,
    fee_method: str | None,
    pages: int | None,
    items: int,
    *,
    reduction: Decimal | None = None,
    reduction_reason: str = "",
) -> tuple[list[str], dict[str, Any]]:
    """Fee notice, payment and non-payment (条例 第四十二条, 国办函〔2020〕109号).

    ``reduction``: 减免 the body grants on the quote, in 元, with its reason (regulations.md §3:
    whether 109号 has a 减免 clause is unverified, so it is a discretionary, reasoned figure).
    A reduction of the whole fee means no notice at all."""
    if action is Action.REQUEST_FEE:
        reply = Deadline.objects.get(pk=application.reply_deadline_id)
        reply_due = reply.due
        if on > reply_due:
            raise IllegalTransition(
                f"收费通知应在答复期限内发出，答复期限已于{reply_due.isoformat()}届满"
            )
        if fee_method == FeeMethod.PER_ITEM:
            # ``pages`` is passed on so that a 件 priced both ways is refused (第三条).
            fee = quote(
                FeeMethod.PER_ITEM,
                earlier_in_month=earlier_in_month(application),
                items=items,
                pages=pages,
            )
        elif fee_method == FeeMethod.PER_PAGE:
            if pages is None:
                raise ValidationFailed("按量计收需要填写页数")
            fee = quote(FeeMethod.PER_PAGE, pages=pages)
        else:
            raise ValidationFailed("请选择计收方式：按件计收（per_item）或按量计收（per_page）")
        if fee.amount <= 0:
            raise ValidationFailed(f"{fee.text}\n按此标准不收费，无需发出收费通知")
        amount, calculation = _reduced(fee.amount, fee.text, reduction, reduction_reason)
        payment = deadline_create(kind=DeadlineKind.FEE_PAYMENT, start=on)
        paused = fee_notice_pauses_reply()
        if paused:
            deadline_pause(
                deadline=reply,
                first=on + timedelta(days=1),
                last=payment.due,
                label=rules.FEE_PAUSE_LABEL,
            )
        FeeNotice.objects.create(
            application=application,
            method=fee.method.value,
            earlier_in_month=earlier_in_month(application)
            if fee.method is FeeMethod.PER_ITEM
            else None,
            pages=pages if fee.method is FeeMethod.PER_PAGE else None,
            amount=amount,
            calculation=calculation,
            reduction=reduction or Decimal(0),
            reduction_reason=reduction_reason.strip() if reduction else "",
            basis=fee.basis,
            noticed_on=on,
            payment_deadline=payment,
        )
        return [], {
            "fee_method": fee.method.value,
            "amount": str(amount),
            "reduction": str(reduction or 0),
            "pay_due": payment.due.isoformat(),
            "reply_paused": paused,
        }
    notice = _unpaid_notice(application)
    pay_due = notice.payment_deadline.due
    if action is Action.FEE_PAID:
        if on > pay_due:
            raise IllegalTransition(
                f"缴费期限已于{pay_due.isoformat()}届满，逾期未缴纳的视为放弃申请"
                "（国办函〔2020〕109号）"
            )
        notice.paid_on = on
        notice.status = FeeStatus.PAID
        notice.save(update_fields=["paid_on", "status"])
        deadline_close(deadline=notice.payment_deadline)
        reply = Deadline.objects.get(pk=application.reply_deadline_id)
        if _fee_pause_open(reply, notice.noticed_on):
            reply = deadline_pause_end(deadline=reply, on=on)
        return [], {"amount": str(notice.amount), "reply_due": reply.due.isoformat()}
    if on <= pay_due:
        raise IllegalTransition(f"缴费期限至{pay_due.isoformat()}，尚未届满，不能视为放弃")
    notice.status = FeeStatus.LAPSED
    notice.save(update_fields=["status"])
    deadline_close(deadline=notice.payment_deadline)
    row = CONCLUDING_ROWS[action]
    return conclude(application, row, on), {"outcome": row, "pay_due": pay_due.isoformat()}
