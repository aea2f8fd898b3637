"""In/Out schemas of the 主动公开 API."""

from __future__ import annotations

from datetime import date
from typing import Any

from ninja import Schema


class PublicationOut(Schema):
    id: int
    agency: str
    index_number: str
    title: str
    document_number: str
    formed_on: date
    published_on: date | None
    article20_item: str
    status: str
    url: str


class CountsOut(Schema):
    agency: str
    year: int
    total: int
    by_channel: dict[str, int]
    text: str


class OverduePublicationOut(Schema):
    index_number: str
    title: str
    formed_on: str
    due: str | None
    status: str
    published_on: str | None
    late: bool


class GuideOut(Schema):
    agency: str
    text: str
    changed_at: str


class PublicationTransitionIn(Schema):
    action: str
    comment: str = ""
    on: date | None = None


class Table2Out(Schema):
    agency: str
    year: int
    figures: dict[str, Any]
