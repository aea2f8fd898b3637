"""Numbers stated in the report's text: totals with their parts, and text against the tables.

Only statements with one clear reading are compared; when a sentence admits a reading under which
text and table agree (“受理 749 件” may be 新收 alone or 新收＋上年结转), nothing is flagged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation

from gongkai.annual.report import rows as rt
from gongkai.annual.report.model import AnnualReport, Figure, Finding

_UNITS = "条|件|个|篇|项|份|期|场|次|人次|家|起"
_TOTAL_RE = re.compile(
    r"(?:共|累计|合计|总计)(?:计)?[^\d，,。；;：:]{0,14}?(\d+)\s*("
    + _UNITS
    + r")(?![\u4e00-\u9fff]?%)"
)
_PART_RE = re.compile(r"(?<![\d.])(\d+)\s*(" + _UNITS + r")")
_SENTENCE_RE = re.compile(r"[^。；;！？!?\n]+")
_NO_APPLICATION_RE = re.compile(
    r"(?:未|没有|无)(?:收到|受理|接到|接收)[^。，,；;\d]{0,12}?(?:政府信息公开|信息公开|依申请公开)?"
    r"[^。，,；;\d]{0,4}?申请"
)
_RECEIVED_RE = re.compile(
    r"(收到|受理|接收|接到|办理)([^。，,；;\d]{0,15}?)(?:政府信息公开|信息公开|依申请公开|公开申请)"
    r"[^。，,；;\d]{0,6}?(\d+)\s*件"
)
_REVIEW_RES = (
    re.compile(r"行政复议(?:案件|申请)?[^。，,；;\d纠维撤驳败]{0,10}?(\d+)\s*(?:件|起|宗)"),
    re.compile(r"(\d+)\s*(?:件|起|宗)[^。，,；;\d]{0,20}?行政复议"),
)
_LITIGATION_RES = (
    re.compile(r"行政诉讼(?:案件)?[^。，,；;\d纠维撤驳败]{0,10}?(\d+)\s*(?:件|起|宗)"),
    re.compile(r"(\d+)\s*(?:件|起|宗)[^。，,；;\d]{0,20}?行政诉讼"),
)
_NO_REVIEW_RE = re.compile(
    r"(?:未|没有|无)(?:发生|收到|产生|出现|涉及)?[^。，,；;\d]{0,16}?行政复议"
)
_NO_LITIGATION_RE = re.compile(
    r"(?:未|没有|无)(?:发生|收到|产生|出现|涉及)?[^。，,；;\d]{0,16}?行政诉讼"
)
_FEE_RE = re.compile(r"行政事业性收费[^。，,；;\d]{0,10}?(\d+(?:\.\d+)?)\s*万元")
_OUTCOMES: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    (r"(?:予以公开|同意公开)", (("granted",), ("granted", "partial"))),
    (r"部分公开", (("partial",),)),
    (r"不予公开", (tuple(f"denied_{i}" for i in range(1, 9)),)),
    (r"无法提供", (tuple(f"unable_{i}" for i in range(1, 4)),)),
    (r"不予处理", (tuple(f"not_processed_{i}" for i in range(1, 6)),)),
    (r"其他处理", (("other_1", "other_2", "other_3"),)),
    (r"(?:结转下一?年度|转下一?年度|结转至下一?年度)", (("carried_forward",),)),
)
_OUTCOME_RES = tuple(
    (re.compile(p + r"[^。，,；;\d]{0,8}?(\d+)\s*件"), readings) for p, readings in _OUTCOMES
)
_SKIP_CONTEXT = re.compile(r"本级|其中|各部门|乡镇|街道|下属|所属|同比|去年|上一年度")


_Add = Callable[[str, str, int | str, int | str], None]


def flow(text: str) -> str:
    """Join lines broken inside a sentence (PDF and Markdown extraction)."""
    return re.sub(
        r"(?<![。；;：:！？!?])\n(?!\s*[（(]?[一二三四五六七八九十\d]+[、.）)])", "", text
    )


def _sentences(report: AnnualReport) -> Iterable[tuple[str, str]]:
    for key in sorted(report.sections):
        for m in _SENTENCE_RE.finditer(flow(report.sections[key])):
            s = m.group().strip()
            if s:
                yield key, s


def extract_figures(report: AnnualReport) -> list[Figure]:
    """Totals stated with at least two parts in the same unit, e.g. 共发布信息1254条，其中…"""
    figures: list[Figure] = []
    for section, sentence in _sentences(report):
        for tm in _TOTAL_RE.finditer(sentence):
            rest = sentence[tm.end() :]
            if re.match(r"[，,]?\s*其中包括|[，,]?\s*包括", rest):
                continue
            nxt = _TOTAL_RE.search(rest)
            if nxt is not None:
                rest = rest[: nxt.start()]
            parts = [int(m.group(1)) for m in _PART_RE.finditer(rest) if m.group(2) == tm.group(2)]
            if len(parts) < 2 or max(parts) > int(tm.group(1)):
                # A "part" larger than the total means 共 governs only the first item of a list.
                continue
            last = list(_PART_RE.finditer(rest))[-1]
            if "等" in rest[last.end() : last.end() + 3] and sum(parts) < int(tm.group(1)):
                continue
            quote = (sentence[tm.start() :] if len(sentence) - tm.start() < 200 else sentence)[:200]
            figures.append(Figure(section, quote, int(tm.group(1)), tuple(parts)))
    return figures


def _sum(report: AnnualReport, keys: Iterable[str]) -> int | None:
    total = 0
    for k in keys:
        v = report.table3.cell(k, 6)
        if v is None:
            if k in ("other_1", "other_2"):
                continue
            return None
        total += v
    return total


def _table_vs_text(report: AnnualReport) -> list[Finding]:
    out: list[Finding] = []
    t3 = report.table3
    new, old = t3.cell("new", 6), t3.cell("carried_over", 6)
    done = t3.cell("total", 6)
    flagged: set[str] = set()

    def add(location: str, message: str, expected: int | str, actual: int | str) -> None:
        if location in flagged:
            return
        flagged.add(location)
        out.append(Finding("narrative.table", "error", location, message, expected, actual))

    for section, s in _sentences(report):
        if section in ("2", "3", "4"):
            continue
        m = _NO_APPLICATION_RE.search(s)
        if m and new is not None and new > 0 and not _SKIP_CONTEXT.search(s[: m.start()]):
            add(
                "table3.rows.new[6]",
                f"正文称“{m.group()}”，而表三“一、本年新收政府信息公开申请数量”总计为{new}",
                new,
                0,
            )
        for rm in _RECEIVED_RE.finditer(s):
            if (
                "申请" not in rm.group()
                or _SKIP_CONTEXT.search(s[: rm.start()])
                or "结转" in rm.group()
            ):
                continue
            stated = int(rm.group(3))
            readings = {
                v for v in (new, None if new is None or old is None else new + old) if v is not None
            }
            if rm.group(1) == "办理" and done is not None:
                readings.add(done)
            if readings and stated not in readings:
                add(
                    "table3.rows.new[6]",
                    f"正文称“{rm.group()}”，而表三新收申请总计为{new}"
                    + (f"（加上年结转为{new + old}）" if new is not None and old else ""),
                    new if new is not None else "",
                    stated,
                )
        _appeal_counts(report, s, add)
        fee = _FEE_RE.search(s)
        if fee and report.table2.fees_wan_yuan is not None:
            try:
                same = Decimal(fee.group(1)) == Decimal(report.table2.fees_wan_yuan)
            except InvalidOperation:
                same = True
            if not same:
                add(
                    "table2.fees_wan_yuan",
                    f"正文称“{fee.group()}”，而表二行政事业性收费为{report.table2.fees_wan_yuan}万元",
                    report.table2.fees_wan_yuan,
                    fee.group(1),
                )
        if "申请" in s and not _SKIP_CONTEXT.search(s):
            for rx, outcome_keys in _OUTCOME_RES:
                for om in rx.finditer(s):
                    stated = int(om.group(1))
                    values = [_sum(report, keys) for keys in outcome_keys]
                    known = [v for v in values if v is not None]
                    if known and stated not in known:
                        key = outcome_keys[0][0]
                        add(
                            f"table3.rows.{key}[6]",
                            f"正文称“{om.group()}”，而表三对应各项总计为{known[0]}",
                            known[0],
                            stated,
                        )
    return out


def _appeal_counts(report: AnnualReport, s: str, add: _Add) -> None:
    t4 = report.table4
    review = t4.review
    lit = (t4.litigation_direct, t4.litigation_after_review)
    checks = (
        ("table4.review.total", "行政复议", _REVIEW_RES, _NO_REVIEW_RE, [review]),
        (
            "table4.litigation_direct.total",
            "行政诉讼",
            _LITIGATION_RES,
            _NO_LITIGATION_RE,
            list(lit),
        ),
    )
    for location, label, patterns, none_re, groups in checks:
        totals = [g.total for g in groups]
        if any(v is None for v in totals):
            continue
        total = sum(v or 0 for v in totals)
        concluded = total - sum(g.pending or 0 for g in groups)
        readings = {total, concluded, *(v for v in totals if v is not None)}
        stated: int | None = None
        quote = ""
        for rx in patterns:
            m = rx.search(s)
            if m:
                stated, quote = int(m.group(1)), m.group()
                break
        if stated is None:
            nm = none_re.search(s)
            if nm and not re.search(r"\d", nm.group()):
                stated, quote = 0, nm.group()
        if (
            stated is None
            or stated in readings
            or re.search(r"纠错|纠正|维持|撤销|败诉|驳回", quote)
        ):
            continue
        add(location, f"正文称“{quote}”，而表四{label}总计为{total}", total, stated)


def check_narrative(report: AnnualReport) -> tuple[list[Figure], list[Finding], set[str]]:
    """(figures, findings, rules assessed) for ``narrative.sum`` and ``narrative.table``."""
    figures = extract_figures(report)
    findings: list[Finding] = []
    for i, fig in enumerate(figures):
        s = sum(fig.parts)
        if s != fig.total:
            findings.append(
                Finding(
                    "narrative.sum",
                    "warning",
                    f"figures[{i}]",
                    f"第{rt.SECTION_HEADINGS.get(fig.section, '?')[:1]}部分称共{fig.total}，"
                    f"而所列各项之和为{s}（{'＋'.join(map(str, fig.parts))}）：“{fig.quote[:60]}”",
                    fig.total,
                    s,
                )
            )
    findings.extend(_table_vs_text(report))
    assessed = {"narrative.sum"} if figures else set()
    if any(report.sections.values()):
        assessed.add("narrative.table")
    return figures, findings, assessed
