"""Redaction keeps every verdict and leaves no name, place or reference behind."""

from __future__ import annotations

from datetime import date

import pytest
from tests.conftest import ROOT, TODAY

from bailcheck.engine import evaluate
from bailcheck.record.validate import load_record, validate
from bailcheck.documents.redact import phrases, redact
from bailcheck.record.write import to_yaml
from bailcheck.record.source import parse

CASES = sorted((ROOT / "tests" / "cases").glob("*.yaml"))


def verdicts(report) -> tuple:
    return (tuple((c.id, c.verdict.label, tuple(f.rule for f in c.findings))
                  for c in report.conditions), tuple(f.rule for f in report.findings))


def personal(record) -> set[str]:
    """Every name, place and reference in the original record."""
    data = record.data
    found = {data["case"]["reference"], data["person"].get("address", "")}
    found |= {data["person"].get("employment", {}).get(k, "") for k in ("workplace", "employer")}
    for person in data.get("people", []):
        found |= {person.get("name", ""), person.get("address", ""), person.get("workplace", "")}
    for cond in data["conditions"]:
        found |= {cond.get(k, "") for k in ("address", "place", "station", "name", "map_ref")}
        found |= set(cond.get("persons", [])) | set(cond.get("streets", []))
    for offence in data["offences"]:
        found.add(offence.get("location", ""))
    return {f for f in found if f}


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_redaction_keeps_verdicts_and_drops_personal_data(path, builtin_policy) -> None:
    original = load_record(path)
    text = to_yaml(redact(original, builtin_policy))
    again = validate(parse(text, "redacted.yaml"))
    assert verdicts(evaluate(again, builtin_policy, TODAY)) == verdicts(
        evaluate(original, builtin_policy, TODAY))
    assert again.data.get("expect") == original.data.get("expect")
    lowered = text.casefold()
    leaks = {p for p in personal(original) if p.casefold() in lowered}
    assert leaks == set()


def test_same_text_same_placeholder(builtin_policy) -> None:
    record = load_record(ROOT / "tests" / "cases" / "14-domestic-excluded-from-shared-home.yaml")
    data = redact(record, builtin_policy)
    assert data["person"]["address"] == data["people"][0]["address"] == \
        data["conditions"][0]["place"] == "Place 1"
    assert data["people"][0]["name"] == data["conditions"][1]["persons"][0] == "Person A"


def test_phrases_the_rules_look_for_survive(builtin_policy) -> None:
    assert "good behaviour" in phrases(builtin_policy)
    record = load_record(ROOT / "tests" / "cases" / "25-doorstep-alone-and-good-behaviour.yaml")
    text = redact(record, builtin_policy)["conditions"][1]["text"]
    assert text == "[redacted text 4] (contains: good behaviour; keep the peace)"


def test_date_of_birth_moves_but_ages_stay(builtin_policy) -> None:
    record = load_record(ROOT / "tests" / "cases" / "07-parent-surety-turning-17.yaml")
    born = redact(record, builtin_policy)["person"]["date_of_birth"]
    assert born != date(2008, 1, 20) and born.year == 2008
    assert (born.month, born.day) > (1, 10) and (born.month, born.day) <= (1, 24)


def test_cli_writes_a_file_that_checks_the_same(run, tmp_path) -> None:
    out = tmp_path / "redacted.yaml"
    result = run("redact", "examples/picket-line.yaml", "-o", str(out), "--reference", "PAST-7")
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert text.startswith("# Redacted by bailcheck") and "Harbour Distribution" not in text
    assert "reference: PAST-7" in text
    check = run("check", str(out), "--format", "json", "--as-of", TODAY.isoformat())
    assert check.exit_code == 1
    assert run("redact", "examples/picket-line.yaml", "-o", str(out)).exit_code == 2
