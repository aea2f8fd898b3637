"""The import format of a State Council holiday notice: reading and validating, no database.

A notice file is YAML (JSON is accepted too, being a subset) written the way the notice prints
its arrangements — one entry per holiday, its closure range and its 调休 working days::

    year: 2027
    title: 国务院办公厅关于2027年部分节假日安排的通知
    document_number: 国办发明电〔2026〕1号
    issued_on: 2026-11-04
    url: https://www.gov.cn/...
    holidays:
      - name: 春节
        from: 2027-02-06
        to: 2027-02-13
        days: 8                 # optional: the notice's "共8天", checked against the range
        workdays: [2027-01-31]  # optional: the "上班" weekend days

See ``docs/workdays.md`` for every rule this module checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from gongkai.core.errors import ValidationFailed
from gongkai.workdays.calendar import (
    NEXT_NOTICE_REACH,
    TABLE_FIRST_YEAR,
    TABLE_LAST_YEAR,
    parse_date,
)
from gongkai.workdays.rules import notice_title

_TOP_KEYS = {"year", "title", "document_number", "issued_on", "url", "holidays"}
_REQUIRED_TOP = {"year", "holidays"}
_HOLIDAY_KEYS = {"name", "from", "to", "days", "workdays"}
_REQUIRED_HOLIDAY = {"name", "from", "to"}
_WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class NoticeSpec:
    """A validated notice, ready to be saved."""

    year: int
    title: str
    document_number: str
    issued_on: date | None
    url: str
    closed: dict[date, str]
    worked: dict[date, str]


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}")


def _text(value: Any, where: str, problems: _Problems, *, required: bool = False) -> str:
    if value is None:
        if required:
            problems.add(where, "不能为空 / must not be empty")
        return ""
    if not isinstance(value, str | int) or isinstance(value, bool):
        problems.add(where, f"应为文字 / must be text, got {value!r}")
        return ""
    text = str(value).strip()
    if required and not text:
        problems.add(where, "不能为空 / must not be empty")
    return text


def _date(value: Any, where: str, problems: _Problems) -> date | None:
    try:
        return parse_date(value, where=where)
    except ValidationFailed as exc:
        problems.items.append(exc.message)
        return None


def _in_window(d: date, year: int) -> bool:
    return d.year == year or (d.year == year - 1 and (d.month, d.day) >= NEXT_NOTICE_REACH)


def _window_text(year: int) -> str:
    month, day = NEXT_NOTICE_REACH
    return f"{year}年内（或{year - 1}年{month}月{day}日以后）/ outside the year {year}"


def day_problem(year: int, d: date, *, is_workday: bool) -> str | None:
    """Why ``d`` cannot be a day of the ``year`` notice (closed, or worked), or ``None``."""
    if not _in_window(d, year):
        return f"{d} 不在{_window_text(year)}"
    if is_workday and d.weekday() < 5:
        return (
            f"{d}（周{_WEEKDAYS[d.weekday()]}）本就是工作日，调休上班日应为周六或周日 / "
            "a 调休 working day must be a Saturday or Sunday"
        )
    return None


def notice_parse(data: Any, *, source: str = "") -> NoticeSpec:
    """Validate the content of a notice file and return it as a :class:`NoticeSpec`.

    Raises :class:`ValidationFailed` listing every problem with its position (``holidays[2].to``)
    in ``data`` (the list of problems), prefixed with ``source`` (the file name) if given.
    """
    problems = _Problems()
    prefix = f"{source}: " if source else ""
    if not isinstance(data, Mapping):
        raise ValidationFailed(
            f"{prefix}文件内容应为键值结构（year、holidays…）/ the file must be a mapping",
            data=["(root)"],
        )
    for key in sorted(set(data) - _TOP_KEYS, key=str):
        problems.add(str(key), "未知字段 / unknown key")
    for key in sorted(_REQUIRED_TOP - set(data)):
        problems.add(key, "缺少必填字段 / missing")

    year = 0
    raw_year = data.get("year")
    if "year" in data:
        if isinstance(raw_year, int) and not isinstance(raw_year, bool):
            year = raw_year
            if not TABLE_FIRST_YEAR <= year <= TABLE_LAST_YEAR:
                problems.add("year", f"应在{TABLE_FIRST_YEAR}—{TABLE_LAST_YEAR}之间 / out of range")
                year = 0
        else:
            problems.add("year", f"应为四位年份 / must be a year number, got {raw_year!r}")

    title = _text(data.get("title"), "title", problems) or (notice_title(year) if year else "")
    if year and title and f"{year}年" not in title:
        problems.add("title", f"标题未提及{year}年 / the title does not name the year {year}")
    document_number = _text(data.get("document_number"), "document_number", problems)
    issued_on = None
    if data.get("issued_on") is not None:
        issued_on = _date(data["issued_on"], "issued_on", problems)
    url = _text(data.get("url"), "url", problems)
    if url and not url.startswith(("http://", "https://")):
        problems.add("url", "应以 http:// 或 https:// 开头 / must be an http(s) address")

    closed: dict[date, str] = {}
    worked: dict[date, str] = {}
    where_closed: dict[date, str] = {}
    holidays = data.get("holidays")
    if "holidays" in data and (not isinstance(holidays, list) or not holidays):
        problems.add("holidays", "应为非空列表 / must be a non-empty list")
        holidays = []
    for index, entry in enumerate(holidays or []):
        here = f"holidays[{index}]"
        if not isinstance(entry, Mapping):
            problems.add(here, "应为键值结构（name、from、to…）/ must be a mapping")
            continue
        for key in sorted(set(entry) - _HOLIDAY_KEYS, key=str):
            problems.add(f"{here}.{key}", "未知字段 / unknown key")
        for key in sorted(_REQUIRED_HOLIDAY - set(entry)):
            problems.add(f"{here}.{key}", "缺少必填字段 / missing")
        name = _text(entry.get("name"), f"{here}.name", problems, required="name" in entry)
        if name:
            here = f"holidays[{index}]（{name}）"
        first = _date(entry["from"], f"{here}.from", problems) if "from" in entry else None
        last = _date(entry["to"], f"{here}.to", problems) if "to" in entry else None
        if first and last:
            if last < first:
                problems.add(f"{here}.to", f"{last} 早于 from {first} / ends before it begins")
            elif year and not (_in_window(first, year) and _in_window(last, year)):
                problems.add(f"{here}", f"{first}—{last} 不在{_window_text(year)}")
            else:
                count = (last - first).days + 1
                expected = entry.get("days")
                if expected is not None and expected != count:
                    problems.add(
                        f"{here}.days",
                        f"共{expected}天与 {first}—{last}（{count}天）不符 / "
                        "does not match the range",
                    )
                for offset in range(count):
                    d = date.fromordinal(first.toordinal() + offset)
                    if d in closed:
                        problems.add(here, f"{d} 已在 {where_closed[d]} 中放假 / closed twice")
                    closed[d] = name
                    where_closed[d] = here
        raw_workdays = entry.get("workdays") or []
        if not isinstance(raw_workdays, list):
            raw_workdays = [raw_workdays]
        for w_index, raw in enumerate(raw_workdays):
            w_where = f"{here}.workdays[{w_index}]"
            workday = _date(raw, w_where, problems)
            if workday is None:
                continue
            problem = day_problem(year, workday, is_workday=True) if year else None
            if problem:
                problems.add(w_where, problem)
            elif workday in worked:
                problems.add(w_where, f"{workday} 重复 / listed twice")
            else:
                worked[workday] = name
    for d in sorted(set(closed) & set(worked)):
        problems.add(where_closed[d], f"{d} 既放假又上班 / both closed and worked")

    if problems.items:
        head = f"{prefix}节假日通知文件有{len(problems.items)}处错误 / invalid notice file:"
        raise ValidationFailed(
            "\n".join([head, *(f"  - {p}" for p in problems.items)]), data=problems.items
        )
    return NoticeSpec(
        year=year,
        title=title,
        document_number=document_number,
        issued_on=issued_on,
        url=url,
        closed=closed,
        worked=worked,
    )


def notice_file_load(path: Path) -> Any:
    """Read a notice file; a missing file or a YAML syntax error names the file and the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValidationFailed(f"{path}: 文件不存在 / file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationFailed(f"{path}: 无法读取（须为 UTF-8 文本）/ cannot read: {exc}") from None
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ValidationFailed(
            f"{where}: YAML 格式错误 / YAML syntax error: {exc.problem or exc.context}"
        ) from None
    except yaml.YAMLError as exc:
        raise ValidationFailed(f"{path}: YAML 格式错误 / YAML syntax error: {exc}") from None
