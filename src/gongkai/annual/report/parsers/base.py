"""What every parser produces: the document as an ordered stream of lines and table rows."""

from __future__ import annotations

from dataclasses import dataclass, field


class ReportUnreadable(Exception):
    """An input that cannot be read at all (not a report, corrupt, too large, unknown kind)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


# Grid slot covered by a cell that spans columns from its left: not a cell of its own.
SPANNED = "\u2063"


@dataclass(frozen=True)
class Line:
    """A line of text, or (``cells`` set) one row of a table with its cells in printed order.

    ``grid`` marks rows from a real table structure (HTML, docx, PDF ruling) whose cell
    positions are exact; rows recovered from flattened text (tabs, Markdown pipes) are not grids.
    """

    text: str
    cells: tuple[str, ...] | None = None
    grid: bool = False


@dataclass
class Document:
    """A parsed source before interpretation."""

    lines: list[Line] = field(default_factory=list)
    source: str | None = None
    title: str | None = None
    # Why tables may be missing, e.g. images instead of tables or a PDF without text layer.
    unreadable_reason: str | None = None
    image_count: int = 0
