"""Freezing and publishing a report: 负责人 only, audited, figures fixed by a SHA-256 snapshot,
statutory deadlines of 条例 第四十九条 (regulations.md §1.10)."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.agencies.models import Agency
from gongkai.annual.compute import report_compute
from gongkai.annual.models import AnnualReport, Scope
from gongkai.annual.rules import statutory_deadline
from gongkai.annual.selectors import annual_reports_overdue
from gongkai.annual.services import (
    annual_report_draft,
    annual_report_freeze,
    annual_report_publish,
    annual_report_transition,
    snapshot_report,
)
from gongkai.annual.states import Status
from gongkai.applications.tests.factories import ApplicationFactory
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import (
    Conflict,
    IllegalTransition,
    NotFoundOrForbidden,
    PermissionDenied,
    ValidationFailed,
)
from gongkai.publishing.services import figure_set

pytestmark = pytest.mark.django_db


def _table2_recorded(agency: Agency, actor: Any, year: int = 2023) -> None:
    for item in ("license", "penalty", "coercion", "fee"):
        figure_set(actor=actor, agency=agency, year=year, item=item, value=0)


def _actions(report: AnnualReport) -> list[str]:
    return list(
        AuditEvent.objects.filter(target_type="annual.annualreport", target_id=str(report.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_head_freezes_and_the_snapshot_carries_its_hash(bureau: Agency, head: Any) -> None:
    _table2_recorded(bureau, head)
    report = annual_report_freeze(actor=head, agency=bureau, year=2023)
    assert report.status == Status.FROZEN
    assert report.version == 1
    assert len(report.sha256) == 64
    assert snapshot_report(report).agency == bureau.name
    assert _actions(report) == [
        "annual_report.drafted",
        "annual_report.submitted",
        "annual_report.frozen",
    ]


def test_frozen_figures_do_not_move_when_records_change(bureau: Agency, head: Any) -> None:
    """A case registered after the freeze changes the computed report, not the frozen one."""
    _table2_recorded(bureau, head)
    report = annual_report_freeze(actor=head, agency=bureau, year=2023)
    ApplicationFactory(agency=bureau, received_on=date(2023, 6, 1))
    assert report_compute(agency=bureau, year=2023).table3.cell("new", 6) == 1
    report.refresh_from_db()
    assert snapshot_report(report).table3.cell("new", 6) == 0


def test_a_changed_snapshot_is_refused(bureau: Agency, head: Any) -> None:
    _table2_recorded(bureau, head)
    report = annual_report_freeze(actor=head, agency=bureau, year=2023)
    snapshot = dict(report.snapshot or {})
    snapshot["agency"] = "别的机关"
    AnnualReport.objects.filter(pk=report.pk).update(snapshot=snapshot)
    report.refresh_from_db()
    with pytest.raises(ValidationFailed, match="SHA-256"):
        snapshot_report(report)


def test_only_the_head_freezes_and_a_stranger_sees_nothing(
    bureau: Agency, clerk: Any, reviewer: Any, other_agency_clerk: Any
) -> None:
    with pytest.raises(PermissionDenied, match="负责人"):
        annual_report_freeze(actor=clerk, agency=bureau, year=2023)
    draft = annual_report_draft(actor=clerk, agency=bureau, year=2023)
    draft = annual_report_transition(actor=clerk, report=draft, action="submit")
    with pytest.raises(PermissionDenied, match="负责人"):
        annual_report_transition(actor=reviewer, report=draft, action="freeze")
    with pytest.raises(NotFoundOrForbidden):
        annual_report_transition(actor=other_agency_clerk, report=draft, action="return")


def test_a_report_with_an_error_cannot_be_frozen(bureau: Agency, head: Any) -> None:
    """表二 figures never recorded: ``source.missing`` is an error, and freezing is refused."""
    with pytest.raises(ValidationFailed, match="不能定稿") as exc:
        annual_report_freeze(actor=head, agency=bureau, year=2023)
    assert {f["rule"] for f in exc.value.data["findings"]} == {"source.missing"}
    assert not AnnualReport.objects.filter(status=Status.FROZEN).exists()


def test_a_correction_is_a_new_version_with_its_reason(bureau: Agency, head: Any) -> None:
    _table2_recorded(bureau, head)
    first = annual_report_freeze(actor=head, agency=bureau, year=2023)
    annual_report_publish(actor=head, agency=bureau, year=2023, on=date(2024, 1, 20))
    ApplicationFactory(agency=bureau, received_on=date(2023, 6, 1))
    with pytest.raises(ValidationFailed, match="更正原因"):
        annual_report_freeze(actor=head, agency=bureau, year=2023)
    second = annual_report_freeze(
        actor=head, agency=bureau, year=2023, correction_reason="补录6月1日收到的申请"
    )
    assert second.version == 2
    assert second.correction_reason == "补录6月1日收到的申请"
    first.refresh_from_db()
    assert first.status == Status.PUBLISHED
    assert snapshot_report(first).table3.cell("new", 6) == 0
    assert snapshot_report(second).table3.cell("new", 6) == 1


def test_deadlines_follow_article_49(county: Agency, bureau: Agency) -> None:
    """条例 第四十九条: departments by 1月31日, a 人民政府's report by 3月31日."""
    assert statutory_deadline(bureau, 2023) == date(2024, 1, 31)
    assert statutory_deadline(county, 2023) == date(2024, 3, 31)


def test_publishing_after_the_deadline_is_flagged(bureau: Agency, head: Any) -> None:
    _table2_recorded(bureau, head)
    annual_report_freeze(actor=head, agency=bureau, year=2023)
    report = annual_report_publish(actor=head, agency=bureau, year=2023, on=date(2024, 2, 5))
    assert report.status == Status.PUBLISHED
    assert report.is_overdue(date(2024, 3, 1))
    event = AuditEvent.objects.get(action="annual_report.published")
    assert event.data["overdue"] is True
    assert event.data["deadline"] == "2024-01-31"
    with pytest.raises(IllegalTransition):
        annual_report_transition(actor=head, report=report, action="publish")


def test_an_unpublished_report_is_overdue_after_the_deadline(bureau: Agency, head: Any) -> None:
    report = annual_report_draft(actor=head, agency=bureau, year=2023)
    assert not report.is_overdue(date(2024, 1, 31))
    assert report.is_overdue(date(2024, 2, 1))


def test_publish_without_a_frozen_version_is_refused(bureau: Agency, head: Any) -> None:
    with pytest.raises(Conflict, match="先定稿"):
        annual_report_publish(actor=head, agency=bureau, year=2023)


def test_freeze_and_publish_commands(bureau: Agency, head: Any) -> None:
    _table2_recorded(bureau, head)
    out = StringIO()
    common = ["--agency", bureau.name, "--year", "2023", "--user", head.username]
    call_command("report", "freeze", *common, stdout=out)
    assert "已定稿" in out.getvalue()
    assert "2024-01-31" in out.getvalue()
    call_command("report", "publish", *common, stdout=out)
    assert "已公布" in out.getvalue()
    report = AnnualReport.objects.get(agency=bureau, year=2023, scope=Scope.OWN)
    assert report.status == Status.PUBLISHED
    rendered = StringIO()
    call_command(
        "report",
        "render",
        "--agency",
        bureau.name,
        "--year",
        "2023",
        "--to",
        "json",
        "-o",
        "-",
        stdout=rendered,
    )
    assert json.loads(rendered.getvalue()) == report.snapshot


def test_freeze_command_refused_for_a_clerk(bureau: Agency, clerk: Any) -> None:
    with pytest.raises(CommandError, match="负责人"):
        call_command(
            "report", "freeze", "--agency", bureau.name, "--year", "2023", "--user", clerk.username
        )


def test_overdue_reports_of_a_county(county: Agency, bureau: Agency, head: Any) -> None:
    """On 2024-02-01 the bureau (1月31日) is overdue, the government (3月31日) is not yet."""
    assert annual_reports_overdue(government=county, year=2023, as_of=date(2024, 2, 1)) == [
        {"agency": bureau.name, "deadline": "2024-01-31", "published_on": None}
    ]
    _table2_recorded(bureau, head)
    annual_report_freeze(actor=head, agency=bureau, year=2023)
    annual_report_publish(actor=head, agency=bureau, year=2023, on=date(2024, 1, 30))
    late = annual_reports_overdue(government=county, year=2023, as_of=date(2024, 4, 1))
    assert late == [{"agency": county.name, "deadline": "2024-03-31", "published_on": None}]
