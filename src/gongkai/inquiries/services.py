"""Writes of public concerns and 建议提案: validated, permission-checked, audited.

``actor`` is the user acting. ``None`` stands for the operator at the server's command line
(``gongkai inquiries import``), who already holds the database; every other entry point (pages,
API) passes ``request.user`` and must be staff of the body
(:data:`gongkai.agencies.selectors.STAFF_ROLES`).

The audit log never receives the requester's name or phone, nor the content or reply text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import staff_require
from gongkai.audit.services import record
from gongkai.core.errors import Conflict, IllegalTransition, ValidationFailed
from gongkai.core.types import Actor
from gongkai.inquiries.importing import InquiryRow
from gongkai.inquiries.models import (
    Channel,
    Inquiry,
    InquiryKind,
    InquiryResult,
    Proposal,
    ProposalKind,
    ProposalResult,
    ReplyPeriod,
)
from gongkai.inquiries.selectors import reply_period_days, reply_periods
from gongkai.workdays.calendar import WorkingCalendar
from gongkai.workdays.selectors import calendar_get

#: Upper bound of a configurable reply period (a year of working days).
MAX_REPLY_WORKING_DAYS = 250


@dataclass(frozen=True)
class ImportSummary:
    imported: int
    updated: int
    unchanged: int


def _text(value: str, *, label: str, max_length: int, required: bool = False) -> str:
    value = value.strip()
    if required and not value:
        raise ValidationFailed(f"{label}不能为空")
    if len(value) > max_length:
        raise ValidationFailed(f"{label}过长（{len(value)}字，最多{max_length}字）")
    return value


def _choice(value: str, choices: Any, label: str) -> str:
    if value not in choices.values:
        options = "、".join(f"{c.label}({c.value})" for c in choices)
        raise ValidationFailed(f"未知的{label}“{value}”，可选：{options}")
    return value


def _not_future(day: date, label: str) -> None:
    if day > timezone.localdate():
        raise ValidationFailed(f"{label} {day.isoformat()} 晚于今天")


def _period(days: int) -> int:
    if (
        isinstance(days, bool)
        or not isinstance(days, int)
        or not 1 <= days <= MAX_REPLY_WORKING_DAYS
    ):
        raise ValidationFailed(f"答复期限应为1至{MAX_REPLY_WORKING_DAYS}个工作日，收到“{days}”")
    return days


def _due(received_on: date, days: int, calendar: WorkingCalendar | None = None) -> date:
    return (calendar or calendar_get()).add(received_on, days)


def inquiries_recompute_due(*, calendar: WorkingCalendar | None = None) -> int:
    """Recompute the reply dates of the concerns still open on the current calendar (after a
    holiday notice is loaded or edited); idempotent, returns how many moved. A closed concern
    keeps the date it was judged against."""
    cal = calendar or calendar_get()
    with transaction.atomic():
        moved: list[Inquiry] = []
        for inquiry in Inquiry.objects.select_for_update().filter(replied_on__isnull=True):
            due = _due(inquiry.received_on, inquiry.reply_period_days, cal)
            if due != inquiry.reply_due:
                inquiry.reply_due = due
                moved.append(inquiry)
        Inquiry.objects.bulk_update(moved, ["reply_due", "updated_at"], batch_size=500)
        if moved:
            record(actor=None, action="inquiry.deadlines_recomputed", data={"changed": len(moved)})
    return len(moved)


# -- settings -----------------------------------------------------------------------------------


def reply_period_set(
    *, actor: Actor, agency: Agency, channel: str, working_days: int
) -> ReplyPeriod:
    """Set the body's reply period for a channel; applies to concerns registered afterwards."""
    staff_require(actor, agency, "设置答复期限")
    _choice(channel, Channel, "来源渠道")
    _period(working_days)
    with transaction.atomic():
        period, _ = ReplyPeriod.objects.update_or_create(
            agency=agency, channel=channel, defaults={"working_days": working_days}
        )
        record(
            actor=actor,
            action="inquiry.reply_period_set",
            target=agency,
            data={"channel": channel, "working_days": working_days},
        )
    return period


# -- concerns -----------------------------------------------------------------------------------


def inquiry_register(
    *,
    actor: Actor,
    agency: Agency,
    channel: str,
    received_on: date,
    subject: str,
    kind: str = InquiryKind.COMPLAINT,
    content: str = "",
    external_number: str = "",
    requester_name: str = "",
    requester_phone: str = "",
    reply_period_days_promised: int | None = None,
    is_demo: bool = False,
) -> Inquiry:
    """Record a concern received; its ``reply_due`` is computed on the working-day calendar.

    ``reply_period_days_promised`` overrides the body's period for this concern (e.g. a shorter
    period the platform set on the 工单).
    """
    staff_require(actor, agency, "登记公众诉求")
    _choice(channel, Channel, "来源渠道")
    _choice(kind, InquiryKind, "诉求类型")
    subject = _text(subject, label="诉求标题", max_length=300, required=True)
    external_number = _text(external_number, label="工单编号", max_length=64)
    requester_name = _text(requester_name, label="诉求人姓名", max_length=100)
    requester_phone = _text(requester_phone, label="联系电话", max_length=50)
    _not_future(received_on, "受理日期")
    days = (
        _period(reply_period_days_promised)
        if reply_period_days_promised is not None
        else reply_period_days(agency=agency, channel=channel)
    )
    duplicate = Conflict(
        f"{Channel(channel).label}工单编号“{external_number}”已登记", code="duplicate"
    )
    if (
        external_number
        and Inquiry.objects.filter(
            agency=agency, channel=channel, external_number=external_number
        ).exists()
    ):
        raise duplicate
    try:
        with transaction.atomic():
            inquiry = Inquiry.objects.create(
                agency=agency,
                channel=channel,
                kind=kind,
                external_number=external_number,
                received_on=received_on,
                subject=subject,
                content=content.strip(),
                requester_name=requester_name,
                requester_phone=requester_phone,
                reply_period_days=days,
                reply_due=_due(received_on, days),
                is_demo=is_demo,
            )
            record(
                actor=actor,
                action="inquiry.registered",
                target=inquiry,
                data={
                    "channel": channel,
                    "kind": kind,
                    "external_number": external_number,
                    "received_on": received_on.isoformat(),
                    "reply_due": inquiry.reply_due.isoformat(),
                },
            )
    except IntegrityError:
        raise duplicate from None
    return inquiry


def inquiry_conclude(
    *, actor: Actor, inquiry: Inquiry, result: str, replied_on: date, reply_text: str = ""
) -> Inquiry:
    """Close a concern: 回复、退回、撤回 or 转办 on ``replied_on``. A closed one stays closed."""
    staff_require(actor, inquiry.agency, "办结公众诉求")
    _choice(result, InquiryResult, "办理结果")
    _not_future(replied_on, "办结日期")
    if result == InquiryResult.ANSWERED and not reply_text.strip():
        raise ValidationFailed("办理结果为“回复”时应填写答复内容")
    with transaction.atomic():
        locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        if locked.result:
            raise IllegalTransition(
                f"该诉求已于{locked.replied_on}办结（{locked.get_result_display()}），不能再次办结"
            )
        if replied_on < locked.received_on:
            raise ValidationFailed(
                f"办结日期 {replied_on.isoformat()} 早于受理日期 {locked.received_on.isoformat()}"
            )
        locked.result = result
        locked.replied_on = replied_on
        locked.reply_text = reply_text.strip()
        locked.save(update_fields=["result", "replied_on", "reply_text", "updated_at"])
        record(
            actor=actor,
            action="inquiry.concluded",
            target=locked,
            data={
                "result": result,
                "replied_on": replied_on.isoformat(),
                "reply_due": locked.reply_due.isoformat(),
                "late": replied_on > locked.reply_due,
            },
        )
    return locked


#: Fields an import writes (and compares, to tell an unchanged row from a changed one).
_IMPORTED_FIELDS = (
    "kind",
    "received_on",
    "subject",
    "content",
    "requester_name",
    "requester_phone",
    "result",
    "replied_on",
    "reply_text",
)

_CONCLUSION_FIELDS = ("result", "replied_on", "reply_text")


def inquiries_import(
    *, actor: Actor, agency: Agency, rows: Sequence[InquiryRow], source_name: str = ""
) -> ImportSummary:
    """Create or update the body's concerns from checked import rows, all or nothing.

    A row is matched by (channel, 工单编号): a new one is created, a changed one updated, an
    identical one left alone, so importing the same file twice changes nothing. A row without
    a result never reopens a concern already concluded (an older export must not undo the
    work). One audit event records the counts (no row content).
    """
    staff_require(actor, agency, "导入公众诉求")
    if any(not row.external_number for row in rows):
        raise ValidationFailed("导入的每一行都应有工单编号")
    calendar = calendar_get()
    periods = reply_periods(agency=agency)
    with transaction.atomic():
        existing = {
            (inquiry.channel, inquiry.external_number): inquiry
            for inquiry in Inquiry.objects.select_for_update()
            .filter(agency=agency)
            .exclude(external_number="")
        }
        created: list[Inquiry] = []
        changed: list[Inquiry] = []
        for row in rows:
            values = {field: getattr(row, field) for field in _IMPORTED_FIELDS}
            values["result"] = row.result or ""
            current = existing.get((row.channel, row.external_number))
            if current is None:
                days = periods[row.channel]
                created.append(
                    Inquiry(
                        agency=agency,
                        channel=row.channel,
                        external_number=row.external_number,
                        reply_period_days=days,
                        reply_due=_due(row.received_on, days, calendar),
                        **values,
                    )
                )
                continue
            if current.result and not row.result:
                for field in _CONCLUSION_FIELDS:
                    values[field] = getattr(current, field)
            if all(getattr(current, field) == value for field, value in values.items()):
                continue
            for field, value in values.items():
                setattr(current, field, value)
            current.reply_due = _due(current.received_on, current.reply_period_days, calendar)
            changed.append(current)
        now = timezone.now()
        for inquiry in changed:
            inquiry.updated_at = now
        Inquiry.objects.bulk_create(created, batch_size=500)
        Inquiry.objects.bulk_update(
            changed, [*_IMPORTED_FIELDS, "reply_due", "updated_at"], batch_size=500
        )
        summary = ImportSummary(
            imported=len(created),
            updated=len(changed),
            unchanged=len(rows) - len(created) - len(changed),
        )
        if created or changed:
            record(
                actor=actor,
                action="inquiry.imported",
                target=agency,
                data={
                    "file": source_name,
                    "rows": len(rows),
                    "imported": summary.imported,
                    "updated": summary.updated,
                },
            )
    return summary


# -- proposals ----------------------------------------------------------------------------------


def proposal_register(
    *,
    actor: Actor,
    agency: Agency,
    kind: str,
    source_body: str,
    title: str,
    received_on: date,
    number: str = "",
    is_demo: bool = False,
) -> Proposal:
    """Record a 人大代表建议 or 政协提案 assigned to the body."""
    staff_require(actor, agency, "登记建议提案")
    _choice(kind, ProposalKind, "建议提案类型")
    source_body = _text(source_body, label="交办单位", max_length=50, required=True)
    title = _text(title, label="标题", max_length=300, required=True)
    number = _text(number, label="编号", max_length=50)
    _not_future(received_on, "交办日期")
    with transaction.atomic():
        proposal = Proposal.objects.create(
            agency=agency,
            kind=kind,
            source_body=source_body,
            number=number,
            title=title,
            received_on=received_on,
            is_demo=is_demo,
        )
        record(
            actor=actor,
            action="proposal.registered",
            target=proposal,
            data={
                "kind": kind,
                "source_body": source_body,
                "number": number,
                "received_on": received_on.isoformat(),
            },
        )
    return proposal


def proposal_conclude(
    *,
    actor: Actor,
    proposal: Proposal,
    result: str,
    handled_on: date,
    reply_published: bool = False,
    published_url: str = "",
) -> Proposal:
    """Record the 办理结果; ``published_url`` is where the reply is published on the website."""
    staff_require(actor, proposal.agency, "办结建议提案")
    _choice(result, ProposalResult, "办理结果")
    _not_future(handled_on, "办结日期")
    published_url = published_url.strip()
    if published_url and not reply_published:
        raise ValidationFailed("填写了公开网址，但未勾选“答复已公开”")
    if published_url and not published_url.startswith(("http://", "https://")):
        raise ValidationFailed(f"公开网址“{published_url}”应以 http:// 或 https:// 开头")
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.result:
            raise IllegalTransition(
                f"该建议提案已于{locked.handled_on}办结（{locked.get_result_display()}），"
                "不能再次办结"
            )
        if handled_on < locked.received_on:
            raise ValidationFailed(
                f"办结日期 {handled_on.isoformat()} 早于交办日期 {locked.received_on.isoformat()}"
            )
        locked.result = result
        locked.handled_on = handled_on
        locked.reply_published = reply_published
        locked.published_url = published_url
        locked.save(
            update_fields=["result", "handled_on", "reply_published", "published_url", "updated_at"]
        )
        record(
            actor=actor,
            action="proposal.concluded",
            target=locked,
            data={
                "result": result,
                "handled_on": handled_on.isoformat(),
                "reply_published": reply_published,
                "published_url": published_url,
            },
        )
    return locked
