"""The text report, worded for its reader.

- custody (default): what a sergeant reads at the desk; conditions in record order, preceded by
  what to change before release;
- solicitor: the weakest conditions first, each finding as a ground with its authority and the
  narrower wording to propose;
- policy: rule ids first, with the facts each fired rule read and their values.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from bailcheck.batch import Tally
from bailcheck.findings import ConditionResult, Finding, RecordFailure, RecordReport, Verdict

if TYPE_CHECKING:
    from bailcheck.explain import RuleTrace

Style = Callable[[str, Verdict], str]
Traces = dict[str, list["RuleTrace"]]

HEADLINE = {
    Verdict.UNLAWFUL: "UNLAWFUL — outside the decision-maker's powers",
    Verdict.DISPROPORTIONATE: "DISPROPORTIONATE — fails necessity or proportionality",
    Verdict.UNENFORCEABLE: "UNENFORCEABLE — cannot be policed as drafted",
    Verdict.NEEDS_JUSTIFICATION: "NEEDS JUSTIFICATION — record the evidence and reasons",
    Verdict.OK: "OK — no finding",
    Verdict.PROCEDURAL: "PROCEDURAL — a required step is missing",
    Verdict.NOTE: "NOTE",
}
# reader -> (label for the law, label for the alternative)
WORDS = {"custody": ("Law", "Instead"), "solicitor": ("Authority", "Propose"),
         "policy": ("Law", "Instead")}


def plain(text: str, _verdict: Verdict) -> str:
    return text


class TextRenderer:
    def __init__(self, write: Callable[[str], None], width: int = 100,
                 style: Style = plain, reader: str = "custody") -> None:
        self.write = write
        self.width = width
        self.style = style
        self.reader = reader

    def begin(self) -> None:
        pass

    def emit(self, text: str) -> None:
        self.write(text)

    def wrap(self, text: str, indent: int, first: str = "") -> str:
        pad = " " * indent
        return textwrap.fill(text, self.width, initial_indent=pad + first,
                             subsequent_indent=pad + " " * len(first), break_on_hyphens=False)

    def encode(self, result: RecordReport | RecordFailure, traces: Traces | None = None) -> str:
        if isinstance(result, RecordFailure):
            return "".join([f"{result.path}: cannot be checked\n",
                            *(f"  {problem}\n" for problem in result.problems), "\n"])
        lines = [f"{result.path} — case {result.reference}"]
        lines.extend(self.summary(result.conditions))
        for cond in self.ordered(result.conditions):
            lines.extend(self.condition(cond, (traces or {}).get(cond.id, [])))
        if not result.conditions:
            lines.append("  No conditions: nothing to judge.")
        if result.findings:
            lines.append("")
            lines.append("  The record as a whole")
            for finding in result.findings:
                lines.extend(self.finding(finding, (traces or {}).get("", []), headline=True))
        if result.reminders:
            lines.append("")
            lines.append("  Dates")
            for r in result.reminders:
                flags = f" [{', '.join((r.status, *r.flags))}]" if r.status or r.flags else ""
                lines.append(self.wrap(f"{r.what}{flags}", 4, f"{r.date}  "))
        return "\n".join(lines) + "\n\n"

    def summary(self, conditions: Sequence[ConditionResult]) -> list[str]:
        blocked = [c for c in conditions if c.verdict >= Verdict.UNENFORCEABLE]
        if self.reader != "custody" or not blocked:
            return []
        listed = ", ".join(f"{c.id} ({c.verdict.label.replace('_', ' ')})" for c in blocked)
        return ["", self.wrap(listed, 2, "Change before release: ")]

    def ordered(self, conditions: Sequence[ConditionResult]) -> list[ConditionResult]:
        if self.reader == "solicitor":  # the weakest conditions first
            return sorted(conditions, key=lambda c: -c.verdict)
        return list(conditions)

    def condition(self, cond: ConditionResult, traces: list[RuleTrace]) -> list[str]:
        headline = self.style(HEADLINE[cond.verdict], cond.verdict)
        lines = ["", self.wrap(cond.text, 2, f"{cond.id} {cond.type}: "), f"     {headline}"]
        if self.reader == "solicitor" and cond.findings:
            lines.append("     Grounds to challenge:")
        for finding in cond.findings:
            lines.extend(self.finding(finding, traces))
        return lines

    def finding(self, finding: Finding, traces: list[RuleTrace],
                headline: bool = False) -> list[str]:
        law, instead = WORDS[self.reader]
        label = f"{finding.verdict.label.replace('_', ' ')}: " if headline else ""
        if self.reader == "policy":
            out = [self.wrap(f"{label}[{finding.rule}] ({finding.step}) {finding.message}", 5,
                             "- ")]
            for trace in traces:
                if trace.rule == finding.rule:
                    facts = "; ".join(f"{f.fact} = {f.value}" for f in trace.facts)
                    out.append(self.wrap(facts, 7, "Facts: "))
        else:
            out = [self.wrap(f"{label}{finding.message} [{finding.rule}]", 5, "- ")]
        out.append(self.wrap("; ".join(finding.citations), 7, f"{law}: "))
        if finding.alternative:
            out.append(self.wrap(finding.alternative, 7, f"{instead}: "))
        return out

    def end(self, tally: Tally) -> None:
        counts = ", ".join(f"{n} {v.replace('_', ' ')}" for v, n in sorted(
            tally.verdicts.items(), key=lambda kv: -Verdict.parse(kv[0])))
        parts = [f"{tally.records} record{'s' if tally.records != 1 else ''} checked"]
        if counts:
            parts.append(f"conditions: {counts}")
        if tally.unreadable:
            parts.append(f"{tally.unreadable} could not be read")
        parts.append(f"{tally.failing} at or above {tally.fail_on.label.replace('_', ' ')}")
        self.write("; ".join(parts) + ".\n")
