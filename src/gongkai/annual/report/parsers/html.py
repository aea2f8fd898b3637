"""HTML pages (saved web pages, Word-exported HTML): text in document order, tables as grids
with ``rowspan``/``colspan`` expanded; a table given as images only is reported unreadable."""

from __future__ import annotations

import re

from lxml import etree

from gongkai.annual.report.parsers.base import SPANNED, Document, Line, ReportUnreadable
from gongkai.annual.report.parsers.text import decode

_BLOCK = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "dt",
        "dd",
        "dl",
        "form",
        "center",
        "hr",
        "caption",
        "tr",
        "main",
        "nav",
        "aside",
        "figure",
        "figcaption",
        "address",
    }
)
_SKIP = frozenset({"script", "style", "noscript", "head", "template", "iframe", "object", "svg"})
_WS = re.compile(r"[ \t\r\n\f\v\u00a0\u3000]+")
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
_META_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def _decode_html(data: bytes, source: str) -> str:
    m = _META_CHARSET.search(data[:4096])
    if m:
        enc = m.group(1).decode("ascii", "replace").lower()
        if enc in ("gbk", "gb2312", "gb18030", "x-gbk"):
            return data.decode("gb18030", errors="replace")
    return decode(data, source)


def _cell_text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _rows(table: etree._Element) -> list[etree._Element]:
    out: list[etree._Element] = []
    for child in table:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "tr":
            out.append(child)
        elif tag in ("tbody", "thead", "tfoot"):
            out.extend(c for c in child if c.tag == "tr")
    return out


def table_grid(table: etree._Element) -> list[list[str]]:
    """The table as a rectangular grid: a cell spanning rows repeats its text in every row it
    covers; the extra columns of a cell spanning columns hold :data:`SPANNED`."""
    rows = _rows(table)
    grid: list[list[str | None]] = [[] for _ in rows]
    for r, tr in enumerate(rows):
        c = 0
        current = grid[r]
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            text = _cell_text(td)
            attrib = td.attrib
            rs = _span(attrib.get("rowspan")) if "rowspan" in attrib else 1
            cs = _span(attrib.get("colspan")) if "colspan" in attrib else 1
            while c < len(current) and current[c] is not None:
                c += 1
            for dr in range(min(rs, len(rows) - r)):
                row = grid[r + dr]
                if len(row) < c + cs:
                    row.extend([None] * (c + cs - len(row)))
                row[c] = text
                for dc in range(1, cs):
                    row[c + dc] = SPANNED
            c += cs
    return [[x or "" for x in row] for row in grid]


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip() or "1"), 200))
    except ValueError:
        return 1


class _Walker:
    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.buf: list[str] = []
        self.images = 0

    def flush(self) -> None:
        text = _WS.sub(" ", "".join(self.buf)).strip()
        if text:
            self.lines.append(Line(text=text))
        self.buf = []

    def walk(self, el: etree._Element) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _SKIP or not tag:
            if el.tail:
                self.buf.append(el.tail)
            return
        if tag == "img":
            self.images += 1
        if tag == "table" and next(el.iterdescendants("table"), None) is None:
            self.flush()
            for row in table_grid(el):
                if any(cell for cell in row):
                    self.lines.append(Line(text="\t".join(row), cells=tuple(row), grid=True))
            if next(el.iterdescendants("img"), None) is not None:
                self.images += 1
        else:
            block = tag in _BLOCK or tag in ("table", "td", "th", "tbody")
            if block:
                self.flush()
            if el.text:
                self.buf.append(el.text)
            for child in el:
                self.walk(child)
            if block:
                self.flush()
        if el.tail:
            self.buf.append(el.tail)


def parse_html(data: bytes, source: str) -> Document:
    text = _decode_html(data, source)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        # The plain HTML parser: lxml.html's element classes cost a lookup per element.
        root = etree.fromstring(text, _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ReportUnreadable(source, f"HTML 无法解析：{exc}") from exc
    if root is None:
        raise ReportUnreadable(source, "HTML 无内容")
    title_el = root.find(".//title")
    title = _cell_text(title_el) if title_el is not None else None
    body = root.find("body")
    walker = _Walker()
    walker.walk(body if body is not None else root)
    walker.flush()
    doc = Document(lines=walker.lines, source=source, title=title, image_count=walker.images)
    if walker.images and not any(line.cells for line in walker.lines):
        doc.unreadable_reason = "表格以图片形式发布，无法读取数字"
    return doc
