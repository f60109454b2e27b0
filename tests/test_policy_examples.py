"""Every rule carries a case where it fires and a close case where it must not; run them all."""

from __future__ import annotations

import pytest
from tests.conftest import TODAY

from bailcheck import resources
from bailcheck.rules.examples import run_example
from bailcheck.rules.policy import load_policy

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
