"""What the bail clock finds: the period, its extensions, the steps still open, the problems;
`BailClock.as_record()` is the documented JSON contract.

Plain `Frozen` value classes (bailcheck/values.py): a dataclass costs a millisecond to define on
every start."""
# ruff: noqa: PLR0917  (the positional constructors their dataclasses had)

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from bailcheck.clocks.ladders import Regime
from bailcheck.values import Frozen, fill

State = Literal["running", "not_running", "no_limit", "not_applicable"]


class Problem(Frozen):
    _FIELDS = ("rule", "message", "verify")
    __slots__ = _FIELDS
    rule: str  # extension-unlawful | answer-bail-after-bail-period | representations-not-considered
    message: str
    verify: bool

    def __init__(self, rule: str, message: str, verify: bool) -> None:
        fill(self, rule, message, verify)


class Step(Frozen):
    _FIELDS = ("section", "rank", "to_months", "last_day", "conditional", "basis", "options",
               "verify")
    __slots__ = _FIELDS
    section: str
    rank: str
    to_months: int  # the lower value where the step allows two (see `options`)
    last_day: date | None  # None while the period is not running (s.47ZL)
    conditional: bool
    basis: str
    options: tuple[int, ...]
    verify: bool

    def __init__(self, section: str, rank: str, to_months: int, last_day: date | None,
                 conditional: bool, basis: str, options: tuple[int, ...] = (),
                 verify: bool = False) -> None:
        fill(self, section, rank, to_months, last_day, conditional, basis, options, verify)


class Extension(Frozen):
    _FIELDS = ("at", "by_rank", "to_months", "section", "effective", "problem")
    __slots__ = _FIELDS
    at: date | None
    by_rank: str
    to_months: int
    section: str
    effective: bool
    problem: str | None

    def __init__(self, at: date | None, by_rank: str, to_months: int, section: str,
                 effective: bool, problem: str | None) -> None:
        fill(self, at, by_rank, to_months, section, effective, problem)


class BailClock(Frozen):
    _FIELDS = ("regime", "regime_name", "state", "bail_start", "end", "suspended_days",
               "extensions", "steps", "problems", "verify", "end_verify")
    __slots__ = _FIELDS
    regime: Regime
    regime_name: str
    state: State
    bail_start: date | None
    end: date | None
    suspended_days: int
    extensions: tuple[Extension, ...]
    steps: tuple[Step, ...]
    problems: tuple[Problem, ...]
    verify: tuple[str, ...]
    end_verify: bool

    def __init__(self, regime: Regime, regime_name: str, state: State, bail_start: date | None,
                 end: date | None, suspended_days: int = 0,
                 extensions: tuple[Extension, ...] = (), steps: tuple[Step, ...] = (),
                 problems: tuple[Problem, ...] = (), verify: tuple[str, ...] = (),
                 end_verify: bool = False) -> None:
        fill(self, regime, regime_name, state, bail_start, end, suspended_days, extensions,
             steps, problems, verify, end_verify)

    def as_record(self) -> dict[str, Any]:
        return {
            "regime": self.regime, "regime_name": self.regime_name, "state": self.state,
            "bail_start": iso(self.bail_start), "end": iso(self.end),
            "suspended_days": self.suspended_days,
            "extensions": [{"at": iso(e.at), "by_rank": e.by_rank, "to_months": e.to_months,
                            "section": e.section, "effective": e.effective,
                            "problem": e.problem} for e in self.extensions],
            "steps": [{"section": s.section, "rank": s.rank, "to_months": s.to_months,
                       "last_day": iso(s.last_day), "conditional": s.conditional}
                      for s in self.steps],
            "verify": list(self.verify),
        }


def iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
