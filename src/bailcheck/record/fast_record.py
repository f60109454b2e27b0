"""The fast path of reading a record: libyaml's nodes, validated by readers compiled once from
the schema (schema.py), each of which either accepts its value or gives up.

A reader gives up on anything the strict validator (validate.py) would report, and on anything
unusual besides: a key that is not a scalar, a repeated key, a value of the wrong shape, a value
that does not read. The record is then read again by the strict reader and validator, so every
error is reported exactly as it always is. What a reader accepts, it normalises exactly as the
strict validator does (a differential test holds the two to identical records and positions).
Positions are not computed here: the record keeps libyaml's nodes and looks one up on request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from bailcheck.record import cross, fast_source, schema
from bailcheck.record.model import Record
from bailcheck.record.node import MAX_NODES
from bailcheck.record.readers import FALSE, NULLS, NUMBER, READERS, TRUE, WHOLE, Pattern
from bailcheck.record.schema import Field

Reader = Callable[[Any], Any]

_SCALAR, _MAPPING, _SEQUENCE = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode
# A text this short cannot hold MAX_NODES values (libyaml makes at most three nodes of one
# character); a longer one has its nodes counted.
_SHORT = MAX_NODES // 8


class GiveUp(Exception):
    """The strict reader and validator must decide."""


def read(text: str, name: str) -> Record | None:
    """The validated record, or None when the strict path must read the text again."""
    return validated(fast_source.compose_yaml(text), text, name)


def validated(root: Any, text: str, name: str) -> Record | None:
    """The record from libyaml's node tree of `text` (None: the strict path must decide)."""
    if root is None or (len(text) > _SHORT and _count(root) > MAX_NODES):
        return None
    try:
        data = _RECORD(root)
    except Exception:  # noqa: BLE001  (GiveUp, or anything unforeseen: the strict path decides)
        return None
    if cross.cross_issues(data):
        return None
    return Record(name, data, root)


def _count(root: Any) -> int:
    count, todo = 0, [root]
    while todo:
        node = todo.pop()
        count += 1
        if node.__class__ is _MAPPING:
            for key, value in node.value:
                todo += (key, value)
        elif node.__class__ is _SEQUENCE:
            todo += node.value
    return count


def compile_field(spec: Field) -> Reader:
    """A reader for one field of the schema: its value, normalised, or GiveUp."""
    kind = spec.kind
    if kind == "mapping":
        if spec.open_keys is not None:
            return _open_mapping(compile_field(spec.open_keys))
        return _mapping(spec.fields)
    if kind == "list":
        assert spec.item is not None
        if spec.item.kind == "condition":
            return _conditions()
        return _list(compile_field(spec.item))
    if kind in ("text", "enum", "bool", "count", "number") or kind in READERS:
        return _scalar(spec)
    return _give_up  # "raw" values (rule files) and conditions outside a list: the strict path


def _give_up(node: Any) -> Any:
    raise GiveUp


def _mapping(fields: dict[str, Field]) -> Reader:
    reader_of = {name: compile_field(f) for name, f in fields.items()}.get
    required = tuple(name for name, f in fields.items() if f.required)

    def read_mapping(node: Any) -> dict[str, Any]:
        if node.__class__ is not _MAPPING:
            raise GiveUp
        out: dict[str, Any] = {}
        pairs = node.value
        for key, value in pairs:
            if key.__class__ is not _SCALAR:
                raise GiveUp
            name = key.value
            reader = reader_of(name)
            if reader is None:  # an unknown key
                raise GiveUp
            result = reader(value)
            if result is not None:
                out[name] = result
            elif name in required:  # required, but with no value
                raise GiveUp
        if len(out) != len(pairs) and len({key.value for key, _ in pairs}) != len(pairs):
            raise GiveUp  # a key appears twice
        for name in required:
            if name not in out:
                raise GiveUp
        return out

    return read_mapping


def _open_mapping(item: Reader) -> Reader:
    def read_open(node: Any) -> dict[str, Any]:
        if node.__class__ is not _MAPPING:
            raise GiveUp
        out: dict[str, Any] = {}
        for key, value in node.value:
            if key.__class__ is not _SCALAR or key.value in out:
                raise GiveUp
            result = item(value)
            if result is not None:
                out[key.value] = result
        return out

    return read_open


def _list(item: Reader) -> Reader:
    def read_list(node: Any) -> list[Any]:
        if node.__class__ is not _SEQUENCE:
            raise GiveUp
        out = []
        for entry in node.value:
            result = item(entry)
            if result is not None:
                out.append(result)
        return out

    return read_list


def _conditions() -> Reader:
    """The conditions list: each condition by the readers of its own type."""
    by_type = {ctype: _mapping(schema.condition_fields(ctype)) for ctype in schema.CONDITION_TYPES}

    def read_conditions(node: Any) -> list[Any]:
        if node.__class__ is not _SEQUENCE:
            raise GiveUp
        out = []
        for index, entry in enumerate(node.value):
            if entry.__class__ is not _MAPPING:
                raise GiveUp
            ctype = next((v.value.strip() if v.__class__ is _SCALAR else ""
                          for k, v in entry.value if k.value == "type"), "")
            reader = by_type.get(ctype)
            if reader is None:  # no type, or one that is not declared
                raise GiveUp
            cond = reader(entry)
            cond.setdefault("id", f"c{index + 1}")
            out.append(cond)
        return out

    return read_conditions


def _scalar(spec: Field) -> Reader:
    kind = spec.kind
    if kind == "text":
        return _text
    if kind == "enum":
        return _enum(frozenset(spec.choices))
    if kind == "bool":
        return _bool
    if kind in ("count", "number"):
        whole = kind == "count" or spec.whole
        return _number(WHOLE if whole else NUMBER, spec.high, whole)
    return _parsed(READERS[kind][0])


def _text(node: Any) -> Any:
    if node.__class__ is not _SCALAR:
        raise GiveUp
    value = node.value
    raw = value.strip()
    if not raw or (not node.style and raw in NULLS):
        return None  # blank text says nothing: treated as absent
    return value


def _enum(choices: frozenset[str]) -> Reader:
    def read_enum(node: Any) -> Any:
        if node.__class__ is not _SCALAR:
            raise GiveUp
        raw = node.value.strip()
        if not node.style and raw in NULLS:
            return None
        if raw in choices:
            return raw
        raise GiveUp

    return read_enum


def _bool(node: Any) -> Any:
    if node.__class__ is not _SCALAR or node.style:
        raise GiveUp
    raw = node.value.strip()
    if raw in TRUE:
        return True
    if raw in FALSE:
        return False
    if raw in NULLS:
        return None
    raise GiveUp


def _number(pattern: Pattern, high: float, whole: bool) -> Reader:
    def read_number(node: Any) -> Any:
        if node.__class__ is not _SCALAR or node.style:
            raise GiveUp
        raw = node.value.strip()
        if raw in NULLS:
            return None
        if not pattern.match(raw) or (len(raw) > 1 and raw[0] == "0" and raw[1] != "."):
            raise GiveUp  # not digits, or a leading zero (octal in YAML 1.1)
        value = float(raw) if len(raw) <= 20 else float("inf")
        if value > high:
            raise GiveUp
        return int(value) if whole else value

    return read_number


def _parsed(parse: Callable[[str], Any]) -> Reader:
    def read_parsed(node: Any) -> Any:
        if node.__class__ is not _SCALAR:
            raise GiveUp
        raw = node.value.strip()
        if not node.style and raw in NULLS:
            return None
        value = parse(raw)
        if value is None:
            raise GiveUp
        return value

    return read_parsed


_RECORD = _mapping(schema.RECORD.fields)
