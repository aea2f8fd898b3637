"""Interpretation of a parsed :class:`Document`: find 表二, 表三, 表四, the six parts, the title.

Every parser (text, HTML, docx, PDF) produces the same stream of lines and table rows; this
module turns that stream into an :class:`AnnualReport` plus the structural findings
(``structure.*``). Rows are recognised by their labels (``rows.py``); rows whose label was lost
or printed elsewhere are placed by their order between recognised rows. Digits that the source
ran together are split back with the table's own equations, and only when exactly one split
satisfies them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from gongkai.annual.report import rows as rt
from gongkai.annual.report.model import (
    AnnualReport,
    Finding,
    Table2,
    Table3,
    Table4,
    Triple,
)
from gongkai.annual.report.numbers import (
    Ambiguous,
    is_value_token,
    normalize_cell,
    parse_decimal,
    parse_int,
    split_digits,
)
from gongkai.annual.report.parsers.base import SPANNED, Document, Line
from gongkai.annual.report.sections import find_sections, scope_of, title_of

_SPACES_RE = re.compile(r"(?<![\d/\-])\s+|\s+(?![\d/\-])")
_WS_RE = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "—": "-", "–": "-", "―": "-", "．": "."})
_NUMERAL = r"[一二三四五六七八九十]、"


def light(text: str) -> str:
    """Fold for scanning: NFKC, ASCII quotes, no blanks except between two numbers."""
    return _light_cached(text) if len(text) < 256 else _light(text)


def _light(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).translate(_QUOTES).replace("\u00a0", " ")
    return _WS_RE.sub(" ", _SPACES_RE.sub("", s))


def _free_row_pattern(spec: rt.RowSpec) -> str:
    if spec.key == "total":
        return r"\(七\)总计"
    if spec.key == "other_3":
        return r"3[.、]其他(?![\u4e00-\u9fff])"
    return spec.pattern.split("|")[0] if spec.key in ("new", "carried_over") else spec.pattern


_light_cached = lru_cache(maxsize=8192)(_light)
_HEADING_ALTS = [_NUMERAL + p for p in rt.SECTION_PATTERNS.values()]
_ANCHOR_RE = re.compile(
    "|".join(
        [*_HEADING_ALTS]
        + [_free_row_pattern(s) for s in rt.TABLE3_ROWS]
        + list(rt.TABLE3_GROUP_PATTERNS)
        + [
            r"第二十条第\([一二三四五六七八九十、]+\)项",
            r"信息内容",
            r"规章",
            r"(?:行政)?规范性文件",
            r"行政许可",
            r"行政处罚",
            r"行政强制",
            r"行政事业性收费",
            r"其他对外管理服务事项",
            r"政府集中采购",
        ]
    )
)
_HEADING_RES = {k: re.compile(_NUMERAL + p) for k, p in rt.SECTION_PATTERNS.items()}
_T4_HEAD_RE = re.compile(rt.SECTION_PATTERNS["4"])
_T4_WORDS_RE = re.compile("|".join(sorted(rt.TABLE4_HEADER_WORDS, key=len, reverse=True)))
_TRIAL_RE = re.compile("|".join(rt.TABLE2_TRIAL_MARKERS))
_T3_HEADER_RE = re.compile(r"申请人情况|本列数据的勾稽关系")
_HAS_NUMBERISH = re.compile(r"[\d/\-０-９]")


@dataclass
class Item:
    """One candidate row: a label (folded), value tokens (None for prose) and what it names."""

    label: str
    tokens: tuple[str, ...] | None
    raw: str
    cells: bool = False
    key3: str | None = None
    leaf3: str = ""
    key2: str | None = None
    leaf2: str = ""
    heading: str | None = None


@lru_cache(maxsize=8192)
def _heading_of(label: str) -> str | None:
    for k, rx in _HEADING_RES.items():
        if rx.search(label):
            return k
    if _T4_HEAD_RE.search(label) and "情况" in label:
        return "4"
    return None


def _classify(item: Item) -> Item:
    if not item.label:
        return item
    m3 = rt.match_table3_label(item.label)
    if m3 is not None:
        item.key3, item.leaf3 = m3
    m2 = rt.match_table2_label(item.label)
    if m2 is not None:
        item.key2, item.leaf2 = m2
    item.heading = _heading_of(item.label)
    return item


def _cells_item(cells: Sequence[str]) -> Item:
    norm = [normalize_cell(c) for c in cells if c != SPANNED]
    last_label = -1
    for i, c in enumerate(norm):
        if c and not is_value_token(c):
            last_label = i
    labels: list[str] = []
    for c in norm[: last_label + 1]:
        if c and (not labels or labels[-1] != c):
            labels.append(c)
    label = rt.fold("".join(labels))
    values = tuple(norm[last_label + 1 :])
    # A row of only empty cells carries no values (a header row, a spacer).
    tokens = values if any(values) else ()
    return _classify(Item(label=label, tokens=tokens, raw=label, cells=True))


def _blob_tokens(blob: str) -> tuple[str, ...] | None:
    pieces = blob.split()
    if all(is_value_token(p) for p in pieces):
        return tuple(pieces)
    return None


def _free_items(text: str) -> list[Item]:
    s = light(text)
    if not s:
        return []
    out: list[Item] = []
    matches = list(_ANCHOR_RE.finditer(s)) if not s.isascii() else []
    head = s[: matches[0].start()] if matches else s
    if head.strip():
        tokens = _blob_tokens(head)
        if tokens is not None:
            out.append(Item(label="", tokens=tokens, raw=head))
        else:
            m = re.search(r"(?:\s?(?:\d[\d,]*|[/\-]))+\s*$", head)
            label_part = head[: m.start()] if m else head
            tail = _blob_tokens(head[m.start() :]) if m else None
            out.append(_classify(Item(label=rt.fold(label_part), tokens=tail, raw=head)))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(s)
        blob = s[m.end() : end].strip()
        tokens = _blob_tokens(blob) if blob else ()
        item = _classify(Item(label=rt.fold(m.group()), tokens=tokens, raw=s[m.start() : end]))
        item.raw = blob if item.heading == "4" else item.raw
        out.append(item)
    return out


def items_of(lines: Sequence[Line]) -> list[Item]:
    items: list[Item] = []
    for line in lines:
        if line.cells is not None:
            items.append(_cells_item(line.cells))
        elif _HAS_NUMBERISH.search(line.text) or "、" in line.text or "情况" in line.text:
            items.extend(_free_items(line.text))
        else:
            items.append(Item(label=rt.fold(line.text), tokens=None, raw=line.text))
    return items


@dataclass
class _Notes:
    findings: list[Finding] = field(default_factory=list)
    recovered: list[str] = field(default_factory=list)

    def add(self, rule: str, severity: str, location: str, message: str) -> None:
        self.findings.append(Finding(rule, severity, location, message))


def _row_sum_ok(v: tuple[int, ...]) -> bool:
    return sum(v[:6]) == v[6]


def _t4_ok(v: tuple[int, ...]) -> bool:
    return all(sum(v[g * 5 : g * 5 + 4]) == v[g * 5 + 4] for g in range(3))


def _trim(tokens: Sequence[str], width: int) -> list[str]:
    vals = list(tokens)
    while len(vals) > width and vals and vals[-1] == "":
        vals.pop()
    while len(vals) > width and vals and vals[0] == "":
        vals.pop(0)
    return vals


def read_values(
    tokens: Sequence[str],
    width: int,
    accept: Callable[[tuple[int, ...]], bool],
    *,
    decimal_last: bool = False,
) -> tuple[tuple[int | None, ...] | None, bool, tuple[str | None, ...] | None]:
    """(values, recovered, raw strings) for one row, or (None, False, None) when unreadable."""
    vals = _trim(tokens, width)
    if len(vals) == width:
        try:
            if decimal_last:
                dec = parse_decimal(vals[-1])
                return (None,), False, (dec,)
            return tuple(parse_int(v) for v in vals), False, None
        except ValueError:
            pass
    digits = [d for v in vals for d in v.replace(",", "").split()]
    if digits and all(d.isdigit() for d in digits) and len(digits) <= width and not decimal_last:
        try:
            split = split_digits(digits, width, accept)
        except Ambiguous:
            return None, False, None
        if split is not None:
            return split, len(digits) != width, None
    return None, False, None


@dataclass
class Interpretation:
    table2: Table2
    table3: Table3
    table4: Table4
    format_version: str
    notes: _Notes


def _find_regions(items: Sequence[Item]) -> tuple[int, int, int | None]:
    t3_start = next(
        (i for i, it in enumerate(items) if it.key3 and it.tokens),
        next((i for i, it in enumerate(items) if _T3_HEADER_RE.search(it.label)), len(items)),
    )
    # Rows whose label wrapped onto another line (PDF) start the table before the first row
    # whose label was recognised; take them in, up to the heading or 表二.
    back = t3_start
    while back > 0 and t3_start - back < 8:
        prev = items[back - 1]
        if prev.heading is not None or prev.key2 is not None or _T3_HEADER_RE.search(prev.label):
            break
        back -= 1
    t3_start = back
    t4_head = next(
        (i for i in range(t3_start, len(items)) if items[i].heading == "4"),
        None,
    )
    if t4_head is not None:
        t3_end = t4_head
    else:
        keyed = [i for i in range(t3_start, len(items)) if items[i].key3 and items[i].tokens]
        t3_end = keyed[-1] + 1 if keyed else t3_start
    return t3_start, t3_end, t4_head


def _table2(items: Sequence[Item], trial: bool, notes: _Notes) -> Table2:
    if trial:
        return Table2()
    found: dict[str, tuple[int | None, ...] | str | None] = {}
    for it in items:
        key = it.key2
        if key is None or not it.tokens or key in found:
            continue
        width = rt.TABLE2_WIDTH[key]
        if key == "fees_wan_yuan":
            _, _, raw = read_values(it.tokens, 1, lambda v: True, decimal_last=True)
            if raw is None:
                continue
            found[key] = raw[0]
        else:
            values, rec, _ = read_values(it.tokens, width, lambda v: True)
            if values is None:
                continue
            if rec:
                notes.recovered.append(f"table2.{key}")
            found[key] = values
        if rt.is_label_variant(key, it.leaf2):
            notes.add(
                "structure.label_variant",
                "info",
                f"table2.{key}",
                f"表二行标题“{it.leaf2}”与全国格式“{rt.TABLE2_BY_KEY[key].label}”不同",
            )
    missing = [rt.TABLE2_BY_KEY[k].label for k in rt.TABLE2_WIDTH if k not in found]
    if missing:
        notes.add(
            "structure.table_unreadable",
            "error",
            "table2",
            "表二以下行未能读取：" + "、".join(missing),
        )

    def triple(key: str) -> Triple:
        v = found.get(key)
        return Triple(*v) if isinstance(v, tuple) else Triple()

    def single(key: str) -> int | None:
        v = found.get(key)
        return v[0] if isinstance(v, tuple) else None

    fee = found.get("fees_wan_yuan")
    return Table2(
        regulations=triple("regulations"),
        normative_documents=triple("normative_documents"),
        licensing_decisions=single("licensing_decisions"),
        penalty_decisions=single("penalty_decisions"),
        enforcement_decisions=single("enforcement_decisions"),
        fees_wan_yuan=fee if isinstance(fee, str) else None,
    )


def _table3(items: Sequence[Item], trial: bool, notes: _Notes) -> Table3:
    value_items = [it for it in items if it.tokens]
    single_other = any(it.key3 == "other_3" and it.leaf3 == "(六)其他处理" for it in value_items)
    if trial and not any(it.key3 in ("other_1", "other_2") for it in value_items):
        single_other = True
    keys = [k for k in rt.TABLE3_KEYS if not (single_other and k in ("other_1", "other_2"))]
    width = len(rt.TABLE3_COLUMNS)
    assigned: dict[str, tuple[int | None, ...]] = {}
    by_bare: set[str] = set()
    unreadable_rows: list[str] = []
    strays: list[int] = []
    pointer = 0
    for it in value_items:
        tokens = it.tokens or ()
        key = it.key3
        if key is None:
            numeric = [t for t in tokens if t]
            if len(numeric) == 1 and len(tokens) <= 2 and not it.label:
                try:
                    v = parse_int(numeric[0])
                except ValueError:
                    continue
                if v is not None:
                    strays.append(v)
                continue
            trimmed = _trim(tokens, width)
            if len(trimmed) > width or pointer >= len(keys):
                continue
            if len(trimmed) < width and (
                not all(t.isdigit() for t in trimmed) or sum(map(len, trimmed)) < width
            ):
                continue
            values, rec, _ = read_values(trimmed, width, _row_sum_ok)
            key = keys[pointer]
            if key in assigned:
                pointer += 1
                continue
            if values is None:
                unreadable_rows.append(key)
            else:
                assigned[key] = values
                by_bare.add(key)
                if rec:
                    notes.recovered.append(f"table3.rows.{key}")
            pointer += 1
            continue
        if key not in keys:
            continue
        if key in assigned and key not in by_bare:
            continue
        values, rec, _ = read_values(tokens, width, _row_sum_ok)
        pointer = keys.index(key) + 1
        if values is None:
            unreadable_rows.append(key)
            assigned.pop(key, None)
            continue
        assigned[key] = values
        by_bare.discard(key)
        if rec:
            notes.recovered.append(f"table3.rows.{key}")
        if it.leaf3 == "(六)其他处理":
            if not trial:
                notes.add(
                    "structure.label_variant",
                    "info",
                    "table3.rows.other_3",
                    "（六）其他处理只印一行（2019 年试行格式），按全国格式计入“3.其他”",
                )
        elif rt.is_label_variant(key, it.leaf3):
            notes.add(
                "structure.label_variant",
                "info",
                f"table3.rows.{key}",
                f"表三行标题“{it.leaf3}”与全国格式“{rt.TABLE3_BY_KEY[key].label}”不同",
            )
    missing_keys = [k for k in keys if k not in assigned]
    unreadable: set[tuple[str, int]] = {(k, c) for k in missing_keys for c in range(width)}
    rows = {k: assigned.get(k, (None,) * width) for k in rt.TABLE3_KEYS}
    rows = _recover_blanks(rows, unreadable, strays, single_other, notes)
    if missing_keys:
        labels = [rt.TABLE3_BY_KEY[k].label for k in missing_keys]
        reason = "未找到表三" if len(missing_keys) == len(keys) else "表三以下行未能读取："
        notes.add(
            "structure.table_unreadable",
            "error",
            "table3",
            reason if len(missing_keys) == len(keys) else reason + "、".join(labels),
        )
    return Table3.from_mapping(rows)


def _recover_blanks(
    rows: dict[str, tuple[int | None, ...]],
    unreadable: set[tuple[str, int]],
    strays: list[int],
    single_other: bool,
    notes: _Notes,
) -> dict[str, tuple[int | None, ...]]:
    """Fill a cell printed empty when the equations fix its value and the same number was
    printed loose nearby (a cell displaced by extraction)."""
    if not strays:
        return rows
    blanks = [
        (k, c)
        for k, r in rows.items()
        for c, v in enumerate(r)
        if v is None
        and (k, c) not in unreadable
        and not (single_other and k in ("other_1", "other_2"))
    ]
    if not blanks or len(blanks) > 2:
        return rows
    for key, col in blanks:
        implied: set[int] = set()
        row = rows[key]
        if all(v is not None for i, v in enumerate(row) if i != col):
            parts = sum(v or 0 for i, v in enumerate(row[:6]) if i != col)
            implied.add(parts if col == 6 else (row[6] or 0) - parts)
        column = {k: rows[k][col] for k in rows}

        def known(*ks: str, column: dict[str, int | None] = column) -> list[int] | None:
            out = [column[k] for k in ks]
            return None if None in out else [v for v in out if v is not None]

        if key in ("new", "carried_over", "total", "carried_forward"):
            other_keys = [
                k for k in ("new", "carried_over", "total", "carried_forward") if k != key
            ]
            vals = known(*other_keys)
            if vals is not None:
                a = {k: column[k] or 0 for k in other_keys}
                if key == "new":
                    implied.add(a["total"] + a["carried_forward"] - a["carried_over"])
                elif key == "carried_over":
                    implied.add(a["total"] + a["carried_forward"] - a["new"])
                elif key == "total":
                    implied.add(a["new"] + a["carried_over"] - a["carried_forward"])
                else:
                    implied.add(a["new"] + a["carried_over"] - a["total"])
        hits = [v for v in implied if v >= 0 and v in strays]
        if len(hits) == 1:
            value = hits[0]
            strays.remove(value)
            new_row = list(rows[key])
            new_row[col] = value
            rows[key] = tuple(new_row)
            notes.recovered.append(f"table3.rows.{key}[{col}]")
    return rows


def _table4(items: Sequence[Item], start: int | None, notes: _Notes) -> Table4:
    width = 15
    if start is None:
        notes.add("structure.table_unreadable", "error", "table4", "未找到表四")
        return Table4()
    tokens: list[str] = []
    for n, it in enumerate(items[start:]):
        if n > 0 and it.heading is not None:
            break
        if it.cells:
            toks = [t for t in (it.tokens or ())]
            if it.label and _T4_WORDS_RE.sub("", it.label) and not toks:
                if tokens:
                    break
                continue
            tokens.extend(toks)
        else:
            rest = _T4_WORDS_RE.sub("", it.raw if n == 0 else light(it.raw))
            rest = re.sub(r"[()（）]", "", rest).strip()
            if not rest:
                continue
            toks2 = _blob_tokens(rest)
            if toks2 is None:
                if tokens:
                    break
                if n > 40:
                    break
                continue
            tokens.extend(toks2)
        if len([t for t in tokens if t]) >= width:
            break
    if len(tokens) > width:
        tokens = _trim(tokens, width)
    values, rec, _ = read_values(tokens, width, _t4_ok)
    if values is None:
        notes.add(
            "structure.table_unreadable",
            "error",
            "table4",
            "表四的数据行未能读取" if tokens else "未找到表四的数据",
        )
        return Table4()
    if rec:
        notes.recovered.append("table4")
    return Table4.from_values(values)


def interpret(doc: Document, *, agency: str | None = None, year: int | None = None) -> AnnualReport:
    notes = _Notes()
    items = items_of(doc.lines)
    t3_start, t3_end, t4_head = _find_regions(items)
    prelude = " ".join(it.raw for it in items[:t3_start])
    trial = bool(_TRIAL_RE.search(prelude))
    text_lines = [ln.text for ln in doc.lines if ln.cells is None]
    body = "\n".join(text_lines)
    if doc.unreadable_reason is not None and not body.strip():
        for t in ("table2", "table3", "table4"):
            notes.add("structure.table_unreadable", "error", t, doc.unreadable_reason)
        table2, table3, table4 = Table2(), Table3(), Table4()
    else:
        table2 = _table2(items[:t3_start], trial, notes)
        table3 = _table3(items[t3_start:t3_end], trial, notes)
        table4 = _table4(items, t4_head, notes)
        if doc.unreadable_reason is not None:
            for f in list(notes.findings):
                if f.rule == "structure.table_unreadable":
                    notes.findings.remove(f)
                    notes.add(
                        f.rule, f.severity, f.location, f"{f.message}（{doc.unreadable_reason}）"
                    )
    if notes.recovered:
        notes.add(
            "structure.recovered",
            "info",
            notes.recovered[0],
            "源文件中连写或错位的数字已按表格勾稽关系唯一还原：" + "、".join(notes.recovered),
        )
    fmt = rt.FORMAT_2019_TRIAL if trial else rt.FORMAT_2021
    title_agency, title_year = title_of(doc.title, text_lines)
    sections, present = find_sections(body)
    if doc.unreadable_reason is None or body.strip():
        has_tables = {"2": t3_start > 0, "3": t3_start < len(items), "4": t4_head is not None}
        for k, heading in rt.SECTION_HEADINGS.items():
            if k not in present and not has_tables.get(k, False):
                notes.add(
                    "structure.section_missing",
                    "error",
                    f"sections.{k}",
                    f"未找到第{heading[0]}部分“{heading[2:]}”",
                )
    final_agency = agency or title_agency or ""
    return AnnualReport(
        agency=final_agency,
        year=year if year is not None else title_year,
        format_version=fmt,
        scope=scope_of(final_agency, body),
        source=doc.source,
        table2=table2,
        table3=table3,
        table4=table4,
        sections=sections,
        findings=tuple(notes.findings),
    )
