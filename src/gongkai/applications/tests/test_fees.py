"""信息处理费 under 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号), no database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.applications.fees import (
    PER_ITEM_BASIS,
    PER_PAGE_BASIS,
    FeeMethod,
    candidate_quotes,
    count_in_month,
    cumulative_fee_by_count,
    ensure_single_method,
    fee_by_count,
    fee_by_pages,
    quote,
    quote_by_count,
    quote_by_pages,
    yuan,
)
from gongkai.core.errors import ValidationFailed


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(value, high))


def _pages_formula(p: int) -> int:
    """regulations.md §3.3, written independently of the implementation."""
    return 10 * _clamp(p - 30, 0, 70) + 20 * _clamp(p - 100, 0, 100) + 40 * max(p - 200, 0)


# ------------------------------------------------------------------ 按件, 第四条


def test_the_35th_item_of_a_month_costs_200_yuan():
    """109号 第四条（三）: 31–40 件 is the first band above 30, 100 元 + 100 元."""
    assert fee_by_count(35) == Decimal(200)


def test_an_application_taking_the_month_from_5_to_35_items_costs_3000_yuan():
    """regulations.md §3.3 worked example: 20 × 100 + 5 × 200 = 3,000 元 (109号 第四条)."""
    result = quote_by_count(earlier_in_month=5, items=30)
    assert result.amount == Decimal(3000)
    assert result.method is FeeMethod.PER_ITEM
    assert result.lines[-1] == "合计：3000元"
    assert "本月第11—30件：20件 × 100元/件 = 2000元" in result.lines
    assert "本月第31—35件：5件 × 200元/件 = 1000元" in result.lines
    assert cumulative_fee_by_count(35) == Decimal(3000)


@pytest.mark.parametrize(
    ("nth", "fee"),
    [
        (1, 0),
        (10, 0),  # 第四条（一）: 10件以下（含10件）不收费
        (11, 100),  # 第四条（二）: 11—30件 100元/件
        (30, 100),
        (31, 200),  # 第四条（三）: 以10件为一档，每增加一档提高100元/件
        (40, 200),
        (41, 300),
        (50, 300),
        (51, 400),
        (130, 1100),
    ],
)
def test_per_item_tier_boundaries(nth, fee):
    assert fee_by_count(nth) == Decimal(fee)


def test_per_item_needs_a_positive_position():
    with pytest.raises(ValidationFailed):
        fee_by_count(0)


def test_first_ten_items_of_a_month_are_free_and_say_so():
    """109号 第四条（一）."""
    result = quote_by_count(earlier_in_month=0, items=10)
    assert result.amount == 0
    assert result.lines[1] == "本月第1—10件：10件，不收费"
    assert result.basis == PER_ITEM_BASIS
    assert "第四条" in result.basis


def test_one_item_quote_names_its_position():
    result = quote_by_count(earlier_in_month=30)
    assert result.amount == Decimal(200)
    assert result.lines[1] == "本月第31件：1件 × 200元/件 = 200元"


def test_count_in_month_uses_the_calendar_month():
    """第四条: "一个自然月内累计"; 31 January and 1 March are other months than February."""
    received = [date(2025, 1, 31), date(2025, 2, 1), date(2025, 2, 28), date(2025, 3, 1)]
    assert count_in_month(date(2025, 2, 14), received) == 2
    assert count_in_month(date(2024, 2, 14), received) == 0


@given(st.integers(min_value=0, max_value=300), st.integers(min_value=1, max_value=60))
def test_per_item_quote_is_the_sum_of_the_fees_of_its_items(earlier, items):
    """超额累进 (第三条): each 件 pays the rate of its own band; splitting adds up."""
    expected = sum(fee_by_count(k) for k in range(earlier + 1, earlier + items + 1))
    assert quote_by_count(earlier_in_month=earlier, items=items).amount == expected
    assert cumulative_fee_by_count(earlier + items) - cumulative_fee_by_count(earlier) == expected


@given(st.integers(min_value=1, max_value=500))
def test_per_item_fee_never_decreases_and_steps_by_100(n):
    step = fee_by_count(n + 1) - fee_by_count(n)
    assert step in (Decimal(0), Decimal(100))


# ------------------------------------------------------------------ 按量, 第五条


def test_2219_pages_cost_83460_yuan():
    """regulations.md §3.3: the 西安 case, 700 + 2,000 + 80,760 = 83,460 元 (109号 第五条)."""
    assert fee_by_pages(2219) == Decimal(83460)
    result = quote_by_pages(2219)
    assert result.amount == Decimal(83460)
    assert result.lines == (
        "按量计收：共2219页",
        "第1—30页：30页，不收费",
        "第31—100页：70页 × 10元/页 = 700元",
        "第101—200页：100页 × 20元/页 = 2000元",
        "第201—2219页：2019页 × 40元/页 = 80760元",
        "合计：83460元",
    )
    assert result.basis == PER_PAGE_BASIS


@pytest.mark.parametrize(
    ("pages", "fee"),
    [
        (0, 0),
        (1, 0),
        (30, 0),  # 第五条（一）: 30页以下（含30页）不收费
        (31, 10),  # （二）31—100页 10元/页
        (100, 700),
        (101, 720),  # （三）101—200页 20元/页
        (200, 2700),
        (201, 2740),  # （四）201页以上 40元/页
        (250, 4700),
    ],
)
def test_per_page_tier_boundaries(pages, fee):
    assert fee_by_pages(pages) == Decimal(fee)


def test_negative_pages_are_refused():
    with pytest.raises(ValidationFailed):
        fee_by_pages(-1)


def test_zero_pages_quote_has_no_tier_line():
    assert quote_by_pages(0).lines == ("按量计收：共0页", "合计：0元")


@given(st.integers(min_value=0, max_value=20_000))
def test_per_page_fee_matches_the_clamp_formula(pages):
    """regulations.md §3.3 formula for 109号 第五条."""
    assert fee_by_pages(pages) == Decimal(_pages_formula(pages))


@given(st.integers(min_value=0, max_value=5_000))
def test_per_page_fee_is_monotonic_and_each_page_costs_its_tier_rate(pages):
    step = fee_by_pages(pages + 1) - fee_by_pages(pages)
    assert step >= 0
    assert step in (Decimal(0), Decimal(10), Decimal(20), Decimal(40))


# ------------------------------------------------------------------ one method per 件, 第三条


def test_a_quote_by_both_methods_is_refused():
    """109号 第三条: "不得同时按照两种标准重复计算"."""
    with pytest.raises(ValidationFailed) as excinfo:
        quote(FeeMethod.PER_ITEM, earlier_in_month=40, pages=300)
    assert excinfo.value.code == "fee_both_methods"
    with pytest.raises(ValidationFailed) as excinfo:
        quote(FeeMethod.PER_PAGE, earlier_in_month=40, pages=300)
    assert excinfo.value.code == "fee_both_methods"


def test_quote_uses_only_the_chosen_method():
    assert quote(FeeMethod.PER_ITEM, earlier_in_month=34).amount == Decimal(200)
    assert quote(FeeMethod.PER_ITEM, earlier_in_month=5, items=30).amount == Decimal(3000)
    assert quote(FeeMethod.PER_PAGE, pages=2219).amount == Decimal(83460)


def test_no_fee_is_the_default_of_article_42():
    """条例 第四十二条: 行政机关依申请提供政府信息，不收取费用."""
    result = quote(FeeMethod.NONE)
    assert result.amount == 0
    assert "第四十二条" in result.basis
    with pytest.raises(ValidationFailed):
        quote(FeeMethod.NONE, pages=10)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"method": FeeMethod.PER_ITEM},
        {"method": FeeMethod.PER_ITEM, "items": 2},
        {"method": FeeMethod.PER_PAGE},
        {"method": FeeMethod.PER_PAGE, "items": 2, "pages": 1},
    ],
)
def test_quote_needs_the_inputs_of_its_method(kwargs):
    method = kwargs.pop("method")
    with pytest.raises(ValidationFailed):
        quote(method, **kwargs)


def test_candidates_are_alternatives_and_only_one_may_be_charged():
    per_item, per_page = candidate_quotes(earlier_in_month=5, items=30, pages=2219)
    assert (per_item.amount, per_page.amount) == (Decimal(3000), Decimal(83460))
    with pytest.raises(ValidationFailed) as excinfo:
        ensure_single_method([per_item, per_page])
    assert excinfo.value.data == {"methods": ["per_item", "per_page"]}
    assert ensure_single_method([per_page, quote(FeeMethod.NONE)]) is per_page
    assert ensure_single_method([]).method is FeeMethod.NONE


def test_yuan_formatting():
    assert yuan(Decimal("83460")) == "83460元"
    assert yuan(Decimal("3000.00")) == "3000元"
    assert yuan(Decimal("12.50")) == "12.50元"
