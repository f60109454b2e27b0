"""`bailcheck schema`: every record in the project validates against it; an unknown key fails."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from tests.conftest import ROOT


class Yaml12Loader(yaml.SafeLoader):
    """Reads scalars as a YAML 1.2 editor does: no timestamps, no base-60 numbers."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp",)
            and not (tag == "tag:yaml.org,2002:int" and regex.match("19:00"))]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))

RECORDS = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/cases/*.yaml")])


@pytest.fixture(scope="module")
def validator(tmp_path_factory: pytest.TempPathFactory):
    from typer.testing import CliRunner

    from bailcheck.cli.app import app

    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@pytest.mark.parametrize("path", RECORDS, ids=[p.name for p in RECORDS])
def test_every_record_validates(validator, path: Path) -> None:
    data = yaml.load(path.read_text(), Loader=Yaml12Loader)
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


def test_unknown_key_fails(validator) -> None:
    text = (ROOT / "examples" / "clean-reporting.yaml").read_text().replace(
        "previous_convictions: 0", "previous_convicions: 0")
    data = yaml.load(text, Loader=Yaml12Loader)
    messages = [e.message for e in validator.iter_errors(data)]
    assert any("previous_convicions" in m and "not allowed" in m for m in messages)


def test_wrong_condition_field_fails(validator) -> None:
    text = (ROOT / "examples" / "clean-reporting.yaml").read_text().replace(
        "    station: Sampleport", "    radius_m: 5\n    station: Sampleport")
    errors = list(validator.iter_errors(yaml.load(text, Loader=Yaml12Loader)))
    assert errors and all(e.path and list(e.path)[:2] == ["conditions", 0] for e in errors)
