"""The compiled form of the rules (rules/compiled.py) against the `when:` tree it is built from.

The tree's `test` methods are the reference meaning of a rule; the engine applies the closures.
These tests run both over every built-in rule on every record we have (the examples, the test
cases and each rule's own examples) and fail on the first disagreement.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import ROOT, TODAY

from bailcheck.engine import evaluate
from bailcheck.errors import BailcheckError
from bailcheck.facts.registry import FACTS, Context
from bailcheck.record.validate import Record, load_record
from bailcheck.rules import examples
from bailcheck.rules.compiled import VERIFY, compile_test
from bailcheck.rules.matcher import OPERATORS, Group, Leaf
from bailcheck.rules.policy import Policy, Rule

CASE_FILES = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "tests" / "cases")
                                                                 .glob("*.yaml"))


def _records(policy: Policy) -> Iterator[tuple[str, Record]]:
    for path in CASE_FILES:
        try:
            yield str(path.relative_to(ROOT)), load_record(path)
        except BailcheckError:
            continue  # a case that is meant not to validate
    for rule in policy.rules:
        for example in rule.examples:
            try:
                yield f"{rule.id}: {example.name}", examples.build_record(rule, example)
            except BailcheckError:
                continue


@pytest.fixture(scope="module")
def records(builtin_policy: Policy) -> list[tuple[str, Record]]:
    found = list(_records(builtin_policy))
    assert len(found) > 200  # the cases and the rules' examples
    return found


def _outcome(test: Callable[[Any], Any], ctx: Any) -> Any:
    """The answer, or the kind of error raised (both forms must raise alike)."""
    try:
        return test(ctx)
    except Exception as exc:  # noqa: BLE001
        return type(exc)


def _contexts(record: Record, rule: Rule) -> Iterator[Context]:
    if rule.record_level:
        yield Context(record, TODAY)
        return
    for cond in record.conditions:
        if "any" in rule.applies_to or cond["type"] in rule.applies_to:
            yield Context(record, TODAY).for_condition(cond)


def test_every_node_of_every_rule_agrees_with_the_tree(builtin_policy: Policy,
                                                         records: list[tuple[str, Record]]
                                                         ) -> None:
    compiled = {id(node): compile_test(node) for rule in builtin_policy.rules
                for _path, node in examples.nodes(rule.when)}
    answers: dict[Any, int] = {}
    for where, record in records:
        for rule in builtin_policy.rules:
            for ctx in _contexts(record, rule):
                for path, node in examples.nodes(rule.when):
                    got = _outcome(compiled[id(node)], ctx)
                    want = _outcome(node.test, ctx)
                    assert got == want and type(got) is type(want), (where, rule.id, path)
                    answers[got] = answers.get(got, 0) + 1
    assert answers.get(True) and answers.get(False)  # not a comparison of nothing


def test_every_rule_fires_exactly_when_the_tree_says(builtin_policy: Policy,
                                                       records: list[tuple[str, Record]]) -> None:
    fired = quiet = 0
    for where, record in records:
        for rule in builtin_policy.rules:
            for ctx in _contexts(record, rule):
                tree = rule.in_force(ctx) and rule.when.test(ctx)
                assert rule.compiled.fires(ctx) is tree, (where, rule.id)
                split = rule.applies(ctx) and rule.fires_on(ctx)
                assert split is tree, (where, rule.id)
                if not tree:
                    quiet += 1
                    continue
                fired += 1
                finding = rule.finding(ctx)
                message = rule.fill(rule.message, ctx) + (VERIFY if rule.verify else "")
                assert finding.message == message, (where, rule.id)
                assert finding.alternative == rule.fill(rule.alternative, ctx), (where, rule.id)
                assert (finding.rule, finding.verdict, finding.citations, finding.step,
                        finding.verify, finding.title) == (rule.id, rule.verdict, rule.citations,
                                                           rule.step, rule.verify, rule.title)
    assert fired > 100 and quiet > 1000


def test_the_engine_reports_what_the_tree_finds(builtin_policy: Policy,
                                                records: list[tuple[str, Record]]) -> None:
    for where, record in records:
        report = evaluate(record, builtin_policy, TODAY)
        got = {(c.id, f.rule) for c in report.conditions for f in c.findings} | {
            ("", f.rule) for f in report.findings}
        want = set()
        for rule in builtin_policy.rules:
            for ctx in _contexts(record, rule):
                if rule.in_force(ctx) and rule.when.test(ctx):
                    want.add((ctx.condition.get("id", ""), rule.id))
        assert got == want, where


VALUES: list[Any] = [None, 0, 1, 16, 2.5, -1, "", "a", "picketing", "Protest at the gate",
                     [], ["a"], ["a", "b"], True, False, date(2024, 1, 1), date(2030, 6, 1)]
OPERANDS: dict[str, list[Any]] = {
    "bool": [True, False],
    "scalar": [0, 1, 16, 2.5, "a", "", date(2024, 1, 1)],
    "number": [0, 1, 16, 2.5, date(2025, 1, 1)],
    "list": [["a"], ["a", "b"], [1, 16], ["protest", "gate"]],
}


@pytest.mark.parametrize("op", sorted(OPERATORS))
def test_each_operator_agrees_with_the_tree_on_every_kind_of_value(op: str) -> None:
    shape = OPERATORS[op][2]
    for operand in OPERANDS[shape]:
        leaf = Leaf("x", op, operand, 1, 1)
        for node in (leaf, Group("not", (leaf,))):
            test = compile_test(node)
            for value in VALUES:
                ctx = {"x": value}
                got, want = _outcome(test, ctx), _outcome(node.test, ctx)
                assert got == want and type(got) is type(want), (op, operand, value)


@pytest.mark.parametrize("width", [1, 2, 3, 4, 5, 6, 7])
@pytest.mark.parametrize("kind", ["all", "any"])
def test_groups_of_any_width_agree_with_the_tree(kind: str, width: int) -> None:
    leaves = tuple(Leaf(f"f{i}", "is", True, 1, 1) for i in range(width))
    group = Group(kind, leaves)
    test = compile_test(group)
    for bits in range(2 ** width):
        ctx = {f"f{i}": bool(bits >> i & 1) for i in range(width)}
        assert test(ctx) is group.test(ctx), (kind, width, bits)


def test_a_rule_with_effective_dates_is_in_force_only_between_them(builtin_policy: Policy,
                                                                     records: list[
                                                                         tuple[str, Record]]
                                                                     ) -> None:
    dated = [r for r in builtin_policy.rules if r.effective_from or r.effective_to]
    assert dated
    for _where, record in records:
        for rule in dated:
            ctx = Context(record, TODAY)
            assert _outcome(rule.compiled.in_force, ctx) == _outcome(rule.in_force, ctx)


def test_a_pickled_rule_rebuilds_its_compiled_form(builtin_policy: Policy) -> None:
    import pickle

    rule = builtin_policy.rules[0]
    assert rule.compiled is rule.compiled  # built once
    copy = pickle.loads(pickle.dumps(rule))
    assert copy == rule and "compiled" not in copy.__dict__
    assert copy.compiled is not rule.compiled


def test_record_facts_are_shared_by_the_conditions_and_condition_facts_are_not() -> None:
    record = load_record(Path(ROOT / "examples" / "picket-line.yaml"))
    ctx = Context(record, TODAY)
    first, second = (ctx.for_condition(c) for c in record.conditions[:2])
    record_fact = next(n for n, f in FACTS.items() if f.scope == "record" and n == "stage")
    assert first[record_fact] == record.data["stage"]
    assert record_fact in ctx and record_fact in ctx.for_condition(record.conditions[2])
    assert first["condition_text"] == record.conditions[0]["text"]
    assert second["condition_text"] == record.conditions[1]["text"]
    assert "condition_text" not in ctx


def test_a_pickled_policy_rebuilds_its_plan(builtin_policy: Policy,
                                            records: list[tuple[str, Record]]) -> None:
    import pickle

    _where, record = records[0]
    before = evaluate(record, builtin_policy, TODAY)  # the plan is built
    copy = pickle.loads(pickle.dumps(builtin_policy))
    assert "plan" not in copy.__dict__
    assert evaluate(record, copy, TODAY) == before
