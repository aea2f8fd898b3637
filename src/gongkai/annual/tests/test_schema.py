import json

import pytest

from gongkai.annual.report.checks import audit
from gongkai.annual.report.parsers import read_report
from gongkai.annual.report.schema import json_schema, schema_text, validate
from gongkai.annual.tests.helpers import consistent
from gongkai.annual.tests.paths import FIXTURES, SCHEMA_FILE, SHARED_EXAMPLES

EXAMPLES = [
    SHARED_EXAMPLES / "pingluo-education-2023.txt",
    *sorted(p for p in (SHARED_EXAMPLES / "reports").iterdir() if p.suffix != ".json"),
    *sorted(FIXTURES.glob("*.txt")),
    FIXTURES / "rowspan.html",
]


def test_published_schema_file_is_up_to_date():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_validates_against_the_schema(path):
    doc = audit(read_report(path)).to_json()
    assert validate(doc, json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))) == []


def test_the_expected_json_of_pingluo_validates_in_its_table_parts():
    expected = json.loads((SHARED_EXAMPLES / "pingluo-education-2023.expected.json").read_text())
    schema = json_schema()
    for key in ("table2", "table3", "table4"):
        assert validate(expected[key], schema["properties"][key]) == []


def test_the_validator_rejects_wrong_documents():
    doc = consistent().to_json()
    doc["table3"]["rows"]["new"] = [1, 2]
    doc["table4"]["review"]["total"] = -1
    doc["extra"] = 1
    errors = validate(doc, json_schema())
    assert any("new" in e for e in errors)
    assert any("review.total" in e for e in errors)
