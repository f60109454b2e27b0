"""Why each verdict came out as it did: every rule considered, the facts it read with their
values and where in the record they came from, and whether it fired."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from bailcheck.rules.matcher import Group, Leaf, Node_
from bailcheck.facts.sources import locate
from bailcheck.facts.registry import FACTS, Context
from bailcheck.rules.policy import Policy, Rule, show
from bailcheck.record.validate import Record


@dataclass(frozen=True)
class FactTrace:
    fact: str
    meaning: str  # the fact's description
    test: str  # e.g. "curfew_hours is at least 16"
    value: str  # as it reads in a sentence
    held: bool
    where: tuple[tuple[str, int, str], ...]  # (field, line, value)

    def as_record(self) -> dict[str, Any]:
        return {"fact": self.fact, "test": self.test, "value": self.value, "held": self.held,
                "fields": [{"field": f, "line": n, "value": v} for f, n, v in self.where]}


@dataclass(frozen=True)
class RuleTrace:
    rule: str
    verdict: str
    fired: bool
    in_force: bool
    facts: tuple[FactTrace, ...]
    message: str = ""  # the finding, when the rule fired

    def as_record(self) -> dict[str, Any]:
        return {"rule": self.rule, "verdict": self.verdict, "fired": self.fired,
                "in_force": self.in_force, "message": self.message,
                "facts": [f.as_record() for f in self.facts]}


def _leaves(node: Node_, negated: bool = False) -> list[tuple[Leaf, bool]]:
    """Every fact test, and whether it sits under an odd number of `not:`s."""
    if isinstance(node, Leaf):
        return [(node, negated)]
    assert isinstance(node, Group)
    flip = negated ^ (node.kind == "not")
    return [pair for child in node.children for pair in _leaves(child, flip)]


def trace_rule(rule: Rule, ctx: Context, record: Record, index: int | None) -> RuleTrace:
    in_force = rule.in_force(ctx)
    facts = tuple(FactTrace(leaf.fact, FACTS[leaf.fact].doc,
                            f"not: {leaf.describe()}" if negated else leaf.describe(),
                            show(ctx[leaf.fact]), leaf.test(ctx) != negated,
                            tuple(locate(record, leaf.fact, index)))
                  for leaf, negated in _leaves(rule.when))
    fired = in_force and rule.when.test(ctx)
    return RuleTrace(rule.id, rule.verdict.label, fired, in_force, facts,
                     rule.finding(ctx).message if fired else "")


def explain(record: Record, policy: Policy, today: date) -> dict[str, list[RuleTrace]]:
    """Rule traces for each condition id, and for the record as a whole under ""."""
    ctx = Context(record, today)
    out: dict[str, list[RuleTrace]] = {}
    for index, cond in enumerate(record.conditions):
        cctx = ctx.for_condition(cond)
        out[cond["id"]] = [trace_rule(rule, cctx, record, index)
                           for rule in policy.condition_rules(cond["type"])]
    out[""] = [trace_rule(rule, ctx, record, None) for rule in policy.record_rules]
    return out
