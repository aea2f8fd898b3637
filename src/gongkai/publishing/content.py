"""The 正文 of an item as shown: plain text escaped, HTML sanitised against an allow-list.

HTML is stored as entered (or imported) and sanitised each time it is rendered, so a better
allow-list later applies to every item without touching the records. Only the tags and
attributes below survive; links keep http(s) and mailto only; scripts, styles, event
handlers and comments are dropped with their content where they carry code.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

from django.utils.safestring import SafeString, mark_safe

from gongkai.publishing.models import ContentFormat, Publication

_ALLOWED = (
    "p br strong b em i u s sub sup ul ol li h2 h3 h4 h5 blockquote table thead tbody tr th td "
    "caption a span div hr"
)
ALLOWED_TAGS = frozenset(_ALLOWED.split())
VOID_TAGS = frozenset({"br", "hr"})
ALLOWED_ATTRS = {"a": frozenset({"href", "title"}), "td": frozenset({"colspan", "rowspan"})}
ALLOWED_ATTRS["th"] = ALLOWED_ATTRS["td"]
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template"})
SAFE_SCHEMES = ("http://", "https://", "mailto:")


class _Sanitiser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED_WITH_CONTENT:
            self.skipping += 1
            return
        if self.skipping or tag not in ALLOWED_TAGS:
            return
        kept = []
        for name, value in attrs:
            if name not in ALLOWED_ATTRS.get(tag, frozenset()) or value is None:
                continue
            if name == "href" and not value.strip().lower().startswith(SAFE_SCHEMES):
                continue
            kept.append(f' {name}="{escape(value, quote=True)}"')
        if tag == "a" and kept:
            kept.append(' rel="noopener noreferrer"')
        self.out.append(f"<{tag}{''.join(kept)}>")
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED_WITH_CONTENT:
            self.skipping = max(0, self.skipping - 1)
            return
        if self.skipping or tag not in self.open:
            return
        while self.open:
            top = self.open.pop()
            self.out.append(f"</{top}>")
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(escape(data, quote=False))

    def result(self) -> str:
        self.close()
        return "".join(self.out) + "".join(f"</{tag}>" for tag in reversed(self.open))


def sanitize_html(html: str) -> str:
    parser = _Sanitiser()
    parser.feed(html)
    return parser.result()


def render_content(publication: Publication) -> SafeString:
    """The 正文 as safe HTML for a page."""
    if publication.content_format == ContentFormat.HTML:
        return mark_safe(sanitize_html(publication.content))  # noqa: S308 (sanitised above)
    paragraphs = (escape(p) for p in publication.content.splitlines() if p.strip())
    return mark_safe("".join(f"<p>{p}</p>" for p in paragraphs))  # noqa: S308 (escaped)
