"""HTML with real ``rowspan``/``colspan`` tables."""

from __future__ import annotations

from html import escape

from gongkai.annual.report import rows as rt
from gongkai.annual.report.model import AnnualReport
from gongkai.annual.report.render.layout import (
    Grid,
    section_text,
    table2_grid,
    table3_grid,
    table4_grid,
    title,
)


def _table(grid: Grid) -> str:
    parts = ['<table border="1">']
    for row in grid:
        parts.append("<tr>")
        for cell in row:
            tag = "th" if cell.header else "td"
            attrs = ""
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            parts.append(f"<{tag}{attrs}>{escape(cell.text)}</{tag}>")
        parts.append("</tr>")
    parts.append("</table>")
    return "".join(parts)


def render_html(report: AnnualReport) -> str:
    t = escape(title(report))
    out = [
        "<!doctype html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{t}</title></head><body>",
        f"<h1>{t}</h1>",
    ]
    grids = {"2": table2_grid, "3": table3_grid, "4": table4_grid}
    for key, heading in rt.SECTION_HEADINGS.items():
        out.append(f"<h2>{escape(heading)}</h2>")
        for para in section_text(report, key).split("\n"):
            if para.strip():
                out.append(f"<p>{escape(para)}</p>")
        if key in grids:
            out.append(_table(grids[key](report)))
    out.append("</body></html>")
    return "\n".join(out)
