"""The public API contract: every operation is named and described, and the document is a snapshot.

A change to the API changes ``openapi.snapshot.json``; regenerate it deliberately with
``GONGKAI_UPDATE_SNAPSHOTS=1 bash scripts/test.sh src/gongkai/tests`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.test import Client

SNAPSHOT = Path(__file__).with_name("openapi.snapshot.json")
METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def schema(db) -> dict:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def test_every_operation_has_an_id_and_a_summary(schema):
    seen: set[str] = set()
    for path, method, operation in _operations(schema):
        assert operation.get("operationId"), f"{method.upper()} {path} has no operation_id"
        assert operation.get("summary"), f"{method.upper()} {path} has no summary"
        assert operation["operationId"] not in seen, operation["operationId"]
        seen.add(operation["operationId"])


def test_the_api_matches_its_snapshot(schema):
    text = json.dumps(schema, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if os.environ.get("GONGKAI_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert SNAPSHOT.exists(), "no snapshot: run with GONGKAI_UPDATE_SNAPSHOTS=1 once"
    assert SNAPSHOT.read_text(encoding="utf-8") == text, (
        "the API changed: review and regenerate openapi.snapshot.json (see module docstring)"
    )


def test_no_personal_data_in_any_path(schema):
    """Personal data never in URLs: no path parameter names an ID number, phone or address."""
    for path, _method, _operation in _operations(schema):
        for word in ("id_number", "phone", "address", "name_of_applicant"):
            assert word not in path


def _schema_classes(cls: type) -> list[type]:
    out = []
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("gongkai."):
            out.append(sub)
        out.extend(_schema_classes(sub))
    return out


def test_no_two_api_schemas_share_a_name(schema):
    """The OpenAPI document names each body schema by its class: two classes of one name would
    leave one endpoint documented with the other's fields (as applications' and publishing's
    TransitionIn once did)."""
    from ninja import Schema

    names = [cls.__name__ for cls in _schema_classes(Schema)]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    documented = schema["components"]["schemas"]
    assert {"fee_method", "fee_reduction", "fee_reduction_reason"} <= set(
        documented["ApplicationTransitionIn"]["properties"]
    )
