"""Reading a 12345 export: tolerant headers and dates, every problem listed, nothing leaked."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.inquiries.importing import REASON_MISSING_COLUMN, parse_table
from gongkai.inquiries.models import Channel, Inquiry, InquiryKind, InquiryResult
from gongkai.inquiries.services import inquiries_import

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
ROW = [
    "NX2023030500001",
    "全区12345便民服务平台",
    "投诉",
    "2023-03-05",
    "学校乱收费",
    "某校收取资料费。",
    "王小明",
    "13912345678",
    "回复",
    "2023-03-08",
    "经核实已退还。",
]


def row(**changes: object) -> list[object]:
    cells = dict(zip(HEADER, ROW, strict=True))
    cells.update(changes)
    return list(cells.values())


def test_a_clean_row_is_read():
    parsed = parse_table([HEADER, ROW])
    assert parsed.ok
    (only,) = parsed.rows
    assert only.row == 2
    assert only.external_number == "NX2023030500001"
    assert only.channel == Channel.HOTLINE
    assert only.kind == InquiryKind.COMPLAINT
    assert (only.received_on, only.replied_on) == (date(2023, 3, 5), date(2023, 3, 8))
    assert only.result == InquiryResult.ANSWERED
    assert only.requester_phone == "13912345678"
    assert "13912345678" not in repr(only)
    assert "王小明" not in repr(only)


def test_headers_tolerate_spaces_full_width_marks_variants_and_order():
    header = ["＊工单编号", "受理 日期", "标题", " 办理结果 ", "办结日期", "来 源"]
    parsed = parse_table(
        [header, ["NX1", "2023/3/5", "路灯不亮", "退回", "2023年3月6日", "县长信箱"]]
    )
    assert parsed.ok, parsed.problems
    (only,) = parsed.rows
    assert only.channel == Channel.MAILBOX
    assert only.result == InquiryResult.RETURNED
    assert only.replied_on == date(2023, 3, 6)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (datetime(2023, 3, 5, 14, 22, 10), date(2023, 3, 5)),  # noqa: DTZ001 (a naive cell)
        (date(2023, 3, 5), date(2023, 3, 5)),
        ("2023-03-05", date(2023, 3, 5)),
        ("2023-03-05 14:22:10", date(2023, 3, 5)),
        ("2023/3/5", date(2023, 3, 5)),
        ("2023/3/5 9:05", date(2023, 3, 5)),
        ("2023.3.5", date(2023, 3, 5)),
        ("2023年3月5日", date(2023, 3, 5)),
        ("２０２３－０３－０５", date(2023, 3, 5)),
    ],
)
def test_dates_as_cells_or_text(cell, expected):
    parsed = parse_table([HEADER, row(受理时间=cell, 办结时间=None, 办理结果="")])
    assert parsed.ok, parsed.problems
    assert parsed.rows[0].received_on == expected


@pytest.mark.parametrize(
    ("label", "channel"),
    [
        ("12345", Channel.HOTLINE),
        ("石嘴山市议政网", Channel.FORUM),
        ("县委书记信箱", Channel.MAILBOX),
        ("群众来电", Channel.PHONE),
        ("来访", Channel.VISIT),
        ("", Channel.HOTLINE),
    ],
)
def test_channel_labels_as_the_platforms_write_them(label, channel):
    parsed = parse_table([HEADER, row(来源渠道=label)])
    assert parsed.rows[0].channel == channel


def test_a_title_row_above_the_header_is_skipped_and_rows_keep_sheet_numbers():
    parsed = parse_table([["平罗县12345工单明细表"], HEADER, ROW, [], row(工单编号="NX2")])
    assert parsed.ok
    assert [r.row for r in parsed.rows] == [3, 5]


def test_every_bad_row_is_listed_with_row_column_value_and_reason():
    parsed = parse_table(
        [
            HEADER,
            ROW,
            row(工单编号="NX2", 受理时间="2023-02-30"),
            row(工单编号="NX3", 办理结果="已完成"),
            row(工单编号="NX4", 办结时间=""),
            row(工单编号="NX5", 办理结果="", 办结时间="2023-03-08"),
            row(工单编号="NX6", 办结时间="2023-03-01"),
            row(工单编号="", 诉求标题=""),
            row(),
            row(工单编号="NX9", 来源渠道="微信"),
            row(工单编号="NX10", 诉求类型="表扬"),
        ]
    )
    assert not parsed.ok
    assert [r.row for r in parsed.rows] == [2]
    expected = [
        (3, "受理时间", "2023-02-30", "不是有效日期（可用格式"),
        (4, "办理结果", "已完成", "未知的办理结果（可填"),
        (5, "办理结果", "回复", "填写了办理结果但没有办结时间"),
        (6, "办结时间", "2023-03-08", "填写了办结时间但没有办理结果"),
        (7, "办结时间", "2023-03-01", "办结时间早于受理时间（2023-03-05）"),
        (8, "工单编号", "", "必填项为空"),
        (8, "诉求标题", "", "必填项为空"),
        (9, "工单编号", "NX2023030500001", "工单编号与第2行重复"),
        (10, "来源渠道", "微信", "未知的来源渠道（可填"),
        (11, "诉求类型", "表扬", "未知的诉求类型（可填"),
    ]
    assert len(parsed.problems) == len(expected)
    for problem, (number, column, value, reason) in zip(parsed.problems, expected, strict=True):
        assert (problem["row"], problem["column"], problem["value"]) == (number, column, value)
        assert problem["reason"].startswith(reason), problem


def test_personal_values_are_never_echoed_in_problems():
    parsed = parse_table([HEADER, row(来电人="王" * 101, 联系电话="1" * 51)])
    problems = {p["column"]: p for p in parsed.problems}
    assert set(problems) == {"来电人", "联系电话"}
    assert all(p["value"] == "" for p in problems.values())
    assert "内容过长（101字" in problems["来电人"]["reason"]


def test_missing_required_columns_are_reported_on_the_header_row():
    parsed = parse_table([["工单编号", "来电人"], ["NX1", "王小明"]])
    assert [(p["row"], p["column"], p["reason"]) for p in parsed.problems] == [
        (1, "受理时间", REASON_MISSING_COLUMN),
        (1, "诉求标题", REASON_MISSING_COLUMN),
    ]
    assert parse_table([[], []]).problems[0]["reason"] == "没有表头行"


@pytest.mark.django_db
def test_import_is_idempotent_and_updates_changed_rows(clerk, bureau):
    first = parse_table([HEADER, ROW, row(工单编号="NX2", 办理结果="", 办结时间="")]).rows
    summary = inquiries_import(actor=clerk, agency=bureau, rows=first)
    assert (summary.imported, summary.updated, summary.unchanged) == (2, 0, 0)
    stamp = Inquiry.objects.get(external_number="NX2").updated_at

    again = inquiries_import(actor=clerk, agency=bureau, rows=first)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 2)
    assert Inquiry.objects.get(external_number="NX2").updated_at == stamp
    assert AuditEvent.objects.filter(action="inquiry.imported").count() == 1

    concluded = parse_table(
        [HEADER, ROW, row(工单编号="NX2", 办理结果="撤回", 办结时间="2023-03-06")]
    ).rows
    changed = inquiries_import(actor=clerk, agency=bureau, rows=concluded)
    assert (changed.imported, changed.updated, changed.unchanged) == (0, 1, 1)
    nx2 = Inquiry.objects.get(external_number="NX2")
    assert (nx2.result, nx2.replied_on) == (InquiryResult.WITHDRAWN, date(2023, 3, 6))
    assert Inquiry.objects.count() == 2
    event = AuditEvent.objects.filter(action="inquiry.imported").latest("id")
    assert event.data == {"file": "", "rows": 2, "imported": 0, "updated": 1}


@pytest.mark.django_db
def test_an_older_export_never_reopens_a_concluded_inquiry(clerk, bureau):
    open_row = parse_table([HEADER, row(办理结果="", 办结时间="", 答复内容="")]).rows
    inquiries_import(actor=clerk, agency=bureau, rows=open_row)
    Inquiry.objects.update(result=InquiryResult.RETURNED, replied_on=date(2023, 3, 6))
    again = inquiries_import(actor=clerk, agency=bureau, rows=open_row)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 1)
    assert Inquiry.objects.get().result == InquiryResult.RETURNED
