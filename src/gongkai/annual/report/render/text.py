"""Flattened text: headings, paragraphs and tab-separated table rows (as web pages copy out)."""

from __future__ import annotations

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


def _grid_text(grid: Grid) -> list[str]:
    out: list[str] = []
    for row in grid:
        slots: list[str] = []
        for cell in row:
            while len(slots) < cell.col:
                slots.append("")
            slots.append(cell.text)
            slots.extend([""] * (cell.colspan - 1))
        out.append("\t".join(slots))
    return out


def render_text(report: AnnualReport) -> str:
    lines = [title(report), ""]
    grids = {"2": table2_grid, "3": table3_grid, "4": table4_grid}
    for key, heading in rt.SECTION_HEADINGS.items():
        lines.append(heading)
        body = section_text(report, key)
        if body:
            lines.append(body)
        if key in grids:
            lines.extend(_grid_text(grids[key](report)))
        lines.append("")
    return "\n".join(lines)
