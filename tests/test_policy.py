"""Rule files: validated at file:line:col in the policy team's words; layered; unable to run code."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from tests.conftest import RECORDS, deny_reading, run_json, write

from bailcheck import resources
from bailcheck.errors import BailcheckError, PolicyError
from bailcheck.rules.policy import load_policy

BUILTIN = resources.builtin("policies")

RULE = """\
rules:
  - id: long-curfew-review
    title: A curfew of more than 10 hours needs review
    step: proportionality
    applies_to: [curfew]
    when: {fact: curfew_hours, gt: 10}
    verdict: needs_justification
    message: The curfew lasts {curfew_hours} hours.
    citations: ["Force bail policy 2026, para 4"]
"""


def errors(tmp_path: Path, text: str) -> list[str]:
    write(tmp_path, "local/rules.yaml", text)
    with pytest.raises(PolicyError) as info:
        load_policy([BUILTIN, tmp_path / "local"])
    return [line.replace(str(tmp_path) + "/", "") for line in str(info.value).splitlines()]


def test_a_valid_local_rule_is_added(tmp_path: Path) -> None:
    write(tmp_path, "local/rules.yaml", RULE)
    policy = load_policy([BUILTIN, tmp_path / "local"])
    assert policy.get("long-curfew-review").source.endswith("local/rules.yaml")
    assert len(policy.sources) == 2


@pytest.mark.parametrize(("change", "expected"), [
    (("fact: curfew_hours", "fact: curfew_hour"),
     'local/rules.yaml:6:18: unknown fact "curfew_hour" (did you mean `curfew_hours`?)'),
    (("gt: 10", "greater: 10"),
     "local/rules.yaml:6:32: unknown operator `greater` (allowed: is, eq, ne"),
    (("gt: 10", "is: true"),
     "local/rules.yaml:6:32: `is` does not apply to curfew_hours, which is a number"),
    (("gt: 10", "gt: ten"), "local/rules.yaml:6:36: expected a number, not `ten`"),
    (("verdict: needs_justification", "verdict: note"),
     "local/rules.yaml:7:14: a condition rule cannot give `note`"),
    (("citations: [\"Force bail policy 2026, para 4\"]", "citations: []"),
     "local/rules.yaml:9:16: a rule must cite its source"),
    (("    title:", "    titel:"), "local/rules.yaml:3:5: unknown key `titel` (did you mean `title`?)"),
    (("{curfew_hours} hours", "{curfew_length} hours"),
     "local/rules.yaml:8:14: message refers to unknown fact {curfew_length}"),
    (("applies_to: [curfew]", "applies_to: [curfews]"),
     "local/rules.yaml:5:17: `curfews` is not a condition type (did you mean `curfew`?)"),
    (("id: long-curfew-review", "id: Long Curfew"),
     "local/rules.yaml:2:9: rule id `Long Curfew` must be lower-case words joined by hyphens"),
])
def test_each_kind_of_rule_error_is_located(tmp_path: Path, change, expected: str) -> None:
    got = errors(tmp_path, RULE.replace(*change))
    assert any(line.startswith(expected) for line in got), got


def test_record_rule_cannot_read_condition_facts(tmp_path: Path) -> None:
    text = RULE.replace("applies_to: [curfew]", "applies_to: [record]")
    text = text.replace("verdict: needs_justification", "verdict: note")
    got = errors(tmp_path, text.replace("{curfew_hours}", "many"))
    assert got == [('local/rules.yaml:6:18: fact "curfew_hours" describes a condition; a record '
                   "rule cannot read it (apply the rule to conditions, or use a record fact)")]


def test_duplicate_id_needs_override(tmp_path: Path) -> None:
    got = errors(tmp_path, RULE.replace("long-curfew-review", "curfew-16-hours-or-more"))
    assert len(got) == 1
    assert got[0].startswith("local/rules.yaml:2:9: rule `curfew-16-hours-or-more` is already "
                             "defined at ")
    assert got[0].endswith("(set `override: true` to replace it, or choose another id)")


def test_override_of_nothing_and_disable_of_nothing(tmp_path: Path) -> None:
    got = errors(tmp_path, RULE.replace("    title:", "    override: true\n    title:")
                 + "disable:\n  - id: curfew-sixteen\n    reason: local policy\n")
    assert got[0].startswith("local/rules.yaml:3:15: rule `long-curfew-review` overrides nothing")
    assert got[1].startswith("local/rules.yaml:12:5: cannot disable `curfew-sixteen`: no such rule")


@pytest.mark.parametrize("hostile", [
    "when: {fact: __class__, is: true}",
    "when: {fact: curfew_hours.__class__, is: true}",
    "when: \"__import__('os').system('touch pwned')\"",
    "when: {fact: curfew_hours, gt: !!python/object/apply:os.system [\"touch pwned\"]}",
    "when: {fact: curfew_hours, __getattribute__: x}",
    "when: {eval: \"1+1\"}",
])
def test_a_rule_cannot_reach_python(tmp_path: Path, hostile: str) -> None:
    write(tmp_path, "local/rules.yaml", RULE.replace("when: {fact: curfew_hours, gt: 10}", hostile))
    with pytest.raises(BailcheckError):
        load_policy([BUILTIN, tmp_path / "local"])
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()


def test_a_rule_file_dropped_in_is_applied_by_check(tmp_path: Path, run) -> None:
    write(tmp_path, "local/rules.yaml", RULE)
    record = (RECORDS / "clean-reporting.yaml").read_text().replace(
        "conditions:\n", "conditions:\n  - {id: c2, type: curfew, text: Curfew 19:00-07:00., "
        "address: 7 Quay Street, from: '19:00', to: '07:00', purpose: [surrender], "
        "reason: Failed to surrender twice.}\n", 1)
    path = write(tmp_path, "case.yaml", record)
    code_before, before = run_json(run, str(path))
    code_after, after = run_json(run, str(path), "--policy", str(tmp_path / "local"))
    assert (code_before, code_after) == (0, 0)  # needs_justification is below the default fail-on
    def rules(out: dict) -> set[str]:
        curfew = next(c for c in out["records"][0]["conditions"] if c["id"] == "c2")
        return {f["rule"] for f in curfew["findings"]}

    assert "long-curfew-review" in rules(after)
    assert "long-curfew-review" not in rules(before)


def test_override_and_disable_change_the_verdict(tmp_path: Path, run) -> None:
    override = textwrap.dedent("""\
        rules:
          - id: exclusion-own-workplace
            override: true
            title: Own-workplace exclusions need justification in this force
            step: proportionality
            applies_to: [exclusion]
            when: {fact: covers_workplace, is: true}
            verdict: needs_justification
            message: Workplace exclusions must be justified.
            citations: ["ECHR Art 8"]
        disable:
          - id: necessity-no-evidence-police
            reason: Trial of a new necessity policy.
            review_by: 2027-01-31
        """)
    write(tmp_path, "local/rules.yaml", override)
    code, out = run_json(run, "examples/picket-line.yaml", "--policy", str(tmp_path / "local"))
    c1 = out["records"][0]["conditions"][0]
    assert c1["verdict"] == "needs_justification"
    assert "necessity-no-evidence-police" not in {f["rule"] for f in c1["findings"]}
    assert code == 1  # c2 and c3 are still disproportionate blanket bans
    listing = run("policy", "list", "--policy", str(tmp_path / "local")).stdout
    line = next(x for x in listing.splitlines() if x.startswith("exclusion-own-workplace "))
    assert "needs_justification" in line and "(overrides " in line
    assert "disabled: necessity-no-evidence-police" in listing
    assert not any(x.startswith("necessity-no-evidence-police ") for x in listing.splitlines())


def test_policy_dir_that_is_not_a_directory(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="not a directory of rule files"):
        load_policy([BUILTIN, tmp_path / "missing"])


def test_effective_dates_pick_the_rule_by_arrest_date(builtin_policy) -> None:
    rule = builtin_policy.get("victim-views-not-sought")
    assert rule.effective_from is not None and rule.effective_from.isoformat() == "2022-10-28"
    assert rule.basis == "arrest"
    # its examples sit on both sides of the cut-over: one fires, one stays quiet by date alone
    fires = {e.name: e.fires for e in rule.examples}
    assert fires["fires_after_cut_over"] is True and fires["quiet_before_cut_over"] is False


def test_rule_past_its_review_date_is_a_warning(tmp_path: Path, run) -> None:
    write(tmp_path, "local/rules.yaml", RULE + "    review_by: 2026-01-31\n")
    result = run("policy", "validate", str(tmp_path / "local"), "--as-of", "2026-11-28")
    assert result.exit_code == 0
    assert "rule `long-curfew-review` was due for review by 2026-01-31" in result.stderr
    result = run("policy", "validate", str(tmp_path / "local"), "--as-of", "2026-01-31")
    assert "warning" not in result.stderr


def test_rules_loaded_without_examples_are_the_same_rules() -> None:
    from bailcheck import resources
    from bailcheck.rules.policy import load_policy, without_examples

    full = load_policy([resources.builtin("policies")])
    lean = load_policy([resources.builtin("policies")], examples=False)
    assert lean.digest == full.digest  # the digest is of the files as written
    assert [(r.id, r.line, r.when, r.message, r.citations, r.verdict) for r in lean.rules] == [
        (r.id, r.line, r.when, r.message, r.citations, r.verdict) for r in full.rules]
    assert all(r.examples for r in full.rules) and not any(r.examples for r in lean.rules)
    text = "rules:\n  - id: a\n    examples:\n      - name: x\n\n        fires: true\n    title: t\n"
    assert without_examples(text).split("\n") == [
        "rules:", "  - id: a", "", "", "", "", "    title: t", ""]


@pytest.mark.parametrize(("value", "shape"), [("[x]", "a list"), ("x", "a single value")])
def test_an_example_record_that_is_not_a_mapping_is_reported(tmp_path: Path, run, value: str,
                                                             shape: str) -> None:
    example = ("    examples:\n      - name: odd\n        fires: true\n"
               f"        record: {value}\n        condition: {{type: curfew, text: Curfew.}}\n")
    path = write(tmp_path, "local/rules.yaml", RULE + example)
    for command in ("validate", "test"):
        result = run("policy", command, str(tmp_path / "local"), "--as-of", "2026-11-28")
        assert result.exit_code in (1, 2) and "internal error" not in result.output
        assert (f"{path}:13:17: an example's `record:` must be a mapping of record fields, not "
                f"{shape}") in result.output
    # a mapping, even one that changes nothing, is laid over the base record as before
    write(tmp_path, "local/rules.yaml", RULE + example.replace(f"record: {value}", "record: {}"))
    assert "must be a mapping" not in run("policy", "test", str(tmp_path / "local")).output


def test_a_rule_folder_it_may_not_read_is_refused_not_read_as_empty(tmp_path: Path, run,
                                                                    monkeypatch) -> None:
    folder = tmp_path / "local"
    write(tmp_path, "local/rules.yaml", RULE)
    deny_reading(monkeypatch, folder)
    for command in ("validate", "test"):
        result = run("policy", command, str(folder))
        assert result.exit_code == 2, result.output  # a CI job must not pass on it
        assert "is not readable" in result.output and "OK:" not in result.output


def test_a_folder_with_no_examples_is_named(tmp_path: Path, run) -> None:
    write(tmp_path, "local/rules.yaml", "rules: []\n")
    result = run("policy", "test", str(tmp_path / "local"))
    assert result.exit_code == 2
    assert f"no examples found in {tmp_path / 'local'}: add `examples:`" in result.output


def test_a_rule_folder_it_may_not_read_is_refused_however_it_is_named(tmp_path: Path,
                                                                      monkeypatch) -> None:
    folder = tmp_path / "local"
    write(tmp_path, "local/rules.yaml", RULE)
    # the loader's own check, so a folder from the configuration file is refused too
    deny_reading(monkeypatch, folder)
    with pytest.raises(PolicyError, match="cannot read this folder of rule files"):
        load_policy([BUILTIN, folder])
