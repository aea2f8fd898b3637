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
or audit data.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import docx
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.template import Context, Engine, TemplateSyntaxError
from django.utils import timezone
from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel, Role
from gongkai.agencies.rules import review_body
from gongkai.agencies.selectors import roles_of
from gongkai.applications.fees import FeeMethod, FeeQuote, quote_by_pages, yuan
from gongkai.applications.models import (
    Application,
    ConsultedParty,
    Letter,
    LetterTemplate,
    WorkflowLetter,
)
from gongkai.applications.outcomes import (
    CHANNELS,
    LETTER_TITLES,
    OUTCOMES,
    Channel,
    Outcome,
    ReplyLetter,
    outcome_by_key,
)
from gongkai.applications.remedy import remedy_clause
from gongkai.audit.models import AuditEvent
from gongkai.audit.services import record
from gongkai.core.errors import NotFoundOrForbidden, PermissionDenied, ValidationFailed
from gongkai.workdays import rules
from gongkai.workdays.calendar import Due, Period, format_long, provisional_wording
from gongkai.workdays.selectors import calendar_get, deadline_due

Actor = AbstractBaseUser | AnonymousUser | None

REGULATION = "《中华人民共和国政府信息公开条例》"
#: The court of a choice clause when the caller names none: the usual wording of answers.
DEFAULT_COURT = "有管辖权的人民法院"
#: Roles that sign letters (条例 第四十五条: 审核 before 答复).
SIGNING_ROLES = frozenset({Role.REVIEWER, Role.HEAD})
TEMPLATE_DIR = Path(__file__).resolve().parent / "letter_templates"
SAMPLE = "样例"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# GB/T 9704-2012 《党政机关公文格式》
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297  # 5.2.1 A4
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}  # 5.2.2 天头37 订口28
BODY_FONT, BODY_FONT_FALLBACK = "仿宋_GB2312", "仿宋"  # 6.1 3号仿宋体字
TITLE_FONT, TITLE_FONT_FALLBACK = "方正小标宋简体", "宋体"  # 7.3.1 2号小标宋体字
PAGE_NUMBER_FONT = "宋体"  # 7.5 4号半角宋体阿拉伯数字
BODY_SIZE, TITLE_SIZE, PAGE_NUMBER_SIZE = 16, 22, 14  # points: 3号, 2号, 4号
LINE_PITCH = 28.95  # points: 22 lines on the 225 mm type area (5.2.3)

# --------------------------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------------------------

#: Texts the officer writes at issue, by name (template variables of the same name).
FIELD_LABELS: dict[str, str] = {
    "reason": "理由或说明",
    "provision": "获取信息的方式、途径和时间",
    "responsible_body": "负责公开的机关及其联系方式",
    "correction_items": "需要补正的事项",
    "correction_period": "补正期限",
    "payment_method": "缴纳方式",
    "party": "被征求意见方名称",
    "basis": "答复依据",
}


@dataclass(frozen=True)
class LetterKind:
    """One letter type: title, legal basis, needs, and what its text must show.

    ``needs``: ``outcome`` (a concluded case whose outcome calls for this answer), ``remedy``
    (the 复议机关 must be known), ``consultation`` (a consultation of ``party_kind``), ``fee``
    (a :class:`FeeQuote`), ``extended``/``correction`` (that move already made).
    ``shows``: context variables whose value the rendered text must contain, so that an edited
    template cannot drop the remedy clause or a provisional deadline's wording.
    """

    key: str
    title: str
    basis: str
    needs: frozenset[str] = frozenset()
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    shows: tuple[str, ...] = ()
    party_kind: str = ""
    remedy_outcome: str = ""

    @property
    def fields(self) -> tuple[str, ...]:
        return (*self.required, *self.optional)


_REPLY_SHOWS = ("basis", "remedy")
_REPLY_REQUIRED: dict[ReplyLetter, tuple[str, ...]] = {
    ReplyLetter.PARTIAL: ("reason",),
    ReplyLetter.DENIED: ("reason",),
    ReplyLetter.EXCESSIVE: ("reason",),
    ReplyLetter.OTHER: ("reason",),
}
_REPLY_OPTIONAL: dict[ReplyLetter, tuple[str, ...]] = {
    ReplyLetter.GRANTED: ("provision",),
    ReplyLetter.PARTIAL: ("provision",),
    ReplyLetter.NOT_RESPONSIBLE: ("responsible_body",),
}


def _reply_kind(letter: ReplyLetter) -> LetterKind:
    return LetterKind(
        letter.value,
        LETTER_TITLES[letter],
        "",
        frozenset({"outcome", "remedy"}),
        required=_REPLY_REQUIRED.get(letter, ()),
        optional=(
            *_REPLY_OPTIONAL.get(letter, ()),
            *(() if letter in _REPLY_REQUIRED else ("reason",)),
            "basis",
        ),
        shows=_REPLY_SHOWS,
    )


LETTER_KINDS: dict[str, LetterKind] = {
    kind.key: kind
    for kind in (
        LetterKind(
            WorkflowLetter.RECEIPT,
            WorkflowLetter.RECEIPT.label,
            "第二十九条、第三十一条、第三十三条",
            shows=("due",),
        ),
        LetterKind(
            WorkflowLetter.CORRECTION,
            WorkflowLetter.CORRECTION.label,
            "第三十条",
            frozenset({"correction"}),
            required=("correction_items", "correction_period"),
            shows=("correction_items", "correction_period"),
        ),
        LetterKind(
            WorkflowLetter.EXTENSION,
            WorkflowLetter.EXTENSION.label,
            "第三十三条第二款",
            frozenset({"extended"}),
            optional=("reason",),
            shows=("due",),
        ),
        LetterKind(
            WorkflowLetter.CONSULT_THIRD_PARTY,
            WorkflowLetter.CONSULT_THIRD_PARTY.label,
            "第三十二条",
            frozenset({"consultation"}),
            optional=("party", "reason"),
            shows=("opinion_due",),
            party_kind=ConsultedParty.THIRD_PARTY,
        ),
        LetterKind(
            WorkflowLetter.CONSULT_CO_PRODUCER,
            WorkflowLetter.CONSULT_CO_PRODUCER.label,
            "第三十四条",
            frozenset({"consultation"}),
            optional=("party", "reason"),
            shows=("opinion_due",),
            party_kind=ConsultedParty.CO_PRODUCER,
        ),
        LetterKind(
            WorkflowLetter.THIRD_PARTY_NOTICE,
            WorkflowLetter.THIRD_PARTY_NOTICE.label,
            "第三十二条",
            frozenset({"consultation", "remedy"}),
            required=("reason",),
            optional=("party",),
            shows=("reason", "remedy"),
            party_kind=ConsultedParty.THIRD_PARTY,
            remedy_outcome="granted",
        ),
        LetterKind(
            WorkflowLetter.FEE_NOTICE,
            WorkflowLetter.FEE_NOTICE.label,
            "第四十二条",
            frozenset({"fee"}),
            required=("payment_method",),
            shows=("fee_amount", "payment_method"),
        ),
        *(_reply_kind(letter) for letter in ReplyLetter),
    )
}


def letter_kind(letter_type: str) -> LetterKind:
    try:
        return LETTER_KINDS[letter_type]
    except KeyError:
        known = "、".join(LETTER_KINDS)
        raise ValidationFailed(f"未知的文书类型“{letter_type}”；可选：{known}") from None


#: Every template variable, always present in the context (empty when it does not apply).
VARIABLES: dict[str, str] = {
    "applicant": "申请人姓名或名称（未登记时为“申请人”）",
    "applicant_address": "申请人通信地址",
    "number": "申请编号",
    "received": "收到申请日期（条例第三十一条）",
    "channel": "申请方式",
    "request": "申请公开的政府信息（申请内容摘要）",
    "provision_form": "申请的获取方式",
    "provision_route": "申请的获取途径",
    "outcome": "办理结果（表三的行，如“属于国家秘密”）",
    "outcome_label": "办理结果全称（如“（三）不予公开 1.属于国家秘密”）",
    "basis": "依据（条例条款；答复书为办理结果对应的条款）",
    "due": "答复期限（含暂定期限的说明）",
    "provisional_wording": "期限暂定时须写明的说明，期限确定时为空",
    "opinion_due": "提出意见的期限（征求意见书，含暂定说明）",
    "remedy": "救济途径告知（行政复议法第二十条、第二十三条）",
    "review_body": "行政复议机关",
    "agency": "本机关名称（落款）",
    "office": "政府信息公开工作机构",
    "address": "办公地址",
    "postal_code": "邮政编码",
    "phone": "联系电话",
    "fax": "传真",
    "email": "电子邮箱",
    "website": "网址",
    "office_hours": "办公时间",
    "contacts": "联系方式（以上各项合并为一句）",
    "doc_number": "文号",
    "issued": "成文日期（如2026年3月2日）",
    "fee_method": "收费标准（按件或按量计收）",
    "fee_amount": "收费数额（如1500元）",
    "fee_calculation": "收费计算过程",
    "fee_basis": "收费依据",
    "pay_days": "缴费期限（工作日数）",
    "pay_due": "缴费期限届满日（按通知日期计算，含暂定说明；收费通知已登记时）",
    **{name: label for name, label in FIELD_LABELS.items() if name != "basis"},
}

# --------------------------------------------------------------------------------------------
# Templates
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Context
# --------------------------------------------------------------------------------------------


@dataclass
class LetterInput:
    """Everything a letter is made from; the service and the preview fill it."""

    kind: LetterKind
    application: Application
    agency: Agency
    due: Due | None
    doc_number: str
    issued_on: date
    fields: dict[str, str] = field(default_factory=dict)
    party: str = ""
    opinion_due: str = ""
    fee: FeeQuote | None = None
    court: str = ""
    pay_due: str = ""


def _law(basis: str) -> str:
    return f"{REGULATION}{basis}" if basis else ""


def _contacts(agency: Agency) -> str:
    parts = [
        ("联系机构", agency.office_name),
        ("办公地址", agency.office_address),
        ("邮政编码", agency.postal_code),
        ("联系电话", agency.phone),
        ("传真", agency.fax),
        ("电子邮箱", agency.email),
        ("网址", agency.website),
    ]
    return "；".join(f"{label}：{value}" for label, value in parts if value)


def _outcome_for(kind: LetterKind, application: Application) -> Outcome | None:
    if "outcome" not in kind.needs:
        return outcome_by_key(kind.remedy_outcome) if kind.remedy_outcome else None
    if not application.outcome:
        raise ValidationFailed(
            f"申请 {application.number} 尚未作出办理结果，不能出具“{kind.title}”",
            code="letter_needs_outcome",
        )
    outcome = outcome_by_key(application.outcome)
    if kind.key not in outcome.letters:
        fitting = "、".join(LETTER_TITLES[letter] for letter in outcome.letters)
        raise ValidationFailed(
            f"办理结果“{outcome.wording}”应出具{fitting}，不是“{kind.title}”",
            code="letter_type_mismatch",
        )
    return outcome


def _remedy(
    kind: LetterKind, agency: Agency, outcome: Outcome | None, court: str
) -> tuple[str, str]:
    if "remedy" not in kind.needs or outcome is None:
        return "", ""
    body = review_body(agency)
    if not body.known or body.name is None:
        raise ValidationFailed(
            f"无法确定{agency.name}的行政复议机关（{body.basis}），不能出具含救济途径告知的"
            f"“{kind.title}”；请管理员在机关设置中指定行政复议机关",
            code="review_body_unknown",
        )
    clause = remedy_clause(outcome, review_body=body.name, court=court or DEFAULT_COURT)
    return clause.text, body.name


def letter_context(data: LetterInput) -> dict[str, str]:
    """The template variables of one letter (:data:`VARIABLES`), all strings."""
    kind, application, agency = data.kind, data.application, data.agency
    outcome = _outcome_for(kind, application)
    remedy, review_body_name = _remedy(kind, agency, outcome, data.court)
    given = {name: data.fields.get(name, "").strip() for name in FIELD_LABELS}
    missing = [FIELD_LABELS[name] for name in kind.required if not given[name]]
    if missing:
        raise ValidationFailed(
            f"“{kind.title}”须填写：{'、'.join(missing)}", code="letter_field_missing"
        )
    basis = _law(outcome.basis if "outcome" in kind.needs and outcome else kind.basis)
    if given["basis"]:
        basis = given["basis"]
    if "outcome" in kind.needs and not basis:
        raise ValidationFailed(
            f"办理结果“{outcome.wording if outcome else ''}”在条例中没有对应条款，须填写答复依据",
            code="letter_field_missing",
        )
    fee = data.fee
    if "fee" in kind.needs and (fee is None or fee.method is FeeMethod.NONE):
        raise ValidationFailed("收费通知书须附按件或按量计收的收费计算", code="letter_needs_fee")
    provision = given["provision"] or "、".join(
        v for v in (application.provision_form, application.provision_route) if v
    )
    channel = CHANNELS[Channel(application.channel)].label if application.channel else ""
    context = {
        **given,
        "applicant": application.applicant_name or "申请人",
        "applicant_address": application.applicant_address,
        "number": application.number,
        "received": format_long(application.received_on),
        "channel": channel,
        "request": application.request_content,
        "provision_form": application.provision_form,
        "provision_route": application.provision_route,
        "provision": provision,
        "outcome": outcome.wording if outcome and "outcome" in kind.needs else "",
        "outcome_label": outcome.full_label if outcome and "outcome" in kind.needs else "",
        "basis": basis,
        "due": data.due.letter_date() if data.due else "",
        "provisional_wording": data.due.letter_wording() if data.due else "",
        "opinion_due": data.opinion_due,
        "remedy": remedy,
        "review_body": review_body_name,
        "agency": agency.name,
        "office": agency.office_name,
        "address": agency.office_address,
        "postal_code": agency.postal_code,
        "phone": agency.phone,
        "fax": agency.fax,
        "email": agency.email,
        "website": agency.website,
        "office_hours": agency.office_hours,
        "contacts": _contacts(agency),
        "doc_number": data.doc_number,
        "issued": format_long(data.issued_on),
        "party": data.party,
        "fee_method": fee.method.label if fee else "",
        "fee_amount": yuan(fee.amount) if fee else "",
        "fee_calculation": "；".join(fee.lines) if fee else "",
        "fee_basis": f"{REGULATION}第四十二条、{fee.basis}" if fee else "",
        "pay_days": str(rules.FEE_PAYMENT_WORKING_DAYS) if fee else "",
        "pay_due": data.pay_due if fee else "",
    }
    return {name: context.get(name, "") for name in VARIABLES}


def _check_shows(kind: LetterKind, text: str, context: Mapping[str, str]) -> None:
    flat = "".join(text.split())
    for name in kind.shows:
        value = "".join(context[name].split())
        if value and value not in flat:
            raise ValidationFailed(
                f"“{kind.title}”的模板缺少必需内容：{VARIABLES[name]}（变量 {{{{ {name} }}}}）",
                code="letter_template_incomplete",
            )


def compose(data: LetterInput, template: TemplateText, *, strict: bool = False) -> list[str]:
    """The letter's paragraphs: template rendered, required content checked."""
    context = letter_context(data)
    text = render_text(template.body, context, strict=strict)
    _check_shows(data.kind, text, context)
    paragraphs = paragraphs_of(text)
    if not paragraphs:
        raise ValidationFailed("模板正文为空", code="letter_template_invalid")
    return paragraphs


# --------------------------------------------------------------------------------------------
# GB/T 9704 .docx
# --------------------------------------------------------------------------------------------


def _set_font(run: Any, name: str, size: float) -> None:
    """Name the font for every script of the run (w:eastAsia is what Chinese text uses)."""
    run.font.name = name
    run.font.size = Pt(size)
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


def _declare_fonts(document: Any) -> None:
    """List the Chinese fonts in the font table with their fallback (w:altName); not embedded."""
    part = document.part.part_related_by(RELATIONSHIP_TYPE.FONT_TABLE)
    root = etree.fromstring(part.blob)
    for name, fallback in (
        (BODY_FONT, BODY_FONT_FALLBACK),
        (TITLE_FONT, TITLE_FONT_FALLBACK),
        (BODY_FONT_FALLBACK, ""),
        (PAGE_NUMBER_FONT, ""),
    ):
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        if fallback:
            etree.SubElement(font, qn("w:altName")).set(qn("w:val"), fallback)
        etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86")  # GB2312
        etree.SubElement(font, qn("w:family")).set(qn("w:val"), "modern")
        etree.SubElement(font, qn("w:pitch")).set(qn("w:val"), "fixed")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _paragraph(
    container: Any,
    text: str,
    *,
    font: str = BODY_FONT,
    size: float = BODY_SIZE,
    align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY,
    first_indent: float = 0,
    right_indent: float = 0,
) -> Any:
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PITCH)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(first_indent)
    fmt.right_indent = Pt(right_indent)
    if text:
        _set_font(paragraph.add_run(text), font, size)
    return paragraph


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE) between two em-dash runs: "— 1 —"."""
    for text in ("— ", None, " —"):
        run = paragraph.add_run()
        _set_font(run, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
        if text is not None:
            run.text = text
            continue
        begin, code, separate, shown, end = (
            OxmlElement("w:fldChar"),
            OxmlElement("w:instrText"),
            OxmlElement("w:fldChar"),
            OxmlElement("w:t"),
            OxmlElement("w:fldChar"),
        )
        begin.set(qn("w:fldCharType"), "begin")
        code.set(qn("xml:space"), "preserve")
        code.text = f" {instruction} "
        separate.set(qn("w:fldCharType"), "separate")
        shown.text = "1"
        end.set(qn("w:fldCharType"), "end")
        for element in (begin, code, separate, shown, end):
            run._element.append(element)


def _width(text: str) -> float:
    """Width in 3号 characters: half-width for ASCII (digits of the date)."""
    return sum(0.5 if ord(ch) < 128 else 1 for ch in text)


def render_docx(
    *,
    title: str,
    doc_number: str,
    paragraphs: list[str],
    signer: str,
    issued_on: date,
    sample: bool = False,
) -> bytes:
    """One letter on a GB/T 9704-2012 page; ``sample`` marks it 样例 in the page header."""
    document = docx.Document()
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance, section.footer_distance = Mm(15), Mm(25)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(BODY_SIZE)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    _declare_fonts(document)
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title, signer, signer
    properties.comments = properties.keywords = properties.subject = ""
    properties.created = properties.modified = datetime.combine(issued_on, time(), UTC)
    properties.revision = 1

    body = document._body
    _paragraph(body, title, font=TITLE_FONT, size=TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    if doc_number:
        _paragraph(body, doc_number, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(body, "")
    salutation, *rest = paragraphs
    _paragraph(body, salutation, align=WD_ALIGN_PARAGRAPH.LEFT)
    for text in rest:
        _paragraph(body, text, first_indent=2 * BODY_SIZE)
    _paragraph(body, "")
    # 7.3.5.2: 署名右空二字; 成文日期首字比署名首字右移二字.
    date_text = format_long(issued_on)
    date_indent = max(_width(signer) - _width(date_text), 0)
    _paragraph(body, signer, align=WD_ALIGN_PARAGRAPH.RIGHT, right_indent=2 * BODY_SIZE)
    _paragraph(
        body, date_text, align=WD_ALIGN_PARAGRAPH.RIGHT, right_indent=date_indent * BODY_SIZE
    )

    # 7.5: 单页码居右空一字，双页码居左空一字.
    document.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    odd.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Pt(PAGE_NUMBER_SIZE)
    _field(odd, "PAGE")
    even = section.even_page_footer.paragraphs[0]
    even.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(PAGE_NUMBER_SIZE)
    _field(even, "PAGE")
    if sample:
        for header in (section.header, section.even_page_header):
            mark = header.paragraphs[0]
            mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_font(mark.add_run(f"{SAMPLE} · 仅供预览，不是正式文书"), BODY_FONT, BODY_SIZE)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------
# Issuing and verifying
# --------------------------------------------------------------------------------------------

AUDIT_ISSUED = "letter.issued"


def _today() -> date:
    return timezone.localdate()


def _check_fields(kind: LetterKind, fields: Mapping[str, str]) -> dict[str, str]:
    unknown = sorted(set(fields) - set(kind.fields))
    if unknown:
        allowed = "、".join(kind.fields) or "无"
        raise ValidationFailed(
            f"“{kind.title}”没有这些填写项：{'、'.join(unknown)}；可填写：{allowed}",
            code="letter_field_unknown",
        )
    return {name: str(value) for name, value in fields.items()}


def _consultation_party(
    kind: LetterKind, application: Application, fields: Mapping[str, str]
) -> tuple[str, str]:
    """The consulted party's name and, for a 征求意见书, the day its opinion is due."""
    consultation = (
        application.consultations.filter(party_kind=kind.party_kind)
        .order_by("-sent_on", "-id")
        .first()
    )
    if consultation is None:
        label = ConsultedParty(kind.party_kind).label
        raise ValidationFailed(
            f"申请 {application.number} 没有征求{label}意见的记录，请先办理“征求意见”",
            code="letter_needs_consultation",
        )
    party = fields.get("party", "").strip() or consultation.party
    if not party:
        raise ValidationFailed(
            f"“{kind.title}”须填写{FIELD_LABELS['party']}", code="letter_field_missing"
        )
    if "opinion_due" not in kind.shows:
        return party, ""
    calendar = calendar_get()
    limit = calendar.add(consultation.sent_on, rules.THIRD_PARTY_WORKING_DAYS)
    years = calendar.provisional_years(consultation.sent_on, limit)
    return party, f"{format_long(limit)}{provisional_wording(years)}"


def _check_moves(kind: LetterKind, application: Application) -> None:
    if "extended" in kind.needs and not application.extended:
        raise ValidationFailed(
            f"申请 {application.number} 尚未延长答复期限（须经负责人同意，条例第三十三条第二款），"
            f"不能出具“{kind.title}”",
            code="letter_needs_move",
        )
    if "correction" in kind.needs and application.correction_requested_on is None:
        raise ValidationFailed(
            f"申请 {application.number} 尚未办理一次性告知补正（条例第三十条），"
            f"不能出具“{kind.title}”",
            code="letter_needs_move",
        )


def _recorded_fee(application: Application) -> tuple[FeeQuote | None, str]:
    """The quote and pay-by day of the case's latest 收费通知 (``FeeNotice``), if any."""
    notice = application.fee_notices.order_by("-noticed_on", "-id").first()
    if notice is None:
        return None, ""
    quote = FeeQuote(
        FeeMethod(notice.method),
        notice.amount,
        tuple(line for line in notice.calculation.splitlines() if line.strip()),
        notice.basis,
    )
    return quote, deadline_due(notice.payment_deadline).letter_date()


def _next_doc_number(agency: Agency, year: int) -> str:
    """``〔2026〕7号``: the body's letters of the year, counted (pass a 文号 for a 机关代字)."""
    issued = Letter.objects.filter(application__agency=agency, issued_on__year=year).count()
    return f"〔{year}〕{issued + 1}号"


def letter_issue(
    *,
    actor: Actor,
    application: Application,
    letter_type: str,
    number: str = "",
    on: date | None = None,
    fields: Mapping[str, str] | None = None,
    fee: FeeQuote | None = None,
    court: str = "",
) -> Letter:
    """Issue one letter of ``letter_type`` for ``application``, dated ``on`` (default today).

    Signed by a 审核人 or 负责人 of the body (条例 第四十五条). ``number`` is the 文号 (default
    ``〔year〕N号``); ``fields`` the officer's texts of :data:`FIELD_LABELS` the type takes;
    ``fee`` the quote of a 收费通知书 (default: the case's recorded ``FeeNotice``); ``court``
    the court of a choice clause (default :data:`DEFAULT_COURT`). The file is stored as
    ``letters/<id>-<type>.docx`` and frozen; the audit event ``letter.issued`` carries the
    type, 文号, date and SHA-256, no personal data. Issuing the same type again makes a new
    letter whose ``reissue_of`` is the previous one.
    """
    kind = letter_kind(letter_type)
    given = _check_fields(kind, fields or {})
    issued_on = on or _today()
    if issued_on > _today():
        raise ValidationFailed(f"成文日期 {issued_on.isoformat()} 晚于今天")
    with transaction.atomic():
        try:
            locked = Application.objects.select_for_update().get(pk=application.pk)
        except Application.DoesNotExist:
            raise NotFoundOrForbidden("申请不存在") from None
        agency = locked.agency
        roles = roles_of(actor, agency) if actor is not None else frozenset()
        if not roles:
            raise NotFoundOrForbidden("申请不存在")
        if not roles & SIGNING_ROLES:
            raise PermissionDenied(
                "出具文书须由本机关的审核人或负责人签发（条例第四十五条）",
                data={"letter_type": kind.key, "roles": sorted(roles)},
            )
        if issued_on < locked.received_on:
            raise ValidationFailed(
                f"成文日期 {issued_on.isoformat()} 早于收到申请日期"
                f" {locked.received_on.isoformat()}"
            )
        _check_moves(kind, locked)
        party, opinion_due = (
            _consultation_party(kind, locked, given) if "consultation" in kind.needs else ("", "")
        )
        due = deadline_due(locked.reply_deadline)
        pay_due = ""
        if "fee" in kind.needs and fee is None:
            fee, pay_due = _recorded_fee(locked)
        doc_number = number.strip() or _next_doc_number(agency, issued_on.year)
        data = LetterInput(
            kind,
            locked,
            agency,
            due,
            doc_number,
            issued_on,
            given,
            party,
            opinion_due,
            fee,
            court,
            pay_due,
        )
        template = template_for(agency, kind.key)
        title = template.title.strip() or kind.title
        content = render_docx(
            title=title,
            doc_number=doc_number,
            paragraphs=compose(data, template),
            signer=agency.name,
            issued_on=issued_on,
        )
        digest = hashlib.sha256(content).hexdigest()
        previous = (
            Letter.objects.filter(application=locked, letter_type=kind.key).order_by("-id").first()
        )
        signer_id = actor.pk if actor is not None and actor.is_authenticated else None
        letter = Letter.objects.create(
            application=locked,
            letter_type=kind.key,
            number=doc_number,
            title=title,
            issued_on=issued_on,
            sha256=digest,
            issued_by_id=signer_id,
            reissue_of=previous,
        )
        letter.file.save(f"{letter.pk}-{kind.key}.docx", ContentFile(content), save=True)
        record(
            actor=actor,
            action=AUDIT_ISSUED,
            target=letter,
            data={
                "application": locked.number,
                "letter_type": kind.key,
                "doc_number": doc_number,
                "issued_on": issued_on.isoformat(),
                "sha256": digest,
                "file": letter.file.name,
                "template": template.source,
                "provisional_due": bool(due.provisional and "due" in kind.shows),
                "reissue_of": previous.pk if previous else None,
                "roles": sorted(roles),
            },
        )
    return letter


@dataclass(frozen=True)
class LetterCheck:
    """The result of :func:`letter_verify`: ``ok`` when file, row and audit log agree."""

    letter_id: int
    ok: bool
    stored: str
    actual: str
    audited: str
    problems: tuple[str, ...]


def letter_content(letter: Letter) -> bytes:
    """The issued file's bytes; :class:`NotFoundOrForbidden` when the file is gone."""
    if not letter.file:
        raise NotFoundOrForbidden(f"文书 {letter.pk} 没有文件")
    try:
        with letter.file.open("rb") as handle:
            return bytes(handle.read())
    except FileNotFoundError:
        raise NotFoundOrForbidden(f"文书 {letter.pk} 的文件不存在") from None


def letter_verify(letter: Letter) -> LetterCheck:
    """Recompute the SHA-256 of an issued letter and compare it with the row and the audit log."""
    problems: list[str] = []
    try:
        actual = hashlib.sha256(letter_content(letter)).hexdigest()
    except NotFoundOrForbidden as exc:
        actual = ""
        problems.append(exc.message)
    if actual and actual != letter.sha256:
        problems.append("文件与出具时不一致（SHA-256 不符），文件已被改动")
    event = (
        AuditEvent.objects.filter(
            action=AUDIT_ISSUED, target_type=Letter._meta.label_lower, target_id=str(letter.pk)
        )
        .order_by("id")
        .first()
    )
    audited = str(event.data.get("sha256", "")) if event is not None else ""
    if event is None:
        problems.append("操作日志中没有出具记录")
    elif audited != letter.sha256:
        problems.append("登记的 SHA-256 与操作日志不符，登记已被改动")
    return LetterCheck(letter.pk, not problems, letter.sha256, actual, audited, tuple(problems))


def letters_of(application: Application) -> list[Letter]:
    return list(application.letters.order_by("issued_on", "id"))


# --------------------------------------------------------------------------------------------
# Preview (administrators editing templates)
# --------------------------------------------------------------------------------------------


def _sample_agency() -> Agency:
    government = Agency(
        name=f"{SAMPLE}县人民政府", kind=AgencyKind.GOVERNMENT, level=AgencyLevel.COUNTY
    )
    return Agency(
        name=f"{SAMPLE}县教育体育局",
        kind=AgencyKind.DEPARTMENT,
        level=AgencyLevel.COUNTY,
        parent=government,
        office_name=f"{SAMPLE}县教育体育局办公室",
        office_address=f"{SAMPLE}县{SAMPLE}路1号",
        postal_code="000000",
        phone="0000-0000000",
    )


def _sample_outcome(kind: LetterKind) -> str | None:
    if "outcome" not in kind.needs:
        return None
    return next(o.key for o in OUTCOMES if kind.key in o.letters)


def letter_preview(
    *,
    letter_type: str,
    agency: Agency | None = None,
    title: str | None = None,
    body: str | None = None,
) -> bytes:
    """The letter rendered against a sample application marked 样例 (never a real case).

    ``agency`` gives the real body's name, contacts and 复议机关; ``title``/``body`` the
    wording being edited (default: the template that would be used). Unknown variables,
    syntax errors and missing required content raise :class:`ValidationFailed`.
    """
    kind = letter_kind(letter_type)
    body_agency = agency or _sample_agency()
    chosen = template_for(agency, kind.key)
    template = TemplateText(
        title if title is not None else chosen.title,
        body if body is not None else chosen.body,
        "preview",
    )
    today = _today()
    application = Application(
        agency=body_agency,
        number=f"{SAMPLE}-{today.year}-0001",
        channel=Channel.IN_PERSON,
        applicant_category="natural_person",
        received_on=today,
        applicant_name=f"{SAMPLE}申请人",
        applicant_address=f"{SAMPLE}地址",
        request_content=f"（{SAMPLE}）{today.year - 1}年度县城中小学食堂食品安全检查记录",
        provision_form="电子数据",
        provision_route="电子邮件",
        outcome=_sample_outcome(kind),
        extended=True,
        correction_requested_on=today,
    )
    due = calendar_get().due(Period(start=today, days=rules.REPLY_WORKING_DAYS))
    fields = {name: f"（{SAMPLE}）{FIELD_LABELS[name]}" for name in kind.fields if name != "basis"}
    outcome = outcome_by_key(application.outcome) if application.outcome else None
    if outcome is not None and not outcome.basis:
        fields["basis"] = f"（{SAMPLE}）{FIELD_LABELS['basis']}"
    opinion = calendar_get().add(today, rules.THIRD_PARTY_WORKING_DAYS)
    data = LetterInput(
        kind,
        application,
        body_agency,
        due,
        f"{SAMPLE}〔{today.year}〕1号",
        today,
        fields,
        party=f"{SAMPLE}第三方单位",
        opinion_due=format_long(opinion),
        fee=quote_by_pages(150) if "fee" in kind.needs else None,
    )
    return render_docx(
        title=template.title.strip() or kind.title,
        doc_number=data.doc_number,
        paragraphs=compose(data, template, strict=True),
        signer=body_agency.name,
        issued_on=today,
        sample=True,
    )
