"""API shapes every router shares: the one error body the project's exception handler writes."""

from __future__ import annotations

from ninja import Schema


class ErrorOut(Schema):
    """What ``gongkai.api`` answers for a DomainError: stable code, Chinese message, data."""

    code: str
    message: str
    data: object = None


#: The error answers of an operation that reads or writes a body's records.
ERROR_RESPONSES: dict[int, type[ErrorOut]] = {
    400: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
}
