"""Evaluate a record against a policy: the core, returning data and printing nothing."""

from __future__ import annotations

from datetime import date

from bailcheck.clocks import reminders
from bailcheck.facts.registry import Context
from bailcheck.findings import ConditionResult, Finding, RecordReport, Verdict
from bailcheck.rules.policy import Policy
from bailcheck.record.validate import Record


def _ordered(findings: list[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (-f.verdict, f.rule)))


def evaluate(record: Record, policy: Policy, today: date) -> RecordReport:
    """Judge every condition and the record as a whole; compute its reminders."""
    ctx = Context(record, today)
    results = []
    gates: dict[str, bool] = {}  # each rule's record-level part, tested once per record
    for index, cond in enumerate(record.conditions):
        cctx = ctx.for_condition(cond)
        found = []
        for rule in policy.condition_rules(cond["type"]):
            if rule.id not in gates:
                gates[rule.id] = rule.applies(ctx)
            if gates[rule.id] and rule.fires_on(cctx):
                found.append(rule.finding(cctx))
        verdict = max((f.verdict for f in found), default=Verdict.OK)
        line = (record.mark("conditions", index) or (0, 0))[0]
        results.append(ConditionResult(cond["id"], cond["type"], cond["text"], verdict,
                                       _ordered(found), line))
    record_findings = [rule.finding(ctx) for rule in policy.record_rules if rule.applies(ctx)]
    return RecordReport(record.path, record.reference, tuple(results), _ordered(record_findings),
                        reminders.compute(ctx, policy.settings["review_days_before"]),
                        record.data.get("expect", {}))
