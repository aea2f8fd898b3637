import dataclasses
import json

import pytest

from gongkai.annual.report.model import AnnualReport, Finding, ReportDataError, Table3
from gongkai.annual.tests.helpers import consistent, with_cell


def test_json_round_trip_is_lossless():
    report = consistent(3)
    again = AnnualReport.loads(report.dumps())
    assert again == report
    assert json.loads(report.dumps())["schema"] == "gongkai.annual-report/1"


def test_null_stays_null_and_is_never_zero():
    report = with_cell(consistent(), "denied_3", 2, None)
    data = report.to_json()
    assert data["table3"]["rows"]["denied_3"][2] is None
    assert AnnualReport.from_json(data).table3.cell("denied_3", 2) is None


def test_values_are_frozen():
    report = consistent()
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.agency = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(schema="other/1"),
        lambda d: d.update(format_version="2030"),
        lambda d: d.update(scope="everything"),
        lambda d: d["table3"]["rows"].update(new=[1, 2, 3]),
        lambda d: d["table3"]["rows"].update(new=[-1, 0, 0, 0, 0, 0, 0]),
        lambda d: d["table4"]["review"].update(total="3"),
        lambda d: d["table2"].update(fees_wan_yuan=3.5),
        lambda d: d.update(year="2023"),
    ],
)
def test_malformed_documents_are_refused(mutate):
    data = consistent().to_json()
    mutate(data)
    with pytest.raises(ReportDataError):
        AnnualReport.from_json(data)


def test_invalid_json_text_is_refused():
    with pytest.raises(ReportDataError):
        AnnualReport.loads("{not json")


def test_table3_shape_is_enforced():
    with pytest.raises(ReportDataError):
        Table3(rows=((0,) * 7,))


def test_finding_json_omits_absent_values():
    f = Finding("structure.label_variant", "info", "table3.rows.denied_2", "x")
    assert "expected" not in f.to_json()
    assert Finding.from_json(f.to_json()) == f
