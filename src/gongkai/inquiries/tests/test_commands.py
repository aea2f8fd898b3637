"""``gongkai inquiries import|counts``: all or nothing, idempotent, problems listed, exit 2."""

from __future__ import annotations

import csv
import json
import subprocess
from datetime import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from gongkai.audit.models import AuditEvent
from gongkai.inquiries.models import Channel, Inquiry, InquiryResult
from gongkai.testing.process import run_gongkai

HEADER = [
    "工单编号",
    "来源渠道",
    "诉求类型",
    "受理时间",
    "诉求标题",
    "诉求内容",
    "来电人",
    "联系电话",
    "办理结果",
    "办结时间",
    "答复内容",
]


def _rows() -> list[list[object]]:
    return [
        [
            "NX001",
            "全区12345便民服务平台",
            "投诉",
            datetime(2023, 3, 6, 9, 15),  # noqa: DTZ001 (spreadsheet cells are naive)
            "学校乱收费",
            "收取资料费",
            "王小明",
            "13912345678",
            "回复",
            datetime(2023, 3, 9, 16, 0),  # noqa: DTZ001
            "已退还",
        ],
        ["NX002", "县长信箱", "投诉", "2023/4/25", "校车超载", "", "", "", "", "", ""],
        [
            "NX003",
            "石嘴山市议政网",
            "咨询",
            "2023年5月8日",
            "招生政策",
            "",
            "",
            "",
            "退回",
            "2023-05-09",
            "",
        ],
    ]


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["平罗县12345工单明细"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def gongkai(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_import_xlsx_then_again_changes_nothing_then_a_changed_row_updates(bureau, tmp_path):
    path = write_xlsx(tmp_path / "12345.xlsx", _rows())
    args = ("inquiries", "import", str(path), "--agency", "平罗县教育体育局", "--format", "json")
    assert json.loads(gongkai(*args)) == {"imported": 3, "updated": 0, "problems": []}
    nx1 = Inquiry.objects.get(external_number="NX001")
    assert (nx1.channel, nx1.result) == (Channel.HOTLINE, InquiryResult.ANSWERED)
    assert nx1.requester_phone == "13912345678"
    assert Inquiry.objects.get(external_number="NX002").channel == Channel.MAILBOX

    assert json.loads(gongkai(*args)) == {"imported": 0, "updated": 0, "problems": []}

    rows = _rows()
    rows[1][8:10] = ["撤回", "2023-04-26"]
    write_xlsx(path, rows)
    assert json.loads(gongkai(*args)) == {"imported": 0, "updated": 1, "problems": []}
    assert Inquiry.objects.get(external_number="NX002").result == InquiryResult.WITHDRAWN
    assert Inquiry.objects.count() == 3
    events = AuditEvent.objects.filter(action="inquiry.imported")
    assert events.count() == 2
    for event in events:
        assert "13912345678" not in json.dumps(event.data, ensure_ascii=False)


@pytest.mark.django_db
def test_a_bad_file_imports_nothing_and_lists_every_problem(bureau, tmp_path):
    rows = _rows()
    rows[0][3] = "2023-02-30"
    rows[2][8] = "已完成"
    path = write_xlsx(tmp_path / "bad.xlsx", rows)
    out = StringIO()
    with pytest.raises(CommandError) as info:
        call_command(
            "inquiries",
            "import",
            str(path),
            "--agency",
            "平罗县教育体育局",
            "--format",
            "json",
            stdout=out,
            stderr=StringIO(),
        )
    assert info.value.returncode == 2
    assert "发现2个问题，未导入任何记录" in str(info.value)
    assert "第3行 受理时间“2023-02-30”" in str(info.value)
    report = json.loads(out.getvalue())
    assert (report["imported"], report["updated"]) == (0, 0)
    assert [(p["row"], p["column"], p["value"]) for p in report["problems"]] == [
        (3, "受理时间", "2023-02-30"),
        (5, "办理结果", "已完成"),
    ]
    assert not Inquiry.objects.exists()
    assert not AuditEvent.objects.filter(action="inquiry.imported").exists()


@pytest.mark.django_db
def test_csv_in_gb18030_as_excel_saves_it(bureau, tmp_path):
    path = tmp_path / "12345.csv"
    with path.open("w", encoding="gb18030", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerow(["NX9", "来电", "建议", "2023-06-01", "增设体育场开放时间", *[""] * 6])
    assert "新增1条，更新0条，未变0条" in gongkai(
        "inquiries", "import", str(path), "--agency", "平罗县教育体育局"
    )
    assert Inquiry.objects.get().channel == Channel.PHONE


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "agency", "message"),
    [
        ("a.txt", "平罗县教育体育局", "不支持的文件类型“.txt”"),
        ("missing.xlsx", "平罗县教育体育局", "不存在"),
        ("a.csv", "没有这个局", "机关“没有这个局”不存在"),
    ],
)
def test_unusable_arguments_exit_2(bureau, tmp_path, name, agency, message):
    path = tmp_path / name
    if name != "missing.xlsx":
        path.write_text("工单编号\n", encoding="utf-8")
    with pytest.raises(CommandError, match=message) as info:
        gongkai("inquiries", "import", str(path), "--agency", agency)
    assert info.value.returncode == 2


@pytest.mark.django_db
def test_counts_prints_the_report_figures(bureau, tmp_path):
    path = write_xlsx(tmp_path / "12345.xlsx", _rows())
    gongkai("inquiries", "import", str(path), "--agency", "平罗县教育体育局")
    text = gongkai("inquiries", "counts", "--agency", "平罗县教育体育局", "--year", "2023")
    assert "公众诉求共3件（回复1件，退回1件，未办结1件）" in text
    assert "来源渠道：12345 1件，领导信箱1件，议政网1件" in text
    assert "建议提案共0件，已办结0件（无），答复已公开0件" in text
    figures = json.loads(
        gongkai(
            "inquiries",
            "counts",
            "--agency",
            "平罗县教育体育局",
            "--year",
            "2023",
            "--format",
            "json",
        )
    )
    assert figures["inquiries"]["total"] == 3
    assert figures["proposals"]["total"] == 0


def _run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_gongkai(*args, data_dir=data)


def test_the_real_process_exits_2_with_the_problem_list_and_no_traceback(tmp_path):
    assert _run(tmp_path, "migrate", "--noinput").returncode == 0
    assert _run(tmp_path, "agencies", "add", "平罗县人民政府").returncode == 0
    assert (
        _run(
            tmp_path, "agencies", "add", "平罗县教育体育局", "--parent", "平罗县人民政府"
        ).returncode
        == 0
    )
    rows = _rows()
    rows[1][3] = "明天"
    path = write_xlsx(tmp_path / "bad.xlsx", rows)
    result = _run(tmp_path, "inquiries", "import", str(path), "--agency", "平罗县教育体育局")
    assert result.returncode == 2
    assert result.stderr.startswith("gongkai inquiries: 发现1个问题，未导入任何记录")
    assert "第4行 受理时间“明天”：不是有效日期" in result.stderr
    assert "Traceback" not in result.stderr
    assert "13912345678" not in result.stderr + result.stdout
