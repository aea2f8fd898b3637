"""The domain error tree, mapped once per surface (API, pages, CLI).

Every error a user can cause is a :class:`DomainError` carrying a stable ``code``, a message
a 公开办 clerk understands (Chinese for the UI, may be bilingual for the CLI) and optional
structured ``data`` (e.g. the list of problems of an import). Code that raises these never
formats a traceback for a user: the CLI maps them to exit status 2 and the message, the API
to a 4xx JSON body, pages to a rendered message.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base class: something the user asked for cannot be done, and why."""

    code: str = "error"
    http_status: int = 400

    def __init__(self, message: str, *, code: str | None = None, data: Any = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.data = data

    def __str__(self) -> str:
        return self.message


class ValidationFailed(DomainError):
    """Input does not satisfy the rules; ``data`` may hold a list of problems."""

    code = "invalid"


class NotFoundOrForbidden(DomainError):
    """The object does not exist, or the caller may not see it (deliberately indistinguishable)."""

    code = "not_found"
    http_status = 404


class PermissionDenied(DomainError):
    """The caller is known to see the object but may not perform this action on it."""

    code = "forbidden"
    http_status = 403


class IllegalTransition(DomainError):
    """A workflow move not allowed from the current state (see the app's ``states.py``)."""

    code = "illegal_transition"
    http_status = 409


class Conflict(DomainError):
    """Someone else changed the record first, or the record already exists."""

    code = "conflict"
    http_status = 409
