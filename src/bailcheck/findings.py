"""Verdicts, findings and reports: small immutable values that renderers turn into text or JSON.

`Verdict` is the only list of verdicts: the rule-file schema, the record's `expect` block,
`--fail-on` and every renderer derive theirs from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from bailcheck.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, Problem


class Verdict(IntEnum):
    """Severity order. Conditions take five of these; record-level findings may also be a note."""

    OK = 0
    NOTE = 1  # record level only: something the reader should know (breach cannot lead to remand)
    NEEDS_JUSTIFICATION = 2
    UNENFORCEABLE = 3
    DISPROPORTIONATE = 4
    UNLAWFUL = 5

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def words(self) -> str:
        return self.label.replace("_", " ")

    @classmethod
    def parse(cls, text: str) -> Verdict:
        return cls[text.upper()]


VERDICTS = tuple(v.label for v in sorted(Verdict, reverse=True))  # most severe first
CONDITION_VERDICTS = tuple(v for v in VERDICTS if v != "note")
RECORD_VERDICTS = tuple(v for v in VERDICTS if v != "ok")
FAIL_ON = RECORD_VERDICTS  # what `--fail-on` accepts


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule that fired, on a condition or on the record as a whole.

    `line` and `column` point at the condition, or at the record field a record-level finding
    is about (0 when the record does not say)."""

    rule: str
    verdict: Verdict
    message: str
    citations: tuple[str, ...]
    alternative: str = ""
    step: str = ""
    verify: bool = False
    title: str = ""
    line: int = 0
    column: int = 0
    accepted: str = ""  # "accepted by X: reason", when an `accepted` entry covers it

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
        if self.line:
            out["line"], out["column"] = self.line, self.column
        if self.accepted:
            out["accepted"] = self.accepted
        return out


@dataclass(frozen=True, slots=True)
class Reminder:
    date: str  # ISO date
    what: str
    basis: str = ""
    status: str = ""  # overdue | today | upcoming
    flags: tuple[str, ...] = ()  # weekend, bank holiday, verify
    key: str = ""  # names the event whatever its date (calendar UIDs stay stable)
    rank: str = ""  # who must act, where someone must

    def as_record(self) -> dict[str, Any]:
        out: dict[str, Any] = {"date": self.date, "what": self.what}
        if self.basis:
            out["basis"] = self.basis
        if self.status:
            out["status"] = self.status
        if self.flags:
            out["flags"] = list(self.flags)
        if self.rank:
            out["rank"] = self.rank
        if self.key:
            out["key"] = self.key
        return out


@dataclass(frozen=True, slots=True)
class ConditionResult:
    id: str
    type: str
    text: str
    verdict: Verdict
    findings: tuple[Finding, ...]
    line: int = 0
    column: int = 0

    def as_record(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "type": self.type, "verdict": self.verdict.label,
                               "findings": [f.as_record() for f in self.findings]}
        if self.line:
            out["line"], out["column"] = self.line, self.column
        return out


def counted(findings: tuple[Finding, ...]) -> Verdict:
    """The worst verdict among findings that still count (accepted ones do not)."""
    return max((f.verdict for f in findings if not f.accepted), default=Verdict.OK)


@dataclass(frozen=True, slots=True)
class RecordReport:
    path: str
    reference: str
    conditions: tuple[ConditionResult, ...]
    findings: tuple[Finding, ...]
    reminders: tuple[Reminder, ...]
    expect: dict[str, Any] = field(default_factory=dict)
    clock: dict[str, Any] | None = None  # the pre-charge bail clock, for pre-charge records
    warnings: tuple[str, ...] = ()  # e.g. an `accepted` entry that matches no finding
    # with evaluate(trace=True): condition id ("" for the record) -> engine.RuleTrace tuple
    traces: dict[str, tuple[Any, ...]] = field(default_factory=dict, compare=False)

    @property
    def worst(self) -> Verdict:
        """The worst verdict that counts towards --fail-on: conditions and record findings."""
        every = tuple(f for c in self.conditions for f in c.findings) + self.findings
        return counted(every)

    def as_record(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "reference": self.reference,
            "conditions": [c.as_record() for c in self.conditions],
            "findings": [f.as_record() for f in self.findings],
            "reminders": [r.as_record() for r in self.reminders],
        }
        if self.clock is not None:
            out["bail_clock"] = self.clock
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out


@dataclass(frozen=True, slots=True)
class RecordFailure:
    """A record that could not be read, validated or handled; the others are still checked.

    `internal` marks a bug in bailcheck met while handling this record (exit code 3), as
    opposed to a problem with the record itself (exit code 2)."""

    path: str
    problems: tuple[Problem, ...]
    internal: bool = False

    def as_record(self) -> dict[str, Any]:
        first = self.problems[0].as_record()
        if self.internal:
            first["internal"] = True
        return {"path": self.path, "error": first,
                "errors": [p.as_record() for p in self.problems]}


Result = RecordReport | RecordFailure


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a tally needs from one result: small, so it crosses between processes cheaply."""

    unreadable: bool
    verdicts: tuple[str, ...] = ()  # each condition's verdict
    record_verdicts: tuple[str, ...] = ()  # each counted record-level finding's verdict
    worst: Verdict = Verdict.OK
    accepted: int = 0
    internal: bool = False
    problems: tuple[str, ...] = ()

    @classmethod
    def of(cls, result: Result) -> Outcome:
        if isinstance(result, RecordFailure):
            return cls(True, internal=result.internal,
                       problems=tuple(str(p) for p in result.problems))
        every = [f for c in result.conditions for f in c.findings] + list(result.findings)
        return cls(False, tuple(counted(c.findings).label for c in result.conditions),
                   tuple(f.verdict.label for f in result.findings if not f.accepted),
                   result.worst, sum(1 for f in every if f.accepted))


@dataclass
class Tally:
    """Counts kept while results stream past, and the exit code they add up to."""

    fail_on: Verdict
    records: int = 0
    failing: int = 0
    unreadable: int = 0
    internal: int = 0
    accepted: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    record_verdicts: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        self.records += 1
        if outcome.unreadable:
            self.unreadable += 1
            self.internal += outcome.internal
            return
        for label in outcome.verdicts:
            self.verdicts[label] = self.verdicts.get(label, 0) + 1
        for label in outcome.record_verdicts:
            self.record_verdicts[label] = self.record_verdicts.get(label, 0) + 1
        self.accepted += outcome.accepted
        if outcome.worst >= self.fail_on:
            self.failing += 1

    @property
    def exit_code(self) -> int:
        if self.internal:
            return EXIT_INTERNAL
        if self.unreadable or not self.records:
            return EXIT_ERROR
        return EXIT_FINDINGS if self.failing else EXIT_OK

    def as_record(self) -> dict[str, Any]:
        return {"records": self.records, "failing": self.failing, "unreadable": self.unreadable,
                "verdicts": dict(sorted(self.verdicts.items())),
                "record_findings": dict(sorted(self.record_verdicts.items())),
                "accepted": self.accepted}
