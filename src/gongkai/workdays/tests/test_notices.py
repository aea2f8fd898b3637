"""The notice file format: every rule names what is wrong and where. Pure: no database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from gongkai.core.errors import ValidationFailed
from gongkai.workdays.notices import notice_file_load, notice_parse
from gongkai.workdays.rules import notice_title
from gongkai.workdays.tests.published import spec

EXAMPLE = Path(__file__).resolve().parents[1] / "notices" / "example-2027.yaml"


def problems(data: object) -> list[str]:
    with pytest.raises(ValidationFailed) as info:
        notice_parse(data)
    return info.value.data


def minimal(**holiday: object) -> dict[str, object]:
    entry = {"name": "春节", "from": date(2027, 2, 5), "to": date(2027, 2, 13), **holiday}
    return {"year": 2027, "holidays": [entry]}


def test_the_2026_notice_as_printed_parses():
    """国务院办公厅关于2026年部分节假日安排的通知: 33 days off, 6 调休 days."""
    parsed = spec(2026)
    assert parsed.title == notice_title(2026)
    assert parsed.issued_on == date(2025, 11, 4)
    assert len(parsed.closed) == 3 + 9 + 3 + 5 + 3 + 3 + 7
    assert parsed.worked[date(2026, 2, 28)] == "春节"


def test_the_example_file_is_marked_as_an_example_and_parses():
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "不是国务院办公厅的2027年通知" in text
    parsed = notice_parse(notice_file_load(EXAMPLE))
    assert parsed.year == 2027
    assert "示例" in parsed.title


def test_default_title_and_chinese_dates():
    parsed = notice_parse(minimal(**{"from": "2027年2月5日", "to": "2027年2月13日"}))
    assert parsed.title == "国务院办公厅关于2027年部分节假日安排的通知"
    assert len(parsed.closed) == 9


def test_a_range_outside_the_year_is_refused():
    found = problems(minimal(to=date(2028, 1, 2)))
    assert found == [
        "holidays[0]（春节）: 2027-02-05—2028-01-02 不在2027年内（或2026年12月29日以后）"
        "/ outside the year 2027"
    ]


def test_the_end_of_the_previous_december_is_accepted():
    """The 2012 notice made 2011年12月31日（周六）a working day for 元旦."""
    parsed = notice_parse(
        {
            "year": 2012,
            "holidays": [
                {
                    "name": "元旦",
                    "from": date(2012, 1, 1),
                    "to": date(2012, 1, 3),
                    "workdays": [date(2011, 12, 31)],
                }
            ],
        }
    )
    assert parsed.worked == {date(2011, 12, 31): "元旦"}


def test_a_day_both_closed_and_worked_is_refused():
    found = problems(minimal(workdays=[date(2027, 2, 6)]))
    assert any("2027-02-06 既放假又上班" in p for p in found)


def test_a_weekday_cannot_be_a_tiaoxiu_working_day():
    found = problems(minimal(workdays=[date(2027, 2, 17)]))
    assert found == [
        "holidays[0]（春节）.workdays[0]: 2027-02-17（周三）本就是工作日，调休上班日应为周六或周日"
        " / a 调休 working day must be a Saturday or Sunday"
    ]


def test_the_printed_number_of_days_is_checked():
    found = problems(minimal(days=8))
    assert found[0].startswith("holidays[0]（春节）.days: 共8天与 2027-02-05—2027-02-13（9天）不符")


def test_overlapping_closures_are_refused():
    data = minimal()
    data["holidays"].append({"name": "元宵", "from": date(2027, 2, 13), "to": date(2027, 2, 14)})
    assert any("closed twice" in p and "holidays[1]" in p for p in problems(data))


def test_every_problem_is_reported_at_once():
    found = problems(
        {
            "year": "2027",
            "titel": "x",
            "url": "ftp://x",
            "holidays": [{"name": "", "from": "2027-02-30", "to": date(2027, 2, 1)}, "x"],
        }
    )
    assert "titel: 未知字段 / unknown key" in found
    assert any(p.startswith("year: 应为四位年份") for p in found)
    assert any(p.startswith("url:") for p in found)
    assert any(p.startswith("holidays[0].name: 不能为空") for p in found)
    assert any(p.startswith("holidays[0].from: 日期无效") for p in found)
    assert any(p.startswith("holidays[1]: 应为键值结构") for p in found)


def test_the_message_lists_the_problems_under_the_file_name():
    with pytest.raises(ValidationFailed) as info:
        notice_parse({"year": 2027}, source="n.yaml")
    assert info.value.message == (
        "n.yaml: 节假日通知文件有1处错误 / invalid notice file:\n"
        "  - holidays: 缺少必填字段 / missing"
    )


def test_not_a_mapping():
    with pytest.raises(ValidationFailed, match="键值结构"):
        notice_parse(["year", 2027])


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("year: 2027\nholidays:\n  - name: [春节\n", encoding="utf-8")
    with pytest.raises(ValidationFailed, match=r"bad\.yaml:\d+:\d+: YAML 格式错误"):
        notice_file_load(path)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ValidationFailed, match=r"nope\.yaml: 文件不存在 / file not found"):
        notice_file_load(tmp_path / "nope.yaml")


def test_json_is_accepted(tmp_path):
    path = tmp_path / "n.json"
    path.write_text(
        '{"year": 2027, "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}]}',
        encoding="utf-8",
    )
    assert len(notice_parse(notice_file_load(path)).closed) == 3
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["year"] == 2027
