"""``gongkai appeals table4|due|recompute``: 表四 of a year, answers due, deadline refresh."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from gongkai.agencies.selectors import agency_get_by_name
from gongkai.appeals import rules
from gongkai.appeals.selectors import appeals_due_soon, appeals_overdue, counting_rule, table4
from gongkai.appeals.services import appeals_recompute_due
from gongkai.core.commands import DomainCommand
from gongkai.workdays.calendar import parse_date


class Command(DomainCommand):
    help = (
        "复议与诉讼：打印年度报告表四，列出即将到期/逾期的答复答辩，节假日通知导入后重算期限"
        "（见 docs/appeals.md）。Print table 4, list answers due, recompute deadlines."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="{table4,due,recompute}")
        t4 = sub.add_parser("table4", help="某年表四（政府信息公开行政复议、行政诉讼情况）")
        t4.add_argument("--agency", required=True, help="机关名称")
        t4.add_argument("--year", required=True, type=int)
        t4.add_argument("--counting", choices=rules.COUNTING_RULES, default=None)
        t4.add_argument("--format", choices=("text", "json"), default="text")
        due = sub.add_parser("due", help="即将到期和已逾期的答复/答辩")
        due.add_argument("--agency", required=True, help="机关名称")
        due.add_argument("--as-of", default=None, help="YYYY-MM-DD，默认今天")
        due.add_argument("--within", type=int, default=rules.DUE_SOON_WORKING_DAYS)
        sub.add_parser("recompute", help="重算尚未答复案件的答复/答辩期限（可重复执行）")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "table4":
            self._table4(options)
        elif action == "due":
            self._due(options)
        else:
            changed = appeals_recompute_due()
            self.stdout.write(f"重算完成，{changed}件案件的期限有变化")

    def _table4(self, options: dict[str, Any]) -> None:
        agency = agency_get_by_name(options["agency"])
        counting = options["counting"] or counting_rule()
        table = table4(agency=agency, year=options["year"], counting=counting)
        if options["format"] == "json":
            self.stdout.write(json.dumps(table, ensure_ascii=False, indent=2))
            return
        header = "｜".join(label for _, label in rules.TABLE4_COLUMNS)
        self.stdout.write(f"{agency.name} {options['year']}年 表四（统计口径：{counting}）")
        self.stdout.write(f"{'':<12}{header}")
        for key, label in rules.TABLE4_GROUPS:
            cells = "｜".join(str(table[key][c]) for c, _ in rules.TABLE4_COLUMNS)
            self.stdout.write(f"{label}：{cells}")

    def _due(self, options: dict[str, Any]) -> None:
        agency = agency_get_by_name(options["agency"])
        as_of: date = (
            parse_date(options["as_of"], where="--as-of")
            if options["as_of"]
            else timezone.localdate()
        )
        rows = [("逾期", c) for c in appeals_overdue(agency=agency, as_of=as_of)]
        rows += [
            ("将到期", c)
            for c in appeals_due_soon(agency=agency, as_of=as_of, within=options["within"])
        ]
        if not rows:
            self.stdout.write("没有待提交的答复/答辩")
        for mark, case in rows:
            due = case.answer_due.isoformat() if case.answer_due else ""
            self.stdout.write(f"{mark} {due} {case}")
