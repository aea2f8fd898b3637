"""Word documents (.docx) via python-docx: paragraphs and tables in body order, merged cells
repeated in every grid slot they cover."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from gongkai.annual.report.parsers.base import SPANNED, Document, Line, ReportUnreadable


def _table_lines(table: Table) -> list[Line]:
    out: list[Line] = []
    for row in table.rows:
        texts: list[str] = []
        previous = None
        for c in row.cells:
            # python-docx repeats a horizontally merged cell in each grid column it covers.
            texts.append(SPANNED if c._tc is previous else " ".join(c.text.split()))
            previous = c._tc
        cells = tuple(texts)
        if any(cells):
            out.append(Line(text="\t".join(cells), cells=cells, grid=True))
    return out


def parse_docx(data: bytes, source: str) -> Document:
    try:
        document: DocxDocument = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReportUnreadable(source, f"docx 文件损坏或不是 Word 文档：{exc}") from exc
    except Exception as exc:  # python-docx raises assorted lxml/opc errors on corrupt files
        raise ReportUnreadable(source, f"docx 无法读取：{type(exc).__name__}") from exc
    lines: list[Line] = []
    images = 0
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            para = Paragraph(child, document)
            text = para.text.strip()
            if child.findall(".//" + qn("w:drawing")):
                images += 1
            if text:
                lines.append(Line(text=text))
        elif child.tag == qn("w:tbl"):
            lines.extend(_table_lines(Table(child, document)))
    title = document.core_properties.title or None
    doc = Document(lines=lines, source=source, title=title, image_count=images)
    if images and not any(line.cells for line in lines):
        doc.unreadable_reason = "表格以图片形式发布，无法读取数字"
    return doc
