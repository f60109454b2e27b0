"""Counting days for the bail clock: a record's day in England, and the n-th day on which the
period runs when some days do not (s.47ZL suspensions, s.47ZM in-patient days)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

Span = tuple[date, date]  # first and last day, inclusive


def day_of(value: Any) -> date:
    """A calendar day in England (record-format: local times are Europe/London)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            from zoneinfo import ZoneInfo
            value = value.astimezone(ZoneInfo("Europe/London"))
        day: date = value.date()
        return day
    if isinstance(value, date):
        return value
    raise TypeError(f"not a date: {value!r}")


def merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def nth_running_day(start: date, n: int, spans: list[Span]) -> date:
    """The n-th day from start (counted as day 1) that lies in none of the spans."""
    day = start + timedelta(days=n - 1)
    for a, b in merge(spans):
        if a <= day:  # every day of the span is before the n-th running day: move it on
            day += b - a + timedelta(days=1)
    return day


def running_days_between(after: date, through: date, spans: list[Span]) -> int:
    """How many days from the day after `after` to `through`, inclusive, lie in none of the
    spans: the count that moves the n-th running day from `after` to `through`."""
    days = (through - after).days
    for a, b in merge(spans):
        first, last = max(a, after + timedelta(days=1)), min(b, through)
        if first <= last:
            days -= (last - first).days + 1
    return max(days, 0)
