"""The remedy clause of an answer (regulations.md §4.2), no database."""

from __future__ import annotations

import pytest

from gongkai.applications.outcomes import OUTCOMES, outcome_by_key
from gongkai.applications.remedy import remedy_clause
from gongkai.core.errors import ValidationFailed

REVIEW = "平罗县人民政府"
COURT = "平罗县人民法院"


def test_non_refusal_offers_review_in_60_days_or_a_lawsuit_in_6_months():
    """行政复议法 第二十条第一款; 行政诉讼法 第四十六条第一款."""
    clause = remedy_clause(outcome_by_key("granted"), review_body=REVIEW, court=COURT)
    assert clause.text == (
        "如不服本答复，可以自收到本答复之日起六十日内向平罗县人民政府申请行政复议，"
        "或者自收到本答复之日起六个月内向平罗县人民法院提起行政诉讼。"
    )
    assert not clause.review_first
    assert "行政诉讼法第四十六条第一款" in clause.basis


@pytest.mark.parametrize("key", [f"denied_{i}" for i in range(1, 9)])
def test_refusal_requires_review_first_and_offers_no_direct_lawsuit(key):
    """行政复议法（2023）第二十三条第一款第四项、第二款."""
    clause = remedy_clause(outcome_by_key(key), review_body=REVIEW, court=COURT)
    assert clause.review_first
    assert clause.text == (
        "如不服本答复，应当自收到本答复之日起六十日内先向平罗县人民政府申请行政复议；"
        "对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼。"
    )
    assert "六个月" not in clause.text
    assert COURT not in clause.text
    assert "行政复议法第二十三条第一款第四项、第二款" in clause.basis


def test_refusal_does_not_need_a_court_name():
    clause = remedy_clause(outcome_by_key("denied_1"), review_body=REVIEW)
    assert clause.review_first


def test_partial_disclosure_requires_review_first_for_the_withheld_part_only():
    clause = remedy_clause(outcome_by_key("partial"), review_body=REVIEW, court=COURT)
    assert clause.review_first
    assert clause.text.startswith(
        "对本答复中不予公开的部分不服的，应当自收到本答复之日起六十日内先向"
    )
    assert "对本答复其他内容不服的" in clause.text
    assert "六个月内向平罗县人民法院提起行政诉讼" in clause.text


@pytest.mark.parametrize("outcome", OUTCOMES, ids=lambda o: o.key)
def test_every_outcome_gets_a_clause_naming_the_review_body(outcome):
    clause = remedy_clause(outcome, review_body=f" {REVIEW} ", court=COURT)
    assert REVIEW in clause.text
    assert f" {REVIEW}" not in clause.text
    assert clause.review_first is outcome.review_first
    assert "向上级主管部门" not in clause.text  # the pre-2024 wording is gone


def test_a_review_body_name_is_required():
    with pytest.raises(ValidationFailed) as excinfo:
        remedy_clause(outcome_by_key("denied_1"), review_body="  ")
    assert excinfo.value.code == "remedy_name_missing"


def test_a_court_is_required_when_a_lawsuit_is_offered():
    with pytest.raises(ValidationFailed, match="人民法院"):
        remedy_clause(outcome_by_key("unable_1"), review_body=REVIEW)
