"""Reading and checking a 12345 platform export (``docs/inquiries.md``), without saving anything.

An export is one sheet (CSV, or the first sheet of an XLSX workbook) with a header row; a title
row above the header is skipped. Headers are matched after removing spaces and folding
full-width characters, in any order, with the usual variants (受理时间/受理日期…); unknown
columns are ignored. :func:`parse_table` returns every valid row as an :class:`InquiryRow` and
**every** problem found, each as ``{"row": N, "column": "办理结果", "value": "…", "reason": "…"}``
where ``row`` is the spreadsheet row number (the header is row 1 when it is the first row).

来电人 and 联系电话 are personal data: kept in :class:`InquiryRow` (out of its ``repr``) and never
copied into a problem.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from gongkai.core.spreadsheets import DATE_FORMATS_TEXT as BASE_DATE_FORMATS
from gongkai.core.spreadsheets import (
    Parsed,
    Problem,
    RowReader,
    cell_text,
    is_blank,
    read_rows,
)
from gongkai.inquiries.models import Channel, InquiryKind, InquiryResult

NUMBER = "工单编号"
CHANNEL = "来源渠道"
KIND = "诉求类型"
RECEIVED = "受理时间"
SUBJECT = "诉求标题"
CONTENT = "诉求内容"
NAME = "来电人"
PHONE = "联系电话"
RESULT = "办理结果"
REPLIED = "办结时间"
REPLY = "答复内容"

#: Every column in the order of ``docs/inquiries.md``, with the header variants accepted.
COLUMNS: dict[str, tuple[str, ...]] = {
    NUMBER: ("工单号", "工单编码", "编号"),
    CHANNEL: ("来源", "渠道", "诉求渠道", "来电渠道"),
    KIND: ("诉求类别", "工单类型", "类型"),
    RECEIVED: ("受理日期", "登记时间", "来电时间", "创建时间"),
    SUBJECT: ("标题", "工单标题"),
    CONTENT: ("内容", "工单内容", "问题描述"),
    NAME: ("诉求人", "姓名", "来电人姓名", "诉求人姓名"),
    PHONE: ("电话", "来电号码", "手机号码", "联系方式"),
    RESULT: ("处理结果",),
    REPLIED: ("办结日期", "答复时间", "回复时间"),
    REPLY: ("回复内容", "办理情况", "处理意见"),
}
REQUIRED_COLUMNS: tuple[str, ...] = (NUMBER, RECEIVED, SUBJECT)
#: Columns whose content is never echoed in a problem (personal data).
PRIVATE_COLUMNS: frozenset[str] = frozenset({NAME, PHONE})

LIMITS: dict[str, int] = {NUMBER: 64, SUBJECT: 300, NAME: 100, PHONE: 50}

DATE_FORMATS_TEXT = f"{BASE_DATE_FORMATS}（可带时刻，如 2023-03-05 14:20:00）"

#: Channel labels as the platforms write them (folded), then fragments that identify one.
_CHANNEL_WORDS: dict[str, str] = {
    "12345": Channel.HOTLINE,
    "12345热线": Channel.HOTLINE,
    "12345便民服务平台": Channel.HOTLINE,
    "12345政务服务便民热线": Channel.HOTLINE,
    "便民服务平台": Channel.HOTLINE,
    "热线": Channel.HOTLINE,
    "领导信箱": Channel.MAILBOX,
    "信箱": Channel.MAILBOX,
    "议政网": Channel.FORUM,
    "来电": Channel.PHONE,
    "电话": Channel.PHONE,
    "群众来电": Channel.PHONE,
    "来访": Channel.VISIT,
    "群众来访": Channel.VISIT,
    "走访": Channel.VISIT,
    "其他": Channel.OTHER,
    **{c.value: c.value for c in Channel},
}
_CHANNEL_FRAGMENTS: tuple[tuple[str, str], ...] = (
    ("12345", Channel.HOTLINE),
    ("信箱", Channel.MAILBOX),
    ("议政网", Channel.FORUM),
)
_KIND_WORDS: dict[str, str] = {
    "投诉": InquiryKind.COMPLAINT,
    "投诉举报": InquiryKind.COMPLAINT,
    "举报": InquiryKind.COMPLAINT,
    "咨询": InquiryKind.QUESTION,
    "建议": InquiryKind.SUGGESTION,
    "意见建议": InquiryKind.SUGGESTION,
    "留言": InquiryKind.MESSAGE,
    **{c.value: c.value for c in InquiryKind},
}
_RESULT_WORDS: dict[str, str] = {
    "回复": InquiryResult.ANSWERED,
    "已回复": InquiryResult.ANSWERED,
    "答复": InquiryResult.ANSWERED,
    "已答复": InquiryResult.ANSWERED,
    "办结": InquiryResult.ANSWERED,
    "已办结": InquiryResult.ANSWERED,
    "退回": InquiryResult.RETURNED,
    "已退回": InquiryResult.RETURNED,
    "撤回": InquiryResult.WITHDRAWN,
    "已撤回": InquiryResult.WITHDRAWN,
    "撤单": InquiryResult.WITHDRAWN,
    "转办": InquiryResult.TRANSFERRED,
    "已转办": InquiryResult.TRANSFERRED,
    **{c.value: c.value for c in InquiryResult},
}

REASON_NO_HEADER = "没有表头行"
REASON_MISSING_COLUMN = "缺少必填列"
REASON_DUPLICATE_COLUMN = "表头重复"
REASON_NOT_A_DATE = f"不是有效日期（可用格式：{DATE_FORMATS_TEXT}）"
REASON_CHANNEL = "未知的来源渠道（可填：12345、领导信箱、县长信箱、议政网、来电、来访、其他）"
REASON_KIND = "未知的诉求类型（可填：投诉、咨询、建议、留言）"
REASON_RESULT = "未知的办理结果（可填：回复、退回、撤回、转办，未办结留空）"
REASON_RESULT_WITHOUT_DATE = "填写了办理结果但没有办结时间"
REASON_DATE_WITHOUT_RESULT = "填写了办结时间但没有办理结果"
REASON_BEFORE_RECEIPT = "办结时间早于受理时间（{received}）"
REASON_DUPLICATE_NUMBER = "工单编号与第{row}行重复"


@dataclass(frozen=True)
class InquiryRow:
    """One valid row; ``row`` is its spreadsheet row number."""

    row: int
    external_number: str
    channel: str
    kind: str
    received_on: date
    subject: str
    content: str = ""
    requester_name: str = field(default="", repr=False)
    requester_phone: str = field(default="", repr=False)
    result: str | None = None
    replied_on: date | None = None
    reply_text: str = ""


#: The valid rows and all problems of one export.
ImportParse = Parsed[InquiryRow]


def fold(text: str) -> str:
    """Full-width forms to half-width (NFKC), no whitespace, no ``*`` required-field marks."""
    return re.sub(r"[\s*]", "", unicodedata.normalize("NFKC", text))


_BY_FOLDED_HEADER: dict[str, str] = {
    fold(variant): column for column, variants in COLUMNS.items() for variant in (column, *variants)
}


def channel_from_label(text: str) -> str | None:
    folded = fold(text)
    if folded in _CHANNEL_WORDS:
        return _CHANNEL_WORDS[folded]
    for fragment, channel in _CHANNEL_FRAGMENTS:
        if fragment in folded:
            return channel
    return None


# -- files --------------------------------------------------------------------------------------


def read_export(path: Path) -> ImportParse:
    """Read and check a ``.csv`` or ``.xlsx`` export."""
    return parse_table(read_rows(path, what="工单导出", code="inquiries_unsupported_file"))


# -- parsing ------------------------------------------------------------------------------------


def _looks_like_header(cells: Sequence[object]) -> bool:
    return sum(1 for c in cells if fold(cell_text(c)) in _BY_FOLDED_HEADER) >= 2


def parse_table(table: Iterable[Sequence[object]]) -> ImportParse:
    """Check a sheet given as rows of cells.

    The header is the first row naming at least two known columns (a title row above it is
    skipped), or else the first non-empty row.
    """
    rows = list(table)
    header_index = next((i for i, cells in enumerate(rows) if _looks_like_header(cells)), None)
    if header_index is None:
        header_index = next((i for i, cells in enumerate(rows) if not is_blank(cells)), None)
    if header_index is None:
        return ImportParse((), (Problem(row=1, column="", value="", reason=REASON_NO_HEADER),))
    header = [cell_text(h) for h in rows[header_index]]
    mapping, problems = _header_map(header, header_index + 1)
    if problems:
        return ImportParse((), tuple(problems))
    parsed: list[InquiryRow] = []
    first_seen: dict[tuple[str, str], int] = {}
    for index in range(header_index + 1, len(rows)):
        number = index + 1
        cells = {mapping[i]: value for i, value in enumerate(rows[index]) if i in mapping}
        if is_blank(cells.values()):
            continue
        row, row_problems = _parse_row(number, cells)
        if row is not None:
            key = (row.channel, row.external_number)
            if key in first_seen:
                row_problems.append(
                    Problem(
                        row=number,
                        column=NUMBER,
                        value=row.external_number,
                        reason=REASON_DUPLICATE_NUMBER.format(row=first_seen[key]),
                    )
                )
            else:
                first_seen[key] = number
        if row_problems:
            problems.extend(row_problems)
        elif row is not None:
            parsed.append(row)
    return ImportParse(tuple(parsed), tuple(problems))


def _header_map(header: Sequence[str], header_row: int) -> tuple[dict[int, str], list[Problem]]:
    """Column index → column name, and the header's problems."""
    mapping: dict[int, str] = {}
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, raw in enumerate(header):
        column = _BY_FOLDED_HEADER.get(fold(raw))
        if column is None:
            continue
        if column in seen:
            problems.append(
                Problem(row=header_row, column=column, value=raw, reason=REASON_DUPLICATE_COLUMN)
            )
            continue
        seen.add(column)
        mapping[index] = column
    problems.extend(
        Problem(row=header_row, column=column, value="", reason=REASON_MISSING_COLUMN)
        for column in REQUIRED_COLUMNS
        if column not in seen
    )
    return mapping, problems


class _RowReader(RowReader):
    """A 工单 row: name and phone never show in a problem; times of day are accepted."""

    private = PRIVATE_COLUMNS
    limits = LIMITS
    with_time = True
    not_a_date = REASON_NOT_A_DATE

    def choice(self, column: str, words: Mapping[str, str], reason: str) -> str | None:
        text = self.text(column)
        if not text:
            return None
        value = words.get(fold(text))
        if value is None:
            self.problem(column, reason)
        return value


def _parse_row(number: int, cells: Mapping[str, object]) -> tuple[InquiryRow | None, list[Problem]]:
    r = _RowReader(number, cells)
    external_number = r.text(NUMBER, required=True)
    channel_text = r.text(CHANNEL)
    channel = channel_from_label(channel_text) if channel_text else Channel.HOTLINE
    if channel is None:
        r.problem(CHANNEL, REASON_CHANNEL)
    kind = r.choice(KIND, _KIND_WORDS, REASON_KIND) or InquiryKind.COMPLAINT
    received = r.day(RECEIVED, required=True)
    subject = r.text(SUBJECT, required=True)
    content = r.text(CONTENT)
    name = r.text(NAME)
    phone = r.text(PHONE)
    result_text = r.text(RESULT)
    result = r.choice(RESULT, _RESULT_WORDS, REASON_RESULT)
    replied = r.day(REPLIED)
    reply = r.text(REPLY)
    if result_text and replied is None and REPLIED not in {p["column"] for p in r.problems}:
        r.problem(RESULT, REASON_RESULT_WITHOUT_DATE)
    if replied is not None and not result_text:
        r.problem(REPLIED, REASON_DATE_WITHOUT_RESULT)
    if replied is not None and received is not None and replied < received:
        r.problem(
            REPLIED,
            REASON_BEFORE_RECEIPT.format(received=received.isoformat()),
            replied.isoformat(),
        )
    if r.problems or channel is None or received is None:
        return None, r.problems
    return (
        InquiryRow(
            row=number,
            external_number=external_number,
            channel=channel,
            kind=kind,
            received_on=received,
            subject=subject,
            content=content,
            requester_name=name,
            requester_phone=phone,
            result=result,
            replied_on=replied,
            reply_text=reply,
        ),
        [],
    )
