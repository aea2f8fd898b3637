"""JSON API for bodies: the public list (names, hierarchy, 复议机关, 指南 contacts)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from gongkai.agencies.selectors import agency_as_dict, agency_get_by_name, agency_list

router = Router(tags=["机关"])


class AgencyOut(Schema):
    name: str
    credit_code: str | None
    kind: str
    kind_label: str
    level: str
    level_label: str
    parent: str | None
    review_body: str | None
    review_body_basis: str
    office_name: str
    office_address: str
    office_hours: str
    phone: str
    fax: str
    website: str
    email: str
    is_demo: bool


@router.get(
    "/", response=list[AgencyOut], operation_id="agencies_list", summary="列出机关", auth=None
)
def agencies_list(request: HttpRequest) -> list[dict[str, object]]:
    return [agency_as_dict(agency) for agency in agency_list()]


@router.get(
    "/{name}", response=AgencyOut, operation_id="agencies_get", summary="查看机关", auth=None
)
def agencies_get(request: HttpRequest, name: str) -> dict[str, object]:
    return agency_as_dict(agency_get_by_name(name))
