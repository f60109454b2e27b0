"""Hooks and shells: the pre-commit hooks run as pre-commit runs them, shell completion, a record
on standard input, --quiet and --verbose."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.conftest import RECORDS, ROOT, TODAY, write

HOOKS = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}


def entry(hook: dict[str, Any]) -> list[str]:
    """The hook's entry as pre-commit would start it: the installed `bailcheck` script (from the
    interpreter's own bin folder), else this interpreter running the package."""
    words = shlex.split(hook["entry"])
    found = shutil.which(words[0], path=str(Path(sys.executable).parent))
    return ([found] if found else [sys.executable, "-m", "bailcheck"]) + words[1:]


def run_hook(hook_id: str, candidates: list[str], cwd: Path = ROOT, files: str | None = None
             ) -> subprocess.CompletedProcess[str]:
    """Select files as pre-commit does (`files` and `exclude` searched in the path, `types:
    [yaml]`) and pass them to the entry in one subprocess."""
    hook = HOOKS[hook_id]
    pattern = re.compile(files or hook["files"])
    exclude = re.compile(hook.get("exclude", "^$"))
    chosen = [f for f in candidates if pattern.search(f) and not exclude.search(f)
              and f.endswith((".yaml", ".yml"))]
    assert chosen, "the hook would not run"
    return subprocess.run([*entry(hook), *hook.get("args", []), *chosen], cwd=cwd,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "NO_COLOR": "1"}, check=False)


def tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_hook_manifest_follows_pre_commit_conventions() -> None:
    assert set(HOOKS) == {"bailcheck-check", "bailcheck-policy-test"}
    for hook in HOOKS.values():
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python"  # pre-commit installs this package
        assert hook["types"] == ["yaml"]
        re.compile(hook["files"])


def test_check_hook_passes_on_clean_records_and_fails_on_findings() -> None:
    files = "^examples/"  # a project sets `files:` to its own records folder
    clean = run_hook("bailcheck-check", tree(ROOT), files=r"^examples/(clean|domestic)")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "2 records checked" in clean.stdout
    every = run_hook("bailcheck-check", tree(ROOT), files=files)
    assert every.returncode == 1  # picket-line and rui-with-conditions have findings
    assert "examples/picket-line.yaml — case LTL31-07" in every.stdout
    assert "4 records checked" in every.stdout


def test_check_hook_default_folder_is_records(tmp_path) -> None:
    write(tmp_path, "records/case.yaml", (RECORDS / "clean-reporting.yaml").read_text())
    write(tmp_path, ".github/workflows/ci.yaml", "on: push\n")  # not a record: not selected
    result = run_hook("bailcheck-check", tree(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 record checked" in result.stdout
    write(tmp_path, "records/bad.yaml", "bailcheck: 1\n")
    result = run_hook("bailcheck-check", tree(tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    assert "records/bad.yaml:1:1: `case` is required" in result.stdout


def test_policy_hook_passes_on_the_built_in_rule_files() -> None:
    result = run_hook("bailcheck-policy-test", tree(ROOT))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert " 0 failed" in result.stdout


def test_policy_hook_fails_on_a_rule_without_a_quiet_example(tmp_path) -> None:
    from tests.test_coverage import RULE

    write(tmp_path, "policies/curfew.yaml", RULE)
    result = run_hook("bailcheck-policy-test", tree(tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    assert "lacks an example where it stays quiet" in result.stdout


# -- shells

def app_process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    code = "from bailcheck.cli.app import app; app(prog_name='bailcheck')"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=60, env={**os.environ, **(env or {})}, check=False)


def test_show_completion_bash() -> None:
    result = app_process("--show-completion", "bash")
    assert result.returncode == 0, result.stderr
    assert "complete -o default -F _bailcheck_completion bailcheck" in result.stdout


def test_completion_offers_options_and_formats() -> None:
    def complete(words: str) -> list[str]:
        cword = str(len(words.split()) - (0 if words.endswith(" ") else 1))
        return app_process(env={"_BAILCHECK_COMPLETE": "complete_bash", "COMP_WORDS": words,
                                "COMP_CWORD": cword}).stdout.split()

    assert "--format" in complete("bailcheck check --fo")
    assert complete("bailcheck check --format ") == ["text", "json", "sarif", "github",
                                                     "gitlab", "junit"]
    assert complete("bailcheck check --fail-on un") == ["unlawful", "unenforceable"]


# -- standard input

def with_input(text: str, *args: str) -> Any:
    from typer.testing import CliRunner

    from bailcheck.cli.app import app

    return CliRunner().invoke(app, ["check", "--as-of", TODAY.isoformat(), *args], input=text,
                              catch_exceptions=False)


def test_a_record_on_standard_input(run) -> None:
    text = (RECORDS / "clean-reporting.yaml").read_text()
    result = with_input(text, "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<stdin> — case SX/24/00001\n")
    result = with_input(text, "-", "--format", "json")
    assert json.loads(result.stdout)["records"][0]["path"] == "<stdin>"


def test_standard_input_end_to_end_in_a_ci_format() -> None:
    picket = (RECORDS / "picket-line.yaml").read_bytes()
    result = subprocess.run([sys.executable, "-m", "bailcheck", "check", "-", "--format",
                             "sarif", "--as-of", TODAY.isoformat()], input=picket,
                            capture_output=True, timeout=60, check=False, cwd=ROOT)
    assert result.returncode == 1
    results = json.loads(result.stdout)["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"%3Cstdin%3E"}


def test_a_broken_record_on_standard_input(run) -> None:
    result = with_input("bailcheck: 1\ncase: [unclosed\n", "-")
    assert result.exit_code == 2
    assert "<stdin>:3:1: YAML syntax error" in result.stdout


# -- quiet and verbose

def test_quiet_prints_only_the_summary_and_errors(run, tmp_path) -> None:
    broken = write(tmp_path, "broken.yaml", "bailcheck: 1\n")
    result = run("check", "--as-of", TODAY.isoformat(), "-q", "examples", str(broken))
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0] == f"{broken}: cannot be checked"
    assert lines[-1].startswith("5 records checked;")
    assert "picket-line" not in result.stdout and "DISPROPORTIONATE" not in result.stdout
    assert result.stderr == ""


def test_verbose_names_the_rules_used(run) -> None:
    result = run("check", "--as-of", TODAY.isoformat(), "--verbose", "--no-config",
                 "examples/clean-reporting.yaml")
    assert result.exit_code == 0
    assert "bailcheck: rules from " in result.stderr and "in force, policy digest" in result.stderr


def test_quiet_and_verbose_together_are_refused(run) -> None:
    result = run("check", "-q", "-v", "examples/clean-reporting.yaml")
    assert result.exit_code == 2
    assert "--quiet and --verbose cannot be used together" in result.stderr


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab", "junit"])
def test_quiet_leaves_documents_complete(run, fmt) -> None:
    loud = run("check", "--as-of", TODAY.isoformat(), "examples", "--format", fmt)
    quiet = run("check", "--as-of", TODAY.isoformat(), "examples", "--format", fmt, "-q")
    assert quiet.stdout == loud.stdout
