"""Reading printed numbers: full-width digits, thousands separators, empty markers, run-together
digits split back into cells by the table's own equations."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache

# What a report prints for "no number": 无数据 is null, never 0 (report-json.md).
NULL_MARKERS = frozenset({"", "/", "-", "--", "—", "——", "–", "―", "－", "／", "\\", "无", "空"})
_INT_RE = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_DEC_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_TOKEN_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[/\\\-—–―－／]+$")
MAX_SPLIT_DIGITS = 48
MAX_SPLIT_STEPS = 200_000


class Ambiguous(ValueError):
    """Run-together digits split in more than one way that satisfies the equations."""


@lru_cache(maxsize=16384)
def normalize_cell(text: str) -> str:
    """NFKC (full-width digits and punctuation → ASCII) and no surrounding blanks."""
    return unicodedata.normalize("NFKC", text).replace("\u00a0", " ").strip()


def is_null_marker(text: str) -> bool:
    return normalize_cell(text).replace(" ", "") in NULL_MARKERS


@lru_cache(maxsize=16384)
def is_value_token(text: str) -> bool:
    """A cell that holds a number or an empty marker (and nothing else)."""
    t = normalize_cell(text).replace(" ", "")
    return t in NULL_MARKERS or bool(_TOKEN_RE.match(t))


@lru_cache(maxsize=16384)
def parse_int(text: str) -> int | None:
    """An integer cell; ``None`` for an empty marker. Raises ValueError for anything else."""
    t = normalize_cell(text).replace(" ", "")
    if t in NULL_MARKERS:
        return None
    if _INT_RE.match(t):
        return int(t.replace(",", ""))
    if re.match(r"^\d+\.0+$", t):
        return int(t.split(".")[0])
    raise ValueError(t)


def parse_decimal(text: str) -> str | None:
    """A money cell kept as printed (without thousands separators); ``None`` when empty."""
    t = normalize_cell(text).replace(" ", "")
    if t in NULL_MARKERS:
        return None
    if _DEC_RE.match(t):
        return t.replace(",", "")
    raise ValueError(t)


def split_digits(
    tokens: Sequence[str],
    width: int,
    accept: Callable[[tuple[int, ...]], bool],
) -> tuple[int, ...] | None:
    """Split digit strings that were printed without separators into ``width`` cells.

    Every token is a run of digits that holds one or more whole cells (a blank in the source is
    always a cell boundary); a cell has no leading zero unless it is ``0``. Returns the only split
    that ``accept`` (the table's equations) admits, ``None`` when there is none, and raises
    :class:`Ambiguous` when there are several.
    """
    if not tokens or not all(t.isdigit() for t in tokens):
        return None
    digits = sum(len(t) for t in tokens)
    if digits < width or len(tokens) > width or digits > MAX_SPLIT_DIGITS:
        return None
    found: list[tuple[int, ...]] = []
    steps = 0

    def walk(ti: int, pos: int, acc: list[int]) -> None:
        nonlocal steps
        steps += 1
        if steps > MAX_SPLIT_STEPS or len(found) > 1:
            return
        if ti == len(tokens):
            if len(acc) == width and accept(tuple(acc)):
                found.append(tuple(acc))
            return
        tok = tokens[ti]
        remaining_tokens = len(tokens) - ti - 1
        cells_left = width - len(acc)
        if cells_left <= remaining_tokens:
            return
        if pos == len(tok):
            return
        # Digits left in this token and the following ones must still fit the cells left.
        rest_digits = len(tok) - pos + sum(len(t) for t in tokens[ti + 1 :])
        if rest_digits < cells_left:
            return
        max_len = 1 if tok[pos] == "0" else len(tok) - pos
        for ln in range(1, max_len + 1):
            acc.append(int(tok[pos : pos + ln]))
            if pos + ln == len(tok):
                walk(ti + 1, 0, acc)
            else:
                walk(ti, pos + ln, acc)
            acc.pop()

    walk(0, 0, [])
    if steps > MAX_SPLIT_STEPS or len(found) > 1:
        raise Ambiguous("多种拆分均满足勾稽关系")
    return found[0] if found else None
