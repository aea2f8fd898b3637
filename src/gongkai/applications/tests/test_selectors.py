"""表三 of a year and the overdue cases, computed from the applications themselves."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gongkai.applications.outcomes import OUTCOME_KEYS, ApplicantCategory
from gongkai.applications.selectors import (
    TABLE3_COLUMNS,
    TABLE3_ROW_KEYS,
    applications_overdue,
    table3_cell_cases,
    table3_rows,
)
from gongkai.applications.services import application_register, transition
from gongkai.applications.states import Action, Status
from gongkai.applications.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

D = date
NATURAL, COMMERCIAL, RESEARCH, PUBLIC, LEGAL, OTHER, TOTAL = range(7)


def case(agency, received, answered=None, outcome="granted", category="natural_person", **kw):
    if answered is None:
        return ApplicationFactory(
            agency=agency, received_on=received, applicant_category=category, **kw
        )
    status = {"other_1": Status.ABANDONED, "other_2": Status.ABANDONED}.get(
        outcome, Status.WITHDRAWN if outcome == "other_3" else Status.ANSWERED
    )
    return ApplicationFactory(
        agency=agency,
        received_on=received,
        applicant_category=category,
        status=status,
        outcome=outcome,
        answered_on=answered,
        **kw,
    )


@pytest.fixture
def caseload(bureau, other_bureau):
    """A body's applications across the turn of 2024/2025 and 2025/2026."""
    case(bureau, D(2024, 3, 1), D(2024, 3, 15))  # 2024 only
    case(bureau, D(2024, 11, 10), D(2025, 1, 15))  # carried into 2025
    case(bureau, D(2025, 5, 5), D(2025, 5, 20), "denied_4", "research")
    case(bureau, D(2025, 6, 1), category="legal_service")  # still open
    case(bureau, D(2025, 7, 1), D(2025, 7, 2), "other_3")  # withdrawn
    case(bureau, D(2025, 12, 31), D(2025, 12, 31), "unable_1", "public_interest")
    case(bureau, D(2025, 12, 31), D(2026, 1, 12), "partial", "commercial")
    case(other_bureau, D(2025, 5, 5), D(2025, 5, 6))  # another body's


def check_identity(rows):
    """表三: 第一项加第二项之和，等于第三项加第四项之和, in every column."""
    for column in range(len(TABLE3_COLUMNS)):
        assert (
            rows["new"][column] + rows["carried_over"][column]
            == rows["total"][column] + rows["carried_forward"][column]
        ), TABLE3_COLUMNS[column]


def test_table_three_has_every_row_and_seven_columns(bureau):
    rows = table3_rows(agency=bureau, year=2025)
    assert tuple(rows) == TABLE3_ROW_KEYS
    assert len(rows) == 25
    assert all(line == [0] * 7 for line in rows.values())


def test_table_three_of_2025(bureau, caseload):
    rows = table3_rows(agency=bureau, year=2025)
    assert rows["new"] == [1, 1, 1, 1, 1, 0, 5]
    assert rows["carried_over"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["granted"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["denied_4"] == [0, 0, 1, 0, 0, 0, 1]
    assert rows["unable_1"] == [0, 0, 0, 1, 0, 0, 1]
    assert rows["other_3"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["partial"] == [0] * 7
    assert rows["total"] == [2, 0, 1, 1, 0, 0, 4]
    assert rows["carried_forward"] == [0, 1, 0, 0, 1, 0, 2]
    check_identity(rows)


def test_received_on_31_december_and_answered_in_january_counts_in_both_years(bureau, caseload):
    """收到 2025-12-31, 答复 2026-01-12: 一 and 四 of 2025, 二 and 三（二） of 2026."""
    y2025, y2026 = table3_rows(agency=bureau, year=2025), table3_rows(agency=bureau, year=2026)
    assert y2025["new"][COMMERCIAL] == 1
    assert y2025["partial"][COMMERCIAL] == 0
    assert y2025["carried_forward"][COMMERCIAL] == 1
    assert y2026["carried_over"][COMMERCIAL] == 1
    assert y2026["new"][COMMERCIAL] == 0
    assert y2026["partial"][COMMERCIAL] == 1
    assert y2026["carried_forward"][COMMERCIAL] == 0
    check_identity(y2025)
    check_identity(y2026)


@time_machine.travel("2026-01-20 10:00 +08:00", tick=False)
def test_a_new_year_eve_case_handled_through_the_services(clerk, reviewer, bureau):
    """Registered on 31 December 2025 and answered on 9 January 2026 (条例 第三十一条, 第三十三条):
    counted as new and carried forward in 2025, carried over and answered in 2026."""
    application = application_register(
        actor=clerk,
        agency=bureau,
        number="YSQ-2025-0999",
        channel="online",
        received_on=D(2025, 12, 31),
        applicant_category="natural_person",
        request_content="2025年度义务教育招生计划",
    )
    application = transition(
        actor=clerk, application=application, action=Action.ACCEPT, on=D(2025, 12, 31)
    )
    transition(
        actor=reviewer,
        application=application,
        action=Action.ANSWER,
        on=D(2026, 1, 9),
        outcome="granted",
    )
    y2025, y2026 = table3_rows(agency=bureau, year=2025), table3_rows(agency=bureau, year=2026)
    assert y2025["new"][NATURAL] == y2025["carried_forward"][NATURAL] == 1
    assert y2025["total"][NATURAL] == 0
    assert y2026["carried_over"][NATURAL] == y2026["granted"][NATURAL] == 1
    assert y2026["new"][NATURAL] == y2026["carried_forward"][NATURAL] == 0
    check_identity(y2025)
    check_identity(y2026)


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026, 2027])
def test_carried_forward_is_next_years_carried_over(bureau, caseload, year):
    before, this = table3_rows(agency=bureau, year=year - 1), table3_rows(agency=bureau, year=year)
    assert this["carried_over"] == before["carried_forward"]
    check_identity(this)


def test_table_three_is_counted_by_the_database(bureau, django_assert_max_num_queries):
    for day in range(1, 29):
        case(bureau, D(2025, 2, day), D(2025, 3, day), "granted")
        case(bureau, D(2025, 2, day), category="other")
    with django_assert_max_num_queries(4):
        rows = table3_rows(agency=bureau, year=2025)
    assert rows["new"][TOTAL] == 56
    assert rows["granted"][TOTAL] == 28
    assert rows["carried_forward"][OTHER] == 28


# -- overdue --------------------------------------------------------------------------------------


@pytest.fixture
def march(bureau):
    """Received 3 March 2025: due 31 March (20 working days)."""
    return {
        "on_time": case(bureau, D(2025, 3, 3), D(2025, 3, 28), number="A-1"),
        "late": case(bureau, D(2025, 3, 3), D(2025, 4, 2), number="A-2"),
        "open": case(bureau, D(2025, 3, 3), number="A-3"),
        "correcting": case(
            bureau,
            D(2025, 3, 3),
            number="A-4",
            status=Status.AWAITING_CORRECTION,
            correction_requested_on=D(2025, 3, 5),
        ),
        "answered_later": case(bureau, D(2025, 3, 3), D(2025, 4, 10), number="A-5"),
    }


def test_overdue_is_answered_after_the_due_day_or_still_open_after_it(bureau, march):
    """docs/ledger.md: overdue when answered after its due date, or still open after it."""
    assert applications_overdue(agency=bureau, as_of=D(2025, 4, 3)) == [
        {"number": "A-2", "received": "2025-03-03", "due": "2025-03-31", "answered": "2025-04-02"},
        {"number": "A-3", "received": "2025-03-03", "due": "2025-03-31", "answered": None},
        {"number": "A-5", "received": "2025-03-03", "due": "2025-03-31", "answered": None},
    ]


def test_nothing_is_overdue_on_the_due_day_itself(bureau, march):
    assert applications_overdue(agency=bureau, as_of=D(2025, 3, 31)) == []


def test_overdue_is_per_body(other_bureau, march):
    assert applications_overdue(agency=other_bureau, as_of=D(2025, 6, 1)) == []


#: A day as an offset from 1 January of the year counted: on either side of 1 January and of
#: 31 December (where a row's definition changes) more often than any other day.
_offset = st.one_of(
    st.sampled_from([-2, -1, 0, 1, 363, 364, 365]), st.integers(min_value=-400, max_value=400)
)
_record = st.tuples(
    _offset,  # received
    st.one_of(st.none(), _offset),  # answered (not before received), or still open
    st.sampled_from(OUTCOME_KEYS),
    st.sampled_from([c.value for c in ApplicantCategory]),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(records=st.lists(_record, max_size=15), year=st.sampled_from([2023, 2024, 2025]))
@example(records=[(-1, 0, "granted", "natural_person")] * 2, year=2024)  # answered on 1 January
@example(
    records=[(364, 365, "granted", "commercial")] * 2, year=2024
)  # answered on 1 January after
def test_every_cell_of_table_three_is_the_number_of_its_drill_down_cases(
    bureau, other_bureau, records, year
):
    """regulations.md §1.7: the figures (one prepared GROUP BY, the days bound as values) and the
    drill-down (the same row definition with the days as dates) count the same cases, on
    either side of 1 January and 31 December, for any records; another body's cases never
    count."""
    with transaction.atomic():
        new_year = D(year, 1, 1)
        for n, (received, answered, outcome, category) in enumerate(records):
            body = bureau if n % 3 else other_bureau
            day = new_year + timedelta(days=received)
            done = (
                new_year + timedelta(days=max(received, answered)) if answered is not None else None
            )
            case(body, day, done, outcome=outcome, category=category, number=f"P-{n:03d}")
        rows = table3_rows(agency=bureau, year=year)
        for row in TABLE3_ROW_KEYS:
            for i, column in enumerate(TABLE3_COLUMNS):
                cases = table3_cell_cases(agency=bureau, year=year, row=row, column=column)
                assert rows[row][i] == cases.count(), (row, column)
        transaction.set_rollback(True)
