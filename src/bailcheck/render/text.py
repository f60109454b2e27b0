"""The text report, worded for its reader.

- custody (default): what a sergeant reads at the desk; conditions in record order, preceded by
  what to change before release;
- solicitor: the weakest conditions first, each finding as a ground with its authority and the
  narrower wording to propose;
- policy: rule ids first, with the facts each fired rule read and their values.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from bailcheck.findings import ConditionResult, Finding, RecordFailure, RecordReport, Tally, Verdict
from bailcheck.render import explain_text
from bailcheck.render.base import Options
from bailcheck.render.reminders_out import NOT_RUNNING
from bailcheck.safe_text import quote, visible

HEADLINE = {
    Verdict.UNLAWFUL: "UNLAWFUL — outside the decision-maker's powers",
    Verdict.DISPROPORTIONATE: "DISPROPORTIONATE — fails necessity or proportionality",
    Verdict.UNENFORCEABLE: "UNENFORCEABLE — cannot be policed as drafted",
    Verdict.NEEDS_JUSTIFICATION: "NEEDS JUSTIFICATION — record the evidence and reasons",
    Verdict.OK: "OK — no finding",
    Verdict.NOTE: "NOTE",
}
# reader -> (label for the law, label for the alternative)
LABELS = {"custody": ("Law", "Instead"), "solicitor": ("Authority", "Propose"),
         "policy": ("Law", "Instead")}


_COLOURS = {Verdict.UNLAWFUL: "31", Verdict.DISPROPORTIONATE: "31", Verdict.UNENFORCEABLE: "33",
            Verdict.NEEDS_JUSTIFICATION: "33", Verdict.OK: "32"}
Traces = dict[str, tuple[Any, ...]]


class TextRenderer:
    def __init__(self, options: Options) -> None:
        self.options = options
        self.width = options.width
        self.reader = options.reader

    def style(self, text: str, verdict: Verdict) -> str:
        if not self.options.colour or verdict not in _COLOURS:
            return text
        return f"\x1b[1;{_COLOURS[verdict]}m{text}\x1b[0m"

    def begin(self) -> str:
        return ""

    def piece(self, text: str) -> str:
        return text

    def wrap(self, text: str, indent: int, first: str = "") -> str:
        pad = " " * indent
        return textwrap.fill(visible(text), self.width, initial_indent=pad + first,
                             subsequent_indent=pad + " " * len(first), break_on_hyphens=False)

    def encode(self, result: RecordReport | RecordFailure) -> str:
        if isinstance(result, RecordFailure):
            return "".join([f"{visible(result.path)}: cannot be checked\n",
                            *(f"  {visible(str(problem))}\n" for problem in result.problems),
                            "\n"])
        text = self.report(result, result.traces)
        if not self.options.explain:
            return text
        parts = [text.rstrip("\n"), "", "  Why"]
        only = self.options.only
        for cond in result.conditions:
            if only is None or cond.id == only:
                heading = f"  {cond.id} {cond.type} (line {cond.line}): {visible(cond.text)}"
                parts.append(textwrap.indent(explain_text.condition(
                    heading, cond.verdict.words, list(result.traces.get(cond.id, ())),
                    self.width - 2), "  ").rstrip("\n"))
        if only is not None and all(c.id != only for c in result.conditions):
            ids = ", ".join(quote(c.id) for c in result.conditions[:10]) or "none"
            parts.append(self.wrap(f"This record has no condition {quote(only)} (--condition); "
                                   f"its conditions: {ids}"
                                   + (", …" if len(result.conditions) > 10 else "") + ".", 4))
        return "\n".join(parts) + "\n\n"

    def report(self, result: RecordReport, traces: Traces) -> str:
        lines = [f"{visible(result.path)} — case {visible(result.reference)}"]
        lines.extend(self.summary(result.conditions, result.stage))
        for cond in self.ordered(result.conditions):
            lines.extend(self.condition(cond, traces.get(cond.id, ())))
        if not result.conditions:
            lines.append("  No conditions: nothing to judge.")
        if result.findings:
            lines.append("")
            lines.append("  The record as a whole")
            for finding in result.findings:
                lines.extend(self.finding(finding, traces.get("", ()), headline=True))
        if result.warnings:  # e.g. an `accepted` entry that lapsed or matches no finding
            lines.append("")
            lines.extend(self.wrap(w, 2, "Warning: ") for w in result.warnings)
        # a period that does not run has no dates of its own: say so, or it would look unchecked
        paused = result.clock is not None and result.clock.get("state") == "not_running"
        if result.reminders or paused:
            lines.append("")
            lines.append("  Dates")
            if paused:
                lines.append(self.wrap(f"Bail period {NOT_RUNNING}", 4))
            for r in result.reminders:
                flags = f" [{', '.join((r.status, *r.flags))}]" if r.status or r.flags else ""
                lines.append(self.wrap(f"{r.what}{flags}", 4, f"{r.date}  "))
        return "\n".join(lines) + "\n\n"

    def summary(self, conditions: Sequence[ConditionResult], stage: str = "") -> list[str]:
        blocked = [c for c in conditions if c.verdict >= Verdict.UNENFORCEABLE]
        if self.reader != "custody" or not blocked:
            return []
        listed = ", ".join(f"{c.id} ({c.verdict.words})" for c in blocked)
        # a custody officer changes them before releasing; a court before it imposes them
        when = "Change before the court imposes them: " if stage == "court" else (
            "Change before release: ")
        return ["", self.wrap(listed, 2, when)]

    def ordered(self, conditions: Sequence[ConditionResult]) -> list[ConditionResult]:
        if self.reader == "solicitor":  # the weakest conditions first
            return sorted(conditions, key=lambda c: -c.verdict)
        return list(conditions)

    def condition(self, cond: ConditionResult, traces: Sequence[Any]) -> list[str]:
        headline = self.style(HEADLINE[cond.verdict], cond.verdict)
        lines = ["", self.wrap(cond.text, 2, f"{cond.id} {cond.type}: "), f"     {headline}"]
        if self.reader == "solicitor" and cond.findings:
            lines.append("     Grounds to challenge:")
        for finding in cond.findings:
            lines.extend(self.finding(finding, traces))
        return lines

    def finding(self, finding: Finding, traces: Sequence[Any],
                headline: bool = False) -> list[str]:
        law, instead = LABELS[self.reader]
        label = f"{finding.verdict.words}: " if headline else ""
        if self.reader == "policy":
            out = [self.wrap(f"{label}[{finding.rule}] ({finding.step}) {finding.message}", 5,
                             "- ")]
            for trace in traces:
                if trace.rule == finding.rule:
                    facts = "; ".join(f"{f.fact} = {f.value}" for f in trace.facts)
                    out.append(self.wrap(facts, 7, "Facts: "))
        else:
            out = [self.wrap(f"{label}{finding.message} [{finding.rule}]", 5, "- ")]
        if finding.accepted:
            out.append(self.wrap(finding.accepted, 7, "Accepted: "))
        out.append(self.wrap("; ".join(finding.citations), 7, f"{law}: "))
        if finding.alternative:
            out.append(self.wrap(finding.alternative, 7, f"{instead}: "))
        return out

    def end(self, tally: Tally) -> str:
        parts = [f"{tally.records} record{'s' if tally.records != 1 else ''} checked"]
        for what, counts in (("conditions", tally.verdicts), ("record", tally.record_verdicts)):
            if counts:
                parts.append(f"{what}: " + ", ".join(
                    f"{n} {Verdict.parse(v).words}" for v, n in
                    sorted(counts.items(), key=lambda kv: -Verdict.parse(kv[0]))))
        if tally.accepted:
            parts.append(f"{tally.accepted} accepted")
        if tally.unreadable:
            parts.append(f"{tally.unreadable} could not be read")
        parts.append(_failing(tally))
        return "; ".join(parts) + ".\n"


def _failing(tally: Tally) -> str:
    """How many records hold a finding that counts against --fail-on (what sets exit code 1)."""
    level = f"'{tally.fail_on.words}'" + ("" if tally.fail_on == max(Verdict) else " or worse")
    if tally.accepted:  # an accepted finding does not count, however grave
        level += " (accepted findings do not count)"
    if not tally.failing:
        return f"no record has a finding at {level}"
    if tally.failing == 1:
        return f"1 record has a finding at {level}"
    return f"{tally.failing} records have a finding at {level}"
