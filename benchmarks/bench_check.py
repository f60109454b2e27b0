"""The speed of `bailcheck check`, as ratios measured side by side in one run.

    python benchmarks/bench_check.py [--records 2000] [--jobs-records 8000] [--runs 5] [--jobs 2]

Generates synthetic records in a temporary folder (deleted afterwards) and times whole processes,
interleaved run by run so that a drifting machine affects both sides alike, then prints each
ratio's minimum, median and maximum:

- throughput: records/s of `check --format json` over records/s of libyaml's CSafeLoader parsing
  the same files in one process (target >= 0.85);
- start-up: `check` on one record over `python -c "import typer, yaml"` (target <= 1.3);
- jobs: `--jobs N` throughput over one process, on --jobs-records records (target >= 1.7 with
  two free cores);
- memory: peak RSS checking 500 records and 20,000 (target: within 2 MB).

The targets are wall-clock ratios. Beside them it prints the throughput and start-up ratios in
CPU seconds (user + system), which move less with the machine's other load, and the CPU that
`--jobs N` spends in all over one process's (1.0 would be parallelism without overhead).

Every command runs with bytecode caching on (PYTHONDONTWRITEBYTECODE is dropped from the
environment, so the warm-up run writes bailcheck's .pyc files), as after `pip install`: typer and
yaml are always measured from their compiled bytecode, and bailcheck must be too.

A script, never a test: only the ratios mean anything, and only on a quiet machine.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CONDITIONS = [
    ("{type: curfew, text: Curfew., address: '1 Example Road', from: '{a}:00', to: '06:00', "
     "purpose: [no_offending], reason: Night-time offences.}"),
    ("{type: non_contact, text: No contact with Ms A., persons: [Ms A], "
     "purpose: [no_interference]}"),
    ("{type: reporting, text: Report weekly., station: Sampletown police station, days: [mon], "
     "window: '18:00-20:00', purpose: [surrender]}"),
    ("{type: exclusion, text: Not to enter Mill Street., place: Mill Street, streets: "
     "[Mill Street], purpose: [no_offending], reason: Scene of the offence.}"),
    ("{type: activity, text: Not to take part in any protest., activity: protest, "
     "purpose: [no_offending]}"),
    ("{type: residence, text: Live at 1 Example Road., address: '1 Example Road', "
     "purpose: [surrender]}"),
    ("{type: passport, text: Surrender passport., deadline: 2024-03-02T12:00, "
     "recipient: Sampletown police station, purpose: [surrender]}"),
]
STAGES = [("post_charge", "s38_1"), ("pre_charge", "s37_7_b"), ("court", "court"),
          ("street", "s30A")]


def record(i: int, rng: random.Random) -> str:
    stage, power = rng.choice(STAGES)
    conditions = "\n".join("  - " + rng.choice(CONDITIONS).replace("{a}", str(rng.randint(18, 23)))
                           for _ in range(rng.randint(1, 4)))
    return f"""\
# synthetic benchmark record {i}
bailcheck: 1
case: {{reference: BENCH-{i:06d}, force: Sampleshire Police}}
stage: {stage}
release: {{power: {power}}}
decision: {{made_at: 2024-03-01T10:00, by_role: custody_officer, reasons_recorded: true,
           copy_given: {rng.choice(["true", "false"])}}}
person:
  age: {rng.randint(15, 70)}
  previous_convictions: {rng.choice([0, 0, 1, 3, 8])}
  failures_to_surrender: {rng.choice([0, 0, 0, 1])}
  fixed_address: true
  address: 1 Example Road, Sampletown
  employment: {{workplace: Sample Works, hours: "09:00-17:00"}}
offences:
  - description: Criminal damage to a parked car
    mode_of_trial: {rng.choice(["summary", "either_way", "indictable_only"])}
    imprisonable: {rng.choice(["true", "true", "false"])}
    likely_disposal: {rng.choice(["unknown", "non_custodial", "custodial"])}
people:
  - {{name: Ms A, role: complainant, individual: true, known_to_person: {rng.choice(["true", "false"])}}}
risks:
  offending_on_bail: {rng.choice(["''", "Repeated offences at the same place."])}
dates:
  arrested_at: 2024-02-29T22:00
  first_court_date: 2024-03-14
conditions:
{conditions}
"""


FIGURES = (("throughput", "target >= 0.85"), ("start-up", "target <= 1.3"),
           ("jobs", "target >= 1.7"), ("throughput, CPU", "CPU seconds, same ratio"),
           ("start-up, CPU", "CPU seconds, same ratio"),
           ("jobs CPU cost", "CPU of --jobs over one process; 1.0 = no overhead"))
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, with any workers) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          check=False, env=ENV)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command[:4])}... failed with exit code {done.returncode}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def peak_mb(command: list[str]) -> float:
    """Peak RSS of one process, read by a fresh interpreter so earlier runs do not count."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], "
             "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True,
                         text=True, check=True, env=ENV)
    return int(out.stdout) / 1024


def spread(values: list[float]) -> str:
    return (f"min {min(values):6.2f}  median {statistics.median(values):6.2f}  "
            f"max {max(values):6.2f}")


def _load() -> str:
    """The one-minute load average, where the system gives one."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except (AttributeError, OSError):
        return "unknown"


def write_records(folder: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    folder.mkdir()
    for i in range(n):
        (folder / f"r{i:06d}.yaml").write_text(record(i, rng), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--jobs-records", type=int, default=8000,
                        help="records for the jobs ratio (the one process's start-up and the "
                        "workers' forks count for less over more records)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-memory", action="store_true", help="skip the 20,000-record run")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bailcheck-bench-"))
    check = [sys.executable, "-m", "bailcheck", "check", "--format", "json",
             "--as-of", "2026-11-28"]
    try:
        folder, many = root / "records", root / "many"
        write_records(folder, args.records, args.seed)
        write_records(many, args.jobs_records, args.seed)
        parse = [sys.executable, "-c", ("import glob, sys, yaml\n"
                 "for f in sorted(glob.glob(sys.argv[1] + '/*.yaml')):\n"
                 "    yaml.load(open(f, encoding='utf-8'), Loader=yaml.CSafeLoader)"), str(folder)]
        one = min(folder.iterdir())
        baseline = [sys.executable, "-c", "import typer, yaml"]
        ratios: dict[str, list[float]] = {name: [] for name, _ in FIGURES}
        load_before = _load()  # another process's work shows here: the ratios are then noisy
        timed([*check, str(folder)])  # warm the file cache and the bytecode
        timed([*check, str(many)])
        for _ in range(args.runs):  # interleaved: each ratio from runs next to each other
            t_parse = timed(parse)
            t_check = timed([*check, str(folder)])
            t_many = timed([*check, str(many)])
            t_jobs = timed([*check, "--jobs", str(args.jobs), str(many)])
            t_one = timed([*check, str(one)])
            t_base = timed(baseline)
            ratios["throughput"].append(t_parse[0] / t_check[0])
            ratios["start-up"].append(t_one[0] / t_base[0])
            ratios["jobs"].append(t_many[0] / t_jobs[0])
            # CPU time counts only the process's own work, so it moves less with the machine's
            # other load; the jobs figure is the CPU the workers and parent spend over one process's
            ratios["throughput, CPU"].append(t_parse[1] / t_check[1])
            ratios["start-up, CPU"].append(t_one[1] / t_base[1])
            ratios["jobs CPU cost"].append(t_jobs[1] / t_many[1])
        print(f"{args.records} records ({args.jobs_records} for the jobs ratio, --jobs "
              f"{args.jobs}), {args.runs} interleaved runs of each command; load average "
              f"{load_before} before, {_load()} after (on {os.cpu_count()} CPUs)")
        for name, target in FIGURES:
            print(f"{name:<16} {spread(ratios[name])}   ({target})")
        if not args.no_memory:
            small, big = root / "small", root / "big"
            write_records(small, 500, args.seed)
            write_records(big, 20_000, args.seed)
            m_small = [peak_mb([*check, str(small)]) for _ in range(3)]
            m_big = [peak_mb([*check, str(big)]) for _ in range(3)]
            print(f"peak RSS         500 records: {spread(m_small)} MB; 20,000 records: "
                  f"{spread(m_big)} MB; growth {statistics.median(m_big) - statistics.median(m_small):+.1f} MB"
                  "   (target within 2 MB)")
    finally:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
