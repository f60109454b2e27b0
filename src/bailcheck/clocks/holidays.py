"""England and Wales bank holidays, for the `reminders` command only.

The `holidays` library takes a noticeable time to import, so `check` never loads this module.
Bank holidays are those of England and Wales (the ENG subdivision shares them with Wales);
Scottish and Northern Irish holidays do not apply to bail in England and Wales.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache

from bailcheck.findings import Reminder


@cache
def _holidays_for(year: int) -> dict[date, str]:
    from holidays.countries.united_kingdom import UnitedKingdom

    return dict(UnitedKingdom(subdiv="ENG", years=year))  # type: ignore[no-untyped-call]


def bank_holiday(day: date) -> str | None:
    """The name of the England and Wales bank holiday on `day`, if there is one."""
    return _holidays_for(day.year).get(day)


def flag_bank_holidays(reminders: Iterable[Reminder]) -> tuple[Reminder, ...]:
    def flagged(r: Reminder) -> Reminder:
        name = bank_holiday(date.fromisoformat(r.date))
        return r.with_flags(tuple(sorted((*r.flags, f"bank holiday: {name}")))) if name else r

    return tuple(flagged(r) for r in reminders)
