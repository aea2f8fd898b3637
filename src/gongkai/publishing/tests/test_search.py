"""Chinese full-text search on the bigram index: runs the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.publishing import search as search_module
from gongkai.publishing.search import parse_query, search, terms
from gongkai.publishing.services import publication_create, publication_update
from gongkai.publishing.states import Status
from gongkai.publishing.tests.factories import PublicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(bureau, other_bureau):
    return {
        "enrolment": PublicationFactory(
            agency=bureau,
            title="2025年义务教育招生工作方案",
            content="各学校按照学区划分招生，不得跨学区。",
            published_on=date(2025, 6, 1),
            article20_item="11",
        ),
        "burden": PublicationFactory(
            agency=bureau,
            title="关于落实“双减”政策的通知",
            content="减轻学生作业负担和校外培训负担。招生另行通知。",
            published_on=date(2025, 9, 1),
        ),
        "budget": PublicationFactory(
            agency=bureau,
            title="2024年部门决算公开",
            content="教育经费支出情况说明，含 COVID-19 专项资金。",
            published_on=date(2024, 8, 1),
            article20_item="07",
        ),
        "other": PublicationFactory(
            agency=other_bureau,
            title="国土空间规划公示",
            content="涉及学区周边用地的规划调整。",
            published_on=date(2025, 3, 1),
        ),
    }


def titles(results):
    return [p.title for p in results]


def test_terms_are_unigrams_bigrams_and_words():
    assert terms("双减ABC") == {"双": 1, "减": 1, "双减": 1, "abc": 1}
    assert parse_query("招生 计划").terms == ("招生", "计划")
    assert parse_query("学").terms == ("学",)
    assert parse_query("义务教育").terms == ("义务", "务教", "教育")


def test_a_two_character_word_is_found_and_title_hits_rank_first(corpus):
    assert titles(search("招生")) == ["2025年义务教育招生工作方案", "关于落实“双减”政策的通知"]
    # Two hits in the body outrank one; equal scores go most recent first.
    assert titles(search("学区")) == ["2025年义务教育招生工作方案", "国土空间规划公示"]
    assert titles(search("双减")) == ["关于落实“双减”政策的通知"]


def test_a_single_character_is_found(corpus):
    assert set(titles(search("减"))) == {"关于落实“双减”政策的通知"}
    assert len(search("教")) == 2


def test_a_four_character_phrase_matches_only_as_a_phrase(corpus, bureau):
    assert titles(search("义务教育")) == ["2025年义务教育招生工作方案"]
    # All three bigrams of 义务教育 (义务, 务教, 教育) occur, but never as the phrase:
    PublicationFactory(agency=bureau, title="教育义务", content="务教")
    assert titles(search("义务教育")) == ["2025年义务教育招生工作方案"]
    assert search("校外培训负担")[0].title == "关于落实“双减”政策的通知"
    assert search("招生学区") == []


def test_latin_words_and_full_width_forms_are_found(corpus):
    assert titles(search("covid")) == ["2024年部门决算公开"]
    assert titles(search("ＣＯＶＩＤ")) == ["2024年部门决算公开"]


def test_filters_by_body_year_and_category(corpus, bureau, other_bureau):
    assert titles(search("学区", agency_id=other_bureau.pk)) == ["国土空间规划公示"]
    assert titles(search("招生", year=2025, category="11")) == ["2025年义务教育招生工作方案"]
    assert search("决算", year=2025) == []
    assert titles(search("决算", year=2024)) == ["2024年部门决算公开"]


def test_drafts_are_indexed_but_not_public(clerk, bureau):
    draft = publication_create(
        actor=clerk,
        agency=bureau,
        title="课后服务收费标准（征求意见稿）",
        formed_on=date(2026, 6, 1),
    )
    assert search("课后服务") == []
    assert titles(search("课后服务", published_only=False)) == [draft.title]
    publication_update(actor=clerk, publication=draft, title="课后服务实施办法")
    assert search("收费标准", published_only=False) == []
    assert draft.status == Status.DRAFT


def test_an_empty_query_finds_nothing(corpus):
    assert search("") == []
    assert search("，。！") == []


def test_a_broad_query_is_ranked_within_the_most_recent_window(bureau, monkeypatch):
    """When every term is in more than ``WINDOW`` items, the newest ``WINDOW`` are ranked."""
    monkeypatch.setattr(search_module, "WINDOW", 2)
    PublicationFactory(agency=bureau, title="通知通知通知", published_on=date(2024, 1, 2))
    PublicationFactory(agency=bureau, title="放假通知", published_on=date(2025, 1, 2))
    PublicationFactory(agency=bureau, title="开学通知", published_on=date(2025, 2, 2))
    assert titles(search("通知")) == ["开学通知", "放假通知"]
    # A rarer term in the query drives instead, and the old item is found.
    assert titles(search("通知 通知通知")) == ["通知通知通知"]


def test_a_phrase_split_between_title_and_body_is_not_found(bureau):
    PublicationFactory(agency=bureau, title="关于义务", content="教育经费的说明")
    assert search("义务教育") == []
    assert titles(search("义务 教育")) == ["关于义务"]


def test_a_phrase_is_checked_as_written_in_the_title_or_the_body(bureau):
    PublicationFactory(agency=bureau, title="课后服务通知", content="无")
    # 课后, 后服 and 服务 all occur in the body (and the title), never as 课后服务.
    PublicationFactory(agency=bureau, title="课后服务费", content="课后服（托管），服务收费")
    PublicationFactory(agency=bureau, title="通知", content="课后服（托管），服务收费")
    assert titles(search("课后服务")) == ["课后服务费", "课后服务通知"]


def test_title_hits_outweigh_body_hits_and_ties_go_by_publication_date(bureau):
    # Score = 5 × title hits + body hits: one title hit (5) beats four body hits (4).
    PublicationFactory(
        agency=bureau,
        title="食堂管理",
        content="营养午餐营养午餐营养午餐营养午餐",
        published_on=date(2025, 5, 1),
    )
    PublicationFactory(agency=bureau, title="营养午餐", content="无", published_on=date(2024, 1, 1))
    assert titles(search("营养午餐")) == ["营养午餐", "食堂管理"]
    # Equal scores: the later 公开日期 first, even for an item created earlier.
    late = PublicationFactory(agency=bureau, title="校车安全", published_on=date(2025, 9, 1))
    early = PublicationFactory(agency=bureau, title="校车安全", published_on=date(2023, 9, 1))
    assert late.pk < early.pk
    assert [p.pk for p in search("校车")] == [late.pk, early.pk]


def test_filters_apply_to_queries_of_several_terms(corpus):
    assert titles(search("招生 工作", year=2025, category="11")) == ["2025年义务教育招生工作方案"]
    assert search("招生 工作", category="07") == []
    assert titles(search("学区 规划", agency_id=corpus["other"].agency_id)) == ["国土空间规划公示"]
    assert search("学区 规划", agency_id=corpus["enrolment"].agency_id) == []


def test_a_long_word_is_checked_whole(bureau):
    stem = "abcdefghijklmnopqrstuvwxyzabcdef"  # MAX_WORD characters: the stored term
    PublicationFactory(agency=bureau, title="甲", content=f"{stem}ghi")
    PublicationFactory(agency=bureau, title="乙", content=f"{stem}xyz")
    assert titles(search(f"{stem}ghi")) == ["甲"]
    assert titles(search(f"{stem.upper()}GHI")) == ["甲"]


def test_the_driving_term_is_the_one_reaching_furthest_back(bureau, monkeypatch):
    """Both terms are in more than ``WINDOW`` items; the one whose newest reach further back
    drives, so the only item holding both is still found."""
    monkeypatch.setattr(search_module, "WINDOW", 2)
    for title in ("公告甲", "公告乙", "通知公告", "通知丙", "通知丁", "通知戊"):
        PublicationFactory(agency=bureau, title=title)
    assert search_module.choose_driver(("通知", "公告")).term == "公告"
    assert titles(search("通知 公告")) == ["通知公告"]


def test_filtered_queries_check_status_and_phrases(corpus, clerk, bureau):
    draft = publication_create(
        actor=clerk, agency=bureau, title="义务教育阶段课后服务方案", formed_on=date(2026, 6, 1)
    )
    assert search("课后服务", agency_id=bureau.pk) == []
    assert titles(search("课后服务", agency_id=bureau.pk, published_only=False)) == [draft.title]
    assert titles(search("义务教育", agency_id=bureau.pk)) == ["2025年义务教育招生工作方案"]
    # Equal scores; a draft has no 公开日期 and comes after.
    assert titles(search("义务教育", agency_id=bureau.pk, published_only=False)) == [
        "2025年义务教育招生工作方案",
        "义务教育阶段课后服务方案",
    ]
    PublicationFactory(
        agency=bureau, title="教育义务", content="务教", published_on=date(2025, 1, 2)
    )
    assert titles(search("义务教育", year=2025)) == ["2025年义务教育招生工作方案"]
