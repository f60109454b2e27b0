"""Verdicts, findings and reports: small immutable values that renderers turn into text or JSON.

`Verdict` is the only list of verdicts: the rule-file schema, the record's `expect` block,
`--fail-on` and every renderer derive theirs from it.

The values are plain `__slots__` classes, which cost far less to define than dataclasses; `Value`
gives them what a (frozen) dataclass would.
"""

# ruff: noqa: PLR0917  (the values keep the positional constructors their dataclasses had)
from __future__ import annotations

from enum import IntEnum
from typing import Any

from bailcheck.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, Problem
from bailcheck.values import Frozen, Value, fill, set_field


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


class Finding(Frozen):
    """One rule that fired, on a condition or on the record as a whole.

    `line` and `column` point at the condition, or at the record field a record-level finding
    is about (0 when the record does not say)."""

    _FIELDS = ("rule", "verdict", "message", "citations", "alternative", "step", "verify",
                 "title", "line", "column", "accepted")
    __slots__ = _FIELDS
    rule: str
    verdict: Verdict
    message: str
    citations: tuple[str, ...]
    alternative: str
    step: str
    verify: bool
    title: str
    line: int
    column: int
    accepted: str  # "accepted by X: reason", when an `accepted` entry covers it

    def __init__(self, rule: str, verdict: Verdict, message: str, citations: tuple[str, ...],
                 alternative: str = "", step: str = "", verify: bool = False, title: str = "",
                 line: int = 0, column: int = 0, accepted: str = "") -> None:
        set_field(self, "rule", rule)
        set_field(self, "verdict", verdict)
        set_field(self, "message", message)
        set_field(self, "citations", citations)
        set_field(self, "alternative", alternative)
        set_field(self, "step", step)
        set_field(self, "verify", verify)
        set_field(self, "title", title)
        set_field(self, "line", line)
        set_field(self, "column", column)
        set_field(self, "accepted", accepted)

    def with_acceptance(self, accepted: str) -> Finding:
        return Finding(self.rule, self.verdict, self.message, self.citations, self.alternative,
                       self.step, self.verify, self.title, self.line, self.column, accepted)

    def as_record(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule, "verdict": self.verdict.label,
                               "message": self.message, "citations": list(self.citations),
                               "alternative": self.alternative}
        if self.step:
            out["step"] = self.step
        if self.verify:
            out["verify"] = True
        if self.line:
            out["line"], out["column"] = self.line, self.column
        if self.accepted:
            out["accepted"] = self.accepted
        return out


class Reminder(Frozen):
    _FIELDS = ("date", "what", "basis", "status", "flags", "key", "rank")
    __slots__ = _FIELDS
    date: str  # ISO date
    what: str
    basis: str
    status: str  # overdue | today | upcoming
    flags: tuple[str, ...]  # weekend, bank holiday, verify
    key: str  # names the event whatever its date (calendar UIDs stay stable)
    rank: str  # who must act, where someone must

    def __init__(self, date: str, what: str, basis: str = "", status: str = "",
                 flags: tuple[str, ...] = (), key: str = "", rank: str = "") -> None:
        set_field(self, "date", date)
        set_field(self, "what", what)
        set_field(self, "basis", basis)
        set_field(self, "status", status)
        set_field(self, "flags", flags)
        set_field(self, "key", key)
        set_field(self, "rank", rank)

    def with_flags(self, flags: tuple[str, ...]) -> Reminder:
        return Reminder(self.date, self.what, self.basis, self.status, flags, self.key,
                        self.rank)

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


class ConditionResult(Frozen):
    _FIELDS = ("id", "type", "text", "verdict", "findings", "line", "column")
    __slots__ = _FIELDS
    id: str
    type: str
    text: str
    verdict: Verdict
    findings: tuple[Finding, ...]
    line: int
    column: int

    def __init__(self, id: str, type: str, text: str, verdict: Verdict,
                 findings: tuple[Finding, ...], line: int = 0, column: int = 0) -> None:
        set_field(self, "id", id)
        set_field(self, "type", type)
        set_field(self, "text", text)
        set_field(self, "verdict", verdict)
        set_field(self, "findings", findings)
        set_field(self, "line", line)
        set_field(self, "column", column)

    def as_record(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "type": self.type, "verdict": self.verdict.label,
                               "findings": [f.as_record() for f in self.findings]}
        if self.line:
            out["line"], out["column"] = self.line, self.column
        return out


def counted(findings: tuple[Finding, ...]) -> Verdict:
    """The worst verdict among findings that still count (accepted ones do not)."""
    return max((f.verdict for f in findings if not f.accepted), default=Verdict.OK)


class RecordReport(Frozen):
    _FIELDS = ("path", "reference", "conditions", "findings", "reminders", "expect", "clock",
                 "warnings", "traces", "stage")
    __slots__ = _FIELDS
    _uncompared = ("traces",)
    path: str
    reference: str
    conditions: tuple[ConditionResult, ...]
    findings: tuple[Finding, ...]
    reminders: tuple[Reminder, ...]
    expect: dict[str, Any]
    clock: dict[str, Any] | None  # the pre-charge bail clock, for pre-charge records
    warnings: tuple[str, ...]  # e.g. an `accepted` entry that matches no finding
    # with evaluate(trace=True): condition id ("" for the record) -> engine.RuleTrace tuple
    traces: dict[str, tuple[Any, ...]]
    stage: str  # the record's `stage`, for words that depend on it (not in the JSON contract)

    def __init__(self, path: str, reference: str, conditions: tuple[ConditionResult, ...],
                 findings: tuple[Finding, ...], reminders: tuple[Reminder, ...],
                 expect: dict[str, Any] | None = None, clock: dict[str, Any] | None = None,
                 warnings: tuple[str, ...] = (),
                 traces: dict[str, tuple[Any, ...]] | None = None, stage: str = "") -> None:
        fill(self, path, reference, conditions, findings, reminders,
              {} if expect is None else expect, clock, warnings, {} if traces is None else traces,
              stage)

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


class RecordFailure(Frozen):
    """A record that could not be read, validated or handled; the others are still checked.

    `internal` marks a bug in bailcheck met while handling this record (exit code 3), as
    opposed to a problem with the record itself (exit code 2)."""

    _FIELDS = ("path", "problems", "internal")
    __slots__ = _FIELDS
    path: str
    problems: tuple[Problem, ...]
    internal: bool

    def __init__(self, path: str, problems: tuple[Problem, ...], internal: bool = False) -> None:
        fill(self, path, problems, internal)

    def as_record(self) -> dict[str, Any]:
        first = self.problems[0].as_record()
        if self.internal:
            first["internal"] = True
        return {"path": self.path, "error": first,
                "errors": [p.as_record() for p in self.problems]}


Result = RecordReport | RecordFailure


class Outcome(Frozen):
    """What a tally needs from one result: small, so it crosses between processes cheaply."""

    _FIELDS = ("unreadable", "verdicts", "record_verdicts", "worst", "accepted", "internal",
                 "problems")
    __slots__ = _FIELDS
    unreadable: bool
    verdicts: tuple[str, ...]  # each condition's verdict
    record_verdicts: tuple[str, ...]  # each counted record-level finding's verdict
    worst: Verdict
    accepted: int
    internal: bool
    problems: tuple[str, ...]

    def __init__(self, unreadable: bool, verdicts: tuple[str, ...] = (),
                 record_verdicts: tuple[str, ...] = (), worst: Verdict = Verdict.OK,
                 accepted: int = 0, internal: bool = False, problems: tuple[str, ...] = ()
                 ) -> None:
        fill(self, unreadable, verdicts, record_verdicts, worst, accepted, internal, problems)

    @classmethod
    def of(cls, result: Result) -> Outcome:
        if isinstance(result, RecordFailure):
            return cls(True, internal=result.internal,
                       problems=tuple(str(p) for p in result.problems))
        every = [f for c in result.conditions for f in c.findings] + list(result.findings)
        return cls(False, tuple(c.verdict.label for c in result.conditions),
                   tuple(f.verdict.label for f in result.findings if not f.accepted),
                   result.worst, sum(1 for f in every if f.accepted))


class Tally(Value):
    """Counts kept while results stream past, and the exit code they add up to."""

    _FIELDS = ("fail_on", "records", "failing", "unreadable", "internal", "accepted",
                 "verdicts", "record_verdicts")
    __slots__ = _FIELDS
    __hash__ = None  # type: ignore[assignment]  # it changes, so (like a dataclass) no hash

    def __init__(self, fail_on: Verdict, records: int = 0, failing: int = 0,
                 unreadable: int = 0, internal: int = 0, accepted: int = 0,
                 verdicts: dict[str, int] | None = None,
                 record_verdicts: dict[str, int] | None = None) -> None:
        self.fail_on = fail_on
        self.records = records
        self.failing = failing
        self.unreadable = unreadable
        self.internal = internal
        self.accepted = accepted
        self.verdicts: dict[str, int] = {} if verdicts is None else verdicts
        self.record_verdicts: dict[str, int] = {} if record_verdicts is None else record_verdicts

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
