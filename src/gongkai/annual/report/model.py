"""The annual report as data (``gongkai.annual-report/1``, see ``docs/report-json.md``).

Frozen dataclasses rather than pydantic: the report core must stay plain Python with no
dependency (it is used by the CLI, the parsers and the Django app alike), frozen values can be
shared between checks and processes without defensive copies, and construction is several times
faster than a validating model, which matters when auditing thousands of published reports.
Validation happens where data enters: the parsers and :func:`AnnualReport.from_json`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from gongkai.annual.report.rows import (
    FORMAT_2019_TRIAL,
    FORMAT_2021,
    SCHEMA,
    TABLE2_TRIPLE_FIELDS,
    TABLE3_COLUMNS,
    TABLE3_KEYS,
    TABLE4_FIELDS,
    TABLE4_GROUPS,
)

Cell = int | None
Row = tuple[Cell, ...]

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
FORMATS: tuple[str, ...] = (FORMAT_2021, FORMAT_2019_TRIAL)
SCOPES: tuple[str, ...] = ("own", "consolidated")


class ReportDataError(ValueError):
    """A JSON document does not follow ``gongkai.annual-report/1``."""


def _cell(value: Any, where: str) -> Cell:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ReportDataError(f"{where}: 应为非负整数或 null，实际为 {value!r}")
    return int(value)


@dataclass(frozen=True)
class Triple:
    """规章 or 行政规范性文件: 本年制发件数 / 本年废止件数 / 现行有效件数."""

    made: Cell = None
    repealed: Cell = None
    in_force: Cell = None

    def to_json(self) -> dict[str, Cell]:
        return {"made": self.made, "repealed": self.repealed, "in_force": self.in_force}

    @classmethod
    def from_json(cls, data: Any, where: str) -> Triple:
        if not isinstance(data, Mapping):
            raise ReportDataError(f"{where}: 应为对象")
        return cls(*(_cell(data.get(f), f"{where}.{f}") for f in TABLE2_TRIPLE_FIELDS))


@dataclass(frozen=True)
class Table2:
    """主动公开政府信息情况 (第二十条第（一）（五）（六）（八）项)."""

    regulations: Triple = field(default_factory=Triple)
    normative_documents: Triple = field(default_factory=Triple)
    licensing_decisions: Cell = None
    penalty_decisions: Cell = None
    enforcement_decisions: Cell = None
    fees_wan_yuan: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "regulations": self.regulations.to_json(),
            "normative_documents": self.normative_documents.to_json(),
            "licensing_decisions": self.licensing_decisions,
            "penalty_decisions": self.penalty_decisions,
            "enforcement_decisions": self.enforcement_decisions,
            "fees_wan_yuan": self.fees_wan_yuan,
        }

    @classmethod
    def from_json(cls, data: Any) -> Table2:
        if not isinstance(data, Mapping):
            raise ReportDataError("table2: 应为对象")
        fee = data.get("fees_wan_yuan")
        if fee is not None and not isinstance(fee, str):
            raise ReportDataError("table2.fees_wan_yuan: 应为十进制数字字符串或 null")
        return cls(
            regulations=Triple.from_json(data.get("regulations", {}), "table2.regulations"),
            normative_documents=Triple.from_json(
                data.get("normative_documents", {}), "table2.normative_documents"
            ),
            licensing_decisions=_cell(data.get("licensing_decisions"), "table2.licensing"),
            penalty_decisions=_cell(data.get("penalty_decisions"), "table2.penalty"),
            enforcement_decisions=_cell(data.get("enforcement_decisions"), "table2.enforcement"),
            fees_wan_yuan=fee,
        )

    def cells(self) -> Iterable[tuple[str, Cell | str]]:
        """Every cell as (location, value), in printed order."""
        for name in ("regulations", "normative_documents"):
            triple: Triple = getattr(self, name)
            for f in TABLE2_TRIPLE_FIELDS:
                yield f"table2.{name}.{f}", getattr(triple, f)
        yield "table2.licensing_decisions", self.licensing_decisions
        yield "table2.penalty_decisions", self.penalty_decisions
        yield "table2.enforcement_decisions", self.enforcement_decisions
        yield "table2.fees_wan_yuan", self.fees_wan_yuan


def _empty_rows() -> tuple[Row, ...]:
    return tuple((None,) * len(TABLE3_COLUMNS) for _ in TABLE3_KEYS)


@dataclass(frozen=True)
class Table3:
    """收到和处理政府信息公开申请情况: 25 rows × 7 columns, in :data:`TABLE3_KEYS` order."""

    rows: tuple[Row, ...] = field(default_factory=_empty_rows)

    def __post_init__(self) -> None:
        if len(self.rows) != len(TABLE3_KEYS) or any(
            len(r) != len(TABLE3_COLUMNS) for r in self.rows
        ):
            raise ReportDataError("table3: 应为 25 行 × 7 列")

    def row(self, key: str) -> Row:
        return self.rows[TABLE3_KEYS.index(key)]

    def cell(self, key: str, column: int) -> Cell:
        return self.rows[TABLE3_KEYS.index(key)][column]

    @classmethod
    def from_mapping(cls, rows: Mapping[str, Iterable[Cell]]) -> Table3:
        out: list[Row] = []
        for key in TABLE3_KEYS:
            values = tuple(rows.get(key, (None,) * len(TABLE3_COLUMNS)))
            out.append(values)
        return cls(tuple(out))

    def to_json(self) -> dict[str, Any]:
        return {
            "columns": list(TABLE3_COLUMNS),
            "rows": {k: list(r) for k, r in zip(TABLE3_KEYS, self.rows, strict=True)},
        }

    @classmethod
    def from_json(cls, data: Any) -> Table3:
        if not isinstance(data, Mapping):
            raise ReportDataError("table3: 应为对象")
        rows = data.get("rows", data)
        if not isinstance(rows, Mapping):
            raise ReportDataError("table3.rows: 应为对象")
        out: list[Row] = []
        for key in TABLE3_KEYS:
            values = rows.get(key, [None] * len(TABLE3_COLUMNS))
            if not isinstance(values, list) or len(values) != len(TABLE3_COLUMNS):
                raise ReportDataError(f"table3.rows.{key}: 应为 7 个数的列表")
            out.append(tuple(_cell(v, f"table3.rows.{key}[{i}]") for i, v in enumerate(values)))
        return cls(tuple(out))


@dataclass(frozen=True)
class Group4:
    """One group of 表四: 结果维持 / 结果纠正 / 其他结果 / 尚未审结 / 总计."""

    upheld: Cell = None
    corrected: Cell = None
    other: Cell = None
    pending: Cell = None
    total: Cell = None

    def values(self) -> tuple[Cell, ...]:
        return (self.upheld, self.corrected, self.other, self.pending, self.total)

    def to_json(self) -> dict[str, Cell]:
        return dict(zip(TABLE4_FIELDS, self.values(), strict=True))


@dataclass(frozen=True)
class Table4:
    """政府信息公开行政复议、行政诉讼情况."""

    review: Group4 = field(default_factory=Group4)
    litigation_direct: Group4 = field(default_factory=Group4)
    litigation_after_review: Group4 = field(default_factory=Group4)

    def groups(self) -> tuple[tuple[str, Group4], ...]:
        return tuple((g, getattr(self, g)) for g in TABLE4_GROUPS)

    def to_json(self) -> dict[str, Any]:
        return {g: grp.to_json() for g, grp in self.groups()}

    @classmethod
    def from_values(cls, values: Iterable[Cell]) -> Table4:
        flat = list(values)
        groups = [Group4(*flat[i * 5 : i * 5 + 5]) for i in range(3)]
        return cls(*groups)

    @classmethod
    def from_json(cls, data: Any) -> Table4:
        if not isinstance(data, Mapping):
            raise ReportDataError("table4: 应为对象")
        groups: list[Group4] = []
        for g in TABLE4_GROUPS:
            d = data.get(g, {})
            if not isinstance(d, Mapping):
                raise ReportDataError(f"table4.{g}: 应为对象")
            groups.append(Group4(*(_cell(d.get(f), f"table4.{g}.{f}") for f in TABLE4_FIELDS)))
        return cls(*groups)


@dataclass(frozen=True)
class Figure:
    """A total stated in the text together with its stated parts."""

    section: str
    quote: str
    total: int
    parts: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "quote": self.quote,
            "total": self.total,
            "parts": list(self.parts),
        }

    @classmethod
    def from_json(cls, data: Any) -> Figure:
        if not isinstance(data, Mapping):
            raise ReportDataError("figures: 每项应为对象")
        return cls(
            section=str(data.get("section", "")),
            quote=str(data.get("quote", "")),
            total=int(data["total"]),
            parts=tuple(int(p) for p in data.get("parts", [])),
        )


@dataclass(frozen=True)
class Finding:
    """What a check found; ``location`` points into the JSON document."""

    rule: str
    severity: str
    location: str
    message: str
    expected: int | str | None = None
    actual: int | str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "location": self.location,
            "message": self.message,
        }
        if self.expected is not None:
            out["expected"] = self.expected
        if self.actual is not None:
            out["actual"] = self.actual
        return out

    @classmethod
    def from_json(cls, data: Any) -> Finding:
        if not isinstance(data, Mapping):
            raise ReportDataError("findings: 每项应为对象")
        severity = str(data.get("severity", ""))
        if severity not in SEVERITIES:
            raise ReportDataError(f"findings: 未知的严重程度 {severity!r}")
        return cls(
            rule=str(data["rule"]),
            severity=severity,
            location=str(data.get("location", "")),
            message=str(data.get("message", "")),
            expected=data.get("expected"),
            actual=data.get("actual"),
        )


def _sections(data: Mapping[str, str] | None = None) -> Mapping[str, str]:
    # A plain dict (not MappingProxyType) so that reports pickle across worker processes.
    return dict(data or {})


@dataclass(frozen=True)
class AnnualReport:
    """One 政府信息公开工作年度报告."""

    agency: str = ""
    year: int | None = None
    format_version: str = FORMAT_2021
    scope: str | None = None
    source: str | None = None
    table2: Table2 = field(default_factory=Table2)
    table3: Table3 = field(default_factory=Table3)
    table4: Table4 = field(default_factory=Table4)
    sections: Mapping[str, str] = field(default_factory=_sections)
    figures: tuple[Figure, ...] = ()
    findings: tuple[Finding, ...] = ()

    def with_findings(self, findings: Iterable[Finding]) -> AnnualReport:
        return replace(self, findings=tuple(findings))

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "format_version": self.format_version,
            "agency": self.agency,
            "year": self.year,
            "scope": self.scope,
            "source": self.source,
            "table2": self.table2.to_json(),
            "table3": self.table3.to_json(),
            "table4": self.table4.to_json(),
            "sections": dict(self.sections),
            "figures": [f.to_json() for f in self.figures],
            "findings": [f.to_json() for f in self.findings],
        }

    def dumps(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, data: Any) -> AnnualReport:
        if not isinstance(data, Mapping):
            raise ReportDataError("文档应为 JSON 对象")
        schema = data.get("schema")
        if schema != SCHEMA:
            raise ReportDataError(f"schema 应为 {SCHEMA!r}，实际为 {schema!r}")
        fmt = data.get("format_version", FORMAT_2021)
        if fmt not in FORMATS:
            raise ReportDataError(f"format_version 应为 {FORMATS}，实际为 {fmt!r}")
        scope = data.get("scope")
        if scope is not None and scope not in SCOPES:
            raise ReportDataError(f"scope 应为 {SCOPES} 或 null，实际为 {scope!r}")
        year = data.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
            raise ReportDataError("year 应为整数")
        sections = data.get("sections", {})
        if not isinstance(sections, Mapping):
            raise ReportDataError("sections 应为对象")
        return cls(
            agency=str(data.get("agency", "")),
            year=year,
            format_version=fmt,
            scope=scope,
            source=data.get("source"),
            table2=Table2.from_json(data.get("table2", {})),
            table3=Table3.from_json(data.get("table3", {})),
            table4=Table4.from_json(data.get("table4", {})),
            sections=_sections({str(k): str(v) for k, v in sections.items()}),
            figures=tuple(Figure.from_json(f) for f in data.get("figures", [])),
            findings=tuple(Finding.from_json(f) for f in data.get("findings", [])),
        )

    @classmethod
    def loads(cls, text: str) -> AnnualReport:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ReportDataError(f"不是有效的 JSON：{exc}") from exc
        return cls.from_json(data)
