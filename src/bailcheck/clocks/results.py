"""What the bail clock finds: the period, its extensions, the steps still open, the problems;
`BailClock.as_record()` is the documented JSON contract."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from bailcheck.clocks.ladders import Regime

State = Literal["running", "not_running", "no_limit", "not_applicable"]


@dataclass(frozen=True, slots=True)
class Problem:
    rule: str  # extension-unlawful | answer-bail-after-bail-period | representations-not-considered
    message: str
    verify: bool


@dataclass(frozen=True, slots=True)
class Step:
    section: str
    rank: str
    to_months: int  # the lower value where the step allows two (see `options`)
    last_day: date | None  # None while the period is not running (s.47ZL)
    conditional: bool
    basis: str
    options: tuple[int, ...] = ()
    verify: bool = False


@dataclass(frozen=True, slots=True)
class Extension:
    at: date | None
    by_rank: str
    to_months: int
    section: str
    effective: bool
    problem: str | None


@dataclass(frozen=True, slots=True)
class BailClock:
    regime: Regime
    regime_name: str
    state: State
    bail_start: date | None
    end: date | None
    suspended_days: int = 0
    extensions: tuple[Extension, ...] = ()
    steps: tuple[Step, ...] = ()
    problems: tuple[Problem, ...] = ()
    verify: tuple[str, ...] = ()
    end_verify: bool = False

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
