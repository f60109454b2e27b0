"""Validate a YAML node tree against the record schema and normalise its values.

Every problem is collected (not just the first) with its file:line:column and a hint. Values come
out normalised: dates as `date`, date-times as naive Europe/London `datetime`, times of day as
minutes after midnight, spans as (start, end) minute pairs, counts as `int`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bailcheck.errors import Problem, RecordError
from bailcheck.files import MAX_BYTES, display, read_text
from bailcheck.record import fast_record, fast_source, schema
from bailcheck.record import source as yaml_source
from bailcheck.record.cross import cross_issues, suggest
from bailcheck.record.model import Pos, Record
from bailcheck.record.readers import FALSE, NULLS, NUMBER, READERS, TRUE, WHOLE
from bailcheck.record.schema import Field
from bailcheck.record.source import MAPPING, SCALAR, SEQUENCE, Node
from bailcheck.safe_text import quote

__all__ = ["Pos", "Record", "check_against", "load_record", "suggest", "validate"]


def load_record(path: Path | str) -> Record:
    """Read and validate one record file; raise InputError or RecordError.

    The fast path (fast_record.py) reads most records; whatever it is unsure of is read again
    here by the strict reader and validator, which report every problem."""
    text, name = read_text(path), display(path)
    if len(text) > MAX_BYTES:
        return validate(yaml_source.parse(text, name))  # refused there, with its message
    composed = fast_source.compose_yaml(text)
    record = fast_record.validated(composed, text, name)
    if record is not None:
        return record
    tree = fast_source.convert(composed, name)  # None: the strict reader reads the text
    return validate(yaml_source.parse(text, name, tree, fast=False))


def check_against(root: Node, spec: Field) -> tuple[dict[str, Any], list[Problem]]:
    """Validate any node tree against a schema Field (used for rule files too)."""
    checker = _Checker()
    data = checker.mapping(root, spec, ())
    return data, checker.problems


def validate(root: Node) -> Record:
    """Validate a parsed record, raising RecordError with every problem found."""
    checker = _Checker()
    data = checker.mapping(root, schema.RECORD, ())
    if not checker.problems:
        checker.cross_checks(root, data)
    if checker.problems:
        raise RecordError(checker.problems)
    return Record(root.path, data, root)


def _label(where: tuple[str | int, ...]) -> str:
    return " ".join(w if isinstance(w, str) else f"item {w + 1}" for w in where) or "the record"


def _kind_name(node: Node) -> str:
    if node.kind == MAPPING:
        return "a mapping"
    return "a list" if node.kind == SEQUENCE else quote(node.text)




class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, node: Node, message: str, hint: str = "") -> None:
        self.problems.append(node.problem(message, hint))

    def value(self, node: Node, spec: Field, where: tuple[str | int, ...]) -> Any:
        # an item of a list is named by its list ("not a valid purpose"), not its place
        name = str(where[-2] if isinstance(where[-1], int) and len(where) > 1 else where[-1]) \
            if where else "record"
        if spec.kind == "raw":  # kept as a node for a later, specialised check (rule `when`)
            return node
        if spec.kind == "mapping":
            if node.kind != MAPPING:
                self.fail(node, f"`{name}` must be a mapping of keys, not {_kind_name(node)}",
                          "write its keys on the lines below it, indented, as `key: value`")
                return None
            if spec.open_keys is not None:
                return self.open_mapping(node, spec.open_keys, where)
            return self.mapping(node, spec, where)
        if spec.kind == "condition":
            return self.condition(node, where)
        if spec.kind == "list":
            if node.kind != SEQUENCE:
                self.fail(node, f"`{name}` must be a list, not {_kind_name(node)}",
                          "write items on lines starting with `- `, or as [a, b]")
                return None
            assert spec.item is not None
            out = [self.value(item, spec.item, (*where, i)) for i, item in enumerate(node.items)]
            return [v for v in out if v is not None]
        if node.kind != SCALAR:
            self.fail(node, f"`{name}` must be a single value, not {_kind_name(node)}",
                      "write one value after the colon")
            return None
        return self.scalar(node, spec, name)

    def scalar(self, node: Node, spec: Field, name: str) -> Any:
        raw = node.text.strip()
        if node.plain and raw in NULLS:
            return None
        kind = spec.kind
        if kind == "text":
            return node.text if raw else None  # blank text says nothing: treated as absent
        if kind == "enum":
            if raw in spec.choices:
                return raw
            self.fail(node, f"{quote(raw)} is not a valid {name}", suggest(raw, spec.choices))
            return None
        if kind == "bool":
            if node.plain and raw in TRUE:
                return True
            if node.plain and raw in FALSE:
                return False
            self.fail(node, f"{name} must be true or false, not {quote(raw)}",
                      "write true or false without quotes" + (
                          " or a !!str tag" if node.tag == "tag:yaml.org,2002:str" else ""))
            return None
        if kind in ("count", "number"):
            return self.number(node, spec, name, raw)
        if kind in READERS:
            read, wording, example = READERS[kind]
            value = read(raw)
            if value is None:
                self.fail(node, f"{name} must be {wording}, not {quote(raw)}",
                          f"for example {example}")
            return value
        raise AssertionError(f"unknown schema kind {kind}")  # pragma: no cover

    def number(self, node: Node, spec: Field, name: str, raw: str) -> Any:
        whole = spec.kind == "count" or spec.whole
        what = "a whole number" if whole else "a number"
        high = f"{spec.high:,.0f}"
        pattern = WHOLE if whole else NUMBER
        if not (node.plain and pattern.match(raw)):
            self.fail(node, f"{name} must be {what}, 0 to {high}, not {quote(raw)}",
                      "write digits only, unquoted")
            return None
        if len(raw) > 1 and raw.startswith("0") and not raw.startswith("0."):
            # YAML 1.1 reads 0777 as octal and YAML 1.2 as 777: refuse rather than guess
            self.fail(node, f"{name} must not start with 0, as in {quote(raw)}",
                      "write the number without leading zeros")
            return None
        # length first: int() of thousands of digits is slow and then refused by Python itself
        value = float(raw) if len(raw) <= 20 else float("inf")
        if value > spec.high:
            self.fail(node, f"{name} must be {what}, 0 to {high}, not {quote(raw)}",
                      "check the value; this is out of range")
            return None
        return int(value) if whole else value

    def mapping(self, node: Node, spec: Field, where: tuple[str | int, ...],
                ctype: str = "") -> dict[str, Any]:
        fields = spec.fields
        out: dict[str, Any] = {}
        seen: set[str] = set()
        for key, val in node.pairs:
            name = key.text
            if name in seen:
                self.fail(key, f"`{name}` appears twice", "keep one of them")
                continue
            seen.add(name)
            if name not in fields:
                self.unknown_key(key, where, fields, ctype)
                continue
            before = len(self.problems)
            result = self.value(val, fields[name], (*where, name))
            if result is not None:
                out[name] = result
            elif fields[name].required and len(self.problems) == before:
                self.fail(val, f"`{name}` is required in {_label(where)} but has no value",
                          f"give {fields[name].doc or 'a value'}")
        for name, f in fields.items():
            if f.required and name not in seen:
                self.fail(node, f"`{name}` is required in {_label(where)}", f.doc)
        return out

    def unknown_key(self, key: Node, where: tuple[str | int, ...], fields: dict[str, Field],
                    ctype: str) -> None:
        name = key.text
        owners = [t for t, fs in schema.CONDITION_TYPES.items() if name in fs]
        if ctype and owners:
            own = ", ".join(f"`{f}`" for f in schema.CONDITION_TYPES[ctype]) or "no fields"
            self.fail(key, f"`{name}` does not belong to a `{ctype}` condition",
                      f"it is a field of {', '.join(owners)}; a {ctype} takes {own} of its own")
            return
        context = f" in `{where[-1]}`" if where and isinstance(where[-1], str) else ""
        self.fail(key, f"unknown key {quote(name)}{context}", suggest(name, list(fields)))

    def open_mapping(self, node: Node, item: Field, where: tuple[str | int, ...]) -> dict[str, Any]:
        out = {}
        for key, val in node.pairs:
            if key.text in out:
                self.fail(key, f"`{key.text}` appears twice", "keep one of them")
                continue
            # a message names the value by what it is ("verdict for `c1`"), the key being free
            label = f"{item.doc} for `{key.text}`" if item.doc else key.text
            result = self.value(val, item, (*where, label))
            if result is not None:
                out[key.text] = result
        return out

    def cross_checks(self, root: Node, data: dict[str, Any]) -> None:
        for where, message, hint in cross_issues(data):
            self.fail(_node_at(root, where) or root, message, hint)

    def condition(self, node: Node, where: tuple[str | int, ...]) -> dict[str, Any] | None:
        if node.kind != MAPPING:
            self.fail(node, "each condition must be a mapping with `type` and `text`",
                      "write it as `- type: …` with `text: …` on the next line, indented")
            return None
        type_node = node.get("type")
        ctype = type_node.text.strip() if type_node is not None and type_node.kind == SCALAR else ""
        spec = Field("mapping", fields=schema.condition_fields(ctype))
        cond = self.mapping(node, spec, where, ctype=ctype if ctype in schema.CONDITION_TYPES else "")
        cond.setdefault("id", f"c{int(where[-1]) + 1}")
        return cond


def _node_at(root: Node, where: tuple[str | int, ...]) -> Node | None:
    """The node at a path of the validated data (each field is valid, so it is there)."""
    node: Node | None = root
    for step in where:
        if node is None:
            return None
        if isinstance(step, int):
            node = node.items[step] if node.kind == SEQUENCE and step < len(node.items) else None
        else:
            node = node.get(step) if node.kind == MAPPING else None
    return node
