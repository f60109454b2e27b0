"""Hostile records never crash bailcheck, never lose a record from a batch, and never reach the
terminal raw.

The records come from tests/fuzzing.py; every command runs as `python -m bailcheck` in a
subprocess, the way a user or CI runs it, with records batched into folders so that each test
starts only a few processes. The property tests draw seeds with Hypothesis (derandomized, no
shrinking: each example costs a process, and the failure message already names the first record
that crashes on its own and the exception it raised). The tests after them pin known bug
classes one by one.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from tests.fuzzing import (
    AS_OF,
    HUGE_STRING,
    Run,
    add_to_list,
    bailcheck,
    check_args,
    compose,
    first_failing,
    hostile_records,
    internal_error,
    sample,
    sample_records,
    serialize,
    set_value,
    signature,
    write_records,
)

# Hypothesis caches under ./.hypothesis by default; keep the working tree as it was.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "bailcheck-hypothesis")
FUZZ = settings(max_examples=3, derandomize=True, deadline=None, database=None,
                phases=[Phase.explicit, Phase.generate], print_blob=False,
                suppress_health_check=[HealthCheck.too_slow])
SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
GOOD = "clean-reporting"  # post-charge; its expect block gives its verdicts
PRE_CHARGE = "domestic-precharge"  # arrested 2023-05-09; c1 and c2 ok
OK_CODES = (0, 1, 2)
VISIBLE_ESC = ("\\x1b", "\\x1B", "\\u001b", "\\u001B", "\\033", "\\e", "^[", "\u241b", "<ESC>")


# --- helpers ------------------------------------------------------------------------------------


def check_json(files: list[Path], debug: bool = False) -> Run:
    return bailcheck(*check_args(*files), debug=debug)


def check_text(files: list[Path], debug: bool = False) -> Run:
    return bailcheck(*check_args(*files, json_format=False), debug=debug)


def regress(files: list[Path], debug: bool = False) -> Run:
    return bailcheck("regress", "--as-of", AS_OF, *files, debug=debug)


def crash_report(files: list[Path], command: Callable[..., Run]) -> str:
    """The first record that crashes `command` on its own (as the JSON report names it, else
    found by halving the batch), and what a BAILCHECK_DEBUG=1 run of it raises."""
    _, named = json_report(check_json(files), files)
    internal = [p for p in files if p.name in named and internal_error(named[p.name])]
    culprit = internal[0] if internal else first_failing(files, command)
    if culprit is None:
        return "no single record crashes on its own"
    return f"first crashing record: {culprit.name}: {signature(command([culprit], debug=True))}"


def crash_problems(run: Run) -> list[str]:
    problems = []
    if run.code not in OK_CODES:
        last = (run.err.strip() or run.out.strip()).splitlines()[-1:]
        problems.append(f"`bailcheck {' '.join(run.args[:1])}` exit code {run.code}: "
                        f"{''.join(last)[:300]}")
    if b"Traceback" in run.stderr:
        problems.append(f"traceback on stderr: {run.err[-500:]}")
    return problems


def json_report(run: Run, files: list[Path]) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """What is wrong with a `check --format json` run over `files`, and its records by name."""
    problems = crash_problems(run)
    try:
        doc = json.loads(run.stdout.decode("utf-8"))
        entries = doc["records"]
        named = {Path(e["path"]).name: e for e in entries}
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        return [*problems, f"stdout is not the JSON report ({exc!r}): {run.out[:200]!r}"], {}
    wanted = Counter(p.name for p in files)
    got = Counter(Path(e["path"]).name for e in entries)
    if got != wanted:
        problems.append(f"records missing: {sorted(wanted - got)[:5]}, "
                        f"unexpected: {sorted(got - wanted)[:5]} ({len(entries)} of {len(files)})")
    shapeless = [name for name, e in named.items() if "error" not in e and "conditions" not in e]
    if shapeless:
        problems.append(f"records with neither `error` nor `conditions`: {shapeless[:5]}")
    internal = [name for name, e in named.items() if internal_error(e)]
    if internal:
        problems.append(f"records reported as internal errors: {internal[:5]}")
    if any("error" in e for e in entries) and run.code in (0, 1):
        problems.append(f"a record is unreadable but the exit code is {run.code}, not 2")
    return problems, named


def verdicts(entry: dict[str, Any]) -> dict[str, str]:
    return {c["id"]: c["verdict"] for c in entry.get("conditions", [])}


def hostile_folder(tmp: str, seed: int, n: int) -> list[Path]:
    return write_records(Path(tmp) / "batch", hostile_records(seed, n))


# --- properties over hostile batches ------------------------------------------------------------


@settings(FUZZ, max_examples=4)
@given(seed=SEEDS)
def test_check_json_reports_every_hostile_record(seed: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bailcheck-fuzz-") as tmp:
        files = hostile_folder(tmp, seed, 150)
        run = bailcheck(*check_args(files[0].parent))
        problems, _ = json_report(run, files)
        if run.crashed:
            problems.append(crash_report(files, check_json))
    assert not problems, "\n".join(problems)


@FUZZ
@given(seed=SEEDS)
def test_check_text_survives_hostile_records(seed: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bailcheck-fuzz-") as tmp:
        files = hostile_folder(tmp, seed, 150)
        problems = crash_problems(check_text([files[0].parent]))
        if problems:
            problems.append(crash_report(files, check_text))
    assert not problems, "\n".join(problems)


@FUZZ
@given(seed=SEEDS)
def test_regress_survives_hostile_records(seed: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bailcheck-fuzz-") as tmp:
        files = hostile_folder(tmp, seed, 150)
        problems = crash_problems(regress([files[0].parent]))
        if problems:
            problems.append(crash_report(files, regress))
    assert not problems, "\n".join(problems)


def some_record(files: list[Path], pick: int) -> tuple[Path, dict[str, Any]]:
    """For an even `pick` the first readable record of a small batch (if any), else the
    `pick`-th, whatever it is; and the batch's JSON records by name (empty when the batch run
    fails, which test_check_json_reports_every_hostile_record reports)."""
    _, named = json_report(bailcheck(*check_args(*files)), files)
    readable = [p for p in files if p.name in named and "error" not in named[p.name]]
    return (readable[0] if readable and pick % 2 == 0 else files[pick % len(files)]), named


@settings(FUZZ, max_examples=4)
@given(seed=SEEDS, pick=st.integers(min_value=0, max_value=11))
def test_drafts_survive_hostile_records(seed: int, pick: int) -> None:
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bailcheck-fuzz-") as tmp:
        record, _ = some_record(hostile_folder(tmp, seed, 12), pick)
        for audience in ("solicitor", "custody"):
            run = bailcheck("draft", record, "--for", audience, "--as-of", AS_OF)
            problems += [f"draft {record.name} --for {audience}: {p}"
                         for p in crash_problems(run)]
    assert not problems, "\n".join(problems)


@settings(FUZZ, max_examples=4)
@given(seed=SEEDS, pick=st.integers(min_value=0, max_value=11))
def test_redact_keeps_verdicts_of_hostile_records(seed: int, pick: int) -> None:
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bailcheck-fuzz-") as tmp:
        record, named = some_record(hostile_folder(tmp, seed, 12), pick)
        readable = record.name in named and "error" not in named[record.name]
        redacted = bailcheck("redact", record)
        problems += [f"redact {record.name}: {p}" for p in crash_problems(redacted)]
        if readable and redacted.code != 0:
            problems.append(f"redact {record.name}: exit {redacted.code} on a readable record: "
                            f"{redacted.err[:300]}")
        if redacted.code == 0:
            out = Path(tmp) / "redacted" / record.name
            out.parent.mkdir()
            out.write_bytes(redacted.stdout)
            found, entries = json_report(bailcheck(*check_args(out)), [out])
            problems += [f"check redacted {record.name}: {p}" for p in found]
            if readable and entries:
                before, after = verdicts(named[record.name]), verdicts(entries[out.name])
                if before != after or "error" in entries[out.name]:
                    problems.append(f"redacted {record.name} changes verdicts: {before} -> "
                                    f"{after} {entries[out.name].get('error', '')}")
    assert not problems, "\n".join(problems)


def test_unmutated_records_round_trip_through_the_node_tree(tmp_path: Path) -> None:
    """Harness check: the node-tree editing behind every mutation changes nothing by itself."""
    folders = {"original": tmp_path / "original", "round-trip": tmp_path / "round-trip"}
    for stem, text in sample_records():
        for kind, folder in folders.items():
            folder.mkdir(exist_ok=True)
            (folder / f"{stem}.yaml").write_text(
                text if kind == "original" else serialize(compose(text)), encoding="utf-8")
    reports = [json.loads(bailcheck(*check_args(f)).out)["records"] for f in folders.values()]
    before, after = ({Path(e["path"]).name: (verdicts(e), "error" in e) for e in r}
                     for r in reports)
    assert before == after


# --- known bug classes, one record at a time, each beside a good record -------------------------


def check_beside_good(tmp_path: Path, text: str, json_format: bool = True) -> Run:
    folder = tmp_path / "batch"
    folder.mkdir(exist_ok=True)
    (folder / "hostile.yaml").write_text(text, encoding="utf-8")
    (folder / "good.yaml").write_text(sample(GOOD), encoding="utf-8")
    return bailcheck(*check_args(folder, json_format=json_format))


def reported(tmp_path: Path, run: Run) -> dict[str, dict[str, Any]]:
    """The JSON report's records by file name, with the good record intact; or fail, naming the
    exception a BAILCHECK_DEBUG=1 run of the hostile record alone raises."""
    files = sorted((tmp_path / "batch").glob("*.yaml"))
    problems, named = json_report(run, files)
    if run.crashed:
        debug = bailcheck(*check_args(tmp_path / "batch" / "hostile.yaml"), debug=True)
        problems.append(f"hostile.yaml raises {signature(debug)}")
    assert not problems, "\n".join(problems)
    assert verdicts(named["good.yaml"]) == yaml.safe_load(sample(GOOD))["expect"]["conditions"]
    return named


def messages(entry: dict[str, Any]) -> list[str]:
    return [e["message"] for e in entry.get("errors", [entry["error"]])] if "error" in entry else []


@pytest.mark.parametrize(("key", "path", "spelling"), [
    ("reference", ("case", "reference"), "~"),
    ("stage", ("stage",), ""),
    ("made_at", ("decision", "made_at"), ""),
    ("text", ("conditions", 0, "text"), ""),
    ("mode_of_trial", ("offences", 0, "mode_of_trial"), ""),
    ("type", ("conditions", 0, "type"), ""),
])
def test_null_required_field_is_reported_missing(
        tmp_path: Path, key: str, path: tuple[str | int, ...], spelling: str) -> None:
    text = set_value(sample(GOOD), path, spelling)
    assert f"{key}: {spelling}".rstrip() in [line.strip(" -") for line in text.splitlines()]
    run = check_beside_good(tmp_path, text)
    entry = reported(tmp_path, run)["hostile.yaml"]
    assert run.code == 2
    assert any(f"`{key}`" in m and re.search(r"required|missing|empty", m)
               for m in messages(entry)), messages(entry)


@pytest.mark.parametrize(("base", "edit"), [
    pytest.param(GOOD, lambda t: set_value(t, ("person", "previous_convictions"), "9" * 5000),
                 id="previous_convictions-5000-digits"),
    pytest.param(GOOD, lambda t: set_value(t, ("decision", "made_at"), "0001-01-01T00:30+01:00"),
                 id="made_at-year-1-with-offset"),
    pytest.param(PRE_CHARGE, lambda t: set_value(t, ("dates", "arrested_at"), "9999-12-30T10:00"),
                 id="arrested_at-year-9999"),
    pytest.param(PRE_CHARGE, lambda t: add_to_list(
        t, ("dates", "extensions"), "{to_months: 1000000, by_rank: inspector}"),
                 id="extension-to-a-million-months"),
    pytest.param(PRE_CHARGE, lambda t: add_to_list(
        t, ("dates", "cps_referrals"), "{from: 0001-01-01, to: 9999-12-31}"),
                 id="cps-referral-year-1-to-9999"),
])
def test_extreme_value_is_reported_not_crashed(
        tmp_path: Path, base: str, edit: Callable[[str], str]) -> None:
    text = edit(sample(base))
    run = check_beside_good(tmp_path, text)
    reported(tmp_path, run)
    text_run = check_beside_good(tmp_path, text, json_format=False)
    assert not crash_problems(text_run), crash_problems(text_run)


def longest_run_of_x(text: str) -> int:
    return max((len(m) for m in re.findall("x+", text)), default=0)


def test_huge_value_is_quoted_briefly(tmp_path: Path) -> None:
    text = set_value(sample(GOOD), ("offences", 0, "mode_of_trial"), HUGE_STRING)
    assert HUGE_STRING in text
    run = check_beside_good(tmp_path, text)
    entry = reported(tmp_path, run)["hostile.yaml"]
    assert run.code == 2
    shown = {"stderr": run.err, "JSON error.message": entry["error"]["message"],
             "JSON errors": json.dumps(entry.get("errors", [])),
             "text report": check_beside_good(tmp_path, text, json_format=False).out}
    lengths = {where: longest_run_of_x(value) for where, value in shown.items()}
    assert all(n <= 120 for n in lengths.values()), f"characters of the value quoted: {lengths}"


@pytest.mark.parametrize("escape", [r"\e[2J", r"\e]0;X\a"], ids=["csi-clear", "osc-title"])
def test_escape_sequence_is_shown_visibly(tmp_path: Path, escape: str) -> None:
    text = set_value(sample(GOOD), ("stage",), f'"{escape}"')
    assert f'stage: "{escape}"\n' in text
    json_run = check_beside_good(tmp_path, text)
    reported(tmp_path, json_run)
    text_run = check_beside_good(tmp_path, text, json_format=False)
    streams = {"check --format json, stderr": json_run.stderr,
               "check --format json, stdout": json_run.stdout,
               "check, stdout": text_run.stdout, "check, stderr": text_run.stderr}
    raw = [where for where, data in streams.items()
           if re.search("[\x07\x1b\x9b]", data.decode("utf-8", "replace"))]
    assert not raw, f"a raw escape or BEL reaches: {raw}"
    for where in ("check --format json, stderr", "check, stdout"):
        shown = streams[where].decode("utf-8", "replace")
        assert any(v in shown for v in VISIBLE_ESC), f"{where} does not show the escape: {shown!r}"


def test_cps_referral_ending_before_it_starts_is_an_error(tmp_path: Path) -> None:
    text = add_to_list(sample(PRE_CHARGE), ("dates", "cps_referrals"),
                       "{from: 2023-06-10, to: 2023-06-01}")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "from: 2023-06-10" in ln)
    run = check_beside_good(tmp_path, text)
    entry = reported(tmp_path, run)["hostile.yaml"]
    assert run.code == 2
    assert "error" in entry, f"reported as readable: {verdicts(entry)}"
    assert line in [e["line"] for e in entry.get("errors", [entry["error"]])], entry
