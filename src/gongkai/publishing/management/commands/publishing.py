"""``gongkai publishing catalogue load|import|overdue|counts|guide``: 主动公开 from the shell."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from gongkai.agencies.selectors import agency_get_by_name
from gongkai.core.commands import DomainCommand
from gongkai.core.errors import ValidationFailed
from gongkai.core.spreadsheets import Problem
from gongkai.publishing.catalogue import catalogue_load, catalogue_read, guide_refresh
from gongkai.publishing.imports import publications_import, read_table
from gongkai.publishing.selectors import counts_sentence, publication_counts, publications_overdue


def problem_lines(problems: list[Problem]) -> list[str]:
    lines = []
    for p in problems:
        where = f"第{p['row']}行"
        if p["column"]:
            where += f" {p['column']}"
        if p["value"]:
            where += f"“{p['value']}”"
        lines.append(f"{where}：{p['reason']}")
    return lines


class Command(DomainCommand):
    help = "主动公开：载入公开目录、导入已发布信息、逾期清单、年度发布统计、更新指南。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        catalogue = sub.add_parser("catalogue", help="公开目录 / catalogue")
        catalogue_sub = catalogue.add_subparsers(dest="catalogue_action", required=True)
        load = catalogue_sub.add_parser("load", help="载入标准目录（YAML）/ load a catalogue")
        load.add_argument("file", metavar="FILE", type=Path)
        load.add_argument("--agency", required=True, metavar="NAME", help="机关名称")

        imp = sub.add_parser("import", help="导入已发布信息（.csv/.xlsx），全部成功或全部不导入")
        imp.add_argument("file", metavar="FILE", type=Path)
        imp.add_argument("--agency", required=True, metavar="NAME", help="机关名称")
        imp.add_argument("--format", choices=("text", "json"), default="text")

        overdue = sub.add_parser("overdue", help="逾期未公开清单（条例第二十六条）")
        overdue.add_argument("--agency", required=True, metavar="NAME", help="机关名称")
        overdue.add_argument("--as-of", metavar="DATE", help="截至日期，默认今天")
        overdue.add_argument("--format", choices=("text", "json"), default="text")

        counts = sub.add_parser("counts", help="年度按渠道发布统计")
        counts.add_argument("--agency", required=True, metavar="NAME", help="机关名称")
        counts.add_argument("--year", required=True, type=int)
        counts.add_argument("--format", choices=("text", "json"), default="text")

        guide = sub.add_parser("guide", help="按机关信息更新政府信息公开指南（条例第十二条）")
        guide.add_argument("--agency", required=True, metavar="NAME", help="机关名称")

    def _emit(self, payload: Any) -> None:
        self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))

    def handle(self, *args: Any, **options: Any) -> None:
        agency = agency_get_by_name(options["agency"])
        action = options["action"]
        if action == "catalogue":
            path: Path = options["file"]
            result = catalogue_load(actor=None, agency=agency, data=catalogue_read(path))
            self.stdout.write(f"新增事项 {result.created} 项，更新 {result.updated} 项")
        elif action == "import":
            self._import(agency, options)
        elif action == "overdue":
            as_of = timezone.localdate()
            if options["as_of"]:
                try:
                    as_of = date.fromisoformat(options["as_of"])
                except ValueError:
                    raise ValidationFailed(f"--as-of 不是有效日期：{options['as_of']}") from None
            items = publications_overdue(agency=agency, as_of=as_of)
            if options["format"] == "json":
                self._emit(items)
            elif not items:
                self.stdout.write("没有逾期未公开的信息")
            for item in items if options["format"] == "text" else []:
                state = f"{item['published_on']} 公开（逾期）" if item["late"] else "尚未公开"
                self.stdout.write(
                    f"{item['index_number']} {item['title']}：{item['due']} 届满，{state}"
                )
        elif action == "counts":
            counts = publication_counts(agency=agency, year=options["year"])
            if options["format"] == "json":
                self._emit(counts)
            else:
                self.stdout.write(counts_sentence(counts, options["year"]))
        else:
            refreshed = guide_refresh(actor=None, agency=agency)
            when = refreshed.version.created_at.date().isoformat()
            state = "已生成新版本" if refreshed.created else "内容未变化，未生成新版本"
            self.stdout.write(f"指南{state}（最近更新 {when}）")

    def _import(self, agency: Any, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise ValidationFailed(f"找不到文件：{path}")
        try:
            result = publications_import(actor=None, agency=agency, table=read_table(path))
        except ValidationFailed as exc:
            if isinstance(exc.data, dict) and "problems" in exc.data:
                if options["format"] == "json":
                    self._emit(exc.data)
                else:
                    for line in problem_lines(exc.data["problems"]):
                        self.stdout.write(line)
            raise
        if options["format"] == "json":
            self._emit(result.as_dict())
        else:
            self.stdout.write(f"新导入 {result.imported} 条，更新 {result.updated} 条")
