"""Write record data back as YAML in the record format, following the schema's kinds."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import yaml

from bailcheck.record import schema
from bailcheck.record.schema import Field


def _time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _plain(value: Any, spec: Field | None) -> Any:
    kind = spec.kind if spec else ""
    if kind == "time":
        return _time(value)
    if kind == "span":
        return f"{_time(value[0])}-{_time(value[1])}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M" if value.second == 0 else "%Y-%m-%dT%H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if kind == "enum" and value == "1" and spec is schema.RECORD.fields["bailcheck"]:
        return 1
    if isinstance(value, dict):
        order = _order(spec, value)
        keys = sorted(value, key=lambda k: order.get(k, len(order)))
        return {k: _plain(value[k], _field_of(spec, value, k)) for k in keys}
    if isinstance(value, list):
        return [_plain(v, spec.item if spec else None) for v in value]
    return value


def _order(spec: Field | None, mapping: dict[str, Any]) -> dict[str, int]:
    """Keys in the order the schema declares them, so written records read naturally."""
    if spec is None:
        return {}
    if spec.kind == "condition":
        own = schema.CONDITION_TYPES.get(mapping.get("type", ""), {})
        names = ["id", "type", "text", *own, "purpose", "reason", "until", "carried_over"]
    else:
        names = list(spec.fields)
    return {name: i for i, name in enumerate(names)}


def _field_of(spec: Field | None, mapping: dict[str, Any], key: str) -> Field | None:
    if spec is None:
        return None
    if spec.kind == "condition":
        return schema.condition_fields(mapping.get("type", "")).get(key)
    if spec.open_keys is not None:
        return spec.open_keys
    return spec.fields.get(key)


def to_yaml(data: dict[str, Any], header: str = "") -> str:
    """The record as YAML text that `bailcheck check` reads back to the same data."""
    text = yaml.safe_dump(_plain(data, schema.RECORD), sort_keys=False, allow_unicode=True,
                          width=100, default_flow_style=False)
    return header + text
