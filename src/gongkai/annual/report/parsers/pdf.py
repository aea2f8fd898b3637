"""PDF through its text layer: each printed line becomes a line of text whose cells are separated
by blanks, and a table running over several pages is one stream of rows.

The text layer is read with PDFium (``pypdfium2``, which pdfplumber itself depends on): it is an
order of magnitude faster than pdfminer's layout analysis and keeps table cells apart. When PDFium
cannot open a file or finds no text, pdfplumber (pdfminer) gets a second try. A PDF without a text
layer (a scan) is read as a report whose tables are unreadable, never as a crash.
"""

from __future__ import annotations

import io
import logging

import pdfplumber
import pypdfium2 as pdfium

from gongkai.annual.report.parsers.base import Document, Line, ReportUnreadable

MAX_PAGES = 200

for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def _pdfium_lines(data: bytes) -> tuple[list[str], int, str | None]:
    lines: list[str] = []
    images = 0
    doc = pdfium.PdfDocument(data)
    try:
        title = doc.get_metadata_value("Title") or None
        for n in range(min(len(doc), MAX_PAGES)):
            page = doc[n]
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_bounded()
                finally:
                    textpage.close()
                images += sum(1 for obj in page.get_objects() if obj.type == 3)
            finally:
                page.close()
            lines.extend(s.strip() for s in text.splitlines() if s.strip())
    finally:
        doc.close()
    return lines, images, title


def _pdfplumber_lines(data: bytes) -> tuple[list[str], int, str | None]:
    lines: list[str] = []
    images = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        raw_title = (pdf.metadata or {}).get("Title")
        title = raw_title.strip() if isinstance(raw_title, str) and raw_title.strip() else None
        for n, page in enumerate(pdf.pages):
            if n >= MAX_PAGES:
                break
            images += len(page.images)
            text = page.extract_text(x_tolerance=1.5, y_tolerance=3) or ""
            lines.extend(s.strip() for s in text.splitlines() if s.strip())
            page.flush_cache()
    return lines, images, title


def parse_pdf(data: bytes, source: str, *, careful: bool = False) -> Document:
    """The PDF's text lines; ``careful`` uses pdfminer's layout analysis, which separates
    closely set table cells that PDFium runs together (slower, used as a second pass)."""
    lines: list[str] = []
    images, title = 0, None
    if not careful:
        try:
            lines, images, title = _pdfium_lines(data)
        except Exception:  # PDFium refuses some damaged files that pdfminer still reads
            lines, images, title = [], 0, None
    if not lines:
        try:
            lines, more_images, title = _pdfplumber_lines(data)
            images = max(images, more_images)
        except Exception as exc:  # pdfminer raises many internal types on malformed files
            raise ReportUnreadable(source, f"PDF 损坏或无法解析：{type(exc).__name__}") from exc
    doc = Document(
        lines=[Line(text=s) for s in lines], source=source, title=title, image_count=images
    )
    if not lines:
        doc.unreadable_reason = "PDF 没有文本层（可能是扫描件），表格无法读取"
    return doc
