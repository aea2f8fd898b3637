"""JSON API of 公众关切 for staff: the year's figures, the list and the overdue concerns.

Every operation needs a signed-in user who is staff of the body (or its 公开办); for anyone
else the body does not exist (:func:`gongkai.agencies.selectors.access_agency`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.security import django_auth

from gongkai.agencies.selectors import access_agency
from gongkai.inquiries.schemas import InquiryCountsOut, InquiryOut, ProposalCountsOut
from gongkai.inquiries.selectors import (
    inquiries_overdue,
    inquiry_as_dict,
    inquiry_counts,
    inquiry_list,
    proposal_counts,
)

router = Router(tags=["公众关切"], auth=django_auth)

#: Most concerns one list call returns.
LIST_LIMIT = 500


@router.get(
    "/{agency}/counts",
    response=InquiryCountsOut,
    operation_id="inquiries_counts",
    summary="某年受理的公众诉求数量（按办理结果、来源渠道、诉求类型）",
)
def inquiries_counts(request: HttpRequest, agency: str, year: int) -> dict[str, Any]:
    body = access_agency(request.user, agency)
    return {"agency": body.name, "year": year, **inquiry_counts(agency=body, year=year)}


@router.get(
    "/{agency}/proposals/counts",
    response=ProposalCountsOut,
    operation_id="inquiries_proposal_counts",
    summary="某年交办的人大代表建议和政协提案数量",
)
def inquiries_proposal_counts(request: HttpRequest, agency: str, year: int) -> dict[str, Any]:
    body = access_agency(request.user, agency)
    return {"agency": body.name, "year": year, **proposal_counts(agency=body, year=year)}


@router.get(
    "/{agency}/list",
    response=list[InquiryOut],
    operation_id="inquiries_list",
    summary="列出公众诉求（不含诉求人信息）",
)
def inquiries_list(
    request: HttpRequest,
    agency: str,
    year: int | None = None,
    open_only: bool = False,
) -> list[dict[str, Any]]:
    body = access_agency(request.user, agency)
    rows = inquiry_list(agency=body, year=year, open_only=open_only)[:LIST_LIMIT]
    return [inquiry_as_dict(inquiry) for inquiry in rows]


@router.get(
    "/{agency}/overdue",
    response=list[InquiryOut],
    operation_id="inquiries_overdue",
    summary="超期的公众诉求（逾期未办结或超期办结）",
)
def inquiries_overdue_list(
    request: HttpRequest, agency: str, as_of: date | None = None
) -> list[dict[str, Any]]:
    body = access_agency(request.user, agency)
    day = as_of or timezone.localdate()
    rows = inquiries_overdue(agency=body, as_of=day)[:LIST_LIMIT]
    return [inquiry_as_dict(inquiry) for inquiry in rows]
