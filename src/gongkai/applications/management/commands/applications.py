"""``gongkai applications import|overdue``: a body's 台账 and its overdue cases."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from gongkai.agencies.selectors import agency_get_by_name
from gongkai.applications.ledger import COLUMNS, read_ledger, write_xlsx
from gongkai.applications.selectors import applications_overdue, ledger_rows
from gongkai.applications.services import LedgerImported, applications_import
from gongkai.core.commands import DomainCommand
from gongkai.core.errors import ValidationFailed
from gongkai.core.spreadsheets import Problem


def problem_lines(problems: Sequence[Problem]) -> list[str]:
    """Problems as a clerk reads them: ``第5行 申请人类型“个体户”：…``."""
    lines = []
    for p in problems:
        where = f"第{p['row']}行"
        if p["column"]:
            where += f" {p['column']}"
        if p["value"]:
            where += f"“{p['value']}”"
        lines.append(f"{where}：{p['reason']}")
    return lines


def _as_of(value: str | None) -> date:
    if value is None:
        return timezone.localdate()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationFailed(f"--as-of: 不是有效日期（如 2026-03-31）：{value!r}") from None


class Command(DomainCommand):
    help = (
        "依申请公开：导入、导出台账，列出逾期案件。Applications: import or export a ledger "
        "(docs/ledger.md), list overdue cases."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="{import,overdue,export}")
        load = sub.add_parser(
            "import", help="导入依申请公开台账（.xlsx/.csv）/ import a ledger, all or nothing"
        )
        load.add_argument("file", metavar="FILE", type=Path)
        load.add_argument("--agency", required=True, metavar="NAME", help="机关名称")
        load.add_argument(
            "--skip-invalid",
            action="store_true",
            help="只导入无误的行，列出有误的行 / import the valid rows, list the others",
        )
        load.add_argument("--format", choices=("text", "json"), default="text")

        overdue = sub.add_parser("overdue", help="列出逾期案件 / list overdue cases")
        overdue.add_argument("--agency", required=True, metavar="NAME", help="机关名称")
        overdue.add_argument("--as-of", metavar="DATE", help="截至日期，默认今天（北京时间）")
        overdue.add_argument("--format", choices=("text", "json"), default="text")

        export = sub.add_parser(
            "export", help="导出台账为 .xlsx（与导入格式相同）/ export the ledger as XLSX"
        )
        export.add_argument("file", metavar="FILE", type=Path, help="输出文件（.xlsx）")
        export.add_argument("--agency", required=True, metavar="NAME", help="机关名称")
        export.add_argument(
            "--with-applicant",
            action="store_true",
            help="包含申请人姓名（个人信息，仅在确有需要时导出）/ include applicant names",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options)
        elif options["action"] == "export":
            self._export(options)
        else:
            self._overdue(options)

    def _export(self, options: dict[str, Any]) -> None:
        agency = agency_get_by_name(options["agency"])
        path: Path = options["file"]
        if path.suffix.lower() != ".xlsx":
            raise ValidationFailed(f"导出文件应以 .xlsx 结尾：{path}")
        rows = ledger_rows(agency=agency, with_applicant=options["with_applicant"])
        try:
            path.write_bytes(write_xlsx(rows, columns=COLUMNS))
        except OSError as exc:
            raise ValidationFailed(f"无法写入 {path}：{exc.strerror}") from None
        self.stdout.write(f"已导出 {len(rows)} 件到 {path}")

    def _emit(self, payload: Any) -> None:
        self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))

    def _report(self, result: dict[str, Any], fmt: str) -> None:
        if fmt == "json":
            self._emit(result)
            return
        self.stdout.write(f"新导入 {result['imported']} 件，更新 {result['updated']} 件")
        for line in problem_lines(result["problems"]):
            self.stdout.write(line)

    def _import(self, options: dict[str, Any]) -> None:
        agency = agency_get_by_name(options["agency"])
        path: Path = options["file"]
        if not path.is_file():
            raise ValidationFailed(f"找不到台账文件：{path}")
        ledger = read_ledger(path)
        try:
            result: LedgerImported = applications_import(
                actor=None, agency=agency, ledger=ledger, skip_invalid=options["skip_invalid"]
            )
        except ValidationFailed as exc:
            if isinstance(exc.data, dict) and "problems" in exc.data:
                self._report(exc.data, options["format"])
            raise
        self._report(result.as_dict(), options["format"])

    def _overdue(self, options: dict[str, Any]) -> None:
        agency = agency_get_by_name(options["agency"])
        cases = applications_overdue(agency=agency, as_of=_as_of(options["as_of"]))
        if options["format"] == "json":
            self._emit(cases)
            return
        if not cases:
            self.stdout.write("没有逾期案件")
            return
        for case in cases:
            answered = f"，{case['answered']} 答复" if case["answered"] else "，尚未答复"
            self.stdout.write(
                f"{case['number']}：{case['received']} 收到，{case['due']} 届满{answered}"
            )
