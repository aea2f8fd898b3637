"""Reading the spreadsheets bodies export (台账, 12345 工单, CMS lists): CSV or XLSX, cell by cell.

Shared by every import so that all of them accept the same files and the same date spellings.
Plain Python (no Django).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Generic, TypedDict, TypeVar

from openpyxl import load_workbook

from gongkai.core.errors import ValidationFailed

#: Date spellings accepted in text cells (real spreadsheet dates are always accepted).
DATE_FORMATS_TEXT = "2025-03-05、2025/3/5、2025.3.5、2025年3月5日"
_TIME = r"(?:[ T]?\d{1,2}[:时]\d{2}分?(?::\d{2}(?:\.\d+)?)?)?"
_DATE_SHAPES = (
    r"(\d{4})-(\d{1,2})-(\d{1,2})",
    r"(\d{4})/(\d{1,2})/(\d{1,2})",
    r"(\d{4})\.(\d{1,2})\.(\d{1,2})",
    r"(\d{4})年(\d{1,2})月(\d{1,2})日",
)
_DATES = tuple(re.compile(f"^{shape}$") for shape in _DATE_SHAPES)
_DATES_WITH_TIME = tuple(re.compile(f"^{shape}{_TIME}$") for shape in _DATE_SHAPES)

SPREADSHEET_SUFFIXES = (".csv", ".xlsx", ".xlsm")


class Problem(TypedDict):
    """One reason a row cannot be imported as it is: its spreadsheet row (header = 1), the
    column, the value as written (empty for personal data), and why, in Chinese."""

    row: int
    column: str
    value: str
    reason: str


RowT = TypeVar("RowT")


@dataclass(frozen=True)
class Parsed(Generic[RowT]):
    """The valid rows and all the problems of one file; a file with any problem imports nothing
    (every import is all-or-nothing with the full problem list)."""

    rows: tuple[RowT, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


#: Why a required cell fails, and a text cell over its column's limit.
REASON_MISSING = "必填项为空"
REASON_TOO_LONG = "内容过长（{length}字，最多{limit}字）"


class RowReader:
    """Collects the values and the problems of one row of an import, column by column.

    An import's reader sets, as class attributes: ``private`` — columns whose value never
    shows in a problem (personal data: the problem names the column and the reason only);
    ``limits`` — the longest text of a column; ``with_time`` — a date may carry a time of day;
    ``not_a_date`` — the reason shown for a cell that is not a date.
    """

    private: frozenset[str] = frozenset()
    limits: Mapping[str, int] = MappingProxyType({})
    with_time = False
    not_a_date = f"不是有效日期（可用格式：{DATE_FORMATS_TEXT}）"

    def __init__(self, number: int, cells: Mapping[str, object]) -> None:
        self.number = number
        self.cells = cells
        self.problems: list[Problem] = []

    def problem(self, column: str, reason: str, value: str | None = None) -> None:
        shown = cell_text(self.cells.get(column)) if value is None else value
        if column in self.private:
            shown = ""
        self.problems.append(Problem(row=self.number, column=column, value=shown, reason=reason))

    def text(self, column: str, *, required: bool = False) -> str:
        value = cell_text(self.cells.get(column))
        if required and not value:
            self.problem(column, REASON_MISSING)
        limit = self.limits.get(column)
        if limit is not None and len(value) > limit:
            self.problem(column, REASON_TOO_LONG.format(length=len(value), limit=limit))
        return value

    def day(self, column: str, *, required: bool = False) -> date | None:
        try:
            value = parse_date(self.cells.get(column), with_time=self.with_time)
        except ValueError:
            self.problem(column, self.not_a_date)
            return None
        if value is None and required:
            self.problem(column, REASON_MISSING)
        return value


def cell_text(value: object) -> str:
    """A cell as text: empty for ``None``, whole numbers without ``.0``, dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def is_blank(values: Iterable[object]) -> bool:
    return all(cell_text(v) == "" for v in values)


def parse_date(value: object, *, with_time: bool = False) -> date | None:
    """A date cell: a real spreadsheet date (its time dropped) or text in one of
    :data:`DATE_FORMATS_TEXT` (followed by a time of day when ``with_time``).

    ``None`` for an empty cell; ``ValueError`` for anything else, 2025-02-30 included.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(value)
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", value).strip())
    if not text:
        return None
    for pattern in _DATES_WITH_TIME if with_time else _DATES:
        match = pattern.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return date(year, month, day)
    raise ValueError(value)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 as saved by Excel on a Chinese Windows."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def read_csv(path: Path) -> list[list[object]]:
    """All rows of a CSV file as lists of text cells."""
    text = decode_text(path.read_bytes())
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]


def read_xlsx(path: Path) -> list[list[object]]:
    """All rows of the first sheet, with computed values (not formulas)."""
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_rows(path: Path, *, what: str, code: str) -> list[list[object]]:
    """The rows of a ``.csv`` or ``.xlsx`` file; another kind of file is refused by name."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return read_csv(path)
        if suffix in (".xlsx", ".xlsm"):
            return read_xlsx(path)
    except UnicodeDecodeError:
        raise ValidationFailed(
            f"{path.name}：文件编码无法识别（请使用 UTF-8 或 GB18030）", code=code
        ) from None
    except (OSError, zipfile.BadZipFile, KeyError) as exc:
        raise ValidationFailed(f"无法读取 {path.name}：{exc}", code=code) from None
    raise ValidationFailed(
        f"不支持的文件类型“{path.suffix}”：{what}请使用 .xlsx 或 .csv", code=code
    )
