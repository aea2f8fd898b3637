"""Recompute the deadlines of 1,000,000 open cases after a holiday-notice import.

    python benchmarks/workdays.py [--quick] [--cases N] [--db-cases N]

What it measures, in one run and on one core:

1. baseline: a plain Python loop doing one trivial operation per case (``origin + days``),
   the floor for any per-case work in pure Python;
2. baseline: counting day by day (the naive way) on a sample;
3. the calendar table: building it (what an import costs), then recomputing every case —
   due date and provisional flag — with ``WorkingCalendar.due_many`` (two list look-ups per case)
   and ``WorkingCalendar.walk`` for the cases with a 征求意见 pause;
4. the full ``due()`` with its Chinese explanation, on a sample;
5. end to end in the database (SQLite in a temporary directory): ``notice_import`` of a year,
   which recomputes the open deadlines through ``deadlines_recompute`` (tuples in, bulk
   table look-up, one ``UPDATE … WHERE id IN`` per distinct new due date).

Target: ≥ 1,000,000 deadlines per second per core for step 3. No numpy: lists and bytes only.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import chinese_calendar.constants as cc  # noqa: E402

from gongkai.workdays.calendar import Period, WorkingCalendar  # noqa: E402
from gongkai.workdays.notices import notice_file_load, notice_parse  # noqa: E402

EXAMPLE = ROOT / "src" / "gongkai" / "workdays" / "notices" / "example-2027.yaml"
TARGET = 1_000_000


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    """Wall time of ``fn()`` with the cyclic GC paused, as ``timeit`` does."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        result = fn()
        return result, time.perf_counter() - start
    finally:
        gc.enable()


def rate(count: int, seconds: float) -> str:
    per_second = count / seconds if seconds else float("inf")
    return f"{per_second:>14,.0f} /s  {seconds * 1e9 / count:>9.1f} ns each"


def make_cases(count: int, seed: int = 2026) -> tuple[list[int], list[int], list[tuple[int, int]]]:
    """Open cases received between 2026-06-01 and 2027-09-30 (so many run into 2027)."""
    rng = random.Random(seed)
    lo, hi = date(2026, 6, 1).toordinal(), date(2027, 9, 30).toordinal()
    origins = [rng.randint(lo, hi) for _ in range(count)]
    days = rng.choices([20, 7, 15, 40], weights=[80, 8, 4, 8], k=count)
    pauses: list[tuple[int, int]] = []
    for i in range(0, count, 12):  # one case in 12 has a consultation pause
        first = origins[i] + rng.randint(2, 15)
        pauses.append((i, first))
    return origins, days, pauses


def day_by_day(workday: Callable[[date], bool], start: date, n: int) -> date:
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        if workday(day):
            counted += 1
    return day


def database_section(count: int) -> None:
    data_dir = tempfile.mkdtemp(prefix="gongkai-bench-")
    os.environ["GONGKAI_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    os.environ.setdefault("GONGKAI_SECRET_KEY", "benchmark-only-secret-key-0123456789abcdefghij")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from gongkai.workdays.models import Deadline, DeadlineKind
    from gongkai.workdays.selectors import calendar_get
    from gongkai.workdays.services import notice_import

    calendar = calendar_get()
    origins, days, _ = make_cases(count, seed=7)
    dues, flags = calendar.due_many(origins, days)
    rows = [
        Deadline(
            kind=DeadlineKind.REPLY,
            start=date.fromordinal(o),
            days=n,
            due=date.fromordinal(d),
            provisional=p,
        )
        for o, n, d, p in zip(origins, days, dues, flags, strict=True)
    ]
    _, seconds = timed(lambda: Deadline.objects.bulk_create(rows, batch_size=2000))
    print(f"  insert {count:,} open deadlines (bulk_create)        {rate(count, seconds)}")
    result, seconds = timed(lambda: notice_import(data=notice_file_load(EXAMPLE)))
    print(
        f"  notice_import 2027 → {result.recomputed:,} deadlines recomputed and saved "
        f"in {seconds:.2f} s  ({result.recomputed / seconds:,.0f} /s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 cases, smaller samples")
    parser.add_argument("--cases", type=int, default=None)
    parser.add_argument("--db-cases", type=int, default=None, help="0 to skip the database part")
    args = parser.parse_args()
    count = args.cases or (100_000 if args.quick else 1_000_000)
    sample = 5_000 if args.quick else 20_000
    db_cases = args.db_cases if args.db_cases is not None else (5_000 if args.quick else 100_000)

    print(f"Python {sys.version.split()[0]}, one process, {count:,} open cases")
    origins, days, pause_specs = make_cases(count)
    paused_index = {i for i, _ in pause_specs}

    # 1. the floor: one trivial operation per case
    _, base_seconds = timed(lambda: [o + n for o, n in zip(origins, days, strict=True)])
    print(f"baseline  trivial loop (origin + days)         {rate(count, base_seconds)}")

    # before the import: 2004–2026 published, 2027 provisional
    closed, worked = dict(cc.holidays), dict(cc.workdays)
    before = WorkingCalendar(closed=closed, worked=worked, published_years=range(2004, 2027))

    # 2. naive day-by-day counting on a sample
    rng = random.Random(1)
    picks = [rng.randrange(count) for _ in range(sample)]
    sample_starts = [(date.fromordinal(origins[i]), days[i]) for i in picks]
    _, naive_seconds = timed(
        lambda: [day_by_day(before.is_workday, s, n) for s, n in sample_starts]
    )
    print(f"baseline  day-by-day counting ({sample:,} sample)    {rate(sample, naive_seconds)}")

    # the import: a new year's notice → a new table
    spec = notice_parse(notice_file_load(EXAMPLE))
    after, build_seconds = timed(
        lambda: WorkingCalendar(
            closed={**closed, **spec.closed},
            worked={**worked, **spec.worked},
            published_years=range(2004, 2028),
        )
    )
    print(f"build the calendar table after the import      {build_seconds * 1000:9.1f} ms")

    # 3. recompute every case
    plain = [i for i in range(count) if i not in paused_index]
    plain_origins = [origins[i] for i in plain]
    plain_days = [days[i] for i in plain]
    paused_cases = [(origins[i], days[i], [(first, first + 9)]) for i, first in pause_specs]

    def recompute() -> tuple[list[int], list[bool], list[int]]:
        dues, flags = after.due_many(plain_origins, plain_days)
        walk = after.walk
        paused_dues = [walk(o, n, p)[0] for o, n, p in paused_cases]
        return dues, flags, paused_dues

    (dues, flags, _paused_dues), fast_seconds = timed(recompute)
    per_second = count / fast_seconds
    print(f"table     recompute all (due + provisional)    {rate(count, fast_seconds)}")
    _, walk_seconds = timed(lambda: [after.walk(o, n, p) for o, n, p in paused_cases])
    print(
        f"          of which {len(paused_cases):,} with a pause (walk)       "
        f"{rate(len(paused_cases), walk_seconds)}"
    )
    provisional_before = sum(before.due_many(plain_origins, plain_days)[1])
    print(
        f"          provisional before the import: {provisional_before:,}; after: {sum(flags):,}"
        " (only days from 2027-12-29 on wait for the 2028 notice)"
    )

    # correctness on a sample, against the explained path and day by day
    for i in picks[:2000]:
        if i in paused_index:
            continue
        o, n = origins[i], days[i]
        expected = after.due(Period(date.fromordinal(o), n)).due
        assert after.add(date.fromordinal(o), n) == expected
        assert day_by_day(after.is_workday, date.fromordinal(o), n) == expected
    got = dict(zip(plain, dues, strict=True))
    for i in picks[:2000]:
        if i in got:
            assert date.fromordinal(got[i]) == after.add(date.fromordinal(origins[i]), days[i])
    print("          checked against due() and day-by-day counting on a sample: ok")

    # 4. the explained path
    periods = [Period(date.fromordinal(origins[i]), days[i]) for i in picks]
    _, explained_seconds = timed(lambda: [after.due(p) for p in periods])
    print(f"explained due() with Chinese text ({sample:,})     {rate(sample, explained_seconds)}")

    print()
    print(
        f"ratio to the trivial loop: {fast_seconds / base_seconds:.1f}×;  "
        f"speed-up over day-by-day: {(naive_seconds / sample) / (fast_seconds / count):,.0f}×"
    )
    verdict = "MET" if per_second >= TARGET else "NOT MET"
    print(f"target ≥ {TARGET:,} deadlines/s per core: {verdict} ({per_second:,.0f}/s)")

    if db_cases:
        print()
        print(f"database (SQLite, temporary), {db_cases:,} open deadlines:")
        database_section(db_cases)


if __name__ == "__main__":
    main()
