"""The rule condition language: a small declarative matcher over documented facts.

A `when:` is a tree of `all:` / `any:` / `not:` nodes over leaves such as
`{fact: curfew_hours, ge: 16}`. There is no parser and no evaluation of text: every operator is
a Python function chosen from the fixed table below, every fact name is checked against the fact
registry, and every operand is checked against the fact's type when the policy loads. A rule
therefore cannot reach Python, the file system or anything beyond the facts.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from datetime import date
from typing import Any

from bailcheck.errors import Problem
from bailcheck.facts.registry import FACTS, Context
from bailcheck.facts.words import mentions_any
from bailcheck.record.source import MAPPING, SCALAR, SEQUENCE, Node
from bailcheck.record.validate import suggest
from bailcheck.values import Frozen, fill, set_field  # not dataclasses: defined on every start

# operator -> (function, fact types it applies to, operand shape, plain-English wording)
OPERATORS: dict[str, tuple[Callable[[Any, Any], bool], tuple[str, ...], str, str]] = {
    "is": (operator.is_, ("bool",), "bool", "is"),
    "eq": (operator.eq, ("int", "number", "enum", "text", "date"), "scalar", "is"),
    "ne": (operator.ne, ("int", "number", "enum", "text", "date"), "scalar", "is not"),
    "in": (lambda v, xs: v in xs, ("int", "enum", "text"), "list", "is one of"),
    "not_in": (lambda v, xs: v not in xs, ("int", "enum", "text"), "list", "is not one of"),
    "gt": (operator.gt, ("int", "number", "date"), "number", "is more than"),
    "ge": (operator.ge, ("int", "number", "date"), "number", "is at least"),
    "lt": (operator.lt, ("int", "number", "date"), "number", "is less than"),
    "le": (operator.le, ("int", "number", "date"), "number", "is at most"),
    "includes": (lambda v, x: x in v, ("list",), "scalar", "includes"),
    "includes_any": (lambda v, xs: any(x in v for x in xs), ("list",), "list", "includes any of"),
    "only_of": (lambda v, xs: all(x in xs for x in v), ("list",), "list", "has nothing but"),
    "mentions_any": (mentions_any, ("text",), "list", "has a word beginning with any of"),
    "is_set": (lambda v, want: (v not in (None, "", [])) is want,
               ("int", "number", "enum", "text", "date", "list", "bool"), "bool", "is filled in"),
}


class Leaf(Frozen):
    """One comparison of a fact. Pickled as its fields (Value.__reduce__), so the operator is
    looked up again rather than pickled."""

    _FIELDS = ("fact", "op", "operand", "line", "column")
    __slots__ = (*_FIELDS, "_fn")
    fact: str
    op: str
    operand: Any
    line: int
    column: int
    _fn: Callable[[Any, Any], bool]

    def __init__(self, fact: str, op: str, operand: Any, line: int, column: int) -> None:
        fill(self, fact, op, operand, line, column)
        set_field(self, "_fn", OPERATORS[op][0])  # looked up once, not per test

    def test(self, ctx: Context) -> bool:
        value = ctx[self.fact]
        if value is None and self.op != "is_set":
            return False  # a fact with no value (no bail period, say) satisfies no comparison
        return bool(self._fn(value, self.operand))

    def describe(self) -> str:
        wording = OPERATORS[self.op][3]
        operand = ", ".join(map(str, self.operand)) if isinstance(self.operand, list) \
            else str(self.operand).lower() if isinstance(self.operand, bool) else self.operand
        if self.op == "is_set":
            return f"{self.fact} {'is' if self.operand else 'is not'} filled in"
        return f"{self.fact} {wording} {operand}"


class Group(Frozen):
    _FIELDS = ("kind", "children")
    __slots__ = _FIELDS
    kind: str  # all | any | not
    children: tuple[WhenTest, ...]

    def __init__(self, kind: str, children: tuple[WhenTest, ...]) -> None:
        set_field(self, "kind", kind)
        set_field(self, "children", children)

    def test(self, ctx: Context) -> bool:
        if self.kind == "all":
            return all(ch.test(ctx) for ch in self.children)
        if self.kind == "any":
            return any(ch.test(ctx) for ch in self.children)
        return not self.children[0].test(ctx)

    def describe(self) -> str:
        parts = [ch.describe() for ch in self.children]
        if self.kind == "not":
            return f"not ({parts[0]})"
        joiner = " and " if self.kind == "all" else " or "
        return "(" + joiner.join(parts) + ")" if len(parts) > 1 else parts[0]


WhenTest = Leaf | Group


def describe_lines(node: WhenTest, indent: int = 0) -> list[str]:
    """The test as an indented list a policy officer can read."""
    pad = "  " * indent
    if isinstance(node, Leaf):
        return [f"{pad}- {node.describe()}"]
    if node.kind == "not":
        return [f"{pad}- none of these:", *describe_lines(node.children[0], indent + 1)]
    head = "all of these:" if node.kind == "all" else "any of these:"
    lines = [f"{pad}- {head}"]
    for child in node.children:
        lines.extend(describe_lines(child, indent + 1))
    return lines


def split_gate(node: WhenTest) -> tuple[WhenTest | None, WhenTest | None]:
    """Split a test into (record-level gate, condition-level rest).

    The gate reads only record facts, so the engine tests it once per record instead of once per
    condition; the rule then fires on a condition when both hold. Either part may be None.
    """
    def record_only(n: WhenTest) -> bool:
        return all(FACTS[f].scope == "record" for f in facts_used(n))

    if record_only(node):
        return node, None
    if isinstance(node, Group) and node.kind == "all":
        gate = tuple(ch for ch in node.children if record_only(ch))
        rest = tuple(ch for ch in node.children if not record_only(ch))
        if gate:
            return (gate[0] if len(gate) == 1 else Group("all", gate),
                    rest[0] if len(rest) == 1 else Group("all", rest))
    return None, node


def facts_used(node: WhenTest) -> set[str]:
    if isinstance(node, Leaf):
        return {node.fact}
    return set().union(*(facts_used(ch) for ch in node.children))


class Compiler:
    """Turns a `when:` YAML node into a matcher, collecting problems at file:line:col."""

    def __init__(self, scope: str) -> None:
        self.scope = scope  # "record" rules may not read condition facts
        self.problems: list[Problem] = []

    def compile(self, node: Node) -> WhenTest | None:
        if node.kind != MAPPING:
            self.problems.append(node.problem("a `when` must be a mapping: `all:`, `any:`, `not:` "
                                              "or `fact:` with an operator"))
            return None
        keys = [k.text for k, _ in node.pairs]
        if "fact" in keys:
            return self.leaf(node)
        if len(keys) != 1 or keys[0] not in ("all", "any", "not"):
            bad = next((k for k, _ in node.pairs if k.text not in ("all", "any", "not")),
                       node.pairs[0][0] if node.pairs else node)
            self.problems.append(bad.problem(
                f"unknown key `{bad.value}` in a condition" if bad is not node
                else "empty condition", suggest(str(bad.value), ["all", "any", "not", "fact"])))
            return None
        kind, body = keys[0], node.pairs[0][1]
        if kind == "not":
            child = self.compile(body)
            return Group("not", (child,)) if child else None
        if body.kind != SEQUENCE or not body.items:
            self.problems.append(body.problem(f"`{kind}` takes a non-empty list of conditions"))
            return None
        children = [self.compile(item) for item in body.items]
        if any(ch is None for ch in children):
            return None
        return Group(kind, tuple(ch for ch in children if ch is not None))

    def leaf(self, node: Node) -> Leaf | None:
        pairs = {k.text: (k, v) for k, v in node.pairs}
        fact_key, fact_node = pairs.pop("fact")
        name = fact_node.value if fact_node.kind == SCALAR else ""
        spec = FACTS.get(str(name))
        if spec is None:
            self.problems.append(fact_node.problem(f'unknown fact "{name}"',
                                                   suggest(str(name), sorted(FACTS))))
            return None
        if spec.scope == "condition" and self.scope == "record":
            self.problems.append(fact_node.problem(
                f'fact "{name}" describes a condition; a record rule cannot read it',
                "apply the rule to conditions, or use a record fact"))
            return None
        if len(pairs) != 1:
            self.problems.append(fact_key.problem(
                "a fact test needs exactly one operator", "one of: " + ", ".join(OPERATORS)))
            return None
        (op, (op_key, operand_node)), = pairs.items()
        if op not in OPERATORS:
            self.problems.append(op_key.problem(f"unknown operator `{op}`",
                                                suggest(op, list(OPERATORS))))
            return None
        types, shape = OPERATORS[op][1], OPERATORS[op][2]
        if spec.type not in types:
            self.problems.append(op_key.problem(
                f"`{op}` does not apply to {name}, which is a {spec.type}",
                "use one of: " + ", ".join(o for o, d in OPERATORS.items() if spec.type in d[1])))
            return None
        operand = self.operand(operand_node, shape, spec.type if shape != "list" or
                               spec.type != "list" else "text", spec.allowed())
        if operand is None:
            return None
        return Leaf(str(name), op, operand, fact_node.line, fact_node.column)

    def operand(self, node: Node, shape: str, ftype: str, choices: tuple[str, ...]) -> Any:
        if shape == "list":
            if node.kind != SEQUENCE or not node.items:
                self.problems.append(node.problem("this operator takes a list, e.g. [a, b]"))
                return None
            values = [self.scalar(item, "number" if ftype in ("int", "number") else "text",
                                  choices) for item in node.items]
            return None if any(v is None for v in values) else values
        if node.kind != SCALAR:
            self.problems.append(node.problem("this operator takes a single value"))
            return None
        if shape == "bool":
            return self.scalar(node, "bool", ())
        kind = "number" if shape == "number" and ftype != "date" else ftype
        if ftype in ("list", "enum", "text"):
            kind = "text"
        return self.scalar(node, kind, choices)

    def scalar(self, node: Node, kind: str, choices: tuple[str, ...]) -> Any:
        raw = str(node.value).strip() if node.kind == SCALAR else ""
        if node.kind != SCALAR:
            self.problems.append(node.problem("expected a single value"))
            return None
        if kind == "bool":
            if node.plain and raw in ("true", "false"):
                return raw == "true"
            self.problems.append(node.problem(f"expected true or false, not `{raw}`"))
            return None
        if kind in ("number", "int"):
            try:
                return float(raw) if "." in raw else int(raw)
            except ValueError:
                self.problems.append(node.problem(f"expected a number, not `{raw}`"))
                return None
        if kind == "date":
            try:
                return date.fromisoformat(raw)
            except ValueError:
                self.problems.append(node.problem(f"expected a date YYYY-MM-DD, not `{raw}`"))
                return None
        if choices and raw not in choices:
            self.problems.append(node.problem(f"`{raw}` is not a possible value",
                                              suggest(raw, choices)))
            return None
        return raw
