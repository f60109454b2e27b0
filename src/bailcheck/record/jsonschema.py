"""The record format as JSON Schema (draft-07, which YAML editor plugins understand), generated
from the same declarations the loader uses, so it cannot drift from them."""

from __future__ import annotations

from typing import Any

from bailcheck import __version__
from bailcheck.record import schema
from bailcheck.record.readers import SPAN, TIME
from bailcheck.record.schema import Field

DATE = r"^\d{4}-\d{2}-\d{2}$"
DATETIME = r"^\d{4}-\d{2}-\d{2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$"


def _field(spec: Field) -> dict[str, Any]:
    out: dict[str, Any]
    kind = spec.kind
    if kind == "text":
        out = {"type": ["string", "number"]}
    elif kind == "count":
        out = {"type": "integer", "minimum": 0}
    elif kind == "number":
        out = {"type": "number", "minimum": 0}
    elif kind == "bool":
        out = {"type": "boolean"}
    elif kind == "date":
        out = {"type": "string", "pattern": DATE}
    elif kind == "datetime":
        out = {"type": "string", "pattern": DATETIME}
    elif kind == "time":
        out = {"type": "string", "pattern": TIME}
    elif kind == "span":
        out = {"type": "string", "pattern": SPAN}
    elif kind == "enum":
        out = {"enum": [int(c) if c.isdigit() else c for c in spec.choices]}
    elif kind == "list":
        assert spec.item is not None
        out = {"type": "array", "items": _field(spec.item)}
    elif kind == "condition":
        out = {"oneOf": [_condition(t) for t in schema.CONDITION_TYPES]}
    elif spec.open_keys is not None:
        out = {"type": "object", "additionalProperties": _field(spec.open_keys)}
    else:
        out = _object(spec.fields)
    if spec.doc:
        out["description"] = spec.doc
    return out


def _object(fields: dict[str, Field]) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object",
                           "properties": {k: _field(f) for k, f in fields.items()},
                           "additionalProperties": False}
    required = [k for k, f in fields.items() if f.required]
    if required:
        out["required"] = required
    return out


def _condition(ctype: str) -> dict[str, Any]:
    out = _object(schema.condition_fields(ctype))
    out["properties"]["type"] = {"const": ctype}
    out["title"] = f"{ctype} condition"
    return out


def record_schema() -> dict[str, Any]:
    out = {"$schema": "http://json-schema.org/draft-07/schema#",
           "title": f"bailcheck bail record, version 1 (bailcheck {__version__})",
           **_field(schema.RECORD)}
    # person needs an age or a date of birth (the loader checks this too)
    out["properties"]["person"]["anyOf"] = [{"required": ["age"]}, {"required": ["date_of_birth"]}]
    return out
