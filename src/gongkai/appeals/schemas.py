"""Typed shapes of the 复议与诉讼 API."""

from __future__ import annotations

from datetime import date

from ninja import Field, Schema


class Table4Cells(Schema):
    upheld: int
    corrected: int
    other: int
    pending: int
    total: int


class Table4Out(Schema):
    agency: str
    year: int
    counting: str
    review: Table4Cells
    litigation_direct: Table4Cells
    litigation_after_review: Table4Cells


class AppealOut(Schema):
    id: int
    kind: str
    kind_label: str
    route: str | None
    route_label: str | None
    role: str
    role_label: str
    procedure: str | None
    case_number: str
    filed_on: date
    accepted_on: date | None
    copy_received_on: date | None
    answer_due: date | None
    answer_due_provisional: bool
    answered_on: date | None
    deciding_body: str
    decided_on: date | None
    result: str | None
    result_label: str | None
    table4_column: str | None
    is_demo: bool


class AppealIn(Schema):
    kind: str
    role: str
    filed_on: date
    route: str = ""
    procedure: str = ""
    case_number: str = ""
    accepted_on: date | None = None
    copy_received_on: date | None = None
    deciding_body: str = ""
    application_numbers: list[str] = Field(default_factory=list)
    review_case_id: int | None = None
    note: str = ""


class CopyReceivedIn(Schema):
    copy_received_on: date
    procedure: str | None = None


class AnsweredIn(Schema):
    answered_on: date


class DecideIn(Schema):
    result: str
    decided_on: date
    deciding_body: str | None = None
