"""The consolidated report of a 人民政府 is the sum of its bodies' reports.

Property: for any records of a county government, two departments and a township, 表三 of the
consolidated report equals the cell-by-cell sum of each body's own 表三, and so still satisfies
一＋二＝三（七）＋四 per column (regulations.md §1.7 rule 1).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel
from gongkai.annual.compute import report_compute, report_compute_full
from gongkai.annual.report.rows import TABLE3_KEYS
from gongkai.applications.outcomes import OUTCOME_KEYS, ApplicantCategory
from gongkai.applications.states import Status
from gongkai.applications.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

record = st.tuples(
    st.integers(min_value=0, max_value=3),  # which body
    st.integers(min_value=0, max_value=600),  # received: days after 2023-01-01
    st.one_of(st.none(), st.integers(min_value=0, max_value=90)),  # answered after, or open
    st.sampled_from(OUTCOME_KEYS),
    st.sampled_from(list(ApplicantCategory)),
)


@pytest.fixture
def township(county: Agency) -> Agency:
    return Agency.objects.create(
        name="平罗县城关镇人民政府",
        kind=AgencyKind.GOVERNMENT,
        level=AgencyLevel.TOWNSHIP,
        parent=county,
    )


def _create(bodies: list[Agency], records: list[tuple[Any, ...]]) -> None:
    for n, (which, received, answered, outcome, category) in enumerate(records):
        day = date(2023, 1, 1) + timedelta(days=received)
        extra: dict[str, Any] = {}
        if answered is not None:
            extra = {
                "status": Status.ANSWERED,
                "answered_on": day + timedelta(days=answered),
                "outcome": outcome,
            }
        ApplicationFactory(
            agency=bodies[which],
            number=f"H-{n:04d}",
            received_on=day,
            applicant_category=category,
            **extra,
        )


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(records=st.lists(record, max_size=20), year=st.sampled_from([2023, 2024]))
def test_consolidated_table3_is_the_sum_of_the_bodies(
    county: Agency,
    bureau: Agency,
    other_bureau: Agency,
    township: Agency,
    records: list[tuple[Any, ...]],
    year: int,
) -> None:
    bodies = [county, bureau, other_bureau, township]
    with transaction.atomic():
        _create(bodies, records)
        full = report_compute_full(agency=county, year=year, consolidated=True)
        own = [report_compute(agency=b, year=year) for b in bodies]
        for key in TABLE3_KEYS:
            summed = [sum(int(r.table3.row(key)[c] or 0) for r in own) for c in range(7)]
            assert list(full.report.table3.row(key)) == summed, key
        assert not [f for f in full.report.findings if f.rule.startswith("table3")]
        assert {line.agency for line in full.bodies} == {b.name for b in bodies}
        assert sum(line.new for line in full.bodies) == full.report.table3.cell("new", 6)
        transaction.set_rollback(True)


def _queries_of_consolidation(county: Agency) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        report_compute_full(agency=county, year=2023, consolidated=True)
    return len(captured.captured_queries)


def test_consolidation_reads_each_source_once_whatever_the_number_of_bodies(
    county: Agency, bureau: Agency
) -> None:
    """The tables and figures of 2,000 bodies are counted by one GROUP BY per source, not one
    query per body (benchmarks/report.py measures the time)."""
    ApplicationFactory(agency=bureau, number="Q-0", received_on=date(2023, 3, 1))
    few = _queries_of_consolidation(county)
    for n in range(12):
        body = Agency.objects.create(
            name=f"平罗县第{n}局",
            kind=AgencyKind.DEPARTMENT,
            level=AgencyLevel.COUNTY,
            parent=county,
        )
        if n % 2:
            ApplicationFactory(agency=body, number=f"Q-{n + 1}", received_on=date(2023, 5, 1))
    assert _queries_of_consolidation(county) == few
