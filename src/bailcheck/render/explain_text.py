"""An explanation a solicitor could quote: a paragraph for each rule that fired, and a line for
each that did not, naming the facts, their values and their lines in the record."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from bailcheck.safe_text import visible

if TYPE_CHECKING:  # the trace values are plain data; renderers only read them
    from bailcheck.engine import FactTrace, RuleTrace


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
    return visible("\n".join(lines)) + "\n"  # fact values quote record text
