"""Writes of 复议 and 诉讼 cases: validated, permission-checked, audited.

``actor`` is the user acting; ``None`` stands for the operator at the server's command line.
Every other caller passes ``request.user``, who must be staff of the body
(``agencies.selectors.STAFF_ROLES``, checked by ``agencies.selectors.staff_require``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, cast

from django.core.files import File
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import staff_require
from gongkai.appeals import rules
from gongkai.appeals.models import (
    ROLES_BY_KIND,
    AppealCase,
    AppealDocument,
    BodyRole,
    CaseKind,
    LitigationRoute,
    Procedure,
    Result,
    ResultMapping,
    Table4Column,
)
from gongkai.appeals.selectors import result_columns
from gongkai.audit.services import record
from gongkai.core.errors import Conflict, IllegalTransition, PermissionDenied, ValidationFailed
from gongkai.core.types import Actor
from gongkai.workdays.calendar import WorkingCalendar
from gongkai.workdays.selectors import calendar_get

#: Roles that answer the case (a deciding 复议机关 does not).
ANSWERING_ROLES = frozenset(
    {BodyRole.RESPONDENT, BodyRole.DEFENDANT, BodyRole.REVIEW_BODY_CO_DEFENDANT}
)


@dataclass(frozen=True)
class AnswerDue:
    due: date
    provisional: bool
    basis: str


def _choice(value: str, choices: type[models.TextChoices], label: str) -> str:
    if value not in choices.values:
        options = "、".join(f"{c.label}({c.value})" for c in choices)
        raise ValidationFailed(f"未知的{label}“{value}”，可选：{options}", code="invalid_choice")
    return value


def _not_future(day: date | None, label: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationFailed(f"{label} {day.isoformat()} 晚于今天", code="future_date")


def _not_before(day: date | None, filed_on: date, label: str) -> None:
    if day is not None and day < filed_on:
        raise ValidationFailed(
            f"{label} {day.isoformat()} 早于申请/起诉日期 {filed_on.isoformat()}",
            code="before_filing",
        )


# -- deadlines ----------------------------------------------------------------------------------


def answer_due(
    *,
    kind: str,
    procedure: str,
    copy_received_on: date,
    calendar: WorkingCalendar | None = None,
) -> AnswerDue:
    """The day the 答复 (复议) or 答辩状 (诉讼) is due, counted from receipt of the copy.

    * 复议, 普通程序: 10 working days (行政复议法 第四十八条, 第八十八条第二款);
    * 复议, 简易程序: 5 working days (行政复议法 第五十三条, 第五十四条, 第八十八条第二款);
    * 诉讼: 15 calendar days (行政诉讼法 第六十七条), moved to the next working day when the
      15th falls on a day off (第一百零一条 → 民事诉讼法 第八十五条).

    The receipt day itself is never counted (民事诉讼法 第八十五条).
    """
    cal = calendar or calendar_get()
    if kind == CaseKind.REVIEW:
        simplified = procedure == Procedure.SIMPLIFIED
        days = (
            rules.REVIEW_SIMPLIFIED_ANSWER_WORKING_DAYS
            if simplified
            else rules.REVIEW_ANSWER_WORKING_DAYS
        )
        due = cal.add(copy_received_on, days)
        article = "第五十四条" if simplified else "第四十八条"
        basis = f"行政复议法{article}、第八十八条第二款：{days}个工作日"
    elif rules.LITIGATION_ANSWER_IN_WORKING_DAYS:
        days = rules.LITIGATION_ANSWER_DAYS
        due = cal.add(copy_received_on, days)
        basis = f"行政诉讼法第六十七条：{days}个工作日（本部署口径）"
    else:
        days = rules.LITIGATION_ANSWER_DAYS
        due = copy_received_on + timedelta(days=days)
        while not cal.is_workday(due):
            due += timedelta(days=1)
        basis = f"行政诉讼法第六十七条：{days}日，届满日为休息日的顺延（民事诉讼法第八十五条）"
    return AnswerDue(
        due=due, provisional=bool(cal.provisional_years(copy_received_on, due)), basis=basis
    )


def answer_due_apply(case: AppealCase, calendar: WorkingCalendar | None = None) -> None:
    if case.copy_received_on is None or case.role not in ANSWERING_ROLES:
        case.answer_due, case.answer_due_provisional = None, False
        return
    due = answer_due(
        kind=case.kind,
        procedure=case.procedure,
        copy_received_on=case.copy_received_on,
        calendar=calendar,
    )
    case.answer_due, case.answer_due_provisional = due.due, due.provisional


# -- cases --------------------------------------------------------------------------------------


def _check_shape(*, kind: str, role: str, route: str, procedure: str) -> tuple[str, str]:
    _choice(kind, CaseKind, "案件类型")
    _choice(role, BodyRole, "本机关身份")
    if role not in ROLES_BY_KIND[kind]:
        allowed = "、".join(BodyRole(r).label for r in sorted(ROLES_BY_KIND[kind]))
        raise ValidationFailed(
            f"{CaseKind(kind).label}案件中本机关的身份只能是：{allowed}", code="invalid_role"
        )
    if kind == CaseKind.REVIEW:
        if route:
            raise ValidationFailed("行政复议案件不填写起诉方式", code="invalid_route")
        procedure = procedure or Procedure.ORDINARY
        _choice(procedure, Procedure, "审理程序")
        return route, procedure
    if not route:
        raise ValidationFailed(
            "行政诉讼案件须填写起诉方式（未经复议直接起诉或复议后起诉）", code="invalid_route"
        )
    _choice(route, LitigationRoute, "起诉方式")
    if procedure:
        raise ValidationFailed(
            "审理程序（普通/简易）仅对行政复议案件填写", code="invalid_procedure"
        )
    return route, ""


def appeal_register(
    *,
    actor: Actor,
    agency: Agency,
    kind: str,
    role: str,
    filed_on: date,
    route: str = "",
    procedure: str = "",
    case_number: str = "",
    accepted_on: date | None = None,
    copy_received_on: date | None = None,
    deciding_body: str = "",
    applications: Iterable[models.Model] = (),
    review_case: AppealCase | None = None,
    note: str = "",
    is_demo: bool = False,
) -> AppealCase:
    """Record a case the body is party to (or decides); the answer deadline is computed.

    ``applications`` are the 政府信息公开 applications the case challenges; for a 被申请人 or
    被告 they must be the body's own. ``review_case`` links a 复议后起诉 lawsuit to the body's
    own 复议 case. The model is reached through the M2M field: sibling apps do not import each
    other (import-linter, pyproject.toml).
    """
    staff_require(actor, agency, "登记复议诉讼案件")
    route, procedure = _check_shape(kind=kind, role=role, route=route, procedure=procedure)
    case_number = case_number.strip()
    deciding_body = deciding_body.strip()
    if len(case_number) > 100:
        raise ValidationFailed("案号过长（最多100字）")
    if len(deciding_body) > 200:
        raise ValidationFailed("复议机关/审理法院名称过长（最多200字）")
    for day, label in (
        (filed_on, "申请/起诉日期"),
        (accepted_on, "受理/立案日期"),
        (copy_received_on, "收到副本日期"),
    ):
        _not_future(day, label)
    _not_before(accepted_on, filed_on, "受理/立案日期")
    _not_before(copy_received_on, filed_on, "收到副本日期")
    linked = list(applications)
    application_model = cast(
        "type[models.Model]", AppealCase._meta.get_field("applications").related_model
    )
    if any(not isinstance(a, application_model) for a in linked):
        raise ValidationFailed("只能关联政府信息公开申请", code="invalid_application")
    if role in (BodyRole.RESPONDENT, BodyRole.DEFENDANT):
        own = set(
            application_model._default_manager.filter(
                pk__in=[a.pk for a in linked], agency=agency
            ).values_list("pk", flat=True)
        )
        foreign = [a for a in linked if a.pk not in own]
        if foreign:
            raise ValidationFailed(
                "被申请人或被告只能关联本机关的政府信息公开申请", code="foreign_application"
            )
    if review_case is not None and (
        route != LitigationRoute.AFTER_REVIEW
        or review_case.kind != CaseKind.REVIEW
        or review_case.agency_id != agency.pk
    ):
        raise ValidationFailed(
            "只有复议后起诉的诉讼案件可以关联本机关的行政复议案件", code="invalid_review_case"
        )
    case = AppealCase(
        agency=agency,
        kind=kind,
        route=route,
        role=role,
        procedure=procedure,
        case_number=case_number,
        review_case=review_case,
        filed_on=filed_on,
        accepted_on=accepted_on,
        copy_received_on=copy_received_on,
        deciding_body=deciding_body,
        note=note.strip(),
        is_demo=is_demo,
    )
    answer_due_apply(case)
    duplicate = Conflict(f"案号“{case_number}”已登记", code="duplicate")
    try:
        with transaction.atomic():
            case.save()
            if linked:
                case.applications.set([a.pk for a in linked])
            record(
                actor=actor,
                action="appeal.registered",
                target=case,
                data={
                    "kind": kind,
                    "route": route,
                    "role": role,
                    "procedure": procedure,
                    "case_number": case_number,
                    "filed_on": filed_on.isoformat(),
                    "answer_due": case.answer_due.isoformat() if case.answer_due else None,
                    "applications": [a.pk for a in linked],
                },
            )
    except IntegrityError:
        raise duplicate from None
    return case


def _locked(case: AppealCase) -> AppealCase:
    return AppealCase.objects.select_for_update().select_related("agency").get(pk=case.pk)


def appeal_copy_received(
    *, actor: Actor, case: AppealCase, copy_received_on: date, procedure: str | None = None
) -> AppealCase:
    """The body received the 申请书副本/起诉状副本 (and learns the 复议 procedure)."""
    staff_require(actor, case.agency, "登记收到副本")
    _not_future(copy_received_on, "收到副本日期")
    _not_before(copy_received_on, case.filed_on, "收到副本日期")
    with transaction.atomic():
        locked = _locked(case)
        if locked.decided_on is not None:
            raise IllegalTransition("案件已审结", code="already_decided")
        if procedure is not None:
            _, locked.procedure = _check_shape(
                kind=locked.kind, role=locked.role, route=locked.route, procedure=procedure
            )
        locked.copy_received_on = copy_received_on
        answer_due_apply(locked)
        locked.save(
            update_fields=[
                "copy_received_on",
                "procedure",
                "answer_due",
                "answer_due_provisional",
                "updated_at",
            ]
        )
        record(
            actor=actor,
            action="appeal.copy_received",
            target=locked,
            data={
                "copy_received_on": copy_received_on.isoformat(),
                "procedure": locked.procedure,
                "answer_due": locked.answer_due.isoformat() if locked.answer_due else None,
            },
        )
    return locked


def appeal_answered(*, actor: Actor, case: AppealCase, answered_on: date) -> AppealCase:
    """The 答复书/答辩状 was submitted on ``answered_on``; reminders stop."""
    staff_require(actor, case.agency, "登记答复/答辩")
    _not_future(answered_on, "提交答复/答辩状日期")
    _not_before(answered_on, case.filed_on, "提交答复/答辩状日期")
    with transaction.atomic():
        locked = _locked(case)
        if locked.answered_on is not None:
            raise IllegalTransition("已登记答复/答辩", code="already_answered")
        locked.answered_on = answered_on
        locked.save(update_fields=["answered_on", "updated_at"])
        late = locked.answer_due is not None and answered_on > locked.answer_due
        record(
            actor=actor,
            action="appeal.answered",
            target=locked,
            data={"answered_on": answered_on.isoformat(), "late": late},
        )
    return locked


def appeal_decide(
    *,
    actor: Actor,
    case: AppealCase,
    result: str,
    decided_on: date,
    deciding_body: str | None = None,
) -> AppealCase:
    """Record the 复议决定 / 判决 / 裁定 and the day of it. A decided case stays decided."""
    staff_require(actor, case.agency, "登记审理结果")
    _choice(result, Result, "审理结果")
    _not_future(decided_on, "审结日期")
    if decided_on < case.filed_on:
        raise ValidationFailed(
            f"审结日期 {decided_on.isoformat()} 早于申请/起诉日期 {case.filed_on.isoformat()}",
            code="before_filing",
        )
    with transaction.atomic():
        locked = _locked(case)
        if locked.decided_on is not None:
            raise IllegalTransition(
                f"案件已于 {locked.decided_on.isoformat()} 审结", code="already_decided"
            )
        locked.result = result
        locked.decided_on = decided_on
        fields = ["result", "decided_on", "updated_at"]
        if deciding_body is not None:
            locked.deciding_body = deciding_body.strip()[:200]
            fields.append("deciding_body")
        locked.save(update_fields=fields)
        record(
            actor=actor,
            action="appeal.decided",
            target=locked,
            data={
                "result": result,
                "decided_on": decided_on.isoformat(),
                "table4_column": result_columns()[result],
            },
        )
    return locked


def result_mapping_set(*, actor: Actor, result: str, column: str, basis: str = "") -> None:
    """Override where ``result`` is counted in 表四 for the whole deployment (admin/CLI)."""
    if actor is not None and not getattr(actor, "is_superuser", False):
        raise PermissionDenied("只有系统管理员可以修改表四结果归类")
    _choice(result, Result, "审理结果")
    _choice(column, Table4Column, "表四栏目")
    with transaction.atomic():
        ResultMapping.objects.update_or_create(
            result=result, defaults={"column": column, "basis": basis.strip()[:300]}
        )
        record(
            actor=actor,
            action="appeal.result_mapping_set",
            data={
                "result": result,
                "column": column,
                "default": rules.DEFAULT_RESULT_COLUMNS[result],
                "basis": basis.strip()[:300],
            },
        )


def appeals_recompute_due(*, calendar: WorkingCalendar | None = None) -> int:
    """Recompute the answer deadlines still running (after a holiday notice is loaded).

    Idempotent; returns how many changed.
    """
    cal = calendar or calendar_get()
    changed = 0
    open_cases = AppealCase.objects.filter(
        copy_received_on__isnull=False, answered_on__isnull=True, decided_on__isnull=True
    )
    with transaction.atomic():
        for case in open_cases.select_for_update():
            before = (case.answer_due, case.answer_due_provisional)
            answer_due_apply(case, cal)
            if (case.answer_due, case.answer_due_provisional) != before:
                case.save(update_fields=["answer_due", "answer_due_provisional", "updated_at"])
                changed += 1
        if changed:
            record(actor=None, action="appeal.deadlines_recomputed", data={"changed": changed})
    return changed


#: Largest paper accepted for a case (scans of 判决书 run to a few MB).
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def appeal_document_add(
    *, actor: Actor, case: AppealCase, title: str, file: File[Any]
) -> AppealDocument:
    """Attach a paper of the case (申请书副本, 答复书, 答辩状, 决定书, 判决书…)."""
    staff_require(actor, case.agency, "上传案件文书")
    title = title.strip()
    if not title:
        raise ValidationFailed("文书名称不能为空", code="invalid_title")
    if len(title) > 200:
        raise ValidationFailed("文书名称过长（最多200字）", code="invalid_title")
    size = file.size or 0
    if size == 0:
        raise ValidationFailed("文件为空", code="empty_file")
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationFailed(
            f"文件过大（{size // 1024 // 1024} MB，最多{MAX_DOCUMENT_BYTES // 1024 // 1024} MB）",
            code="file_too_large",
        )
    with transaction.atomic():
        document = AppealDocument(case=case, title=title)
        document.file.save(Path(file.name or "document").name, file, save=False)
        document.save()
        record(
            actor=actor,
            action="appeal.document_added",
            target=case,
            data={"document": document.pk, "title": title, "bytes": size},
        )
    return document
