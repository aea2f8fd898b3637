"""Reads of the holiday calendar. The :class:`WorkingCalendar` is cached per process."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from datetime import date

from django.conf import settings
from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from gongkai.workdays import rules
from gongkai.workdays.calendar import Due, Pause, Period, WorkingCalendar
from gongkai.workdays.models import CalendarDay, Deadline, DeadlineStatus, HolidayNotice


class _Cache:
    lock = threading.Lock()
    calendar: WorkingCalendar | None = None


def _version() -> str:
    """A cheap stamp that changes whenever a notice or its days are written through services."""
    agg = HolidayNotice.objects.aggregate(n=Count("id"), top=Max("id"), at=Max("updated_at"))
    at = agg["at"].isoformat() if agg["at"] is not None else ""
    return f"{agg['n']}:{agg['top']}:{at}"


def calendar_invalidate() -> None:
    """Forget the cached calendar (services call this after every calendar write)."""
    with _Cache.lock:
        _Cache.calendar = None


def calendar_get() -> WorkingCalendar:
    """The official calendar as loaded in the database (one cheap query when cached)."""
    version = _version()
    cached = _Cache.calendar
    if cached is not None and cached.version == version:
        return cached
    closed: dict[date, str] = {}
    worked: dict[date, str] = {}
    for day, is_workday, name in CalendarDay.objects.values_list("date", "is_workday", "name"):
        (worked if is_workday else closed)[day] = name
    calendar = WorkingCalendar(
        closed=closed,
        worked=worked,
        published_years=HolidayNotice.objects.values_list("year", flat=True),
        version=version,
    )
    with _Cache.lock:
        _Cache.calendar = calendar
    return calendar


def notice_get(year: int) -> HolidayNotice | None:
    return HolidayNotice.objects.filter(year=year).first()


def notice_list() -> list[HolidayNotice]:
    return list(HolidayNotice.objects.order_by("year"))


def fee_notice_pauses_reply() -> bool:
    """Whether a 收费通知 stops the answer clock until payment (``rules.FEE_NOTICE_PAUSES_REPLY_*``;
    unverified, configurable)."""
    return bool(
        getattr(
            settings, rules.FEE_NOTICE_PAUSES_REPLY_SETTING, rules.FEE_NOTICE_PAUSES_REPLY_DEFAULT
        )
    )


def pauses_from_json(raw: Iterable[Sequence[str]]) -> tuple[Pause, ...]:
    """``Deadline.pauses`` (``[[first, last, label], …]``) as :class:`Pause` objects."""
    return tuple(
        Pause(date.fromisoformat(item[0]), date.fromisoformat(item[1]), *item[2:3]) for item in raw
    )


def deadline_period(deadline: Deadline) -> Period:
    return Period(
        start=deadline.start,
        days=deadline.days,
        pauses=pauses_from_json(deadline.pauses),
        restarted_on=deadline.restarted_on,
        extensions=deadline.extensions,
        start_label=deadline.start_label,
    )


def deadline_due(deadline: Deadline) -> Due:
    """The deadline on the current calendar, with its explanation and letter wording."""
    return calendar_get().due(deadline_period(deadline))


def deadline_days_left(deadline: Deadline, *, today: date | None = None) -> int:
    """Working days after today up to and including the due day (≤ 0 once it has passed).

    Today is the date in Asia/Shanghai (``TIME_ZONE``), never the UTC date.
    """
    return calendar_get().between(today or timezone.localdate(), deadline.due)


def deadlines_overdue(*, today: date | None = None) -> QuerySet[Deadline]:
    """Open deadlines whose due day is before today (Asia/Shanghai)."""
    return Deadline.objects.filter(
        status=DeadlineStatus.OPEN, due__lt=today or timezone.localdate()
    ).order_by("due", "pk")
