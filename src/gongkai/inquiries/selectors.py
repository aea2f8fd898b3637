"""Reads of public concerns: the report's figures (counted in the database), lists, overdue ones.

Figures of a year count the concerns and proposals *received* in that calendar year; a
concern's result is its current one.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any, TypedDict

from django.db.models import Count, F, Q, QuerySet

from gongkai.agencies.models import Agency
from gongkai.core.prepared import Among, PreparedQuery, Slot, in_year, year_days
from gongkai.inquiries.models import (
    DEFAULT_REPLY_WORKING_DAYS,
    Channel,
    Inquiry,
    InquiryKind,
    InquiryResult,
    Proposal,
    ProposalKind,
    ProposalResult,
    ReplyPeriod,
)

#: The key ``by_result`` uses for concerns not yet closed.
OPEN = "open"


class InquiryCounts(TypedDict):
    total: int
    by_result: dict[str, int]
    by_channel: dict[str, int]
    by_kind: dict[str, int]


class ProposalCounts(TypedDict):
    total: int
    handled: int
    reply_published: int
    by_kind: dict[str, int]
    by_result: dict[str, int]
    by_source: dict[str, int]


# -- settings -----------------------------------------------------------------------------------


def reply_period_days(*, agency: Agency, channel: str) -> int:
    """The body's reply period for ``channel``, or :data:`DEFAULT_REPLY_WORKING_DAYS`."""
    days = (
        ReplyPeriod.objects.filter(agency=agency, channel=channel)
        .values_list("working_days", flat=True)
        .first()
    )
    return days if days is not None else DEFAULT_REPLY_WORKING_DAYS


def reply_periods(*, agency: Agency) -> dict[str, int]:
    """Every channel's reply period for the body (one query)."""
    periods = dict.fromkeys(Channel.values, DEFAULT_REPLY_WORKING_DAYS)
    periods.update(ReplyPeriod.objects.filter(agency=agency).values_list("channel", "working_days"))
    return periods


# -- lists --------------------------------------------------------------------------------------


def _year_range(year: int) -> dict[str, date]:
    return {"received_on__gte": date(year, 1, 1), "received_on__lte": date(year, 12, 31)}


def inquiry_list(
    *, agency: Agency, year: int | None = None, open_only: bool = False
) -> QuerySet[Inquiry]:
    queryset = Inquiry.objects.filter(agency=agency)
    if year is not None:
        queryset = queryset.filter(**_year_range(year))
    if open_only:
        queryset = queryset.filter(replied_on__isnull=True)
    return queryset.order_by("-received_on", "-id")


def proposal_list(*, agency: Agency, year: int | None = None) -> QuerySet[Proposal]:
    queryset = Proposal.objects.filter(agency=agency)
    if year is not None:
        queryset = queryset.filter(**_year_range(year))
    return queryset.order_by("-received_on", "-id")


def inquiries_overdue(*, agency: Agency, as_of: date) -> QuerySet[Inquiry]:
    """Concerns late on ``as_of``: still open after their ``reply_due``, or closed after it.

    A concern closed after ``as_of`` counts as open on that day. The due day itself is in time.
    """
    open_then = Q(replied_on__isnull=True) | Q(replied_on__gt=as_of)
    late = (open_then & Q(reply_due__lt=as_of, received_on__lte=as_of)) | Q(
        replied_on__lte=as_of, replied_on__gt=F("reply_due")
    )
    return Inquiry.objects.filter(agency=agency).filter(late).order_by("reply_due", "id")


# -- figures ------------------------------------------------------------------------------------


def inquiry_counts(*, agency: Agency, year: int) -> InquiryCounts:
    """Totals of the year by result (``open`` for those not closed), channel and kind.

    One ``GROUP BY channel, kind, result`` query; every key is present, with 0 when none.
    """
    return inquiry_counts_by_agency(agency_ids=[agency.pk], year=year)[agency.pk]


_RESULT_KEYS = (*InquiryResult.values, OPEN)
_CHANNEL_KEYS = tuple(Channel.values)
_KIND_KEYS = tuple(InquiryKind.values)
_PROPOSAL_KIND_KEYS = tuple(ProposalKind.values)
_PROPOSAL_RESULT_KEYS = (*ProposalResult.values, OPEN)


def _empty_inquiry_counts() -> InquiryCounts:
    return InquiryCounts(
        total=0,
        by_result=dict.fromkeys(_RESULT_KEYS, 0),
        by_channel=dict.fromkeys(_CHANNEL_KEYS, 0),
        by_kind=dict.fromkeys(_KIND_KEYS, 0),
    )


def inquiry_counts_by_agency(
    *, agency_ids: Collection[int], year: int, kind: str | None = None
) -> dict[int, InquiryCounts]:
    """:func:`inquiry_counts` of each of ``agency_ids`` (only concerns of ``kind`` if given):
    one query grouped by body, channel, kind and result."""
    groups = _INQUIRIES_GROUPED.rows((kind,), agencies=list(agency_ids), **year_days(year))
    out = {pk: _empty_inquiry_counts() for pk in agency_ids}
    for agency_id, channel, group_kind, result, n in groups:
        counts = out[agency_id]
        counts["total"] += n
        counts["by_result"][result or OPEN] += n
        counts["by_channel"][channel] += n
        counts["by_kind"][group_kind] += n
    return out


def _received_in_slots() -> Q:
    """Received in the year whose days a prepared query binds (see :func:`_year_range`)."""
    return Q(Among("agency_id", Slot.ids("agencies"))) & in_year("received_on")


def _inquiries_grouped(kind: str | None) -> QuerySet[Inquiry, Any]:
    queryset = Inquiry.objects.filter(_received_in_slots())
    if kind is not None:
        queryset = queryset.filter(kind=kind)
    return (
        queryset.order_by()
        .values("agency_id", "channel", "kind", "result")
        .annotate(n=Count("id"))
        .values_list("agency_id", "channel", "kind", "result", "n")
    )


#: The year's concerns grouped by body, channel, kind and result (compiled once per kind).
_INQUIRIES_GROUPED = PreparedQuery(_inquiries_grouped)
#: The year's proposals grouped by body, kind, 交办单位, result and whether the reply is published.
_PROPOSALS_GROUPED = PreparedQuery(
    lambda: (
        Proposal.objects.filter(_received_in_slots())
        .order_by()
        .values("agency_id", "kind", "source_body", "result", "reply_published")
        .annotate(n=Count("id"))
        .values_list("agency_id", "kind", "source_body", "result", "reply_published", "n")
    )
)


def proposal_counts(*, agency: Agency, year: int) -> ProposalCounts:
    """Totals of the year's proposals by kind, 交办单位 and result (one ``GROUP BY`` query)."""
    return proposal_counts_by_agency(agency_ids=[agency.pk], year=year)[agency.pk]


def proposal_counts_by_agency(
    *, agency_ids: Collection[int], year: int
) -> dict[int, ProposalCounts]:
    """:func:`proposal_counts` of each of ``agency_ids``: one query grouped by body, kind,
    交办单位, result and whether the reply is published."""
    groups = _PROPOSALS_GROUPED.rows(agencies=list(agency_ids), **year_days(year))
    out = {
        pk: ProposalCounts(
            total=0,
            handled=0,
            reply_published=0,
            by_kind=dict.fromkeys(_PROPOSAL_KIND_KEYS, 0),
            by_result=dict.fromkeys(_PROPOSAL_RESULT_KEYS, 0),
            by_source={},
        )
        for pk in agency_ids
    }
    for agency_id, kind, source, result, reply_published, n in groups:
        counts = out[agency_id]
        counts["total"] += n
        if result:
            counts["handled"] += n
        if reply_published:
            counts["reply_published"] += n
        counts["by_kind"][kind] += n
        counts["by_result"][result or OPEN] += n
        counts["by_source"][source] = counts["by_source"].get(source, 0) + n
    for counts in out.values():
        counts["by_source"] = dict(sorted(counts["by_source"].items()))
    return out


def inquiry_as_dict(inquiry: Inquiry) -> dict[str, Any]:
    """A concern without its personal data (no name, no phone, no content, no reply text)."""
    return {
        "id": inquiry.pk,
        "channel": inquiry.channel,
        "channel_label": inquiry.get_channel_display(),
        "kind": inquiry.kind,
        "kind_label": inquiry.get_kind_display(),
        "external_number": inquiry.external_number,
        "subject": inquiry.subject,
        "received_on": inquiry.received_on,
        "reply_due": inquiry.reply_due,
        "result": inquiry.result or None,
        "result_label": inquiry.get_result_display() if inquiry.result else None,
        "replied_on": inquiry.replied_on,
        "is_demo": inquiry.is_demo,
    }
