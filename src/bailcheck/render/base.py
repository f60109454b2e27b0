"""The renderer interface and the registry of renderers for each command.

A renderer turns results into text and never evaluates anything: `begin` and `end` frame the
output, `encode` turns one record's result into its piece (it runs in worker processes with
`--jobs`, so it must be picklable and depend only on its options). Adding an output format is one
renderer module plus one line in FORMATS below.
"""

from __future__ import annotations

import importlib
import os
from typing import Any, NamedTuple, Protocol

from bailcheck.findings import ConditionResult, Finding, RecordReport, Result, Tally, Verdict


class RuleInfo(NamedTuple):
    """What a report may say about a rule of the loaded policy (SARIF lists them all)."""

    id: str
    title: str
    step: str
    verdict: str
    message: str  # the message as written, {placeholders} and all
    citations: tuple[str, ...]
    alternative: str = ""


class Options:
    """What every renderer may be told: the run's metadata and how the reader wants it.

    Immutable. A plain class rather than a dataclass, which would cost a millisecond on every
    start."""

    __slots__ = ("colour", "explain", "fail_on", "meta", "only", "reader", "root", "rules",
                 "width")

    meta: dict[str, Any]  # version, policy digest, as_of
    reader: str  # custody | solicitor | policy (text report ordering and words)
    width: int
    colour: bool
    explain: bool  # add each verdict's trace (the results carry it)
    only: str | None  # with explain: just this condition
    fail_on: str
    rules: tuple[RuleInfo, ...]  # the loaded policy's rules, for formats that list them
    root: str  # the working directory: locations in CI reports are relative to it

    def __init__(self, *, meta: dict[str, Any] | None = None, reader: str = "custody",
                 width: int = 100, colour: bool = False, explain: bool = False,
                 only: str | None = None, fail_on: str = "unenforceable",
                 rules: tuple[RuleInfo, ...] = (), root: str = "") -> None:
        for name, value in (("meta", {} if meta is None else meta), ("reader", reader),
                            ("width", width), ("colour", colour), ("explain", explain),
                            ("only", only), ("fail_on", fail_on), ("rules", rules),
                            ("root", root)):
            object.__setattr__(self, name, value)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: Options are immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: Options are immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        # renderers go to worker processes with --jobs
        return (_options, (dict(zip(self.__slots__, self._values(), strict=True)),))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"Options({shown})"


def _options(values: dict[str, Any]) -> Options:
    return Options(**values)


class Renderer(Protocol):
    options: Options

    def begin(self) -> str: ...

    def encode(self, result: Result) -> str | bytes:
        """One record's piece: text, or its UTF-8 where the renderer keeps encoded pieces."""
        ...

    def piece(self, text: str | bytes) -> str | bytes:
        """An encoded record as printed where it falls (JSON adds separators)."""
        ...

    def end(self, tally: Tally) -> str: ...


# command -> format -> "module:Class", imported only when chosen (start-up stays quick)
FORMATS: dict[str, dict[str, str]] = {
    "check": {
        "text": "bailcheck.render.text:TextRenderer",
        "json": "bailcheck.render.json_out:JsonRenderer",
        "sarif": "bailcheck.render.sarif:SarifRenderer",
        "github": "bailcheck.render.github:GithubRenderer",
        "gitlab": "bailcheck.render.gitlab:GitlabRenderer",
        "junit": "bailcheck.render.junit:JunitRenderer",
    },
}


def renderer(command: str, name: str, options: Options) -> Renderer:
    """The renderer registered for `command` under `name`."""
    module, _, cls = FORMATS[command][name].partition(":")
    made: Renderer = getattr(importlib.import_module(module), cls)(options)
    return made


def relative(path: str, root: str) -> str:
    """A record's path as CI reports give it: relative to `root` with forward slashes when the
    file is inside it, absolute otherwise; `<stdin>` as it is."""
    if path == "<stdin>" or not root:
        return path.replace(os.sep, "/")
    full = os.path.normpath(os.path.join(root, path))
    inside = os.path.relpath(full, root)
    if inside == os.pardir or inside.startswith(os.pardir + os.sep):
        return full.replace(os.sep, "/")
    return inside.replace(os.sep, "/")


# -- what the CI formats share: every finding with its place, and stable identities


_PHRASES = {Verdict.UNLAWFUL: "is unlawful", Verdict.DISPROPORTIONATE: "is disproportionate",
            Verdict.UNENFORCEABLE: "is unenforceable",
            Verdict.NEEDS_JUSTIFICATION: "needs justification", Verdict.NOTE: "has a note",
            Verdict.OK: "is ok"}


class Placed(NamedTuple):
    """A finding with the condition it is about (None: the record as a whole) and its place."""

    finding: Finding
    condition: ConditionResult | None
    line: int
    column: int

    @property
    def subject(self) -> str:
        """The condition id, or "record"."""
        return self.condition.id if self.condition is not None else "record"

    @property
    def headline(self) -> str:
        """What is wrong, with what: "Condition c1 (curfew) is disproportionate: ..."."""
        what = (f"Condition {self.condition.id} ({self.condition.type})"
                if self.condition is not None else "The record as a whole")
        return f"{what} {_PHRASES[self.finding.verdict]}: {self.finding.message}"

    @property
    def summary(self) -> str:
        """One paragraph: the headline and what to do instead."""
        alternative = self.finding.alternative
        return f"{self.headline} Instead: {alternative}" if alternative else self.headline

    def counts(self, fail_on: Verdict) -> bool:
        """Whether this finding makes the run fail (accepted findings never do)."""
        return not self.finding.accepted and self.finding.verdict >= fail_on


def placed(report: RecordReport) -> list[Placed]:
    """Every finding of a record, conditions first in record order, then the record's own;
    a finding without a place is put at the top of the file."""
    out = [Placed(f, c, f.line or c.line or 1, f.column or c.column or 1)
           for c in report.conditions for f in c.findings]
    out += [Placed(f, None, f.line or 1, f.column or 1) for f in report.findings]
    return out


def fingerprint(*parts: str) -> str:
    """A stable identity from what a finding is about (never its line, so a condition that
    moves keeps its alert)."""
    import hashlib  # only the CI formats need it; `check` starts without it

    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def warnings_of(report: RecordReport) -> list[tuple[int, str]]:
    """A record's warnings (an `accepted` entry that lapsed or matches nothing) as
    (line, text without the `path:line: ` prefix)."""
    out = []
    prefix = f"{report.path}:"
    for warning in report.warnings:
        line, text = 1, warning
        if warning.startswith(prefix):
            number, sep, rest = warning[len(prefix):].partition(": ")
            if sep and number.isdigit():
                line, text = int(number) or 1, rest
        out.append((line, text))
    return out


class JsonList:
    """Pieces of a JSON array streamed one record at a time: each piece after the first is
    preceded by a comma; a record with nothing to say adds nothing. A piece is text, or its
    UTF-8 from a renderer that keeps encoded pieces (json_out)."""

    first: bool = True

    def piece(self, text: str | bytes) -> str | bytes:
        if not text:
            return text
        head = "\n  " if self.first else ",\n  "
        self.first = False
        return head.encode() + text if isinstance(text, bytes) else head + text
