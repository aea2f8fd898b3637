"""The records of 主动公开 (``publishing``) and of 复议/诉讼 (``appeals``) as the report reads them.

Each reader returns the report core's values or raises :class:`SourceMissing`; a cell that no
record gives stays null and is named, never filled with 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db.models import Count

from gongkai.agencies.models import Agency
from gongkai.annual.report.model import Group4, Table2, Table4, Triple
from gongkai.annual.report.rows import TABLE4_FIELDS, TABLE4_GROUPS
from gongkai.appeals.selectors import appeal_list
from gongkai.appeals.selectors import table4 as appeals_table4
from gongkai.publishing.models import Article20Item, Publication
from gongkai.publishing.models import Channel as PublishingChannel
from gongkai.publishing.selectors import publication_counts, table2_figures
from gongkai.publishing.states import Status as PublicationStatus


class SourceMissing(Exception):
    """A table or figure whose records are not available; ``what`` names it in Chinese."""

    def __init__(self, what: str, reason: str) -> None:
        super().__init__(f"{what}：{reason}")
        self.what = what
        self.reason = reason


def table4_of(agency: Agency, year: int) -> Table4:
    """表四 from the body's 复议 and 诉讼 cases (``appeals.selectors.table4``)."""
    data = appeals_table4(agency=agency, year=year)
    return Table4(
        *(Group4(*(int(data[group][f]) for f in TABLE4_FIELDS)) for group in TABLE4_GROUPS)
    )


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


def table2_of(agency: Agency, year: int) -> tuple[Table2, list[str]]:
    """表二 from the body's 规章/规范性文件 records and yearly figures (``publishing``), and the
    cells no record gives (named in Chinese): those stay null, never 0."""
    data = table2_figures(agency=agency, year=year)
    item1: Mapping[str, Mapping[str, int]] = data["item_1"]
    missing: list[str] = []

    def figure(block: str, key: str, label: str) -> int | None:
        value = _int_or_none(data[block][key]["value"])
        if value is None:
            missing.append(label)
        return value

    licensing = figure("item_5", "license", "行政许可本年处理决定数量")
    penalty = figure("item_6", "penalty", "行政处罚本年处理决定数量")
    enforcement = figure("item_6", "coercion", "行政强制本年处理决定数量")
    fee = data["item_8"]["fee"]
    fee_wan: str | None = fee.get("value_wan") if fee["value"] is not None else None
    if fee_wan is None:
        missing.append("行政事业性收费金额")
    table = Table2(
        regulations=Triple(**{k: int(v) for k, v in item1["rule"].items()}),
        normative_documents=Triple(**{k: int(v) for k, v in item1["normative"].items()}),
        licensing_decisions=licensing,
        penalty_decisions=penalty,
        enforcement_decisions=enforcement,
        fees_wan_yuan=fee_wan,
    )
    return table, missing


def posts_of(agency: Agency, year: int) -> dict[str, Any]:
    """Items made public in the year, in total and per channel keyed by channel value."""
    counts = publication_counts(agency=agency, year=year)
    by_label: Mapping[str, int] = counts["by_channel"]
    by_channel = {
        value: int(by_label.get(PublishingChannel(value).label, 0))
        for value in PublishingChannel.values
    }
    return {"total": int(counts["total"]), "by_channel": by_channel}


def posts_by_item_of(agency: Agency, year: int) -> dict[str, int]:
    """Items made public in the year per 第二十条 category (``"01"``…``"15"``), one GROUP BY."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    grouped = (
        Publication.objects.filter(
            agency=agency,
            status=PublicationStatus.PUBLISHED,
            published_on__gte=first,
            published_on__lte=last,
        )
        .exclude(article20_item="")
        .order_by()
        .values("article20_item")
        .annotate(n=Count("id"))
        .values_list("article20_item", "n")
    )
    out = dict.fromkeys(Article20Item.values, 0)
    out.update({item: int(n) for item, n in grouped})
    return out


def linked_records_exist(agency: Agency, year: int) -> bool:
    """Whether the body has publications of the year or 复议/诉讼 cases filed by its end."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    return (
        Publication.objects.filter(
            agency=agency, published_on__gte=first, published_on__lte=last
        ).exists()
        or appeal_list(agency=agency, year=year).exists()
    )
