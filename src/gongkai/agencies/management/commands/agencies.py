"""``gongkai agencies add|list``: register and list bodies from the command line."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandParser

from gongkai.agencies.models import AgencyKind, AgencyLevel
from gongkai.agencies.selectors import agency_as_dict, agency_get_by_name, agency_list
from gongkai.agencies.services import agency_create
from gongkai.core.commands import DomainCommand
from gongkai.core.errors import NotFoundOrForbidden, ValidationFailed

_LEVEL_WORDS = {
    "省": AgencyLevel.PROVINCE,
    "市": AgencyLevel.CITY,
    "县": AgencyLevel.COUNTY,
    "乡": AgencyLevel.TOWNSHIP,
}
# Name endings that tell a government's level when --level is not given.
_GOVERNMENT_LEVEL_BY_PLACE = (
    (("省人民政府", "自治区人民政府"), AgencyLevel.PROVINCE),
    (("乡人民政府", "镇人民政府", "街道办事处"), AgencyLevel.TOWNSHIP),
    (("县人民政府", "区人民政府", "旗人民政府", "县级市人民政府"), AgencyLevel.COUNTY),
    (("市人民政府", "州人民政府", "盟行政公署"), AgencyLevel.CITY),
)


def parse_kind(value: str) -> str:
    for choice in AgencyKind:
        if value in (choice.value, choice.label):
            return choice.value
    options = "、".join(f"{c.label}({c.value})" for c in AgencyKind)
    raise ValidationFailed(f"--kind {value}: 未知的机关类型，可选：{options}")


def parse_level(value: str) -> str:
    for choice in AgencyLevel:
        if value in (choice.value, choice.label, choice.label[0]):
            return choice.value
    if value in _LEVEL_WORDS:
        return _LEVEL_WORDS[value].value
    options = "、".join(f"{c.label}({c.value})" for c in AgencyLevel)
    raise ValidationFailed(f"--level {value}: 未知的层级，可选：{options}")


def _infer_level(name: str, kind: str, parent_level: str | None) -> str:
    if kind == AgencyKind.GOVERNMENT:
        for endings, level in _GOVERNMENT_LEVEL_BY_PLACE:
            if name.endswith(endings):
                return level.value
    elif parent_level is not None:
        return parent_level
    raise ValidationFailed(f"无法从“{name}”推断层级，请用 --level 指定（省/市/县/乡）")


class Command(DomainCommand):
    help = "机关登记与查询。Register and list bodies (机关)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="{add,list}")
        add = sub.add_parser("add", help="登记机关 (register a body)")
        add.add_argument("name", help="机关名称")
        add.add_argument("--parent", help="上级机关名称（部门填本级人民政府）")
        add.add_argument(
            "--kind",
            help="机关类型：人民政府/政府部门/派出机构/法律法规授权组织/公共企事业单位 "
            "（默认：名称以“人民政府”结尾为人民政府，否则为政府部门）",
        )
        add.add_argument("--level", help="层级：省/市/县/乡（默认按名称或上级机关推断）")
        add.add_argument("--credit-code", default="", help="统一社会信用代码")
        lst = sub.add_parser("list", help="列出机关 (list bodies)")
        lst.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "add":
            self._add(options)
        else:
            self._list(options)

    def _add(self, options: dict[str, Any]) -> None:
        name: str = options["name"].strip()
        parent = None
        if options["parent"]:
            try:
                parent = agency_get_by_name(options["parent"])
            except NotFoundOrForbidden:
                raise ValidationFailed(
                    f"--parent {options['parent']}: 上级机关“{options['parent']}”尚未登记"
                ) from None
        if options["kind"]:
            kind = parse_kind(options["kind"])
        else:
            kind = (
                AgencyKind.GOVERNMENT.value
                if name.endswith("人民政府")
                else AgencyKind.DEPARTMENT.value
            )
        if options["level"]:
            level = parse_level(options["level"])
        else:
            level = _infer_level(name, kind, parent.level if parent else None)
        agency = agency_create(
            actor=None,
            name=name,
            kind=kind,
            level=level,
            parent=parent,
            credit_code=options["credit_code"],
        )
        self.stdout.write(
            f"已登记：{agency.name}（{agency.get_kind_display()}，{agency.get_level_display()}）"
        )

    def _list(self, options: dict[str, Any]) -> None:
        rows = [agency_as_dict(agency) for agency in agency_list()]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write("尚未登记任何机关。")
            return
        for row in rows:
            parent = f" ← {row['parent']}" if row["parent"] else ""
            review = row["review_body"] or "（未确定）"
            self.stdout.write(
                f"{row['name']}\t{row['kind_label']}\t{row['level_label']}{parent}"
                f"\t复议机关：{review}"
            )
