"""Run the examples that rule files carry: a record where the rule fires, and one where it must not.

An example's record is the layer's base record (policies/examples/base-record.yaml) with the
example's `record:` laid over it (mappings merge, lists replace) and its `condition:` inserted as
condition c1. Errors in an example point at the rule file, because its nodes come from there.

Coverage: every rule needs an example where it fires and one where it stays quiet, and each
example records which branches of the rule's `when:` it reached (every node of the tree: each
`all`/`any` member and each `not`), walked in the engine's own order (the record-level gate,
then the rest, each `all`/`any` stopping at its first deciding member).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from bailcheck import resources
from bailcheck.errors import BailcheckError, RecordError
from bailcheck.facts.registry import Context
from bailcheck.record import source as yaml_source
from bailcheck.record.source import MAPPING, SEQUENCE, Node
from bailcheck.record.validate import Record, validate
from bailcheck.rules.matcher import Group, Leaf, WhenTest
from bailcheck.rules.policy import Example, Policy, Rule

Branch = tuple[int, ...]  # a node of a `when:` tree, as child indices from the root


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    name: str
    expected: bool
    fired: bool | None  # None when the example itself is invalid
    where: str
    error: str = ""
    message: str = ""
    reached: frozenset[Branch] = field(default=frozenset(), compare=False)

    @property
    def passed(self) -> bool:
        return self.fired is not None and self.fired == self.expected


@cache
def _base(path: str) -> Node:
    return yaml_source.load(Path(path))


def merge(base: Node, over: Node) -> Node:
    """Lay `over` on `base`: mappings merge key by key, anything else is replaced."""
    if base.kind != MAPPING or over.kind != MAPPING:
        return over
    pairs = list(base.pairs)
    index = {k.value: i for i, (k, _) in enumerate(pairs)}
    for key, value in over.pairs:
        if key.value in index:
            i = index[key.value]
            pairs[i] = (pairs[i][0], merge(pairs[i][1], value))
        else:
            pairs.append((key, value))
    return Node(MAPPING, pairs, base.line, base.column, path=base.path)


def build_record(rule: Rule, example: Example) -> Record:
    base_path = rule.base_record or str(resources.builtin("policies") / "examples" /
                                        "base-record.yaml")
    root = _base(base_path)
    if example.record is not None:
        if example.record.kind != MAPPING:  # it would replace the whole base record
            raise RecordError([example.record.problem(
                f"an example's `record:` must be a mapping of record fields, not a "
                f"{'list' if example.record.kind == SEQUENCE else 'single value'}",
                "give only the fields that differ from the base record, e.g. "
                "`record: {person: {previous_convictions: 3}}`")])
        root = merge(root, example.record)
    if example.condition is not None:
        existing = root.get("conditions")
        items = existing.items if existing is not None and existing.kind == SEQUENCE else []
        conditions = Node(SEQUENCE, [example.condition, *items], example.condition.line,
                          example.condition.column, path=example.condition.path)
        root = merge(root, Node(MAPPING, [(Node("scalar", "conditions", 0, 0), conditions)], 0, 0))
    return validate(root)


def run_example(rule: Rule, example: Example, today: date) -> ExampleResult:
    where = f"{rule.source}:{example.line}"
    try:
        record = build_record(rule, example)
    except BailcheckError as exc:
        return ExampleResult(rule.id, example.name, example.fires, None, where, str(exc))
    ctx = Context(record, today)
    if not rule.record_level:
        if not record.conditions:
            return ExampleResult(rule.id, example.name, example.fires, None, where,
                                 "the example has no `condition:` to test")
        ctx = ctx.for_condition(record.conditions[0])
    fired = rule.fires(ctx)  # the engine's own path: gate, then the rest
    message = rule.finding(ctx).message if fired else ""
    return ExampleResult(rule.id, example.name, example.fires, fired, where, message=message,
                         reached=reach(rule, ctx))


def run_all(policy: Policy, today: date) -> list[ExampleResult]:
    return [run_example(rule, ex, today) for rule in policy.rules for ex in rule.examples]


# -- coverage

def nodes(node: WhenTest, path: Branch = ()) -> list[tuple[Branch, WhenTest]]:
    """Every node of a `when:` tree with its branch, in reading order."""
    out: list[tuple[Branch, WhenTest]] = [(path, node)]
    if isinstance(node, Group):
        for i, child in enumerate(node.children):
            out += nodes(child, (*path, i))
    return out


def reach(rule: Rule, ctx: Context) -> frozenset[Branch]:
    """The branches of the rule's `when:` that testing it on `ctx` evaluates, in the engine's
    order: nothing when the rule is not in force; then the gate; the rest if the gate held.
    (It walks the tree itself; the answer whether the rule fires stays `rule.fires`.)"""
    if not rule.in_force(ctx):
        return frozenset()
    where = {id(node): path for path, node in nodes(rule.when)}
    seen: set[Branch] = {()}

    def visit(node: WhenTest) -> bool:
        path = where.get(id(node))
        if path is not None:
            seen.add(path)
        if isinstance(node, Leaf):
            return node.test(ctx)
        if node.kind == "not":
            return not visit(node.children[0])
        if node.kind == "all":
            return all(visit(child) for child in node.children)
        return any(visit(child) for child in node.children)

    if (rule.gate is None or visit(rule.gate)) and rule.rest is not None:
        visit(rule.rest)
    return frozenset(seen)


def label(node: WhenTest) -> str:
    if isinstance(node, Leaf):
        return node.describe()
    return {"all": "all of these", "any": "any of these", "not": "none of these"}[node.kind]


def first_line(node: WhenTest) -> int:
    """The rule-file line of a node: a test's own, a group's first test's."""
    if isinstance(node, Leaf):
        return node.line
    return first_line(node.children[0]) if node.children else 0


@dataclass(frozen=True)
class RuleCoverage:
    rule: str
    source: str
    line: int
    branches: tuple[tuple[Branch, str, int], ...]  # (branch, wording, rule-file line)
    reached: frozenset[Branch]
    fires: bool  # has an example where it must fire
    quiet: bool  # has an example where it must stay quiet

    @property
    def lacking(self) -> list[str]:
        return ([] if self.fires else ["an example where it fires (`fires: true`)"]) + (
            [] if self.quiet else ["an example where it stays quiet (`fires: false`)"])

    def as_record(self) -> dict[str, Any]:
        return {"rule": self.rule, "line": self.line, "fires_example": self.fires,
                "quiet_example": self.quiet, "branches": len(self.branches),
                "reached": len(self.reached), "percent": percent(len(self.reached),
                                                                 len(self.branches)),
                "when": [{"branch": ".".join(map(str, b)) or "when", "depth": len(b),
                          "test": text, "line": line, "reached": b in self.reached}
                         for b, text, line in self.branches]}


def percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 100.0


def coverage(policy: Policy, results: Iterable[ExampleResult],
             keep: Callable[[Rule], bool] = lambda rule: True) -> list[RuleCoverage]:
    """Each rule's branches and the ones its examples reached, for the rules `keep` selects."""
    by_rule: dict[str, set[Branch]] = {}
    for result in results:
        by_rule.setdefault(result.rule, set()).update(result.reached)
    out = []
    for rule in policy.rules:
        if not keep(rule):
            continue
        branches = tuple((path, label(node), first_line(node)) for path, node in nodes(rule.when))
        out.append(RuleCoverage(rule.id, rule.source, rule.line, branches,
                                frozenset(by_rule.get(rule.id, set())),
                                any(e.fires for e in rule.examples),
                                any(not e.fires for e in rule.examples)))
    return out
