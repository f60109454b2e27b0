"""Plain-text views of the rule set for policy teams: list, show, facts, test results."""

from __future__ import annotations

from datetime import date

from bailcheck.facts.registry import FACTS
from bailcheck.rules.examples import ExampleResult
from bailcheck.rules.matcher import describe_lines
from bailcheck.rules.policy import Policy, Rule, rule_facts
from bailcheck.rules.schema import STEPS


def _effective(rule: Rule) -> str:
    if rule.effective_from is None and rule.effective_to is None:
        return "always"
    start = rule.effective_from.isoformat() if rule.effective_from else "…"
    end = rule.effective_to.isoformat() if rule.effective_to else "…"
    return f"{start} to {end} by {rule.basis} date"


def rule_list(policy: Policy, today: date) -> str:
    rows = [("RULE", "VERDICT", "APPLIES TO", "IN FORCE", "SOURCE")]
    order = list(STEPS)
    for rule in sorted(policy.rules, key=lambda r: (order.index(r.step), r.id)):
        source = rule.where + (" (overrides " + policy.overridden[rule.id] + ")"
                               if rule.id in policy.overridden else "")
        rows.append((rule.id, rule.verdict.label, ", ".join(sorted(rule.applies_to)),
                     _effective(rule), source))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True))
             + "  " + row[4] for row in rows]
    for off in policy.disabled:
        due = " — REVIEW DUE" if off.review_by and off.review_by < today else ""
        review = f", review by {off.review_by.isoformat()}" if off.review_by else ""
        lines.append(f"disabled: {off.id} at {off.source}: {off.reason}{review}{due}")
    lines.append(f"{len(policy.rules)} rules in force from {len(policy.sources)} "
                 f"folder{'s' if len(policy.sources) != 1 else ''}; policy digest {policy.digest}")
    return "\n".join(lines) + "\n"


def rule_show(rule: Rule, policy: Policy) -> str:
    lines = [f"{rule.id}: {rule.title}", "",
             (f"Step: {rule.step}.  Verdict: {rule.verdict.label}.  "
             f"Applies to: {', '.join(sorted(rule.applies_to))}.  In force: {_effective(rule)}."),
             f"Defined at {rule.where}"
             + (f" (overriding {policy.overridden[rule.id]})" if rule.id in policy.overridden
                else ""),
             "", "Fires when:", *describe_lines(rule.when, 1), "", "Facts it reads:"]
    for name in rule_facts(rule):
        lines.append(f"  {name} ({FACTS[name].type}): {FACTS[name].doc}")
    lines += ["", "Message:", f"  {rule.message}", "", "Law relied on:"]
    lines += [f"  - {c}" for c in rule.citations]
    if rule.alternative:
        lines += ["", "Alternative:", f"  {rule.alternative}"]
    if rule.verify:
        lines += ["", "Verify: rests on a point of law not yet checked against its source."]
    if rule.examples:
        lines += ["", "Examples:"]
        lines += [f"  - {e.name}: {'fires' if e.fires else 'must not fire'}"
                  for e in rule.examples]
    return "\n".join(lines) + "\n"


def fact_list() -> str:
    lines = []
    for scope in ("record", "condition"):
        lines.append(f"{scope.capitalize()} facts:")
        for fact in sorted((f for f in FACTS.values() if f.scope == scope), key=lambda f: f.name):
            choices = f" One of: {', '.join(fact.allowed())}." if fact.allowed() else ""
            lines.append(f"  {fact.name} ({fact.type}): {fact.doc}.{choices}")
        lines.append("")
    return "\n".join(lines)


def test_results(results: list[ExampleResult]) -> str:
    lines = []
    for r in results:
        if r.passed:
            lines.append(f"PASS {r.rule} {r.name}")
            continue
        lines.append(f"FAIL {r.rule} {r.name} ({r.where})")
        if r.fired is None:
            lines.append("  the example is not a valid record:")
            lines += [f"    {line}" for line in r.error.splitlines()]
        else:
            lines.append(f"  expected: {'fires' if r.expected else 'does not fire'}")
            lines.append(f"  got:      {'fires' if r.fired else 'does not fire'}")
            if r.message:
                lines.append(f"  message:  {r.message}")
    passed = sum(r.passed for r in results)
    lines.append(f"{passed} passed, {len(results) - passed} failed")
    return "\n".join(lines) + "\n"
