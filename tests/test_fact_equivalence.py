"""Facts computed the quick way give what the plain definition gives."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import ROOT, TODAY

from bailcheck.errors import BailcheckError
from bailcheck.facts.case import EVIDENCE_FACTS, evidence
from bailcheck.facts.condition import _curfew_hours_per_day
from bailcheck.facts.registry import Context, span_minutes
from bailcheck.record import schema
from bailcheck.record.validate import load_record


def _reference_curfew_hours(conditions: list[dict[str, Any]]) -> float:
    """The most hours under curfew in any 24 hours, tried from every covered stretch's start
    against every stretch (the definition, without the shortcut)."""
    week = 7 * 1440
    pieces = []
    for k in conditions:
        if k["type"] != "curfew" or "from" not in k or "to" not in k:
            continue
        length = span_minutes(k["from"], k["to"])
        for day in {schema.DAYS.index(d) for d in k.get("days") or schema.DAYS}:
            pieces.append((day * 1440 + k["from"], day * 1440 + k["from"] + length))
    if not pieces:
        return 0
    merged: list[list[int]] = []
    for s, e in sorted(p for s0, e0 in pieces for p in ((s0, e0), (s0 + week, e0 + week))):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    best = max(sum(max(0, min(e, s0 + 1440) - max(s, s0)) for s, e in merged)
               for s0, _ in merged)
    return min(best, 1440) / 60


MINUTE = st.integers(0, 1439)
CURFEW = st.fixed_dictionaries(
    {"type": st.sampled_from(["curfew", "curfew", "residence"]), "from": MINUTE, "to": MINUTE},
    optional={"days": st.lists(st.sampled_from(schema.DAYS), max_size=7)})


@settings(max_examples=400, deadline=None)
@given(st.lists(CURFEW, max_size=4))
def test_curfew_hours_per_day_matches_its_definition(conditions: list[dict[str, Any]]) -> None:
    got = _curfew_hours_per_day(SimpleNamespace(data={"conditions": conditions}))
    assert got == _reference_curfew_hours(conditions)


def test_each_evidence_fact_is_whether_there_is_any_evidence() -> None:
    seen = set()
    for path in sorted((ROOT / "tests" / "cases").glob("*.yaml")) + sorted(
            (ROOT / "examples").glob("*.yaml")):
        try:
            record = load_record(path)
        except BailcheckError:
            continue
        for purpose in EVIDENCE_FACTS:
            want = bool(evidence(Context(record, TODAY), purpose))
            assert Context(record, TODAY)[f"evidence_{purpose}"] is want, (path.name, purpose)
            seen.add(want)
    assert seen == {True, False}
