"""Check many records: find the files, read each, evaluate, and yield results one at a time.

Streaming keeps memory flat however many records there are; an unreadable record yields a
RecordFailure and the rest carry on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bailcheck.engine import evaluate
from bailcheck.errors import BailcheckError, Problem
from bailcheck.findings import RecordFailure, RecordReport, Verdict
from bailcheck.rules.policy import Policy
from bailcheck.record.validate import load_record

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUFFIXES = (".yaml", ".yml")


def find_records(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given; directories searched recursively for *.yaml and *.yml, in sorted order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())
        else:
            yield path


def check_under(path: Path, policies: tuple[Policy, ...], today: date
                ) -> tuple[RecordReport | RecordFailure, ...]:
    """Read a record once and evaluate it under each policy set (one, or two for drift)."""
    try:
        record = load_record(path)
    except BailcheckError as exc:
        problems = exc.problems or [Problem(str(path), 1, 1, str(exc))]
        return (RecordFailure(str(path), tuple(problems)),) * len(policies)
    return tuple(evaluate(record, policy, today) for policy in policies)


Results = tuple[RecordReport | RecordFailure, ...]


def _unchanged(results: Results) -> Any:
    return results


def compare_paths(paths: Iterable[Path], policies: tuple[Policy, ...], today: date,
                  jobs: int = 1, finish: Callable[[Results], Any] = _unchanged) -> Iterator[Any]:
    """Each record's results under each policy, in file order, passed through `finish`.

    With jobs > 1 the records are shared among worker processes, which also run `finish` (so
    that, say, JSON is encoded there and only text crosses back); the order, and so the output,
    is the same as with one process. `finish` must be picklable: a module-level function or an
    instance of a module-level class.
    """
    files = find_records(paths)
    if jobs <= 1:
        for path in files:
            yield finish(check_under(path, policies, today))
        return
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(
            jobs, initializer=_start_worker, initargs=(policies, today, finish)) as pool:
        yield from pool.imap(_work, files, chunksize=32)


_WORKER: dict[str, Any] = {}


def _start_worker(policies: tuple[Policy, ...], today: date,
                  finish: Callable[[Results], Any]) -> None:
    _WORKER.update(policies=policies, today=today, finish=finish)


def _work(path: Path) -> Any:
    return _WORKER["finish"](check_under(path, _WORKER["policies"], _WORKER["today"]))


@dataclass(frozen=True)
class Outcome:
    """What a tally needs from one result: small, so it crosses between processes cheaply."""

    unreadable: bool
    verdicts: tuple[str, ...] = ()
    worst: Verdict = Verdict.OK
    problems: tuple[str, ...] = ()

    @classmethod
    def of(cls, result: RecordReport | RecordFailure) -> Outcome:
        if isinstance(result, RecordFailure):
            return cls(True, problems=tuple(str(p) for p in result.problems))
        return cls(False, tuple(c.verdict.label for c in result.conditions), result.worst)


@dataclass(frozen=True)
class Rendered:
    """`finish` for check: each record's outcome and its rendered text, made in the worker."""

    encode: Callable[[RecordReport | RecordFailure], str]

    def __call__(self, results: Results) -> tuple[Outcome, str]:
        return Outcome.of(results[0]), self.encode(results[0])


@dataclass
class Tally:
    """Counts kept while results stream past, and the exit code they add up to."""

    fail_on: Verdict
    records: int = 0
    failing: int = 0
    unreadable: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        self.records += 1
        if outcome.unreadable:
            self.unreadable += 1
            return
        for label in outcome.verdicts:
            self.verdicts[label] = self.verdicts.get(label, 0) + 1
        if outcome.worst >= self.fail_on:
            self.failing += 1

    @property
    def exit_code(self) -> int:
        if self.unreadable or not self.records:
            return EXIT_ERROR
        return EXIT_FINDINGS if self.failing else EXIT_OK
