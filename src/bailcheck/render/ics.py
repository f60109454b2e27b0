"""Reminders as an RFC 5545 calendar, for `reminders --ics` only (icalendar is slow to import)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bailcheck import __version__
from bailcheck.findings import Reminder

LONDON = ZoneInfo("Europe/London")


def uid(reference: str, key: str) -> str:
    """Stable across runs and date changes, so re-importing updates instead of duplicating."""
    digest = hashlib.sha256(f"{reference}\0{key}".encode()).hexdigest()[:24]
    return f"{digest}@bailcheck"


def to_ics(reference: str, reminders: Iterable[Reminder], stamp: date,
           at: time = time(9, 0), alarm_before: timedelta = timedelta(days=1)) -> bytes:
    """An RFC 5545 calendar: one event per reminder at `at` London time, each with an alarm.

    DTSTAMP is the as-of date, not the clock, so the same input gives the same bytes.
    """
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", f"-//bailcheck//bailcheck {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    stamped = datetime.combine(stamp, time(0, 0), tzinfo=UTC)
    for r in reminders:
        start = datetime.combine(date.fromisoformat(r.date), at, tzinfo=LONDON)
        event = Event()
        event.add("uid", uid(reference, r.key or r.what))
        event.add("dtstamp", stamped)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=30))
        event.add("summary", f"{reference}: {r.what}")
        notes = [r.basis] + ([f"Flags: {', '.join(r.flags)}"] if r.flags else [])
        event.add("description", "\n".join(n for n in notes if n))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -alarm_before)
        alarm.add("description", f"{reference}: {r.what}")
        event.add_component(alarm)
        cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
