"""``gongkai applications import|overdue`` (docs/ledger.md) through ``call_command``."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from gongkai.applications.ledger import REASON_CATEGORY
from gongkai.applications.models import Application, Consultation
from gongkai.applications.states import Status
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

HEADER = (
    "申请编号,收到申请日期,申请方式,申请人类型,申请人,申请内容,补正告知日期,补正收到日期,"
    "征求意见发出日期,征求意见结束日期,延期告知日期,答复日期,办理结果,备注"
)
VALID = [
    "YSQ-1,2025-03-03,当面,自然人,张三,食堂检查记录,,,,,,2025-03-28,予以公开,",
    "YSQ-2,2025/3/3,网上,商业企业,某某公司,规划许可批复,,,,,,2025-04-02,"
    "不予公开-保护第三方合法权益,",
    "YSQ-3,2025年9月15日,信函,科研机构,,统计数据,,,2025-09-22,2025-10-15,,,,",
    "YSQ-4,2025-03-03,邮寄,自然人,李四,征收补偿方案,2025-03-05,2025-03-20,,,,2025-04-15,"
    "本机关不掌握相关政府信息,",
    "YSQ-5,2025-03-03,现场,其他,王五,会议纪要,,,,,2025-03-25,,,",
]
INVALID = [
    "YSQ-6,2025-03-04,当面,个体户,赵六,营业执照,,,,,,,,",
    "YSQ-7,2025-02-30,当面,自然人,钱七,学区划分,,,,,,,,",
    "YSQ-8,2025-03-04,当面,自然人,孙八,招生计划,,,,,,,予以公开,",
]


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel("2026-06-30 10:00 +08:00", tick=False):
        yield


def ledger(tmp_path, rows, name="台账.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return str(path)


def gongkai(*args):
    out = StringIO()
    call_command("applications", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def refused(*args):
    out = StringIO()
    with pytest.raises(CommandError) as info:
        call_command("applications", *args, stdout=out, stderr=StringIO())
    assert info.value.returncode == 2
    return str(info.value), out.getvalue()


def import_json(path, bureau, *extra):
    return json.loads(gongkai("import", path, "--agency", bureau.name, "--format", "json", *extra))


def test_import_creates_applications_with_their_deadlines(tmp_path, bureau):
    result = import_json(ledger(tmp_path, VALID), bureau)
    assert result == {"imported": 5, "updated": 0, "problems": []}
    by_number = {a.number: a for a in Application.objects.filter(agency=bureau)}
    assert by_number["YSQ-1"].status == Status.ANSWERED
    assert by_number["YSQ-1"].outcome == "granted"
    assert by_number["YSQ-2"].outcome == "denied_4"
    assert by_number["YSQ-2"].channel == "online"
    # 第三十二条: the consultation 22 September — 15 October 2025 stops the clock 13 working days.
    assert by_number["YSQ-3"].status == Status.IN_REVIEW
    assert by_number["YSQ-3"].reply_deadline.due.isoformat() == "2025-11-05"
    assert Consultation.objects.get(application=by_number["YSQ-3"]).ended_on.isoformat() == (
        "2025-10-15"
    )
    # 第三十条: the clock restarts on the receipt of the 补正 (20 March → 18 April).
    assert by_number["YSQ-4"].reply_deadline.due.isoformat() == "2025-04-18"
    # 第三十三条: extended once, 20 more working days.
    assert by_number["YSQ-5"].extended is True
    assert by_number["YSQ-5"].reply_deadline.due.isoformat() == "2025-04-28"
    assert by_number["YSQ-5"].applicant_category == "other"
    events = AuditEvent.objects.filter(action="application.imported")
    assert events.count() == 5
    assert "张三" not in str(list(events.values_list("data", "target_repr")))


def test_an_invalid_ledger_imports_nothing_and_lists_every_problem(tmp_path, bureau):
    message, out = refused(
        "import", ledger(tmp_path, VALID + INVALID), "--agency", bureau.name, "--format", "json"
    )
    assert "3处问题" in message
    result = json.loads(out)
    assert result["imported"] == result["updated"] == 0
    assert [(p["row"], p["column"]) for p in result["problems"]] == [
        (7, "申请人类型"),
        (8, "收到申请日期"),
        (9, "办理结果"),
    ]
    assert result["problems"][0] == {
        "row": 7,
        "column": "申请人类型",
        "value": "个体户",
        "reason": REASON_CATEGORY,
    }
    assert not Application.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="application.").exists()


def test_problems_found_while_saving_also_block_the_import(tmp_path, bureau):
    rows = [*VALID, "YSQ-9,2025-03-03,当面,自然人,,会议纪要,,,2025-03-01,,,,,"]
    _, out = refused("import", ledger(tmp_path, rows), "--agency", bureau.name, "--format", "json")
    assert json.loads(out)["problems"][0]["column"] == "征求意见发出日期"
    assert not Application.objects.exists()


def test_skip_invalid_imports_the_valid_rows_and_lists_the_others(tmp_path, bureau):
    result = import_json(ledger(tmp_path, VALID + INVALID), bureau, "--skip-invalid")
    assert result["imported"] == 5
    assert len(result["problems"]) == 3
    assert sorted(Application.objects.values_list("number", flat=True)) == [
        "YSQ-1",
        "YSQ-2",
        "YSQ-3",
        "YSQ-4",
        "YSQ-5",
    ]


def test_importing_the_same_ledger_twice_changes_nothing(tmp_path, bureau):
    path = ledger(tmp_path, VALID)
    import_json(path, bureau)
    before = list(Application.objects.order_by("number").values())
    events = AuditEvent.objects.count()
    assert import_json(path, bureau) == {"imported": 0, "updated": 0, "problems": []}
    assert list(Application.objects.order_by("number").values()) == before
    assert AuditEvent.objects.count() == events


def test_a_changed_row_updates_its_application_and_records_the_change(tmp_path, bureau):
    import_json(ledger(tmp_path, VALID), bureau)
    answered = VALID[4].replace(",2025-03-25,,,", ",2025-03-25,2025-04-20,部分公开,")
    result = import_json(ledger(tmp_path, [*VALID[:4], answered]), bureau)
    assert result == {"imported": 0, "updated": 1, "problems": []}
    application = Application.objects.get(number="YSQ-5")
    assert application.status == Status.ANSWERED
    assert application.outcome == "partial"
    assert application.version == 2
    event = AuditEvent.objects.get(action="application.import_updated")
    assert event.data["changed"] == ["answered_on", "outcome"]
    assert event.data["number"] == "YSQ-5"


def test_import_reads_an_xlsx_ledger_with_real_dates(tmp_path, bureau):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(["YSQ-X1", date(2025, 3, 3), "传真", "法律服务机构", None, "执法案卷"])
    sheet.append(
        ["YSQ-X2", date(2025, 3, 3), "网络", "社会公益组织", None, "环评报告"]
        + [None] * 5
        + [date(2025, 3, 10), "予以公开"]
    )
    path = tmp_path / "台账.xlsx"
    workbook.save(path)
    assert import_json(str(path), bureau) == {"imported": 2, "updated": 0, "problems": []}
    first = Application.objects.get(number="YSQ-X1")
    assert (first.channel, first.applicant_category) == ("fax", "legal_service")
    assert first.reply_deadline.due == date(2025, 3, 31)
    assert Application.objects.get(number="YSQ-X2").answered_on == date(2025, 3, 10)


def test_import_text_output(tmp_path, bureau):
    out = gongkai(
        "import", ledger(tmp_path, VALID + INVALID), "--agency", bureau.name, "--skip-invalid"
    )
    lines = out.splitlines()
    assert lines[0] == "新导入 5 件，更新 0 件"
    assert lines[1].startswith("第7行 申请人类型“个体户”：未知的申请人类型")


def test_import_of_an_unknown_body_or_file_is_refused(tmp_path, bureau):
    message, _ = refused("import", ledger(tmp_path, VALID), "--agency", "不存在的局")
    assert "不存在" in message
    message, _ = refused("import", str(tmp_path / "none.csv"), "--agency", bureau.name)
    assert "找不到台账文件" in message


def test_overdue_json(tmp_path, bureau):
    """docs/ledger.md: answered after the due date, or still open after it."""
    import_json(ledger(tmp_path, VALID), bureau)
    out = gongkai("overdue", "--agency", bureau.name, "--as-of", "2025-04-03", "--format", "json")
    assert json.loads(out) == [
        {
            "number": "YSQ-2",
            "received": "2025-03-03",
            "due": "2025-03-31",
            "answered": "2025-04-02",
        },
    ]
    out = gongkai("overdue", "--agency", bureau.name, "--as-of", "2025-04-29", "--format", "json")
    assert json.loads(out) == [
        {
            "number": "YSQ-2",
            "received": "2025-03-03",
            "due": "2025-03-31",
            "answered": "2025-04-02",
        },
        {"number": "YSQ-5", "received": "2025-03-03", "due": "2025-04-28", "answered": None},
    ]


def test_overdue_text_and_default_day(tmp_path, bureau):
    assert gongkai("overdue", "--agency", bureau.name) == "没有逾期案件\n"
    import_json(ledger(tmp_path, VALID), bureau)
    out = gongkai("overdue", "--agency", bureau.name)
    assert "YSQ-5：2025-03-03 收到，2025-04-28 届满，尚未答复" in out
    message, _ = refused("overdue", "--agency", bureau.name, "--as-of", "昨天")
    assert "--as-of" in message
