"""The documented facts that rules test.

A rule file never reads the record directly: it names facts, and each fact here has a type, a
scope (`record` facts describe the whole case, `condition` facts the condition being judged) and a
one-line description that `bailcheck policy facts` lists. Facts are computed lazily and cached per
condition, so a rule set reads only what it needs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from bailcheck.record.validate import Record
from bailcheck.values import Frozen, fill  # not dataclasses: defined on every start

# Which `risks` text is evidence for which purpose (Bail Act s.3(6)(a)–(ca)).
RISK_FOR_PURPOSE: dict[str, str] = {
    "surrender": "fail_to_surrender",
    "no_offending": "offending_on_bail",
    "no_interference": "witness_interference",
    "own_protection": "own_protection",
}
PROTEST_ACTIVITIES: tuple[str, ...] = ("protest", "picketing", "trade_union", "strike_action")
AREA_COVERS: tuple[str, ...] = ("town", "city", "county")

class Fact(Frozen):
    _FIELDS = ("name", "type", "scope", "doc", "compute", "choices")
    __slots__ = _FIELDS
    name: str
    type: str  # bool | int | number | text | date | list | enum
    scope: str  # record | condition
    doc: str
    compute: Callable[[Context], Any]
    # the values an enum fact can take; a callable where they come from a live declaration
    choices: tuple[str, ...] | Callable[[], tuple[str, ...]]

    def __init__(self, name: str, type: str, scope: str, doc: str,  # noqa: PLR0917
                 compute: Callable[[Context], Any],
                 choices: tuple[str, ...] | Callable[[], tuple[str, ...]] = ()) -> None:
        fill(self, name, type, scope, doc, compute, choices)

    def allowed(self) -> tuple[str, ...]:
        return self.choices() if callable(self.choices) else self.choices


FACTS: dict[str, Fact] = {}


def fact(name: str, type_: str, doc: str, scope: str = "record",
         choices: tuple[str, ...] | Callable[[], tuple[str, ...]] = ()
         ) -> Callable[[Callable[[Context], Any]], Callable[..., Any]]:
    def register(fn: Callable[[Context], Any]) -> Callable[[Context], Any]:
        FACTS[name] = Fact(name, type_, scope, doc, fn, choices)
        return fn
    return register


class Context(dict[str, Any]):
    """One record (and optionally one of its conditions) as seen by the rules.

    A context is the dictionary of the facts it has computed so far: `ctx[name]` is a plain
    dictionary lookup, and a fact is computed only on a miss (`__missing__`). A condition's
    context starts with every record fact computed so far, and a record fact computed through
    it is kept in the record's own context too, for every other condition of the record.

    The record's own context has no `parent` rather than being its own: a context that refers
    to itself is a reference cycle, which would keep each record's whole tree alive until the
    cyclic garbage collector found it, instead of freeing it as soon as the record is done."""

    __slots__ = ("condition", "data", "parent", "record", "today")

    def __init__(self, record: Record, today: date, condition: dict[str, Any] | None = None,
                 parent: Context | None = None) -> None:
        super().__init__(() if parent is None else parent)
        self.record = record
        self.data = record.data
        self.today = today
        self.condition: dict[str, Any] = condition or {}
        self.parent = parent  # the record's context, for a condition's; None for the record's

    @property
    def shared(self) -> Context:
        """The record's context, where record-scope facts are kept for every condition."""
        return self if self.parent is None else self.parent

    def for_condition(self, condition: dict[str, Any]) -> Context:
        return Context(self.record, self.today, condition, self.shared)

    def __missing__(self, name: str) -> Any:
        parent = self.parent
        if parent is None:  # the record's own context
            spec = FACTS[name]
            value = spec.compute(self)
            if spec.scope == "record":  # (a condition fact read without a condition is not kept)
                self[name] = value
            return value
        if name in parent:
            value = self[name] = parent[name]
            return value
        spec = FACTS[name]
        value = self[name] = spec.compute(self)
        if spec.scope == "record":
            parent[name] = value
        return value

    # -- small accessors used by many facts --
    @property
    def person(self) -> dict[str, Any]:
        return self.data["person"]  # type: ignore[no-any-return]

    @property
    def offences(self) -> list[dict[str, Any]]:
        return self.data["offences"]  # type: ignore[no-any-return]

    @property
    def people(self) -> list[dict[str, Any]]:
        return self.data.get("people", [])  # type: ignore[no-any-return]

    def risk(self, key: str) -> bool:
        return bool(str(self.data.get("risks", {}).get(key, "")).strip())


def same_place(a: str | None, b: str | None) -> bool:
    """Addresses match when equal ignoring case, punctuation and spacing (no fuzzy matching)."""
    if not a or not b:
        return False
    return squash(a) == squash(b)


@functools.lru_cache(maxsize=4096)  # a record compares the same few addresses many times
def squash(text: str) -> str:
    """Text as addresses and names are compared: case, punctuation and spacing ignored."""
    return _NOT_WORD.sub("", text.casefold())


_NOT_WORD = re.compile(r"[\W_]+")


def span_minutes(start: int, end: int) -> int:
    """Length of a daily span in minutes; an end not after the start runs past midnight."""
    return end - start if end > start else end + 1440 - start


def spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two daily spans overlap if they share any minute (either may run past midnight)."""
    def pieces(span: tuple[int, int]) -> list[tuple[int, int]]:
        start, end = span
        return [(start, end)] if end > start else [(start, 1440), (0, end)]
    return any(s1 < e2 and s2 < e1 for s1, e1 in pieces(a) for s2, e2 in pieces(b))
