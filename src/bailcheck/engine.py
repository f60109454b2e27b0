"""Evaluate a record against a policy: the core, returning data and printing nothing.

`evaluate` is the one place that decides whether a rule fires: `check`, the rule examples
(`policy test`) and `--explain` all go through it; with `trace=True` it also records, for every
rule considered, the facts it read, their values and the record lines they came from.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bailcheck.clocks import reminders
from bailcheck.facts.clock import clock
from bailcheck.facts.registry import FACTS, Context
from bailcheck.facts.sources import first_line, locate, locate_scope
from bailcheck.facts.words import show
from bailcheck.findings import ConditionResult, Finding, RecordReport, Verdict, counted
from bailcheck.record.validate import Record
from bailcheck.rules.compiled import CompiledRule
from bailcheck.rules.matcher import Group, Leaf, WhenTest
from bailcheck.rules.policy import Policy, Rule
from bailcheck.values import Frozen, fill  # not dataclasses: defined on every start


class FactTrace(Frozen):
    _FIELDS = ("fact", "meaning", "test", "value", "held", "where")
    __slots__ = _FIELDS
    fact: str
    meaning: str  # the fact's description
    test: str  # e.g. "curfew_hours is at least 16"
    value: str  # as it reads in a sentence
    held: bool
    where: tuple[tuple[str, int, str], ...]  # (field, line, value)

    def __init__(self, fact: str, meaning: str, test: str, value: str, held: bool,  # noqa: PLR0917
                 where: tuple[tuple[str, int, str], ...]) -> None:
        fill(self, fact, meaning, test, value, held, where)

    def as_record(self) -> dict[str, Any]:
        return {"fact": self.fact, "test": self.test, "value": self.value, "held": self.held,
                "fields": [{"field": f, "line": n, "value": v} for f, n, v in self.where]}


class RuleTrace(Frozen):
    _FIELDS = ("rule", "verdict", "fired", "in_force", "facts", "message")
    __slots__ = _FIELDS
    rule: str
    verdict: str
    fired: bool
    in_force: bool
    facts: tuple[FactTrace, ...]
    message: str  # the finding, when the rule fired

    def __init__(self, rule: str, verdict: str, fired: bool, in_force: bool,  # noqa: PLR0917
                 facts: tuple[FactTrace, ...], message: str = "") -> None:
        fill(self, rule, verdict, fired, in_force, facts, message)

    def as_record(self) -> dict[str, Any]:
        return {"rule": self.rule, "verdict": self.verdict, "fired": self.fired,
                "in_force": self.in_force, "message": self.message,
                "facts": [f.as_record() for f in self.facts]}


Traces = dict[str, tuple[RuleTrace, ...]]  # condition id -> traces; "" for the record


def _ordered(findings: list[Finding]) -> tuple[Finding, ...]:
    if len(findings) < 2:  # (most conditions have none or one)
        return tuple(findings)
    return tuple(sorted(findings, key=_worst_first))


def _worst_first(finding: Finding) -> tuple[int, str]:
    return (-finding.verdict, finding.rule)


def evaluate(record: Record, policy: Policy, today: date, trace: bool = False
             ) -> RecordReport:
    """Judge every condition and the record as a whole; compute its dates."""
    ctx = Context(record, today)
    plan = policy.plan
    traces: Traces = {}
    places: Places = {}  # with trace: each fact's record fields, found once per record
    results = []
    gates: dict[CompiledRule, bool] = {}  # each rule's record-level part, tested once per record
    live: dict[str, list[CompiledRule]] = {}  # condition type -> its rules whose gates hold
    for index, cond in enumerate(record.conditions):
        cctx = ctx.for_condition(cond)
        line, column = record.mark("conditions", index) or (0, 0)
        rules = live.get(cond["type"])
        if rules is None:
            rules = live[cond["type"]] = [
                rule for rule in plan.condition_rules(cond["type"])
                if rule.applies is None
                or (held if (held := gates.get(rule)) is not None else _gate(rule, ctx, gates))]
        found = [rule.finding(cctx, line, column) for rule in rules
                 if rule.rest is None or rule.rest(cctx)]
        if trace:
            traces[cond["id"]] = tuple(_trace(rule, cctx, index, places)
                                       for rule in policy.condition_rules(cond["type"]))
        results.append((cond, line, column, found))
    lines: dict[str, int] = {}
    record_findings = [_placed(rule, ctx, lines) for rule in plan.record_rules
                       if rule.applies is None or rule.applies(ctx)]
    if trace:
        traces[""] = tuple(_trace(rule, ctx, None, places) for rule in policy.record_rules)
    accepted, warnings = _acceptances(record, today)
    conditions = []
    for cond, line, column, found in results:
        marked = _ordered([_accept(f, accepted.get((f.rule, cond["id"]))) for f in found]
                          if accepted else found)
        conditions.append(ConditionResult(cond["id"], cond["type"], cond["text"],
                                          counted(marked) if marked else Verdict.OK,
                                          marked, line, column))
    if accepted:
        record_findings = [_accept(f, accepted.get((f.rule, ""))) for f in record_findings]
    record_level = _ordered(record_findings)
    if accepted:
        used = {(f.rule, c.id) for c in conditions for f in c.findings if f.accepted} | {
            (f.rule, "") for f in record_level if f.accepted}
        warnings += [w for key, w in _unmatched(record, accepted, today) if key not in used]
    clk = clock(ctx)
    return RecordReport(
        record.path, record.reference, tuple(conditions), record_level,
        reminders.compute(record.data, clk, today, policy.settings["review_days_before"]),
        record.data.get("expect", {}), clk.as_record() if clk is not None else None,
        tuple(sorted(warnings)), traces, record.data["stage"])


def _gate(rule: CompiledRule, ctx: Context, gates: dict[CompiledRule, bool]) -> bool:
    """A rule's record-level part, tested on its first use in the record and kept."""
    assert rule.applies is not None
    held = gates[rule] = rule.applies(ctx)
    return held


def _placed(rule: CompiledRule, ctx: Context, lines: dict[str, int]) -> Finding:
    """A record-level finding pointed at the first record field its rule reads (`lines` keeps
    each fact's first line in the record, -1 for none, as the record's findings ask for them)."""
    for name in rule.reads:
        line = lines.get(name)
        if line is None:
            line = lines[name] = first_line(ctx.record, name)
        if line >= 0:
            return rule.finding(ctx, line, 1)
    return rule.finding(ctx)


# -- accepted findings (record `accepted:`)

Acceptances = dict[tuple[str, str], str]  # (rule, condition id or "") -> "accepted by X: reason"


def _acceptances(record: Record, today: date) -> tuple[Acceptances, list[str]]:
    out: Acceptances = {}
    warnings = []
    for index, entry in enumerate(record.data.get("accepted", [])):
        key = (entry["rule"], entry.get("condition", ""))
        review = entry.get("review_by")
        line = (record.mark("accepted", index) or (0, 0))[0]
        if review is not None and review < today:
            warnings.append(f"{record.path}:{line}: the acceptance of `{entry['rule']}` by "
                            f"{entry['by']} lapsed on {review.isoformat()} (review_by); the "
                            "finding counts again")
            continue
        out[key] = f"accepted by {entry['by']}: {entry['reason']}"
    return out, warnings


def _unmatched(record: Record, accepted: Acceptances, today: date
               ) -> list[tuple[tuple[str, str], str]]:
    out = []
    for index, entry in enumerate(record.data.get("accepted", [])):
        key = (entry["rule"], entry.get("condition", ""))
        if key in accepted:
            line = (record.mark("accepted", index) or (0, 0))[0]
            where = f"condition {key[1]}" if key[1] else "the record as a whole"
            out.append((key, (f"{record.path}:{line}: `accepted` names rule `{key[0]}` on "
                        f"{where}, but no such finding was made")))
    return out


def _accept(finding: Finding, note: str | None) -> Finding:
    return finding.with_acceptance(note) if note else finding


# -- tracing, for --explain

def _leaves(node: WhenTest, negated: bool = False) -> list[tuple[Leaf, bool]]:
    """Every fact test, and whether it sits under an odd number of `not:`s."""
    if isinstance(node, Leaf):
        return [(node, negated)]
    assert isinstance(node, Group)
    flip = negated ^ (node.kind == "not")
    return [pair for child in node.children for pair in _leaves(child, flip)]


Places = dict[tuple[str, int | None], tuple[tuple[str, int, str], ...]]


def _placed_fields(ctx: Context, fact: str, index: int | None, places: Places
                   ) -> tuple[tuple[str, int, str], ...]:
    """`locate`'s fields for a fact, kept per record: a fact that reads every condition
    (`conditions.*`) would otherwise be found again for each condition, which grows as the
    square of their number."""
    key = (fact, locate_scope(fact, index))
    found = places.get(key)
    if found is None:
        found = places[key] = tuple(locate(ctx.record, fact, index))
    return found


def _trace(rule: Rule, ctx: Context, index: int | None, places: Places) -> RuleTrace:
    in_force = rule.in_force(ctx)
    facts = tuple(FactTrace(leaf.fact, FACTS[leaf.fact].doc,
                            f"not: {leaf.describe()}" if negated else leaf.describe(),
                            show(ctx[leaf.fact]), leaf.test(ctx) != negated,
                            _placed_fields(ctx, leaf.fact, index, places))
                  for leaf, negated in _leaves(rule.when))
    fired = rule.fires(ctx)
    return RuleTrace(rule.id, rule.verdict.label, fired, in_force, facts,
                     rule.finding(ctx).message if fired else "")
