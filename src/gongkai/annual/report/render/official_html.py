"""The report as one self-contained, accessible HTML page for the portal.

No external asset: the style sheet is inline and prints on A4. Each of the six parts is a
``<section>`` named by its heading; each table has a ``<caption>``, and every number cell lists
in ``headers`` the ids of all the header cells that describe it, so that a screen reader names
merged headers such as 申请人情况 › 法人或其他组织 › 商业企业 and the row's
三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密. All text is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from gongkai.annual.report import rows as rt
from gongkai.annual.report.model import AnnualReport
from gongkai.annual.report.render.layout import (
    SUBHEADING_RE,
    Cell,
    Grid,
    preamble,
    section_text,
    table2_grid,
    table3_grid,
    table4_grid,
    title,
)

TABLE_CAPTIONS: dict[str, str] = {
    key: re.sub(r"^[一二三四五六]、", "", rt.SECTION_HEADINGS[key]) for key in ("2", "3", "4")
}
TABLE_IDS: dict[str, str] = {"2": "t2", "3": "t3", "4": "t4"}
GRIDS: dict[str, Callable[[AnnualReport], Grid]] = {
    "2": table2_grid,
    "3": table3_grid,
    "4": table4_grid,
}

STYLE = """
html{font-family:"FangSong_GB2312","仿宋_GB2312",FangSong,"仿宋",STFangsong,serif;
font-size:16px;line-height:1.75;color:#000;background:#fff}
body{max-width:50em;margin:0 auto;padding:1.5em}
h1{font-family:"FZXiaoBiaoSong-B05S","方正小标宋简体","STZhongsong","SimSun",serif;
font-size:1.6em;font-weight:normal;text-align:center;line-height:1.4;margin:1em 0}
h2{font-family:"SimHei","黑体","Heiti SC",sans-serif;font-size:1.1em;font-weight:normal;
margin:1em 0 .25em}
p{text-indent:2em;margin:0}
p.sub{font-family:"KaiTi_GB2312","楷体_GB2312",KaiTi,"楷体",STKaiti,serif}
table{border-collapse:collapse;margin:.75em auto;font-size:.8em;line-height:1.4}
caption{font-family:"SimHei","黑体",sans-serif;padding:.25em}
th,td{border:1px solid #000;padding:.2em .35em;text-align:center;vertical-align:middle}
th{font-weight:normal}
th[scope=row]{text-align:left}
td{min-width:2.2em}
@page{size:A4;margin:37mm 26mm 35mm 28mm}
@media print{html{font-size:12pt}body{max-width:none;padding:0}
table{page-break-inside:auto}tr{page-break-inside:avoid}thead{display:table-header-group}}
"""


def _cover(grid: Grid) -> dict[tuple[int, int], tuple[int, Cell]]:
    """Every grid slot → (row where its cell starts, the cell)."""
    slots: dict[tuple[int, int], tuple[int, Cell]] = {}
    for r, row in enumerate(grid):
        for cell in row:
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    slots[(r + dr, cell.col + dc)] = (r, cell)
    return slots


def _header_rows(grid: Grid) -> int:
    count = 0
    for row in grid:
        if not row or not all(c.header for c in row):
            break
        count += 1
    return count


def _bands(grid: Grid) -> list[tuple[int, int]]:
    """(first, last) row of each run of column-header rows."""
    bands: list[tuple[int, int]] = []
    start: int | None = None
    for r, row in enumerate(grid):
        if row and all(c.header for c in row):
            start = r if start is None else start
        elif start is not None:
            bands.append((start, r - 1))
            start = None
    return bands


def _cell_id(prefix: str, r: int, cell: Cell) -> str:
    return f"{prefix}-r{r}c{cell.col}"


def _scope(cell: Cell) -> str:
    if cell.header:
        return "colgroup" if cell.colspan > 1 else "col"
    return "rowgroup" if cell.rowspan > 1 else "row"


def table_html(grid: Grid, table_id: str, caption: str) -> str:
    """One grid as a ``<table>`` with ``rowspan``/``colspan``, ``scope`` and ``headers``."""
    slots = _cover(grid)
    bands = _bands(grid)
    head_rows = _header_rows(grid)
    parts = [f'<table id="{escape(table_id)}">', f"<caption>{escape(caption)}</caption>"]
    for r, row in enumerate(grid):
        if r == 0 and head_rows:
            parts.append("<thead>")
        if r == head_rows:
            parts.append("<tbody>")
        parts.append("<tr>")
        band = next((b for b in reversed(bands) if b[1] < r), None)
        for cell in row:
            attrs = ""
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            text = escape(cell.text)
            if not cell.value:
                ident = escape(_cell_id(table_id, r, cell))
                parts.append(f'<th id="{ident}" scope="{_scope(cell)}"{attrs}>{text}</th>')
                continue
            headers = _headers_of(slots, r, cell, band, table_id)
            if headers:
                attrs += f' headers="{escape(" ".join(headers))}"'
            parts.append(f"<td{attrs}>{text}</td>")
        parts.append("</tr>")
        if r == head_rows - 1:
            parts.append("</thead>")
    if head_rows < len(grid):
        parts.append("</tbody>")
    parts.append("</table>")
    return "".join(parts)


def _headers_of(
    slots: dict[tuple[int, int], tuple[int, Cell]],
    r: int,
    cell: Cell,
    band: tuple[int, int] | None,
    table_id: str,
) -> list[str]:
    ids: list[str] = []
    seen: set[int] = set()

    def add(start: int, found: Cell) -> None:
        if id(found) not in seen:
            seen.add(id(found))
            ids.append(_cell_id(table_id, start, found))

    if band is not None:
        for hr in range(band[0], band[1] + 1):
            hit = slots.get((hr, cell.col))
            # The top-left note of 表三 covers the label columns, never a number column.
            if hit is not None and hit[1].header:
                add(*hit)
    for c in range(cell.col):
        hit = slots.get((r, c))
        if hit is not None and not hit[1].value:
            add(*hit)
    return ids


def _paragraph(text: str) -> str:
    cls = ' class="sub"' if SUBHEADING_RE.match(text) else ""
    return f"<p{cls}>{escape(text)}</p>"


def render_official_html(report: AnnualReport) -> str:
    """A complete HTML5 document (``lang="zh-Hans"``) with the six parts and three tables."""
    heading = escape(title(report))
    out = [
        "<!doctype html>",
        '<html lang="zh-Hans">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{heading}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        '<main><article aria-labelledby="report-title">',
        f'<header><h1 id="report-title">{heading}</h1></header>',
        _paragraph(preamble(report)),
    ]
    for key, text in rt.SECTION_HEADINGS.items():
        out.append(f'<section aria-labelledby="part-{key}">')
        out.append(f'<h2 id="part-{key}">{escape(text)}</h2>')
        for line in section_text(report, key).split("\n"):
            if line.strip():
                out.append(_paragraph(line.strip()))
        if key in GRIDS:
            out.append(table_html(GRIDS[key](report), TABLE_IDS[key], TABLE_CAPTIONS[key]))
        out.append("</section>")
    out.extend(["</article></main>", "</body>", "</html>", ""])
    return "\n".join(out)
