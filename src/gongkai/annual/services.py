"""Writes of the annual report: section templates, recorded figures, and the versions of a
report from draft to publication. Each checks the actor's role and audits in its transaction."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.selectors import roles_of
from gongkai.annual import selectors
from gongkai.annual.compute import SECTION_KEYS, placeholder_names, report_compute
from gongkai.annual.figures import FIGURE_SOURCES
from gongkai.annual.models import (
    AnnualReport,
    RecordedFigure,
    Scope,
    SectionTemplate,
    TownshipDeadline,
)
from gongkai.annual.report.model import AnnualReport as Report
from gongkai.annual.rules import check_local_deadline, is_township, sets_township_deadlines
from gongkai.annual.states import AUDIT_CODES, TRANSITIONS, Action, Status, allowed_actions
from gongkai.audit.services import record
from gongkai.core.errors import (
    Conflict,
    IllegalTransition,
    NotFoundOrForbidden,
    PermissionDenied,
    ValidationFailed,
)
from gongkai.core.types import Actor

#: Roles that may write a body's templates and recorded figures.
EDITOR_ROLES = frozenset({Role.CLERK, Role.REVIEWER, Role.HEAD, Role.OVERSIGHT, Role.ADMIN})

_PLACEHOLDER_NAMES = frozenset(FIGURE_SOURCES)


def _roles(actor: Actor, agency: Agency) -> frozenset[str]:
    roles = roles_of(actor, agency) if actor is not None else frozenset()
    if not roles:
        raise NotFoundOrForbidden(f"机关“{agency.name}”不存在或无权操作")
    return roles


def _require_editor(actor: Actor, agency: Agency, what: str) -> None:
    if not _roles(actor, agency) & EDITOR_ROLES:
        raise PermissionDenied(f"{what}须由本机关的经办人、审核人、负责人或公开办办理")


# -- templates and recorded figures -------------------------------------------------------------


def section_template_set(
    *,
    actor: Actor,
    agency: Agency,
    section: str,
    text: str,
    year: int | None = None,
    is_demo: bool = False,
) -> SectionTemplate:
    """Write the text of one part; every ``{placeholder}`` must name a registered figure."""
    _require_editor(actor, agency, "编辑年度报告正文")
    if section not in SECTION_KEYS:
        raise ValidationFailed(f"未知的部分“{section}”，应为 1 至 6")
    unknown = sorted(set(placeholder_names(text)) - _PLACEHOLDER_NAMES)
    if unknown:
        raise ValidationFailed(
            "正文模板引用了未登记的数字来源：" + "、".join(f"{{{u}}}" for u in unknown),
            data={"unknown": unknown},
        )
    with transaction.atomic():
        template, created = SectionTemplate.objects.update_or_create(
            agency=agency, section=section, year=year, defaults={"text": text, "is_demo": is_demo}
        )
        record(
            actor=actor,
            action="annual_template.created" if created else "annual_template.updated",
            target=template,
            data={"section": section, "year": year, "length": len(text)},
        )
    return template


def recorded_figure_set(
    *,
    actor: Actor,
    agency: Agency,
    year: int,
    name: str,
    label: str,
    value: int,
    source: str,
    is_demo: bool = False,
) -> RecordedFigure:
    """Record a figure the text cites that no record holds, with where it comes from."""
    _require_editor(actor, agency, "登记年度报告数字")
    if value < 0:
        raise ValidationFailed("登记数字不能为负数")
    if not source.strip():
        raise ValidationFailed("登记数字须注明来源")
    with transaction.atomic():
        figure, created = RecordedFigure.objects.update_or_create(
            agency=agency,
            year=year,
            name=name,
            defaults={
                "label": label,
                "value": value,
                "source": source.strip(),
                "is_demo": is_demo,
            },
        )
        record(
            actor=actor,
            action="recorded_figure.created" if created else "recorded_figure.updated",
            target=figure,
            data={"year": year, "name": name, "value": value},
        )
    return figure


# -- versions of a report -----------------------------------------------------------------------


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def snapshot_hash(data: Any) -> str:
    return hashlib.sha256(canonical_json(data)).hexdigest()


def annual_report_draft(
    *,
    actor: Actor,
    agency: Agency,
    year: int,
    scope: str = Scope.OWN,
    correction_reason: str = "",
    is_demo: bool = False,
) -> AnnualReport:
    """Open the next version of the report (the open one if there is one). A version after a
    frozen one is a correction: its reason is required before it can be frozen."""
    roles = _roles(actor, agency)
    if not roles & (EDITOR_ROLES - {Role.ADMIN}):
        raise PermissionDenied("起草年度报告须由本机关的经办人、审核人、负责人或公开办办理")
    if scope not in Scope.values:
        raise ValidationFailed(f"未知的报告范围“{scope}”")
    with transaction.atomic():
        existing = (
            AnnualReport.objects.select_for_update()
            .filter(agency=agency, year=year, scope=scope)
            .order_by("-version")
        )
        current = existing.filter(status__in=[Status.DRAFT, Status.IN_REVIEW]).first()
        if current is not None:
            return current
        last = existing.aggregate(v=Max("version"))["v"] or 0
        report = AnnualReport.objects.create(
            agency=agency,
            year=year,
            scope=scope,
            version=last + 1,
            status=Status.DRAFT,
            correction_reason=correction_reason.strip(),
            deadline=selectors.report_deadline(agency, year),
            created_by_id=actor.pk if actor is not None and actor.is_authenticated else None,
            is_demo=is_demo,
        )
        record(
            actor=actor,
            action="annual_report.drafted",
            target=report,
            data={"year": year, "scope": scope, "version": report.version},
        )
    return report


def annual_report_transition(
    *,
    actor: Actor,
    report: AnnualReport,
    action: str,
    correction_reason: str = "",
    on: date | None = None,
) -> AnnualReport:
    """Apply one move of :data:`gongkai.annual.states.TRANSITIONS`.

    定稿 computes the report from the records now and stores it with its SHA-256; it is refused
    while any check finds an error (the errors are listed), and for a correction without its
    reason. 公布 records the day (``on``, default today) and whether it was after the statutory
    deadline (条例 第四十九条).
    """
    try:
        move_action = Action(action)
    except ValueError:
        raise ValidationFailed(f"未知的操作“{action}”") from None
    with transaction.atomic():
        locked = AnnualReport.objects.select_for_update().select_related("agency").get(pk=report.pk)
        roles = _roles(actor, locked.agency)
        status = Status(locked.status)
        move = TRANSITIONS.get((status, move_action))
        if move is None:
            raise IllegalTransition(
                f"年度报告处于“{status.label}”状态，不能“{move_action.label}”",
                data={"allowed": [a.value for a in allowed_actions(status, roles)]},
            )
        if not roles & move.roles:
            raise PermissionDenied(
                f"“{move_action.label}”须由"
                + "或".join(Role(r).label for r in sorted(move.roles))
                + "办理（年度报告由本机关负责人定稿、公布）"
            )
        fields = ["status", "updated_at"]
        data: dict[str, Any] = {"version": locked.version, "from": status.value}
        if move_action is Action.FREEZE:
            fields += _freeze(locked, actor, correction_reason)
            data["sha256"] = locked.sha256
        if move_action is Action.PUBLISH:
            locked.published_on = on or timezone.localdate()
            locked.published_by_id = actor.pk if actor is not None else None
            fields += ["published_on", "published_by"]
            data["published_on"] = locked.published_on.isoformat()
            data["deadline"] = locked.deadline.isoformat()
            data["overdue"] = locked.published_on > locked.deadline
        locked.status = move.target
        locked.save(update_fields=fields)
        data["to"] = locked.status
        record(actor=actor, action=AUDIT_CODES[move_action], target=locked, data=data)
    return locked


def _freeze(report: AnnualReport, actor: Actor, correction_reason: str) -> list[str]:
    fields: list[str] = []
    reason = correction_reason.strip() or report.correction_reason
    earlier = AnnualReport.objects.filter(
        agency=report.agency,
        year=report.year,
        scope=report.scope,
        version__lt=report.version,
        status__in=[Status.FROZEN, Status.PUBLISHED],
    ).exists()
    if earlier and not reason:
        raise ValidationFailed("本报告已有定稿版本，更正后重新定稿须写明更正原因")
    if reason != report.correction_reason:
        report.correction_reason = reason
        fields.append("correction_reason")
    computed = report_compute(
        agency=report.agency, year=report.year, consolidated=report.scope == Scope.CONSOLIDATED
    )
    if computed.errors:
        raise ValidationFailed(
            f"报告有{len(computed.errors)}处错误，不能定稿："
            + "；".join(f.message for f in computed.errors[:10]),
            code="report_has_errors",
            data={"findings": [f.to_json() for f in computed.errors]},
        )
    snapshot = computed.to_json()
    report.snapshot = snapshot
    report.sha256 = snapshot_hash(snapshot)
    report.frozen_at = timezone.now()
    report.frozen_by_id = actor.pk if actor is not None else None
    return [*fields, "snapshot", "sha256", "frozen_at", "frozen_by"]


def annual_report_freeze(
    *,
    actor: Actor,
    agency: Agency,
    year: int,
    scope: str = Scope.OWN,
    correction_reason: str = "",
) -> AnnualReport:
    """Draft (if needed), submit and freeze the report in one go: the 负责人's command."""
    if Role.HEAD not in _roles(actor, agency):
        raise PermissionDenied("年度报告由本机关负责人定稿")
    with transaction.atomic():
        report = annual_report_draft(
            actor=actor, agency=agency, year=year, scope=scope, correction_reason=correction_reason
        )
        if report.status == Status.DRAFT:
            report = annual_report_transition(actor=actor, report=report, action=Action.SUBMIT)
        return annual_report_transition(
            actor=actor, report=report, action=Action.FREEZE, correction_reason=correction_reason
        )


def annual_report_publish(
    *,
    actor: Actor,
    agency: Agency,
    year: int,
    scope: str = Scope.OWN,
    on: date | None = None,
) -> AnnualReport:
    """Publish the latest frozen version."""
    report = (
        AnnualReport.objects.filter(agency=agency, year=year, scope=scope, status=Status.FROZEN)
        .order_by("-version")
        .first()
    )
    if report is None:
        _roles(actor, agency)
        raise Conflict(f"{agency.name}{year}年度报告没有待公布的定稿版本，请先定稿")
    return annual_report_transition(actor=actor, report=report, action=Action.PUBLISH, on=on)


def snapshot_report(report: AnnualReport) -> Report:
    """The frozen report, after checking its SHA-256 (a changed snapshot is refused)."""
    if report.snapshot is None:
        raise ValidationFailed(f"{report}尚未定稿")
    if snapshot_hash(report.snapshot) != report.sha256:
        raise ValidationFailed(f"{report}的数据与定稿时的 SHA-256 不符，可能已被改动")
    return Report.from_json(report.snapshot)


# -- local deadlines ----------------------------------------------------------------------------

#: Who records the deadline local rules set for a government's townships.
DEADLINE_ROLES = frozenset({Role.OVERSIGHT, Role.ADMIN})


def township_deadline_set(
    *, actor: Actor, jurisdiction: Agency, month: int, day: int, source: str
) -> TownshipDeadline:
    """Record the day by which the 乡（镇）人民政府 under ``jurisdiction`` publish their annual
    report (local rules; regulations.md §1.10 [U]), with the rule it comes from. The reports of
    those townships not yet published take the new deadline at once. The 公开办 or 管理员 of
    ``jurisdiction`` records it, or a site administrator; ``actor`` ``None``: the operator at
    the command line."""
    allowed = actor is None or getattr(actor, "is_superuser", False)
    if not allowed and not roles_of(actor, jurisdiction) & DEADLINE_ROLES:  # type: ignore[arg-type]
        raise PermissionDenied(f"乡镇年度报告期限须由“{jurisdiction.name}”的公开办或管理员设定")
    if not sets_township_deadlines(jurisdiction):
        raise ValidationFailed(f"“{jurisdiction.name}”不是县级以上人民政府，其下没有乡（镇）")
    problem = check_local_deadline(month, day)
    if problem is not None:
        raise ValidationFailed(f"乡镇年度报告期限：{problem}")
    if not source.strip():
        raise ValidationFailed("请填写规定此期限的地方文件（名称、文号）")
    with transaction.atomic():
        deadline, created = TownshipDeadline.objects.update_or_create(
            jurisdiction=jurisdiction,
            defaults={"month": month, "day": day, "source": source.strip()},
        )
        moved = _deadlines_refresh(jurisdiction)
        record(
            actor=actor,
            action="annual.township_deadline.created"
            if created
            else "annual.township_deadline.updated",
            target=deadline,
            data={"month": month, "day": day, "reports_moved": moved},
        )
    return deadline


def _deadlines_refresh(jurisdiction: Agency) -> int:
    """Give the unpublished reports of the townships under ``jurisdiction`` their deadline now
    (the deadlines of each year counted once for all the townships)."""
    townships = [b for b in selectors.bodies_under(jurisdiction) if is_township(b)]
    reports = list(
        AnnualReport.objects.filter(agency__in=townships)
        .exclude(status=Status.PUBLISHED)
        .select_for_update()
    )
    deadlines = {
        (body.pk, year): day
        for year in {r.year for r in reports}
        for body, day in zip(townships, selectors.report_deadlines(townships, year), strict=True)
    }
    moved = 0
    for report in reports:
        deadline = deadlines[report.agency_id, report.year]
        if report.deadline != deadline:
            report.deadline = deadline
            report.save(update_fields=["deadline"])
            moved += 1
    return moved
