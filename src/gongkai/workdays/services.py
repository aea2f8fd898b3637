"""Writes of the holiday calendar and of deadlines. Every calendar write recomputes deadlines.

The deadline services (``deadline_create``, ``deadline_pause`` …) do not write audit events:
they run inside the use case of the calling app (``application.extended``…), which records it.
Calendar writes (imports, admin edits) are audited here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from gongkai.audit.services import record
from gongkai.core.errors import Conflict, IllegalTransition, ValidationFailed
from gongkai.core.types import Actor
from gongkai.workdays import rules
from gongkai.workdays.calendar import NEXT_NOTICE_REACH, Due, Pause, Period, WorkingCalendar
from gongkai.workdays.models import (
    KIND_DAYS,
    CalendarDay,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    HolidayNotice,
)
from gongkai.workdays.notices import NoticeSpec, day_problem, notice_parse
from gongkai.workdays.selectors import (
    calendar_get,
    calendar_invalidate,
    deadline_period,
    pauses_from_json,
)

#: Rows per ``bulk_update`` when recomputing deadlines.
RECOMPUTE_BATCH = 1000


@dataclass(frozen=True)
class NoticeImported:
    notice: HolidayNotice
    closed_days: int
    worked_days: int
    replaced: bool
    recomputed: int


# -- calendar -----------------------------------------------------------------------------------


def notice_import(
    *,
    data: Any,
    replace: bool = False,
    actor: Actor = None,
    source: str = "import",
    source_name: str = "",
) -> NoticeImported:
    """Validate and load one year's State Council notice, then recompute open deadlines.

    ``data`` is the parsed content of a notice file (see :mod:`gongkai.workdays.notices`).
    A year already loaded is refused with :class:`Conflict` unless ``replace``. Everything —
    the notice, its days, the recomputed deadlines and the audit event — is written in one
    transaction: on any error nothing is written.
    """
    spec = notice_parse(data, source=source_name)
    with transaction.atomic():
        existing = HolidayNotice.objects.select_for_update().filter(year=spec.year).first()
        if existing is not None and not replace:
            raise Conflict(
                f"{spec.year}年的节假日安排已导入（{existing.title}，来源：{existing.source}）；"
                f"如需替换请使用 --replace / the {spec.year} notice is already loaded, "
                "use --replace to replace it",
                data={"year": spec.year},
            )
        _check_no_foreign_days(spec, existing)
        if existing is None:
            notice = HolidayNotice(year=spec.year)
        else:
            notice = existing
            notice.days.all().delete()
        notice.title = spec.title
        notice.document_number = spec.document_number
        notice.issued_on = spec.issued_on
        notice.url = spec.url
        notice.source = source
        notice.full_clean()
        notice.save()
        _save_days(notice, spec)
        calendar_invalidate()
        recomputed = deadlines_recompute(year=spec.year)
        elsewhere = dependents_recompute()
        record(
            actor=actor,
            action="workdays.notice_replaced" if existing else "workdays.notice_imported",
            target=notice,
            data={
                "year": spec.year,
                "source": source,
                "file": source_name,
                "closed_days": len(spec.closed),
                "worked_days": len(spec.worked),
                "recomputed_deadlines": recomputed,
                "recomputed_elsewhere": elsewhere,
            },
        )
    return NoticeImported(
        notice=notice,
        closed_days=len(spec.closed),
        worked_days=len(spec.worked),
        replaced=existing is not None,
        recomputed=recomputed + sum(elsewhere.values()),
    )


def _check_no_foreign_days(spec: NoticeSpec, existing: HolidayNotice | None) -> None:
    days = set(spec.closed) | set(spec.worked)
    clashes = CalendarDay.objects.filter(date__in=days).select_related("notice")
    if existing is not None:
        clashes = clashes.exclude(notice=existing)
    first = clashes.order_by("date").first()
    if first is not None:
        raise Conflict(
            f"{first.date.isoformat()} 已由《{first.notice.title}》规定 / this day belongs to "
            f"the {first.notice.year} notice",
            data={"date": first.date.isoformat(), "year": first.notice.year},
        )


def _save_days(notice: HolidayNotice, spec: NoticeSpec) -> None:
    rows = [
        CalendarDay(date=d, is_workday=False, name=name, notice=notice)
        for d, name in spec.closed.items()
    ]
    rows += [
        CalendarDay(date=d, is_workday=True, name=name, notice=notice)
        for d, name in spec.worked.items()
    ]
    rows.sort(key=lambda r: r.date)
    CalendarDay.objects.bulk_create(rows)


def notice_days_changed(*, notice: HolidayNotice, actor: Actor, changes: Sequence[str]) -> int:
    """After an edit of a notice's days (the admin): stamp, recompute, audit. Returns count."""
    for day in notice.days.all():
        problem = day_problem(notice.year, day.date, is_workday=day.is_workday)
        if problem:
            raise ValidationFailed(problem)
    HolidayNotice.objects.filter(pk=notice.pk).update(updated_at=timezone.now())
    calendar_invalidate()
    recomputed = deadlines_recompute(year=notice.year)
    elsewhere = dependents_recompute()
    record(
        actor=actor,
        action="workdays.notice_edited",
        target=notice,
        data={
            "year": notice.year,
            "changes": list(changes),
            "recomputed_deadlines": recomputed,
            "recomputed_elsewhere": elsewhere,
        },
    )
    return recomputed + sum(elsewhere.values())


def dependents_recompute() -> dict[str, int]:
    """Run every service of ``settings.GONGKAI_CALENDAR_DEPENDENTS`` on the current calendar
    (after a change of it, in the same transaction); how many dates each moved.

    The other apps sit above ``workdays`` and may not be imported from here: the list names
    them, so the wiring is written down in one place rather than hidden in signals.
    """
    calendar = calendar_get()
    moved: dict[str, int] = {}
    for path in getattr(settings, "GONGKAI_CALENDAR_DEPENDENTS", ()):
        recompute: Callable[..., int] = import_string(path)
        moved[path.rsplit(".", 1)[-1]] = int(recompute(calendar=calendar))
    return moved


# -- deadlines ----------------------------------------------------------------------------------


def _apply(deadline: Deadline, due: Due) -> bool:
    changed = (deadline.due, deadline.provisional) != (due.due, due.provisional)
    deadline.due = due.due
    deadline.provisional = due.provisional
    return changed


def deadline_compute(
    *,
    start: date,
    days: int,
    pauses: Sequence[Pause] = (),
    restarted_on: date | None = None,
    extensions: int = 0,
    start_label: str = "收到申请",
    calendar: WorkingCalendar | None = None,
) -> Due:
    """Compute (without saving) a deadline on the loaded calendar; see :class:`Period`."""
    period = Period(
        start=start,
        days=days,
        pauses=tuple(pauses),
        restarted_on=restarted_on,
        extensions=extensions,
        start_label=start_label,
    )
    return (calendar or calendar_get()).due(period)


def deadline_create(
    *,
    kind: str,
    start: date,
    days: int | None = None,
    start_label: str = "收到申请",
) -> Deadline:
    """Open a deadline of ``kind``; ``days`` defaults to the statutory period of the kind."""
    if kind not in DeadlineKind.values:
        raise ValidationFailed(f"未知的期限类型“{kind}” / unknown deadline kind")
    if days is None:
        if kind not in KIND_DAYS:
            raise ValidationFailed("“其他”类期限须指定工作日数 / give the number of days")
        days = KIND_DAYS[kind]
    due = deadline_compute(start=start, days=days, start_label=start_label)
    deadline = Deadline(kind=kind, start=start, days=days, start_label=start_label)
    _apply(deadline, due)
    deadline.save()
    return deadline


def _locked_open(deadline: Deadline) -> Deadline:
    locked = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if locked.status != DeadlineStatus.OPEN:
        raise IllegalTransition(f"期限已结束，不能再变更 / the deadline is closed ({locked})")
    return locked


def _recompute_and_save(deadline: Deadline, fields: list[str]) -> Deadline:
    _apply(deadline, calendar_get().due(deadline_period(deadline)))
    deadline.save(update_fields=[*fields, "due", "provisional", "computed_at"])
    return deadline


def deadline_pause(
    *, deadline: Deadline, first: date, last: date | None = None, label: str = "征求意见"
) -> Deadline:
    """Stop the clock from ``first`` to ``last`` (both not counted; 条例 第三十三条第三款).

    Without ``last`` the pause runs to the end of the consulted party's period, i.e. the 15th
    working day after ``first`` (条例 第三十二条, 第三十四条); shorten it with
    :func:`deadline_pause_end` when the answer arrives earlier.
    """
    with transaction.atomic():
        locked = _locked_open(deadline)
        if first <= locked.start:
            raise ValidationFailed(
                f"暂停开始日 {first.isoformat()} 应在起算日 {locked.start.isoformat()} 之后"
            )
        if last is None:
            last = calendar_get().add(first, rules.THIRD_PARTY_WORKING_DAYS)
        if last < first:
            raise ValidationFailed(
                f"暂停结束日 {last.isoformat()} 早于开始日 {first.isoformat()} / "
                "ends before it begins"
            )
        for existing in pauses_from_json(locked.pauses):
            if first <= existing.last and existing.first <= last:
                raise Conflict(
                    f"暂停区间与已有的 {existing.first.isoformat()}—"
                    f"{existing.last.isoformat()} 重叠 / overlaps an existing pause"
                )
        locked.pauses = [*locked.pauses, [first.isoformat(), last.isoformat(), label]]
        return _recompute_and_save(locked, ["pauses"])


def deadline_pause_end(*, deadline: Deadline, on: date) -> Deadline:
    """The consulted party answered on ``on``: the last pause ends that day."""
    with transaction.atomic():
        locked = _locked_open(deadline)
        if not locked.pauses:
            raise IllegalTransition("该期限没有暂停 / the deadline has no pause")
        last = max(locked.pauses, key=lambda p: p[0])
        if on < date.fromisoformat(last[0]):
            raise ValidationFailed(f"结束日 {on.isoformat()} 早于暂停开始日 {last[0]}")
        locked.pauses = [[p[0], on.isoformat(), *p[2:]] if p is last else p for p in locked.pauses]
        return _recompute_and_save(locked, ["pauses"])


def deadline_restart(*, deadline: Deadline, on: date) -> Deadline:
    """A 补正 received on ``on``: the period runs again from that day (条例 第三十条).

    The 补正 notice is 一次性 (once), so a deadline restarts at most once.
    """
    with transaction.atomic():
        locked = _locked_open(deadline)
        if locked.restarted_on is not None:
            raise IllegalTransition(
                "补正应一次性告知，期限已重新起算过（条例第三十条）/ already restarted once"
            )
        if on < locked.start:
            raise ValidationFailed(
                f"补正收到日 {on.isoformat()} 早于起算日 {locked.start.isoformat()}"
            )
        locked.restarted_on = on
        return _recompute_and_save(locked, ["restarted_on"])


def deadline_extend(*, deadline: Deadline) -> Deadline:
    """Add 20 working days, once (条例 第三十三条第二款 "延长的期限最长不得超过20个工作日")."""
    with transaction.atomic():
        locked = _locked_open(deadline)
        if locked.extensions >= rules.MAX_EXTENSIONS:
            raise IllegalTransition(
                "答复期限只能延长一次，最长20个工作日（条例第三十三条）/ already extended"
            )
        locked.extensions += 1
        return _recompute_and_save(locked, ["extensions"])


def deadline_close(*, deadline: Deadline) -> Deadline:
    """The deadline no longer runs (answered, withdrawn…); it is no longer recomputed."""
    with transaction.atomic():
        locked = _locked_open(deadline)
        locked.status = DeadlineStatus.CLOSED
        locked.save(update_fields=["status"])
        return locked


def deadlines_recompute(*, year: int | None = None) -> int:
    """Recompute open deadlines on the current calendar; returns how many changed.

    With ``year``, only those a change of that year's notice can move: the provisional ones,
    and those whose span reaches into that notice's window. Run it in the import's transaction.

    Built for a million open cases: rows are read as tuples, the arithmetic is the calendar's
    bulk table look-up, and the changed rows are written with one ``UPDATE … WHERE id IN``
    per distinct (due, provisional) pair — a few hundred statements, however many rows.
    """
    calendar = calendar_get()
    queryset = Deadline.objects.filter(status=DeadlineStatus.OPEN)
    if year is not None:
        window_first = date(year - 1, *NEXT_NOTICE_REACH)
        queryset = queryset.filter(
            Q(provisional=True) | Q(start__lte=date(year, 12, 31), due__gte=window_first)
        )
    rows = queryset.values_list(
        "pk", "start", "restarted_on", "days", "extensions", "pauses", "due", "provisional"
    )
    changed: dict[tuple[date, bool], list[int]] = defaultdict(list)
    plain: list[tuple[int, date, bool]] = []
    origins: list[int] = []
    totals: list[int] = []
    for pk, start, restarted_on, days, extensions, pauses, due, provisional in rows.iterator(
        chunk_size=RECOMPUTE_BATCH * 10
    ):
        origin = restarted_on or start
        total = days + extensions * rules.EXTENSION_WORKING_DAYS
        if pauses:
            new = calendar.due(
                Period(start, days, pauses_from_json(pauses), restarted_on, extensions)
            )
            if (new.due, new.provisional) != (due, provisional):
                changed[(new.due, new.provisional)].append(pk)
            continue
        plain.append((pk, due, provisional))
        origins.append(origin.toordinal())
        totals.append(total)
    dues, flags = calendar.due_many(origins, totals)
    for (pk, due, provisional), new_ordinal, new_flag in zip(plain, dues, flags, strict=True):
        new_due = date.fromordinal(new_ordinal)
        if (new_due, new_flag) != (due, provisional):
            changed[(new_due, new_flag)].append(pk)
    now = timezone.now()
    total_changed = 0
    for (new_due, new_flag), pks in changed.items():
        for i in range(0, len(pks), RECOMPUTE_BATCH):
            chunk = pks[i : i + RECOMPUTE_BATCH]
            Deadline.objects.filter(pk__in=chunk).update(
                due=new_due, provisional=new_flag, computed_at=now
            )
            total_changed += len(chunk)
    return total_changed
