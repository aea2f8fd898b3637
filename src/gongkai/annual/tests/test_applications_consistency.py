"""表三 computed from any lawful history of applications passes every check of the engine.

Property (issue: 依申请公开): whatever sequence of legal moves the officers make, the 表三 that
``applications.selectors.table3_rows`` computes for any year satisfies 一＋二＝三（七）＋四, the
result and row sums (regulations.md §1.7), and 二(Y) equals 四(Y−1).
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.agencies.models import Role
from gongkai.annual.report.checks import run_checks
from gongkai.annual.report.model import AnnualReport, Table3
from gongkai.applications.outcomes import OUTCOME_KEYS, ApplicantCategory, Channel
from gongkai.applications.selectors import table3_rows
from gongkai.applications.services import application_register, transition
from gongkai.applications.states import allowed_actions
from gongkai.core.errors import DomainError

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)
_ALL_ROLES = frozenset({Role.CLERK, Role.REVIEWER, Role.HEAD})
# Rows an answer may choose (the lapses and withdrawal conclude through their own moves).
_ANSWER_ROWS = [key for key in OUTCOME_KEYS if key not in {"other_1", "other_2"}]

case_plan = st.tuples(
    st.integers(min_value=0, max_value=700),  # received: days after 2024-01-01
    st.sampled_from(list(ApplicantCategory)),
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=12),  # which allowed move
            st.integers(min_value=0, max_value=40),  # days after the previous event
            st.sampled_from(_ANSWER_ROWS),
        ),
        max_size=6,
    ),
)


def _play(agency, head, plan) -> None:
    offset, category, moves = plan
    day = date(2024, 1, 1) + timedelta(days=offset)
    application = application_register(
        actor=head,
        agency=agency,
        number=f"P-{next(_numbers):05d}",
        channel=Channel.IN_PERSON,
        received_on=day,
        applicant_category=category,
        request_content="关于某项目的批复文件",
    )
    for choice, gap, outcome in moves:
        actions = allowed_actions(application.status, _ALL_ROLES)
        if not actions:
            return
        action = actions[choice % len(actions)]
        day += timedelta(days=gap)
        try:
            application = transition(
                actor=head,
                application=application,
                action=action,
                on=day,
                outcome=outcome if action == "answer" else None,
            )
        except DomainError:
            # A move the law refuses on that day (e.g. a second 补正): the case stays as it was.
            application.refresh_from_db()


def _report(agency, year) -> AnnualReport:
    return AnnualReport(
        agency=agency.name,
        year=year,
        table3=Table3.from_mapping(table3_rows(agency=agency, year=year)),
    )


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plans=st.lists(case_plan, min_size=1, max_size=6))
def test_table3_from_any_lawful_history_passes_every_check(bureau, head, plans):
    with time_machine.travel("2026-06-01 10:00 +0800", tick=False):
        for plan in plans:
            _play(bureau, head, plan)
    previous = None
    for year in (2024, 2025, 2026):
        report = _report(bureau, year)
        result = run_checks(report, previous)
        errors = [f for f in result.findings if f.severity == "error"]
        assert errors == [], errors
        assert "table3.balance" in result.assessed
        if previous is not None:
            assert report.table3.row("carried_over") == previous.table3.row("carried_forward")
        previous = report
