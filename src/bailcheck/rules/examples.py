"""Run the examples that rule files carry: a record where the rule fires, and one where it must not.

An example's record is the layer's base record (policies/examples/base-record.yaml) with the
example's `record:` laid over it (mappings merge, lists replace) and its `condition:` inserted as
condition c1. Errors in an example point at the rule file, because its nodes come from there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from bailcheck import resources
from bailcheck.record import source as yaml_source
from bailcheck.errors import BailcheckError
from bailcheck.facts.registry import Context
from bailcheck.rules.policy import Example, Policy, Rule
from bailcheck.record.validate import Record, validate
from bailcheck.record.source import MAPPING, SEQUENCE, Node


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    name: str
    expected: bool
    fired: bool | None  # None when the example itself is invalid
    where: str
    error: str = ""
    message: str = ""

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
    return ExampleResult(rule.id, example.name, example.fires, fired, where, message=message)


def run_all(policy: Policy, today: date) -> list[ExampleResult]:
    return [run_example(rule, ex, today) for rule in policy.rules for ex in rule.examples]
