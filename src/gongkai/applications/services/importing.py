"""Import a body's ledger (台账, docs/ledger.md): all or nothing, idempotent, audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.applications.ledger import (
    ANSWERED,
    CONSULTATION_SENT,
    CORRECTION_RECEIVED,
    EXTENSION_NOTICE,
    REASON_BEFORE_RECEIPT,
    RECEIVED,
    LedgerParse,
    LedgerRow,
)
from gongkai.applications.models import Application, Consultation, ConsultedParty
from gongkai.applications.services.common import (
    LAPSE_ROWS,
    local_today,
    staff_check,
    validation_failed,
)
from gongkai.applications.states import (
    Status,
)
from gongkai.audit.services import record
from gongkai.core.errors import (
    DomainError,
    ValidationFailed,
)
from gongkai.core.spreadsheets import Problem
from gongkai.core.types import Actor
from gongkai.workdays import rules
from gongkai.workdays.models import Deadline, DeadlineKind
from gongkai.workdays.selectors import calendar_get
from gongkai.workdays.services import (
    deadline_close,
    deadline_create,
    deadline_extend,
    deadline_pause,
    deadline_restart,
)


@dataclass(frozen=True)
class LedgerImported:
    """What an import did: counts, and the problems of the rows it left out."""

    imported: int
    updated: int
    unchanged: int
    problems: tuple[Problem, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "updated": self.updated,
            "problems": [dict(p) for p in self.problems],
        }


REASON_IN_FUTURE = "{column}晚于今天"
REASON_CORRECTION_ORDER = "补正收到日期早于补正告知日期（{notice}）"
REASON_ANSWER_BEFORE_CORRECTION = "答复日期早于补正收到日期（{received}）"


def _row_problems(row: LedgerRow, today: date) -> list[Problem]:
    """Checks that need more than one row's cells in order; ``ledger.py`` did the rest."""
    problems: list[Problem] = []

    def add(column: str, value: date, reason: str) -> None:
        problems.append(Problem(row=row.row, column=column, value=value.isoformat(), reason=reason))

    for column, value in (
        (RECEIVED, row.received_on),
        (ANSWERED, row.answered_on),
        (CORRECTION_RECEIVED, row.correction_received_on),
    ):
        if value is not None and value > today:
            add(column, value, REASON_IN_FUTURE.format(column=column))
    for column, value in (
        (CONSULTATION_SENT, row.consultation_sent_on),
        (EXTENSION_NOTICE, row.extension_notice_on),
    ):
        if value is not None and value < row.received_on:
            add(
                column,
                value,
                REASON_BEFORE_RECEIPT.format(column=column, received=row.received_on.isoformat()),
            )
    if (
        row.correction_received_on is not None
        and row.correction_notice_on is not None
        and row.correction_received_on < row.correction_notice_on
    ):
        add(
            CORRECTION_RECEIVED,
            row.correction_received_on,
            REASON_CORRECTION_ORDER.format(notice=row.correction_notice_on.isoformat()),
        )
    if (
        row.answered_on is not None
        and row.correction_received_on is not None
        and row.answered_on < row.correction_received_on
    ):
        add(
            ANSWERED,
            row.answered_on,
            REASON_ANSWER_BEFORE_CORRECTION.format(received=row.correction_received_on.isoformat()),
        )
    return problems


def _row_status(row: LedgerRow) -> Status:
    if row.outcome is not None and row.answered_on is not None:
        if row.outcome.key in LAPSE_ROWS:
            return Status.ABANDONED
        return Status.ANSWERED
    if row.consultation_sent_on is not None and row.consultation_ended_on is None:
        return Status.IN_CONSULTATION
    if row.correction_notice_on is not None and row.correction_received_on is None:
        return Status.AWAITING_CORRECTION
    return Status.IN_REVIEW


def _row_values(row: LedgerRow, current: Application | None) -> dict[str, Any]:
    applicant = row.applicant or (current.applicant_name if current is not None else "")
    consultation = (
        (row.consultation_sent_on, row.consultation_ended_on)
        if row.consultation_sent_on is not None
        else None
    )
    return {
        "received_on": row.received_on,
        "channel": row.channel.value,
        "applicant_category": row.applicant_category.value,
        "applicant_name": applicant,
        "request_content": row.request,
        "correction_requested_on": row.correction_notice_on,
        "correction_received_on": row.correction_received_on,
        "consultation": consultation,
        "extended_on": row.extension_notice_on,
        "answered_on": row.answered_on,
        "outcome": row.outcome.key if row.outcome is not None else None,
        "note": row.note,
    }


def _application_values(application: Application) -> dict[str, Any]:
    consultations = list(application.consultations.values_list("sent_on", "ended_on"))
    return {
        "received_on": application.received_on,
        "channel": application.channel,
        "applicant_category": application.applicant_category,
        "applicant_name": application.applicant_name,
        "request_content": application.request_content,
        "correction_requested_on": application.correction_requested_on,
        "correction_received_on": application.correction_received_on,
        "consultation": consultations[-1] if consultations else None,
        "extended_on": application.extended_on,
        "answered_on": application.answered_on,
        "outcome": application.outcome,
        "note": application.note,
    }


def _ledger_deadline(row: LedgerRow) -> Deadline:
    """The answer period of a ledger row, built through ``workdays`` from its dated events."""
    deadline = deadline_create(kind=DeadlineKind.REPLY, start=row.received_on)
    if row.correction_received_on is not None:
        deadline = deadline_restart(deadline=deadline, on=row.correction_received_on)
    sent, ended = row.consultation_sent_on, row.consultation_ended_on
    if sent is not None and (ended is None or ended > sent):
        last = ended or calendar_get().add(sent, rules.THIRD_PARTY_WORKING_DAYS)
        deadline = deadline_pause(deadline=deadline, first=sent + timedelta(days=1), last=last)
    if row.extension_notice_on is not None:
        deadline = deadline_extend(deadline=deadline)
    if row.answered_on is not None:
        deadline = deadline_close(deadline=deadline)
    return deadline


def _save_from_row(
    application: Application, row: LedgerRow, values: dict[str, Any], *, is_demo: bool
) -> None:
    application.received_on = row.received_on
    application.channel = values["channel"]
    application.applicant_category = values["applicant_category"]
    application.applicant_name = values["applicant_name"]
    application.request_content = row.request
    application.correction_requested_on = row.correction_notice_on
    application.correction_received_on = row.correction_received_on
    application.extended = row.extension_notice_on is not None
    application.extended_on = row.extension_notice_on
    application.answered_on = row.answered_on
    application.outcome = values["outcome"]
    application.note = row.note
    application.status = _row_status(row)
    application.is_demo = is_demo
    application.reply_deadline = _ledger_deadline(row)
    try:
        application.full_clean(exclude=["tracking_code"], validate_unique=False)
    except ValidationError as exc:
        raise validation_failed(exc) from None
    application.save()
    application.consultations.all().delete()
    if row.consultation_sent_on is not None:
        Consultation.objects.create(
            application=application,
            party_kind=ConsultedParty.THIRD_PARTY,
            sent_on=row.consultation_sent_on,
            ended_on=row.consultation_ended_on,
        )


def applications_import(
    *,
    actor: Actor,
    agency: Agency,
    ledger: LedgerParse,
    skip_invalid: bool = False,
    is_demo: bool = False,
) -> LedgerImported:
    """Import a body's 台账 (``docs/ledger.md``), all or nothing unless ``skip_invalid``.

    The 申请编号 identifies an application: an unchanged row changes nothing, a changed row
    updates its application (``application.import_updated`` lists the changed field names,
    never their values), a new row creates one (``application.imported``). With any problem
    and without ``skip_invalid`` nothing is written and :class:`ValidationFailed` carries
    every problem in ``data["problems"]``. ``actor`` ``None`` is the command line.
    """
    if actor is not None:
        staff_check(actor, agency, "导入台账")
    today = local_today()
    problems: list[Problem] = list(ledger.problems)
    imported = updated = unchanged = 0
    with transaction.atomic():
        existing = {
            a.number: a
            for a in Application.objects.select_for_update().filter(
                agency=agency, number__in=[r.number for r in ledger.rows]
            )
        }
        for row in ledger.rows:
            row_problems = _row_problems(row, today)
            if row_problems:
                problems.extend(row_problems)
                continue
            current = existing.get(row.number)
            values = _row_values(row, current)
            if current is not None:
                changed = [f for f, v in _application_values(current).items() if values[f] != v]
                if not changed:
                    unchanged += 1
                    continue
            try:
                with transaction.atomic():
                    if current is None:
                        application = Application(agency=agency, number=row.number)
                        _save_from_row(application, row, values, is_demo=is_demo)
                        action, data = "application.imported", {}
                    else:
                        application = current
                        old_deadline = application.reply_deadline
                        application.version += 1
                        _save_from_row(application, row, values, is_demo=current.is_demo)
                        Deadline.objects.filter(pk=old_deadline.pk).delete()
                        action, data = "application.import_updated", {"changed": changed}
                    record(
                        actor=actor,
                        action=action,
                        target=application,
                        data={
                            "agency": agency.name,
                            "number": row.number,
                            "row": row.row,
                            "status": application.status,
                            "outcome": application.outcome,
                            "due": application.reply_deadline.due.isoformat(),
                            **data,
                        },
                    )
            except DomainError as exc:
                problems.append(Problem(row=row.row, column="", value="", reason=exc.message))
                continue
            if current is None:
                imported += 1
            else:
                updated += 1
        result = LedgerImported(imported, updated, unchanged, tuple(problems))
        if problems and not skip_invalid:
            raise ValidationFailed(
                f"台账有{len(problems)}处问题，未导入任何申请；改正后重新导入，"
                "或使用 --skip-invalid 只导入无误的行",
                code="ledger_invalid",
                data=LedgerImported(0, 0, 0, tuple(problems)).as_dict(),
            )
    return result
