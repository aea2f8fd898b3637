"""What changed between two reports (two years of one body, or two versions of one report)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongkai.annual.report import rows as rt
from gongkai.annual.report.model import AnnualReport


@dataclass(frozen=True)
class Change:
    location: str
    label: str
    before: Any
    after: Any

    def to_json(self) -> dict[str, Any]:
        return {
            "location": self.location,
            "label": self.label,
            "before": self.before,
            "after": self.after,
        }


def _cells(report: AnnualReport) -> dict[str, tuple[str, Any]]:
    out: dict[str, tuple[str, Any]] = {
        "agency": ("机关", report.agency),
        "year": ("年度", report.year),
        "format_version": ("格式", report.format_version),
        "scope": ("范围", report.scope),
    }
    t2_labels = {
        "regulations": "规章",
        "normative_documents": "行政规范性文件",
        "licensing_decisions": "行政许可",
        "penalty_decisions": "行政处罚",
        "enforcement_decisions": "行政强制",
        "fees_wan_yuan": "行政事业性收费（万元）",
    }
    for loc, value in report.table2.cells():
        parts = loc.split(".")
        label = "表二" + t2_labels[parts[1]]
        if len(parts) == 3:
            label += rt.TABLE2_TRIPLE_LABELS[parts[2]]
        out[loc] = (label, value)
    for key, row in zip(rt.TABLE3_KEYS, report.table3.rows, strict=True):
        for col, value in enumerate(row):
            label = (
                f"表三{rt.TABLE3_BY_KEY[key].label}·"
                f"{rt.TABLE3_COLUMN_LABELS[rt.TABLE3_COLUMNS[col]]}"
            )
            out[f"table3.rows.{key}[{col}]"] = (label, value)
    for name, group in report.table4.groups():
        for field, value in zip(rt.TABLE4_FIELDS, group.values(), strict=True):
            label = f"表四{rt.TABLE4_GROUP_LABELS[name]}·{rt.TABLE4_FIELD_LABELS[field]}"
            out[f"table4.{name}.{field}"] = (label, value)
    return out


def diff(a: AnnualReport, b: AnnualReport) -> list[Change]:
    """Every cell or header field whose value differs, in document order."""
    left, right = _cells(a), _cells(b)
    changes = [
        Change(loc, label, before, right[loc][1])
        for loc, (label, before) in left.items()
        if before != right[loc][1]
    ]
    rules_a = {(f.rule, f.location) for f in a.findings}
    rules_b = {(f.rule, f.location) for f in b.findings}
    changes.extend(
        Change(f"findings:{rule}@{loc}", "新增问题", None, rule)
        for rule, loc in sorted(rules_b - rules_a)
    )
    changes.extend(
        Change(f"findings:{rule}@{loc}", "不再出现的问题", rule, None)
        for rule, loc in sorted(rules_a - rules_b)
    )
    return changes


def format_diff(a: AnnualReport, b: AnnualReport, changes: list[Change]) -> str:
    head = f"比较：{a.source or a.agency} → {b.source or b.agency}"
    if not changes:
        return head + "\n两份报告的表格数字和检查结果相同。\n"
    lines = [head, f"共 {len(changes)} 处不同："]
    for c in changes:
        before = "空" if c.before is None else c.before
        after = "空" if c.after is None else c.after
        lines.append(f"  {c.label}（{c.location}）：{before} → {after}")
    return "\n".join(lines) + "\n"
