"""Cost of `bailcheck report` against `bailcheck check --format json` on the same records.

    python benchmarks/bench_report.py [--records 2000] [--repeat 5] [--jobs 1 2]

Generates N records with the test suite's seeded generator (tests/test_report.py) in a
temporary folder (deleted afterwards), then runs, interleaved and `--repeat` times each,
`check --format json` and `report -o report.html --csv conditions.csv` (and `report -o
report.json`), for each --jobs value, and prints the median wall-clock and CPU times and the
ratios report/check. Target: at most about 1.3 (wall clock). CPU time (user + system of every
process of the run) is steadier than wall clock on a shared machine; interleaving keeps a busy
machine's drift from favouring either side. This is a script, never a test: timings vary from
machine to machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-03-02"
# bytecode caching on, as after `pip install` (see bench_check.py)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock seconds, and CPU seconds (user + system, the command's processes and every
    process they waited for: workers and the page's process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          check=False, env=ENV)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1, 2):  # 2: the batch holds one unreadable record
        sys.exit(f"{' '.join(command[:4])}... failed with exit code {done.returncode}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.test_report import make_batch

    folder = Path(tempfile.mkdtemp(prefix="bailcheck-bench-report-"))
    try:
        records = folder / "records"
        make_batch(records, n=args.records, seed=args.seed)
        base = [sys.executable, "-m", "bailcheck"]
        runs = {}
        for jobs in args.jobs:
            j = ["--jobs", str(jobs), "--as-of", AS_OF]
            runs[f"check json, --jobs {jobs}"] = [*base, "check", str(records), "--format",
                                                  "json", *j]
            runs[f"report html+csv, --jobs {jobs}"] = [
                *base, "report", str(records), "-o", str(folder / "r.html"), "--csv",
                str(folder / "c.csv"), "--force", *j]
            runs[f"report json, --jobs {jobs}"] = [*base, "report", str(records), "-o",
                                                   str(folder / "r.json"), "--force", *j]
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
        for command in runs.values():  # warm-up: page cache, .pyc files
            timed(command)
        for _ in range(args.repeat):
            for name, command in runs.items():
                times[name].append(timed(command))
    finally:
        shutil.rmtree(folder)
    wall = {name: statistics.median(w for w, _c in t) for name, t in times.items()}
    cpu = {name: statistics.median(c for _w, c in t) for name, t in times.items()}
    n = args.records + 2
    print(f"records: {n} (one unreadable), {args.repeat} interleaved runs each, medians")
    for name in runs:
        print(f"  {name:<28} {wall[name]:6.2f} s wall  {n / wall[name]:7.0f} records/s  "
              f"{cpu[name]:6.2f} s CPU")
    for jobs in args.jobs:
        check = f"check json, --jobs {jobs}"
        for kind in ("html+csv", "json"):
            name = f"report {kind}, --jobs {jobs}"
            print(f"report {kind} / check json, --jobs {jobs}: {wall[name] / wall[check]:.2f} "
                  f"wall (target <= 1.30), {cpu[name] / cpu[check]:.2f} CPU")


if __name__ == "__main__":
    main()
