"""``gongkai appeals``: 表四 as text and JSON, the due list, recompute."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai.appeals.tests.factories import LawsuitFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("appeals", *args, stdout=out)
    return out.getvalue()


def test_table4_json(bureau):
    ReviewFactory(agency=bureau, result="upheld", decided_on=date(2024, 5, 6))
    LawsuitFactory(agency=bureau)
    table = json.loads(
        _run("table4", "--agency", bureau.name, "--year", "2024", "--format", "json")
    )
    assert table["review"]["upheld"] == 1
    assert table["litigation_direct"]["pending"] == 1


def test_table4_text_uses_the_formats_labels(bureau):
    text = _run("table4", "--agency", bureau.name, "--year", "2024")
    assert "结果维持｜结果纠正｜其他结果｜尚未审结｜总计" in text
    assert "行政诉讼 复议后起诉：0｜0｜0｜0｜0" in text


def test_due_lists_overdue_cases(bureau):
    ReviewFactory(agency=bureau, case_number="平政复〔2024〕5号", answer_due=date(2024, 9, 27))
    text = _run("due", "--agency", bureau.name, "--as-of", "2024-09-30")
    assert "逾期 2024-09-27 行政复议 平政复〔2024〕5号（被申请人）" in text


def test_unknown_agency_is_a_clean_error(db):
    with pytest.raises(CommandError) as caught:
        _run("table4", "--agency", "不存在的局", "--year", "2024")
    assert caught.value.returncode == 2


def test_recompute_reports_the_count(bureau):
    ReviewFactory(
        agency=bureau,
        filed_on=date(2024, 9, 20),
        copy_received_on=date(2024, 9, 27),
        answer_due=date(2024, 10, 1),
    )
    assert "1件" in _run("recompute")
    assert "0件" in _run("recompute")
