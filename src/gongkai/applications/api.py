"""JSON API of 依申请公开 for staff: register, move through the lifecycle, overdue, 表三.

Every operation needs a signed-in user. Reads need a role in the body (or its 公开办);
writes are permission-checked again by the services. A body the user may not see answers
404, exactly like a body that does not exist.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status
from ninja.security import django_auth

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import access_agency, roles_of
from gongkai.applications.models import Application
from gongkai.applications.outcomes import ReceiptEvents
from gongkai.applications.schemas import (
    ApplicationDetailOut,
    ApplicationIn,
    ApplicationOut,
    ApplicationTransitionIn,
    CellCaseOut,
    OverdueApplicationOut,
    Table3Out,
)
from gongkai.applications.selectors import (
    TABLE3_COLUMNS,
    applications_of,
    applications_overdue,
    repeat_candidates,
    table3_cell_cases,
    table3_rows,
)
from gongkai.applications.services import application_register, transition
from gongkai.applications.states import Status as CaseStatus
from gongkai.applications.states import allowed_actions
from gongkai.core.errors import NotFoundOrForbidden
from gongkai.core.schemas import ERROR_RESPONSES, ErrorOut

router = Router(tags=["依申请公开"], auth=django_auth)

#: Most applications one list call returns (newest first).
LIST_LIMIT = 500


def access_application(
    user: AbstractBaseUser | AnonymousUser, agency_name: str, number: str
) -> Application:
    """The application ``number`` of the body, if ``user`` may see it; else not found."""
    agency = access_agency(user, agency_name)
    application = (
        applications_of(agency).select_related("reply_deadline").filter(number=number).first()
    )
    if application is None:
        raise NotFoundOrForbidden(f"申请“{number}”不存在或无权查看")
    return application


def _summary(application: Application) -> dict[str, Any]:
    deadline = application.reply_deadline
    return {
        "id": application.pk,
        "number": application.number,
        "channel": application.channel,
        "applicant_category": application.applicant_category,
        "received_on": application.received_on,
        "status": application.status,
        "status_label": CaseStatus(application.status).label,
        "outcome": application.outcome,
        "answered_on": application.answered_on,
        "due": application.delayed_until or deadline.due,
        "due_provisional": deadline.provisional,
        "extended": application.extended,
        "version": application.version,
        "is_demo": application.is_demo,
    }


def _detail(application: Application, user: AbstractBaseUser | AnonymousUser) -> dict[str, Any]:
    roles = roles_of(user, application.agency)
    return {
        **_summary(application),
        "request_content": application.request_content,
        "applicant_name": application.applicant_name,
        "provision_form": application.provision_form,
        "provision_route": application.provision_route,
        "allowed_actions": [str(a) for a in allowed_actions(application.status, roles)],
        "possible_repeats": [case.number for case in repeat_candidates(application)],
    }


@router.get(
    "/{agency}/",
    response=list[ApplicationOut],
    operation_id="applications_list",
    summary="列出本机关的政府信息公开申请（最新在前）",
)
def applications_list(
    request: HttpRequest, agency: str, status: str | None = None
) -> list[dict[str, Any]]:
    body: Agency = access_agency(request.user, agency)
    cases = applications_of(body).select_related("reply_deadline").order_by("-received_on", "-id")
    if status:
        cases = cases.filter(status=status)
    return [_summary(case) for case in cases[:LIST_LIMIT]]


@router.post(
    "/{agency}/",
    response={201: ApplicationDetailOut, **ERROR_RESPONSES},
    operation_id="applications_register",
    summary="登记一件政府信息公开申请",
)
def applications_register(
    request: HttpRequest, agency: str, payload: ApplicationIn
) -> Status[dict[str, Any]]:
    body = access_agency(request.user, agency)
    fields = payload.dict()
    events = {name: fields.pop(name) for name in ("submitted_on", "signed_for_on", "confirmed_on")}
    receipt = ReceiptEvents(**events) if any(events.values()) else None
    application = application_register(actor=request.user, agency=body, receipt=receipt, **fields)
    return Status(201, _detail(application, request.user))


@router.get(
    "/{agency}/overdue",
    response=list[OverdueApplicationOut],
    operation_id="applications_overdue",
    summary="逾期（超过答复期限仍未办结或逾期答复）的申请",
)
def applications_overdue_list(
    request: HttpRequest, agency: str, as_of: date | None = None
) -> list[Any]:
    body = access_agency(request.user, agency)
    return list(applications_overdue(agency=body, as_of=as_of or timezone.localdate()))


@router.get(
    "/{agency}/table3",
    response=Table3Out,
    operation_id="applications_table3",
    summary="年度报告表三：收到和处理政府信息公开申请情况",
)
def applications_table3(request: HttpRequest, agency: str, year: int) -> dict[str, Any]:
    body = access_agency(request.user, agency)
    return {"columns": list(TABLE3_COLUMNS), "rows": table3_rows(agency=body, year=year)}


@router.get(
    "/{agency}/table3/{row}/{column}",
    response={200: list[CellCaseOut], 404: ErrorOut},
    operation_id="applications_table3_cell",
    summary="表三某一格背后的申请（追溯到案件）",
)
def applications_table3_cell(
    request: HttpRequest, agency: str, row: str, column: str, year: int
) -> list[dict[str, Any]]:
    body = access_agency(request.user, agency)
    cases = table3_cell_cases(agency=body, year=year, row=row, column=column)
    fields = ("number", "applicant_category", "received_on", "answered_on", "outcome", "status")
    return [{name: getattr(case, name) for name in fields} for case in cases[:LIST_LIMIT]]


@router.get(
    "/{agency}/{number}",
    response={200: ApplicationDetailOut, 404: ErrorOut},
    operation_id="applications_get",
    summary="查看一件申请",
)
def applications_get(request: HttpRequest, agency: str, number: str) -> dict[str, Any]:
    return _detail(access_application(request.user, agency, number), request.user)


@router.post(
    "/{agency}/{number}/actions/{action}",
    response={200: ApplicationDetailOut, **ERROR_RESPONSES},
    operation_id="applications_transition",
    summary="办理一步（受理、补正、征求意见、延期、收费、答复、撤回、归档……）",
)
def applications_transition(
    request: HttpRequest, agency: str, number: str, action: str, payload: ApplicationTransitionIn
) -> dict[str, Any]:
    application = access_application(request.user, agency, number)
    extra: dict[str, Any] = {}
    if payload.party_kind:
        extra["party_kind"] = payload.party_kind
    moved = transition(
        actor=request.user,
        application=application,
        action=action,
        on=payload.on,
        outcome=payload.outcome,
        note=payload.note,
        expected_version=payload.expected_version,
        party=payload.party,
        fee_method=payload.fee_method,
        pages=payload.pages,
        items=payload.items,
        delay_until=payload.delay_until,
        fee_reduction=payload.fee_reduction,
        fee_reduction_reason=payload.fee_reduction_reason,
        **extra,
    )
    return _detail(moved, request.user)
