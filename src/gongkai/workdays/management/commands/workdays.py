"""``gongkai workdays add|between|show|import``: the working-day calendar from the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from gongkai.core.commands import DomainCommand
from gongkai.core.errors import ValidationFailed
from gongkai.workdays.calendar import Due, format_range, parse_date, provisional_wording
from gongkai.workdays.notices import notice_file_load
from gongkai.workdays.selectors import calendar_get, notice_get
from gongkai.workdays.services import deadline_compute, notice_import

_WEEKDAYS = "一二三四五六日"


def _weekday(d: date) -> str:
    return f"周{_WEEKDAYS[d.weekday()]}"


def _days_arg(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        days = -1
    if days < 1 or days > 10000:
        raise ValidationFailed(f"N: 应为正整数 / must be a positive whole number, got {value!r}")
    return days


def due_as_dict(due: Due) -> dict[str, Any]:
    """The JSON shape of ``gongkai workdays add --format json``."""
    out: dict[str, Any] = {
        "start": due.period.start.isoformat(),
        "days": due.period.total_days,
        "due": due.due.isoformat(),
        "provisional": due.provisional,
        "explanation": due.explanation,
    }
    if due.provisional:
        out["provisional_years"] = list(due.provisional_years)
        out["letter_wording"] = due.letter_wording()
    return out


class Command(DomainCommand):
    help = (
        "工作日计算与节假日安排。Working days on the official calendar: add, between, show, "
        "import (a State Council holiday notice file, see docs/workdays.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(
            dest="action", required=True, metavar="{add,between,show,import}"
        )
        add = sub.add_parser(
            "add",
            help="DATE 之后第 N 个工作日（起算日不计）/ the N-th working day after DATE",
        )
        add.add_argument("date", metavar="DATE", help="起算日，如 2026-02-10")
        add.add_argument("days", metavar="N", help="工作日数，如 20")
        add.add_argument("--format", choices=("text", "json"), default="text")
        add.add_argument("--label", default="收到申请", help="起算事由，用于说明（默认：收到申请）")

        between = sub.add_parser(
            "between",
            help="A 之后至 B（含）的工作日数 / working days after A up to and including B",
        )
        between.add_argument("first", metavar="A")
        between.add_argument("last", metavar="B")
        between.add_argument("--format", choices=("text", "json"), default="text")

        show = sub.add_parser("show", help="显示某年的节假日安排 / print a year's calendar")
        show.add_argument("year", metavar="YEAR", type=int)
        show.add_argument("--format", choices=("text", "json"), default="text")

        load = sub.add_parser(
            "import", help="导入国务院办公厅节假日安排通知文件（YAML）/ import a notice file"
        )
        load.add_argument("file", metavar="FILE", type=Path)
        load.add_argument(
            "--replace", action="store_true", help="替换已导入的同一年份通知 / replace that year"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "add":
            self._add(options)
        elif action == "between":
            self._between(options)
        elif action == "show":
            self._show(options)
        else:
            self._import(options)

    def _emit_json(self, payload: dict[str, Any]) -> None:
        self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))

    def _add(self, options: dict[str, Any]) -> None:
        start = parse_date(options["date"], where="DATE")
        days = _days_arg(options["days"])
        due = deadline_compute(start=start, days=days, start_label=options["label"])
        if options["format"] == "json":
            self._emit_json(due_as_dict(due))
            return
        mark = "（暂定）" if due.provisional else ""
        self.stdout.write(f"期限 {due.due.isoformat()}（{_weekday(due.due)}）{mark}")
        self.stdout.write(due.explanation)
        if due.provisional:
            self.stdout.write(due.letter_wording())

    def _between(self, options: dict[str, Any]) -> None:
        first = parse_date(options["first"], where="A")
        last = parse_date(options["last"], where="B")
        calendar = calendar_get()
        count = calendar.between(first, last)
        years = calendar.provisional_years(*sorted((first, last)))
        if options["format"] == "json":
            payload: dict[str, Any] = {
                "from": first.isoformat(),
                "to": last.isoformat(),
                "workdays": count,
                "provisional": bool(years),
                "counting": "A 当日不计，计至 B（含）/ days after A up to and including B",
            }
            if years:
                payload["provisional_years"] = list(years)
            self._emit_json(payload)
            return
        mark = "（暂定）" if years else ""
        self.stdout.write(
            f"{first.isoformat()} 之后至 {last.isoformat()}（含）：{count}个工作日{mark}"
        )
        if years:
            self.stdout.write(provisional_wording(years))

    def _show(self, options: dict[str, Any]) -> None:
        year = options["year"]
        calendar = calendar_get()
        try:
            view = calendar.year_view(year)
        except ValidationFailed:
            raise ValidationFailed(
                f"YEAR: {year} 超出可计算范围 / outside {calendar.first_year}–{calendar.last_year}"
            ) from None
        notice = notice_get(year)
        if options["format"] == "json":
            self._emit_json(
                {
                    "year": year,
                    "published": view.published,
                    "notice": None
                    if notice is None
                    else {
                        "title": notice.title,
                        "document_number": notice.document_number,
                        "issued_on": notice.issued_on.isoformat() if notice.issued_on else None,
                        "url": notice.url,
                        "source": notice.source,
                    },
                    "closures": [
                        {
                            "name": c.name,
                            "from": c.first.isoformat(),
                            "to": c.last.isoformat(),
                            "provisional": c.provisional,
                        }
                        for c in view.closures
                    ],
                    "workdays": [{"date": d.isoformat(), "name": n} for d, n in view.worked],
                    "workdays_per_month": list(view.workdays_per_month),
                    "workdays_total": view.workdays_total,
                }
            )
            return
        write = self.stdout.write
        if notice is not None:
            facts = [f"来源 {notice.source}"]
            if notice.document_number:
                facts.append(notice.document_number)
            if notice.issued_on:
                facts.append(f"发布 {notice.issued_on.isoformat()}")
            if notice.url:
                facts.append(notice.url)
            write(f"{year}年 — 《{notice.title}》（{'；'.join(facts)}）")
        else:
            write(
                f"{year}年 — 节假日安排尚未公布：暂按周末及元旦、劳动节、国庆节法定日期计算"
                "，所有结果均为暂定"
            )
        write("放假：")
        for c in view.closures:
            span = (c.last - c.first).days + 1
            mark = "（暂定）" if c.provisional else ""
            weekdays = _weekday(c.first) + ("" if span == 1 else f"—{_weekday(c.last)}")
            write(
                f"  {c.name} {format_range(c.first, c.last, year)}（{weekdays}），共{span}天{mark}"
            )
        if view.worked:
            write("调休上班：")
            for d, name in view.worked:
                write(f"  {d.month}月{d.day}日（{_weekday(d)}） {name}")
        months = " · ".join(f"{m}月 {n}" for m, n in enumerate(view.workdays_per_month, start=1))
        write(f"各月工作日：{months}")
        write(f"全年工作日：{view.workdays_total}")

    def _import(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        data = notice_file_load(path)
        result = notice_import(
            data=data, replace=options["replace"], source="import", source_name=str(path)
        )
        verb = "已替换" if result.replaced else "已导入"
        self.stdout.write(
            f"{verb}《{result.notice.title}》：放假{result.closed_days}天，调休上班"
            f"{result.worked_days}天；重新计算未结期限{result.recomputed}件"
        )
