"""Previews for administrators editing templates (sample data marked 样例)."""

from __future__ import annotations

from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel
from gongkai.applications.fees import quote_by_pages
from gongkai.applications.letters.context import (
    LetterInput,
    compose,
)
from gongkai.applications.letters.document import (
    render_docx,
)
from gongkai.applications.letters.issuing import (
    _today,
)
from gongkai.applications.letters.registry import (
    FIELD_LABELS,
    SAMPLE,
    LetterKind,
    letter_kind,
)
from gongkai.applications.letters.templates import (
    TemplateText,
    template_for,
)
from gongkai.applications.models import (
    Application,
)
from gongkai.applications.outcomes import (
    OUTCOMES,
    Channel,
    outcome_by_key,
)
from gongkai.workdays import rules
from gongkai.workdays.calendar import Period, format_long
from gongkai.workdays.selectors import calendar_get


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
