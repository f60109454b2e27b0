"""Reminders as text or JSON."""

from __future__ import annotations

import json

from bailcheck.findings import Finding, Reminder

LABELS = {"regime": "Regime", "arrested": "Arrested", "bail_start": "Bail start date",
          "bail_period_end": "Bail period ends", "bail_period_basis": "Because",
          "basis": "Regime chosen by"}


def text(reference: str, as_of: str, summary: dict[str, str], reminders: tuple[Reminder, ...],
         findings: tuple[Finding, ...]) -> str:
    lines = [f"Case {reference}: dates as of {as_of}", ""]
    if summary:
        lines += [f"  {LABELS[k]}: {v}" for k, v in summary.items()]
        lines.append("")
    if not reminders:
        lines.append("  No dates recorded: add dates.arrested_at, answer_bail_on or "
                     "first_court_date.")
    for r in reminders:
        lines.append(f"  {r.date}  {r.what}  [{', '.join((r.status, *r.flags))}]")
        lines.append(f"              {r.basis}")
    for f in findings:
        lines.append("")
        lines.append(f"  {f.verdict.label}: {f.message} [{f.rule}]")
    return "\n".join(lines) + "\n"


def as_json(reference: str, as_of: str, summary: dict[str, str],
            reminders: tuple[Reminder, ...], findings: tuple[Finding, ...]) -> str:
    return json.dumps({"reference": reference, "as_of": as_of, "bail_clock": summary,
                       "reminders": [r.as_record() for r in reminders],
                       "findings": [f.as_record() for f in findings]},
                      indent=2, ensure_ascii=False) + "\n"
