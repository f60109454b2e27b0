"""An explanation a solicitor could quote: a paragraph for each rule that fired, and a line for
each that did not, naming the facts, their values and their lines in the record."""

from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

from bailcheck.explain import FactTrace, RuleTrace, explain
from bailcheck.findings import RecordFailure, RecordReport
from bailcheck.rules.policy import Policy
from bailcheck.record.validate import load_record


def _where(fact: FactTrace) -> str:
    if not fact.where:
        return "nothing in the record"
    return "; ".join(f"{field} = {value}, line {line}" for field, line, value in fact.where)


def _clause(fact: FactTrace) -> str:
    return f"{fact.meaning}: {fact.value} ({_where(fact)})"


def condition(heading: str, verdict: str, traces: list[RuleTrace], width: int = 100) -> str:
    lines = [heading, f"  Verdict: {verdict}"]
    fired = [t for t in traces if t.fired]
    quiet = [t for t in traces if not t.fired]
    if fired:
        lines.append("  Rules that fired:")
    for t in fired:
        text = (f"{t.rule} ({t.verdict.replace('_', ' ')}): {t.message} This rests on "
                + "; ".join(_clause(f) for f in t.facts) + ".")
        lines.append(textwrap.fill(text, width, initial_indent="  - ",
                                   subsequent_indent="    "))
    if quiet:
        lines.append("  Rules that did not fire:")
    for t in quiet:
        if not t.in_force:
            reason = "not in force on the arrest or decision date"
        else:
            failed = [f for f in t.facts if not f.held] or list(t.facts)
            reason = "; ".join(f"needs {f.test}, but it is {f.value} ({_where(f)})"
                               for f in failed)
        lines.append(textwrap.fill(f"{t.rule}: {reason}", width, initial_indent="  - ",
                                   subsequent_indent="    "))
    return "\n".join(lines) + "\n"


class Explained:
    """A record encoder (see batch.Rendered) that adds the explanation of each verdict.

    It reads the record again to trace it: explaining is for a person at a desk, so the second
    parse costs nothing that matters, and it keeps the batch pipeline unchanged.
    """

    def __init__(self, renderer: Any, policy: Policy, today: date, only: str | None,
                 explain: bool) -> None:
        self.renderer = renderer
        self.policy = policy
        self.today = today
        self.only = only
        self.explain = explain

    def __call__(self, result: RecordReport | RecordFailure) -> str:
        if isinstance(result, RecordFailure):
            return str(self.renderer.encode(result))
        traces = explain(load_record(Path(result.path)), self.policy, self.today)
        if not hasattr(self.renderer, "reader"):  # JSON: the traces join each condition
            data = result.as_record()
            for cond in data["conditions"]:
                cond["explain"] = [t.as_record() for t in traces[cond["id"]]]
            data["explain"] = [t.as_record() for t in traces[""]]
            return json.dumps(data, ensure_ascii=False)
        text = str(self.renderer.encode(result, traces))
        if not self.explain:
            return text
        parts = [text.rstrip("\n"), "", "  Why"]
        for cond in result.conditions:
            if self.only is None or cond.id == self.only:
                heading = f"  {cond.id} {cond.type} (line {cond.line}): {cond.text}"
                parts.append(textwrap.indent(condition(heading, cond.verdict.label.replace(
                    "_", " "), traces[cond.id], self.renderer.width - 2), "  ").rstrip("\n"))
        return "\n".join(parts) + "\n\n"
