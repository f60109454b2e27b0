"""Validate a YAML node tree against the record schema and normalise its values.

Every problem is collected (not just the first) with its file:line:column and a hint. Values come
out normalised: dates as `date`, date-times as naive Europe/London `datetime`, times of day as
minutes after midnight, spans as (start, end) minute pairs, counts as `int`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bailcheck.errors import Problem, RecordError
from bailcheck.record import schema
from bailcheck.record import source as yaml_source
from bailcheck.record.readers import READERS as _READERS
from bailcheck.record.schema import Field
from bailcheck.record.source import MAPPING, SCALAR, SEQUENCE, Node
from bailcheck.safe_text import quote

Pos = tuple[int, int]
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"}
_FALSE = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"}
_INT = re.compile(r"^[0-9]+$")
_NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")


@dataclass
class Record:
    """A validated bail record: normalised data, and the node tree that says where each value
    was written (looked up only when a position is wanted)."""

    path: str
    data: dict[str, Any]
    root: Node | None = None

    @property
    def reference(self) -> str:
        return str(self.data["case"]["reference"])

    @property
    def conditions(self) -> list[dict[str, Any]]:
        return self.data["conditions"]  # type: ignore[no-any-return]

    def mark(self, *path: str | int) -> Pos | None:
        """(line, column) of the value at `path`, e.g. ("conditions", 0, "from")."""
        node = self.root
        for step in path:
            if node is None:
                return None
            if isinstance(step, int):
                items = node.items if node.kind == SEQUENCE else []
                node = items[step] if step < len(items) else None
            else:
                node = node.get(step) if node.kind == MAPPING else None
        return (node.line, node.column) if node is not None else None


def load_record(path: Path | str) -> Record:
    """Read and validate one record file; raise InputError or RecordError."""
    return validate(yaml_source.load(path))


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


def suggest(word: str, known: list[str] | tuple[str, ...]) -> str:
    """A "did you mean" hint for a misspelt key or value, or a list of what is allowed."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    if len(known) > 16:  # a long list helps nobody; say where to look
        return f"it matches none of the {len(known)} known names closely"
    return "allowed: " + ", ".join(known)


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
        name = str(where[-1]) if where else "record"
        if spec.kind == "raw":  # kept as a node for a later, specialised check (rule `when`)
            return node
        if spec.kind == "mapping":
            if node.kind != MAPPING:
                self.fail(node, f"`{name}` must be a mapping of keys, not {_kind_name(node)}")
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
            self.fail(node, f"`{name}` must be a single value, not {_kind_name(node)}")
            return None
        return self.scalar(node, spec, name)

    def scalar(self, node: Node, spec: Field, name: str) -> Any:
        raw = node.text.strip()
        if node.plain and raw in _NULLS:
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
            if node.plain and raw in _TRUE:
                return True
            if node.plain and raw in _FALSE:
                return False
            self.fail(node, f"{name} must be true or false, not {quote(raw)}",
                      "write true or false without quotes")
            return None
        if kind in ("count", "number"):
            return self.number(node, spec, name, raw)
        if kind in _READERS:
            read, wording, example = _READERS[kind]
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
        pattern = _INT if whole else _NUMBER
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
        self.fail(key, f"unknown key `{name}`{context}", suggest(name, list(fields)))

    def open_mapping(self, node: Node, item: Field, where: tuple[str | int, ...]) -> dict[str, Any]:
        out = {}
        for key, val in node.pairs:
            if key.text in out:
                self.fail(key, f"`{key.text}` appears twice", "keep one of them")
                continue
            result = self.value(val, item, (*where, key.text))
            if result is not None:
                out[key.text] = result
        return out

    def cross_checks(self, root: Node, data: dict[str, Any]) -> None:
        self.check_condition_ids(root, data)
        self.check_date_order(root, data)
        person_node = root.get("person")
        if person_node is not None and "age" not in data["person"] \
                and "date_of_birth" not in data["person"]:
            self.fail(person_node, "person needs `age` or `date_of_birth`",
                      "age is the age on the decision date")
        expected = data.get("expect", {}).get("conditions", {})
        ids = {c["id"] for c in data["conditions"]}
        expect_node = root.get("expect")
        for cid in expected:
            if cid not in ids and expect_node is not None:
                self.fail(expect_node, f"expect names condition `{cid}`, which the record does "
                          "not have", suggest(cid, sorted(ids)))

    def condition(self, node: Node, where: tuple[str | int, ...]) -> dict[str, Any] | None:
        if node.kind != MAPPING:
            self.fail(node, "each condition must be a mapping with `type` and `text`")
            return None
        type_node = node.get("type")
        ctype = type_node.text.strip() if type_node is not None and type_node.kind == SCALAR else ""
        spec = Field("mapping", fields=schema.condition_fields(ctype))
        cond = self.mapping(node, spec, where, ctype=ctype if ctype in schema.CONDITION_TYPES else "")
        cond.setdefault("id", f"c{int(where[-1]) + 1}")
        return cond

    def check_date_order(self, root: Node, data: dict[str, Any]) -> None:
        """Spans that end before they start, and CPS referrals in neither or both forms."""
        dates, dates_node = data.get("dates", {}), root.get("dates")
        if dates_node is None:
            return
        for key, first, last in (("cps_referrals", "from", "to"),
                                 ("hospital_inpatient_days", "from", "to")):
            items = dates_node.get(key)
            for entry, node in zip(dates.get(key, []), items.items if items else [],
                                   strict=False):
                if entry.get(first) and entry.get(last) and entry[last] < entry[first]:
                    self.fail(node, f"`{last}` ({entry[last]}) is before `{first}` "
                              f"({entry[first]})", "check the two dates")
        refs = dates_node.get("cps_referrals")
        for entry, node in zip(dates.get("cps_referrals", []), refs.items if refs else [],
                               strict=False):
            new, old = "released_on" in entry or "dpp_requests" in entry, bool(
                {"from", "to"} & set(entry))
            if new == old:
                self.fail(node, "a CPS referral takes either `released_on` (with "
                          "`dpp_requests`) or the first edition's `from` and `to`",
                          "write `released_on: DATE` and its `dpp_requests`")
            elif new and "released_on" not in entry:
                self.fail(node, "`released_on` is required in a CPS referral",
                          "the date of release for a DPP charging decision")
            elif old and "from" not in entry:
                self.fail(node, "`from` is required in a CPS referral", "the date referred")
            for req in entry.get("dpp_requests", []):
                if req.get("met_on") and req["met_on"] < req["made_on"]:
                    self.fail(node, f"a DPP request met on {req['met_on']} before it was made "
                              f"on {req['made_on']}", "check the two dates")

    def check_condition_ids(self, root: Node, data: dict[str, Any]) -> None:
        node = root.get("conditions")
        seen: set[str] = set()
        for cond, item in zip(data["conditions"], node.items if node else [], strict=False):
            if cond["id"] in seen:
                self.fail(item, f"condition id `{cond['id']}` is used twice", "give each its own id")
            seen.add(cond["id"])
