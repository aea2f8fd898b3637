"""Flattened web text, Markdown and crawler dumps: tab-separated or pipe-separated table rows."""

from __future__ import annotations

import codecs
import re

from gongkai.annual.report.parsers.base import Document, Line, ReportUnreadable

_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")


def decode(data: bytes, source: str) -> str:
    """Bytes to text: BOM, UTF-8, then GB18030 (a superset of GBK and GB2312)."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    if b"\x00" in data[:4096]:
        raise ReportUnreadable(source, "二进制文件，不是文本、HTML、docx 或 PDF")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") > max(16, len(text) // 20):
        raise ReportUnreadable(source, "无法识别文本编码（既不是 UTF-8 也不是 GB18030）")
    return text


def lines_from_text(text: str) -> list[Line]:
    out: list[Line] = []
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        stripped = line.strip()
        if not stripped:
            continue
        if "\t" in line:
            out.append(Line(text=line, cells=tuple(c.strip() for c in line.split("\t"))))
        elif stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            if _MD_SEPARATOR.match(stripped):
                continue
            inner = stripped[1:-1]
            out.append(Line(text=line, cells=tuple(c.strip() for c in inner.split("|"))))
        else:
            out.append(Line(text=stripped))
    return out


def parse_text(data: bytes, source: str) -> Document:
    text = decode(data, source)
    if not text.strip():
        raise ReportUnreadable(source, "文件为空")
    return Document(lines=lines_from_text(text), source=source)
