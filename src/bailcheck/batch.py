"""Check many records: find the files, read each, evaluate, and yield results one at a time.

Streaming keeps memory flat however many records there are; an unreadable record yields a
RecordFailure and the rest carry on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bailcheck.engine import evaluate
from bailcheck.errors import BailcheckError, Problem
from bailcheck.findings import RecordFailure, RecordReport, Verdict
from bailcheck.policy import Policy
from bailcheck.record import load_record

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUFFIXES = (".yaml", ".yml")


def find_records(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given; directories searched recursively for *.yaml and *.yml, in sorted order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())
        else:
            yield path


def check_one(path: Path, policy: Policy, today: date) -> RecordReport | RecordFailure:
    try:
        return evaluate(load_record(path), policy, today)
    except BailcheckError as exc:
        problems = exc.problems or [Problem(str(path), 1, 1, str(exc))]
        return RecordFailure(str(path), tuple(problems))


def check_paths(paths: Iterable[Path], policy: Policy, today: date
                ) -> Iterator[RecordReport | RecordFailure]:
    for path in find_records(paths):
        yield check_one(path, policy, today)


@dataclass
class Tally:
    """Counts kept while results stream past, and the exit code they add up to."""

    fail_on: Verdict
    records: int = 0
    failing: int = 0
    unreadable: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)

    def add(self, result: RecordReport | RecordFailure) -> None:
        self.records += 1
        if isinstance(result, RecordFailure):
            self.unreadable += 1
            return
        for cond in result.conditions:
            self.verdicts[cond.verdict.label] = self.verdicts.get(cond.verdict.label, 0) + 1
        if result.worst >= self.fail_on:
            self.failing += 1

    @property
    def exit_code(self) -> int:
        if self.unreadable or not self.records:
            return EXIT_ERROR
        return EXIT_FINDINGS if self.failing else EXIT_OK
