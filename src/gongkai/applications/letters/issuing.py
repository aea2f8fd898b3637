"""Issuing a letter (frozen with its SHA-256) and verifying issued letters."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import roles_of
from gongkai.applications.fees import FeeMethod, FeeQuote
from gongkai.applications.letters.context import (
    LetterInput,
    compose,
)
from gongkai.applications.letters.document import (
    render_docx,
)
from gongkai.applications.letters.registry import (
    FIELD_LABELS,
    SIGNING_ROLES,
    LetterKind,
    letter_kind,
)
from gongkai.applications.letters.templates import (
    template_for,
)
from gongkai.applications.models import (
    Application,
    ConsultedParty,
    Letter,
)
from gongkai.applications.states import Status
from gongkai.audit.models import AuditEvent
from gongkai.audit.services import record
from gongkai.core.errors import NotFoundOrForbidden, PermissionDenied, ValidationFailed
from gongkai.core.types import Actor
from gongkai.workdays import rules
from gongkai.workdays.calendar import format_long, provisional_wording
from gongkai.workdays.selectors import calendar_get, deadline_due

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
    if "reasons" in kind.needs and application.status != Status.AWAITING_REASONS:
        raise ValidationFailed(
            f"申请 {application.number} 未处于“待说明理由”状态（条例第三十五条），"
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
