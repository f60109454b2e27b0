"""`bailcheck reminders` as text or JSON; the JSON is the documented bail-clock contract:
`{"reference", "as_of", "bail_clock", "reminders", "findings"}`."""

from __future__ import annotations

import json
from typing import Any

from bailcheck.facts.words import words
from bailcheck.findings import Finding, Reminder
from bailcheck.safe_text import visible

# (true before a first request and after one is met: s.47ZL(2), (9)–(11))
NOT_RUNNING = ("not running (s.47ZL): released for a DPP charging decision, with no DPP request "
               "outstanding; no last day and no step dates until one is made")
STATES = {
    "running": "running",
    "not_running": NOT_RUNNING,
    "no_limit": "no statutory time limit (arrest before 3 April 2017)",
}


def _clock_lines(clock: dict[str, Any]) -> list[str]:
    lines = [f"  Regime: {clock['regime_name']}", f"  Bail period: {STATES[clock['state']]}"]
    if clock["bail_start"]:
        lines.append(f"  Bail start date: {clock['bail_start']} (the day after arrest, "
                     "PACE s.47ZB(4)(a))")
    if clock["end"]:
        lines.append(f"  Bail period ends: {clock['end']}"
                     + (f" ({clock['suspended_days']} days suspended)"
                        if clock["suspended_days"] else ""))
    for ext in clock["extensions"]:
        when = ext["at"] or "date not recorded"
        head = (f"  Extension to {ext['to_months']} months by {words(ext['by_rank'])} on {when}"
                f" ({ext['section']})")
        lines.append(head + (": had effect" if ext["effective"] else
                             f": NO EFFECT: {ext['problem']}"))
    for step in clock["steps"]:
        last = step["last_day"] or "not yet fixed (period not running)"
        lines.append(f"  Next step {step['section']}: {words(step['rank'])}, to "
                     f"{step['to_months']} months, last day {last}"
                     + (" (if the step before is taken)" if step["conditional"] else ""))
    lines += [f"  Verify: {v}" for v in clock["verify"]]
    return lines


def text(reference: str, as_of: str, clock: dict[str, Any] | None,
         reminders: tuple[Reminder, ...], findings: tuple[Finding, ...]) -> str:
    lines = [f"Case {visible(reference)}: dates as of {as_of}", ""]
    if clock:
        lines += [*_clock_lines(clock), ""]
    if not reminders and clock and clock["state"] == "not_running":
        lines.append("  No dates yet: the bail period does not run while no DPP request is "
                     "outstanding (s.47ZL).")
    elif not reminders:  # (a running clock always has its last day: these are what is missing)
        lines.append("  No dates recorded: add dates.answer_bail_on or dates.first_court_date.")
    for r in reminders:
        who = f" — {words(r.rank)} must act" if r.rank else ""
        lines.append(f"  {r.date}  {r.what}{who}  [{', '.join((r.status, *r.flags))}]")
        lines.append(f"              {r.basis}")
    for f in findings:
        lines.append("")
        lines.append(f"  {f.verdict.words}: {f.message} [{f.rule}]")
    return visible("\n".join(lines)) + "\n"


def as_json(reference: str, as_of: str, clock: dict[str, Any] | None,
            reminders: tuple[Reminder, ...], findings: tuple[Finding, ...]) -> str:
    return json.dumps({"reference": reference, "as_of": as_of, "bail_clock": clock,
                       "reminders": [r.as_record() for r in reminders],
                       "findings": [f.as_record() for f in findings]},
                      indent=2, ensure_ascii=False) + "\n"
