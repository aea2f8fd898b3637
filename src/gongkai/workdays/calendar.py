"""Working-day arithmetic on the Chinese official calendar. Plain Python, no ORM.

A :class:`WorkingCalendar` is built from the days the State Council notices name (closed days,
调休 working weekends) and the set of years whose notice is loaded. Every other day is a working
day if it is Monday–Friday. In a year whose notice is not loaded the calendar does not pretend to
know: it excludes weekends and the fixed-date holidays of 放假办法 第二条 and marks every result
touching that year *provisional*.

Counting follows 民事诉讼法 第八十五条 by analogy: the start day is not counted; day 1 is the
first working day after it (see :data:`gongkai.workdays.rules.START_DAY_COUNTED`).

The arithmetic is table-driven: ``_cum[i]`` is the number of working days from the first day of
the table up to and including day ``i``; ``_nth[k]`` is the ordinal of the k-th working day. So
``add`` and ``between`` are two list look-ups, whatever the distance.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import accumulate

from gongkai.core.errors import ValidationFailed
from gongkai.workdays.rules import (
    EXTENSION_WORKING_DAYS,
    FIXED_DATE_HOLIDAYS,
    PROVISIONAL_WORDING_TEMPLATE,
)

#: The table covers at least these years (widened to cover every loaded notice).
TABLE_FIRST_YEAR = 2000
TABLE_LAST_YEAR = 2100

#: A notice for year Y may reach back into the end of December of Y-1 (元旦 of 2008 and 2019
#: closed 12月30日—31日 and made 12月29日 a working Saturday). Days from this (month, day) on are
#: therefore uncertain until the next year's notice is loaded, and imports accept them.
NEXT_NOTICE_REACH = (12, 29)

_SEP = "；"
_DASH = "—"


class DateOutOfRange(ValidationFailed):
    """A date, or a result, outside the years the calendar table covers."""

    code = "date_out_of_range"


@dataclass(frozen=True, slots=True)
class Closure:
    """A run of consecutive days off, as a notice prints it (weekend days included)."""

    name: str
    first: date
    last: date
    provisional: bool = False


@dataclass(frozen=True, slots=True)
class Pause:
    """An interval whose working days do not count (条例 第三十三条第三款: 征求意见).

    Both ``first`` and ``last`` are paused: pass the days the clock is actually stopped.
    """

    first: date
    last: date
    label: str = "征求意见"


@dataclass(frozen=True, slots=True)
class Period:
    """A statutory period: ``days`` working days after ``start``, with its legal adjustments.

    * ``pauses``: intervals whose working days do not count (条例 第三十三条第三款);
    * ``restarted_on``: a 补正 received restarts the clock from its receipt day (条例 第三十条);
      pauses before it are ignored;
    * ``extensions``: each adds :data:`EXTENSION_WORKING_DAYS` (条例 第三十三条第二款).
    """

    start: date
    days: int
    pauses: tuple[Pause, ...] = ()
    restarted_on: date | None = None
    extensions: int = 0
    start_label: str = "收到申请"

    @property
    def total_days(self) -> int:
        return self.days + self.extensions * EXTENSION_WORKING_DAYS

    @property
    def origin(self) -> date:
        """The day the clock runs from (not itself counted)."""
        return self.restarted_on if self.restarted_on is not None else self.start

    def paused(self, first: date, last: date, label: str = "征求意见") -> Period:
        return replace(self, pauses=(*self.pauses, Pause(first, last, label)))

    def restarted(self, on: date) -> Period:
        return replace(self, restarted_on=on)

    def extended(self) -> Period:
        return replace(self, extensions=self.extensions + 1)


@dataclass(frozen=True, slots=True)
class Due:
    """The computed end of a :class:`Period`, with the reasons in words."""

    period: Period
    due: date
    provisional: bool
    provisional_years: tuple[int, ...]
    paused_workdays: int
    explanation: str

    def letter_wording(self) -> str:
        """The sentence a letter stating this deadline must add, or ``""`` if exact."""
        return provisional_wording(self.provisional_years)

    def letter_date(self) -> str:
        """The deadline as a letter prints it, with the provisional warning when needed."""
        return f"{format_long(self.due)}{self.letter_wording()}"


@dataclass(frozen=True, slots=True)
class YearView:
    """What ``gongkai workdays show YEAR`` prints."""

    year: int
    published: bool
    closures: tuple[Closure, ...]
    worked: tuple[tuple[date, str], ...]
    workdays_per_month: tuple[int, ...]
    workdays_total: int = field(default=0)


def provisional_wording(years: Iterable[int]) -> str:
    """The Chinese sentence for letters stating a deadline in years not yet published."""
    ordered = sorted(set(years))
    if not ordered:
        return ""
    return PROVISIONAL_WORDING_TEMPLATE.format(years="、".join(str(y) for y in ordered))


def format_long(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _format_day(d: date, ref_year: int, prev: date | None = None) -> str:
    if prev is not None and prev.year == d.year and prev.month == d.month:
        return f"{d.day}日"
    if prev is not None and prev.year == d.year:
        return f"{d.month}月{d.day}日"
    if d.year != ref_year:
        return format_long(d)
    return f"{d.month}月{d.day}日"


def format_range(first: date, last: date, ref_year: int) -> str:
    """``2月15日—23日``, ``4月30日—5月4日``, ``2022年12月31日—2023年1月2日``."""
    head = _format_day(first, ref_year)
    if first == last:
        return head
    if first.year != last.year:
        return f"{head}{_DASH}{format_long(last)}"
    return f"{head}{_DASH}{_format_day(last, ref_year, first)}"


def format_days(days: Sequence[date], ref_year: int) -> str:
    """``2月14日、28日``: the month is written only when it changes."""
    out: list[str] = []
    prev: date | None = None
    for d in days:
        out.append(_format_day(d, ref_year, prev))
        prev = d
    return "、".join(out)


_CHINESE_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_date(value: object, *, where: str) -> date:
    """A date from ``2026-02-10``, ``2026年2月10日`` or a :class:`date`.

    Raises :class:`ValidationFailed` naming ``where`` (an argument, a file position).
    """
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        match = _ISO_DATE.match(value) or _CHINESE_DATE.match(value)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                pass
    raise ValidationFailed(
        f"{where}: 日期无效 / invalid date {value!r}（应为 YYYY-MM-DD 或 YYYY年M月D日）",
        code="invalid_date",
        data={"where": where, "value": str(value)},
    )


def _group_closures(closed: Mapping[date, str], *, provisional: bool) -> list[Closure]:
    out: list[Closure] = []
    names: list[str] = []
    first: date | None = None
    last: date | None = None
    for d in sorted(closed):
        if last is not None and first is not None and d - last == timedelta(days=1):
            last = d
            if closed[d] not in names:
                names.append(closed[d])
            continue
        if first is not None and last is not None:
            out.append(Closure("、".join(names), first, last, provisional))
        first = last = d
        names = [closed[d]]
    if first is not None and last is not None:
        out.append(Closure("、".join(names), first, last, provisional))
    return out


class WorkingCalendar:
    """The official working-day calendar over a table of years (see the module docstring).

    ``closed`` maps each day a notice gives off (weekends inside a closure included) to the
    holiday's name, ``worked`` each 调休 working weekend day to the holiday it serves;
    ``published_years`` are the years whose notice is loaded. ``version`` is an opaque stamp
    the caller uses to know when to rebuild.
    """

    def __init__(
        self,
        *,
        closed: Mapping[date, str],
        worked: Mapping[date, str],
        published_years: Iterable[int],
        version: str = "",
    ) -> None:
        both = set(closed) & set(worked)
        if both:
            raise ValidationFailed(f"{min(both).isoformat()} 既放假又上班 / both closed and worked")
        self.version = version
        self.published_years = frozenset(published_years)
        known_years = {d.year for d in closed} | {d.year for d in worked} | self.published_years
        self.first_year = min([TABLE_FIRST_YEAR, *known_years])
        self.last_year = max([TABLE_LAST_YEAR, *known_years])
        self.first_day = date(self.first_year, 1, 1)
        self.last_day = date(self.last_year, 12, 31)
        base = self.first_day.toordinal()
        size = self.last_day.toordinal() - base + 1
        self._base = base

        provisional_closed: dict[date, str] = {}
        for year in range(self.first_year, self.last_year + 1):
            if year in self.published_years:
                continue
            for month, day, name in FIXED_DATE_HOLIDAYS:
                d = date(year, month, day)
                if d not in closed and d not in worked:
                    provisional_closed[d] = name

        # (ordinal - 1) % 7 is date.weekday(): ordinal 1 (0001-01-01) was a Monday.
        flags = bytearray(1 if (base + i - 1) % 7 < 5 else 0 for i in range(size))
        for d in closed:
            flags[d.toordinal() - base] = 0
        for d in provisional_closed:
            flags[d.toordinal() - base] = 0
        for d in worked:
            flags[d.toordinal() - base] = 1
        self._flags = bytes(flags)
        self._cum: list[int] = list(accumulate(flags))
        self._nth: list[int] = [base - 1]  # index 0 unused: the 0th working day
        self._nth.extend(base + i for i, f in enumerate(flags) if f)

        pending = bytearray(size)
        reach_month, reach_day = NEXT_NOTICE_REACH
        for year in range(self.first_year, self.last_year + 1):
            lo = date(year, 1, 1).toordinal() - base
            hi = date(year, 12, 31).toordinal() - base
            if year not in self.published_years:
                pending[lo : hi + 1] = b"\x01" * (hi - lo + 1)
            elif year + 1 not in self.published_years:
                start = date(year, reach_month, reach_day).toordinal() - base
                pending[start : hi + 1] = b"\x01" * (hi - start + 1)
        self._pending_cum: list[int] = list(accumulate(pending))

        closures = _group_closures(closed, provisional=False)
        closures += _group_closures(provisional_closed, provisional=True)
        closures.sort(key=lambda c: c.first)
        self._closures = closures
        self._closure_lasts = [c.last for c in closures]
        self._worked = sorted(worked.items())
        self._worked_days = [d for d, _ in self._worked]

    # -- look-ups ------------------------------------------------------------------------------

    def _offset(self, d: date, what: str = "日期") -> int:
        i = d.toordinal() - self._base
        if i < 0 or i >= len(self._flags):
            raise DateOutOfRange(
                f"{what} {d.isoformat()} 超出可计算范围 / outside the supported range "
                f"{self.first_day.isoformat()}..{self.last_day.isoformat()}"
            )
        return i

    def is_workday(self, d: date) -> bool:
        return bool(self._flags[self._offset(d)])

    def is_published(self, year: int) -> bool:
        return year in self.published_years

    def is_provisional(self, d: date) -> bool:
        """True if a notice not yet loaded may still change whether ``d`` is a working day."""
        i = self._offset(d)
        return self._pending_cum[i] != (self._pending_cum[i - 1] if i else 0)

    def provisional_years(self, after: date, through: date) -> tuple[int, ...]:
        """The unpublished years whose notice may change days in ``(after, through]``."""
        i, j = self._offset(after), self._offset(through)
        if j <= i or self._pending_cum[j] == self._pending_cum[i]:
            return ()
        first, last = after + timedelta(days=1), through
        years: set[int] = set()
        for year in range(first.year, last.year + 1):
            if year not in self.published_years:
                years.add(year)
        for year in range(first.year, last.year + 1):
            reach = date(year, *NEXT_NOTICE_REACH)
            if last >= reach and year + 1 not in self.published_years:
                years.add(year + 1)
        return tuple(sorted(years))

    # -- arithmetic ----------------------------------------------------------------------------

    def add(self, start: date, n: int) -> date:
        """The n-th working day after ``start``; ``start`` itself is not counted.

        民事诉讼法 第八十五条 "期间开始的时和日，不计算在期间内", applied by analogy to the
        条例's "自收到申请之日起N个工作日". A start on a holiday or weekend simply counts from
        the next working day. ``add(start, 0)`` is ``start``.
        """
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ValidationFailed(f"工作日数应为非负整数 / days must be a whole number ≥ 0: {n!r}")
        i = self._offset(start, "起算日")
        if n == 0:
            return start
        k = self._cum[i] + n
        if k >= len(self._nth):
            raise DateOutOfRange(
                f"{start.isoformat()} 之后第{n}个工作日超出可计算范围 / result after "
                f"{self.last_day.isoformat()}"
            )
        return date.fromordinal(self._nth[k])

    def between(self, a: date, b: date) -> int:
        """Working days after ``a`` up to and including ``b`` (negative if ``b`` < ``a``).

        So that ``between(a, add(a, n)) == n`` (start day not counted, 民事诉讼法 第八十五条).
        """
        return self._cum[self._offset(b)] - self._cum[self._offset(a)]

    def count(self, first: date, last: date) -> int:
        """Working days in ``[first, last]``, both ends included."""
        i, j = self._offset(first), self._offset(last)
        if j < i:
            return 0
        return self._cum[j] - (self._cum[i - 1] if i else 0)

    def add_ordinals(self, ordinals: Sequence[int], n: int) -> list[int]:
        """``add`` over many start days given as ``date.toordinal()`` values (n ≥ 1).

        This is the bulk path for recomputing every open deadline after an import.
        """
        if not ordinals:
            return []
        lo, hi = min(ordinals), max(ordinals)
        base = self._base
        if lo < base or hi - base >= len(self._cum):
            raise DateOutOfRange("起算日超出可计算范围 / a start date is outside the table")
        if n < 1 or max(self._cum[hi - base], self._cum[lo - base]) + n >= len(self._nth):
            raise DateOutOfRange(f"第{n}个工作日超出可计算范围 / result outside the table")
        cum, nth = self._cum, self._nth
        return [nth[cum[o - base] + n] for o in ordinals]

    def due_many(self, origins: Sequence[int], days: Sequence[int]) -> tuple[list[int], list[bool]]:
        """Bulk recompute without pauses: due ordinals and provisional flags.

        ``origins`` are ``date.toordinal()`` values of the day each clock runs from, ``days`` the
        total working days (extensions included), both ≥ 1. Two list look-ups per deadline.
        """
        if not origins:
            return [], []
        base, cum, nth, pending = self._base, self._cum, self._nth, self._pending_cum
        if min(origins) < base or max(origins) - base >= len(cum) or min(days) < 1:
            raise DateOutOfRange("起算日超出可计算范围 / a start date is outside the table")
        if cum[max(origins) - base] + max(days) >= len(nth):
            raise DateOutOfRange("期限超出可计算范围 / a deadline falls outside the table")
        dues = [nth[cum[o - base] + n] for o, n in zip(origins, days, strict=True)]
        flags = [pending[d - base] != pending[o - base] for o, d in zip(origins, dues, strict=True)]
        return dues, flags

    def walk(
        self, origin: int, n: int, pauses: Sequence[tuple[int, int]]
    ) -> tuple[int, list[tuple[int, int]]]:
        """The due ordinal of ``n`` working days after ordinal ``origin`` with ``pauses``.

        ``pauses`` are ``(first, last)`` ordinals, sorted, both ends paused. Returns the due
        ordinal and, for each pause that applied, ``(its index, working days stopped)``. A pause
        before ``origin`` is cut; one after the due day is ignored.
        """
        cum, nth, base = self._cum, self._nth, self._base
        cursor = origin - base
        counted = 0
        stops: list[tuple[int, int]] = []
        for index, (first_ord, last_ord) in enumerate(pauses):
            last = last_ord - base
            if last <= cursor:
                continue
            first = max(first_ord - base, cursor + 1)
            before = cum[first - 1] - cum[cursor]
            if counted + before >= n:
                break
            counted += before
            stops.append((index, cum[last] - cum[first - 1]))
            cursor = last
        k = cum[cursor] + n - counted
        if k >= len(nth):
            raise DateOutOfRange("期限超出可计算范围 / the deadline falls outside the table")
        return nth[k], stops

    def due(self, period: Period) -> Due:
        """The deadline of ``period``, with its explanation (see :class:`Period`)."""
        n = period.total_days
        if n < 1:
            raise ValidationFailed(f"期限应至少为1个工作日 / a period needs ≥ 1 working day: {n}")
        if period.extensions < 0:
            raise ValidationFailed("延长次数不能为负 / extensions must be ≥ 0")
        origin = period.origin
        if origin < period.start:
            raise ValidationFailed(
                f"重新起算日 {origin.isoformat()} 早于起算日 {period.start.isoformat()} / "
                "restart before start"
            )
        pauses = sorted(period.pauses, key=lambda p: (p.first, p.last))
        for pause in pauses:
            if pause.last < pause.first:
                raise ValidationFailed(
                    f"暂停区间 {pause.first.isoformat()}—{pause.last.isoformat()} 结束早于开始 / "
                    "pause ends before it begins"
                )
            self._offset(pause.first, "暂停开始日")
            self._offset(pause.last, "暂停结束日")
        self._offset(origin, "起算日")
        due_ordinal, stops = self.walk(
            origin.toordinal(), n, [(p.first.toordinal(), p.last.toordinal()) for p in pauses]
        )
        applied = [(pauses[i], stopped) for i, stopped in stops]
        paused_total = sum(stopped for _, stopped in stops)
        due_day = date.fromordinal(due_ordinal)
        years = self.provisional_years(origin, due_day)
        explanation = self._explain(period, origin, due_day, applied, years)
        return Due(
            period=period,
            due=due_day,
            provisional=bool(years),
            provisional_years=years,
            paused_workdays=paused_total,
            explanation=explanation,
        )

    # -- description ---------------------------------------------------------------------------

    def closures_overlapping(self, first: date, last: date) -> list[Closure]:
        """Closures with at least one day in ``[first, last]``, in date order."""
        out: list[Closure] = []
        for c in self._closures[bisect_left(self._closure_lasts, first) :]:
            if c.first > last:
                break
            if c.last >= first:
                out.append(c)
        return out

    def worked_between(self, first: date, last: date) -> list[tuple[date, str]]:
        """调休 working weekend days in ``[first, last]``."""
        lo = bisect_left(self._worked_days, first)
        hi = bisect_right(self._worked_days, last)
        return self._worked[lo:hi]

    def _explain(
        self,
        period: Period,
        origin: date,
        due_day: date,
        applied: list[tuple[Pause, int]],
        years: tuple[int, ...],
    ) -> str:
        ref = period.start.year
        parts = [f"{period.start_label} {period.start.isoformat()}"]
        if period.restarted_on is not None:
            parts.append(f"{period.restarted_on.isoformat()} 收到补正，重新起算")
        if period.extensions:
            extra = period.extensions * EXTENSION_WORKING_DAYS
            parts.append(
                f"{period.days}个工作日，延长{extra}个工作日，共{period.total_days}个工作日"
            )
        else:
            parts.append(f"{period.days}个工作日")
        for pause, stopped in applied:
            parts.append(
                f"{pause.label} {format_range(pause.first, pause.last, ref)} 暂停，"
                f"{stopped}个工作日不计"
            )
        # Only the counted stretches: a holiday inside a pause changes nothing.
        segments: list[tuple[date, date]] = []
        cursor = origin
        for pause, _ in applied:
            if pause.first > cursor + timedelta(days=1):
                segments.append((cursor + timedelta(days=1), pause.first - timedelta(days=1)))
            cursor = max(cursor, pause.last)
        segments.append((cursor + timedelta(days=1), due_day))
        closures: list[Closure] = []
        worked: list[date] = []
        for first, last in segments:
            closures += [c for c in self.closures_overlapping(first, last) if c not in closures]
            worked += [d for d, _ in self.worked_between(first, last)]
        for c in closures:
            mark = "（暂定）" if c.provisional else ""
            parts.append(f"{c.name} {format_range(c.first, c.last, ref)} 不计{mark}")
        if worked:
            parts.append(f"{format_days(worked, ref)} 调休上班")
        if years:
            parts.append(
                "、".join(str(y) for y in years)
                + "年节假日安排尚未公布，暂按周末及元旦、劳动节、国庆节法定日期计算"
            )
        parts.append(f"期限 {due_day.isoformat()}" + ("（暂定）" if years else ""))
        return _SEP.join(parts)

    def year_view(self, year: int) -> YearView:
        first, last = date(year, 1, 1), date(year, 12, 31)
        self._offset(first, "年份")
        self._offset(last, "年份")
        per_month: list[int] = []
        for month in range(1, 13):
            m_first = date(year, month, 1)
            m_last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
            per_month.append(self.count(m_first, m_last))
        return YearView(
            year=year,
            published=self.is_published(year),
            closures=tuple(self.closures_overlapping(first, last)),
            worked=tuple(self.worked_between(first, last)),
            workdays_per_month=tuple(per_month),
            workdays_total=sum(per_month),
        )
