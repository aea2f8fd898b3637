"""Reading and checking a body's 依申请公开台账 (``docs/ledger.md``), without saving anything.

A ledger is one sheet (CSV, or the first sheet of an XLSX workbook) with a header row. Headers
are matched after removing spaces and folding full-width characters, in any order; unknown
columns are ignored. :func:`parse_table` and :func:`parse_records` return every valid row as a
:class:`LedgerRow` and **every** problem found (not only the first), each as
``{"row": N, "column": "申请人类型", "value": "个体户", "reason": "…"}`` where ``row`` is the
spreadsheet row number (the header is row 1 when it is the first row).

The 申请人 column holds personal data: it is kept in :class:`LedgerRow` (out of its ``repr``)
and never copied into a problem.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from gongkai.applications.outcomes import (
    APPLICANT_LABELS,
    CHANNELS,
    GROUP_WORDS,
    ApplicantCategory,
    Channel,
    Outcome,
    OutcomeGroup,
    applicant_category_from_label,
    channel_from_label,
    fold,
    outcome_by_key,
    outcome_from_label,
)
from gongkai.core.spreadsheets import (
    DATE_FORMATS_TEXT,
    Parsed,
    Problem,
    RowReader,
    cell_text,
    is_blank,
    read_rows,
)

NUMBER = "申请编号"
RECEIVED = "收到申请日期"
CHANNEL = "申请方式"
CATEGORY = "申请人类型"
APPLICANT = "申请人"
REQUEST = "申请内容"
CORRECTION_NOTICE = "补正告知日期"
CORRECTION_RECEIVED = "补正收到日期"
CONSULTATION_SENT = "征求意见发出日期"
CONSULTATION_ENDED = "征求意见结束日期"
EXTENSION_NOTICE = "延期告知日期"
ANSWERED = "答复日期"
OUTCOME = "办理结果"
NOTE = "备注"

#: Every column of the ledger in the order of ``docs/ledger.md``.
COLUMNS: tuple[str, ...] = (
    NUMBER,
    RECEIVED,
    CHANNEL,
    CATEGORY,
    APPLICANT,
    REQUEST,
    CORRECTION_NOTICE,
    CORRECTION_RECEIVED,
    CONSULTATION_SENT,
    CONSULTATION_ENDED,
    EXTENSION_NOTICE,
    ANSWERED,
    OUTCOME,
    NOTE,
)
#: Columns that must exist and be filled in on every row (办理结果 is required with 答复日期).
REQUIRED_COLUMNS: tuple[str, ...] = (NUMBER, RECEIVED, CHANNEL, CATEGORY, REQUEST)
DATE_COLUMNS: tuple[str, ...] = (
    RECEIVED,
    CORRECTION_NOTICE,
    CORRECTION_RECEIVED,
    CONSULTATION_SENT,
    CONSULTATION_ENDED,
    EXTENSION_NOTICE,
    ANSWERED,
)
#: Columns whose content is never echoed in a problem (personal data).
PRIVATE_COLUMNS: frozenset[str] = frozenset({APPLICANT})

_BY_FOLDED_HEADER: dict[str, str] = {fold(c): c for c in COLUMNS}


REASON_MISSING_COLUMN = "缺少必填列"
REASON_DUPLICATE_COLUMN = "表头重复"
REASON_NO_HEADER = "没有表头行"
REASON_NOT_A_DATE = f"不是有效日期（可用格式：{DATE_FORMATS_TEXT}）"
REASON_CHANNEL = "未知的申请方式（可填：{}）".format(
    "、".join(w for spec in CHANNELS.values() for w in (spec.label, *spec.synonyms))
)
REASON_CATEGORY = "未知的申请人类型（可填：{}）".format("、".join(APPLICANT_LABELS.values()))
REASON_OUTCOME = (
    "未知的办理结果：应为表三办理结果的全国统一表述，如“属于国家秘密”"
    "“不予公开-属于国家秘密”“予以公开”“部分公开”"
)
REASON_OUTCOME_WITHOUT_ANSWER = "填写了办理结果但没有答复日期"
REASON_ANSWER_WITHOUT_OUTCOME = "填写了答复日期但没有办理结果"
REASON_BEFORE_RECEIPT = "{column}早于收到申请日期（{received}）"
REASON_CONSULTATION_ORDER = "征求意见结束日期早于征求意见发出日期（{sent}）"
REASON_CONSULTATION_NO_START = "有征求意见结束日期但没有征求意见发出日期"
REASON_DUPLICATE_NUMBER = "申请编号与第{row}行重复"


@dataclass(frozen=True)
class LedgerRow:
    """One valid ledger row; ``row`` is its spreadsheet row number."""

    row: int
    number: str
    received_on: date
    channel: Channel
    applicant_category: ApplicantCategory
    request: str
    applicant: str = field(default="", repr=False)
    correction_notice_on: date | None = None
    correction_received_on: date | None = None
    consultation_sent_on: date | None = None
    consultation_ended_on: date | None = None
    extension_notice_on: date | None = None
    answered_on: date | None = None
    outcome: Outcome | None = None
    note: str = ""

    @property
    def is_open(self) -> bool:
        """Not answered yet (an empty 答复日期)."""
        return self.answered_on is None


#: The valid rows and all problems of one ledger.
LedgerParse = Parsed[LedgerRow]


# --------------------------------------------------------------------------------------------
# Reading files (cells and dates: gongkai.core.spreadsheets, shared by every import)
# --------------------------------------------------------------------------------------------


def read_ledger(path: Path) -> LedgerParse:
    """Read and check a ``.csv`` or ``.xlsx`` ledger."""
    return parse_table(read_rows(path, what="台账", code="ledger_unsupported_file"))


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------


def parse_table(table: Iterable[Sequence[object]]) -> LedgerParse:
    """Check a sheet given as rows of cells; the first non-empty row is the header."""
    header: Sequence[object] | None = None
    header_row = 0
    records: list[tuple[int, dict[str, object]]] = []
    for number, cells in enumerate(table, start=1):
        if header is None:
            if not is_blank(cells):
                header, header_row = cells, number
            continue
        record: dict[str, object] = {}
        for index, value in enumerate(cells):
            if index < len(header):
                record.setdefault(cell_text(header[index]), value)
        records.append((number, record))
    if header is None:
        return LedgerParse((), (Problem(row=1, column="", value="", reason=REASON_NO_HEADER),))
    return _parse([cell_text(h) for h in header], header_row, records)


def parse_records(records: Iterable[Mapping[str, object]], *, first_row: int = 2) -> LedgerParse:
    """Check rows given as ``{header: cell}`` (e.g. from ``csv.DictReader``).

    The header is the keys in order of first appearance; the first record is spreadsheet row
    ``first_row`` (2 when the header is row 1).
    """
    numbered = [(first_row + i, dict(r)) for i, r in enumerate(records)]
    header: dict[str, None] = {}
    for _, record in numbered:
        header.update(dict.fromkeys(k for k in record if isinstance(k, str)))
    return _parse(list(header), first_row - 1, numbered)


def _header_map(header: Sequence[str], header_row: int) -> tuple[dict[str, str], list[Problem]]:
    """Raw header text → column name, and the header's problems."""
    mapping: dict[str, str] = {}
    problems: list[Problem] = []
    seen: set[str] = set()
    for raw in header:
        column = _BY_FOLDED_HEADER.get(fold(raw))
        if column is None:
            continue
        if column in seen:
            problems.append(
                Problem(row=header_row, column=column, value=raw, reason=REASON_DUPLICATE_COLUMN)
            )
            continue
        seen.add(column)
        mapping[raw] = column
    problems.extend(
        Problem(row=header_row, column=column, value="", reason=REASON_MISSING_COLUMN)
        for column in REQUIRED_COLUMNS
        if column not in seen
    )
    return mapping, problems


def _parse(
    header: Sequence[str],
    header_row: int,
    records: Iterable[tuple[int, Mapping[str, object]]],
) -> LedgerParse:
    mapping, problems = _header_map(header, header_row)
    if problems:
        return LedgerParse((), tuple(problems))
    rows: list[LedgerRow] = []
    first_seen: dict[str, int] = {}
    for number, record in records:
        cells = {mapping[k]: v for k, v in record.items() if k in mapping}
        if is_blank(cells.values()):
            continue
        row, row_problems = _parse_row(number, cells)
        key = fold(cell_text(cells.get(NUMBER)))
        if key:
            if key in first_seen:
                row_problems.append(
                    Problem(
                        row=number,
                        column=NUMBER,
                        value=cell_text(cells.get(NUMBER)),
                        reason=REASON_DUPLICATE_NUMBER.format(row=first_seen[key]),
                    )
                )
            else:
                first_seen[key] = number
        if row_problems:
            problems.extend(row_problems)
        elif row is not None:
            rows.append(row)
    return LedgerParse(tuple(rows), tuple(problems))


class _RowReader(RowReader):
    """A ledger row: the applicant's name never shows in a problem."""

    private = PRIVATE_COLUMNS
    not_a_date = REASON_NOT_A_DATE

    def not_before(self, column: str, value: date | None, received: date | None) -> None:
        if value is not None and received is not None and value < received:
            self.problem(
                column,
                REASON_BEFORE_RECEIPT.format(column=column, received=received.isoformat()),
                value.isoformat(),
            )


def _parse_row(number: int, cells: Mapping[str, object]) -> tuple[LedgerRow | None, list[Problem]]:
    r = _RowReader(number, cells)
    application_number = r.text(NUMBER, required=True)
    received = r.day(RECEIVED, required=True)

    channel_text = r.text(CHANNEL, required=True)
    channel = channel_from_label(channel_text) if channel_text else None
    if channel_text and channel is None:
        r.problem(CHANNEL, REASON_CHANNEL)

    category_text = r.text(CATEGORY, required=True)
    category = applicant_category_from_label(category_text) if category_text else None
    if category_text and category is None:
        r.problem(CATEGORY, REASON_CATEGORY)

    applicant = r.text(APPLICANT)
    request = r.text(REQUEST, required=True)

    correction_notice = r.day(CORRECTION_NOTICE)
    correction_received = r.day(CORRECTION_RECEIVED)
    consultation_sent = r.day(CONSULTATION_SENT)
    consultation_ended = r.day(CONSULTATION_ENDED)
    extension_notice = r.day(EXTENSION_NOTICE)
    answered = r.day(ANSWERED)
    answered_given = r.text(ANSWERED) != ""

    outcome_text = r.text(OUTCOME)
    outcome = outcome_from_label(outcome_text) if outcome_text else None
    if outcome_text and outcome is None:
        r.problem(OUTCOME, REASON_OUTCOME)
    if outcome_text and not answered_given:
        r.problem(OUTCOME, REASON_OUTCOME_WITHOUT_ANSWER)
    if answered_given and not outcome_text:
        r.problem(ANSWERED, REASON_ANSWER_WITHOUT_OUTCOME)

    r.not_before(CORRECTION_NOTICE, correction_notice, received)
    r.not_before(CORRECTION_RECEIVED, correction_received, received)
    r.not_before(ANSWERED, answered, received)
    if consultation_ended is not None:
        if consultation_sent is None:
            if r.text(CONSULTATION_SENT) == "":
                r.problem(CONSULTATION_ENDED, REASON_CONSULTATION_NO_START)
        elif consultation_ended < consultation_sent:
            r.problem(
                CONSULTATION_ENDED,
                REASON_CONSULTATION_ORDER.format(sent=consultation_sent.isoformat()),
                consultation_ended.isoformat(),
            )

    note = r.text(NOTE)
    if r.problems or received is None or channel is None or category is None:
        return None, r.problems
    return (
        LedgerRow(
            row=number,
            number=application_number,
            received_on=received,
            channel=channel,
            applicant_category=category,
            request=request,
            applicant=applicant,
            correction_notice_on=correction_notice,
            correction_received_on=correction_received,
            consultation_sent_on=consultation_sent,
            consultation_ended_on=consultation_ended,
            extension_notice_on=extension_notice,
            answered_on=answered,
            outcome=outcome,
            note=note,
        ),
        r.problems,
    )


def outcome_ledger_label(key: str) -> str:
    """How a ledger writes an outcome: ``予以公开`` or ``不予公开-属于国家秘密`` (re-importable)."""
    outcome = outcome_by_key(key)
    if outcome.group in (OutcomeGroup.GRANTED, OutcomeGroup.PARTIAL):
        return GROUP_WORDS[outcome.group]
    return f"{GROUP_WORDS[outcome.group]}-{outcome.wording}"


def write_xlsx(rows: Iterable[Mapping[str, object]], *, columns: Sequence[str]) -> bytes:
    """A ledger workbook: one sheet, the header row, then ``rows`` (dates as real dates)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("依申请公开台账")
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row.get(column) for column in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
