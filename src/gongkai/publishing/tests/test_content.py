"""The 正文 is sanitised when rendered: no script, no event handler, no javascript: link."""

from __future__ import annotations

from gongkai.publishing.content import render_content, sanitize_html
from gongkai.publishing.models import ContentFormat, Publication


def test_scripts_handlers_and_bad_links_are_removed():
    dirty = (
        '<p onclick="steal()">招生<script>alert(1)</script>'
        '<a href="javascript:alert(1)">坏链接</a><a href="https://e.gov.cn">好链接</a>'
        "<img src=x onerror=alert(1)><style>p{}</style></p><table><tr><td colspan=2>表"
    )
    clean = sanitize_html(dirty)
    assert clean == (
        "<p>招生<a>坏链接</a>"
        '<a href="https://e.gov.cn" rel="noopener noreferrer">好链接</a></p>'
        '<table><tr><td colspan="2">表</td></tr></table>'
    )


def test_plain_text_is_escaped_into_paragraphs():
    item = Publication(
        content="第一段 <b>不是标签</b>\n\n第二段", content_format=ContentFormat.TEXT
    )
    assert render_content(item) == "<p>第一段 &lt;b&gt;不是标签&lt;/b&gt;</p><p>第二段</p>"
