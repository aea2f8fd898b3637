"""Invariants the database keeps even when the services are bypassed."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from gongkai.appeals.models import BodyRole, Result
from gongkai.appeals.tests.factories import LawsuitFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def test_decision_before_filing_is_refused(bureau):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewFactory(agency=bureau, decided_on=date(2024, 3, 1), result=Result.UPHELD)


def test_result_without_decision_date_is_refused(bureau):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewFactory(agency=bureau, result=Result.UPHELD)


def test_decision_date_without_result_is_refused(bureau):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewFactory(agency=bureau, decided_on=date(2024, 5, 1))


def test_lawsuit_needs_a_route_and_a_litigation_role(bureau):
    with pytest.raises(IntegrityError), transaction.atomic():
        LawsuitFactory(agency=bureau, route="")
    with pytest.raises(IntegrityError), transaction.atomic():
        LawsuitFactory(agency=bureau, role=BodyRole.RESPONDENT)


def test_review_has_no_route(bureau):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewFactory(agency=bureau, route="direct")


def test_case_number_is_unique_per_body_and_kind(bureau, other_bureau):
    ReviewFactory(agency=bureau, case_number="平政复〔2024〕9号")
    ReviewFactory(agency=other_bureau, case_number="平政复〔2024〕9号")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewFactory(agency=bureau, case_number="平政复〔2024〕9号")


def test_str_names_kind_number_and_role(bureau):
    case = LawsuitFactory(agency=bureau, case_number="（2024）宁0221行初1号")
    assert str(case) == "行政诉讼 （2024）宁0221行初1号（被告）"
    assert case.group == "litigation_direct"
