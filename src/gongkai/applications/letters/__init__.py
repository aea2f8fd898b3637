"""Letters to applicants and consulted parties (答复书 / 告知书): regulations.md §4, letters.md.

- :data:`LETTER_KINDS`, the registry: each letter type with its title, the articles it follows
  from, what it needs (an outcome, a consultation, a fee quote) and the text it must show;
- templates: an administrator's :class:`~gongkai.applications.models.LetterTemplate` for the
  body, else the national one, else the default shipped in ``letter_templates/<type>.txt``;
- :func:`render_docx`: a GB/T 9704-2012 page (A4; margins 上37 下35 左28 右26 mm; 仿宋_GB2312
  3号 body, 方正小标宋简体 2号 title, fonts named with fallbacks, never embedded; 文号 line;
  落款 and a date in Arabic numerals; page numbers "— 1 —" outside on odd and even pages);
- :func:`letter_issue`, the service (审核人 or 负责人, audited with the type and the hash), and
  :func:`letter_verify`, which recomputes the hash of an issued letter.

A letter that tells the applicant of a remedy names the body's 行政复议机关
(``agencies.rules.review_body``); when that body is unknown the letter is refused rather than
guessed. The applicant's name and address appear in the letter only, never in file names, logs
or audit data."""

from gongkai.applications.letters.context import (
    LetterInput,
    compose,
    letter_context,
)
from gongkai.applications.letters.document import (
    BODY_FONT,
    BODY_FONT_FALLBACK,
    BODY_SIZE,
    LINE_PITCH,
    MARGINS_MM,
    PAGE_HEIGHT_MM,
    PAGE_NUMBER_FONT,
    PAGE_NUMBER_SIZE,
    PAGE_WIDTH_MM,
    TITLE_FONT,
    TITLE_FONT_FALLBACK,
    TITLE_SIZE,
    render_docx,
)
from gongkai.applications.letters.issuing import (
    AUDIT_ISSUED,
    LetterCheck,
    letter_content,
    letter_issue,
    letter_verify,
    letters_of,
)
from gongkai.applications.letters.preview import (
    letter_preview,
)
from gongkai.applications.letters.registry import (
    DEFAULT_COURT,
    DOCX_CONTENT_TYPE,
    FIELD_LABELS,
    LETTER_KINDS,
    REGULATION,
    SAMPLE,
    SIGNING_ROLES,
    TEMPLATE_DIR,
    VARIABLES,
    LetterKind,
    letter_kind,
)
from gongkai.applications.letters.templates import (
    TemplateText,
    default_template,
    paragraphs_of,
    render_text,
    template_for,
)

__all__ = [
    "AUDIT_ISSUED",
    "BODY_FONT",
    "BODY_FONT_FALLBACK",
    "BODY_SIZE",
    "DEFAULT_COURT",
    "DOCX_CONTENT_TYPE",
    "FIELD_LABELS",
    "LETTER_KINDS",
    "LINE_PITCH",
    "MARGINS_MM",
    "PAGE_HEIGHT_MM",
    "PAGE_NUMBER_FONT",
    "PAGE_NUMBER_SIZE",
    "PAGE_WIDTH_MM",
    "REGULATION",
    "SAMPLE",
    "SIGNING_ROLES",
    "TEMPLATE_DIR",
    "TITLE_FONT",
    "TITLE_FONT_FALLBACK",
    "TITLE_SIZE",
    "VARIABLES",
    "LetterCheck",
    "LetterInput",
    "LetterKind",
    "TemplateText",
    "compose",
    "default_template",
    "letter_content",
    "letter_context",
    "letter_issue",
    "letter_kind",
    "letter_preview",
    "letter_verify",
    "letters_of",
    "paragraphs_of",
    "render_docx",
    "render_text",
    "template_for",
]
