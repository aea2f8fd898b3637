"""Reads for the annual report: each table and each counted figure from its home app, and the
frozen versions of reports.

Every count is done by the selector of the app that holds the records (GROUP BY in the
database). A source that is not available raises :class:`SourceMissing`: a figure nobody
can compute is reported as missing, never as 0.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, QuerySet

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.annual.models import AnnualReport, RecordedFigure, Scope, SectionTemplate
from gongkai.annual.report.model import Table3
from gongkai.annual.report.rows import TABLE3_KEYS
from gongkai.annual.rules import statutory_deadline
from gongkai.annual.sources import SourceMissing as SourceMissing
from gongkai.annual.sources import linked_records_exist
from gongkai.annual.states import Status
from gongkai.applications.selectors import applications_of, table3_rows
from gongkai.inquiries.models import InquiryKind, InquiryResult
from gongkai.inquiries.selectors import (
    OPEN,
    inquiry_counts,
    inquiry_list,
    proposal_counts,
    proposal_list,
)

# -- bodies -------------------------------------------------------------------------------------


def bodies_under(government: Agency) -> list[Agency]:
    """The government itself, then every body under it (departments, branches, townships and
    their bodies), breadth first, each once."""
    out: list[Agency] = [government]
    seen = {government.pk}
    frontier = [government.pk]
    while frontier:
        children = list(
            Agency.objects.filter(parent_id__in=frontier).exclude(pk__in=seen).order_by("name")
        )
        out.extend(children)
        seen.update(c.pk for c in children)
        frontier = [c.pk for c in children]
    return out


def is_government(agency: Agency) -> bool:
    return agency.kind == AgencyKind.GOVERNMENT


# -- tables -------------------------------------------------------------------------------------


def table3_of(agency: Agency, year: int) -> Table3:
    """表三 from the body's applications (``applications.selectors.table3_rows``)."""
    rows = table3_rows(agency=agency, year=year)
    return Table3.from_mapping({key: tuple(rows[key]) for key in TABLE3_KEYS})


# -- figures counted by the apps ----------------------------------------------------------------


def inquiries_of(agency: Agency, year: int) -> dict[str, Any]:
    counts = inquiry_counts(agency=agency, year=year)
    return {
        "total": counts["total"],
        "by_result": dict(counts["by_result"]),
        "by_channel": dict(counts["by_channel"]),
    }


def complaints_of(agency: Agency, year: int) -> dict[str, Any]:
    """The concerns of kind 投诉 received in the year, by result (one GROUP BY)."""
    grouped = (
        inquiry_list(agency=agency, year=year)
        .filter(kind=InquiryKind.COMPLAINT)
        .order_by()
        .values("result")
        .annotate(n=Count("id"))
        .values_list("result", "n")
    )
    by_result = dict.fromkeys([*InquiryResult.values, OPEN], 0)
    for result, n in grouped:
        by_result[result or OPEN] += int(n)
    return {"total": sum(by_result.values()), "by_result": by_result}


def proposals_of(agency: Agency, year: int) -> dict[str, Any]:
    counts = proposal_counts(agency=agency, year=year)
    return {
        "total": counts["total"],
        "handled": counts["handled"],
        "reply_published": counts["reply_published"],
        "by_kind": dict(counts["by_kind"]),
    }


def recorded_figures_of(agency: Agency, year: int) -> dict[str, int]:
    return dict(
        RecordedFigure.objects.filter(agency=agency, year=year).values_list("name", "value")
    )


def has_records(agency: Agency, year: int) -> bool:
    """Whether the body recorded anything about the year in gongkai (any kind of record)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    return (
        applications_of(agency).filter(received_on__gte=first, received_on__lte=last).exists()
        or applications_of(agency).filter(answered_on__gte=first, answered_on__lte=last).exists()
        or inquiry_list(agency=agency, year=year).exists()
        or proposal_list(agency=agency, year=year).exists()
        or RecordedFigure.objects.filter(agency=agency, year=year).exists()
        or linked_records_exist(agency, year)
    )


# -- templates ----------------------------------------------------------------------------------


def section_templates_of(agency: Agency, year: int) -> dict[str, str]:
    """The body's text of each part for ``year``: a row for the year wins over a row for every
    year; parts without a row are absent (the default text applies)."""
    rows = SectionTemplate.objects.filter(agency=agency, year__isnull=True).values_list(
        "section", "text"
    )
    out = dict(rows)
    out.update(
        SectionTemplate.objects.filter(agency=agency, year=year).values_list("section", "text")
    )
    return out


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
    for body in bodies:
        deadline = statutory_deadline(body, year)
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
