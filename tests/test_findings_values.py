"""The result values behave as the frozen dataclasses they replaced: equal by value, hashable,
immutable, readable in a repr, and picklable (worker processes send them back)."""

from __future__ import annotations

import pickle

import pytest

from bailcheck.findings import (
    ConditionResult,
    Finding,
    Outcome,
    RecordFailure,
    RecordReport,
    Reminder,
    Tally,
    Verdict,
)


def _finding(**changes: object) -> Finding:
    fields = {"rule": "r", "verdict": Verdict.UNLAWFUL, "message": "m", "citations": ("s.3",),
              "alternative": "a", "step": "power", "verify": True, "title": "t", "line": 3,
              "column": 5, "accepted": ""}
    fields.update(changes)
    return Finding(**fields)  # type: ignore[arg-type]


def test_findings_are_equal_by_every_field_and_hash_alike() -> None:
    assert _finding() == _finding() and hash(_finding()) == hash(_finding())
    for name, other in [("rule", "q"), ("message", "n"), ("title", "u"), ("line", 4),
                        ("accepted", "accepted by X: y"), ("verdict", Verdict.NOTE)]:
        assert _finding(**{name: other}) != _finding(), name
    assert _finding() != ("r", Verdict.UNLAWFUL)
    assert Finding("r", Verdict.OK, "m", ()) == Finding("r", Verdict.OK, "m", (), "", "", False,
                                                        "", 0, 0, "")


def test_values_cannot_be_changed() -> None:
    finding = _finding()
    with pytest.raises(AttributeError):
        finding.message = "other"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del finding.rule  # type: ignore[misc]
    with pytest.raises(AttributeError):
        finding.extra = 1  # type: ignore[attr-defined]
    assert finding.with_acceptance("accepted by X: y").accepted == "accepted by X: y"
    assert finding.accepted == ""


def test_the_repr_names_each_field() -> None:
    assert repr(Reminder("2026-01-01", "w")) == (
        "Reminder(date='2026-01-01', what='w', basis='', status='', flags=(), key='', rank='')")


def test_a_report_is_compared_without_its_traces() -> None:
    cond = ConditionResult("c1", "curfew", "text", Verdict.OK, (_finding(),), 2, 3)
    one = RecordReport("p", "ref", (cond,), (), (Reminder("2026-01-01", "w"),),
                       traces={"c1": ("a trace",)})
    assert one == RecordReport("p", "ref", (cond,), (), (Reminder("2026-01-01", "w"),))
    assert one.expect == {} and one.clock is None and one.warnings == ()
    with pytest.raises(TypeError):
        hash(one)  # it holds dictionaries, as before


@pytest.mark.parametrize("value", [
    _finding(),
    Reminder("2026-01-01", "w", "b", "upcoming", ("weekend",), "k", "inspector"),
    ConditionResult("c1", "curfew", "text", Verdict.OK, (_finding(),), 2, 3),
    RecordReport("p", "ref", (), (_finding(),), (), {"worst": "ok"}, {"state": "running"},
                 ("w",), {"": ()}),
    RecordFailure("p", (), True),
    Outcome(False, ("ok",), ("note",), Verdict.NOTE, 1, False, ("x",)),
])
def test_values_survive_pickling(value: object) -> None:
    copy = pickle.loads(pickle.dumps(value))
    assert copy == value and type(copy) is type(value) and repr(copy) == repr(value)


def test_a_tally_counts_and_compares_but_has_no_hash() -> None:
    tally = Tally(Verdict.UNENFORCEABLE)
    tally.add(Outcome(False, ("unlawful",), (), Verdict.UNLAWFUL))
    tally.add(Outcome(True, internal=True))
    assert (tally.records, tally.failing, tally.unreadable, tally.exit_code) == (2, 1, 1, 3)
    assert pickle.loads(pickle.dumps(tally)) == tally != Tally(Verdict.UNENFORCEABLE)
    with pytest.raises(TypeError):
        hash(tally)
