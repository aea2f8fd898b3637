"""``gongkai inquiries import|counts``: load a 12345 export, print the year's figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from gongkai.agencies.selectors import agency_get_by_name
from gongkai.core.commands import DomainCommand
from gongkai.core.errors import ValidationFailed
from gongkai.core.spreadsheets import Problem
from gongkai.inquiries.importing import read_export
from gongkai.inquiries.models import Channel, InquiryResult, ProposalResult
from gongkai.inquiries.selectors import OPEN, inquiry_counts, proposal_counts
from gongkai.inquiries.services import inquiries_import


def _counted(labels: dict[str, str], counts: dict[str, int]) -> str:
    """``回复414件，退回45件``; a label ending in a digit gets a space (``12345 300件``)."""
    parts = []
    for key, n in counts.items():
        if n:
            label = labels[key]
            parts.append(f"{label}{' ' if label[-1:].isdigit() else ''}{n}件")
    return "，".join(parts) or "无"


def problem_line(problem: Problem) -> str:
    value = f"“{problem['value']}”" if problem["value"] else ""
    column = f" {problem['column']}" if problem["column"] else ""
    return f"第{problem['row']}行{column}{value}：{problem['reason']}"


class Command(DomainCommand):
    help = (
        "公众关切：导入12345等平台导出的工单（见 docs/inquiries.md），统计年度数字。"
        "Import a 12345 platform export; print a year's counts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="{import,counts}")
        imp = sub.add_parser("import", help="导入工单（XLSX 或 CSV），全部成功才写入")
        imp.add_argument("file", metavar="FILE", type=Path)
        imp.add_argument("--agency", required=True, help="机关名称")
        imp.add_argument("--format", choices=("text", "json"), default="text")
        counts = sub.add_parser("counts", help="某年受理的诉求和建议提案数量")
        counts.add_argument("--agency", required=True, help="机关名称")
        counts.add_argument("--year", required=True, type=int)
        counts.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options)
        else:
            self._counts(options)

    def _import(self, options: dict[str, Any]) -> None:
        agency = agency_get_by_name(options["agency"])
        path: Path = options["file"]
        if not path.is_file():
            raise ValidationFailed(f"文件“{path}”不存在")
        parsed = read_export(path)
        as_json = options["format"] == "json"
        if parsed.problems:
            problems = list(parsed.problems)
            if as_json:
                self.stdout.write(
                    json.dumps(
                        {"imported": 0, "updated": 0, "problems": problems},
                        ensure_ascii=False,
                        indent=2,
                    )
                )
            lines = "\n".join(problem_line(p) for p in problems)
            raise ValidationFailed(
                f"发现{len(problems)}个问题，未导入任何记录：\n{lines}",
                code="inquiries_import_problems",
                data=problems,
            )
        summary = inquiries_import(
            actor=None, agency=agency, rows=parsed.rows, source_name=path.name
        )
        if as_json:
            self.stdout.write(
                json.dumps(
                    {"imported": summary.imported, "updated": summary.updated, "problems": []},
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        self.stdout.write(
            f"{agency.name}：新增{summary.imported}条，更新{summary.updated}条，"
            f"未变{summary.unchanged}条"
        )

    def _counts(self, options: dict[str, Any]) -> None:
        agency = agency_get_by_name(options["agency"])
        year: int = options["year"]
        inquiries = inquiry_counts(agency=agency, year=year)
        proposals = proposal_counts(agency=agency, year=year)
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(
                    {"inquiries": inquiries, "proposals": proposals}, ensure_ascii=False, indent=2
                )
            )
            return
        by_result = _counted(
            {**dict(InquiryResult.choices), OPEN: "未办结"}, inquiries["by_result"]
        )
        by_channel = _counted(dict(Channel.choices), inquiries["by_channel"])
        proposal_results = _counted(
            {**dict(ProposalResult.choices), OPEN: "未办结"}, proposals["by_result"]
        )
        self.stdout.write(f"{agency.name} {year}年")
        self.stdout.write(f"公众诉求共{inquiries['total']}件（{by_result}）")
        self.stdout.write(f"来源渠道：{by_channel}")
        self.stdout.write(
            f"建议提案共{proposals['total']}件，已办结{proposals['handled']}件"
            f"（{proposal_results}），答复已公开{proposals['reply_published']}件"
        )
