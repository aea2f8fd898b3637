"""Reads of applications: overdue cases and 表三 of a year, computed by the database."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, TypedDict

from django.db.models import Count, F, Q, QuerySet

from gongkai.agencies.models import Agency
from gongkai.applications.models import Application
from gongkai.applications.outcomes import OUTCOME_KEYS, ApplicantCategory
from gongkai.applications.states import Status

#: The 表三 columns in printed order (申请人情况, then 总计): report-json.md keys.
TABLE3_COLUMNS: tuple[str, ...] = (*(c.value for c in ApplicantCategory), "total")
#: 表三 rows: 一, 二, the 21 result rows of 三, （七）总计, 四.
TABLE3_ROW_KEYS: tuple[str, ...] = (
    "new",
    "carried_over",
    *OUTCOME_KEYS,
    "total",
    "carried_forward",
)

#: Outcome of a case that lapsed while awaiting 补正: its answer period never ran (条例 第三十条).
_NEVER_RAN_OUTCOME = "other_1"


class OverdueCase(TypedDict):
    number: str
    received: str
    due: str
    answered: str | None


def applications_of(agency: Agency) -> QuerySet[Application]:
    return Application.objects.filter(agency=agency)


def applications_overdue(*, agency: Agency, as_of: date) -> list[OverdueCase]:
    """Cases of ``agency`` overdue on ``as_of`` (``docs/ledger.md``): answered after their due
    day, or still unanswered after it. Cases waiting for a 补正 are not counted: their period
    runs from the receipt of the correction (条例 第三十条)."""
    due = F("reply_deadline__due")
    answered_late = Q(answered_on__lte=as_of, answered_on__gt=due)
    open_on_day = Q(answered_on__isnull=True) | Q(answered_on__gt=as_of)
    rows = (
        applications_of(agency)
        .filter(received_on__lte=as_of)
        .filter(answered_late | (open_on_day & Q(reply_deadline__due__lt=as_of)))
        .exclude(status=Status.AWAITING_CORRECTION)
        .exclude(outcome=_NEVER_RAN_OUTCOME)
        .order_by("received_on", "number")
        .values_list("number", "received_on", "reply_deadline__due", "answered_on")
    )
    return [
        OverdueCase(
            number=number,
            received=received.isoformat(),
            due=due_on.isoformat(),
            answered=answered.isoformat() if answered and answered <= as_of else None,
        )
        for number, received, due_on, answered in rows
    ]


def _open_after(day: date) -> Q:
    """Not concluded by the end of ``day``."""
    return Q(answered_on__isnull=True) | Q(answered_on__gt=day)


def _by_category(queryset: QuerySet[Application]) -> list[int]:
    """One 表三 line: counts per applicant column (GROUP BY in the database), then 总计."""
    counts = dict(
        queryset.order_by()
        .values("applicant_category")
        .annotate(n=Count("id"))
        .values_list("applicant_category", "n")
    )
    line = [int(counts.get(c.value, 0)) for c in ApplicantCategory]
    return [*line, sum(line)]


def table3_rows(*, agency: Agency, year: int) -> dict[str, list[int]]:
    """表三 收到和处理政府信息公开申请情况 of ``agency`` for ``year`` (regulations.md §1.7).

    一 = received in the year; 二 = received before it and not concluded before 1 January;
    三 = concluded in the year, by 办理结果 (（七）总计 their sum); 四 = received by 31 December
    and not concluded by then. So 一 + 二 = 三（七） + 四 holds in every column by construction.
    Each value is a list in :data:`TABLE3_COLUMNS` order.
    """
    first, last = date(year, 1, 1), date(year, 12, 31)
    cases = applications_of(agency)
    rows: dict[str, list[int]] = {
        "new": _by_category(cases.filter(received_on__gte=first, received_on__lte=last)),
        "carried_over": _by_category(
            cases.filter(Q(received_on__lt=first) & _open_after(first - timedelta(days=1)))
        ),
    }
    width = len(ApplicantCategory)
    results: dict[str, list[int]] = {key: [0] * width for key in OUTCOME_KEYS}
    index = {c.value: i for i, c in enumerate(ApplicantCategory)}
    grouped: Any = (
        cases.filter(answered_on__gte=first, answered_on__lte=last)
        .order_by()
        .values("outcome", "applicant_category")
        .annotate(n=Count("id"))
        .values_list("outcome", "applicant_category", "n")
    )
    for outcome, category, n in grouped:
        results[outcome][index[category]] = int(n)
    for key in OUTCOME_KEYS:
        line = results[key]
        rows[key] = [*line, sum(line)]
    rows["total"] = [sum(rows[key][i] for key in OUTCOME_KEYS) for i in range(width + 1)]
    rows["carried_forward"] = _by_category(
        cases.filter(Q(received_on__lte=last) & _open_after(last))
    )
    return {key: rows[key] for key in TABLE3_ROW_KEYS}
