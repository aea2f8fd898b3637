"""The published examples read exactly as their expected JSON says (cells, figures, errors)."""

import json
from pathlib import Path

import pytest

from gongkai.annual.report import rows as rt
from gongkai.annual.report.checks import audit
from gongkai.annual.report.parsers import read_report
from gongkai.annual.tests.paths import SHARED_EXAMPLES

REPORTS = sorted(
    p
    for p in (SHARED_EXAMPLES / "reports").iterdir()
    if p.suffix != ".json" and p.with_suffix(".json").exists()
)


def test_the_shared_examples_are_present():
    assert (SHARED_EXAMPLES / "pingluo-education-2023.txt").exists()
    assert len(REPORTS) >= 3


def test_pingluo_reads_exactly_as_expected():
    expected = json.loads((SHARED_EXAMPLES / "pingluo-education-2023.expected.json").read_text())
    report = audit(read_report(SHARED_EXAMPLES / "pingluo-education-2023.txt"))
    got = report.to_json()
    for key in ("schema", "format_version", "agency", "year", "table2", "table3", "table4"):
        assert got[key] == expected[key], key
    for fig in expected["figures_expected_at_least"]:
        assert any(
            f["section"] == fig["section"]
            and f["total"] == fig["total"]
            and f["parts"] == fig["parts"]
            for f in got["figures"]
        ), fig
    for finding in expected["findings_expected_at_least"]:
        assert any(all(f[k] == v for k, v in finding.items()) for f in got["findings"]), finding
    assert len(report.errors) == expected["errors_expected"]


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_published_report_matches_its_ground_truth(path: Path):
    truth = json.loads(path.with_suffix(".json").read_text())
    report = audit(read_report(path))
    got = report.to_json()
    for key in ("agency", "year", "format_version", "scope"):
        if key in truth:
            assert got[key] == truth[key], key
    for key in rt.TABLE3_KEYS:
        assert got["table3"]["rows"][key] == truth["table3"][key], key
    assert got["table4"] == truth["table4"]
    if "table2" in truth:
        assert got["table2"] == truth["table2"]
    errors = sorted({f.rule for f in report.errors})
    assert errors == sorted(set(truth["errors"])), [f.message for f in report.errors]


def test_shanghai_displaced_cell_is_recovered_not_an_error():
    report = audit(read_report(SHARED_EXAMPLES / "reports" / "shanghai-stcsm-2024.md"))
    assert report.table3.cell("carried_forward", 6) == 1
    assert any(
        f.rule == "structure.recovered" and "carried_forward" in f.message for f in report.findings
    )


def test_pingtan_run_together_digits_are_recovered_and_reported():
    report = audit(read_report(SHARED_EXAMPLES / "reports" / "pingtan-2020.txt"))
    assert report.table3.row("new") == (20, 0, 0, 0, 0, 1, 21)
    assert any(f.rule == "structure.recovered" for f in report.findings)
    locations = {f.location for f in report.errors}
    assert locations == {"table3.rows.total[0]", "table3.rows.total[6]"}
