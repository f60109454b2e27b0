"""The text report a custody sergeant reads at the desk: plain English, worst news first."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from bailcheck.batch import Tally
from bailcheck.findings import ConditionResult, Finding, RecordFailure, RecordReport, Verdict

Style = Callable[[str, Verdict], str]

HEADLINE = {
    Verdict.UNLAWFUL: "UNLAWFUL — outside the decision-maker's powers",
    Verdict.DISPROPORTIONATE: "DISPROPORTIONATE — fails necessity or proportionality",
    Verdict.UNENFORCEABLE: "UNENFORCEABLE — cannot be policed as drafted",
    Verdict.NEEDS_JUSTIFICATION: "NEEDS JUSTIFICATION — record the evidence and reasons",
    Verdict.OK: "OK — no finding",
    Verdict.PROCEDURAL: "PROCEDURAL — a required step is missing",
    Verdict.NOTE: "NOTE",
}


def plain(text: str, _verdict: Verdict) -> str:
    return text


class TextRenderer:
    def __init__(self, write: Callable[[str], None], width: int = 100,
                 style: Style = plain) -> None:
        self.write = write
        self.width = width
        self.style = style

    def begin(self) -> None:
        pass

    def wrap(self, text: str, indent: int, first: str = "") -> str:
        pad = " " * indent
        return textwrap.fill(text, self.width, initial_indent=pad + first,
                             subsequent_indent=pad + " " * len(first), break_on_hyphens=False)

    def emit(self, text: str) -> None:
        self.write(text)

    def encode(self, result: RecordReport | RecordFailure) -> str:
        if isinstance(result, RecordFailure):
            return "".join([f"{result.path}: cannot be checked\n",
                            *(f"  {problem}\n" for problem in result.problems), "\n"])
        lines = [f"{result.path} — case {result.reference}"]
        for cond in result.conditions:
            lines.extend(self.condition(cond))
        if not result.conditions:
            lines.append("  No conditions: nothing to judge.")
        if result.findings:
            lines.append("")
            lines.append("  The record as a whole")
            for finding in result.findings:
                lines.extend(self.finding(finding, headline=True))
        if result.reminders:
            lines.append("")
            lines.append("  Dates")
            for r in result.reminders:
                flags = f" [{', '.join((r.status, *r.flags))}]" if r.status or r.flags else ""
                lines.append(self.wrap(f"{r.what}{flags}", 4, f"{r.date}  "))
        return "\n".join(lines) + "\n\n"

    def condition(self, cond: ConditionResult) -> list[str]:
        headline = self.style(HEADLINE[cond.verdict], cond.verdict)
        lines = ["", self.wrap(cond.text, 2, f"{cond.id} {cond.type}: "), f"     {headline}"]
        for finding in cond.findings:
            lines.extend(self.finding(finding))
        return lines

    def finding(self, finding: Finding, headline: bool = False) -> list[str]:
        label = f"{finding.verdict.label.replace('_', ' ')}: " if headline else ""
        out = [self.wrap(f"{label}{finding.message} [{finding.rule}]", 5, "- ")]
        out.append(self.wrap("; ".join(finding.citations), 7, "Law: "))
        if finding.alternative:
            out.append(self.wrap(finding.alternative, 7, "Instead: "))
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
