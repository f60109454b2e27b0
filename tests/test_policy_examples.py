"""Every rule carries a case where it fires and a close case where it must not; run them all."""

from __future__ import annotations

import re

import pytest
from tests.conftest import TODAY

from bailcheck import resources
from bailcheck.record.source import parse
from bailcheck.rules.examples import merge, run_example
from bailcheck.rules.policy import Example, load_policy

POLICY = load_policy([resources.builtin("policies")])
CASES = [(rule, ex) for rule in POLICY.rules for ex in rule.examples]


@pytest.mark.parametrize(("rule", "example"), CASES,
                         ids=[f"{r.id}_{e.name}" for r, e in CASES])
def test_rule_example(rule, example) -> None:
    result = run_example(rule, example, TODAY)
    assert result.fired is not None, f"invalid example at {result.where}:\n{result.error}"
    verb = "fire" if example.fires else "stay quiet"
    assert result.passed, f"{rule.id} should {verb} on {example.name} ({result.where})"


@pytest.mark.parametrize("rule", POLICY.rules, ids=[r.id for r in POLICY.rules])
def test_every_rule_has_a_firing_and_a_quiet_example(rule) -> None:
    assert {e.fires for e in rule.examples} == {True, False}, rule.where


@pytest.mark.parametrize("rule", POLICY.rules, ids=[r.id for r in POLICY.rules])
def test_every_rule_cites_law_and_says_verify_when_unverified(rule) -> None:
    assert rule.citations
    if rule.verify:
        fired = next(e for e in rule.examples if e.fires)
        assert "verify" in run_example(rule, fired, TODAY).message


# Street bail lies outside the Bail Act ("Nothing in the Bail Act 1976 applies in relation to bail
# under section 30A", PACE s.30C(3)): a rule that can fire on street bail and cites the Bail Act
# must also name the street-bail provision, or its finding cites law that does not apply.
STREET = parse("{stage: street, release: {power: s30A}, decision: {by_role: constable}}",
               "street.yaml")
STREET_LAW = re.compile(r"s\.30[A-D]")  # PACE ss.30A–30D


def _at_street(example: Example) -> Example:
    record = STREET if example.record is None else merge(example.record, STREET)
    return Example(example.name, True, record, example.condition, example.line)


def test_rules_firing_on_street_bail_cite_the_street_bail_provision() -> None:
    fired_at_street: set[str] = set()
    missing: set[str] = set()
    for rule, example in CASES:
        if example.fires and run_example(rule, _at_street(example), TODAY).fired:
            fired_at_street.add(rule.id)
            cited = " | ".join(rule.citations)
            if "Bail Act" in cited and not STREET_LAW.search(cited):
                missing.add(rule.id)
    assert len(fired_at_street) > 30  # the street variants are valid records that do fire
    assert not missing, "cite the street-bail provision too: " + ", ".join(sorted(missing))
