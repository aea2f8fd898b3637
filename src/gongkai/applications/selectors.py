"""Reads of applications: overdue cases and 表三 of a year, computed by the database."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from datetime import date, timedelta
from difflib import SequenceMatcher
from typing import Any, TypedDict

from django.db.models import Count, F, Max, Min, Q, QuerySet
from django.db.models.functions import Coalesce

from gongkai.agencies.models import Agency
from gongkai.applications import ledger
from gongkai.applications.models import Application, Consultation
from gongkai.applications.outcomes import OUTCOME_KEYS, ApplicantCategory, Channel
from gongkai.applications.states import OPEN_STATUSES, Status
from gongkai.core.errors import NotFoundOrForbidden
from gongkai.core.prepared import Among, PreparedQuery, Slot, year_days
from gongkai.workdays.selectors import calendar_get

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
#: Statuses of a case that received a real answer (not withdrawn or abandoned).
_ANSWERED_STATUSES = (Status.ANSWERED, Status.ARCHIVED)


class OverdueCase(TypedDict):
    number: str
    received: str
    due: str
    answered: str | None


def applications_of(agency: Agency) -> QuerySet[Application]:
    return Application.objects.filter(agency=agency)


def with_effective_due(cases: QuerySet[Application]) -> QuerySet[Any]:
    """``effective_due``: the 第三十五条 delayed answer date where one was set, else the
    answer deadline (20 working days, 第三十三条, with its pauses and extension)."""
    return cases.annotate(effective_due=Coalesce("delayed_until", "reply_deadline__due"))


def applications_overdue(*, agency: Agency, as_of: date) -> list[OverdueCase]:
    """Cases of ``agency`` overdue on ``as_of`` (``docs/ledger.md``): answered after their due
    day, or still unanswered after it. Cases waiting for a 补正 are not counted: their period
    runs from the receipt of the correction (条例 第三十条)."""
    answered_late = Q(answered_on__lte=as_of, answered_on__gt=F("effective_due"))
    open_on_day = Q(answered_on__isnull=True) | Q(answered_on__gt=as_of)
    rows = (
        with_effective_due(applications_of(agency))
        .filter(received_on__lte=as_of)
        .filter(answered_late | (open_on_day & Q(effective_due__lt=as_of)))
        .exclude(status=Status.AWAITING_CORRECTION)
        .exclude(outcome=_NEVER_RAN_OUTCOME)
        .order_by("received_on", "number")
        .values_list("number", "received_on", "effective_due", "answered_on")
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


def table3_row_filter(row: str, year: int) -> Q:
    """Which applications one 表三 row of ``year`` counts (regulations.md §1.7): the one
    definition behind both the figures and the drill-down to the cases."""
    return _table3_row_q(row, **_year_days(year))


def _year_days(year: int) -> dict[str, date]:
    """The days a 表三 row's definition needs: 1 January, 31 December, and the day before."""
    days = year_days(year)
    return {**days, "eve": days["first"] - timedelta(days=1)}


def _table3_row_q(row: str, *, first: Any, last: Any, eve: Any) -> Q:
    """:func:`table3_row_filter` with its days given (dates, or slots of a prepared query)."""
    if row == "new":
        return Q(received_on__gte=first, received_on__lte=last)
    if row == "carried_over":
        return Q(received_on__lt=first) & _open_after(eve)
    if row == "carried_forward":
        return Q(received_on__lte=last) & _open_after(last)
    concluded = Q(answered_on__gte=first, answered_on__lte=last)
    if row == "total":
        return concluded
    if row in OUTCOME_KEYS:
        return concluded & Q(outcome=row)
    raise NotFoundOrForbidden(f"表三没有“{row}”这一行")


def table3_cell_cases(*, agency: Agency, year: int, row: str, column: str) -> QuerySet[Application]:
    """The applications behind one cell of 表三 (staff drill-down), oldest first."""
    cases = applications_of(agency).filter(table3_row_filter(row, year))
    if column != "total":
        if column not in {c.value for c in ApplicantCategory}:
            raise NotFoundOrForbidden(f"表三没有“{column}”这一列")
        cases = cases.filter(applicant_category=column)
    return cases.order_by("received_on", "number")


def table3_rows(*, agency: Agency, year: int) -> dict[str, list[int]]:
    """表三 收到和处理政府信息公开申请情况 of ``agency`` for ``year`` (regulations.md §1.7).

    一 = received in the year; 二 = received before it and not concluded before 1 January;
    三 = concluded in the year, by 办理结果 (（七）总计 their sum); 四 = received by 31 December
    and not concluded by then. So 一 + 二 = 三（七） + 四 holds in every column by construction.
    Each value is a list in :data:`TABLE3_COLUMNS` order. (:func:`table3_rows_by_agency` for
    one body.)
    """
    return table3_rows_by_agency(agency_ids=[agency.pk], year=year)[agency.pk]


_TABLE3_ROWS_OF = ("new", "carried_over", "total", "carried_forward")
#: The rows counted per applicant column (三（七）总计 is their sum over the outcomes).
_TABLE3_LINE_KEYS = ("new", "carried_over", *OUTCOME_KEYS, "carried_forward")


def _table3_grouped() -> QuerySet[Application, Any]:
    days = {name: Slot.date(name) for name in ("first", "last", "eve")}
    filters = {row: _table3_row_q(row, **days) for row in _TABLE3_ROWS_OF}
    return (
        Application.objects.filter(
            Among("agency_id", Slot.ids("agencies")),
            filters["new"]
            | filters["carried_over"]
            | filters["total"]
            | filters["carried_forward"],
        )
        .order_by()
        .values("agency_id", "applicant_category", "outcome")
        .annotate(**{row: Count("id", filter=filters[row]) for row in _TABLE3_ROWS_OF})
        .values_list("agency_id", "applicant_category", "outcome", *_TABLE3_ROWS_OF)
    )


#: 表三's one GROUP BY, compiled once (see :mod:`gongkai.core.prepared`).
_TABLE3_GROUPED = PreparedQuery(_table3_grouped)


def table3_rows_by_agency(
    *, agency_ids: Collection[int], year: int
) -> dict[int, dict[str, list[int]]]:
    """表三 of ``year`` for each of ``agency_ids`` (see :func:`table3_rows`), from ONE query:
    ``GROUP BY agency, applicant column, outcome`` over the applications any row counts, each
    row a filtered count of its :func:`table3_row_filter`. A body without applications gets a
    table of zeros."""
    grouped = _TABLE3_GROUPED.rows(agencies=list(agency_ids), **_year_days(year))
    # Each body's cells in one flat list, row after row (thousands of bodies × dozens of
    # groups: no per-cell dictionaries).
    width = len(ApplicantCategory)
    index = {c.value: i for i, c in enumerate(ApplicantCategory)}
    start = {key: n * width for n, key in enumerate(_TABLE3_LINE_KEYS)}
    new_at, over_at, forward_at = start["new"], start["carried_over"], start["carried_forward"]
    cells_of: dict[int, list[int]] = {}
    for agency_id, category, outcome, new, carried_over, total, carried_forward in grouped:
        cells = cells_of.get(agency_id)
        if cells is None:
            cells = cells_of[agency_id] = [0] * (len(_TABLE3_LINE_KEYS) * width)
        i = index[category]
        cells[new_at + i] += new
        cells[over_at + i] += carried_over
        cells[forward_at + i] += carried_forward
        if total:
            cells[start[outcome] + i] += total
    out: dict[int, dict[str, list[int]]] = {}
    for pk in agency_ids:
        cells = cells_of.get(pk)
        if cells is None:
            out[pk] = {key: [0] * (width + 1) for key in TABLE3_ROW_KEYS}
            continue
        rows: dict[str, list[int]] = {}
        for key, at in start.items():
            values = cells[at : at + width]
            values.append(sum(values))
            rows[key] = values
        rows["total"] = [
            sum(column) for column in zip(*(rows[k] for k in OUTCOME_KEYS), strict=True)
        ]
        out[pk] = {key: rows[key] for key in TABLE3_ROW_KEYS}
    return out


#: How alike two requests must be to be shown as a possible 重复申请 (0–1, difflib ratio).
#: 条例 第三十六条第（六）项: "行政机关已就申请人提出的政府信息公开申请作出答复、申请人重复申请
#: 公开相同政府信息的，告知申请人不予重复处理". The officer decides; this only points the case out.
REPEAT_SIMILARITY = 0.8

_NOT_TEXT = re.compile(r"[\s\W_]+", re.UNICODE)


def _normalized(text: str) -> str:
    return _NOT_TEXT.sub("", unicodedata.normalize("NFKC", text)).lower()


def same_applicant(application: Application) -> Q | None:
    """Who counts as the same applicant: the same 身份证明号码, or, without one, the same name
    and phone; None when the application names neither (nothing is guessed)."""
    if application.applicant_id_number:
        return Q(applicant_id_number=application.applicant_id_number)
    if application.applicant_name and application.applicant_phone:
        return Q(
            applicant_name=application.applicant_name,
            applicant_phone=application.applicant_phone,
        )
    return None


def earlier_in_month(application: Application) -> int:
    """件 the same applicant made to the body earlier in the same 自然月 (国办函〔2020〕109号
    第四条: 按件 fees count per applicant and calendar month). Unknown applicant: 0."""
    same_person = same_applicant(application)
    if same_person is None:
        return 0
    received = application.received_on
    month_start = received.replace(day=1)
    return (
        applications_of(application.agency)
        .filter(same_person, received_on__gte=month_start)
        .filter(Q(received_on__lt=received) | Q(received_on=received, pk__lt=application.pk))
        .count()
    )


def repeat_candidates(application: Application) -> list[Application]:
    """Earlier, already answered applications of the same applicant asking for the same thing.

    The same applicant is the same 身份证明号码, or, without one, the same name and phone; the
    same thing is a request text at least :data:`REPEAT_SIMILARITY` alike after removing
    punctuation and spaces (条例 第三十六条第（六）项).
    """
    same_person = same_applicant(application)
    if same_person is None:
        return []
    wanted = _normalized(application.request_content)
    earlier = (
        applications_of(application.agency)
        .filter(same_person, answered_on__isnull=False, status__in=_ANSWERED_STATUSES)
        .filter(received_on__lte=application.received_on)
        .exclude(pk=application.pk)
        .order_by("-received_on", "-id")
    )
    return [
        case
        for case in earlier
        if SequenceMatcher(None, wanted, _normalized(case.request_content)).ratio()
        >= REPEAT_SIMILARITY
    ]


def ledger_rows(*, agency: Agency, with_applicant: bool = False) -> list[dict[str, object]]:
    """The body's applications as ledger rows (``docs/ledger.md`` columns), oldest first.

    The 申请人 column stays empty unless ``with_applicant``: an export leaves personal data out
    unless it needs it. A case consulted more than once shows its first sending and last end.
    """
    consultations = (
        Consultation.objects.filter(application__agency=agency)
        .values("application_id")
        .annotate(first_sent=Min("sent_on"), last_ended=Max("ended_on"))
    )
    consulted = {row["application_id"]: row for row in consultations}
    rows: list[dict[str, object]] = []
    for case in applications_of(agency).order_by("received_on", "number"):
        consultation = consulted.get(case.pk, {})
        rows.append(
            {
                ledger.NUMBER: case.number,
                ledger.RECEIVED: case.received_on,
                ledger.CHANNEL: Channel(case.channel).label,
                ledger.CATEGORY: ApplicantCategory(case.applicant_category).label,
                ledger.APPLICANT: case.applicant_name if with_applicant else None,
                ledger.REQUEST: case.request_content,
                ledger.CORRECTION_NOTICE: case.correction_requested_on,
                ledger.CORRECTION_RECEIVED: case.correction_received_on,
                ledger.CONSULTATION_SENT: consultation.get("first_sent"),
                ledger.CONSULTATION_ENDED: consultation.get("last_ended"),
                ledger.EXTENSION_NOTICE: case.extended_on,
                ledger.ANSWERED: case.answered_on,
                ledger.OUTCOME: ledger.outcome_ledger_label(case.outcome) if case.outcome else None,
                ledger.NOTE: case.note or None,
            }
        )
    return rows


class ReminderCase(TypedDict):
    number: str
    received: str
    due: str
    provisional: bool
    status: str


def applications_due_soon(*, agency: Agency, as_of: date, within: int) -> list[ReminderCase]:
    """Open cases whose answer is due within ``within`` working days after ``as_of`` (inclusive
    of ``as_of`` itself). Cases waiting for a 补正 are left out: their period has not started
    (条例 第三十条)."""
    limit = calendar_get().add(as_of, within)
    rows = (
        with_effective_due(applications_of(agency))
        .filter(status__in=OPEN_STATUSES, received_on__lte=as_of)
        .exclude(status=Status.AWAITING_CORRECTION)
        .filter(effective_due__gte=as_of, effective_due__lte=limit)
        .order_by("effective_due", "number")
        .values_list(
            "number", "received_on", "effective_due", "reply_deadline__provisional", "status"
        )
    )
    return [
        ReminderCase(
            number=number,
            received=received.isoformat(),
            due=due.isoformat(),
            provisional=provisional,
            status=Status(status).label,
        )
        for number, received, due, provisional, status in rows
    ]
