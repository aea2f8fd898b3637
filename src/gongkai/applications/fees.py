"""信息处理费: 条例 第四十二条 and 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号).

- 第三条: "信息处理费可以按件计收，也可以按量计收，均按照超额累进方式计算收费金额。行政机关
  对每件申请可以根据实际情况选择适用其中一种标准，但不得同时按照两种标准重复计算。"
- 第四条 (按件): per applicant and 自然月, 1–10 件 free, 11–30 件 100 元/件, from the 31st 件
  each further band of 10 件 costs 100 元/件 more. One application with several items may be
  split "按照'一事一申请'原则，以合理的最小单位" into several 件.
- 第五条 (按量, for 纸质件、电子邮件、复制电子数据): 1–30 页 free, 31–100 页 10 元/页,
  101–200 页 20 元/页, from page 201 40 元/页 (tiers verified from the 江门新会 and 山西省发改委
  catalogues that reproduce the 办法, regulations.md §3.2).

Charging is a choice ("可以"), never automatic. The fee notice must state 依据、标准、数额、缴纳方式
(:data:`NOTICE_CONTENT`); the payment period is ``FEE_PAYMENT_WORKING_DAYS`` of
``gongkai.workdays.rules`` (counted from the day after the notice is received), and non-payment
ends the case as 表三 （六）2. Amounts are ``Decimal`` 元.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from gongkai.core.errors import ValidationFailed

MEASURES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
PER_ITEM_BASIS = f"{MEASURES}第三条、第四条"
PER_PAGE_BASIS = f"{MEASURES}第三条、第五条"
NO_FEE_BASIS = "《中华人民共和国政府信息公开条例》第四十二条"

#: 第四条（一）: "同一申请人一个自然月内累计申请10件以下（含10件）的，不收费".
FREE_ITEMS_PER_MONTH = 10
#: 第四条（二）: "累计申请11—30件（含30件）的部分：100元/件".
FIRST_BAND_LAST_ITEM = 30
ITEM_BASE_RATE = Decimal(100)
#: 第四条（三）: "31件以上的部分：以10件为一档，每增加一档，收费标准提高100元/件".
ITEM_BAND_SIZE = 10
ITEM_BAND_STEP = Decimal(100)

#: 第五条 tiers: (first page, last page or None, 元/页).
PAGE_TIERS: tuple[tuple[int, int | None, Decimal], ...] = (
    (1, 30, Decimal(0)),
    (31, 100, Decimal(10)),
    (101, 200, Decimal(20)),
    (201, None, Decimal(40)),
)

#: What a 收费通知 must state (四川省财政厅、发展改革委 restatement of the 办法, [V] there only).
NOTICE_CONTENT: tuple[str, ...] = ("依据", "标准", "数额", "缴纳方式")


class FeeMethod(StrEnum):
    """The standard applied to one 件 (第三条): never both."""

    NONE = "none"
    PER_ITEM = "per_item"
    PER_PAGE = "per_page"

    @property
    def label(self) -> str:
        return {
            FeeMethod.NONE: "不收费",
            FeeMethod.PER_ITEM: "按件计收",
            FeeMethod.PER_PAGE: "按量计收",
        }[self]


@dataclass(frozen=True)
class FeeQuote:
    """The fee of one 件 under one method, with its calculation in words and its basis."""

    method: FeeMethod
    amount: Decimal
    lines: tuple[str, ...]
    basis: str

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def yuan(amount: Decimal) -> str:
    """``Decimal("83460")`` → ``"83460元"``; cents are shown only when there are any."""
    normalized = amount.quantize(Decimal(1)) if amount == amount.to_integral() else amount
    return f"{normalized}元"


def _positive(value: int, name: str, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValidationFailed(
            f"{name}应为不小于{minimum}的整数", code="fee_invalid_input", data={name: value}
        )
    return value


# --------------------------------------------------------------------------------------------
# 按件 (第四条)
# --------------------------------------------------------------------------------------------


def fee_by_count(nth_in_month: int) -> Decimal:
    """The fee of the applicant's ``nth_in_month``-th 件 of a calendar month (第四条).

    0 up to the 10th; 100 元 for the 11th–30th; then 200 元 for the 31st–40th, 300 元 for the
    41st–50th, and so on (超额累进: each 件 pays the rate of its own band).
    """
    n = _positive(nth_in_month, "本月累计件数", minimum=1)
    if n <= FREE_ITEMS_PER_MONTH:
        return Decimal(0)
    if n <= FIRST_BAND_LAST_ITEM:
        return ITEM_BASE_RATE
    bands_above = -(-(n - FIRST_BAND_LAST_ITEM) // ITEM_BAND_SIZE)  # ceil
    return ITEM_BASE_RATE + ITEM_BAND_STEP * bands_above


def cumulative_fee_by_count(items_in_month: int) -> Decimal:
    """What the 1st to the ``items_in_month``-th 件 of one month cost together (35 → 3000 元)."""
    total = _positive(items_in_month, "本月累计件数", minimum=0)
    return sum((fee_by_count(k) for k in range(1, total + 1)), Decimal(0))


def count_in_month(month_of: date, received: Iterable[date]) -> int:
    """How many of the applicant's 件 in ``received`` fall in the calendar month of ``month_of``.

    第四条 counts "同一申请人一个自然月内累计申请" 件; the month is taken from each 件's
    收到申请之日 (条例 第三十一条), a reading [D]. Pass the 件 registered before this one.
    """
    return sum(1 for d in received if (d.year, d.month) == (month_of.year, month_of.month))


def quote_by_count(*, earlier_in_month: int, items: int = 1) -> FeeQuote:
    """按件 fee of an application counted as ``items`` 件 (after 一事一申请 splitting), when the
    applicant already made ``earlier_in_month`` 件 in the same calendar month.

    One application taking the month from 5 to 35 件 costs 20 × 100 + 5 × 200 = 3000 元.
    """
    earlier = _positive(earlier_in_month, "本月此前件数", minimum=0)
    count = _positive(items, "本件拆分件数", minimum=1)
    lines: list[str] = []
    total = Decimal(0)
    first = earlier + 1
    last = earlier + count
    start = first
    while start <= last:
        rate = fee_by_count(start)
        end = start
        while end < last and fee_by_count(end + 1) == rate:
            end += 1
        span = end - start + 1
        where = f"本月第{start}件" if span == 1 else f"本月第{start}—{end}件"
        if rate == 0:
            lines.append(f"{where}：{span}件，不收费")
        else:
            subtotal = rate * span
            total += subtotal
            lines.append(f"{where}：{span}件 × {yuan(rate)}/件 = {yuan(subtotal)}")
        start = end + 1
    lines.append(f"合计：{yuan(total)}")
    header = f"按件计收：同一申请人本月此前已申请{earlier}件，本次计{count}件"
    return FeeQuote(FeeMethod.PER_ITEM, total, (header, *lines), PER_ITEM_BASIS)


# --------------------------------------------------------------------------------------------
# 按量 (第五条)
# --------------------------------------------------------------------------------------------


def _page_bands(pages: int) -> list[tuple[int, int, Decimal]]:
    bands = []
    for first, last, rate in PAGE_TIERS:
        if pages < first:
            break
        end = pages if last is None else min(pages, last)
        bands.append((first, end, rate))
    return bands


def fee_by_pages(pages: int) -> Decimal:
    """按量 fee of one 件 of ``pages`` pages (第五条, 超额累进).

    ``10 × clamp(p − 30, 0, 70) + 20 × clamp(p − 100, 0, 100) + 40 × max(p − 200, 0)``;
    2219 pages → 700 + 2000 + 80760 = 83460 元.
    """
    count = _positive(pages, "页数", minimum=0)
    return sum((rate * (end - first + 1) for first, end, rate in _page_bands(count)), Decimal(0))


def quote_by_pages(pages: int) -> FeeQuote:
    """按量 fee of one 件 with its calculation, tier by tier.

    How pages of e-mailed or copied electronic data are counted is not verified (regulations.md
    §3.3 [U]): the page count is the figure the operator enters.
    """
    count = _positive(pages, "页数", minimum=0)
    lines = [f"按量计收：共{count}页"]
    total = Decimal(0)
    for first, end, rate in _page_bands(count):
        span = end - first + 1
        if rate == 0:
            lines.append(f"第{first}—{end}页：{span}页，不收费")
        else:
            subtotal = rate * span
            total += subtotal
            lines.append(f"第{first}—{end}页：{span}页 × {yuan(rate)}/页 = {yuan(subtotal)}")
    lines.append(f"合计：{yuan(total)}")
    return FeeQuote(FeeMethod.PER_PAGE, total, tuple(lines), PER_PAGE_BASIS)


# --------------------------------------------------------------------------------------------
# One method per 件 (第三条)
# --------------------------------------------------------------------------------------------

_BOTH = "对每件申请只能选择按件或者按量其中一种标准，不得同时按照两种标准重复计算"


def quote(
    method: FeeMethod,
    *,
    earlier_in_month: int | None = None,
    items: int | None = None,
    pages: int | None = None,
) -> FeeQuote:
    """The fee of one 件 under the method the body chose (第三条); the only way to charge.

    Inputs of the other method are refused rather than ignored, so that a 件 is never priced
    by both standards. :attr:`FeeMethod.NONE` is the default of 条例 第四十二条 (不收取费用).
    """
    per_item_given = earlier_in_month is not None or items is not None
    per_page_given = pages is not None
    if per_item_given and per_page_given:
        raise ValidationFailed(_BOTH, code="fee_both_methods")
    if method is FeeMethod.NONE:
        if per_item_given or per_page_given:
            raise ValidationFailed("选择不收费时不应填写件数或页数", code="fee_invalid_input")
        return FeeQuote(FeeMethod.NONE, Decimal(0), ("不收取信息处理费",), NO_FEE_BASIS)
    if method is FeeMethod.PER_ITEM:
        if per_page_given or earlier_in_month is None:
            raise ValidationFailed(
                "按件计收需要填写同一申请人本月此前件数，且不得填写页数",
                code="fee_both_methods" if per_page_given else "fee_invalid_input",
            )
        return quote_by_count(
            earlier_in_month=earlier_in_month, items=1 if items is None else items
        )
    if per_item_given or pages is None:
        raise ValidationFailed(
            "按量计收需要填写页数，且不得填写件数",
            code="fee_both_methods" if per_item_given else "fee_invalid_input",
        )
    return quote_by_pages(pages)


def candidate_quotes(*, earlier_in_month: int, items: int, pages: int) -> tuple[FeeQuote, ...]:
    """Both standards side by side, for the body to pick **one** of (第三条 "根据实际情况选择").

    The quotes are alternatives, never to be added; :func:`ensure_single_method` checks that.
    """
    return (quote_by_count(earlier_in_month=earlier_in_month, items=items), quote_by_pages(pages))


def ensure_single_method(quotes: Iterable[FeeQuote]) -> FeeQuote:
    """The one quote charged for a 件; refuses a 件 priced by both methods (第三条) or twice.

    An empty collection means no fee (条例 第四十二条).
    """
    charged = [q for q in quotes if q.method is not FeeMethod.NONE]
    if len(charged) > 1:
        raise ValidationFailed(
            _BOTH,
            code="fee_both_methods",
            data={"methods": [q.method.value for q in charged]},
        )
    if charged:
        return charged[0]
    return quote(FeeMethod.NONE)
