"""PDF via the text layer (pdfplumber): each printed line becomes a line of text whose cells are
separated by blanks; a table running over several pages is one stream of rows. A PDF without
a text layer (a scan) is read as a report whose tables are unreadable, never as a crash."""

from __future__ import annotations

import io
import logging

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from gongkai.annual.report.parsers.base import Document, Line, ReportUnreadable

MAX_PAGES = 200

for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def parse_pdf(data: bytes, source: str) -> Document:
    lines: list[Line] = []
    images = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            title = None
            info = pdf.metadata or {}
            raw_title = info.get("Title")
            if isinstance(raw_title, str) and raw_title.strip():
                title = raw_title.strip()
            for n, page in enumerate(pdf.pages):
                if n >= MAX_PAGES:
                    break
                images += len(page.images)
                text = page.extract_text(x_tolerance=1.5, y_tolerance=3) or ""
                for raw in text.splitlines():
                    s = raw.strip()
                    if s:
                        lines.append(Line(text=s))
                page.flush_cache()
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError) as exc:
        raise ReportUnreadable(source, f"PDF 损坏或无法解析：{type(exc).__name__}") from exc
    except Exception as exc:  # pdfminer raises many internal types on malformed files
        raise ReportUnreadable(source, f"PDF 无法读取：{type(exc).__name__}") from exc
    doc = Document(lines=lines, source=source, title=title, image_count=images)
    if not lines:
        doc.unreadable_reason = "PDF 没有文本层（可能是扫描件），表格无法读取"
    return doc
