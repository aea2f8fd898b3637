"""Computing annual reports from the records, next to the raw SQL GROUP BY over the same rows.

    .venv/bin/python benchmarks/report.py            # 2,000 bodies, 1,000,000 applications
    .venv/bin/python benchmarks/report.py --quick    # 50 bodies, 20,000 applications (CI smoke)

Runs on PostgreSQL (127.0.0.1:5432, a temporary database created and dropped; ``BENCH_PG_URL``
for other credentials), or on a temporary SQLite file when no PostgreSQL answers. It migrates an
empty schema, bulk-loads one county government with N bodies under it and M applications
spread over them and over 2024–2025 (with their answer deadlines), then times, in one run:

1. baselines: the raw SQL ``GROUP BY`` that 表三 needs (applications only), and the raw SQL
   ``GROUP BY`` of every table the report reads (applications, 复议/诉讼, publications and their
   channels, 规范性文件, yearly and recorded figures, concerns, proposals), for one body and for
   all bodies at once;
2. ``report_compute`` of one body's 2025 report (表二/表三/表四, sections, checks), after one
   first report of the process that also compiles the prepared queries, shown apart;
3. ``report_compute(consolidated=True)`` of the government's 2025 report over all bodies.

Target (issue: annual report computed from records): ≤ 2× the baseline and < 2 s. Each report
is printed against both baselines: the 表三 one counts only the applications while the report
also reads eight other tables, builds its text and runs every check, so for one body (a few
milliseconds) the fixed cost of those dominates; the all-sources baseline is the like-for-like
one. Figures are printed as measured; nothing is judged here.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from _bench import bench_database, pg_reachable  # noqa: E402 (after the path is set)

CATEGORIES = ("natural_person", "commercial", "research", "public_interest", "legal_service")
OUTCOMES = ("granted", "partial", "denied_4", "unable_1", "not_processed_2", "other_3")


def _timed(fn: Any, repeat: int) -> dict[str, float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return {"median_ms": round(statistics.median(runs), 1), "min_ms": round(min(runs), 1)}


def _load(bodies: int, applications: int) -> tuple[Any, Any]:
    from django.db import connection
    from django.utils import timezone

    from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel
    from gongkai.applications.models import Application
    from gongkai.workdays.models import Deadline

    county = Agency.objects.create(
        name="基准县人民政府", kind=AgencyKind.GOVERNMENT, level=AgencyLevel.COUNTY
    )
    Agency.objects.bulk_create(
        Agency(
            name=f"基准县第{n:04d}局",
            kind=AgencyKind.DEPARTMENT,
            level=AgencyLevel.COUNTY,
            parent=county,
        )
        for n in range(bodies)
    )
    ids = list(Agency.objects.filter(parent=county).values_list("id", flat=True))
    rng = random.Random(20251231)
    now = timezone.now()
    batch = 20_000
    for offset in range(0, applications, batch):
        size = min(batch, applications - offset)
        received = [date(2024, 1, 2) + timedelta(days=rng.randrange(700)) for _ in range(size)]
        deadlines = Deadline.objects.bulk_create(
            Deadline(
                kind="reply",
                start=day,
                days=20,
                due=day + timedelta(days=28),
                computed_at=now,
            )
            for day in received
        )
        rows = []
        for i, (day, deadline) in enumerate(zip(received, deadlines, strict=True)):
            answered = day + timedelta(days=rng.randrange(5, 40))
            closed = answered <= date(2025, 12, 31) and rng.random() < 0.95
            rows.append(
                Application(
                    agency_id=ids[(offset + i) % len(ids)],
                    number=f"B-{offset + i:07d}",
                    tracking_code=f"T{offset + i:011d}",
                    channel="online",
                    applicant_category=rng.choice(CATEGORIES),
                    received_on=day,
                    request_content="基准测试申请",
                    status="answered" if closed else "in_review",
                    outcome=rng.choice(OUTCOMES) if closed else None,
                    answered_on=answered if closed else None,
                    reply_deadline=deadline,
                )
            )
        Application.objects.bulk_create(rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    return county, Agency.objects.get(id=ids[0])


def _baseline_sql(agency_ids: list[int], year: int) -> None:
    from django.db import connection

    first, last = date(year, 1, 1), date(year, 12, 31)
    marks = ",".join(["%s"] * len(agency_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT outcome, applicant_category, COUNT(*) FROM applications_application "  # noqa: S608 (placeholders only)
            f"WHERE agency_id IN ({marks}) AND answered_on BETWEEN %s AND %s "
            "GROUP BY outcome, applicant_category",
            [*agency_ids, first, last],
        )
        cursor.fetchall()
        for condition, params in (
            ("received_on BETWEEN %s AND %s", [first, last]),
            ("received_on < %s AND (answered_on IS NULL OR answered_on >= %s)", [first, first]),
            ("received_on <= %s AND (answered_on IS NULL OR answered_on > %s)", [last, last]),
        ):
            cursor.execute(
                "SELECT applicant_category, COUNT(*) FROM applications_application "  # noqa: S608 (placeholders only)
                f"WHERE agency_id IN ({marks}) AND {condition} "
                "GROUP BY applicant_category",
                [*agency_ids, *params],
            )
            cursor.fetchall()


#: The other tables a report reads, each with the GROUP BY the report needs from it (raw SQL):
#: 表四 (复议/诉讼), 表二 and the posts of the text (publishing), concerns and proposals, the
#: recorded figures. ``R`` stands for the year's date range (two parameters), ``Y`` the year.
_OTHER_SOURCES = (
    (
        "SELECT agency_id, kind, route, result, COUNT(*) FROM appeals_appealcase "
        "WHERE agency_id IN ({marks}) "
        "AND (filed_on BETWEEN %s AND %s OR decided_on BETWEEN %s AND %s) "
        "GROUP BY agency_id, kind, route, result",
        "RR",
    ),
    (
        "SELECT agency_id, COUNT(*) FROM publishing_publication "
        "WHERE agency_id IN ({marks}) AND published_on BETWEEN %s AND %s GROUP BY agency_id",
        "R",
    ),
    (
        "SELECT p.agency_id, c.channel, COUNT(*) FROM publishing_publicationchannel c "
        "JOIN publishing_publication p ON p.id = c.publication_id "
        "WHERE p.agency_id IN ({marks}) AND c.published_on BETWEEN %s AND %s "
        "GROUP BY p.agency_id, c.channel",
        "R",
    ),
    (
        "SELECT agency_id, kind, COUNT(*) FROM publishing_normativedocument "
        "WHERE agency_id IN ({marks}) AND made_on <= %s GROUP BY agency_id, kind",
        "L",
    ),
    (
        "SELECT agency_id, item, value FROM publishing_yearlyfigure "
        "WHERE agency_id IN ({marks}) AND year = %s",
        "Y",
    ),
    (
        "SELECT agency_id, channel, kind, result, COUNT(*) FROM inquiries_inquiry "
        "WHERE agency_id IN ({marks}) AND received_on BETWEEN %s AND %s "
        "GROUP BY agency_id, channel, kind, result",
        "R",
    ),
    (
        "SELECT agency_id, kind, result, COUNT(*) FROM inquiries_proposal "
        "WHERE agency_id IN ({marks}) AND received_on BETWEEN %s AND %s "
        "GROUP BY agency_id, kind, result",
        "R",
    ),
    (
        "SELECT agency_id, name, value FROM annual_recordedfigure "
        "WHERE agency_id IN ({marks}) AND year = %s",
        "Y",
    ),
)


def _baseline_all_sources(agency_ids: list[int], year: int) -> None:
    """The applications' GROUP BY plus one raw GROUP BY on each other table the report reads."""
    from django.db import connection

    _baseline_sql(agency_ids, year)
    first, last = date(year, 1, 1), date(year, 12, 31)
    params = {"R": [first, last], "L": [last], "Y": [year]}
    marks = ",".join(["%s"] * len(agency_ids))
    with connection.cursor() as cursor:
        for sql, shape in _OTHER_SOURCES:
            values = [v for letter in shape for v in params[letter]]
            cursor.execute(sql.format(marks=marks), [*agency_ids, *values])
            cursor.fetchall()


def measure(bodies: int, applications: int, repeat: int) -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.db import connection

    from gongkai.agencies.models import Agency
    from gongkai.annual.compute import report_compute

    started = time.perf_counter()
    county, one = _load(bodies, applications)
    load_s = time.perf_counter() - started
    all_ids = list(Agency.objects.filter(parent=county).values_list("id", flat=True))
    print(f"database: {connection.vendor}; {bodies:,} bodies, {applications:,} applications")
    print(f"load: {load_s:.1f} s")
    base_one = _timed(lambda: _baseline_sql([one.pk], 2025), repeat)
    every_one = _timed(lambda: _baseline_all_sources([one.pk], 2025), repeat)
    base_all = _timed(lambda: _baseline_sql([county.pk, *all_ids], 2025), repeat)
    every_all = _timed(lambda: _baseline_all_sources([county.pk, *all_ids], 2025), repeat)
    # The first report of the process also builds and compiles its prepared queries
    # (gongkai.core.prepared); shown apart, then the steady state.
    first_call = _timed(lambda: report_compute(agency=one, year=2025), 1)
    one_report = _timed(lambda: report_compute(agency=one, year=2025), repeat)
    consolidated = _timed(
        lambda: report_compute(agency=county, year=2025, consolidated=True), max(3, repeat // 2)
    )
    print(f"{'what':46} {'median ms':>10} {'min ms':>9} {'× 表三 SQL':>11} {'× all SQL':>10}")
    for label, figures, baselines in (
        ("baseline: 表三 SQL GROUP BY, one body", base_one, None),
        ("baseline: SQL GROUP BY of every source, one body", every_one, None),
        ("report_compute, one body, first of the process", first_call, (base_one, every_one)),
        ("report_compute, one body", one_report, (base_one, every_one)),
        ("baseline: 表三 SQL GROUP BY, all bodies", base_all, None),
        ("baseline: SQL GROUP BY of every source, all", every_all, None),
        ("report_compute consolidated, all bodies", consolidated, (base_all, every_all)),
    ):
        ratios = [
            f"{figures['median_ms'] / max(b['median_ms'], 0.01):.1f}×" for b in baselines or ()
        ] or ["", ""]
        print(
            f"{label:46} {figures['median_ms']:>10} {figures['min_ms']:>9} "
            f"{ratios[0]:>11} {ratios[1]:>10}"
        )
    print("target: ≤ 2× the baseline and < 2000 ms (figures above are as measured)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="50 bodies, 20,000 applications")
    parser.add_argument("--bodies", type=int, default=2000)
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.quick:
        args.bodies, args.applications, args.repeat = 50, 20_000, 3
    postgres = pg_reachable()
    if not postgres:
        print("PostgreSQL not reachable: measuring on SQLite")
    with bench_database("report", postgres=postgres):
        measure(args.bodies, args.applications, args.repeat)


if __name__ == "__main__":
    main()
