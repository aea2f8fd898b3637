"""Word (.docx) with merged cells, via python-docx."""

from __future__ import annotations

import io

import docx

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


def _add_table(document: docx.document.Document, grid: Grid) -> None:
    ncols = max(c.col + c.colspan for row in grid for c in row)
    table = document.add_table(rows=len(grid), cols=ncols)
    table.style = "Table Grid"
    for r, row in enumerate(grid):
        for cell in row:
            top_left = table.cell(r, cell.col)
            if cell.rowspan > 1 or cell.colspan > 1:
                bottom_right = table.cell(r + cell.rowspan - 1, cell.col + cell.colspan - 1)
                top_left = top_left.merge(bottom_right)
            top_left.text = cell.text


def render_docx(report: AnnualReport) -> bytes:
    document = docx.Document()
    document.core_properties.title = title(report)
    document.add_heading(title(report), level=1)
    grids = {"2": table2_grid, "3": table3_grid, "4": table4_grid}
    for key, heading in rt.SECTION_HEADINGS.items():
        document.add_heading(heading, level=2)
        for para in section_text(report, key).split("\n"):
            if para.strip():
                document.add_paragraph(para)
        if key in grids:
            _add_table(document, grids[key](report))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
