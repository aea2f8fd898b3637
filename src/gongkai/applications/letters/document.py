"""The .docx in the GB/T 9704 layout (fonts named, not embedded)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time
from typing import Any

import docx
from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from gongkai.applications.letters.registry import SAMPLE
from gongkai.workdays.calendar import format_long

# GB/T 9704-2012 《党政机关公文格式》
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297  # 5.2.1 A4
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}  # 5.2.2 天头37 订口28
BODY_FONT, BODY_FONT_FALLBACK = "仿宋_GB2312", "仿宋"  # 6.1 3号仿宋体字
TITLE_FONT, TITLE_FONT_FALLBACK = "方正小标宋简体", "宋体"  # 7.3.1 2号小标宋体字
PAGE_NUMBER_FONT = "宋体"  # 7.5 4号半角宋体阿拉伯数字
BODY_SIZE, TITLE_SIZE, PAGE_NUMBER_SIZE = 16, 22, 14  # points: 3号, 2号, 4号
LINE_PITCH = 28.95  # points: 22 lines on the 225 mm type area (5.2.3)


def _set_font(run: Any, name: str, size: float) -> None:
    """Name the font for every script of the run (w:eastAsia is what Chinese text uses)."""
    run.font.name = name
    run.font.size = Pt(size)
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


def _declare_fonts(document: Any) -> None:
    """List the Chinese fonts in the font table with their fallback (w:altName); not embedded."""
    part = document.part.part_related_by(RELATIONSHIP_TYPE.FONT_TABLE)
    root = etree.fromstring(part.blob)
    for name, fallback in (
        (BODY_FONT, BODY_FONT_FALLBACK),
        (TITLE_FONT, TITLE_FONT_FALLBACK),
        (BODY_FONT_FALLBACK, ""),
        (PAGE_NUMBER_FONT, ""),
    ):
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        if fallback:
            etree.SubElement(font, qn("w:altName")).set(qn("w:val"), fallback)
        etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86")  # GB2312
        etree.SubElement(font, qn("w:family")).set(qn("w:val"), "modern")
        etree.SubElement(font, qn("w:pitch")).set(qn("w:val"), "fixed")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _paragraph(
    container: Any,
    text: str,
    *,
    font: str = BODY_FONT,
    size: float = BODY_SIZE,
    align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY,
    first_indent: float = 0,
    right_indent: float = 0,
) -> Any:
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PITCH)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(first_indent)
    fmt.right_indent = Pt(right_indent)
    if text:
        _set_font(paragraph.add_run(text), font, size)
    return paragraph


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE) between two em-dash runs: "— 1 —"."""
    for text in ("— ", None, " —"):
        run = paragraph.add_run()
        _set_font(run, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
        if text is not None:
            run.text = text
            continue
        begin, code, separate, shown, end = (
            OxmlElement("w:fldChar"),
            OxmlElement("w:instrText"),
            OxmlElement("w:fldChar"),
            OxmlElement("w:t"),
            OxmlElement("w:fldChar"),
        )
        begin.set(qn("w:fldCharType"), "begin")
        code.set(qn("xml:space"), "preserve")
        code.text = f" {instruction} "
        separate.set(qn("w:fldCharType"), "separate")
        shown.text = "1"
        end.set(qn("w:fldCharType"), "end")
        for element in (begin, code, separate, shown, end):
            run._element.append(element)


def _width(text: str) -> float:
    """Width in 3号 characters: half-width for ASCII (digits of the date)."""
    return sum(0.5 if ord(ch) < 128 else 1 for ch in text)


def render_docx(
    *,
    title: str,
    doc_number: str,
    paragraphs: list[str],
    signer: str,
    issued_on: date,
    sample: bool = False,
) -> bytes:
    """One letter on a GB/T 9704-2012 page; ``sample`` marks it 样例 in the page header."""
    document = docx.Document()
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance, section.footer_distance = Mm(15), Mm(25)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(BODY_SIZE)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    _declare_fonts(document)
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title, signer, signer
    properties.comments = properties.keywords = properties.subject = ""
    properties.created = properties.modified = datetime.combine(issued_on, time(), UTC)
    properties.revision = 1

    body = document._body
    _paragraph(body, title, font=TITLE_FONT, size=TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    if doc_number:
        _paragraph(body, doc_number, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(body, "")
    salutation, *rest = paragraphs
    _paragraph(body, salutation, align=WD_ALIGN_PARAGRAPH.LEFT)
    for text in rest:
        _paragraph(body, text, first_indent=2 * BODY_SIZE)
    _paragraph(body, "")
    # 7.3.5.2: 署名右空二字; 成文日期首字比署名首字右移二字.
    date_text = format_long(issued_on)
    date_indent = max(_width(signer) - _width(date_text), 0)
    _paragraph(body, signer, align=WD_ALIGN_PARAGRAPH.RIGHT, right_indent=2 * BODY_SIZE)
    _paragraph(
        body, date_text, align=WD_ALIGN_PARAGRAPH.RIGHT, right_indent=date_indent * BODY_SIZE
    )

    # 7.5: 单页码居右空一字，双页码居左空一字.
    document.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    odd.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Pt(PAGE_NUMBER_SIZE)
    _field(odd, "PAGE")
    even = section.even_page_footer.paragraphs[0]
    even.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(PAGE_NUMBER_SIZE)
    _field(even, "PAGE")
    if sample:
        for header in (section.header, section.even_page_header):
            mark = header.paragraphs[0]
            mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_font(mark.add_run(f"{SAMPLE} · 仅供预览，不是正式文书"), BODY_FONT, BODY_SIZE)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
