"""The printed layout of 表二, 表三 and 表四 as grids of spanning cells (国办公开办函〔2021〕30号).

Each table is a list of rows; a row lists only the cells that start in it, as :class:`Cell`
with its row and column span. Every renderer (text, HTML, docx, PDF, XLSX) draws the same grids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.annual.report import rows as rt
from gongkai.annual.report.model import AnnualReport

Grid = list[list["Cell"]]

# The page of GB/T 9704-2012 §5.2: A4, 天头 37 mm, 订口 28 mm; a type area of 156 mm × 225 mm.
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGINS_MM: dict[str, float] = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
# Printed column widths of 表二, 表三, 表四 in mm, each adding up to the type area's width.
TABLE_COLUMNS_MM: dict[str, tuple[float, ...]] = {
    "2": (48, 36, 36, 36),
    "3": (10, 16, 46, *(12,) * 7),
    "4": (10.4,) * 15,
}

# Sub-headings inside a part's text, set in their own face by the official renderers:
# 二级标题 "（一）主动公开" (楷体) and 三级标题 "1. 重点领域信息公开情况" (仿宋 加粗).
# Short, numbered and without a full stop, so that a numbered sentence stays body text.
SUBHEADING_RE = re.compile(r"^[（(][一二三四五六七八九十]+[）)]\s*\S[^。；]{0,30}$")
MINOR_HEADING_RE = re.compile(r"^\d{1,2}[.．、]\s*\S[^。；]{0,30}$")


@dataclass(frozen=True)
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    col: int = 0
    header: bool = False
    # A number (or ``/`` for null), as opposed to a column header or a row label.
    value: bool = False


def fmt(value: int | str | None) -> str:
    """A number as printed; null prints as ``/``."""
    return "/" if value is None else str(value)


def single_other(report: AnnualReport) -> bool:
    t3 = report.table3
    return all(v is None for v in t3.row("other_1") + t3.row("other_2")) and any(
        v is not None for v in t3.row("other_3")
    )


def table2_grid(report: AnnualReport) -> Grid:
    t2 = report.table2
    grid: Grid = []
    singles = {
        "licensing_decisions": t2.licensing_decisions,
        "penalty_decisions": t2.penalty_decisions,
        "enforcement_decisions": t2.enforcement_decisions,
        "fees_wan_yuan": t2.fees_wan_yuan,
    }
    for block, header, keys in rt.TABLE2_BLOCKS:
        grid.append([Cell(block, colspan=4, header=True)])
        if not header:
            grid.append(
                [Cell("信息内容", header=True)]
                + [
                    Cell(rt.TABLE2_TRIPLE_LABELS[f], col=i + 1, header=True)
                    for i, f in enumerate(rt.TABLE2_TRIPLE_FIELDS)
                ]
            )
            for key in keys:
                triple = getattr(t2, key)
                grid.append(
                    [Cell(rt.TABLE2_BY_KEY[key].label)]
                    + [
                        Cell(fmt(getattr(triple, f)), col=i + 1, value=True)
                        for i, f in enumerate(rt.TABLE2_TRIPLE_FIELDS)
                    ]
                )
        else:
            grid.append(
                [Cell("信息内容", header=True), Cell(header, colspan=3, col=1, header=True)]
            )
            for key in keys:
                grid.append(
                    [
                        Cell(rt.TABLE2_BY_KEY[key].label),
                        Cell(fmt(singles[key]), colspan=3, col=1, value=True),
                    ]
                )
    return grid


def table3_grid(report: AnnualReport) -> Grid:
    t3 = report.table3
    single = single_other(report)
    cols = rt.TABLE3_COLUMNS
    grid: Grid = [
        [
            Cell(rt.TABLE3_NOTE, rowspan=3, colspan=3, header=True),
            Cell(rt.TABLE3_APPLICANT_HEADER, colspan=7, col=3, header=True),
        ],
        [
            Cell(rt.TABLE3_COLUMN_LABELS["natural_person"], rowspan=2, col=3, header=True),
            Cell(rt.TABLE3_ORG_HEADER, colspan=5, col=4, header=True),
            Cell(rt.TABLE3_COLUMN_LABELS["total"], rowspan=2, col=9, header=True),
        ],
        [Cell(rt.TABLE3_COLUMN_LABELS[c], col=4 + i, header=True) for i, c in enumerate(cols[1:6])],
    ]

    def values(key: str) -> list[Cell]:
        return [Cell(fmt(v), col=3 + i, value=True) for i, v in enumerate(t3.row(key))]

    results_span = 20 if single else 22
    group_sizes = {"denied": 8, "unable": 3, "not_processed": 5, "other": 3}
    for key in rt.TABLE3_KEYS:
        spec = rt.TABLE3_BY_KEY[key]
        if single and key in ("other_1", "other_2"):
            continue
        row: list[Cell] = []
        if key in ("new", "carried_over", "carried_forward"):
            row.append(Cell(spec.label, colspan=3))
        else:
            if key == "granted":
                row.append(Cell(rt.TABLE3_RESULTS_LABEL, rowspan=results_span))
            if spec.group is None:
                row.append(Cell(spec.label, colspan=2, col=1))
            elif single and key == "other_3":
                row.append(Cell(rt.TABLE3_SINGLE_OTHER_LABEL, colspan=2, col=1))
            else:
                if key.endswith("_1"):
                    row.append(
                        Cell(rt.TABLE3_GROUPS[spec.group], rowspan=group_sizes[spec.group], col=1)
                    )
                row.append(Cell(spec.label, col=2))
        row.extend(values(key))
        grid.append(row)
    return grid


def table4_grid(report: AnnualReport) -> Grid:
    header = [
        Cell(rt.TABLE4_FIELD_LABELS[f], col=g * 5 + i, header=True)
        for g in range(3)
        for i, f in enumerate(rt.TABLE4_FIELDS)
    ]
    values = [
        Cell(fmt(v), col=g * 5 + i, value=True)
        for g, (_, grp) in enumerate(report.table4.groups())
        for i, v in enumerate(grp.values())
    ]
    return [
        [
            Cell("行政复议", rowspan=2, colspan=5, header=True),
            Cell("行政诉讼", colspan=10, col=5, header=True),
        ],
        [
            Cell("未经复议直接起诉", colspan=5, col=5, header=True),
            Cell("复议后起诉", colspan=5, col=10, header=True),
        ],
        header,
        values,
    ]


def title(report: AnnualReport) -> str:
    year = f"{report.year}年" if report.year is not None else ""
    return f"{report.agency}{year}政府信息公开工作年度报告"


def title_lines(report: AnnualReport, per_line: float) -> list[str]:
    """The title as printed lines: broken after the agency's name when it is longer than
    ``per_line`` full-width characters (ASCII counts as half), so that no word is split."""
    text = title(report)
    width = sum(0.5 if ord(ch) < 128 else 1.0 for ch in text)
    if width <= per_line or not report.agency:
        return [text]
    return [report.agency, text[len(report.agency) :]]


def preamble(report: AnnualReport) -> str:
    """The customary opening sentence stating the basis and the statistical period."""
    period = (
        f"本报告中所列数据的统计期限自{report.year}年1月1日起至{report.year}年12月31日止。"
        if report.year is not None
        else ""
    )
    return (
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和"
        "《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编制。" + period
    )


def section_text(report: AnnualReport, key: str) -> str:
    return report.sections.get(key, "")
