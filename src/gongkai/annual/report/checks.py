"""The report's checks: every rule of ``docs/report-json.md`` with a stable name.

A rule whose inputs include a null cell (printed empty, or unreadable) yields no finding of its
own kind and is not counted as passed: :func:`run_checks` reports it as not assessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from gongkai.annual.report import rows as rt
from gongkai.annual.report.model import AnnualReport, Figure, Finding
from gongkai.annual.report.narrative import check_narrative

RULES: dict[str, str] = {
    "structure.section_missing": "error",
    "structure.table_unreadable": "error",
    "structure.recovered": "info",
    "structure.label_variant": "info",
    "table3.balance": "error",
    "table3.result_sum": "error",
    "table3.row_sum": "error",
    "table4.group_sum": "error",
    "narrative.sum": "warning",
    "narrative.table": "error",
    "carryover.mismatch": "warning",
    "table2.in_force_trend": "warning",
}
ARITHMETIC_RULES: tuple[str, ...] = (
    "table3.balance",
    "table3.result_sum",
    "table3.row_sum",
    "table4.group_sum",
)
_COL = rt.TABLE3_COLUMN_LABELS


@dataclass
class CheckResult:
    """Findings of the checks, and which rules could be assessed at all."""

    findings: list[Finding] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    assessed: set[str] = field(default_factory=set)
    not_assessed: set[str] = field(default_factory=set)

    def add(
        self,
        rule: str,
        location: str,
        message: str,
        expected: int | str | None = None,
        actual: int | str | None = None,
    ) -> None:
        self.findings.append(Finding(rule, RULES[rule], location, message, expected, actual))

    def mark(self, rule: str, *, assessed: bool) -> None:
        (self.assessed if assessed else self.not_assessed).add(rule)


def _col_name(col: int) -> str:
    return f"“{_COL[rt.TABLE3_COLUMNS[col]]}”列"


def result_keys(report: AnnualReport) -> tuple[str, ...]:
    """The result rows that （七）总计 adds up: without （六）1–2 when （六） is one row."""
    t3 = report.table3
    single = all(v is None for v in t3.row("other_1")) and all(v is None for v in t3.row("other_2"))
    if single and any(v is not None for v in t3.row("other_3")):
        return tuple(k for k in rt.TABLE3_RESULT_KEYS if k not in ("other_1", "other_2"))
    return rt.TABLE3_RESULT_KEYS


def check_table3(report: AnnualReport, out: CheckResult) -> None:
    t3 = report.table3
    results = result_keys(report)
    for col in range(len(rt.TABLE3_COLUMNS)):
        new, old = t3.cell("new", col), t3.cell("carried_over", col)
        total, fwd = t3.cell("total", col), t3.cell("carried_forward", col)
        if new is None or old is None or total is None or fwd is None:
            out.mark("table3.balance", assessed=False)
        else:
            out.mark("table3.balance", assessed=True)
            if new + old != total + fwd:
                out.add(
                    "table3.balance",
                    f"table3.rows.new[{col}]",
                    f"表三{_col_name(col)}：一＋二＝{new}＋{old}＝{new + old}，"
                    f"三（七）总计＋四＝{total}＋{fwd}＝{total + fwd}：本列勾稽关系不成立",
                    new + old,
                    total + fwd,
                )
        parts = [t3.cell(k, col) for k in results]
        if total is None or any(p is None for p in parts):
            out.mark("table3.result_sum", assessed=False)
        else:
            out.mark("table3.result_sum", assessed=True)
            s = sum(p or 0 for p in parts)
            if s != total:
                out.add(
                    "table3.result_sum",
                    f"table3.rows.total[{col}]",
                    f"表三{_col_name(col)}：（一）至（六）各项之和为{s}，而三（七）总计印为{total}",
                    s,
                    total,
                )
    for key in rt.TABLE3_KEYS:
        row = t3.row(key)
        if all(v is None for v in row) and key in ("other_1", "other_2") and key not in results:
            continue
        if any(v is None for v in row):
            out.mark("table3.row_sum", assessed=False)
            continue
        out.mark("table3.row_sum", assessed=True)
        s = sum(v or 0 for v in row[:6])
        if s != row[6]:
            out.add(
                "table3.row_sum",
                f"table3.rows.{key}[6]",
                f"表三“{rt.TABLE3_BY_KEY[key].label}”行：六类申请人之和为{s}，而“总计”印为{row[6]}",
                s,
                row[6],
            )


def check_table4(report: AnnualReport, out: CheckResult) -> None:
    for name, group in report.table4.groups():
        vals = group.values()
        if any(v is None for v in vals):
            out.mark("table4.group_sum", assessed=False)
            continue
        out.mark("table4.group_sum", assessed=True)
        s = sum(v or 0 for v in vals[:4])
        if s != group.total:
            out.add(
                "table4.group_sum",
                f"table4.{name}.total",
                f"表四{rt.TABLE4_GROUP_LABELS[name]}：结果维持＋结果纠正＋其他结果＋尚未审结＝{s}，"
                f"而“总计”印为{group.total}",
                s,
                group.total,
            )


def check_previous(report: AnnualReport, previous: AnnualReport | None, out: CheckResult) -> None:
    if previous is None:
        out.mark("carryover.mismatch", assessed=False)
        out.mark("table2.in_force_trend", assessed=False)
        return
    year = f"{previous.year}年" if previous.year else "上年"
    for col in range(len(rt.TABLE3_COLUMNS)):
        now, before = (
            report.table3.cell("carried_over", col),
            previous.table3.cell("carried_forward", col),
        )
        if now is None or before is None:
            out.mark("carryover.mismatch", assessed=False)
            continue
        out.mark("carryover.mismatch", assessed=True)
        if now != before:
            out.add(
                "carryover.mismatch",
                f"table3.rows.carried_over[{col}]",
                f"表三{_col_name(col)}：二、上年结转印为{now}，而{year}报告四、结转下年度继续办理为{before}",
                before,
                now,
            )
    for name, label in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        cur, prev = getattr(report.table2, name), getattr(previous.table2, name)
        if None in (cur.made, cur.repealed, cur.in_force, prev.in_force):
            out.mark("table2.in_force_trend", assessed=False)
            continue
        out.mark("table2.in_force_trend", assessed=True)
        expected = prev.in_force + cur.made - cur.repealed
        if expected != cur.in_force:
            out.add(
                "table2.in_force_trend",
                f"table2.{name}.in_force",
                f"表二{label}：{year}现行有效{prev.in_force}＋本年制发{cur.made}－本年废止"
                f"{cur.repealed}＝{expected}，而现行有效件数印为{cur.in_force}（废止以外的失效可解释差异）",
                expected,
                cur.in_force,
            )


def run_checks(report: AnnualReport, previous: AnnualReport | None = None) -> CheckResult:
    """All content checks (the ``structure.*`` findings come from the parser)."""
    out = CheckResult()
    check_table3(report, out)
    check_table4(report, out)
    check_previous(report, previous, out)
    figures, narrative, assessed = check_narrative(report)
    out.figures.extend(figures)
    out.findings.extend(narrative)
    for rule in ("narrative.sum", "narrative.table"):
        out.mark(rule, assessed=rule in assessed)
    return out


def audit_with(
    report: AnnualReport, previous: AnnualReport | None = None
) -> tuple[AnnualReport, CheckResult]:
    """The report with its figures and all findings (the parser's ``structure.*`` ones first),
    and the check result that tells which rules could not be assessed."""
    structural = [f for f in report.findings if f.rule.startswith("structure.")]
    result = run_checks(report, previous)
    merged = _dedupe([*structural, *result.findings])
    return replace(report, figures=tuple(result.figures), findings=tuple(merged)), result


def audit(report: AnnualReport, previous: AnnualReport | None = None) -> AnnualReport:
    """The report with its figures and all findings."""
    return audit_with(report, previous)[0]


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    seen: set[tuple[str, str, str]] = set()
    out: list[Finding] = []
    for f in findings:
        k = (f.rule, f.location, f.message)
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out
