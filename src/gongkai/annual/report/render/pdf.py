"""The report as PDF (reportlab), in the same GB/T 9704 layout as the official .docx.

Chinese text is drawn with TrueType fonts embedded as subsets, so the PDF looks the same in every
viewer, on a machine without any Chinese font, and keeps a text layer the auditor reads back
(see ``docs/decisions/0002-report-rendering.md``). reportlab embeds TrueType outlines only, not
the CFF outlines of Noto CJK / Source Han; the fonts are looked up by file name, preferring the
official faces when a desktop has them (仿宋, 黑体, 楷体, 小标宋) and otherwise the free
TrueType faces packaged by Debian: AR PL UMing (明体, ``fonts-arphic-uming``, required),
AR PL UKai (楷体, ``fonts-arphic-ukai``) and WenQuanYi Zen Hei (黑体, ``fonts-wqy-zenhei``).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from gongkai.annual.report import rows as rt
from gongkai.annual.report.model import AnnualReport
from gongkai.annual.report.render.layout import (
    MARGINS_MM,
    MINOR_HEADING_RE,
    SUBHEADING_RE,
    TABLE_COLUMNS_MM,
    Grid,
    preamble,
    section_text,
    table2_grid,
    table3_grid,
    table4_grid,
    title,
)

FONT_DIRS_ENV = "GONGKAI_FONT_DIRS"
DEFAULT_FONT_DIRS: tuple[str, ...] = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "C:/Windows/Fonts",
)
# Font files by role, best first: (file name, face index in a collection). Lower case.
FONT_CANDIDATES: dict[str, tuple[tuple[str, int], ...]] = {
    "body": (
        ("仿宋_gb2312.ttf", 0),
        ("fs_gb2312.ttf", 0),
        ("simfang.ttf", 0),
        ("uming.ttc", 0),
    ),
    "title": (
        ("fzxbsjw.ttf", 0),
        ("方正小标宋简体.ttf", 0),
        ("simsun.ttc", 0),
        ("uming.ttc", 0),
    ),
    "heading": (("simhei.ttf", 0), ("wqy-zenhei.ttc", 0)),
    "kai": (
        ("楷体_gb2312.ttf", 0),
        ("kt_gb2312.ttf", 0),
        ("simkai.ttf", 0),
        ("ukai.ttc", 0),
    ),
}
REQUIRED_PACKAGE = "fonts-arphic-uming"
OPTIONAL_PACKAGES = ("fonts-arphic-ukai", "fonts-wqy-zenhei")

LINE_PITCH = 28
TABLE_FONT_SIZE = {"2": 10.5, "3": 9.0, "4": 9.0}
GRIDS: dict[str, Callable[[AnnualReport], Grid]] = {
    "2": table2_grid,
    "3": table3_grid,
    "4": table4_grid,
}


class CjkFontMissing(RuntimeError):
    """No TrueType font with Chinese glyphs was found: the PDF cannot be drawn."""


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int = 0


@dataclass(frozen=True)
class Fonts:
    """reportlab font names registered for each role."""

    body: str
    title: str
    heading: str
    kai: str


def _search_dirs(extra: Iterable[str | Path] = ()) -> list[Path]:
    dirs = [Path(d).expanduser() for d in extra]
    env = os.environ.get(FONT_DIRS_ENV, "")
    dirs.extend(Path(d).expanduser() for d in env.split(os.pathsep) if d)
    dirs.extend(Path(d).expanduser() for d in DEFAULT_FONT_DIRS)
    return [d for d in dirs if d.is_dir()]


@lru_cache(maxsize=8)
def _index_fonts(dirs: tuple[Path, ...]) -> dict[str, Path]:
    """Lower-case file name → first path found, over the font directories in order."""
    found: dict[str, Path] = {}
    wanted = {name for candidates in FONT_CANDIDATES.values() for name, _ in candidates}
    for d in dirs:
        for root, _subdirs, files in os.walk(d):
            for name in files:
                low = name.lower()
                if low in wanted and low not in found:
                    found[low] = Path(root) / name
    return found


def find_fonts(dirs: Sequence[str | Path] = ()) -> dict[str, FontFile]:
    """The font file for each role (body, title, heading, kai); a missing role uses the body's.

    Raises :class:`CjkFontMissing`, naming the Debian package to install, when no body font
    exists.
    """
    index = _index_fonts(tuple(_search_dirs(dirs)))
    chosen: dict[str, FontFile] = {}
    for role, candidates in FONT_CANDIDATES.items():
        for name, face in candidates:
            if name in index:
                chosen[role] = FontFile(index[name], face)
                break
    if "body" not in chosen:
        raise CjkFontMissing(
            f"生成 PDF 需要中文 TrueType 字体：请安装 Debian 软件包 {REQUIRED_PACKAGE}"
            f"（楷体、黑体另需 {' 和 '.join(OPTIONAL_PACKAGES)}），"
            f"或在环境变量 {FONT_DIRS_ENV} 中给出存放 simfang.ttf 等字体的目录"
        )
    for role in FONT_CANDIDATES:
        chosen.setdefault(role, chosen["body"])
    return chosen


def register_fonts(dirs: Sequence[str | Path] = ()) -> Fonts:
    names: dict[str, str] = {}
    for role, font in find_fonts(dirs).items():
        name = f"gongkai-{font.path.stem}-{font.index}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(font.path), subfontIndex=font.index))
        names[role] = name
    return Fonts(**names)


def _styles(fonts: Fonts) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body",
        fontName=fonts.body,
        fontSize=16,
        leading=LINE_PITCH,
        firstLineIndent=32,
        alignment=TA_JUSTIFY,
        wordWrap="CJK",
    )
    return {
        "body": body,
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=fonts.title,
            fontSize=22,
            leading=35,
            firstLineIndent=0,
            alignment=TA_CENTER,
            spaceAfter=28,
        ),
        "h1": ParagraphStyle("h1", parent=body, fontName=fonts.heading),
        "h2": ParagraphStyle("h2", parent=body, fontName=fonts.kai),
        "h3": ParagraphStyle("h3", parent=body),
    }


def _title_markup(heading: str, agency: str, style: ParagraphStyle) -> str:
    """The title, broken after the agency's name when it does not fit on one line."""
    width = (A4[0] - (MARGINS_MM["left"] + MARGINS_MM["right"]) * mm) - 2 * style.fontSize
    if (
        agency
        and heading.startswith(agency)
        and pdfmetrics.stringWidth(heading, style.fontName, style.fontSize) > width
    ):
        return f"{escape(agency)}<br/>{escape(heading[len(agency) :])}"
    return escape(heading)


def _cell_style(fonts: Fonts, size: float, *, bold: bool, align: int) -> ParagraphStyle:
    return ParagraphStyle(
        f"cell-{size}-{bold}-{align}",
        fontName=fonts.heading if bold else fonts.body,
        fontSize=size,
        leading=size * 1.3,
        alignment=align,
        wordWrap="CJK",
    )


def _table(grid: Grid, key: str, fonts: Fonts) -> Table:
    widths = [w * mm for w in TABLE_COLUMNS_MM[key]]
    size = TABLE_FONT_SIZE[key]
    data: list[list[Any]] = [["" for _ in widths] for _ in grid]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    header_rows = 0
    for row in grid:
        if not row or not all(c.header for c in row):
            break
        header_rows += 1
    for r, row in enumerate(grid):
        for cell in row:
            label = not cell.header and not cell.value
            align = TA_LEFT if label and cell.colspan < 3 and cell.rowspan == 1 else TA_CENTER
            bold = cell.header and cell.text != rt.TABLE3_NOTE
            style = _cell_style(fonts, size, bold=bold, align=align)
            data[r][cell.col] = Paragraph(escape(cell.text), style)
            if cell.rowspan > 1 or cell.colspan > 1:
                end = (cell.col + cell.colspan - 1, r + cell.rowspan - 1)
                commands.append(("SPAN", (cell.col, r), end))
    return Table(
        data,
        colWidths=widths,
        style=TableStyle(commands),
        # 表二's header rows belong to its first block: never repeated on a new page.
        repeatRows=header_rows if key != "2" else 0,
        hAlign="CENTER",
    )


def _page_number(fonts: Fonts) -> Callable[[Any, Any], None]:
    """ "— 7 —" in 4号, 7 mm below the type area; odd pages right, even pages left."""

    def draw(canvas: Any, doc: Any) -> None:
        number = f"— {canvas.getPageNumber()} —"
        canvas.saveState()
        canvas.setFont(fonts.title, 14)
        y = MARGINS_MM["bottom"] * mm - 7 * mm - 14
        if canvas.getPageNumber() % 2:
            canvas.drawRightString(A4[0] - MARGINS_MM["right"] * mm - 14, y, number)
        else:
            canvas.drawString(MARGINS_MM["left"] * mm + 14, y, number)
        canvas.restoreState()

    return draw


def render_pdf(report: AnnualReport, *, font_dirs: Sequence[str | Path] = ()) -> bytes:
    """The report as an A4 PDF with embedded Chinese fonts; see :func:`find_fonts`."""
    fonts = register_fonts(font_dirs)
    styles = _styles(fonts)
    heading = title(report)
    story: list[Any] = [
        Paragraph(_title_markup(heading, report.agency, styles["title"]), styles["title"]),
        Paragraph(escape(preamble(report)), styles["body"]),
    ]
    for key, text in rt.SECTION_HEADINGS.items():
        # A heading never ends a page: it needs room for itself and three lines after it.
        story.append(CondPageBreak(4 * LINE_PITCH))
        story.append(Paragraph(escape(text), styles["h1"]))
        for raw in section_text(report, key).split("\n"):
            line = raw.strip()
            if not line:
                continue
            if SUBHEADING_RE.match(line):
                kind = "h2"
            elif MINOR_HEADING_RE.match(line):
                kind = "h3"
            else:
                kind = "body"
            if kind != "body":
                story.append(CondPageBreak(3 * LINE_PITCH))
            story.append(Paragraph(escape(line), styles[kind]))
        if key in GRIDS:
            # The line before a table (often the heading itself) moves with it to a new page.
            lead = story.pop()
            table = _table(GRIDS[key](report), key, fonts)
            story.append(KeepTogether([lead, Spacer(1, 6), table]))
            story.append(Spacer(1, 14))
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        topMargin=MARGINS_MM["top"] * mm,
        bottomMargin=MARGINS_MM["bottom"] * mm,
        leftMargin=MARGINS_MM["left"] * mm,
        rightMargin=MARGINS_MM["right"] * mm,
        title=heading,
        author=report.agency,
        subject="政府信息公开工作年度报告",
        creator="gongkai",
        invariant=1,
    )
    frame = Frame(
        doc.leftMargin, doc.bottomMargin, doc.width, doc.height, 0, 0, 0, 0, id="type-area"
    )
    # Drawn when a page is complete, so the number follows the page's text in the text layer
    # and never falls between the rows of a table.
    template = PageTemplate("page", frames=[frame], onPageEnd=_page_number(fonts))
    doc.addPageTemplates([template])
    doc.build(story)
    return buf.getvalue()
