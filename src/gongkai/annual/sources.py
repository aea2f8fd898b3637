"""The records of 主动公开 (``publishing``) and of 复议/诉讼 (``appeals``) as the report reads them.

Each reader returns the report core's values or raises :class:`SourceMissing`; a cell that no
record gives stays null and is named, never filled with 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import Count

from gongkai.agencies.models import Agency
from gongkai.annual.report.model import Group4, Table2, Table4, Triple
from gongkai.annual.report.rows import TABLE4_FIELDS, TABLE4_GROUPS
from gongkai.appeals.selectors import table4_by_agency as appeals_table4_by_agency
from gongkai.core.prepared import Among, PreparedQuery, Slot, in_year, year_days
from gongkai.publishing.models import Article20Item, Publication
from gongkai.publishing.models import Channel as PublishingChannel
from gongkai.publishing.selectors import publication_counts_by_agency, table2_figures_by_agency
from gongkai.publishing.states import Status as PublicationStatus


class SourceMissing(Exception):
    """A table or figure whose records are not available; ``what`` names it in Chinese."""

    def __init__(self, what: str, reason: str) -> None:
        super().__init__(f"{what}：{reason}")
        self.what = what
        self.reason = reason


def body_ids(bodies: Sequence[Agency]) -> list[int]:
    return [b.pk for b in bodies]


def tables4_of(bodies: Sequence[Agency], year: int) -> list[Table4]:
    """表四 of each body from its 复议 and 诉讼 cases (``appeals.selectors.table4_by_agency``)."""
    ids = body_ids(bodies)
    data = appeals_table4_by_agency(agency_ids=ids, year=year)
    out = []
    for pk in ids:
        table = data[pk]
        out.append(
            Table4(*(Group4(*map(table[g].__getitem__, TABLE4_FIELDS)) for g in TABLE4_GROUPS))
        )
    return out


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


def _table2(data: Mapping[str, Any]) -> tuple[Table2, list[str]]:
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


def tables2_of(bodies: Sequence[Agency], year: int) -> list[tuple[Table2, list[str]]]:
    """表二 of each body from its 规章/规范性文件 records and yearly figures (``publishing``),
    with the cells no record gives (named in Chinese): those stay null, never 0."""
    data = table2_figures_by_agency(agency_ids=body_ids(bodies), year=year)
    return [_table2(data[b.pk]) for b in bodies]


def posts_of(bodies: Sequence[Agency], year: int) -> list[dict[str, Any]]:
    """Items each body made public in the year, in total and per channel keyed by channel
    value."""
    data = publication_counts_by_agency(agency_ids=body_ids(bodies), year=year)
    channels = [(c.value, c.label) for c in PublishingChannel]
    out = []
    for body in bodies:
        by_label: Mapping[str, int] = data[body.pk]["by_channel"]
        by_channel = {value: int(by_label.get(label, 0)) for value, label in channels}
        out.append({"total": int(data[body.pk]["total"]), "by_channel": by_channel})
    return out


_POSTS_BY_ITEM = PreparedQuery(
    lambda: (
        Publication.objects.filter(
            Among("agency_id", Slot.ids("agencies")),
            in_year("published_on"),
            status=PublicationStatus.PUBLISHED,
        )
        .exclude(article20_item="")
        .order_by()
        .values("agency_id", "article20_item")
        .annotate(n=Count("id"))
        .values_list("agency_id", "article20_item", "n")
    )
)


def posts_by_item_of(bodies: Sequence[Agency], year: int) -> list[dict[str, int]]:
    """Items each body made public in the year per 第二十条 category (``"01"``…``"15"``), one
    GROUP BY for all."""
    ids = body_ids(bodies)
    grouped = _POSTS_BY_ITEM.rows(agencies=ids, **year_days(year))
    items = tuple(Article20Item.values)
    out = {pk: dict.fromkeys(items, 0) for pk in ids}
    for agency_id, item, n in grouped:
        out[agency_id][item] = n
    return [out[pk] for pk in ids]
