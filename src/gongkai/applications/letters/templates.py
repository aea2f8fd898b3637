"""Letter templates: shipped defaults and administrators' edits, rendered strictly."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.template import Context, Engine, TemplateSyntaxError

from gongkai.agencies.models import Agency
from gongkai.applications.letters.registry import (
    TEMPLATE_DIR,
    letter_kind,
)
from gongkai.applications.models import (
    LetterTemplate,
)
from gongkai.core.errors import ValidationFailed

_ENGINE = Engine(autoescape=False)
_INVALID = "\x00%s\x00"
_STRICT_ENGINE = Engine(autoescape=False, string_if_invalid=_INVALID)


@dataclass(frozen=True)
class TemplateText:
    title: str
    body: str
    source: str  # "default", "national:<id>", "agency:<id>"


def default_template(letter_type: str) -> TemplateText:
    """The shipped wording of ``letter_type`` (``letter_templates/<type>.txt``)."""
    kind = letter_kind(letter_type)
    body = (TEMPLATE_DIR / f"{kind.key}.txt").read_text(encoding="utf-8")
    return TemplateText(kind.title, body, "default")


def template_for(agency: Agency | None, letter_type: str) -> TemplateText:
    """The body's own template, else the national one, else the shipped default."""
    rows = LetterTemplate.objects.filter(letter_type=letter_type)
    own = rows.filter(agency=agency).first() if agency is not None and agency.pk else None
    chosen = own or rows.filter(agency__isnull=True).first()
    if chosen is None:
        return default_template(letter_type)
    scope = "agency" if chosen.agency_id else "national"
    return TemplateText(chosen.title, chosen.body, f"{scope}:{chosen.pk}")


def render_text(body: str, context: Mapping[str, str], *, strict: bool = False) -> str:
    """The template rendered as plain text; ``strict`` refuses unknown variables."""
    engine = _STRICT_ENGINE if strict else _ENGINE
    try:
        text = engine.from_string(body).render(Context(dict(context), autoescape=False))
    except TemplateSyntaxError as exc:
        raise ValidationFailed(f"模板语法错误：{exc}", code="letter_template_invalid") from None
    if strict and "\x00" in text:
        names = sorted({part for i, part in enumerate(text.split("\x00")) if i % 2})
        raise ValidationFailed(
            f"模板使用了不存在的变量：{'、'.join(names)}（可用变量见 docs/letters.md）",
            code="letter_template_invalid",
        )
    return text


def paragraphs_of(text: str) -> list[str]:
    """Non-empty lines: the first is the 主送 (salutation), the others body paragraphs."""
    return [line.strip() for line in text.splitlines() if line.strip()]
