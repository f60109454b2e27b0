"""Each list is declared once and everything else follows it: a condition type added to the
schema alone is validated, usable in rules, redacted and in the JSON Schema."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from tests.conftest import ROOT

from bailcheck.record import schema
from bailcheck.record.schema import text

SRC = ROOT / "src" / "bailcheck"

RECORD = """\
bailcheck: 1
case: {reference: T-1}
stage: court
decision: {made_at: 2024-03-01T10:00, by_role: magistrates}
person: {age: 30, previous_convictions: 0}
offences: [{description: Theft, mode_of_trial: summary, imprisonable: true}]
conditions:
  - {type: pet_ban, text: Not to keep a dog., species: Ms A's spaniel, purpose: [no_offending]}
"""


@pytest.fixture()
def pet_ban(monkeypatch: pytest.MonkeyPatch) -> None:
    types = dict(schema.CONDITION_TYPES)
    types["pet_ban"] = {"species": text("the animal not to be kept", personal="text")}
    monkeypatch.setattr(schema, "CONDITION_TYPES", types)


def test_a_new_condition_type_follows_everywhere(pet_ban, builtin_policy, tmp_path: Path) -> None:
    from bailcheck.documents.redact import redact
    from bailcheck.record.jsonschema import record_schema
    from bailcheck.record.source import parse
    from bailcheck.record.validate import validate
    from bailcheck.record.write import to_yaml
    from bailcheck.rules.policy import load_policy

    record = validate(parse(RECORD, "pet.yaml"))  # the validator accepts it
    assert record.conditions[0]["species"] == "Ms A's spaniel"
    assert "Ms A's spaniel" not in to_yaml(redact(record, builtin_policy))  # redaction follows
    titles = [c["title"] for c in record_schema()["properties"]["conditions"]["items"]["oneOf"]]
    assert "pet_ban condition" in titles  # the JSON Schema follows
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "pets.yaml").write_text(textwrap.dedent("""\
        rules:
          - id: pet-ban-needs-reason
            title: A pet ban needs a reason
            step: proportionality
            applies_to: [pet_ban]
            when: {fact: condition_type, eq: pet_ban}
            verdict: needs_justification
            message: Say why.
            citations: ["Bail Act 1976 s.3(6)"]
        """))
    policy = load_policy([rules])  # `policy validate` follows: the type and the fact value
    assert [r.id for r in policy.condition_rules("pet_ban")] == ["pet-ban-needs-reason"]


def _declarations(pattern: str) -> list[str]:
    return [f"{p.relative_to(SRC)}" for p in sorted(SRC.rglob("*.py"))
            if re.search(pattern, p.read_text(), re.MULTILINE)]


def test_verdicts_are_declared_once() -> None:
    # the five labels written out together anywhere but findings.Verdict would be a second list
    assert _declarations(r"UNLAWFUL\s*=") == ["findings.py"]
    assert _declarations(r"\"disproportionate\",\s*\"unenforceable\"") == []


def test_condition_types_are_declared_once() -> None:
    assert _declarations(r"\"electronic_monitoring\"") == ["record/schema.py"]
    assert _declarations(r"\"bail_hostel\"") == ["record/schema.py"]
