"""The dates that matter to a record, each with its legal basis and who must act.

Computed from the record alone and `today` (injected, never the clock), so output is stable.
Weekends are flagged here; bank holidays need a calendar library, which clocks/holidays.py adds
for the `reminders` command so that `check` starts quickly.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from bailcheck.clocks.ladders import HOLDER_WORDS, months_words, rank_words
from bailcheck.clocks.period import BailClock
from bailcheck.findings import Reminder


class _Due:
    """A date that matters, before it is judged against today (a plain class: one is made for
    every date of every record, and nothing outside this module sees it)."""

    __slots__ = ("basis", "flags", "key", "rank", "what", "when")

    def __init__(self, when: date, key: str, what: str, basis: str,  # noqa: PLR0917
                 flags: tuple[str, ...] = (), rank: str = "") -> None:
        self.when = when
        self.key = key
        self.what = what
        self.basis = basis
        self.flags = flags
        self.rank = rank  # who must act


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
                          "Answer bail at the police station", "PACE s.47ZA: return date",
                          rank="custody_officer"))
    items.extend(_bail_period(clk, deadlines))
    for deadline in deadlines:
        for days in review_days_before:
            when = deadline.when - timedelta(days=days)
            if when >= decided:  # a review before the decision itself means nothing
                items.append(_Due(when, f"review-{days}-{deadline.key}",
                                  f"Review the conditions: {days} days before "
                                  f"{deadline.what[0].lower()}{deadline.what[1:]}",
                                  "force review point (policy setting, not law)",
                                  deadline.flags, deadline.rank))
    for cond in data["conditions"]:
        if cond.get("until"):
            items.append(_Due(cond["until"], f"condition-{cond['id']}-ends",
                              f"Condition {cond['id']} ({cond['type']}) ends",
                              "the condition's own end date"))
    items.sort(key=lambda d: (d.when, d.key))
    return tuple(_reminder(today, d) for d in items)


def _bail_period(clk: BailClock | None, deadlines: list[_Due]) -> list[_Due]:
    """The last day of the applicable bail period and every step still open, each with the rank
    that must take it and its last day (clocks/period.py works them out). None while the
    period does not run (s.47ZL): its days are not yet fixed."""
    if clk is None or clk.end is None:
        return []
    flags = ("verify",) if clk.end_verify else ()
    who = next((s.rank for s in clk.steps if s.last_day is not None), "")  # who must extend
    end = _Due(clk.end, "bail-period-end", "End of the applicable bail period",
               f"{clk.regime_name}; PACE s.47ZB", flags, who)
    deadlines.append(end)
    out = [end]
    for step in clk.steps:
        if step.last_day is None:
            continue
        holder = HOLDER_WORDS.get(step.rank, rank_words(step.rank))
        if step.rank == "magistrates":
            what = (f"Last day to apply to a magistrates' court to extend the bail period to "
                    f"{months_words(step.options or (step.to_months,))} ({step.section})")
        else:
            what = (f"Last day for {holder} to extend the bail period to "
                    f"{months_words(step.options or (step.to_months,))} ({step.section})")
        if step.conditional:
            what += " (if the step before is taken)"
        out.append(_Due(step.last_day, f"extension-{step.section}", what, step.basis,
                        ("verify",) if step.verify else (), step.rank))
    return out


def _reminder(today: date, due: _Due) -> Reminder:
    status = "overdue" if due.when < today else "today" if due.when == today else "upcoming"
    flags = (*due.flags, "weekend") if due.when.weekday() >= 5 else due.flags
    return Reminder(due.when.isoformat(), due.what, due.basis, status,
                    tuple(sorted(flags)) if len(flags) > 1 else flags, due.key, due.rank)
