"""Reads of 复议 and 诉讼 cases: 表四 (counted in the database), lists, reminders."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, CharField, Count, Model, Q, QuerySet, Value, When

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import access_agency
from gongkai.appeals import rules
from gongkai.appeals.models import AppealCase, CaseKind, LitigationRoute, ResultMapping
from gongkai.core.errors import NotFoundOrForbidden, ValidationFailed
from gongkai.core.prepared import Among, PreparedQuery, Slot, year_days
from gongkai.workdays.selectors import calendar_get

Table4 = dict[str, dict[str, int]]


def access_appeal(user: AbstractBaseUser | AnonymousUser, agency: str, pk: int) -> AppealCase:
    """Case ``pk`` of the body named ``agency`` if ``user`` may read it; missing and forbidden
    give the same answer."""
    body = access_agency(user, agency)
    case = AppealCase.objects.select_related("agency").filter(agency=body, pk=pk).first()
    if case is None:
        raise NotFoundOrForbidden(f"案件“{pk}”不存在或无权查看")
    return case


def applications_by_number(*, agency: Agency, numbers: Sequence[str]) -> list[Model]:
    """The body's 政府信息公开 applications with these 申请编号 (all must exist).

    The model is reached through the M2M field: sibling apps do not import each other.
    """
    model = cast("type[Model]", AppealCase._meta.get_field("applications").related_model)
    wanted = list(dict.fromkeys(n.strip() for n in numbers if n.strip()))
    found = {
        row.number: row  # type: ignore[attr-defined]
        for row in model._default_manager.filter(agency=agency, number__in=wanted)
    }
    missing = [n for n in wanted if n not in found]
    if missing:
        raise ValidationFailed(
            f"本机关没有申请编号为“{'、'.join(missing)}”的申请", code="unknown_application"
        )
    return [found[n] for n in wanted]


# -- 表四 ---------------------------------------------------------------------------------------


def result_columns() -> dict[str, str]:
    """Result → 表四 column: ``rules.DEFAULT_RESULT_COLUMNS`` with the admin's overrides."""
    columns = dict(rules.DEFAULT_RESULT_COLUMNS)
    columns.update(_RESULT_MAPPING.rows())
    return columns


_RESULT_MAPPING = PreparedQuery(lambda: ResultMapping.objects.values_list("result", "column"))


def counting_rule() -> str:
    """The deployment's counting rule (setting ``GONGKAI_APPEALS_TABLE4_COUNTING``)."""
    value = getattr(settings, rules.COUNTING_SETTING, rules.DEFAULT_COUNTING)
    if value not in rules.COUNTING_RULES:
        raise ValidationFailed(
            f"{rules.COUNTING_SETTING}=“{value}”无效，可选：{'、'.join(rules.COUNTING_RULES)}"
        )
    return str(value)


def table4_empty() -> Table4:
    return {group: {c: 0 for c, _ in rules.TABLE4_COLUMNS} for group, _ in rules.TABLE4_GROUPS}


def table4_counted(*, year: int, counting: str | None = None) -> QuerySet[Any]:
    """The cases 表四 of ``year`` counts, of every body, annotated with their group
    (``t4_group``) and column (``t4_column``): the one definition behind the figures and the
    drill-down. (Typed ``Any``: the stubs cannot follow annotations into later filters.)"""
    rule = _checked_rule(counting)
    return _table4_annotated(rule, tuple(result_columns().items()), **year_days(year))


def _checked_rule(counting: str | None) -> str:
    rule = counting or counting_rule()
    if rule not in rules.COUNTING_RULES:
        raise ValidationFailed(f"统计口径“{rule}”无效，可选：{'、'.join(rules.COUNTING_RULES)}")
    return rule


def _table4_annotated(
    rule: str, mapping: tuple[tuple[str, str], ...], *, first: Any, last: Any
) -> QuerySet[Any]:
    """:func:`table4_counted` with its rule, result mapping and days given (dates, or slots of
    a prepared query)."""
    decided_by_end = Q(decided_on__isnull=False, decided_on__lte=last)
    if rule == rules.COUNTING_DECIDED_OR_PENDING:
        counted = Q(decided_on__gte=first, decided_on__lte=last) | (
            Q(filed_on__lte=last) & ~decided_by_end
        )
    else:
        counted = Q(filed_on__gte=first, filed_on__lte=last)
    by_column: dict[str, list[str]] = {c: [] for c in rules.RESULT_COLUMNS}
    for result, column in mapping:
        by_column[column].append(result)
    column_case = Case(
        *(
            When(decided_by_end & Q(result__in=sorted(results)), then=Value(column))
            for column, results in by_column.items()
            if results
        ),
        default=Value("pending"),
        output_field=CharField(),
    )
    group_case = Case(
        When(kind=CaseKind.REVIEW, then=Value("review")),
        When(route=LitigationRoute.DIRECT, then=Value("litigation_direct")),
        default=Value("litigation_after_review"),
        output_field=CharField(),
    )
    return AppealCase.objects.filter(counted, role__in=rules.TABLE4_COUNTED_ROLES).annotate(
        t4_group=group_case, t4_column=column_case
    )


def table4_cases(*, agency: Agency, year: int, counting: str | None = None) -> QuerySet[Any]:
    """The cases of ``agency`` that 表四 of ``year`` counts (see :func:`table4_counted`)."""
    return table4_counted(year=year, counting=counting).filter(agency=agency)


def table4_cell_cases(*, agency: Agency, year: int, group: str, column: str) -> QuerySet[Any]:
    """The cases behind one cell of 表四 (staff drill-down), oldest first."""
    if group not in {g for g, _ in rules.TABLE4_GROUPS}:
        raise NotFoundOrForbidden(f"表四没有“{group}”这一组")
    cases = table4_cases(agency=agency, year=year).filter(t4_group=group)
    if column != "total":
        if column not in {c for c, _ in rules.TABLE4_COLUMNS}:
            raise NotFoundOrForbidden(f"表四没有“{column}”这一列")
        cases = cases.filter(t4_column=column)
    return cases.order_by("filed_on", "id")


def table4(*, agency: Agency, year: int, counting: str | None = None) -> Table4:
    """表四 of ``agency`` for ``year``, shaped like ``table4`` of report-json.md.

    Counted: cases where the body is 被申请人 or 被告 (``rules.TABLE4_COUNTED_ROLES``); a
    复议机关 — deciding, or 共同被告 under 行政诉讼法 第二十六条第二款 — does not count the case
    (国办公开办函〔2016〕201号). A lawsuit after 复议 is its own row: it counts once, in
    ``litigation_after_review``; the 复议 before it counts in ``review`` in its own year.
    Year: see ``rules.COUNTING_RULES``. 总计 is the sum of the four columns.
    """
    return table4_by_agency(agency_ids=[agency.pk], year=year, counting=counting)[agency.pk]


def _table4_grouped(rule: str, mapping: tuple[tuple[str, str], ...]) -> Any:
    return (
        _table4_annotated(rule, mapping, first=Slot.date("first"), last=Slot.date("last"))
        .filter(Among("agency_id", Slot.ids("agencies")))
        .values("agency_id", "t4_group", "t4_column")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("agency_id", "t4_group", "t4_column", "n")
    )


#: 表四's one GROUP BY, compiled once per counting rule and result mapping.
_TABLE4_GROUPED = PreparedQuery(_table4_grouped)


def table4_by_agency(
    *, agency_ids: Collection[int], year: int, counting: str | None = None
) -> dict[int, Table4]:
    """表四 of ``year`` for each of ``agency_ids`` (see :func:`table4`): one query grouped by
    body, group and column; a body without cases gets a table of zeros."""
    shape = (_checked_rule(counting), tuple(sorted(result_columns().items())))
    rows = _TABLE4_GROUPED.rows(shape, agencies=list(agency_ids), **year_days(year))
    tables = {pk: table4_empty() for pk in agency_ids}
    for agency_id, group, column, n in rows:
        tables[agency_id][group][column] += n
    for table in tables.values():
        for cells in table.values():
            cells["total"] = sum(cells[c] for c, _ in rules.TABLE4_COLUMNS if c != "total")
    return tables


# -- lists and reminders ------------------------------------------------------------------------


def appeal_list(
    *, agency: Agency, year: int | None = None, open_only: bool = False
) -> QuerySet[AppealCase]:
    """The body's cases, newest first; ``year`` filters on the filing date."""
    queryset = AppealCase.objects.filter(agency=agency)
    if year is not None:
        queryset = queryset.filter(filed_on__year=year)
    if open_only:
        queryset = queryset.filter(decided_on__isnull=True)
    return queryset.order_by("-filed_on", "-id")


def _awaiting_answer(agency: Agency) -> QuerySet[AppealCase]:
    return AppealCase.objects.filter(
        agency=agency,
        answer_due__isnull=False,
        answered_on__isnull=True,
        decided_on__isnull=True,
    )


def appeals_due_soon(
    *, agency: Agency, as_of: date, within: int = rules.DUE_SOON_WORKING_DAYS
) -> QuerySet[AppealCase]:
    """Cases whose 答复/答辩 is due from ``as_of`` to ``within`` working days after it."""
    if isinstance(within, bool) or not isinstance(within, int) or within < 0:
        raise ValidationFailed(f"提醒天数应为非负整数，收到“{within}”")
    until = calendar_get().add(as_of, within)
    return (
        _awaiting_answer(agency)
        .filter(answer_due__gte=as_of, answer_due__lte=until)
        .order_by("answer_due", "id")
    )


def appeals_overdue(*, agency: Agency, as_of: date) -> QuerySet[AppealCase]:
    """Cases whose 答复/答辩 was due before ``as_of`` and is not recorded as submitted."""
    return _awaiting_answer(agency).filter(answer_due__lt=as_of).order_by("answer_due", "id")


def appeal_as_dict(case: AppealCase, columns: dict[str, str] | None = None) -> dict[str, Any]:
    """The API shape of a case (no applicant's personal data is stored on a case)."""
    column = (columns or result_columns()).get(case.result) if case.result else None
    return {
        "id": case.pk,
        "kind": case.kind,
        "kind_label": case.get_kind_display(),
        "route": case.route or None,
        "route_label": case.get_route_display() if case.route else None,
        "role": case.role,
        "role_label": case.get_role_display(),
        "procedure": case.procedure or None,
        "case_number": case.case_number,
        "filed_on": case.filed_on,
        "accepted_on": case.accepted_on,
        "copy_received_on": case.copy_received_on,
        "answer_due": case.answer_due,
        "answer_due_provisional": case.answer_due_provisional,
        "answered_on": case.answered_on,
        "deciding_body": case.deciding_body,
        "decided_on": case.decided_on,
        "result": case.result or None,
        "result_label": case.get_result_display() if case.result else None,
        "table4_column": column,
        "is_demo": case.is_demo,
    }
