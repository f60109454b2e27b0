"""Redact a bail record so that a real past case can be kept as a regression fixture.

Names and places become placeholders ("Person A", "Place 3"), the same text always the same
placeholder, compared as the rules compare it (ignoring case, punctuation and spacing), so every
match the rules make (a complainant's address, a named person) still holds. Free text is
replaced, keeping only what rules read from it: whether it is empty, and any phrase a
`mentions_any` test looks for. A date of birth moves to another day that gives the same age on
every date the rules use. Dates, counts, flags and enumerated values are kept: they are the
facts the rules read.
"""

from __future__ import annotations

import copy
import string
from datetime import date, timedelta
from typing import Any

from bailcheck.rules.matcher import Leaf, Node_
from bailcheck.facts.registry import squash
from bailcheck.rules.policy import Policy
from bailcheck.record.validate import Record

NAME_KEYS = {"name", "persons", "by"}
PLACE_KEYS = {"address", "workplace", "place", "streets", "station", "map_ref", "recipient",
              "location"}
TEXT_KEYS = {"summary", "force", "custody_record", "representations", "variation_of",
             "employer", "caring_responsibilities", "travel_plans", "vulnerabilities",
             "description", "fail_to_surrender", "offending_on_bail", "witness_interference",
             "own_protection", "text", "reason", "means", "exceptions", "dispute", "manner",
             "form", "not_practicable_reason"}


def phrases(policy: Policy) -> list[str]:
    """Every phrase a rule looks for in text (`mentions_any`), so redaction can keep them."""
    found: list[str] = []

    def walk(node: Node_) -> None:
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
        self.texts = 0

    def name(self, value: str) -> str:
        key = squash(value)
        if key not in self.names:
            n = len(self.names)
            letters = string.ascii_uppercase
            self.names[key] = f"Person {letters[n % 26]}{n // 26 or ''}"
        return self.names[key]

    def place(self, value: str) -> str:
        key = squash(value)
        if key not in self.places:
            self.places[key] = f"Place {len(self.places) + 1}"
        return self.places[key]

    def text(self, value: str) -> str:
        if not value.strip():
            return value
        self.texts += 1
        kept = [p for p in self.keep if p.casefold() in value.casefold()]
        return f"[redacted text {self.texts}]" + (
            f" (contains: {'; '.join(kept)})" if kept else "")

    def value(self, key: str, value: Any) -> Any:
        if isinstance(value, list):
            return [self.value(key, v) for v in value]
        if isinstance(value, dict):
            return {k: self.value(k, v) for k, v in value.items()}
        if not isinstance(value, str):
            return value
        if key in NAME_KEYS:
            return self.name(value)
        if key in PLACE_KEYS:
            return self.place(value)
        if key in TEXT_KEYS:
            return self.text(value)
        return value


def redact(record: Record, policy: Policy, reference: str = "REDACTED") -> dict[str, Any]:
    """A redacted copy of the record's data (the record itself is not changed)."""
    data = copy.deepcopy(record.data)
    redactor = Redactor(phrases(policy))
    out = redactor.value("", data)
    out["case"]["reference"] = reference
    person = out["person"]
    if "date_of_birth" in person:
        person["date_of_birth"] = _same_ages(person["date_of_birth"], _age_dates(data))
    return out  # type: ignore[no-any-return]


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

