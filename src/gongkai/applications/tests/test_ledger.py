"""Reading and checking a 依申请公开台账 per docs/ledger.md (no database)."""

from __future__ import annotations

import csv
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from gongkai.applications.ledger import (
    COLUMNS,
    REASON_ANSWER_WITHOUT_OUTCOME,
    REASON_CATEGORY,
    REASON_CHANNEL,
    REASON_CONSULTATION_NO_START,
    REASON_DUPLICATE_COLUMN,
    REASON_MISSING_COLUMN,
    REASON_NO_HEADER,
    REASON_NOT_A_DATE,
    REASON_OUTCOME,
    REASON_OUTCOME_WITHOUT_ANSWER,
    LedgerRow,
    parse_records,
    parse_table,
    read_ledger,
)
from gongkai.applications.outcomes import ApplicantCategory, Channel
from gongkai.core.errors import ValidationFailed
from gongkai.core.spreadsheets import REASON_MISSING, parse_date

HEADER = list(COLUMNS)


def _row(**values: object) -> list[object]:
    """A full ledger row in COLUMNS order; unspecified cells are empty."""
    base: dict[str, object] = {
        "申请编号": "2025-001",
        "收到申请日期": "2025-03-05",
        "申请方式": "网络",
        "申请人类型": "自然人",
        "申请人": "张三",
        "申请内容": "2024年义务教育阶段招生计划",
    }
    base.update(values)
    return [base.get(column, "") for column in COLUMNS]


def _write_csv(path, rows, encoding="utf-8-sig"):
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _write_xlsx(path, rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


# ------------------------------------------------------------------ valid ledgers


def test_csv_ledger_with_all_columns_is_read(tmp_path):
    path = _write_csv(
        tmp_path / "台账.csv",
        [
            HEADER,
            _row(
                **{
                    "补正告知日期": "2025/3/7",
                    "补正收到日期": "2025.3.12",
                    "征求意见发出日期": "2025年3月14日",
                    "征求意见结束日期": "2025-04-03",
                    "延期告知日期": "2025-04-01",
                    "答复日期": "2025-04-20",
                    "办理结果": "不予公开-属于国家秘密",
                    "备注": "已归档",
                }
            ),
            _row(**{"申请编号": "2025-002", "申请方式": "挂号信", "申请人类型": "法律服务机构"}),
        ],
    )
    result = read_ledger(path)
    assert result.problems == ()
    assert result.ok
    first, second = result.rows
    assert first == LedgerRow(
        row=2,
        number="2025-001",
        received_on=date(2025, 3, 5),
        channel=Channel.ONLINE,
        applicant_category=ApplicantCategory.NATURAL_PERSON,
        request="2024年义务教育阶段招生计划",
        applicant="张三",
        correction_notice_on=date(2025, 3, 7),
        correction_received_on=date(2025, 3, 12),
        consultation_sent_on=date(2025, 3, 14),
        consultation_ended_on=date(2025, 4, 3),
        extension_notice_on=date(2025, 4, 1),
        answered_on=date(2025, 4, 20),
        outcome=first.outcome,
        note="已归档",
    )
    assert first.outcome is not None
    assert first.outcome.key == "denied_1"
    assert not first.is_open
    assert second.row == 3
    assert second.channel is Channel.LETTER
    assert second.applicant_category is ApplicantCategory.LEGAL_SERVICE
    assert second.is_open
    assert second.outcome is None


def test_applicant_name_is_kept_out_of_the_row_repr():
    result = parse_table([HEADER, _row()])
    assert result.rows[0].applicant == "张三"
    assert "张三" not in repr(result.rows[0])


def test_headers_match_in_any_order_after_trimming_spaces_and_full_width_forms():
    header = [" 申请内容", "申请人类型　", "申 请 方 式", "收到申请日期", "申请编号", "无关列"]
    rows = [header, ["招生计划", "商业企业", "当面", "2025/3/5", "A1", "x"]]
    result = parse_table(rows)
    assert result.problems == ()
    (row,) = result.rows
    assert (row.number, row.channel, row.applicant_category) == (
        "A1",
        Channel.IN_PERSON,
        ApplicantCategory.COMMERCIAL,
    )
    assert row.request == "招生计划"


def test_xlsx_ledger_with_real_dates_and_numeric_numbers(tmp_path):
    path = _write_xlsx(
        tmp_path / "台账.xlsx",
        [
            HEADER,
            _row(
                **{
                    "申请编号": 20250001,
                    "收到申请日期": datetime(2025, 3, 5),  # noqa: DTZ001 - a spreadsheet date
                    "答复日期": datetime(2025, 3, 20),  # noqa: DTZ001
                    "办理结果": "予以公开",
                }
            ),
            [None] * len(HEADER),  # blank row: skipped, numbering kept
            _row(**{"申请编号": "20250002", "收到申请日期": "2025年3月6日"}),
        ],
    )
    result = read_ledger(path)
    assert result.problems == ()
    assert [(r.row, r.number) for r in result.rows] == [(2, "20250001"), (4, "20250002")]
    assert result.rows[0].received_on == date(2025, 3, 5)
    assert result.rows[0].outcome is not None
    assert result.rows[0].outcome.key == "granted"


def test_gb18030_csv_from_chinese_excel_is_read(tmp_path):
    path = _write_csv(tmp_path / "台账.csv", [HEADER, _row()], encoding="gb18030")
    result = read_ledger(path)
    assert result.problems == ()
    assert result.rows[0].request == "2024年义务教育阶段招生计划"


def test_dict_records_from_a_dict_reader(tmp_path):
    path = _write_csv(
        tmp_path / "l.csv", [HEADER, _row(), _row(**{"申请编号": "2", "申请人类型": "个体户"})]
    )
    with path.open(encoding="utf-8-sig", newline="") as handle:
        result = parse_records(csv.DictReader(handle))
    assert len(result.rows) == 1
    assert result.problems == (
        {"row": 3, "column": "申请人类型", "value": "个体户", "reason": REASON_CATEGORY},
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-05", date(2025, 3, 5)),
        ("2025/3/5", date(2025, 3, 5)),
        ("2025.3.5", date(2025, 3, 5)),
        ("2025年3月5日", date(2025, 3, 5)),
        ("２０２５年３月５日", date(2025, 3, 5)),
        (" 2025-3-5 ", date(2025, 3, 5)),
        ("", None),
        (None, None),
        (date(2025, 3, 5), date(2025, 3, 5)),
    ],
)
def test_date_formats(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2025-02-30", "5/3/2025", "20250305", "三月五日", 45721, 1.5])
def test_not_dates(text):
    with pytest.raises(ValueError):  # noqa: PT011 - the function's documented contract
        parse_date(text)


# ------------------------------------------------------------------ every invalid case


def test_every_problem_of_a_ledger_is_listed_with_row_column_value_and_reason():
    rows = [
        HEADER,
        _row(),  # row 2: valid
        _row(**{"申请编号": "", "申请内容": ""}),  # 3: missing required values
        _row(**{"申请编号": "3", "收到申请日期": "", "申请方式": "", "申请人类型": ""}),  # 4
        _row(**{"申请编号": "4", "申请方式": "微信"}),  # 5: unknown channel
        _row(**{"申请编号": "5", "申请人类型": "个体户"}),  # 6: unknown category
        _row(**{"申请编号": "6", "答复日期": "2025-03-10", "办理结果": "同意"}),  # 7
        _row(**{"申请编号": "7", "收到申请日期": "2025-02-30"}),  # 8: not a date
        _row(**{"申请编号": "8", "答复日期": "2025-03-04", "办理结果": "予以公开"}),  # 9
        _row(**{"申请编号": "9", "补正告知日期": "2025-03-01"}),  # 10
        _row(**{"申请编号": "10", "补正收到日期": "2025-03-02"}),  # 11
        _row(
            **{"申请编号": "11", "征求意见发出日期": "2025-03-10", "征求意见结束日期": "2025-03-09"}
        ),
        _row(**{"申请编号": "12", "办理结果": "予以公开"}),  # 13: outcome without answer
        _row(**{"申请编号": "13", "答复日期": "2025-03-20"}),  # 14: answer without outcome
        _row(**{"申请编号": "2025-001"}),  # 15: duplicate of row 2
        _row(**{"申请编号": "14", "延期告知日期": "明天"}),  # 16: not a date
        _row(**{"申请编号": "15", "征求意见结束日期": "2025-03-09"}),  # 17: end without start
    ]
    result = parse_table(rows)
    assert [r.row for r in result.rows] == [2]
    assert list(result.problems) == [
        {"row": 3, "column": "申请编号", "value": "", "reason": REASON_MISSING},
        {"row": 3, "column": "申请内容", "value": "", "reason": REASON_MISSING},
        {"row": 4, "column": "收到申请日期", "value": "", "reason": REASON_MISSING},
        {"row": 4, "column": "申请方式", "value": "", "reason": REASON_MISSING},
        {"row": 4, "column": "申请人类型", "value": "", "reason": REASON_MISSING},
        {"row": 5, "column": "申请方式", "value": "微信", "reason": REASON_CHANNEL},
        {"row": 6, "column": "申请人类型", "value": "个体户", "reason": REASON_CATEGORY},
        {"row": 7, "column": "办理结果", "value": "同意", "reason": REASON_OUTCOME},
        {"row": 8, "column": "收到申请日期", "value": "2025-02-30", "reason": REASON_NOT_A_DATE},
        {
            "row": 9,
            "column": "答复日期",
            "value": "2025-03-04",
            "reason": "答复日期早于收到申请日期（2025-03-05）",
        },
        {
            "row": 10,
            "column": "补正告知日期",
            "value": "2025-03-01",
            "reason": "补正告知日期早于收到申请日期（2025-03-05）",
        },
        {
            "row": 11,
            "column": "补正收到日期",
            "value": "2025-03-02",
            "reason": "补正收到日期早于收到申请日期（2025-03-05）",
        },
        {
            "row": 12,
            "column": "征求意见结束日期",
            "value": "2025-03-09",
            "reason": "征求意见结束日期早于征求意见发出日期（2025-03-10）",
        },
        {
            "row": 13,
            "column": "办理结果",
            "value": "予以公开",
            "reason": REASON_OUTCOME_WITHOUT_ANSWER,
        },
        {
            "row": 14,
            "column": "答复日期",
            "value": "2025-03-20",
            "reason": REASON_ANSWER_WITHOUT_OUTCOME,
        },
        {"row": 15, "column": "申请编号", "value": "2025-001", "reason": "申请编号与第2行重复"},
        {"row": 16, "column": "延期告知日期", "value": "明天", "reason": REASON_NOT_A_DATE},
        {
            "row": 17,
            "column": "征求意见结束日期",
            "value": "2025-03-09",
            "reason": REASON_CONSULTATION_NO_START,
        },
    ]


def test_one_row_reports_all_of_its_problems_not_just_the_first():
    row = _row(
        **{
            "申请方式": "微信",
            "申请人类型": "个体户",
            "答复日期": "2025-03-01",
            "办理结果": "不予公开",
        }
    )
    result = parse_table([HEADER, row])
    assert [(p["column"], p["reason"]) for p in result.problems] == [
        ("申请方式", REASON_CHANNEL),
        ("申请人类型", REASON_CATEGORY),
        ("办理结果", REASON_OUTCOME),
        ("答复日期", "答复日期早于收到申请日期（2025-03-05）"),
    ]
    assert result.rows == ()


def test_duplicate_numbers_are_compared_after_folding_width_and_spaces():
    rows = [HEADER, _row(**{"申请编号": "Ａ-１"}), _row(**{"申请编号": " A-1 "})]
    result = parse_table(rows)
    assert result.problems == (
        {"row": 3, "column": "申请编号", "value": "A-1", "reason": "申请编号与第2行重复"},
    )


def test_a_third_occurrence_points_to_the_first():
    rows = [HEADER, _row(), _row(), _row()]
    reasons = [p["reason"] for p in parse_table(rows).problems]
    assert reasons == ["申请编号与第2行重复", "申请编号与第2行重复"]


def test_applicant_names_are_never_echoed_in_problems():
    rows = [HEADER, _row(**{"申请人": "李四", "申请方式": "微信"})]
    result = parse_table(rows)
    assert "李四" not in repr(result.problems)


def test_missing_required_columns_are_all_listed_on_the_header_row():
    header = ["申请编号", "申请人", "答复日期"]
    result = parse_table([header, ["1", "王五", "2025-03-05"]])
    assert result.rows == ()
    assert list(result.problems) == [
        {"row": 1, "column": column, "value": "", "reason": REASON_MISSING_COLUMN}
        for column in ("收到申请日期", "申请方式", "申请人类型", "申请内容")
    ]


def test_header_row_number_follows_leading_blank_rows():
    result = parse_table([[], ["", ""], ["申请编号"], ["1"]])
    assert {p["row"] for p in result.problems} == {3}


def test_duplicate_header_column_is_a_problem():
    header = [*HEADER, "申请 编号"]
    result = parse_table([header, _row()])
    assert result.problems == (
        {"row": 1, "column": "申请编号", "value": "申请 编号", "reason": REASON_DUPLICATE_COLUMN},
    )


def test_empty_sheet_has_no_header():
    assert parse_table([]).problems == (
        {"row": 1, "column": "", "value": "", "reason": REASON_NO_HEADER},
    )


def test_xlsx_invalid_rows_are_numbered_as_in_the_spreadsheet(tmp_path):
    path = _write_xlsx(
        tmp_path / "bad.xlsx",
        [
            HEADER,
            _row(),
            _row(**{"申请编号": "2", "收到申请日期": 45721}),  # a number, not a date cell
            _row(**{"申请编号": "3", "申请人类型": "个体户"}),
        ],
    )
    result = read_ledger(path)
    assert [(p["row"], p["column"], p["value"]) for p in result.problems] == [
        (3, "收到申请日期", "45721"),
        (4, "申请人类型", "个体户"),
    ]
    assert [r.row for r in result.rows] == [2]


def test_unsupported_file_type(tmp_path):
    path = tmp_path / "台账.xls"
    path.write_bytes(b"")
    with pytest.raises(ValidationFailed) as excinfo:
        read_ledger(path)
    assert excinfo.value.code == "ledger_unsupported_file"
