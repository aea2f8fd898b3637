"""In/Out schemas of the applications API; personal data only in ``ApplicationDetailOut``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Schema


class ApplicationOut(Schema):
    id: int
    number: str
    channel: str
    applicant_category: str
    received_on: date
    status: str
    status_label: str
    outcome: str | None
    answered_on: date | None
    due: date
    due_provisional: bool
    extended: bool
    version: int
    is_demo: bool


class ApplicationDetailOut(ApplicationOut):
    request_content: str
    applicant_name: str
    provision_form: str
    provision_route: str
    allowed_actions: list[str]
    possible_repeats: list[str]


class ApplicationIn(Schema):
    """``received_on``, or the channel's events from which 条例 第三十一条 derives it."""

    number: str
    channel: str
    received_on: date | None = None
    submitted_on: date | None = None
    signed_for_on: date | None = None
    confirmed_on: date | None = None
    applicant_category: str
    request_content: str
    applicant_name: str = ""
    applicant_id_number: str = ""
    applicant_phone: str = ""
    applicant_address: str = ""
    applicant_email: str = ""
    provision_form: str = ""
    provision_route: str = ""
    accessibility_needs: str = ""


class ApplicationTransitionIn(Schema):
    on: date
    outcome: str | None = None
    note: str = ""
    expected_version: int | None = None
    party_kind: str | None = None
    party: str = ""
    fee_method: str | None = None
    pages: int | None = None
    items: int = 1
    delay_until: date | None = None
    fee_reduction: Decimal | None = None
    fee_reduction_reason: str = ""


class OverdueApplicationOut(Schema):
    number: str
    received: date
    due: date
    answered: date | None


class Table3Out(Schema):
    columns: list[str]
    rows: dict[str, list[int]]


class CellCaseOut(Schema):
    """One case behind a 表三 cell (no personal data)."""

    number: str
    applicant_category: str
    received_on: date
    answered_on: date | None
    outcome: str | None
    status: str
