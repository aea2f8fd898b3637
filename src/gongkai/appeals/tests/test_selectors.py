"""表四 computed from the records, and the reminder lists."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings

from gongkai.appeals.models import BodyRole, ResultMapping
from gongkai.appeals.selectors import (
    access_appeal,
    appeal_as_dict,
    appeals_due_soon,
    appeals_overdue,
    applications_by_number,
    result_columns,
    table4,
    table4_empty,
)
from gongkai.appeals.tests.factories import ApplicationFactory, LawsuitFactory, ReviewFactory
from gongkai.core.errors import NotFoundOrForbidden, ValidationFailed

pytestmark = pytest.mark.django_db


def _row(upheld=0, corrected=0, other=0, pending=0):
    return {
        "upheld": upheld,
        "corrected": corrected,
        "other": other,
        "pending": pending,
        "total": upheld + corrected + other + pending,
    }


def test_empty_year_is_all_zeros(bureau):
    assert table4(agency=bureau, year=2024) == table4_empty()


def test_each_result_lands_in_its_column_and_total_is_the_sum(bureau):
    decided = date(2024, 6, 1)
    for result in ("upheld", "rejected", "revoked", "confirmed_illegal", "withdrawn"):
        ReviewFactory(agency=bureau, result=result, decided_on=decided)
    ReviewFactory(agency=bureau)
    LawsuitFactory(agency=bureau, result="action_dismissed", decided_on=decided)
    LawsuitFactory(agency=bureau, result="ordered_to_perform", decided_on=decided)
    assert table4(agency=bureau, year=2024) == {
        "review": _row(upheld=2, corrected=2, other=1, pending=1),
        "litigation_direct": _row(corrected=1, other=1),
        "litigation_after_review": _row(),
    }


def test_review_body_as_co_defendant_does_not_count_the_case(county, bureau):
    """国办公开办函〔2016〕201号: "对于行政复议机关作为共同被告的行政诉讼案件，只计算原行为
    主体的案件数量，不计算行政复议机关的案件数量"."""
    LawsuitFactory(
        agency=bureau, route="after_review", result="upheld", decided_on=date(2024, 9, 1)
    )
    LawsuitFactory(
        agency=county,
        route="after_review",
        role=BodyRole.REVIEW_BODY_CO_DEFENDANT,
        result="upheld",
        decided_on=date(2024, 9, 1),
    )
    # Deciding a 复议 does not make the county a party either.
    ReviewFactory(agency=county, role=BodyRole.REVIEW_BODY)
    assert table4(agency=county, year=2024) == table4_empty()
    assert table4(agency=bureau, year=2024)["litigation_after_review"] == _row(upheld=1)


def test_lawsuit_after_review_counts_once_and_its_review_in_its_own_year(bureau):
    review = ReviewFactory(
        agency=bureau, filed_on=date(2023, 11, 6), result="upheld", decided_on=date(2023, 12, 28)
    )
    LawsuitFactory(
        agency=bureau,
        route="after_review",
        review_case=review,
        filed_on=date(2024, 1, 10),
        result="revoked",
        decided_on=date(2024, 7, 1),
    )
    assert table4(agency=bureau, year=2023) == {
        **table4_empty(),
        "review": _row(upheld=1),
    }
    assert table4(agency=bureau, year=2024) == {
        **table4_empty(),
        "litigation_after_review": _row(corrected=1),
    }


def test_pending_case_is_carried_into_each_year_until_decided(bureau):
    LawsuitFactory(
        agency=bureau, filed_on=date(2023, 10, 9), result="rejected", decided_on=date(2025, 2, 3)
    )
    assert table4(agency=bureau, year=2022)["litigation_direct"] == _row()
    assert table4(agency=bureau, year=2023)["litigation_direct"] == _row(pending=1)
    assert table4(agency=bureau, year=2024)["litigation_direct"] == _row(pending=1)
    assert table4(agency=bureau, year=2025)["litigation_direct"] == _row(upheld=1)
    assert table4(agency=bureau, year=2026)["litigation_direct"] == _row()


def test_case_decided_on_new_years_eve_is_not_pending(bureau):
    ReviewFactory(agency=bureau, result="varied", decided_on=date(2024, 12, 31))
    assert table4(agency=bureau, year=2024)["review"] == _row(corrected=1)
    assert table4(agency=bureau, year=2025)["review"] == _row()


def test_filed_counting_counts_a_case_once_in_its_filing_year(bureau):
    ReviewFactory(
        agency=bureau, filed_on=date(2023, 10, 9), result="upheld", decided_on=date(2024, 1, 5)
    )
    ReviewFactory(
        agency=bureau, filed_on=date(2023, 3, 1), result="revoked", decided_on=date(2023, 6, 1)
    )
    assert table4(agency=bureau, year=2023, counting="filed")["review"] == _row(
        corrected=1, pending=1
    )
    assert table4(agency=bureau, year=2024, counting="filed")["review"] == _row()
    with override_settings(GONGKAI_APPEALS_TABLE4_COUNTING="filed"):
        assert table4(agency=bureau, year=2024)["review"] == _row()


def test_unknown_counting_rule_is_refused(bureau):
    with pytest.raises(ValidationFailed):
        table4(agency=bureau, year=2024, counting="received")
    with (
        override_settings(GONGKAI_APPEALS_TABLE4_COUNTING="received"),
        pytest.raises(ValidationFailed),
    ):
        table4(agency=bureau, year=2024)


def test_a_deployment_override_moves_a_result_to_another_column(bureau):
    ReviewFactory(agency=bureau, result="rejected", decided_on=date(2024, 6, 1))
    assert table4(agency=bureau, year=2024)["review"] == _row(upheld=1)
    ResultMapping.objects.create(result="rejected", column="other")
    assert result_columns()["rejected"] == "other"
    assert table4(agency=bureau, year=2024)["review"] == _row(other=1)


def test_other_bodies_cases_are_not_counted(bureau, other_bureau):
    ReviewFactory(agency=other_bureau)
    assert table4(agency=bureau, year=2024) == table4_empty()


def test_table4_is_one_query(bureau, django_assert_num_queries):
    ReviewFactory(agency=bureau)
    LawsuitFactory(agency=bureau, result="upheld", decided_on=date(2024, 6, 1))
    with django_assert_num_queries(2):  # the mapping overrides, then the grouped count
        table4(agency=bureau, year=2024)


def test_due_soon_and_overdue_lists(bureau):
    overdue = ReviewFactory(agency=bureau, answer_due=date(2024, 9, 27))
    soon = ReviewFactory(agency=bureau, answer_due=date(2024, 10, 9))
    later = ReviewFactory(agency=bureau, answer_due=date(2024, 10, 10))
    ReviewFactory(agency=bureau, answer_due=date(2024, 9, 26), answered_on=date(2024, 9, 26))
    ReviewFactory(
        agency=bureau,
        answer_due=date(2024, 9, 26),
        result="withdrawn",
        decided_on=date(2024, 9, 20),
    )
    as_of = date(2024, 9, 30)
    # 3 working days after 9月30日 across 国庆: 10月8日, 9日, 10日 → up to 10月10日.
    assert list(appeals_due_soon(agency=bureau, as_of=as_of)) == [soon, later]
    assert list(appeals_due_soon(agency=bureau, as_of=as_of, within=2)) == [soon]
    assert list(appeals_overdue(agency=bureau, as_of=as_of)) == [overdue]
    with pytest.raises(ValidationFailed):
        appeals_due_soon(agency=bureau, as_of=as_of, within=-1)


def test_case_as_dict_names_its_table4_column(bureau):
    case = LawsuitFactory(agency=bureau, result="mediated", decided_on=date(2024, 6, 1))
    row = appeal_as_dict(case)
    assert (row["table4_column"], row["result_label"], row["route_label"]) == (
        "other",
        "调解",
        "未经复议直接起诉",
    )


def test_access_appeal_hides_other_bodies_cases(clerk, oversight, other_agency_clerk, bureau):
    case = ReviewFactory(agency=bureau)
    assert access_appeal(clerk, bureau.name, case.pk) == case
    assert access_appeal(oversight, bureau.name, case.pk) == case
    with pytest.raises(NotFoundOrForbidden):
        access_appeal(other_agency_clerk, bureau.name, case.pk)
    with pytest.raises(NotFoundOrForbidden):
        access_appeal(clerk, bureau.name, case.pk + 1)


def test_applications_by_number_finds_only_the_bodys_own(bureau, other_bureau):
    own = ApplicationFactory(agency=bureau, number="YSQ-1")
    ApplicationFactory(agency=other_bureau, number="YSQ-2")
    assert applications_by_number(agency=bureau, numbers=[" YSQ-1", "YSQ-1", ""]) == [own]
    with pytest.raises(ValidationFailed) as caught:
        applications_by_number(agency=bureau, numbers=["YSQ-1", "YSQ-2"])
    assert caught.value.code == "unknown_application"
    assert "YSQ-2" in caught.value.message
