"""Reads of 主动公开: review chains, overdue items, yearly counts and the 表二 figures."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from gongkai.agencies.models import Agency, Role
from gongkai.core.prepared import Among, PreparedQuery, Slot, in_year, year_days
from gongkai.publishing.models import (
    Channel,
    DisclosureMode,
    FigureItem,
    NormativeDocument,
    NormativeKind,
    Publication,
    PublicationChannel,
    PublishingSettings,
    ReviewStep,
    YearlyFigure,
)
from gongkai.publishing.states import PENDING_STATUSES, Status


def settings_of(agency: Agency) -> PublishingSettings:
    """The body's settings, or the defaults (unsaved) when it has none."""
    return PublishingSettings.objects.filter(agency=agency).first() or PublishingSettings(
        agency=agency
    )


@dataclass(frozen=True)
class StepSpec:
    order: int
    name: str
    role: str


#: “三审”: the chain a body uses until it configures its own.
DEFAULT_CHAIN = (
    StepSpec(1, "初审", Role.CLERK),
    StepSpec(2, "复审", Role.REVIEWER),
    StepSpec(3, "终审", Role.HEAD),
)


def review_chain(agency: Agency) -> list[StepSpec]:
    steps = [StepSpec(s.order, s.name, s.role) for s in ReviewStep.objects.filter(agency=agency)]
    return steps or list(DEFAULT_CHAIN)


# ---------------------------------------------------------------------------------------------
# Deadlines (条例 第二十六条)
# ---------------------------------------------------------------------------------------------


def due_of(publication: Publication) -> date | None:
    """The date by which the item must be public: the special term if a law sets one."""
    if publication.override_due is not None:
        return publication.override_due
    deadline = publication.publish_deadline
    return deadline.due if deadline is not None else None


def publications_overdue(*, agency: Agency, as_of: date) -> list[dict[str, Any]]:
    """Items owed to the public whose 第二十六条 term has passed on ``as_of``, and items
    published after their term (late), oldest due first."""
    rows = (
        Publication.objects.filter(agency=agency, publish_deadline__isnull=False)
        .filter(
            Q(
                status__in=PENDING_STATUSES,
                override_due__isnull=True,
                publish_deadline__due__lt=as_of,
            )
            | Q(status__in=PENDING_STATUSES, override_due__lt=as_of)
            | Q(
                status=Status.PUBLISHED,
                override_due__isnull=True,
                published_on__gt=F("publish_deadline__due"),
                published_on__lte=as_of,
            )
            | Q(
                status=Status.PUBLISHED,
                published_on__gt=F("override_due"),
                published_on__lte=as_of,
            )
        )
        .select_related("publish_deadline")
        .order_by("publish_deadline__due", "id")
    )
    result = []
    for p in rows:
        due = due_of(p)
        result.append(
            {
                "index_number": p.index_number,
                "title": p.title,
                "formed_on": p.formed_on.isoformat(),
                "due": due.isoformat() if due else None,
                "status": p.status,
                "published_on": p.published_on.isoformat() if p.published_on else None,
                "late": p.status == Status.PUBLISHED,
            }
        )
    return result


def withheld_due_for_review(*, agency: Agency, as_of: date) -> QuerySet[Publication]:
    """Withheld items whose periodic review (条例 第十八条) is due on ``as_of``."""
    return Publication.objects.filter(
        agency=agency,
        disclosure_mode=DisclosureMode.WITHHELD,
        review_due__isnull=False,
        review_due__lte=as_of,
    ).order_by("review_due", "id")


# ---------------------------------------------------------------------------------------------
# Yearly counts
# ---------------------------------------------------------------------------------------------


def publication_counts(*, agency: Agency, year: int) -> dict[str, Any]:
    """“本年度共发布信息N条，其中政府网站n条…”.

    ``total`` counts items made public in ``year`` once each; ``by_channel`` counts, per
    channel, the items that went out on it in ``year`` (an item on two channels counts in both).
    """
    return publication_counts_by_agency(agency_ids=[agency.pk], year=year)[agency.pk]


#: Items made public in the year, per body; then per body and channel (compiled once each).
_PUBLISHED_BY_AGENCY = PreparedQuery(
    lambda: (
        Publication.objects.filter(
            Among("agency_id", Slot.ids("agencies")),
            in_year("published_on"),
            status=Status.PUBLISHED,
        )
        .order_by()
        .values("agency_id")
        .annotate(n=Count("id"))
        .values_list("agency_id", "n")
    )
)
_CHANNELS_BY_AGENCY = PreparedQuery(
    lambda: (
        PublicationChannel.objects.filter(
            Among("publication__agency_id", Slot.ids("agencies")),
            in_year("published_on"),
            publication__status=Status.PUBLISHED,
        )
        .order_by()
        .values("publication__agency_id", "channel")
        .annotate(n=Count("id"))
        .values_list("publication__agency_id", "channel", "n")
    )
)


def publication_counts_by_agency(
    *, agency_ids: Collection[int], year: int
) -> dict[int, dict[str, Any]]:
    """:func:`publication_counts` of each of ``agency_ids``: two GROUP BY queries in all."""
    ids = list(agency_ids)
    days: dict[str, Any] = {"agencies": ids, **year_days(year)}
    totals: dict[int, int] = dict(_PUBLISHED_BY_AGENCY.rows(**days))
    channels: dict[int, dict[str, int]] = {pk: {} for pk in ids}
    grouped = _CHANNELS_BY_AGENCY.rows(**days)
    for agency_id, channel, n in grouped:
        channels[agency_id][channel] = n
    labels = [(c.value, c.label) for c in Channel]
    return {
        pk: {
            "total": totals.get(pk, 0),
            "by_channel": {label: channels[pk].get(value, 0) for value, label in labels},
        }
        for pk in ids
    }


def counts_sentence(counts: dict[str, Any], year: int) -> str:
    parts = [f"{label}{n}条" for label, n in counts["by_channel"].items() if n]
    text = f"{year}年度共发布信息{counts['total']}条"
    return text + ("，其中" + "、".join(parts) if parts else "") + "。"


# ---------------------------------------------------------------------------------------------
# 表二
# ---------------------------------------------------------------------------------------------


def _in_force(on: date | Slot) -> Q:
    """现行有效 on ``on``: made by then, neither repealed nor expired by then."""
    return (
        Q(made_on__lte=on)
        & (Q(repealed_on__isnull=True) | Q(repealed_on__gt=on))
        & (Q(expired_on__isnull=True) | Q(expired_on__gt=on))
    )


def normative_figures(*, agency: Agency, year: int) -> dict[str, dict[str, int]]:
    """表二 第二十条第（一）项 per kind: 本年制发件数, 本年废止件数, 现行有效件数 (on 31 Dec).

    An amendment does not count as a new document.
    """
    return normative_figures_by_agency(agency_ids=[agency.pk], year=year)[agency.pk]


def _normative_grouped() -> QuerySet[NormativeDocument, Any]:
    return (
        NormativeDocument.objects.filter(Among("agency_id", Slot.ids("agencies")))
        .order_by()
        .values("agency_id", "kind")
        .annotate(
            made=Count("id", filter=in_year("made_on")),
            repealed=Count("id", filter=in_year("repealed_on")),
            in_force=Count("id", filter=_in_force(Slot.date("last"))),
        )
        .values_list("agency_id", "kind", "made", "repealed", "in_force")
    )


_NORMATIVE_BY_AGENCY = PreparedQuery(_normative_grouped)


def normative_figures_by_agency(
    *, agency_ids: Collection[int], year: int
) -> dict[int, dict[str, dict[str, int]]]:
    """:func:`normative_figures` of each of ``agency_ids``: one query grouped by body and kind."""
    zero = {"made": 0, "repealed": 0, "in_force": 0}
    out = {pk: {kind.value: dict(zero) for kind in NormativeKind} for pk in agency_ids}
    grouped = _NORMATIVE_BY_AGENCY.rows(agencies=list(agency_ids), **year_days(year))
    for agency_id, kind, made, repealed, in_force in grouped:
        out[agency_id][kind] = {"made": made, "repealed": repealed, "in_force": in_force}
    return out


def in_force_count(*, agency: Agency, kind: str, on: date) -> int:
    return NormativeDocument.objects.filter(_in_force(on), agency=agency, kind=kind).count()


def fee_in_wan(amount_yuan: Decimal, decimals: int) -> str:
    """元 → 万元 as a decimal string with ``decimals`` places (表二 第二十条第（八）项)."""
    quantum = Decimal(1).scaleb(-decimals)
    return str((amount_yuan / Decimal(10000)).quantize(quantum, rounding=ROUND_HALF_UP))


def table2_figures(*, agency: Agency, year: int) -> dict[str, Any]:
    """The figures of 表二 from the records, each with its source."""
    return table2_figures_by_agency(agency_ids=[agency.pk], year=year)[agency.pk]


_YEARLY_FIGURES = PreparedQuery(
    lambda: (
        YearlyFigure.objects.filter(
            Among("agency_id", Slot.ids("agencies")), year=Slot.integer("year")
        )
        .order_by()
        .values_list("agency_id", "item", "value", "source", "note")
    )
)
_FEE_DECIMALS = PreparedQuery(
    lambda: (
        PublishingSettings.objects.filter(Among("agency_id", Slot.ids("agencies")))
        .order_by()
        .values_list("agency_id", "fee_decimals")
    )
)


def table2_figures_by_agency(
    *, agency_ids: Collection[int], year: int
) -> dict[int, dict[str, Any]]:
    """:func:`table2_figures` of each of ``agency_ids`` (three queries in all)."""
    ids = list(agency_ids)
    recorded: dict[int, dict[str, tuple[Decimal, str, str]]] = {pk: {} for pk in ids}
    for agency_id, item, value, source, note in _YEARLY_FIGURES.rows(agencies=ids, year=year):
        recorded[agency_id][item] = (value, source, note)
    decimals = dict(_FEE_DECIMALS.rows(agencies=ids))
    default_decimals = PublishingSettings().fee_decimals
    item_1 = normative_figures_by_agency(agency_ids=ids, year=year)

    def figure(pk: int, item: str) -> dict[str, Any]:
        f = recorded[pk].get(item)
        if f is None:
            return {"value": None, "source": None, "note": ""}
        value, source, note = f
        return {
            "value": int(value) if item != FigureItem.FEE else str(value),
            "source": source,
            "note": note,
        }

    out: dict[int, dict[str, Any]] = {}
    for pk in ids:
        fee = figure(pk, FigureItem.FEE)
        if fee["value"] is not None:
            fee["value_wan"] = fee_in_wan(Decimal(fee["value"]), decimals.get(pk, default_decimals))
        out[pk] = {
            "item_1": item_1[pk],
            "item_5": {"license": figure(pk, FigureItem.LICENSE)},
            "item_6": {
                "penalty": figure(pk, FigureItem.PENALTY),
                "coercion": figure(pk, FigureItem.COERCION),
            },
            "item_8": {"fee": fee},
        }
    return out


def publication_as_dict(publication: Publication) -> dict[str, Any]:
    return {
        "id": publication.pk,
        "agency": publication.agency.name,
        "index_number": publication.index_number,
        "title": publication.title,
        "document_number": publication.document_number,
        "formed_on": publication.formed_on,
        "published_on": publication.published_on,
        "article20_item": publication.article20_item,
        "status": publication.status,
        "url": publication.url,
    }
