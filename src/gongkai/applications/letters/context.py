"""What a letter says: the context built from the case, its body and the law."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from gongkai.agencies.models import Agency
from gongkai.agencies.rules import review_body
from gongkai.applications.fees import FeeMethod, FeeQuote, yuan
from gongkai.applications.letters.registry import (
    DEFAULT_COURT,
    FIELD_LABELS,
    REGULATION,
    VARIABLES,
    LetterKind,
)
from gongkai.applications.letters.templates import (
    TemplateText,
    paragraphs_of,
    render_text,
)
from gongkai.applications.models import (
    Application,
)
from gongkai.applications.outcomes import (
    CHANNELS,
    LETTER_TITLES,
    Channel,
    Outcome,
    outcome_by_key,
)
from gongkai.applications.remedy import remedy_clause
from gongkai.core.errors import ValidationFailed
from gongkai.workdays import rules
from gongkai.workdays.calendar import Due, format_long


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
