"""Redact a bail record so that a real past case can be kept as a regression fixture.

What to replace is read from the schema: every text field declares what it holds
(record/schema.py `personal`), and a test fails if one does not. Names become "Person A", places
"Place 1", the same text always the same placeholder, compared as the rules compare it (ignoring
case, punctuation and spacing), so every match the rules make still holds. Free text is replaced,
keeping only what rules read from it: whether it is empty, and any phrase a `mentions_any` test
looks for. Empty values stay empty (so verdicts that turn on a missing value stay the same).
Condition ids become c1, c2... (with `expect` and `accepted` following). A date of birth moves to
another day that gives the same age on every date the rules use. Dates, counts, flags and
enumerated values are kept: they are the facts the rules read.
"""

from __future__ import annotations

import string
from datetime import date, timedelta
from typing import Any

from bailcheck.facts.registry import squash
from bailcheck.facts.words import mentions_any
from bailcheck.record import schema
from bailcheck.record.schema import Field
from bailcheck.record.validate import Record
from bailcheck.rules.matcher import Leaf, WhenTest
from bailcheck.rules.policy import Policy


def text_fields() -> list[tuple[str, Field]]:
    """Every text field in the schema, as (dotted path, field), conditions as
    `conditions.TYPE.key`: what redaction and its test walk."""
    out: list[tuple[str, Field]] = []

    def walk(prefix: str, spec: Field) -> None:
        if spec.kind == "text":
            out.append((prefix, spec))
        elif spec.kind == "list" and spec.item is not None:
            walk(prefix, spec.item)
        elif spec.kind == "condition":
            for ctype in schema.CONDITION_TYPES:
                for key, f in schema.condition_fields(ctype).items():
                    walk(f"{prefix}.{ctype}.{key}", f)
        elif spec.kind == "mapping":
            for key, f in spec.fields.items():
                walk(f"{prefix}.{key}" if prefix else key, f)

    walk("", schema.RECORD)
    return out


def phrases(policy: Policy) -> list[str]:
    """Every phrase a rule looks for in text (`mentions_any`), so redaction can keep them."""
    found: list[str] = []

    def walk(node: WhenTest) -> None:
        if isinstance(node, Leaf):
            if node.op == "mentions_any":
                found.extend(node.operand)
        else:
            for child in node.children:
                walk(child)

    for rule in policy.rules:
        walk(rule.when)
    return sorted(set(found), key=str.casefold)


class Redactor:
    def __init__(self, keep_phrases: list[str]) -> None:
        self.keep = keep_phrases
        self.names: dict[str, str] = {}
        self.places: dict[str, str] = {}
        self.ids: dict[str, str] = {}
        self.texts = 0
        self.reference = "REDACTED"

    def name(self, value: str) -> str:
        key = squash(value)
        if key not in self.names:
            n = len(self.names)
            self.names[key] = f"Person {string.ascii_uppercase[n % 26]}{n // 26 or ''}"
        return self.names[key]

    def place(self, value: str) -> str:
        key = squash(value)
        if key not in self.places:
            self.places[key] = f"Place {len(self.places) + 1}"
        return self.places[key]

    def text(self, value: str) -> str:
        self.texts += 1
        kept = [p for p in self.keep if mentions_any(value, [p])]  # as the rules match them
        return f"[redacted text {self.texts}]" + (
            f" (contains: {'; '.join(kept)})" if kept else "")

    def condition_id(self, value: str) -> str:
        return self.ids.get(value, value)

    def replace(self, value: str, spec: Field) -> str:
        if not value.strip():
            return value  # empty stays empty: a rule may turn on the value being missing
        how = spec.personal
        if how == "name":
            return self.name(value)
        if how == "place":
            return self.place(value)
        if how == "text":
            return self.text(value)
        if how == "id":
            return self.condition_id(value)
        if how == "reference":
            return self.reference
        return value  # "keep": not personal data (a statute, a station, a rule id)

    def walk(self, value: Any, spec: Field | None) -> Any:
        if spec is None:
            return value
        if spec.kind == "text" and isinstance(value, str):
            return self.replace(value, spec)
        if spec.kind == "list" and isinstance(value, list):
            return [self.walk(v, spec.item) for v in value]
        if spec.kind == "condition" and isinstance(value, dict):
            fields = schema.condition_fields(value.get("type", ""))
            return {k: self.walk(v, fields.get(k)) for k, v in value.items()}
        if spec.kind == "mapping" and isinstance(value, dict):
            if spec.open_keys is not None:  # expect.conditions: keys are condition ids
                return {self.condition_id(k): v for k, v in value.items()}
            return {k: self.walk(v, spec.fields.get(k)) for k, v in value.items()}
        return value


def redact(record: Record, policy: Policy, reference: str = "REDACTED") -> dict[str, Any]:
    """A redacted copy of the record's data (the record itself is not changed)."""
    data = record.data
    redactor = Redactor(phrases(policy))
    redactor.ids = {c["id"]: f"c{i + 1}" for i, c in enumerate(data["conditions"])}
    redactor.reference = reference
    out: dict[str, Any] = redactor.walk(data, schema.RECORD)
    person = out["person"]
    if "date_of_birth" in person:
        person["date_of_birth"] = _same_ages(person["date_of_birth"], _age_dates(data))
    return out


def _age_dates(data: dict[str, Any]) -> list[date]:
    dates = data.get("dates", {})
    found = [data["decision"]["made_at"].date()]
    found += [d for d in (dates.get("first_court_date"), dates.get("answer_bail_on")) if d]
    return found


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _same_ages(born: date, on: list[date]) -> date:
    """Another date of birth in the same year giving the same age on every date in `on`."""
    target = [_age(born, d) for d in on]
    day = date(born.year, 1, 1)
    while day.year == born.year:
        if day != born and [_age(day, d) for d in on] == target:
            return day
        day += timedelta(days=1)
    return born  # pragma: no cover - every date in a year but one differs in some age
