"""The three tables as a workbook (openpyxl), with the merged headers of the national format.

One report gives one sheet per table (表二, 表三, 表四). Several reports (the bodies a
government consolidates) give a summary sheet, one row per body with the totals the consolidation
adds up, followed by one sheet per body holding its three tables. Numbers are numbers, so the
workbook can be summed; a null cell is ``/`` as in print.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from gongkai.annual.report import rows as rt
from gongkai.annual.report.model import AnnualReport
from gongkai.annual.report.render.layout import Grid, table2_grid, table3_grid, table4_grid, title

TABLES: tuple[tuple[str, str, Callable[[AnnualReport], Grid]], ...] = (
    ("表二", "2", table2_grid),
    ("表三", "3", table3_grid),
    ("表四", "4", table4_grid),
)
# Column widths in characters.
COLUMN_WIDTHS: dict[str, tuple[float, ...]] = {
    "2": (18, 14, 14, 14),
    "3": (8, 10, 36, *(9,) * 7),
    "4": (7,) * 15,
}
SUMMARY_SHEET = "汇总"
FONT_NAME = "仿宋_GB2312"
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def _value(text: str) -> int | Decimal | str:
    if text.isdigit():
        return int(text)
    try:
        return Decimal(text)
    except InvalidOperation:
        return text


def write_grid(ws: Any, grid: Grid, top: int, widths: Sequence[float]) -> int:
    """Write a grid with its first row at ``top`` (1-based); returns the row after it."""
    ncols = len(widths)
    for r in range(len(grid)):
        for c in range(ncols):
            ws.cell(row=top + r, column=c + 1).border = _BORDER
    for r, row in enumerate(grid):
        for cell in row:
            target = ws.cell(row=top + r, column=cell.col + 1)
            target.value = _value(cell.text) if cell.value else cell.text
            label = not cell.header and not cell.value
            target.alignment = Alignment(
                horizontal="left" if label and cell.colspan < 3 else "center",
                vertical="center",
                wrap_text=True,
            )
            target.font = Font(name=FONT_NAME, size=10, bold=cell.header)
            if cell.header:
                target.fill = _HEADER_FILL
            if cell.rowspan > 1 or cell.colspan > 1:
                ws.merge_cells(
                    start_row=top + r,
                    start_column=cell.col + 1,
                    end_row=top + r + cell.rowspan - 1,
                    end_column=cell.col + cell.colspan,
                )
    return top + len(grid)


def _heading(ws: Any, row: int, text: str, width: int, *, size: int = 12) -> None:
    cell = ws.cell(row=row, column=1, value=text)
    cell.font = Font(name=FONT_NAME, size=size, bold=True)
    cell.alignment = Alignment(horizontal="left", vertical="center")
    if width > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def _set_widths(ws: Any, widths: Sequence[float]) -> None:
    for i, width in enumerate(widths, start=1):
        current = ws.column_dimensions[get_column_letter(i)].width or 0
        ws.column_dimensions[get_column_letter(i)].width = max(current, width)


def _page_setup(ws: Any, *, landscape: bool) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _table_sheet(wb: Workbook, name: str, report: AnnualReport, key: str, grid: Grid) -> None:
    ws = wb.create_sheet(name)
    widths = COLUMN_WIDTHS[key]
    _heading(ws, 1, title(report), len(widths), size=14)
    _heading(ws, 2, rt.SECTION_HEADINGS[key], len(widths))
    write_grid(ws, grid, 3, widths)
    _set_widths(ws, widths)
    ws.freeze_panes = None
    _page_setup(ws, landscape=key != "2")


def render_xlsx(report: AnnualReport) -> bytes:
    """One workbook with the sheets 表二, 表三 and 表四 of one report."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, key, grid_of in TABLES:
        _table_sheet(wb, name, report, key, grid_of(report))
    wb.properties.title = title(report)
    return _save(wb)


def sheet_name(agency: str, taken: set[str]) -> str:
    """A valid, unique sheet name (31 characters, none of ``[]:*?/\\``) for a body."""
    base = _SHEET_NAME_BAD.sub("", agency).strip("'") or "机关"
    name = base[:31]
    n = 2
    while name in taken:
        suffix = f"({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name)
    return name


def _summary_columns() -> list[tuple[str, Callable[[AnnualReport], int | None]]]:
    total = rt.TABLE3_COLUMNS.index("total")

    def t3(key: str) -> Callable[[AnnualReport], int | None]:
        return lambda r: r.table3.cell(key, total)

    def t4(group: str) -> Callable[[AnnualReport], int | None]:
        return lambda r: getattr(r.table4, group).total

    columns: list[tuple[str, Callable[[AnnualReport], int | None]]] = [
        (f"表三 {rt.TABLE3_BY_KEY[k].label}（{rt.TABLE3_COLUMN_LABELS['total']}）", t3(k))
        for k in ("new", "carried_over", "total", "carried_forward")
    ]
    columns.extend(
        (f"表四 {rt.TABLE4_GROUP_LABELS[g]}（{rt.TABLE4_FIELD_LABELS['total']}）", t4(g))
        for g in rt.TABLE4_GROUPS
    )
    return columns


def render_xlsx_consolidated(reports: Sequence[AnnualReport]) -> bytes:
    """A summary sheet (one row per body, a 合计 row of formulas) and one sheet per body."""
    wb = Workbook()
    summary = wb.active
    summary.title = SUMMARY_SHEET
    columns = _summary_columns()
    headers = ["机关", "年度", "工作表", *(label for label, _ in columns)]
    for c, text in enumerate(headers, start=1):
        cell = summary.cell(row=1, column=c, value=text)
        cell.font = Font(name=FONT_NAME, size=10, bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    taken = {SUMMARY_SHEET}
    for i, report in enumerate(reports, start=2):
        name = sheet_name(report.agency, taken)
        values: list[Any] = [report.agency, report.year, name]
        values.extend("/" if (v := get(report)) is None else v for _, get in columns)
        for c, value in enumerate(values, start=1):
            cell = summary.cell(row=i, column=c, value=value)
            cell.font = Font(name=FONT_NAME, size=10)
            cell.border = _BORDER
        _body_sheet(wb, name, report)
    last = len(reports) + 1
    total_row = last + 1
    summary.cell(row=total_row, column=1, value="合计").font = Font(name=FONT_NAME, bold=True)
    for c in range(4, len(headers) + 1):
        letter = get_column_letter(c)
        cell = summary.cell(row=total_row, column=c, value=f"=SUM({letter}2:{letter}{last})")
        cell.border = _BORDER
    _set_widths(summary, [28, 8, 20, *(16,) * len(columns)])
    summary.freeze_panes = "B2"
    _page_setup(summary, landscape=True)
    return _save(wb)


def _body_sheet(wb: Workbook, name: str, report: AnnualReport) -> None:
    ws = wb.create_sheet(name)
    width = max(len(w) for w in COLUMN_WIDTHS.values())
    _heading(ws, 1, title(report), width, size=14)
    row = 3
    for _, key, grid_of in TABLES:
        widths = COLUMN_WIDTHS[key]
        _heading(ws, row, rt.SECTION_HEADINGS[key], len(widths))
        row = write_grid(ws, grid_of(report), row + 1, widths) + 1
    _set_widths(ws, [8, 10, 30, *(9,) * 12])
    _page_setup(ws, landscape=True)


def _save(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
