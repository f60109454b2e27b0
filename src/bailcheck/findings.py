"""Verdicts, findings and reports: small immutable values that renderers turn into text or JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class Verdict(IntEnum):
    """Severity order. Conditions use five of these; record-level findings add two."""

    OK = 0
    NOTE = 1  # record level: something the reader should know (e.g. breach cannot lead to remand)
    NEEDS_JUSTIFICATION = 2
    PROCEDURAL = 3  # record level: a mandatory step is missing
    UNENFORCEABLE = 4
    DISPROPORTIONATE = 5
    UNLAWFUL = 6

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Verdict:
        return cls[text.upper()]


CONDITION_VERDICTS = ("unlawful", "disproportionate", "unenforceable", "needs_justification", "ok")
RECORD_VERDICTS = ("unlawful", "procedural", "note")


@dataclass(frozen=True)
class Finding:
    """One rule that fired, on a condition or on the record as a whole."""

    rule: str
    verdict: Verdict
    message: str
    citations: tuple[str, ...]
    alternative: str = ""
    step: str = ""
    verify: bool = False
    title: str = ""

    def as_record(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "verdict": self.verdict.label,
            "message": self.message,
            "citations": list(self.citations),
            "alternative": self.alternative,
        }
        if self.step:
            out["step"] = self.step
        if self.verify:
            out["verify"] = True
        return out


@dataclass(frozen=True)
class Reminder:
    date: str  # ISO date
    what: str
    basis: str = ""
    status: str = ""  # overdue | today | upcoming
    flags: tuple[str, ...] = ()  # weekend, bank holiday, verify
    key: str = ""  # names the event whatever its date (calendar UIDs stay stable)

    def as_record(self) -> dict[str, Any]:
        out: dict[str, Any] = {"date": self.date, "what": self.what}
        if self.basis:
            out["basis"] = self.basis
        if self.status:
            out["status"] = self.status
        if self.flags:
            out["flags"] = list(self.flags)
        return out


@dataclass(frozen=True)
class ConditionResult:
    id: str
    type: str
    text: str
    verdict: Verdict
    findings: tuple[Finding, ...]
    line: int = 0

    def as_record(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "verdict": self.verdict.label,
                "findings": [f.as_record() for f in self.findings]}


@dataclass(frozen=True)
class RecordReport:
    path: str
    reference: str
    conditions: tuple[ConditionResult, ...]
    findings: tuple[Finding, ...]
    reminders: tuple[Reminder, ...]
    expect: dict[str, Any] = field(default_factory=dict)

    @property
    def worst(self) -> Verdict:
        verdicts = [c.verdict for c in self.conditions] + [f.verdict for f in self.findings]
        return max(verdicts, default=Verdict.OK)

    def as_record(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "reference": self.reference,
            "conditions": [c.as_record() for c in self.conditions],
            "findings": [f.as_record() for f in self.findings],
            "reminders": [r.as_record() for r in self.reminders],
        }


@dataclass(frozen=True)
class RecordFailure:
    """A record that could not be read or validated; the others are still checked."""

    path: str
    problems: tuple[Any, ...]  # errors.Problem

    def as_record(self) -> dict[str, Any]:
        first = self.problems[0]
        return {"path": self.path, "error": first.as_record(),
                "errors": [p.as_record() for p in self.problems]}
