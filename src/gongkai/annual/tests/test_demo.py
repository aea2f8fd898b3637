"""``gongkai demo``: the demonstration county, and the published report it reproduces."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from gongkai.agencies.models import Agency
from gongkai.annual.demo import DEMO_PASSWORD, EDUCATION, NATURAL_RESOURCES
from gongkai.annual.tests.paths import SHARED_EXAMPLES
from gongkai.applications.models import Application
from gongkai.applications.outcomes import OUTCOME_KEYS
from gongkai.applications.selectors import applications_overdue
from gongkai.inquiries.models import Inquiry
from gongkai.publishing.models import Publication

pytestmark = pytest.mark.django_db

EXPECTED = "pingluo-education-2023.expected.json"


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _expected() -> dict[str, Any]:
    return dict(json.loads((SHARED_EXAMPLES / EXPECTED).read_text(encoding="utf-8")))


def test_demo_reproduces_the_published_education_report_and_is_idempotent() -> None:
    """The 2023 report of 平罗县教育体育局 computed from the demo records has exactly the tables
    it published, and its text cites the same figures (1254 = 98 + 792 + 288 + 76 posts;
    527 = 45 + 68 + 414 complaints), now from records; no check finds an error."""
    out = _run("demo")
    assert DEMO_PASSWORD in out
    assert "演示" in out
    assert "demo_jtj_head" in out

    doc = json.loads(
        _run("report", "compute", "--agency", EDUCATION, "--year", "2023", "--format", "json")
    )
    expected = _expected()
    for table in ("table2", "table3", "table4"):
        assert doc[table] == expected[table], table
    figures = {(f["section"], f["total"], tuple(f["parts"])) for f in doc["figures"]}
    for fig in expected["figures_expected_at_least"]:
        assert (fig["section"], fig["total"], tuple(fig["parts"])) in figures
    assert [f for f in doc["findings"] if f["severity"] == "error"] == []
    assert "全年补充教师189名" in doc["sections"]["1"]
    assert "本年度共公开88条" in doc["sections"]["6"]
    assert "提案共计25件" in doc["sections"]["1"]

    counts = (Agency.objects.count(), Application.objects.count(), Inquiry.objects.count())
    assert "已存在" in _run("demo")
    assert (Agency.objects.count(), Application.objects.count(), Inquiry.objects.count()) == counts

    # Every demo row is marked as such.
    assert not Agency.objects.filter(is_demo=False).exists()
    assert not Publication.objects.filter(is_demo=False).exists()
    assert not Application.objects.filter(is_demo=False).exists()

    # The busy body: hundreds of applications, every 表三 outcome, some late.
    busy = Agency.objects.get(name=NATURAL_RESOURCES)
    cases = Application.objects.filter(agency=busy)
    assert cases.count() >= 300
    assert set(cases.exclude(outcome=None).values_list("outcome", flat=True)) == set(OUTCOME_KEYS)
    assert applications_overdue(agency=busy, as_of=date(2025, 12, 31))
    assert cases.filter(request_content__contains="征收").exists()
    assert cases.filter(request_content__contains="不动产").exists()


def test_demo_reset_rebuilds_and_the_consolidated_report_lists_missing_bodies() -> None:
    """汇总 for 2025: 黄渠桥镇 entered nothing for the year, so it is listed as missing and
    表二 of the county stays blank rather than summing to a false total."""
    _run("demo")
    first = Application.objects.count()
    out = _run("demo", "--reset")
    assert "已删除" in out
    assert Application.objects.count() == first
    doc = json.loads(_compute_json())
    missing = {m["agency"] for m in doc["missing"]}
    assert "平罗县黄渠桥镇人民政府" in missing
    assert doc["report"]["table2"]["licensing_decisions"] is None
    assert len(doc["bodies"]) == 14


def _compute_json() -> str:
    out = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command(
            "report",
            "compute",
            "--agency",
            "平罗县人民政府",
            "--year",
            "2025",
            "--consolidated",
            "--format",
            "json",
            stdout=out,
        )
    assert exit_info.value.code == 1  # the missing 表二 cells are an error finding
    return out.getvalue()
