"""Check thousands of hostile records and summarise how bailcheck copes.

    python benchmarks/hostile_run.py [--records 10000] [--batch 500] [--seed 1] [--keep]

Generates records with tests/fuzzing.py (mutated sample records: text damage, type confusion,
structure) into a temporary folder, checks them batch by batch with `python -m bailcheck check
--format json`, and prints the exit codes seen, the batches whose JSON did not parse or lacked a
file, the batches with a traceback, and the first few distinct failure signatures. A crashing
record is the one the JSON report marks as an internal error or, when the whole batch crashed,
the one found by halving the batch until a record crashes on its own; it is then rerun with
BAILCHECK_DEBUG=1 to name the exception and where it was raised. The folder is deleted
afterwards unless --keep is given. This is a script, never a test.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests/fuzzing.py is a module of the source tree, not installed

from tests.fuzzing import (
    bailcheck,
    check_args,
    first_failing,
    hostile_records,
    internal_error,
    signature,
    write_records,
)


@dataclass
class Summary:
    records: int = 0
    batches: int = 0
    seconds: float = 0.0
    families: Counter[str] = field(default_factory=Counter)
    exit_codes: Counter[int] = field(default_factory=Counter)
    unparsed: list[str] = field(default_factory=list)
    lacking: dict[str, list[str]] = field(default_factory=dict)
    tracebacks: list[str] = field(default_factory=list)
    readable: int = 0  # records the JSON reports with verdicts
    unreadable: int = 0  # ... with an error
    internal: int = 0  # ... as an internal error (a crash isolated to the record)
    slowest: tuple[float, str] = (0.0, "")
    signatures: dict[str, list[str]] = field(default_factory=dict)  # signature -> records

    def print(self, limit: int) -> None:
        print(f"records: {self.records} in {self.batches} batches; the batch runs took "
              f"{self.seconds:.1f} s (slowest {self.slowest[1]}: {self.slowest[0]:.1f} s)")
        print("families: " + ", ".join(f"{k} {v}" for k, v in sorted(self.families.items())))
        print("exit codes: " + ", ".join(f"{code} x{n}" for code, n in
                                         sorted(self.exit_codes.items())))
        print(f"batches whose JSON did not parse: {len(self.unparsed)}"
              + (f" ({', '.join(self.unparsed)})" if self.unparsed else ""))
        print(f"batches whose JSON lacked a file: {len(self.lacking)}")
        for batch, names in self.lacking.items():
            print(f"  {batch}: {len(names)} missing, e.g. {', '.join(names[:3])}")
        print(f"batches with a traceback on stderr: {len(self.tracebacks)}"
              + (f" ({', '.join(self.tracebacks)})" if self.tracebacks else ""))
        print(f"records in the JSON: {self.readable} checked, {self.unreadable} unreadable, of "
              f"which {self.internal} internal errors")
        print(f"failure signatures (first {limit} isolated records; distinct: "
              f"{len(self.signatures)}):")
        for sig, names in self.signatures.items():
            print(f"  {sig}  x{len(names)}, e.g. {names[0]}")


def check_batch(folder: Path, summary: Summary, isolate: int) -> None:
    files = sorted(folder.glob("*.yaml"))
    start = time.perf_counter()
    run = bailcheck(*check_args(folder))
    took = time.perf_counter() - start
    summary.seconds += took
    summary.slowest = max(summary.slowest, (took, folder.name))
    summary.exit_codes[run.code] += 1
    if b"Traceback" in run.stderr:
        summary.tracebacks.append(folder.name)
    try:
        entries = json.loads(run.stdout.decode())["records"]
        named = {Path(e["path"]).name: e for e in entries}
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        summary.unparsed.append(folder.name)
    else:
        missing = sorted({p.name for p in files} - set(named))
        if missing:
            summary.lacking[folder.name] = missing
        summary.unreadable += sum("error" in e for e in entries)
        summary.readable += sum("error" not in e for e in entries)
        internal = _one_per_kind(named)
        summary.internal += len(internal)
        if internal:  # bailcheck isolated them itself: no need to halve the batch
            for name in internal:
                _sign(folder / name, summary, isolate)
            return
    remaining = files
    while remaining and run.crashed and _signed(summary) < isolate:
        culprit = first_failing(remaining, lambda fs: bailcheck(*check_args(*fs)))
        if culprit is None:
            break
        _sign(culprit, summary, isolate)
        remaining = remaining[remaining.index(culprit) + 1:]


def _one_per_kind(named: dict[str, dict[str, Any]]) -> list[str]:
    """Internal-error records, one per kind first (the message, which names the exception, and
    the mutation in the file name), so that a few debug runs find the distinct failures."""
    names = [name for name, e in named.items() if internal_error(e)]
    first: dict[tuple[str, str], str] = {}
    for name in names:
        mutation = "-".join(name.split("-")[1:3]).split("=")[-1]
        first.setdefault((str(named[name]["error"].get("message")), mutation), name)
    return list(dict.fromkeys([*first.values(), *names]))


def _signed(summary: Summary) -> int:
    return sum(map(len, summary.signatures.values()))


def _sign(culprit: Path, summary: Summary, isolate: int) -> None:
    if _signed(summary) < isolate:
        sig = signature(bailcheck(*check_args(culprit), debug=True))
        summary.signatures.setdefault(sig, []).append(culprit.name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500, help="records per bailcheck run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--isolate", type=int, default=12, metavar="N",
                        help="isolate at most N crashing records for their signatures")
    parser.add_argument("--keep", action="store_true", help="keep the records folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bailcheck-hostile-"))
    summary = Summary(records=args.records)
    try:
        records = hostile_records(args.seed, args.records)
        for b in range(0, args.records, args.batch):
            batch = [next(records) for _ in range(min(args.batch, args.records - b))]
            summary.families.update(name.split("-")[1] for name, _ in batch)
            write_records(folder / f"batch-{b // args.batch:03d}", batch)
            summary.batches += 1
        for batch_folder in sorted(folder.iterdir()):
            check_batch(batch_folder, summary, args.isolate)
            print(f"checked {batch_folder.name}: exit codes so far {dict(summary.exit_codes)}",
                  file=sys.stderr)
    finally:
        if args.keep:
            print(f"records kept in {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder)
    print(f"seed: {args.seed}")
    summary.print(args.isolate)


if __name__ == "__main__":
    main()
