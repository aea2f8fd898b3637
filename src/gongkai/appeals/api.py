"""JSON API of 复议与诉讼 for staff: 表四, the list of cases, the answers due, and the writes.

Every operation needs a signed-in user who may read the body's records (its staff, or the
公开办 of the body or of its 本级人民政府); for anyone else the body does not exist
(``agencies.selectors.access_agency``). Writes go through ``services``, which also require
staff of the body (a 公开办 reader gets 403).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status
from ninja.security import django_auth

from gongkai.agencies.selectors import access_agency
from gongkai.appeals import rules
from gongkai.appeals.schemas import (
    AnsweredIn,
    AppealIn,
    AppealOut,
    CopyReceivedIn,
    DecideIn,
    Table4Out,
)
from gongkai.appeals.selectors import (
    access_appeal,
    appeal_as_dict,
    appeal_list,
    appeals_due_soon,
    appeals_overdue,
    applications_by_number,
    counting_rule,
    result_columns,
    table4,
    table4_cell_cases,
)
from gongkai.appeals.services import (
    appeal_answered,
    appeal_copy_received,
    appeal_decide,
    appeal_register,
)
from gongkai.core.schemas import ERROR_RESPONSES, ErrorOut

router = Router(tags=["复议与诉讼"], auth=django_auth)

#: Most cases one list call returns.
LIST_LIMIT = 500


@router.get(
    "/{agency}/table4",
    response=Table4Out,
    operation_id="appeals_table4",
    summary="某年政府信息公开行政复议、行政诉讼情况（年度报告表四）",
)
def appeals_table4(request: HttpRequest, agency: str, year: int) -> dict[str, Any]:
    body = access_agency(request.user, agency)
    counting = counting_rule()
    return {
        "agency": body.name,
        "year": year,
        "counting": counting,
        **table4(agency=body, year=year, counting=counting),
    }


@router.get(
    "/{agency}/table4/{group}/{column}",
    response={200: list[AppealOut], 404: ErrorOut},
    operation_id="appeals_table4_cell",
    summary="表四某一格背后的案件（追溯到案件）",
)
def appeals_table4_cell(
    request: HttpRequest, agency: str, group: str, column: str, year: int
) -> list[dict[str, Any]]:
    body = access_agency(request.user, agency)
    columns = result_columns()
    cases = table4_cell_cases(agency=body, year=year, group=group, column=column)
    return [appeal_as_dict(case, columns) for case in cases[:LIST_LIMIT]]


@router.get(
    "/{agency}/list",
    response=list[AppealOut],
    operation_id="appeals_list",
    summary="列出复议诉讼案件",
)
def appeals_list(
    request: HttpRequest, agency: str, year: int | None = None, open_only: bool = False
) -> list[dict[str, Any]]:
    body = access_agency(request.user, agency)
    columns = result_columns()
    rows = appeal_list(agency=body, year=year, open_only=open_only)[:LIST_LIMIT]
    return [appeal_as_dict(case, columns) for case in rows]


@router.get(
    "/{agency}/due",
    response=list[AppealOut],
    operation_id="appeals_due",
    summary="即将到期和已逾期的答复/答辩",
)
def appeals_due(
    request: HttpRequest,
    agency: str,
    as_of: date | None = None,
    within: int = rules.DUE_SOON_WORKING_DAYS,
) -> list[dict[str, Any]]:
    body = access_agency(request.user, agency)
    day = as_of or timezone.localdate()
    columns = result_columns()
    overdue = list(appeals_overdue(agency=body, as_of=day)[:LIST_LIMIT])
    soon = list(appeals_due_soon(agency=body, as_of=day, within=within)[:LIST_LIMIT])
    return [appeal_as_dict(case, columns) for case in overdue + soon]


@router.post(
    "/{agency}/",
    response={201: AppealOut, **ERROR_RESPONSES},
    operation_id="appeals_register",
    summary="登记一件行政复议或行政诉讼案件",
)
def appeals_register(
    request: HttpRequest, agency: str, payload: AppealIn
) -> Status[dict[str, Any]]:
    body = access_agency(request.user, agency)
    data = payload.dict()
    numbers = data.pop("application_numbers")
    review_case_id = data.pop("review_case_id")
    review_case = access_appeal(request.user, body.name, review_case_id) if review_case_id else None
    case = appeal_register(
        actor=request.user,
        agency=body,
        applications=applications_by_number(agency=body, numbers=numbers),
        review_case=review_case,
        **data,
    )
    return Status(201, appeal_as_dict(case))


@router.post(
    "/{agency}/{case_id}/copy-received",
    response={200: AppealOut, **ERROR_RESPONSES},
    operation_id="appeals_copy_received",
    summary="登记收到申请书副本或起诉状副本（计算答复/答辩期限）",
)
def appeals_copy_received(
    request: HttpRequest, agency: str, case_id: int, payload: CopyReceivedIn
) -> dict[str, Any]:
    case = access_appeal(request.user, agency, case_id)
    moved = appeal_copy_received(
        actor=request.user,
        case=case,
        copy_received_on=payload.copy_received_on,
        procedure=payload.procedure,
    )
    return appeal_as_dict(moved)


@router.post(
    "/{agency}/{case_id}/answered",
    response={200: AppealOut, **ERROR_RESPONSES},
    operation_id="appeals_answered",
    summary="登记已提交答复书或答辩状",
)
def appeals_answered(
    request: HttpRequest, agency: str, case_id: int, payload: AnsweredIn
) -> dict[str, Any]:
    case = access_appeal(request.user, agency, case_id)
    return appeal_as_dict(
        appeal_answered(actor=request.user, case=case, answered_on=payload.answered_on)
    )


@router.post(
    "/{agency}/{case_id}/decide",
    response={200: AppealOut, **ERROR_RESPONSES},
    operation_id="appeals_decide",
    summary="登记审理结果（复议决定、判决或裁定）",
)
def appeals_decide(
    request: HttpRequest, agency: str, case_id: int, payload: DecideIn
) -> dict[str, Any]:
    case = access_appeal(request.user, agency, case_id)
    decided = appeal_decide(
        actor=request.user,
        case=case,
        result=payload.result,
        decided_on=payload.decided_on,
        deciding_body=payload.deciding_body,
    )
    return appeal_as_dict(decided)
