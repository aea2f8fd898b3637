"""The 表四 tables and answer periods of ``rules`` (pure data, no database)."""

from __future__ import annotations

from gongkai.appeals import rules
from gongkai.appeals.models import BodyRole, Result, Table4Column


def test_every_result_has_exactly_one_column_of_table4():
    assert set(rules.DEFAULT_RESULT_COLUMNS) == set(Result.values)
    assert set(rules.DEFAULT_RESULT_COLUMNS.values()) == set(Table4Column.values)
    assert tuple(Table4Column.values) == rules.RESULT_COLUMNS


def test_default_mapping_reads_upheld_corrected_other_as_documented():
    by_column: dict[str, set[str]] = {}
    for result, column in rules.DEFAULT_RESULT_COLUMNS.items():
        by_column.setdefault(column, set()).add(result)
    assert by_column == {
        "upheld": {"upheld", "rejected"},
        "corrected": {
            "revoked",
            "varied",
            "confirmed_illegal",
            "confirmed_void",
            "ordered_to_perform",
        },
        "other": {"terminated", "withdrawn", "action_dismissed", "mediated", "other"},
    }


def test_table4_layout_follows_the_format():
    assert [label for _, label in rules.TABLE4_COLUMNS] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
    ]
    assert [key for key, _ in rules.TABLE4_GROUPS] == [
        "review",
        "litigation_direct",
        "litigation_after_review",
    ]


def test_only_respondent_and_defendant_count_guobanhan_2016_201():
    """国办公开办函〔2016〕201号: a 复议机关 as co-defendant does not count the case."""
    assert set(rules.TABLE4_COUNTED_ROLES) == {BodyRole.RESPONDENT, BodyRole.DEFENDANT}
    assert BodyRole.REVIEW_BODY_CO_DEFENDANT not in rules.TABLE4_COUNTED_ROLES


def test_answer_periods_cite_the_statutes():
    assert rules.REVIEW_ANSWER_WORKING_DAYS == 10  # 行政复议法 第四十八条
    assert rules.REVIEW_SIMPLIFIED_ANSWER_WORKING_DAYS == 5  # 行政复议法 第五十四条
    assert rules.LITIGATION_ANSWER_DAYS == 15  # 行政诉讼法 第六十七条
    assert rules.LITIGATION_ANSWER_IN_WORKING_DAYS is False
