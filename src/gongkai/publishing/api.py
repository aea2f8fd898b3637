"""JSON API of 主动公开: public search, 指南 and 目录; staff counts, 表二 figures, overdue items
and the review moves.

Staff operations need a signed-in user who is staff of the body (or its 公开办); for anyone
else the body or item does not exist (:func:`gongkai.agencies.selectors.access_agency`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.security import django_auth

from gongkai.agencies.selectors import access_agency, agency_get_by_name
from gongkai.core.errors import NotFoundOrForbidden
from gongkai.publishing.catalogue import catalogue_tree, guide_current
from gongkai.publishing.models import Publication
from gongkai.publishing.schemas import (
    CountsOut,
    GuideOut,
    OverduePublicationOut,
    PublicationOut,
    PublicationTransitionIn,
    Table2Out,
)
from gongkai.publishing.search import search
from gongkai.publishing.selectors import (
    counts_sentence,
    publication_as_dict,
    publication_counts,
    publications_overdue,
    table2_figures,
)
from gongkai.publishing.services import transition

router = Router(tags=["主动公开"])


@router.get(
    "/search",
    response=list[PublicationOut],
    operation_id="publishing_search",
    summary="检索主动公开信息（支持单字、词和短语）",
    auth=None,
)
def publishing_search(
    request: HttpRequest,
    q: str,
    agency: str | None = None,
    year: int | None = None,
    category: str | None = None,
) -> list[dict[str, Any]]:
    agency_id = agency_get_by_name(agency).pk if agency else None
    found = search(q, agency_id=agency_id, year=year, category=category, limit=50)
    return [publication_as_dict(p) for p in found]


@router.get(
    "/{agency}/guide",
    response=GuideOut,
    operation_id="publishing_guide",
    summary="政府信息公开指南（条例第十二条）",
    auth=None,
)
def publishing_guide(request: HttpRequest, agency: str) -> dict[str, Any]:
    body = agency_get_by_name(agency)
    version = guide_current(body)
    if version is None:
        raise NotFoundOrForbidden(f"{body.name}尚未生成政府信息公开指南")
    return {"agency": body.name, "text": version.text, "changed_at": version.created_at.isoformat()}


@router.get(
    "/{agency}/catalogue",
    response=list[dict[str, Any]],
    operation_id="publishing_catalogue",
    summary="政府信息公开目录",
    auth=None,
)
def publishing_catalogue(request: HttpRequest, agency: str) -> list[dict[str, Any]]:
    return catalogue_tree(agency_get_by_name(agency))


@router.get(
    "/{agency}/counts",
    response=CountsOut,
    operation_id="publishing_counts",
    summary="本年度发布信息数量（按发布渠道）",
    auth=django_auth,
)
def publishing_counts(request: HttpRequest, agency: str, year: int) -> dict[str, Any]:
    body = access_agency(request.user, agency)
    counts = publication_counts(agency=body, year=year)
    return {"agency": body.name, "year": year, **counts, "text": counts_sentence(counts, year)}


@router.get(
    "/{agency}/table2",
    response=Table2Out,
    operation_id="publishing_table2",
    summary="年度报告表二数据（第二十条第（一）（五）（六）（八）项）",
    auth=django_auth,
)
def publishing_table2(request: HttpRequest, agency: str, year: int) -> dict[str, Any]:
    body = access_agency(request.user, agency)
    return {"agency": body.name, "year": year, "figures": table2_figures(agency=body, year=year)}


@router.get(
    "/{agency}/overdue",
    response=list[OverduePublicationOut],
    operation_id="publishing_overdue",
    summary="逾期未公开或逾期公开的信息（条例第二十六条）",
    auth=django_auth,
)
def publishing_overdue(
    request: HttpRequest, agency: str, as_of: date | None = None
) -> list[dict[str, Any]]:
    body = access_agency(request.user, agency)
    return publications_overdue(agency=body, as_of=as_of or timezone.localdate())


@router.post(
    "/{agency}/publications/{publication_id}/transition",
    response=PublicationOut,
    operation_id="publishing_transition",
    summary="提交审查、审查同意、退回、发布或撤回",
    auth=django_auth,
)
def publishing_transition(
    request: HttpRequest, agency: str, publication_id: int, payload: PublicationTransitionIn
) -> dict[str, Any]:
    body = access_agency(request.user, agency)
    publication = Publication.objects.filter(agency=body, pk=publication_id).first()
    if publication is None:
        raise NotFoundOrForbidden("信息不存在或无权查看")
    moved = transition(
        actor=request.user,
        publication=publication,
        action=payload.action,
        comment=payload.comment,
        on=payload.on,
    )
    return publication_as_dict(moved)
