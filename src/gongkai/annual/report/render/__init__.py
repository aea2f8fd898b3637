"""Renderers of the report model (text, HTML, docx), driven by the rows table."""

from gongkai.annual.report.render.docx import render_docx
from gongkai.annual.report.render.html import render_html
from gongkai.annual.report.render.text import render_text

__all__ = ["render_docx", "render_html", "render_text"]
