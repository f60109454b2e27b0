"""Redaction keeps every verdict and leaves no name, place or reference behind."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from tests.conftest import ROOT, TODAY

from bailcheck.documents.redact import phrases, redact, text_fields
from bailcheck.engine import evaluate
from bailcheck.record.source import parse
from bailcheck.record.validate import load_record, validate
from bailcheck.record.write import to_yaml

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


def test_every_text_field_in_the_schema_says_what_it_holds() -> None:
    from bailcheck.record import schema

    unclassified = [path for path, f in text_fields() if f.personal not in schema.PERSONAL]
    assert unclassified == []


def _marked_record() -> tuple[str, dict[str, str]]:
    """A record with a unique marker in every text field the schema declares, one condition of
    each type; returns the YAML and marker -> field path."""
    from bailcheck.record import schema
    from bailcheck.record.write import to_yaml

    markers: dict[str, str] = {}

    def mark(path: str) -> str:
        value = f"MARK{len(markers):03d}x"
        markers[value] = path
        return value

    conditions = []
    for ctype in schema.CONDITION_TYPES:
        cond: dict = {"type": ctype}
        for key, f in schema.condition_fields(ctype).items():
            if key == "type":
                continue
            if f.kind == "text":
                cond[key] = mark(f"conditions.{ctype}.{key}")
            elif f.kind == "list" and f.item is not None and f.item.kind == "text":
                cond[key] = [mark(f"conditions.{ctype}.{key}")]
        if ctype == "exclusion":
            cond["statutory_zone"] = {"name": mark("conditions.exclusion.statutory_zone.name")}
        conditions.append(cond)
    data = {
        "bailcheck": "1",
        "case": {k: mark(f"case.{k}") for k in ("reference", "force", "custody_record", "summary")},
        "stage": "court",
        "decision": {"made_at": datetime(2024, 3, 1, 10, 0), "by": mark("decision.by"),
                     "station": mark("decision.station"),
                     "representations": mark("decision.representations"),
                     "variation_of": mark("decision.variation_of")},
        "person": {"age": 30, "previous_convictions": 0, "address": mark("person.address"),
                   "employment": {"employer": mark("person.employment.employer"),
                                  "workplace": mark("person.employment.workplace")},
                   "caring_responsibilities": mark("person.caring_responsibilities"),
                   "travel_plans": mark("person.travel_plans"),
                   "vulnerabilities": [mark("person.vulnerabilities")]},
        "offences": [{"description": mark("offences.description"),
                      "statute": mark("offences.statute"), "mode_of_trial": "summary",
                      "imprisonable": True, "time_of_day": mark("offences.time_of_day"),
                      "location": mark("offences.location")}],
        "people": [{k: mark(f"people.{k}") for k in ("name", "address", "workplace")}],
        "risks": {k: mark(f"risks.{k}") for k in schema.RECORD.fields["risks"].fields},
        "victim_views": {"summary": mark("victim_views.summary"),
                         "not_practicable_reason": mark("victim_views.not_practicable_reason")},
        "conditions": conditions,
        "accepted": [{"rule": mark("accepted.rule"), "condition": "c1",
                      "reason": mark("accepted.reason"), "by": mark("accepted.by")}],
    }
    return to_yaml(data), markers


def test_no_personal_marker_survives_redaction(builtin_policy) -> None:

    text, markers = _marked_record()
    record = validate(parse(text, "marked.yaml"))
    out = to_yaml(redact(record, builtin_policy))
    kept = {path for path, f in text_fields() if f.personal == "keep"}
    # every text field of the schema carried a marker, so the walk covers them all
    assert {p.replace(".conditions", "") for p in markers.values()} >= {
        p for p, f in text_fields() if f.personal != "id" and not p.startswith("expect")}
    survivors = {path for marker, path in markers.items() if marker in out}
    assert survivors == {p for p in markers.values() if p in kept}


def test_empty_values_stay_empty_and_keep_verdicts(builtin_policy) -> None:
    text = (ROOT / "examples" / "picket-line.yaml").read_text().replace(
        "    place: Harbour Distribution Ltd, Dock Road, Northtown\n", '    place: ""\n')
    record = validate(parse(text, "p.yaml"))
    again = validate(parse(to_yaml(redact(record, builtin_policy)), "r.yaml"))
    assert "place" not in again.conditions[0]
    assert verdicts(evaluate(again, builtin_policy, TODAY)) == verdicts(
        evaluate(record, builtin_policy, TODAY))


def test_condition_ids_are_renamed_with_expect_and_accepted(builtin_policy) -> None:
    text = (ROOT / "examples" / "picket-line.yaml").read_text().replace(
        "id: c1", "id: workplace-ban").replace("    c1: disproportionate",
                                                "    workplace-ban: disproportionate")
    data = redact(validate(parse(text, "p.yaml")), builtin_policy)
    assert [c["id"] for c in data["conditions"]] == ["c1", "c2", "c3"]
    assert set(data["expect"]["conditions"]) == {"c1", "c2", "c3"}
