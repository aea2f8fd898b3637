"""Renderers of the report model, driven by the rows table and the grids of ``layout``.

``render_text``, ``render_html`` and ``render_docx`` are the plain forms the property tests use;
``render_official_docx`` (GB/T 9704), ``render_official_html`` (accessible portal page),
``render_pdf`` and ``render_xlsx`` are the forms a body publishes. :func:`render` picks one by name.
"""

from __future__ import annotations

from gongkai.annual.report.model import AnnualReport
from gongkai.annual.report.render.docx import render_docx
from gongkai.annual.report.render.html import render_html
from gongkai.annual.report.render.official_docx import render_official_docx
from gongkai.annual.report.render.official_html import render_official_html
from gongkai.annual.report.render.text import render_text
from gongkai.annual.report.render.xlsx import render_xlsx, render_xlsx_consolidated

RENDER_FORMATS: tuple[str, ...] = ("docx", "pdf", "html", "xlsx", "json", "text")
MEDIA_TYPES: dict[str, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "text": "text/plain; charset=utf-8",
}


def render(report: AnnualReport, fmt: str) -> bytes:
    """The report in one of :data:`RENDER_FORMATS`, as the bytes of a file."""
    if fmt == "docx":
        return render_official_docx(report)
    if fmt == "pdf":
        # reportlab is loaded only when a PDF is asked for, as the PDF parser loads pdfplumber.
        from gongkai.annual.report.render.pdf import render_pdf

        return render_pdf(report)
    if fmt == "html":
        return render_official_html(report).encode("utf-8")
    if fmt == "xlsx":
        return render_xlsx(report)
    if fmt == "json":
        return (report.dumps() + "\n").encode("utf-8")
    if fmt == "text":
        return render_text(report).encode("utf-8")
    raise ValueError(f"未知的输出格式 {fmt!r}，应为 {'、'.join(RENDER_FORMATS)} 之一")


__all__ = [
    "MEDIA_TYPES",
    "RENDER_FORMATS",
    "render",
    "render_docx",
    "render_html",
    "render_official_docx",
    "render_official_html",
    "render_text",
    "render_xlsx",
    "render_xlsx_consolidated",
]
