"""The report as a Word document in the layout of 党政机关公文格式 (GB/T 9704-2012).

A4 with the standard margins, the title in 小标宋 2号, body text in 仿宋_GB2312 3号 on a fixed
28 pt line, first-level headings in 黑体 and second-level ones in 楷体, page numbers as
"— 1 —" (odd pages right, even pages left), and 表二, 表三, 表四 drawn from the same grids as
every other renderer, with the merged header cells of the national format.

Fonts are named, not embedded: a government desktop has the 方正/GB2312 fonts, and the font
table names a standard Windows font (仿宋, 楷体, 宋体) as the substitute where they are missing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import docx
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell

from gongkai.annual.report import rows as rt
from gongkai.annual.report.model import AnnualReport
from gongkai.annual.report.render.layout import (
    MARGINS_MM,
    MINOR_HEADING_RE,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    SUBHEADING_RE,
    TABLE_COLUMNS_MM,
    TEXT_WIDTH_MM,
    Grid,
    preamble,
    section_text,
    table2_grid,
    table3_grid,
    table4_grid,
    title,
    title_lines,
)

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
# Where a named font is missing, Word and WPS use the font table's alternative name.
FONT_SUBSTITUTES: dict[str, str] = {
    TITLE_FONT: "宋体",
    BODY_FONT: "仿宋",
    HEADING2_FONT: "楷体",
}

SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
SIZE_5 = Pt(10.5)  # 五号
SIZE_SMALL_5 = Pt(9)  # 小五
LINE_PITCH = Pt(28)

CELL_MARGIN_TWIPS = 45  # 0.8 mm
ROW_HEIGHT = Mm(5.5)
TABLE_FONT_SIZE = {"2": SIZE_5, "3": SIZE_SMALL_5, "4": SIZE_SMALL_5}


@dataclass(frozen=True)
class RunStyle:
    font: str
    size: Pt
    bold: bool = False


BODY = RunStyle(BODY_FONT, SIZE_3)


def _set_fonts(run: Any, style: RunStyle) -> None:
    run.font.size = style.size
    run.font.bold = style.bold
    run.font.name = LATIN_FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), style.font)
    fonts.set(qn("w:hint"), "eastAsia")


def _paragraph_format(paragraph: Any, *, indent: bool = True, exact: bool = True) -> None:
    pf = paragraph.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    if exact:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = LINE_PITCH
    else:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if indent:
        # 首行缩进二字: in characters, so it follows the font size.
        pf.first_line_indent = Pt(32)
        ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:firstLineChars"), "200")


def _add_paragraph(
    document: Any,
    text: str,
    style: RunStyle,
    *,
    align: Any = None,
    indent: bool = True,
    keep_with_next: bool = False,
) -> Any:
    paragraph = document.add_paragraph()
    _paragraph_format(paragraph, indent=indent)
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.keep_with_next = keep_with_next
    _set_fonts(paragraph.add_run(text), style)
    return paragraph


def _body_paragraph(document: Any, text: str) -> None:
    if SUBHEADING_RE.match(text):
        _add_paragraph(document, text, RunStyle(HEADING2_FONT, SIZE_3), keep_with_next=True)
    elif MINOR_HEADING_RE.match(text):
        _add_paragraph(document, text, RunStyle(BODY_FONT, SIZE_3, bold=True), keep_with_next=True)
    else:
        _add_paragraph(document, text, BODY)


def _page_setup(document: Any) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    # The page number sits 7 mm below the type area (GB/T 9704 §7.5).
    section.footer_distance = Mm(MARGINS_MM["bottom"] - 7 - 5)
    section.header_distance = Mm(15)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(paragraph: Any, align: Any) -> None:
    """ "— 7 —" in 4号 宋体, one character in from the outer edge (GB/T 9704 §7.5)."""
    paragraph.alignment = align
    pf = paragraph.paragraph_format
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        pf.right_indent = SIZE_4
    else:
        pf.left_indent = SIZE_4
    style = RunStyle(PAGE_NUMBER_FONT, SIZE_4)
    _set_fonts(paragraph.add_run("— "), style)
    run = paragraph.add_run()
    _set_fonts(run, style)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1")):
        if kind is not None:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)
    _set_fonts(paragraph.add_run(" —"), style)


def _line_break() -> Any:
    """A ``w:r`` holding one ``w:br``: a line break inside the title paragraph."""
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:br"))
    return run


def _font_table(document: Any) -> None:
    """Name the substitute of each official font in word/fontTable.xml (``w:altName``)."""
    for rel in document.part.rels.values():
        if not rel.reltype.endswith("/fontTable"):
            continue
        part = rel.target_part
        root = parse_xml(part.blob)
        for name, alt in FONT_SUBSTITUTES.items():
            font = OxmlElement("w:font")
            font.set(qn("w:name"), name)
            alt_el = OxmlElement("w:altName")
            alt_el.set(qn("w:val"), alt)
            font.append(alt_el)
            charset = OxmlElement("w:charset")
            charset.set(qn("w:val"), "86")  # GB2312
            font.append(charset)
            root.append(font)
        # The font table is a plain part in python-docx: its bytes are replaced whole.
        part._blob = serialize_part_xml(root)
        return


def _header_rows(grid: Grid) -> int:
    count = 0
    for row in grid:
        if not row or not all(c.header for c in row):
            break
        count += 1
    return count


def _table_properties(table: Any, caption: str) -> None:
    """Narrow cell margins (three characters fit a 12 mm column) and the caption that screen
    readers announce (``w:tblCaption``)."""
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")
    caption_el = OxmlElement("w:tblCaption")
    caption_el.set(qn("w:val"), caption)
    tbl_pr.insert_element_before(caption_el, "w:tblDescription")


def add_table(
    document: Any,
    grid: Grid,
    widths_mm: Sequence[float],
    size: Pt,
    caption: str,
    *,
    repeat_header: bool,
) -> Any:
    """Draw one grid as a Word table with merged cells (``w:gridSpan``/``w:vMerge``).

    Every row is kept with the next, so a table that fits on a page is never split; a longer
    one repeats its header rows when ``repeat_header`` (表二's header rows belong to one
    block only and are never repeated).
    """
    ncols = len(widths_mm)
    table = document.add_table(rows=len(grid), cols=ncols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    table.style = "Table Grid"  # single rules round every cell
    _table_properties(table, caption)
    # The cells are taken once, before merging: python-docx's table.cell() walks the whole
    # table on every call, which made a 表三 take most of a second.
    tcs = [list(tr.tc_lst) for tr in table._tbl.tr_lst]
    for i, width in enumerate(widths_mm):
        table.columns[i].width = Mm(width)
        for row_tcs in tcs:
            row_tcs[i].width = Mm(width)
    repeat = _header_rows(grid) if repeat_header else 0
    for r, row in enumerate(table.rows):
        row.height = ROW_HEIGHT
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.insert(0, OxmlElement("w:cantSplit"))  # before w:trHeight, as the schema orders
        if r < repeat:
            tr_pr.append(OxmlElement("w:tblHeader"))
    for r, grid_row in enumerate(grid):
        for spec in grid_row:
            tc = tcs[r][spec.col]
            if spec.rowspan > 1 or spec.colspan > 1:
                tc = tc.merge(tcs[r + spec.rowspan - 1][spec.col + spec.colspan - 1])
            cell = _Cell(tc, table)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            _paragraph_format(paragraph, indent=False, exact=False)
            paragraph.paragraph_format.keep_with_next = r + spec.rowspan < len(grid)
            label = not spec.header and not spec.value
            paragraph.alignment = (
                WD_ALIGN_PARAGRAPH.LEFT
                if label and spec.colspan < 3 and spec.rowspan == 1
                else WD_ALIGN_PARAGRAPH.CENTER
            )
            font = HEADING1_FONT if spec.header and spec.text != rt.TABLE3_NOTE else BODY_FONT
            _set_fonts(paragraph.add_run(spec.text), RunStyle(font, size))
    return table


def render_official_docx(report: AnnualReport) -> bytes:
    """The report as an official .docx (GB/T 9704 layout), every number from the model."""
    document = docx.Document()
    heading = title(report)
    document.core_properties.title = heading
    document.core_properties.subject = "政府信息公开工作年度报告"
    document.core_properties.language = "zh-CN"
    _page_setup(document)
    _font_table(document)
    normal = document.styles["Normal"]
    normal.font.size = SIZE_3
    normal.font.name = LATIN_FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    title_paragraph = document.add_paragraph()
    _paragraph_format(title_paragraph, indent=False)
    title_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, line in enumerate(title_lines(report, TEXT_WIDTH_MM / SIZE_2.mm)):
        run = title_paragraph.add_run(line)
        _set_fonts(run, RunStyle(TITLE_FONT, SIZE_2))
        if i:
            run._r.addprevious(_line_break())
    title_paragraph.paragraph_format.line_spacing = Pt(35)
    title_paragraph.paragraph_format.space_after = LINE_PITCH
    _add_paragraph(document, preamble(report), BODY)
    grids = {"2": table2_grid, "3": table3_grid, "4": table4_grid}
    for key, text in rt.SECTION_HEADINGS.items():
        _add_paragraph(document, text, RunStyle(HEADING1_FONT, SIZE_3), keep_with_next=True)
        for line in section_text(report, key).split("\n"):
            if line.strip():
                _body_paragraph(document, line.strip())
        if key in grids:
            add_table(
                document,
                grids[key](report),
                TABLE_COLUMNS_MM[key],
                TABLE_FONT_SIZE[key],
                caption=text.split("、", 1)[1],
                repeat_header=key != "2",
            )
            # A blank line after a table keeps the next heading off its bottom rule.
            _add_paragraph(document, "", BODY, indent=False)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
