"""``gongkai workdays add|between|show|import`` through the entry the command line uses."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.audit.models import AuditEvent
from gongkai.workdays.models import CalendarDay, HolidayNotice

pytestmark = pytest.mark.django_db

EXAMPLE_2027 = str(Path(__file__).resolve().parents[1] / "notices" / "example-2027.yaml")


def gongkai(*args: str) -> str:
    out = StringIO()
    call_command("workdays", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def refused(*args: str) -> str:
    with pytest.raises(CommandError) as info:
        gongkai(*args)
    assert info.value.returncode == 2
    return str(info.value)


def test_add_json_across_spring_festival_2026():
    """国务院办公厅关于2026年部分节假日安排的通知; 条例 第三十三条 (20 working days)."""
    assert json.loads(gongkai("add", "2026-02-10", "20", "--format", "json")) == {
        "start": "2026-02-10",
        "days": 20,
        "due": "2026-03-16",
        "provisional": False,
        "explanation": "收到申请 2026-02-10；20个工作日；春节 2月15日—23日 不计；"
        "2月14日、28日 调休上班；期限 2026-03-16",
    }


def test_add_text():
    out = gongkai("add", "2026年2月10日", "20")
    assert out.splitlines()[0] == "期限 2026-03-16（周一）"


def test_add_in_2027_is_provisional_and_says_so():
    payload = json.loads(gongkai("add", "2027-04-20", "20", "--format", "json"))
    assert payload["provisional"] is True
    assert payload["provisional_years"] == [2027]
    assert payload["letter_wording"] == (
        "（本期限按尚未公布的2027年节假日安排暂定，以国务院办公厅通知为准）"
    )
    text = gongkai("add", "2027-04-20", "20")
    assert "（暂定）" in text.splitlines()[0]
    assert text.splitlines()[-1].startswith("（本期限按尚未公布的2027年")


def test_between_json():
    assert json.loads(gongkai("between", "2026-02-10", "2026-03-16", "--format", "json")) == {
        "from": "2026-02-10",
        "to": "2026-03-16",
        "workdays": 20,
        "provisional": False,
        "counting": "A 当日不计，计至 B（含）/ days after A up to and including B",
    }
    assert gongkai("between", "2026-02-15", "2026-02-23").strip() == (
        "2026-02-15 之后至 2026-02-23（含）：0个工作日"
    )


def test_show_2026():
    """国务院办公厅关于2026年部分节假日安排的通知."""
    out = gongkai("show", "2026")
    assert "《国务院办公厅关于2026年部分节假日安排的通知》" in out
    assert "  春节 2月15日—23日（周日—周一），共9天" in out
    assert "  2月28日（周六） 春节" in out
    assert out.rstrip().endswith("全年工作日：248")
    assert json.loads(gongkai("show", "2026", "--format", "json"))["workdays_total"] == 248


def test_show_2027_before_the_notice():
    out = gongkai("show", "2027")
    assert "2027年 — 节假日安排尚未公布" in out
    assert "  劳动节 5月1日—2日（周六—周日），共2天（暂定）" in out


def test_import_then_2027_is_exact_and_a_second_import_needs_replace():
    """The example notice file written for the tests (not the real 2027 notice)."""
    out = gongkai("import", EXAMPLE_2027)
    assert out.startswith(
        "已导入《国务院办公厅关于2027年部分节假日安排的通知（示例，非真实通知）》"
    )
    payload = json.loads(gongkai("add", "2027-01-20", "20", "--format", "json"))
    assert (payload["due"], payload["provisional"]) == ("2027-02-24", False)
    message = refused("import", EXAMPLE_2027)
    assert "2027年的节假日安排已导入" in message
    assert "--replace" in message
    assert gongkai("import", EXAMPLE_2027, "--replace").startswith("已替换")
    assert AuditEvent.objects.filter(action__startswith="workdays.notice_").count() == 2


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("add", "2026-02-30", "20"), "DATE: 日期无效 / invalid date '2026-02-30'"),
        (("add", "2026-02-10", "twenty"), "N: 应为正整数"),
        (("add", "2026-02-10", "0"), "N: 应为正整数"),
        (("between", "2026-02-10", "tomorrow"), "B: 日期无效"),
        (("add", "1990-01-01", "5"), "超出可计算范围"),
        (("show", "1900"), "YEAR: 1900 超出可计算范围"),
    ],
)
def test_bad_input_is_a_clear_error_with_exit_status_2(args, expected):
    assert expected in refused(*args)


def test_a_bad_file_names_the_problem_and_writes_nothing(tmp_path):
    path = tmp_path / "2027.yaml"
    path.write_text(
        "year: 2027\nholidays:\n  - name: 春节\n    from: 2027-02-05\n    to: 2027-02-13\n"
        "    workdays: [2027-02-17]\n",
        encoding="utf-8",
    )
    before = CalendarDay.objects.count()
    message = refused("import", str(path))
    assert message.startswith(f"{path}: 节假日通知文件有1处错误")
    assert "holidays[0]（春节）.workdays[0]: 2027-02-17（周三）本就是工作日" in message
    assert CalendarDay.objects.count() == before
    assert not HolidayNotice.objects.filter(year=2027).exists()


def test_a_missing_file_is_named(tmp_path):
    assert "nope.yaml: 文件不存在 / file not found" in refused(
        "import", str(tmp_path / "nope.yaml")
    )
