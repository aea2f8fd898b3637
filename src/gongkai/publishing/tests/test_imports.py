"""Import of a CMS export: all or nothing with a full problem list, idempotent by 索引号."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from gongkai.core.errors import NotFoundOrForbidden, ValidationFailed
from gongkai.publishing.imports import publications_import, read_table
from gongkai.publishing.models import Channel, Publication, PublicationChannel, Source
from gongkai.publishing.search import search
from gongkai.publishing.selectors import publication_counts
from gongkai.publishing.states import Status

pytestmark = pytest.mark.django_db

HEADER = ["标题", "发布日期", "索引号", "网址", "类别"]
GOOD = [
    HEADER,
    [
        "2025年义务教育招生工作方案",
        "2025-06-01",
        "11640221/2025-00001",
        "https://e.gov.cn/1",
        "（十一）",
    ],
    ["2024年部门决算", "2025/08/01", "11640221/2025-00002", "", "财政预算、决算信息"],
    ["学区划分公告", "2025年7月1日", "11640221/2025-00003", "https://e.gov.cn/3", ""],
]


def write_csv(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_a_clean_file_is_imported_published_and_searchable(bureau, tmp_path):
    result = publications_import(
        actor=None, agency=bureau, table=read_table(write_csv(tmp_path / "a.csv", GOOD))
    )
    assert (result.imported, result.updated, result.problems) == (3, 0, [])
    item = Publication.objects.get(index_number="11640221/2025-00001")
    assert (item.status, item.source, item.article20_item) == (
        Status.PUBLISHED,
        Source.IMPORTED,
        "11",
    )
    assert item.published_on == date(2025, 6, 1)
    assert Publication.objects.get(index_number="11640221/2025-00002").article20_item == "07"
    assert PublicationChannel.objects.get(publication=item).channel == Channel.WEBSITE
    assert [p.title for p in search("学区")] == ["学区划分公告"]
    assert publication_counts(agency=bureau, year=2025)["total"] == 3


def test_importing_twice_changes_nothing_and_a_changed_row_updates(bureau, tmp_path):
    path = write_csv(tmp_path / "a.csv", GOOD)
    publications_import(actor=None, agency=bureau, table=read_table(path))
    again = publications_import(actor=None, agency=bureau, table=read_table(path))
    assert (again.imported, again.updated) == (0, 0)
    changed = [row[:] for row in GOOD]
    changed[3][0] = "学区划分公告（更正）"
    result = publications_import(
        actor=None, agency=bureau, table=read_table(write_csv(tmp_path / "b.csv", changed))
    )
    assert (result.imported, result.updated) == (0, 1)
    assert Publication.objects.count() == 3
    assert [p.title for p in search("更正")] == ["学区划分公告（更正）"]


def test_one_bad_row_imports_nothing_and_every_problem_is_listed(bureau, tmp_path):
    rows = [
        *GOOD,
        ["", "2025-13-01", "11640221/2025-00001", "ftp://x", "第九十九项"],
    ]
    with pytest.raises(ValidationFailed) as caught:
        publications_import(
            actor=None, agency=bureau, table=read_table(write_csv(tmp_path / "bad.csv", rows))
        )
    problems = caught.value.data["problems"]
    assert {(p["row"], p["column"]) for p in problems} == {
        (5, "标题"),
        (5, "发布日期"),
        (5, "索引号"),
        (5, "网址"),
        (5, "类别"),
    }
    duplicate = next(p for p in problems if p["column"] == "索引号")
    assert duplicate == {
        "row": 5,
        "column": "索引号",
        "value": "11640221/2025-00001",
        "reason": "与第2行索引号重复",
    }
    assert caught.value.data["imported"] == 0
    assert not Publication.objects.exists()


def test_a_missing_column_is_reported(bureau):
    with pytest.raises(ValidationFailed) as caught:
        publications_import(actor=None, agency=bureau, table=[["标题", "网址"], ["x", ""]])
    assert [p["column"] for p in caught.value.data["problems"]] == ["发布日期", "索引号"]


def test_xlsx_with_real_dates(bureau, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["招生计划", date(2025, 5, 20), "X/2025-1", None, None])
    book.save(tmp_path / "a.xlsx")
    result = publications_import(actor=None, agency=bureau, table=read_table(tmp_path / "a.xlsx"))
    assert result.imported == 1
    assert Publication.objects.get().published_on == date(2025, 5, 20)


def test_a_stranger_cannot_import(other_agency_clerk, bureau):
    with pytest.raises(NotFoundOrForbidden):
        publications_import(actor=other_agency_clerk, agency=bureau, table=GOOD)


def test_the_command_prints_json_and_exits_2_with_problems(bureau, tmp_path, capsys):
    path = write_csv(tmp_path / "a.csv", GOOD)
    call_command("publishing", "import", str(path), "--agency", bureau.name, "--format", "json")
    assert json.loads(capsys.readouterr().out) == {"imported": 3, "updated": 0, "problems": []}
    bad = write_csv(tmp_path / "bad.csv", [HEADER, ["x", "no date", "Y-1", "", ""]])
    with pytest.raises(CommandError) as caught:
        call_command("publishing", "import", str(bad), "--agency", bureau.name, "--format", "json")
    assert caught.value.returncode == 2
    payload = json.loads(capsys.readouterr().out)
    assert payload["imported"] == 0
    assert payload["problems"][0]["column"] == "发布日期"


def test_the_counts_and_overdue_commands(bureau, tmp_path, capsys):
    call_command(
        "publishing", "import", str(write_csv(tmp_path / "a.csv", GOOD)), "--agency", bureau.name
    )
    capsys.readouterr()
    call_command("publishing", "counts", "--agency", bureau.name, "--year", "2025")
    assert capsys.readouterr().out.strip() == "2025年度共发布信息3条，其中政府网站3条。"
    call_command("publishing", "overdue", "--agency", bureau.name, "--format", "json")
    assert json.loads(capsys.readouterr().out) == []
