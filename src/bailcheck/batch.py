"""Check many records: find the files, read each, evaluate, and yield results one at a time.

Streaming keeps memory flat however many records there are. Each record is handled in
isolation: a record that cannot be read yields a RecordFailure, and anything unexpected while
handling one record (a bug) becomes that record's own internal-error entry; the rest carry on.
"""

from __future__ import annotations

import heapq
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from bailcheck.engine import evaluate
from bailcheck.errors import BailcheckError, Problem
from bailcheck.files import STDIN, display
from bailcheck.findings import Outcome, RecordFailure, Result
from bailcheck.record.validate import load_record
from bailcheck.rules.policy import Policy
from bailcheck.values import Frozen, set_field

SUFFIXES = (".yaml", ".yml")


RecordPath = Path | str  # files found in folders are plain strings (see _walk)


def find_records(paths: Iterable[Path]) -> Iterator[RecordPath]:
    """Files as given; folders searched recursively for *.yaml and *.yml (in any case), each
    folder's entries in sorted order, yielded as they are found (nothing is collected first)."""
    for path in paths:
        if str(path) != STDIN and path.is_dir():
            yield from _walk(str(path), set())
        else:
            yield path


def _walk(folder: str, seen: set[tuple[int, int]]) -> Iterator[str]:
    # strings, not Paths: pathlib interns every name it parses, so Paths would grow memory with
    # the number of files. `seen` holds each folder walked (device, inode): a folder reached
    # again through a link, or a link to a folder it is in, is walked once, not without end.
    try:
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in seen:
            return
        seen.add((st.st_dev, st.st_ino))
        with os.scandir(folder) as scan:
            files, folders = [], []
            for entry in scan:  # keep names only: a DirEntry each would grow with the folder
                try:
                    is_folder = entry.is_dir()
                except OSError:  # (a link in a loop): read as a file, it reports its own error
                    is_folder = False
                if is_folder:
                    folders.append(entry.name)
                elif entry.name.lower().endswith(SUFFIXES):  # B.YAML too, as given by name
                    # a named pipe, a broken link...: kept, so that reading it says what it is
                    files.append(entry.name)
    except OSError:
        yield folder  # reported as that path's own error when it is read
        return
    files.sort()
    folders.sort()
    # A large folder's names are kept as one string while its records are read: a list of
    # thousands of small strings would stay in memory all that time (about 70 bytes a name)
    names = "\0".join(files)  # no file name holds a NUL
    del files
    # the same order as sorting every path: a folder's files and subfolders interleaved by name
    for name, is_folder in heapq.merge(((f, False) for f in _split(names)),
                                       ((d, True) for d in folders)):
        path = os.path.join(folder, name)
        if is_folder:
            yield from _walk(path, seen)
        else:
            yield path


def _split(names: str) -> Iterator[str]:
    """The names joined in `names`, one at a time."""
    start, end = 0, len(names)
    while start < end:
        stop = names.find("\0", start)
        if stop < 0:
            stop = end
        yield names[start:stop]
        start = stop + 1


def internal_failure(path: Path | str, exc: BaseException) -> RecordFailure:
    """A bug met while handling one record, as that record's entry: the exception's type only
    (its message or a traceback could quote record data)."""
    return RecordFailure(display(path), (Problem(
        display(path), 1, 1, f"internal error ({type(exc).__name__}) while handling this record",
        "this is a bug in bailcheck, not in the record; run again with BAILCHECK_DEBUG=1 for "
        "details and report it"),), internal=True)


def isolated(path: Path | str, work: Callable[[], tuple[Result, ...]], width: int
             ) -> tuple[Result, ...]:
    """Run one record's work; a record error or a bug becomes that record's own result."""
    try:
        return work()
    except BailcheckError as exc:
        problems = exc.problems or [Problem(display(path), 1, 1, str(exc))]
        return (RecordFailure(display(path), tuple(problems)),) * width
    except RecursionError as exc:
        return (internal_failure(path, exc),) * width
    except Exception as exc:
        if os.environ.get("BAILCHECK_DEBUG"):
            raise
        return (internal_failure(path, exc),) * width


def check_under(path: RecordPath, policies: tuple[Policy, ...], today: date, trace: bool = False
                ) -> tuple[Result, ...]:
    """Read a record once and evaluate it under each policy set (one, or two for drift)."""
    def work() -> tuple[Result, ...]:
        record = load_record(path)
        return tuple(evaluate(record, policy, today, trace) for policy in policies)
    return isolated(path, work, len(policies))


Results = tuple[Result, ...]


def _unchanged(results: Results) -> Any:
    return results


def compare_paths(paths: Iterable[Path], policies: tuple[Policy, ...], today: date, *,
                  jobs: int = 1, finish: Callable[[Results], Any] = _unchanged,
                  trace: bool = False) -> Iterator[Any]:
    """Each record's results under each policy, in file order, passed through `finish`.

    With jobs > 1, `finish` runs in the workers too (so that, say, JSON is encoded there and
    only text crosses back); the output is the same as with one process."""
    def work(path: RecordPath) -> Any:
        results = check_under(path, policies, today, trace)
        try:
            return finish(results)
        except Exception as exc:  # a renderer's bug on one record stays that record's
            if os.environ.get("BAILCHECK_DEBUG"):
                raise
            return finish((internal_failure(path, exc),) * len(results))
    return map_records(paths, work, jobs)


T = TypeVar("T")


def map_records(paths: Iterable[Path], work: Callable[[RecordPath], T], jobs: int = 1
                ) -> Iterator[T]:
    """`work` on each record file, in file order. With jobs > 1 the files are shared among
    forked worker processes (which inherit `work`, so it may be a closure) and the results come
    back in the same order; where fork is unavailable, one process does it all."""
    files = find_records(paths)
    if jobs <= 1 or not can_fork():
        return map(work, files)
    from bailcheck.workers import forked_map

    return forked_map(files, work, jobs)


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "win32"


class Rendered(Frozen):
    """`finish` for check: each record's outcome, its rendered text (made in the worker under
    --jobs) and its warnings, which the parent prints."""

    _FIELDS = ("encode",)
    __slots__ = _FIELDS
    encode: Callable[[Result], str | bytes]

    def __init__(self, encode: Callable[[Result], str | bytes]) -> None:
        set_field(self, "encode", encode)

    def __call__(self, results: Results) -> tuple[Outcome, str | bytes, tuple[str, ...]]:
        result = results[0]
        warnings = tuple(getattr(result, "warnings", ()))
        try:
            return Outcome.of(result), self.encode(result), warnings
        except Exception as exc:
            if os.environ.get("BAILCHECK_DEBUG"):
                raise
            failure = internal_failure(result.path, exc)
            return Outcome.of(failure), self.encode(failure), warnings
