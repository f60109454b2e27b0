"""The dates that matter to a record, each with its legal basis and who must act.

Computed from the record alone and `today` (injected, never the clock), so output is stable.
Weekends are flagged here; bank holidays need a calendar library, which `calendars.py` adds
for the `reminders` command so that `check` starts quickly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from typing import Any

from bailcheck.clocks.period import BailClock, add_months
from bailcheck.findings import Reminder


@dataclass(frozen=True)
class _Due:
    when: date
    key: str
    what: str
    basis: str
    flags: tuple[str, ...] = ()


def compute(data: dict[str, Any], clk: BailClock | None, today: date,
            review_days_before: Sequence[int] = (14, 7)) -> tuple[Reminder, ...]:
    dates = data.get("dates", {})
    decided = data["decision"]["made_at"].date()
    items: list[_Due] = []
    deadlines: list[_Due] = []
    if dates.get("first_court_date"):
        court = _Due(dates["first_court_date"], "first-court", "First appearance at court",
                     "PACE s.47(3A): not later than the first sitting after charge")
        items.append(court)
        deadlines.append(court)
    if dates.get("answer_bail_on"):
        items.append(_Due(dates["answer_bail_on"], "answer-bail",
                          "Answer bail at the police station", "PACE s.47ZA: return date"))
    items.extend(_bail_period(clk, deadlines))
    for deadline in deadlines:
        for days in review_days_before:
            when = deadline.when - timedelta(days=days)
            if when >= decided:  # a review before the decision itself means nothing
                items.append(_Due(when, f"review-{days}-{deadline.key}",
                                  f"Review the conditions: {days} days before "
                                  f"{deadline.what[0].lower()}{deadline.what[1:]}",
                                  "force review point (policy setting, not law)",
                                  deadline.flags))
    for cond in data["conditions"]:
        if cond.get("until"):
            items.append(_Due(cond["until"], f"condition-{cond['id']}-ends",
                              f"Condition {cond['id']} ({cond['type']}) ends",
                              "the condition's own end date"))
    items.sort(key=lambda d: (d.when, d.key))
    return tuple(_reminder(today, d) for d in items)


def _bail_period(clk: BailClock | None, deadlines: list[_Due]) -> list[_Due]:
    """The end of the applicable bail period, and every extension still open: the last day to
    authorise it and the rank that must. Each later step must be taken before the period ends
    as extended by the step before it, so its date assumes that step was taken."""
    if clk is None or clk.end is None:
        return []
    flags = ("verify",) if clk.verify else ()
    end = _Due(clk.end, "bail-period-end", "End of the applicable bail period", clk.basis, flags)
    deadlines.append(end)
    out = [end]
    last_day, step_flags, after = clk.end, flags, ""
    for step in clk.next_steps:
        if step.rank == "magistrates":
            target = f" to {step.to_months} months" if step.to_months else ""
            what = f"Last day to apply to a magistrates' court to extend the bail period{target}"
        else:
            what = (f"Last day for {step.rank.replace('_', ' ')} or above to extend the bail "
                    f"period to {step.to_months} months")
        out.append(_Due(last_day, f"extension-{step.to_months or 'court'}", what + after,
                        step.basis, step_flags))
        if not step.to_months:
            break
        last_day, clamped = add_months(clk.arrest, step.to_months)
        step_flags = ("verify",) if clamped or clk.verify else ()
        after = f" (if extended to {step.to_months} months)"
    return out


def _reminder(today: date, due: _Due) -> Reminder:
    status = "overdue" if due.when < today else "today" if due.when == today else "upcoming"
    extra = ("weekend",) if due.when.weekday() >= 5 else ()
    return Reminder(due.when.isoformat(), due.what, due.basis, status,
                    tuple(sorted(due.flags + extra)), due.key)


REGIME_NAMES = {
    "none": "no statutory time limit (arrest before 3 April 2017)",
    "pca_2017": "Policing and Crime Act 2017 regime (arrests 3 April 2017 to 27 October 2022)",
    "pcsc_2022": "Police, Crime, Sentencing and Courts Act 2022 regime (arrests from "
                 "28 October 2022)",
}


def clock_summary(clk: BailClock | None) -> dict[str, str]:
    """The pre-charge clock in words, or an empty mapping for other stages."""
    if clk is None:
        return {}
    out = {"regime": REGIME_NAMES[clk.regime],
           "basis": "PCSC 2022 s.45(3): the regime is chosen by the date of arrest",
           "arrested": clk.arrest.isoformat(),
           "bail_start": (clk.arrest + timedelta(days=1)).isoformat()}
    if clk.end is not None:
        out["bail_period_end"] = clk.end.isoformat()
        out["bail_period_basis"] = clk.basis + (" (verify)" if clk.verify else "")
    elif clk.regime != "none":
        out["bail_period_end"] = "suspended while with the CPS (PACE s.47ZL)"
    return out
