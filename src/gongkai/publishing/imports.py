"""Import of publications from a CMS export (.csv or .xlsx), all or nothing, idempotent.

Columns (header row, Chinese or English names): 标题/title, 发布日期/date, 索引号/index_number,
网址/url, 类别/category. The 索引号 identifies an item: importing the same file twice updates
and creates nothing. A category is a 第二十条 item (its text, “（十一）” or “11”) or the name
of a node of the body's 目录. Any problem stops the whole import and is listed as
``{row, column, value, reason}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.audit.services import record
from gongkai.core.errors import ValidationFailed
from gongkai.core.spreadsheets import Problem, cell_text, parse_date, read_rows
from gongkai.core.types import Actor
from gongkai.publishing.models import (
    ITEM_NUMERALS,
    Article20Item,
    CatalogueNode,
    Channel,
    Publication,
    PublicationChannel,
    Source,
)
from gongkai.publishing.search import index_publication
from gongkai.publishing.services.base import _staff_roles
from gongkai.publishing.states import Status

#: Header variants → field.
HEADERS = {
    "标题": "title",
    "title": "title",
    "名称": "title",
    "发布日期": "date",
    "公开日期": "date",
    "日期": "date",
    "date": "date",
    "索引号": "index_number",
    "index_number": "index_number",
    "网址": "url",
    "链接": "url",
    "url": "url",
    "类别": "category",
    "分类": "category",
    "category": "category",
}
COLUMN_LABELS = {
    "title": "标题",
    "date": "发布日期",
    "index_number": "索引号",
    "url": "网址",
    "category": "类别",
}
REQUIRED = ("title", "date", "index_number")
#: 保密审查 happened in the system the items come from; the record says so.
IMPORTED_SECRECY_REVIEWER = "原发布系统（导入）"


@dataclass
class Row:
    number: int
    title: str
    published_on: date
    index_number: str
    url: str
    article20_item: str
    node: CatalogueNode | None


@dataclass
class Imported:
    imported: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"imported": self.imported, "updated": self.updated, "problems": self.problems}


def read_table(path: Path) -> list[list[object]]:
    return read_rows(path, what="信息列表", code="publishing_unsupported_file")


def _date(value: object) -> date | None:
    try:
        return parse_date(value, with_time=True)
    except ValueError:
        return None


def _category_map(agency: Agency) -> dict[str, tuple[str, CatalogueNode | None]]:
    result: dict[str, tuple[str, CatalogueNode | None]] = {}
    for node in CatalogueNode.objects.filter(agency=agency):
        result.setdefault(node.name, ("", node))
    for value, label in Article20Item.choices:
        numeral = ITEM_NUMERALS[value]
        for key in (label, value, str(int(value)), numeral, f"（{numeral}）", f"({numeral})"):
            result[key] = (value, None)
    return result


def _problem(row: int, name: str, values: dict[str, object], reason: str) -> Problem:
    return Problem(
        row=row, column=COLUMN_LABELS[name], value=cell_text(values.get(name)), reason=reason
    )


def parse_rows(table: list[list[object]], agency: Agency) -> tuple[list[Row], list[Problem]]:
    problems: list[Problem] = []
    rows: list[Row] = []
    start = next((i for i, r in enumerate(table) if any(cell_text(c) for c in r)), None)
    if start is None:
        return [], [Problem(row=1, column="", value="", reason="文件为空，没有表头")]
    header = [
        HEADERS.get(cell_text(c).lower(), HEADERS.get(cell_text(c), "")) for c in table[start]
    ]
    for name in REQUIRED:
        if name not in header:
            problems.append(
                Problem(row=start + 1, column=COLUMN_LABELS[name], value="", reason="缺少此列")
            )
    if problems:
        return [], problems
    categories = _category_map(agency)
    url_ok = URLValidator(schemes=["http", "https"])
    seen: dict[str, int] = {}
    for offset, cells in enumerate(table[start + 1 :], start=start + 2):
        values = {
            name: cells[i] if i < len(cells) else None for i, name in enumerate(header) if name
        }
        if not any(cell_text(v) for v in values.values()):
            continue

        def problem(name: str, reason: str) -> None:
            problems.append(_problem(offset, name, values, reason))  # noqa: B023 (used at once)

        title = cell_text(values.get("title"))
        index_number = cell_text(values.get("index_number"))
        published_on = _date(values.get("date"))
        url = cell_text(values.get("url"))
        category = cell_text(values.get("category"))
        if not title:
            problem("title", "标题不能为空")
        elif len(title) > 500:
            problem("title", "标题超过500个字符")
        if not index_number:
            problem("index_number", "索引号不能为空")
        elif len(index_number) > 100:
            problem("index_number", "索引号超过100个字符")
        elif index_number in seen:
            problem("index_number", f"与第{seen[index_number]}行索引号重复")
        else:
            seen[index_number] = offset
        if published_on is None:
            problem("date", "不是有效日期（如 2025-03-01）")
        if url:
            try:
                url_ok(url)
            except DjangoValidationError:
                problem("url", "不是有效网址（http:// 或 https://）")
        item, node = "", None
        if category:
            if category not in categories:
                problem("category", "既不是第二十条的分类，也不是本机关公开目录中的事项")
            else:
                item, node = categories[category]
        if published_on is not None and title and index_number:
            rows.append(Row(offset, title, published_on, index_number, url, item, node))
    return rows, problems


def publications_import(*, actor: Actor, agency: Agency, table: list[list[object]]) -> Imported:
    """Import every row or none (``ValidationFailed`` with ``data`` = the result and problems).

    ``actor`` ``None`` is the command line.
    """
    if actor is not None:
        _staff_roles(actor, agency)
    rows, problems = parse_rows(table, agency)
    if problems:
        result = Imported(problems=problems)
        raise ValidationFailed(
            f"导入文件有{len(problems)}处问题，未导入任何信息", data=result.as_dict()
        )
    result = Imported()
    with transaction.atomic():
        existing = {
            p.index_number: p
            for p in Publication.objects.select_for_update().filter(
                agency=agency, index_number__in=[r.index_number for r in rows]
            )
        }
        for row in rows:
            values = {
                "title": row.title,
                "formed_on": row.published_on,
                "published_on": row.published_on,
                "url": row.url,
                "article20_item": row.article20_item,
                "catalogue_node": row.node,
            }
            publication = existing.get(row.index_number)
            if publication is None:
                publication = Publication.objects.create(
                    agency=agency,
                    index_number=row.index_number,
                    status=Status.PUBLISHED,
                    source=Source.IMPORTED,
                    secrecy_reviewed=True,
                    secrecy_reviewer=IMPORTED_SECRECY_REVIEWER,
                    **values,
                )
                result.imported += 1
            else:
                changed = [k for k, v in values.items() if getattr(publication, k) != v]
                if not changed:
                    continue
                for name in changed:
                    setattr(publication, name, values[name])
                publication.save(update_fields=[*changed, "updated_at"])
                result.updated += 1
            PublicationChannel.objects.update_or_create(
                publication=publication,
                channel=Channel.WEBSITE,
                defaults={"published_on": row.published_on, "url": row.url},
            )
            index_publication(publication)
        record(
            actor=actor,
            action="publishing.imported",
            target=agency,
            data={"imported": result.imported, "updated": result.updated, "rows": len(rows)},
        )
    return result
