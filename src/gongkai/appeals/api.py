"""JSON API of 复议与诉讼 for staff: 表四, the list of cases, the answers due.

Every operation needs a signed-in user who may read the body's records (its staff, or the
公开办 of the body or of its 本级人民政府); for anyone else the body does not exist
(``agencies.selectors.access_agency``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.security import django_auth

from gongkai.agencies.selectors import access_agency
from gongkai.appeals import rules
from gongkai.appeals.schemas import AppealOut, Table4Out
from gongkai.appeals.selectors import (
    appeal_as_dict,
    appeal_list,
    appeals_due_soon,
    appeals_overdue,
    counting_rule,
    result_columns,
    table4,
)

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
