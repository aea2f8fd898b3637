"""The 政府信息公开目录 and 指南 of a body (条例 第十二条、第二十二条).

A standard catalogue (e.g. ``catalogues/compulsory-education.yaml``) is loaded into a body's
tree and then adapted by the body; loading again updates the rows it names and leaves the
body's own rows alone. The 指南 is generated from the body's data and versioned: a new
:class:`GuideVersion` only when the text changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.audit.services import record
from gongkai.core.errors import ValidationFailed
from gongkai.core.types import Actor
from gongkai.publishing.models import Article20Item, CatalogueNode, GuideVersion
from gongkai.publishing.selectors import settings_of
from gongkai.publishing.services.base import _staff_roles

#: Where the shipped standard catalogues live.
CATALOGUES = Path(__file__).resolve().parent / "catalogues"

#: YAML key → CatalogueNode field (the columns of the standard catalogues, regulations.md §5.1).
COLUMNS = {
    "content": "content",
    "basis": "basis",
    "time_limit": "time_limit",
    "subject": "subject",
    "channels": "channels",
    "audience": "audience",
    "mode": "mode",
    "tier": "tier",
}
#: The mark of a row: [V] the national text names it, [C] a typical local row (seed data).
ORIGINS = {"V": True, "C": False}


@dataclass(frozen=True)
class CatalogueLoaded:
    created: int
    updated: int

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated}


def catalogue_read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ValidationFailed(f"无法读取目录文件 {path}：{exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise ValidationFailed(f"目录文件 {path} 应包含 items 列表")
    return data


def _check(items: Sequence[Any], where: str, problems: list[str]) -> None:
    names = set()
    for i, item in enumerate(items, start=1):
        at = f"{where}第{i}项"
        if not isinstance(item, Mapping) or not str(item.get("name") or "").strip():
            problems.append(f"{at}：缺少事项名称 name")
            continue
        name = str(item["name"]).strip()
        if name in names:
            problems.append(f"{at}“{name}”：同级事项重名")
        names.add(name)
        if str(item.get("origin", "C")) not in ORIGINS:
            problems.append(f"{at}“{name}”：origin 应为 V（国家）或 C（地方示例）")
        unknown = set(item) - {"name", "origin", "children", *COLUMNS}
        if unknown:
            problems.append(f"{at}“{name}”：未知字段 {'、'.join(sorted(unknown))}")
        children = item.get("children") or []
        if not isinstance(children, list):
            problems.append(f"{at}“{name}”：children 应为列表")
        else:
            _check(children, f"{at}“{name}”下", problems)


def catalogue_load(*, actor: Actor, agency: Agency, data: Mapping[str, Any]) -> CatalogueLoaded:
    """Merge a standard catalogue into the body's tree (all or nothing).

    ``actor`` ``None`` is the command line."""
    if actor is not None:
        _staff_roles(actor, agency)
    problems: list[str] = []
    items = data.get("items")
    if not isinstance(items, list):
        raise ValidationFailed("目录应包含 items 列表")
    _check(items, "", problems)
    if problems:
        raise ValidationFailed("目录文件有误：" + "；".join(problems), data={"problems": problems})
    counts = {"created": 0, "updated": 0}
    with transaction.atomic():
        _merge(agency, None, items, counts)
        record(
            actor=actor,
            action="publishing.catalogue_loaded",
            target=agency,
            data={"title": str(data.get("title", "")), **counts},
        )
    return CatalogueLoaded(**counts)


def _merge(
    agency: Agency, parent: CatalogueNode | None, items: Sequence[Any], counts: dict[str, int]
) -> None:
    for order, item in enumerate(items, start=1):
        values: dict[str, Any] = {
            field: str(item.get(key) or "").strip() for key, field in COLUMNS.items()
        }
        values["national"] = ORIGINS[str(item.get("origin", "C"))]
        values["order"] = order
        node, created = CatalogueNode.objects.update_or_create(
            agency=agency, parent=parent, name=str(item["name"]).strip(), defaults=values
        )
        counts["created" if created else "updated"] += 1
        _merge(agency, node, item.get("children") or [], counts)


def catalogue_tree(agency: Agency) -> list[dict[str, Any]]:
    """The body's catalogue as nested dicts (one query)."""
    nodes = list(CatalogueNode.objects.filter(agency=agency).order_by("order", "id"))
    children: dict[int | None, list[CatalogueNode]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)

    def build(parent: int | None) -> list[dict[str, Any]]:
        return [
            {
                "name": n.name,
                "national": n.national,
                **{field: getattr(n, field) for field in COLUMNS.values()},
                "children": build(n.pk),
            }
            for n in children.get(parent, [])
        ]

    return build(None)


# ---------------------------------------------------------------------------------------------
# 指南
# ---------------------------------------------------------------------------------------------

DEFAULT_ACCESS = (
    "（一）主动公开：本机关主动公开的政府信息，通过政府网站、微信公众号、政务公开栏等渠道公开，"
    "自信息形成或者变更之日起20个工作日内公开（条例第二十六条）。公众可在本机关政府信息公开"
    "工作机构和国家档案馆、公共图书馆、政务服务场所设置的查阅场所查阅。\n"
    "（二）依申请公开：公民、法人或者其他组织可以通过网络、信函、传真或者当面提交等方式向本机关"
    "提出政府信息公开申请（条例第二十七条至第二十九条）。"
)


def guide_text(agency: Agency) -> str:
    """The 指南 as generated from the body's data (条例 第十二条 fields, in order)."""
    settings = settings_of(agency)
    roots = list(
        CatalogueNode.objects.filter(agency=agency, parent__isnull=True).order_by("order", "id")
    )
    if roots:
        classes = (
            "本机关主动公开的政府信息按公开目录分为：" + "、".join(n.name for n in roots) + "。"
        )
    else:
        classes = (
            "本机关主动公开的政府信息按《中华人民共和国政府信息公开条例》第二十条分为："
            + "；".join(Article20Item.labels)
            + "。"
        )
    arrangement = settings.arrangement.strip() or (
        "政府信息按公开目录事项编排，每条信息标注索引号、名称、内容概述、生成日期"
        "（条例第十二条），索引号由本机关统一社会信用代码、年份和顺序号组成。"
    )
    contacts = [
        ("工作机构名称", agency.office_name),
        ("办公地址", agency.office_address),
        ("办公时间", agency.office_hours),
        ("联系电话", agency.phone),
        ("传真号码", agency.fax),
        ("互联网联系方式", "；".join(x for x in (agency.website, agency.email) if x)),
    ]
    lines = [
        f"{agency.name}政府信息公开指南",
        "",
        "一、政府信息的分类",
        classes,
        "",
        "二、编排体系",
        arrangement,
        "",
        "三、获取方式",
        settings.access_methods.strip() or DEFAULT_ACCESS,
        "",
        "四、政府信息公开工作机构",
        *(f"{label}：{value or '（未填写）'}" for label, value in contacts),
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class GuideRefreshed:
    version: GuideVersion
    created: bool


def guide_refresh(*, actor: Actor, agency: Agency) -> GuideRefreshed:
    """Regenerate the 指南; store a new version only when its text changed (第十二条: 及时更新)."""
    text = guide_text(agency)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with transaction.atomic():
        Agency.objects.select_for_update().filter(pk=agency.pk).first()
        latest = GuideVersion.objects.filter(agency=agency).order_by("-created_at", "-id").first()
        if latest is not None and latest.digest == digest:
            return GuideRefreshed(latest, created=False)
        version = GuideVersion.objects.create(agency=agency, text=text, digest=digest)
        record(actor=actor, action="publishing.guide_changed", target=version, data={})
        return GuideRefreshed(version, created=True)


def guide_current(agency: Agency) -> GuideVersion | None:
    """The current 指南; its ``created_at`` is the date of the last change."""
    return GuideVersion.objects.filter(agency=agency).order_by("-created_at", "-id").first()
