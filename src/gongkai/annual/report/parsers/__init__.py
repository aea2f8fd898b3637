"""Readers of published annual reports: text, HTML, docx and PDF, all into one model."""

from __future__ import annotations

from pathlib import Path

from gongkai.annual.report.model import AnnualReport, ReportDataError
from gongkai.annual.report.parsers.base import Document, ReportUnreadable
from gongkai.annual.report.parsers.docx import parse_docx
from gongkai.annual.report.parsers.html import parse_html
from gongkai.annual.report.parsers.interpret import interpret
from gongkai.annual.report.parsers.text import parse_text

MAX_BYTES = 64 * 1024 * 1024

__all__ = ["MAX_BYTES", "ReportUnreadable", "detect_kind", "parse_bytes", "read_report"]


def detect_kind(data: bytes, name: str) -> str:
    """``pdf``, ``docx``, ``html``, ``json`` or ``text``, from the content first, then the name."""
    head = data[:2048].lstrip()
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    low = head.lower()
    if (
        low.startswith((b"<!doctype html", b"<html", b"<?xml"))
        or b"<table" in data[:200000].lower()
    ):
        return "html"
    if head.startswith(b"{") and name.lower().endswith(".json"):
        return "json"
    suffix = Path(name).suffix.lower()
    return {
        ".pdf": "pdf",
        ".docx": "docx",
        ".html": "html",
        ".htm": "html",
        ".shtml": "html",
        ".json": "json",
    }.get(suffix, "text")


def parse_document(data: bytes, source: str) -> Document:
    kind = detect_kind(data, source)
    if kind == "pdf":
        # pdfplumber takes a noticeable time to import; only PDF inputs pay for it.
        from gongkai.annual.report.parsers.pdf import parse_pdf

        return parse_pdf(data, source)
    if kind == "docx":
        return parse_docx(data, source)
    if kind == "html":
        return parse_html(data, source)
    return parse_text(data, source)


def parse_bytes(
    data: bytes, source: str, *, agency: str | None = None, year: int | None = None
) -> AnnualReport:
    """Read one report (any supported kind) into the model, with structural findings only."""
    if len(data) > MAX_BYTES:
        raise ReportUnreadable(source, f"文件超过 {MAX_BYTES // (1024 * 1024)} MB，未读取")
    if not data.strip():
        raise ReportUnreadable(source, "文件为空")
    if detect_kind(data, source) == "json":
        try:
            return AnnualReport.loads(data.decode("utf-8"))
        except (ReportDataError, UnicodeDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ReportUnreadable(source, f"JSON 不符合 gongkai.annual-report/1：{exc}") from exc
    doc = parse_document(data, source)
    report = interpret(doc, agency=agency, year=year)
    if detect_kind(data, source) == "pdf" and _unreadable(report):
        # PDFium runs closely set cells together; pdfminer's layout analysis keeps them apart.
        from gongkai.annual.report.parsers.pdf import parse_pdf

        second = interpret(parse_pdf(data, source, careful=True), agency=agency, year=year)
        if _unreadable(second) < _unreadable(report):
            return second
    return report


def _unreadable(report: AnnualReport) -> int:
    return sum(
        f.message.count("、") + 1 for f in report.findings if f.rule == "structure.table_unreadable"
    )


def read_report(
    path: str | Path, *, agency: str | None = None, year: int | None = None
) -> AnnualReport:
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise ReportUnreadable(str(path), f"无法打开：{exc.strerror or exc}") from exc
    if size > MAX_BYTES:
        raise ReportUnreadable(str(path), f"文件超过 {MAX_BYTES // (1024 * 1024)} MB，未读取")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ReportUnreadable(str(path), f"无法读取：{exc.strerror or exc}") from exc
    return parse_bytes(data, str(path), agency=agency, year=year)
