"""``gongkai applications export``: the ledger as XLSX, re-importable, no personal data."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from gongkai.applications.ledger import COLUMNS, read_ledger
from gongkai.applications.models import Application
from gongkai.applications.services import application_register, transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseload(bureau, clerk, reviewer):
    with time_machine.travel("2025-12-01 10:00 +0800", tick=False):
        granted = application_register(
            actor=clerk,
            agency=bureau,
            number="YSQ-2025-001",
            channel="in_person",
            received_on=date(2025, 3, 3),
            applicant_category="natural_person",
            request_content="2024年度学区划分方案",
            applicant_name="王五",
            applicant_id_number="640221199001011234",
        )
        transition(actor=clerk, application=granted, action="accept", on=date(2025, 3, 4))
        transition(
            actor=reviewer,
            application=granted,
            action="answer",
            on=date(2025, 3, 20),
            outcome="denied_1",
        )
        application_register(
            actor=clerk,
            agency=bureau,
            number="YSQ-2025-002",
            channel="online",
            received_on=date(2025, 11, 28),
            applicant_category="commercial",
            request_content="城区学校建设项目招标文件",
        )


def test_export_writes_the_ledger_columns_without_names(caseload, tmp_path):
    target = tmp_path / "台账.xlsx"
    out = StringIO()
    call_command("applications", "export", str(target), "--agency", "平罗县教育体育局", stdout=out)
    assert "已导出 2 件" in out.getvalue()
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    first = dict(zip(COLUMNS, rows[1], strict=True))
    assert first["申请编号"] == "YSQ-2025-001"
    assert first["办理结果"] == "不予公开-属于国家秘密"
    assert first["申请人"] is None
    assert "王五" not in str(rows)
    assert "640221199001011234" not in str(rows)


def test_exported_ledger_reads_back_without_problems(caseload, tmp_path):
    target = tmp_path / "ledger.xlsx"
    call_command(
        "applications",
        "export",
        str(target),
        "--agency",
        "平罗县教育体育局",
        "--with-applicant",
        stdout=StringIO(),
    )
    parsed = read_ledger(target)
    assert not parsed.problems
    assert [row.number for row in parsed.rows] == ["YSQ-2025-001", "YSQ-2025-002"]
    assert parsed.rows[0].outcome.key == "denied_1"
    assert Application.objects.count() == 2


def test_export_refuses_a_non_xlsx_name(caseload, tmp_path):
    with pytest.raises(CommandError, match=r"\.xlsx") as info:
        call_command(
            "applications", "export", str(tmp_path / "x.csv"), "--agency", "平罗县教育体育局"
        )
    assert info.value.returncode == 2
