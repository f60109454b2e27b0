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
    return check_under(path, (policy,), today)[0]


def check_under(path: Path, policies: tuple[Policy, ...], today: date
                ) -> tuple[RecordReport | RecordFailure, ...]:
    """Read a record once and evaluate it under each policy set (one, or two for drift)."""
    try:
        record = load_record(path)
    except BailcheckError as exc:
        problems = exc.problems or [Problem(str(path), 1, 1, str(exc))]
        return (RecordFailure(str(path), tuple(problems)),) * len(policies)
    return tuple(evaluate(record, policy, today) for policy in policies)


def check_paths(paths: Iterable[Path], policy: Policy, today: date, jobs: int = 1
                ) -> Iterator[RecordReport | RecordFailure]:
    """Results in file order (see compare_paths)."""
    for results in compare_paths(paths, (policy,), today, jobs):
        yield results[0]


def compare_paths(paths: Iterable[Path], policies: tuple[Policy, ...], today: date,
                  jobs: int = 1) -> Iterator[tuple[RecordReport | RecordFailure, ...]]:
    """Each record's results under each policy, in file order. With jobs > 1 the records are
    shared among worker processes; the order, and so the output, is the same as with one."""
    files = find_records(paths)
    if jobs <= 1:
        for path in files:
            yield check_under(path, policies, today)
        return
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(
            jobs, initializer=_start_worker, initargs=(policies, today)) as pool:
        yield from pool.imap(_work, files, chunksize=32)


_WORKER: dict[str, object] = {}


def _start_worker(policies: tuple[Policy, ...], today: date) -> None:
    _WORKER.update(policies=policies, today=today)


def _work(path: Path) -> tuple[RecordReport | RecordFailure, ...]:
    return check_under(path, _WORKER["policies"], _WORKER["today"])  # type: ignore[arg-type]


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
