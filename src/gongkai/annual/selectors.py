"""Reads for the annual report: each table and each counted figure from its home app, and the
frozen versions of reports.

Every count is done by the selector of the app that holds the records (GROUP BY in the
database). A source that is not available raises :class:`SourceMissing`: a figure nobody
can compute is reported as missing, never as 0.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.annual.models import (
    AnnualReport,
    RecordedFigure,
    Scope,
    SectionTemplate,
    TownshipDeadline,
)
from gongkai.annual.report.model import Table3
from gongkai.annual.report.rows import TABLE3_KEYS
from gongkai.annual.rules import is_township, statutory_deadline
from gongkai.annual.sources import SourceMissing as SourceMissing
from gongkai.annual.sources import body_ids
from gongkai.annual.states import Status
from gongkai.appeals.models import AppealCase
from gongkai.applications.selectors import table3_rows_by_agency
from gongkai.core.prepared import Among, PreparedQuery, Slot, in_year, year_days
from gongkai.inquiries.models import Inquiry, InquiryKind, Proposal
from gongkai.inquiries.selectors import inquiry_counts_by_agency, proposal_counts_by_agency
from gongkai.publishing.models import Publication

# -- bodies -------------------------------------------------------------------------------------


def bodies_under(government: Agency) -> list[Agency]:
    """The government itself, then every body under it (departments, branches, townships and
    their bodies), breadth first, each once."""
    out: list[Agency] = [government]
    seen = {government.pk}
    frontier = [government.pk]
    while frontier:
        children = list(
            Agency.objects.filter(Among("parent_id", frontier))
            .exclude(Among("id", seen))
            .order_by("name")
        )
        out.extend(children)
        seen.update(c.pk for c in children)
        frontier = [c.pk for c in children]
    return out


def is_government(agency: Agency) -> bool:
    return agency.kind == AgencyKind.GOVERNMENT


# -- tables and figures: each reader takes the bodies and returns one value per body, counted
# for all of them at once by the home app's ``*_by_agency`` selector (GROUP BY agency) --------


def tables3_of(bodies: Sequence[Agency], year: int) -> list[Table3]:
    """表三 of each body from its applications (``applications.selectors.table3_rows``)."""
    ids = body_ids(bodies)
    data = table3_rows_by_agency(agency_ids=ids, year=year)
    return [Table3(tuple(tuple(data[pk][key]) for key in TABLE3_KEYS)) for pk in ids]


def inquiries_of(bodies: Sequence[Agency], year: int) -> list[dict[str, Any]]:
    ids = body_ids(bodies)
    data = inquiry_counts_by_agency(agency_ids=ids, year=year)
    return [
        {
            "total": d["total"],
            "by_result": dict(d["by_result"]),
            "by_channel": dict(d["by_channel"]),
        }
        for d in (data[pk] for pk in ids)
    ]


def complaints_of(bodies: Sequence[Agency], year: int) -> list[dict[str, Any]]:
    """The concerns of kind 投诉 each body received in the year, by result."""
    ids = body_ids(bodies)
    data = inquiry_counts_by_agency(agency_ids=ids, year=year, kind=InquiryKind.COMPLAINT)
    return [
        {"total": d["total"], "by_result": dict(d["by_result"])} for d in (data[pk] for pk in ids)
    ]


def proposals_of(bodies: Sequence[Agency], year: int) -> list[dict[str, Any]]:
    ids = body_ids(bodies)
    data = proposal_counts_by_agency(agency_ids=ids, year=year)
    return [
        {
            "total": d["total"],
            "handled": d["handled"],
            "reply_published": d["reply_published"],
            "by_kind": dict(d["by_kind"]),
        }
        for d in (data[pk] for pk in ids)
    ]


def recorded_figures_of(bodies: Sequence[Agency], year: int) -> list[dict[str, int]]:
    out: dict[int, dict[str, int]] = {b.pk: {} for b in bodies}
    for agency_id, name, value in _RECORDED_FIGURES.rows(agencies=body_ids(bodies), year=year):
        out[agency_id][name] = value
    return [out[b.pk] for b in bodies]


_RECORDED_FIGURES = PreparedQuery(
    lambda: (
        RecordedFigure.objects.filter(
            Among("agency_id", Slot.ids("agencies")), year=Slot.integer("year")
        )
        .order_by()
        .values_list("agency_id", "name", "value")
    )
)


def _bodies_with(queryset: QuerySet[Any], of_the_year: Q) -> PreparedQuery:
    """The distinct bodies, among the ``agencies`` slot, holding a row of ``queryset`` that is
    ``of_the_year``."""
    return PreparedQuery(
        lambda: (
            queryset.filter(Among("agency_id", Slot.ids("agencies")), of_the_year)
            .order_by()
            .values_list("agency_id")
            .distinct()
        )
    )


#: Records besides applications, in the order they are asked (the commonest first).
_OTHER_RECORDS = (
    _bodies_with(Inquiry.objects.all(), in_year("received_on")),
    _bodies_with(Proposal.objects.all(), in_year("received_on")),
    _bodies_with(RecordedFigure.objects.all(), Q(year=Slot.integer("year"))),
    _bodies_with(Publication.objects.all(), in_year("published_on")),
    _bodies_with(AppealCase.objects.all(), in_year("filed_on")),
)


def with_records_besides_applications(agency_ids: Collection[int], year: int) -> set[int]:
    """Those of ``agency_ids`` with any record of the year other than an application: a
    concern or proposal received, a recorded figure, a publication made public, a 复议/诉讼 case
    filed. (Applications received or concluded in the year are 表三's 一 and 三（七）, which the
    caller has already counted.) Each source is asked only about the bodies not yet found."""
    days = {**year_days(year), "year": year}
    found: set[int] = set()
    for source in _OTHER_RECORDS:
        rest = [pk for pk in agency_ids if pk not in found]
        if not rest:
            break
        found.update(pk for (pk,) in source.rows(agencies=rest, **days))
    return found


# -- templates ----------------------------------------------------------------------------------


_SECTION_TEMPLATES = PreparedQuery(
    lambda: (
        SectionTemplate.objects.filter(
            Q(year__isnull=True) | Q(year=Slot.integer("year")),
            Among("agency_id", Slot.ids("agencies")),
        )
        .order_by()
        .values_list("section", "text", "year")
    )
)


def section_templates_of(agency: Agency, year: int) -> dict[str, str]:
    """The body's text of each part for ``year``: a row for the year wins over a row for every
    year; parts without a row are absent (the default text applies). One query."""
    rows = _SECTION_TEMPLATES.rows(agencies=[agency.pk], year=year)
    general = {section: text for section, text, y in rows if y is None}
    return general | {section: text for section, text, y in rows if y is not None}


# -- frozen reports -----------------------------------------------------------------------------


def annual_reports_of(
    *, agency: Agency, year: int, scope: str = Scope.OWN
) -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(agency=agency, year=year, scope=scope).order_by("-version")


def annual_report_latest_frozen(
    *, agency: Agency, year: int, scope: str = Scope.OWN
) -> AnnualReport | None:
    """The latest frozen or published version, or None."""
    return (
        annual_reports_of(agency=agency, year=year, scope=scope)
        .filter(status__in=[Status.FROZEN, Status.PUBLISHED])
        .first()
    )


def annual_report_open(*, agency: Agency, year: int, scope: str = Scope.OWN) -> AnnualReport | None:
    """The version being drafted or reviewed, if any."""
    return (
        annual_reports_of(agency=agency, year=year, scope=scope)
        .filter(status__in=[Status.DRAFT, Status.IN_REVIEW])
        .first()
    )


def report_deadlines(bodies: Sequence[Agency], year: int) -> list[date]:
    """The last day to publish each body's report of ``year`` (``rules.statutory_deadline``):
    for a 乡（镇）人民政府, the day set by the nearest government above it that recorded one
    (:class:`TownshipDeadline`). Two queries at most, whatever the number of bodies."""
    local: dict[int, tuple[int, int]] = {}
    parents: dict[int, int | None] = {}
    if any(is_township(b) for b in bodies):
        local = {
            pk: (month, day)
            for pk, month, day in TownshipDeadline.objects.values_list(
                "jurisdiction_id", "month", "day"
            )
        }
        if local:
            parents = dict(Agency.objects.values_list("id", "parent_id"))
    out = []
    for body in bodies:
        found = None
        if is_township(body):
            above, seen = body.parent_id, set()
            while above is not None and above not in seen and found is None:
                seen.add(above)
                found = local.get(above)
                above = parents.get(above)
        out.append(statutory_deadline(body, year, local=found))
    return out


def report_deadline(agency: Agency, year: int) -> date:
    """:func:`report_deadlines` of one body."""
    return report_deadlines([agency], year)[0]


def annual_reports_overdue(*, government: Agency, year: int, as_of: date) -> list[dict[str, Any]]:
    """The bodies under ``government`` (itself included) whose report of ``year`` was published
    after its statutory deadline, or is still unpublished on ``as_of`` after it (条例 第四十九条).
    """
    bodies = bodies_under(government)
    published = dict(
        AnnualReport.objects.filter(
            agency__in=bodies, year=year, scope=Scope.OWN, status=Status.PUBLISHED
        )
        .order_by("agency_id", "version")
        .values_list("agency_id", "published_on")
    )
    out: list[dict[str, Any]] = []
    for body, deadline in zip(bodies, report_deadlines(bodies, year), strict=True):
        on = published.get(body.pk)
        late = on > deadline if on is not None else as_of > deadline
        if late:
            out.append(
                {
                    "agency": body.name,
                    "deadline": deadline.isoformat(),
                    "published_on": on.isoformat() if on is not None else None,
                }
            )
    return out
