"""The compiled form of a policy's rules: closures built once, when the policy is first used.

The `when:` tree (rules/matcher.py) stays what a rule *is*: `describe`, `--explain` and the
coverage tool read it, and its `test` methods are the reference meaning of every node. Checking
thousands of records walks it too slowly, so each node is also turned into a Python closure: a
leaf into a function chosen from the fixed operator table, bound to its fact name and its
operand; a group into a function over its children's closures. Nothing is parsed or evaluated
as text, so a rule file still cannot reach Python. tests/test_compiled_rules.py checks that the
compiled form and the tree agree on every built-in rule.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from bailcheck.facts.registry import Context
from bailcheck.facts.words import show, word_starts
from bailcheck.findings import Finding
from bailcheck.rules.matcher import OPERATORS, Leaf, WhenTest, facts_used
from bailcheck.rules.schema import _PLACEHOLDER

if TYPE_CHECKING:
    from bailcheck.rules.policy import Rule

Test = Callable[[Context], bool]
Fill = Callable[[Context], str]


def compile_test(node: WhenTest) -> Test:
    """The closure that gives the same answer as `node.test`."""
    if isinstance(node, Leaf):
        return _leaf(node.fact, node.op, node.operand)
    tests = tuple(compile_test(child) for child in node.children)
    if node.kind == "not":
        (inner,) = tests
        return lambda c: not inner(c)
    return _all(tests) if node.kind == "all" else _any(tests)


def _leaf(name: str, op: str, operand: Any) -> Test:
    # A fact with no value (None) satisfies no comparison; only `is_set` asks about it. The
    # commonest operators are written out; the rest call the table's function, as the tree does.
    if op == "is":  # operand is True or False, and None is neither
        return lambda c: c[name] is operand
    if op == "eq":
        return lambda c: (v := c[name]) is not None and bool(v == operand)
    if op == "in":
        return lambda c: (v := c[name]) is not None and v in operand
    if op == "ge":
        return lambda c: (v := c[name]) is not None and bool(v >= operand)
    if op == "gt":
        return lambda c: (v := c[name]) is not None and bool(v > operand)
    if op == "mentions_any" and all(isinstance(p, str) for p in operand):  # (as loading checks)
        found = word_starts(tuple(operand))  # its test built once for the rule's phrases
        return lambda c: (v := c[name]) is not None and found(v)
    fn = OPERATORS[op][0]
    if op == "is_set":
        return lambda c: bool(fn(c[name], operand))
    return lambda c: (v := c[name]) is not None and bool(fn(v, operand))


def _all(tests: tuple[Test, ...]) -> Test:
    # written out up to three, so that a test costs one call per child; longer, in threes
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        a, b = tests
        return lambda c: a(c) and b(c)
    a, b, d = tests[:3]
    if len(tests) == 3:
        return lambda c: a(c) and b(c) and d(c)
    rest = _all(tests[3:])
    return lambda c: a(c) and b(c) and d(c) and rest(c)


def _any(tests: tuple[Test, ...]) -> Test:
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        a, b = tests
        return lambda c: a(c) or b(c)
    a, b, d = tests[:3]
    if len(tests) == 3:
        return lambda c: a(c) or b(c) or d(c)
    rest = _any(tests[3:])
    return lambda c: a(c) or b(c) or d(c) or rest(c)


def compile_fill(text: str) -> Fill:
    """A message with each {fact} replaced by the fact's value in words, as `Rule.fill` does."""
    pieces = _PLACEHOLDER.split(text)  # literal, fact, literal, ..., literal
    if len(pieces) == 1:
        return lambda c: text
    head, names, tails = pieces[0], pieces[1::2], pieces[2::2]
    pairs = tuple(zip(names, tails, strict=True))

    def fill(c: Context) -> str:
        out = [head]
        for name, tail in pairs:
            out.append(show(c[name]))
            out.append(tail)
        return "".join(out)
    return fill


def _message(text: str, verify: bool) -> Fill:
    fill = compile_fill(text)
    if not verify:
        return fill
    return lambda c: fill(c) + VERIFY


VERIFY = " (verify: this rests on a point of law not yet checked against the source)"


def _window(start: date | None, end: date | None, basis: str) -> Test | None:
    """The rule's effective dates as a test (None when it is always in force)."""
    if start is None and end is None:
        return None
    key = "arrest_date" if basis == "arrest" else "decision_date"
    return lambda c: ((start is None or c[key] >= start)
                      and (end is None or c[key] <= end))


class CompiledRule:
    """A rule as the engine applies it: `applies` (in force, and the record-level gate holds;
    None when that is always so), tested once per record; `rest` (the condition-level part;
    None when there is none), tested per condition; and the finding it makes."""

    __slots__ = ("alternative", "applies", "in_force", "message", "reads", "rest", "rule")

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        window = _window(rule.effective_from, rule.effective_to, rule.basis)
        gate = compile_test(rule.gate) if rule.gate is not None else None
        self.in_force: Test = window or (lambda c: True)
        self.applies: Test | None = (gate if window is None else window if gate is None
                                     else _all((window, gate)))
        self.rest: Test | None = compile_test(rule.rest) if rule.rest is not None else None
        self.message = _message(rule.message, rule.verify)
        self.alternative = compile_fill(rule.alternative)
        self.reads = tuple(sorted(facts_used(rule.when)))  # the facts its test reads

    def fires(self, ctx: Context) -> bool:
        """The gate, then the rest, exactly as the engine tests them."""
        return ((self.applies is None or self.applies(ctx))
                and (self.rest is None or self.rest(ctx)))

    def finding(self, ctx: Context, line: int = 0, column: int = 0) -> Finding:
        rule = self.rule
        return Finding(rule.id, rule.verdict, self.message(ctx), rule.citations,
                       self.alternative(ctx), rule.step, rule.verify, rule.title, line, column)


class Plan:
    """A policy's compiled rules: the record rules, and the condition rules by condition type
    (each type's list worked out once)."""

    def __init__(self, condition_rules: Callable[[str], list[Rule]],
                 record_rules: list[Rule]) -> None:
        self._rules_for = condition_rules
        self._by_type: dict[str, tuple[CompiledRule, ...]] = {}
        self.record_rules = tuple(r.compiled for r in record_rules)

    def condition_rules(self, ctype: str) -> tuple[CompiledRule, ...]:
        rules = self._by_type.get(ctype)
        if rules is None:
            rules = self._by_type[ctype] = tuple(r.compiled for r in self._rules_for(ctype))
        return rules
