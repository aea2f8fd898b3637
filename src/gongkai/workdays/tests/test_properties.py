"""Properties of the arithmetic (hypothesis), on the seeded 2004–2026 data and beyond it."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.workdays.calendar import Period
from gongkai.workdays.tests.published import package_calendar

CAL = package_calendar()
days = st.dates(min_value=date(2001, 1, 1), max_value=date(2095, 12, 31))
counts = st.integers(min_value=0, max_value=400)


@given(days, counts)
def test_between_undoes_add(a, n):
    """民事诉讼法 第八十五条 by analogy: day 1 is the first working day after the start."""
    assert CAL.between(a, CAL.add(a, n)) == n


@given(days, days, st.integers(min_value=1, max_value=200))
def test_add_is_monotonic_in_the_start(a, b, n):
    a, b = min(a, b), max(a, b)
    assert CAL.add(a, n) <= CAL.add(b, n)


@given(days, counts, counts)
def test_add_is_monotonic_in_the_count(a, n, m):
    n, m = min(n, m), max(n, m)
    assert CAL.add(a, n) <= CAL.add(a, m)
    if m > n:
        assert CAL.add(a, n) < CAL.add(a, m)


@given(days, st.integers(min_value=1, max_value=400))
def test_the_result_is_always_a_working_day_after_the_start(a, n):
    due = CAL.add(a, n)
    assert due > a
    assert CAL.is_workday(due)


@settings(max_examples=50)
@given(days, st.integers(min_value=1, max_value=60))
def test_add_agrees_with_counting_day_by_day(a, n):
    day, counted = a, 0
    while counted < n:
        day += timedelta(days=1)
        counted += CAL.is_workday(day)
    assert CAL.add(a, n) == day


@given(
    days,
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=1, max_value=60),
    st.integers(min_value=0, max_value=30),
)
def test_a_pause_never_shortens_a_period(a, n, offset, length):
    """条例 第三十三条第三款: paused working days are added, never removed."""
    first = a + timedelta(days=offset)
    period = Period(a, n)
    plain = CAL.due(period)
    paused = CAL.due(period.paused(first, first + timedelta(days=length)))
    assert paused.due >= plain.due
    assert CAL.between(a, paused.due) == n + paused.paused_workdays
    assert CAL.is_workday(paused.due)


def _pending(d: date) -> bool:
    published = CAL.published_years
    return d.year not in published or ((d.month, d.day) >= (12, 29) and d.year + 1 not in published)


@given(days, st.integers(min_value=1, max_value=40))
def test_a_result_is_provisional_exactly_when_an_unpublished_notice_can_move_it(a, n):
    """regulations.md §6.3: never silently treat Monday–Friday as working days."""
    due = CAL.due(Period(a, n))
    span = ((a + timedelta(days=i)) for i in range(1, (due.due - a).days + 1))
    assert due.provisional == any(_pending(d) for d in span)
