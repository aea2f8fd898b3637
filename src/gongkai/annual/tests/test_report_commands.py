"""``gongkai report compute|render`` over the records (report-json.md exit statuses)."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from gongkai.agencies.models import Agency
from gongkai.annual.report.parsers import read_report
from gongkai.publishing.services import figure_set

pytestmark = pytest.mark.django_db


def _recorded(agency: Agency, actor: Any) -> None:
    for item in ("license", "penalty", "coercion", "fee"):
        figure_set(actor=actor, agency=agency, year=2023, item=item, value=0)


def test_compute_text_names_the_body_and_exits_0_without_errors(bureau: Agency, clerk: Any) -> None:
    _recorded(bureau, clerk)
    out = StringIO()
    call_command("report", "compute", "--agency", bureau.name, "--year", "2023", stdout=out)
    assert bureau.name in out.getvalue()
    assert "错误 0" in out.getvalue()


def test_compute_exits_1_when_a_source_is_missing(bureau: Agency) -> None:
    """表二 never recorded: the computed report has an error finding, so the exit status is 1."""
    out = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("report", "compute", "--agency", bureau.name, "--year", "2023", stdout=out)
    assert exit_info.value.code == 1
    assert "source.missing" in out.getvalue()


def test_unknown_body_is_a_usage_error(db: None) -> None:
    with pytest.raises(CommandError, match="不存在"):
        call_command("report", "compute", "--agency", "不存在的局", "--year", "2023")


@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
def test_render_writes_a_file_the_auditor_reads_back(
    bureau: Agency, clerk: Any, tmp_path: Path, fmt: str
) -> None:
    _recorded(bureau, clerk)
    target = tmp_path / f"report.{fmt}"
    out = StringIO()
    call_command(
        "report",
        "render",
        "--agency",
        bureau.name,
        "--year",
        "2023",
        "--to",
        fmt,
        "-o",
        str(target),
        stdout=out,
    )
    assert "已生成" in out.getvalue()
    report = read_report(str(target))
    assert report.agency == bureau.name
    assert report.table3.cell("new", 6) == 0


def test_consolidated_workbook_has_a_sheet_per_body(
    county: Agency, bureau: Agency, tmp_path: Path
) -> None:
    target = tmp_path / "county.xlsx"
    call_command(
        "report",
        "render",
        "--agency",
        county.name,
        "--year",
        "2023",
        "--consolidated",
        "--to",
        "xlsx",
        "-o",
        str(target),
        stdout=StringIO(),
    )
    workbook = load_workbook(target)
    assert len(workbook.sheetnames) == 3  # the summary, the government, the bureau


def test_figures_lists_every_placeholder_with_its_meaning() -> None:
    out = StringIO()
    call_command("report", "figures", stdout=out)
    assert "{posts_by_channel.wechat} 微信公众号" in out.getvalue()
    assert "{complaints_total}" in out.getvalue()
