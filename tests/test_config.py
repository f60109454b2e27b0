"""Configuration discovery: bailcheck.toml or [tool.bailcheck] in pyproject.toml, found from the
working directory up; the command line wins; unknown keys and bad values at file:line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import RECORDS, TODAY, write

from bailcheck.config import discover, load
from bailcheck.errors import UsageError

FORCE_RULE = """\
rules:
  - id: force-adults-flagged
    title: Every adult's record is flagged by the force
    step: record
    applies_to: [record]
    when: {fact: age, ge: 18}
    verdict: unlawful
    message: The force flags every adult's record.
    citations: ["Force bail policy 2026, para 1"]
"""


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with its rules at the top and the working directory two folders down."""
    write(tmp_path, "proj/rules/force.yaml", FORCE_RULE)
    write(tmp_path, "proj/cases/clean.yaml", (RECORDS / "clean-reporting.yaml").read_text())
    write(tmp_path, "proj/cases/picket.yaml", (RECORDS / "picket-line.yaml").read_text())
    (tmp_path / "proj/a/b").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "proj/a/b")
    return tmp_path / "proj"


def check(run: Any, *args: str) -> Any:
    return run("check", "--as-of", TODAY.isoformat(), *args)


def rules_fired(result: Any) -> set[str]:
    out = json.loads(result.stdout)
    return {f["rule"] for r in out["records"] for f in r["findings"]} | {
        f["rule"] for r in out["records"] for c in r["conditions"] for f in c["findings"]}


def test_a_config_two_folders_up_is_found_and_its_policy_applied(run, project) -> None:
    write(project, "bailcheck.toml", 'policy = ["rules"]\n')
    assert discover() == project / "bailcheck.toml"
    clean = str(project / "cases/clean.yaml")
    result = check(run, clean, "--format", "json")
    assert "force-adults-flagged" in rules_fired(result)  # the folder is relative to the file
    assert result.exit_code == 1
    ignored = check(run, clean, "--format", "json", "--no-config")
    assert "force-adults-flagged" not in rules_fired(ignored)
    assert ignored.exit_code == 0


def test_the_command_line_wins(run, project) -> None:
    write(project, "bailcheck.toml", 'fail_on = "unlawful"\nformat = "json"\njobs = 2\n')
    picket = str(project / "cases/picket.yaml")
    result = check(run, picket)
    assert result.exit_code == 0  # disproportionate is below the configured fail_on
    json.loads(result.stdout)  # the configured format
    result = check(run, picket, "--fail-on", "disproportionate", "--format", "text")
    assert result.exit_code == 1
    assert "DISPROPORTIONATE" in result.stdout


def test_verbose_says_which_file_was_used(run, project) -> None:
    write(project, "bailcheck.toml", 'policy = "rules"\n')
    result = check(run, str(project / "cases/clean.yaml"), "--verbose")
    assert f"configuration from {project / 'bailcheck.toml'}" in result.stderr
    assert str(project / "rules") in result.stderr
    result = check(run, str(project / "cases/clean.yaml"), "-v", "--no-config")
    assert "configuration files ignored (--no-config)" in result.stderr


def test_pyproject_tool_table_is_found(run, project) -> None:
    write(project, "pyproject.toml", '[project]\nname = "x"\n\n[tool.bailcheck]\n'
          'policy = ["rules"]\n')
    assert discover() == project / "pyproject.toml"
    result = check(run, str(project / "cases/clean.yaml"), "--format", "json")
    assert "force-adults-flagged" in rules_fired(result)


def test_nearest_wins_and_bailcheck_toml_before_pyproject(project) -> None:
    write(project, "bailcheck.toml", "jobs = 1\n")
    write(project, "a/pyproject.toml", "[tool.bailcheck]\njobs = 2\n")
    assert discover() == project / "a/pyproject.toml"
    write(project, "a/bailcheck.toml", "jobs = 3\n")
    assert load(discover()).values == {"jobs": 3}  # type: ignore[arg-type]
    write(project, "a/b/pyproject.toml", '[project]\nname = "no tool table"\n')
    assert discover() == project / "a/bailcheck.toml"  # a pyproject without the table is passed


@pytest.mark.parametrize(("text", "message"), [
    ('jobs = 2\nfail-on = "unlawful"\n',
     "bailcheck.toml:2:1: unknown key `fail-on` in bailcheck.toml (did you mean `fail_on`?)"),
    ('jobs = 1\n  policys = ["rules"]\n',
     "bailcheck.toml:2:3: unknown key `policys` in bailcheck.toml (did you mean `policy`?)"),
    ('\n\nfail_on = "worst"\n',
     "bailcheck.toml:3:1: `fail_on` must be a verdict, not 'worst' (allowed: unlawful,"),
    ('format = "sarf"\n',
     "bailcheck.toml:1:1: `format` must be one of check's formats, not 'sarf'"),
    ("jobs = 0\n", "bailcheck.toml:1:1: `jobs` must be a whole number from 1 to 64, not 0"),
    ('policy = ["nowhere"]\n', "bailcheck.toml:1:1: policy folder `nowhere` does not exist"),
    ("[check]\njobs = 2\n",
     "bailcheck.toml:1:1: unknown key `check` in bailcheck.toml (allowed: policy, fail_on,"),
    ('jobs = 2\npolicy = [\n', "bailcheck.toml:2:11: not valid TOML: Invalid value"),
])
def test_bad_settings_are_reported_at_file_and_line(run, project, text, message) -> None:
    write(project, "bailcheck.toml", text)
    result = check(run, str(project / "cases/clean.yaml"))
    assert result.exit_code == 2
    assert result.stderr.replace(str(project) + "/", "").startswith(message), result.stderr
    assert "Traceback" not in result.output


def test_an_unknown_key_in_pyproject_is_placed_in_its_table(project) -> None:
    write(project, "pyproject.toml", '[project]\nname = "x"\njobs = 5\n\n[tool.bailcheck]\n'
          "jobs = 2\ntemplate = 'x'\n")
    with pytest.raises(UsageError) as info:
        load(project / "pyproject.toml")
    assert str(info.value) == (f"{project / 'pyproject.toml'}:7:1: unknown key `template` in "
                               "[tool.bailcheck] (did you mean `templates`?)")


def test_templates_and_policy_resolve_against_the_file(project) -> None:
    (project / "tpl").mkdir()
    write(project, "bailcheck.toml", 'policy = ["rules", "./rules/../rules"]\ntemplates = "tpl"\n')
    config = load(project / "bailcheck.toml")
    assert config.values == {"policy": [project / "rules", project / "rules"],
                             "templates": project / "tpl"}


def test_policy_commands_use_the_configured_folders(run, project) -> None:
    write(project, "bailcheck.toml", 'policy = ["rules"]\n')
    assert "force-adults-flagged" in run("policy", "list").stdout
    assert "force-adults-flagged" not in run("policy", "list", "--no-config").stdout
    result = run("policy", "show", "force-adults-flagged")
    assert result.exit_code == 0, result.output
