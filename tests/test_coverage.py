"""Rule coverage: every rule needs an example where it fires and one where it stays quiet, and
`policy test --coverage` reports which `when:` branches the examples reach."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import TODAY, write

from bailcheck.rules.examples import nodes, reach, run_all
from bailcheck.rules.policy import Policy, load_policy

CURFEW = ('{type: curfew, text: Curfew 20:00 to 07:00., address: 1 Example Road, from: "20:00", '
          'to: "07:00", purpose: [no_offending], reason: Night-time offences.}')
SHORT = CURFEW.replace('"20:00"', '"21:00"').replace("20:00 to", "21:00 to")

RULE = f"""\
rules:
  - id: curfew-review
    title: A curfew of more than 10 hours needs an inspector's review
    step: proportionality
    applies_to: [curfew]
    when:
      all:
        - {{fact: police_bail, is: true}}
        - any:
            - {{fact: curfew_hours, gt: 10}}
            - not: {{fact: curfew_has_address, is: true}}
    verdict: needs_justification
    message: The curfew lasts {{curfew_hours}} hours a day.
    citations: ["Force bail policy (2026), para 4.2"]
    examples:
      - name: fires_at_eleven_hours
        fires: true
        condition: {CURFEW}
"""
QUIET = f"""\
      - name: quiet_at_ten_hours
        fires: false
        condition: {SHORT}
"""


def rules_dir(tmp_path: Path, text: str) -> Path:
    write(tmp_path, "force-rules/curfew.yaml", text)
    return tmp_path / "force-rules"


def test_the_built_in_rules_all_have_both_examples_and_pass(run) -> None:
    result = run("policy", "test", "--as-of", TODAY.isoformat())
    assert result.exit_code == 0, result.stdout[-2000:]
    assert " lacks " not in result.stdout


def test_a_rule_without_a_quiet_example_fails(run, tmp_path, monkeypatch) -> None:
    rules_dir(tmp_path, RULE)
    monkeypatch.chdir(tmp_path)
    result = run("policy", "test", "force-rules")
    assert result.exit_code == 1, result.output
    assert result.stdout == (
        "PASS curfew-review fires_at_eleven_hours\n1 passed, 0 failed\n"
        "FAIL curfew-review (force-rules/curfew.yaml:2) lacks an example where it stays quiet "
        "(`fires: false`)\n")
    rules_dir(tmp_path, RULE + QUIET)
    assert run("policy", "test", "force-rules").exit_code == 0


def test_a_rule_without_examples_lacks_both(run, tmp_path, monkeypatch) -> None:
    rules_dir(tmp_path, RULE[:RULE.index("    examples:")] + "    examples: []\n"
              + "  - id: other\n" + RULE[RULE.index("    title:"):])
    monkeypatch.chdir(tmp_path)
    result = run("policy", "test", "force-rules")
    assert result.exit_code == 1
    assert ("FAIL curfew-review (force-rules/curfew.yaml:2) lacks an example where it fires "
            "(`fires: true`) and an example where it stays quiet (`fires: false`)") in result.stdout


def test_coverage_reports_branches_per_rule_file_and_total(run, tmp_path, monkeypatch) -> None:
    rules_dir(tmp_path, RULE + QUIET)
    monkeypatch.chdir(tmp_path)
    result = run("policy", "test", "force-rules", "--coverage")
    assert result.exit_code == 0, result.output
    # the firing example stops at curfew_hours; the quiet one also tests the `not:`
    assert "force-rules/curfew.yaml: 6/6 branches (100.0%)\n" in result.stdout
    assert "  curfew-review (line 2): 6/6\n" in result.stdout
    assert result.stdout.endswith("Total: 6/6 branches (100.0%) in 1 rules; 1 of them with an "
                                  "example where it fires and one where it stays quiet\n")


def test_an_unreached_branch_is_shown_and_fail_under_fails(run, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    # a rule whose examples never get past the record-level gate
    gate = RULE.replace("fires: true", "fires: false").replace(
        "- {fact: police_bail, is: true}", "- {fact: police_bail, is: false}")
    rules_dir(tmp_path, gate + QUIET.replace("quiet_at", "also_quiet_at"))
    result = run("policy", "test", "force-rules", "--coverage", "--fail-under", "50")
    assert "  curfew-review (line 2): 2/6\n" in result.stdout
    assert ("    [x] all of these (line 8)\n    [x]   police_bail is false (line 8)\n"
            "    [ ]   any of these (line 10)\n") in result.stdout
    assert result.exit_code == 1
    assert "coverage 33.3% is under --fail-under 50%" in result.stderr


def test_coverage_as_json(run, tmp_path, monkeypatch) -> None:
    rules_dir(tmp_path, RULE + QUIET)
    monkeypatch.chdir(tmp_path)
    result = run("policy", "test", "force-rules", "--coverage", "--format", "json")
    assert result.exit_code == 0
    out: dict[str, Any] = json.loads(result.stdout)
    assert out["summary"] == {"passed": 2, "failed": 0}
    assert out["lacking"] == []
    (file,) = out["coverage"]["files"]
    assert file["path"] == "force-rules/curfew.yaml" and file["percent"] == 100.0
    (rule,) = file["rules"]
    assert [(b["branch"], b["test"], b["reached"]) for b in rule["when"]] == [
        ("when", "all of these", True), ("0", "police_bail is true", True),
        ("1", "any of these", True), ("1.0", "curfew_hours is more than 10", True),
        ("1.1", "none of these", True), ("1.1.0", "curfew_has_address is true", True)]
    assert out["coverage"]["percent"] == 100.0


def test_a_rule_file_can_be_named_alone(run, tmp_path, monkeypatch) -> None:
    rules_dir(tmp_path, RULE + QUIET)
    write(tmp_path, "force-rules/other.yaml", RULE.replace("curfew-review", "other-review"))
    monkeypatch.chdir(tmp_path)
    result = run("policy", "test", "force-rules/curfew.yaml")
    assert result.exit_code == 0, result.output
    assert "other-review" not in result.stdout
    assert run("policy", "test", "force-rules/other.yaml").exit_code == 1
    missing = run("policy", "test", "force-rules/nope.yaml")
    assert missing.exit_code == 2
    assert "force-rules/nope.yaml: no such rule file or folder" in missing.stderr


@pytest.fixture(scope="module")
def builtin(builtin_policy: Policy) -> Policy:
    return builtin_policy


def test_the_walk_reaches_only_nodes_of_the_tree_and_whatever_fires_reached_its_tests(
        builtin: Policy) -> None:
    results = run_all(builtin, TODAY)
    by_rule = {r.id: r for r in builtin.rules}
    for result in results:
        rule = by_rule[result.rule]
        paths = {path for path, _ in nodes(rule.when)}
        assert result.reached <= paths, result.rule
        if result.fired:  # every test the engine needed was evaluated; the root always
            assert () in result.reached


def test_the_walk_follows_the_engines_gate_first_order(tmp_path) -> None:
    write(tmp_path, "r/rule.yaml", RULE + QUIET)
    policy = load_policy([tmp_path / "r"])
    (rule,) = [r for r in policy.rules if r.id == "curfew-review"]
    quiet = next(r for r in run_all(policy, TODAY) if r.name == "quiet_at_ten_hours")
    assert quiet.reached == {(), (0,), (1,), (1, 0), (1, 1), (1, 1, 0)}
    assert reach is not None and rule.gate is not None
