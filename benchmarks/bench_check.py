"""Throughput of `bailcheck check` against plain YAML parsing.

    python benchmarks/bench_check.py [--records 5000] [--jobs 2]

Generates N synthetic records in a temporary folder (deleted afterwards) and reports records per
second for (a) libyaml CSafeLoader parsing alone, (b) `bailcheck check --format json` in one
process, (c) the same with --jobs, and the ratios b/a and c/b. Targets on a 2-core machine:
b/a >= 0.7 (checking is bounded by YAML parsing, not by the rules) and c/b >= 1.7.
This is a script, never a test: timings vary from machine to machine.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

CONDITIONS = [
    "{type: curfew, text: Curfew., address: '1 Example Road', from: '{a}:00', to: '06:00', "
    "purpose: [no_offending], reason: Night-time offences.}",
    "{type: non_contact, text: No contact with Ms A., persons: [Ms A], "
    "purpose: [no_interference]}",
    "{type: reporting, text: Report weekly., station: Sampletown police station, days: [mon], "
    "window: '18:00-20:00', purpose: [surrender]}",
    "{type: exclusion, text: Not to enter Mill Street., place: Mill Street, streets: "
    "[Mill Street], purpose: [no_offending], reason: Scene of the offence.}",
    "{type: activity, text: Not to take part in any protest., activity: protest, "
    "purpose: [no_offending]}",
    "{type: residence, text: Live at 1 Example Road., address: '1 Example Road', "
    "purpose: [surrender]}",
    "{type: passport, text: Surrender passport., deadline: 2024-03-02T12:00, "
    "recipient: Sampletown police station, purpose: [surrender]}",
]
STAGES = [("post_charge", "s38_1"), ("pre_charge", "s37_7_a"), ("court", "court"),
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


def rate(n: int, seconds: float) -> float:
    return n / seconds if seconds else float("inf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="bailcheck-bench-"))
    try:
        for i in range(args.records):
            (folder / f"r{i:06d}.yaml").write_text(record(i, rng), encoding="utf-8")
        files = sorted(folder.glob("*.yaml"))

        start = time.perf_counter()
        for path in files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        a = rate(len(files), time.perf_counter() - start)

        def timed_check(*extra: str) -> float:
            command = [sys.executable, "-m", "bailcheck", "check", str(folder), "--format",
                       "json", "--as-of", "2026-11-28", *extra]
            start = time.perf_counter()
            done = subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
            elapsed = time.perf_counter() - start
            if done.returncode not in (0, 1):
                sys.exit(f"bailcheck check failed with exit code {done.returncode}")
            return rate(len(files), elapsed)

        b = timed_check()
        c = timed_check("--jobs", str(args.jobs))
    finally:
        shutil.rmtree(folder)
    print(f"records: {args.records}")
    print(f"(a) CSafeLoader parse only:      {a:8.0f} records/s")
    print(f"(b) bailcheck check, 1 process:  {b:8.0f} records/s")
    print(f"(c) bailcheck check, --jobs {args.jobs}:  {c:8.0f} records/s")
    print(f"b/a = {b / a:.2f}  (target >= 0.70)")
    print(f"c/b = {c / b:.2f}  (target >= 1.70)")


if __name__ == "__main__":
    main()
