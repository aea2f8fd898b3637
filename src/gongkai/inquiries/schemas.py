"""Typed shapes of the 公众关切 API. No schema carries the requester's name or phone."""

from __future__ import annotations

from datetime import date

from ninja import Schema


class InquiryCountsOut(Schema):
    agency: str
    year: int
    total: int
    by_result: dict[str, int]
    by_channel: dict[str, int]
    by_kind: dict[str, int]


class ProposalCountsOut(Schema):
    agency: str
    year: int
    total: int
    handled: int
    reply_published: int
    by_kind: dict[str, int]
    by_result: dict[str, int]
    by_source: dict[str, int]


class InquiryOut(Schema):
    id: int
    channel: str
    channel_label: str
    kind: str
    kind_label: str
    external_number: str
    subject: str
    received_on: date
    reply_due: date
    result: str | None
    result_label: str | None
    replied_on: date | None
    is_demo: bool
