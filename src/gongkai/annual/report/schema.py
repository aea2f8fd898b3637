"""JSON Schema of ``gongkai.annual-report/1`` (published at docs/schema/annual-report.schema.json)
and a small validator for the subset of JSON Schema it uses, so no dependency is needed."""

from __future__ import annotations

import json
import re
from typing import Any

from gongkai.annual.report import rows as rt

_CELL: dict[str, Any] = {"type": ["integer", "null"], "minimum": 0}


def json_schema() -> dict[str, Any]:
    triple = {
        "type": "object",
        "required": list(rt.TABLE2_TRIPLE_FIELDS),
        "additionalProperties": False,
        "properties": {f: _CELL for f in rt.TABLE2_TRIPLE_FIELDS},
    }
    row = {"type": "array", "minItems": 7, "maxItems": 7, "items": _CELL}
    group = {
        "type": "object",
        "required": list(rt.TABLE4_FIELDS),
        "additionalProperties": False,
        "properties": {f: _CELL for f in rt.TABLE4_FIELDS},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://gongkai.example/schema/annual-report.schema.json",
        "title": "政府信息公开工作年度报告 (gongkai.annual-report/1)",
        "type": "object",
        "required": [
            "schema",
            "format_version",
            "agency",
            "year",
            "table2",
            "table3",
            "table4",
        ],
        "properties": {
            "schema": {"const": rt.SCHEMA},
            "format_version": {"enum": [rt.FORMAT_2021, rt.FORMAT_2019_TRIAL]},
            "agency": {"type": "string"},
            "year": {"type": ["integer", "null"]},
            "scope": {"enum": ["own", "consolidated", None]},
            "source": {"type": ["string", "null"]},
            "table2": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "regulations": triple,
                    "normative_documents": triple,
                    "licensing_decisions": _CELL,
                    "penalty_decisions": _CELL,
                    "enforcement_decisions": _CELL,
                    "fees_wan_yuan": {"type": ["string", "null"], "pattern": r"^\d+(\.\d+)?$"},
                },
            },
            "table3": {
                "type": "object",
                "required": ["columns", "rows"],
                "properties": {
                    "columns": {"const": list(rt.TABLE3_COLUMNS)},
                    "rows": {
                        "type": "object",
                        "required": list(rt.TABLE3_KEYS),
                        "additionalProperties": False,
                        "properties": {k: row for k in rt.TABLE3_KEYS},
                    },
                },
            },
            "table4": {
                "type": "object",
                "required": list(rt.TABLE4_GROUPS),
                "additionalProperties": False,
                "properties": {g: group for g in rt.TABLE4_GROUPS},
            },
            "sections": {
                "type": "object",
                "additionalProperties": False,
                "properties": {k: {"type": "string"} for k in rt.SECTION_HEADINGS},
            },
            "figures": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["section", "total", "parts"],
                    "properties": {
                        "section": {"type": "string"},
                        "quote": {"type": "string"},
                        "total": {"type": "integer"},
                        "parts": {"type": "array", "items": {"type": "integer"}},
                    },
                },
            },
            "findings": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["rule", "severity", "location", "message"],
                    "properties": {
                        "rule": {"type": "string"},
                        "severity": {"enum": ["error", "warning", "info"]},
                        "location": {"type": "string"},
                        "message": {"type": "string"},
                        "expected": {"type": ["integer", "string", "null"]},
                        "actual": {"type": ["integer", "string", "null"]},
                    },
                },
            },
        },
    }


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def _is_type(value: Any, name: str) -> bool:
    if name in ("integer", "number") and isinstance(value, bool):
        return False
    return isinstance(value, _TYPES[name])


def validate(instance: Any, schema: dict[str, Any], path: str = "$") -> list[str]:
    """Errors of ``instance`` against the subset of JSON Schema used by :func:`json_schema`."""
    errors: list[str] = []
    if "const" in schema and instance != schema["const"]:
        errors.append(f"{path}: 应为 {schema['const']!r}")
    if "enum" in schema and instance not in schema["enum"]:
        errors.append(f"{path}: 应为 {schema['enum']} 之一")
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(instance, t) for t in types):
            return [*errors, f"{path}: 类型应为 {types}"]
    is_int = isinstance(instance, int) and not isinstance(instance, bool)
    if is_int and "minimum" in schema and instance < schema["minimum"]:
        errors.append(f"{path}: 不应小于 {schema['minimum']}")
    if (
        isinstance(instance, str)
        and "pattern" in schema
        and not re.search(schema["pattern"], instance)
    ):
        errors.append(f"{path}: 不符合 {schema['pattern']}")
    if isinstance(instance, dict):
        for key in schema.get("required", []):
            if key not in instance:
                errors.append(f"{path}: 缺少 {key}")
        props = schema.get("properties", {})
        for key, value in instance.items():
            if key in props:
                errors.extend(validate(value, props[key], f"{path}.{key}"))
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: 不应有 {key}")
    if isinstance(instance, list):
        if "minItems" in schema and len(instance) < schema["minItems"]:
            errors.append(f"{path}: 至少 {schema['minItems']} 项")
        if "maxItems" in schema and len(instance) > schema["maxItems"]:
            errors.append(f"{path}: 至多 {schema['maxItems']} 项")
        if "items" in schema:
            for i, item in enumerate(instance):
                errors.extend(validate(item, schema["items"], f"{path}[{i}]"))
    return errors
