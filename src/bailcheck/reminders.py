"""The dates that matter to a record, each with its legal basis.

Computed from the record alone and `today` (injected, never the clock), so output is stable.
"""

from __future__ import annotations

from datetime import date, timedelta

from bailcheck.facts import Context, clock
from bailcheck.findings import Reminder

REVIEW_DAYS_BEFORE = (14, 7)  # internal reviews before each deadline: a policy default, not law


def compute(ctx: Context) -> tuple[Reminder, ...]:
    items: list[tuple[date, str, str, tuple[str, ...]]] = []
    dates = ctx.data.get("dates", {})
    if dates.get("first_court_date"):
        items.append((dates["first_court_date"], "First appearance at court",
                      "PACE s.47(3A): not later than the first sitting after charge", ()))
    if dates.get("answer_bail_on"):
        items.append((dates["answer_bail_on"], "Answer bail at the police station",
                      "PACE s.47ZA: return date", ()))
    clk = clock(ctx)
    if clk is not None and clk.end is not None:
        flags = ("verify",) if clk.verify else ()
        items.append((clk.end, "End of the applicable bail period", clk.basis, flags))
        for step in clk.next_steps:
            what = (f"Last day to extend bail to {step.to_months} months: "
                    f"{step.rank.replace('_', ' ')} or above" if step.to_months
                    else "Last day to apply to a magistrates' court to extend bail")
            items.append((clk.end, what, step.basis, flags))
            if step.to_months:
                break  # only the next police step; later ones depend on this one
        for days in REVIEW_DAYS_BEFORE:
            items.append((clk.end - timedelta(days=days),
                          f"Internal review: {days} days before the bail period ends",
                          "force review point (policy default, not law)", flags))
    for cond in ctx.data["conditions"]:
        if cond.get("until"):
            items.append((cond["until"], f"Condition {cond['id']} ({cond['type']}) ends",
                          "the condition's own end date", ()))
    return tuple(_reminder(ctx.today, *item) for item in sorted(items, key=lambda i: (i[0], i[1])))


def _reminder(today: date, when: date, what: str, basis: str, flags: tuple[str, ...]) -> Reminder:
    status = "overdue" if when < today else "today" if when == today else "upcoming"
    extra = ("weekend",) if when.weekday() >= 5 else ()
    return Reminder(when.isoformat(), what, basis, status, tuple(sorted(flags + extra)))
