"""Small builders shared by the tests."""

from dataclasses import replace

from gongkai.annual.report import rows as rt
from gongkai.annual.report.model import AnnualReport, Table3
from gongkai.annual.report.samples import sample_report


def with_cell(report: AnnualReport, key: str, col: int, value: int | None) -> AnnualReport:
    rows = {k: list(r) for k, r in zip(rt.TABLE3_KEYS, report.table3.rows, strict=True)}
    rows[key][col] = value
    return replace(report, table3=Table3.from_mapping({k: tuple(v) for k, v in rows.items()}))


def consistent(seed: int = 1) -> AnnualReport:
    return sample_report(seed)
