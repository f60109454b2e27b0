"""Readers for the record's scalar kinds: each returns the value, or None when the text does
not fit (the validator then reports what was expected, with an example)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

# How a plain (unquoted) scalar says "no value", true or false; how numbers are written. Both
# validators (validate.py and fast_record.py) read scalars by these.
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
TRUE = frozenset({"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"})
FALSE = frozenset({"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"})


class Pattern:
    """A regular expression compiled when first matched: compiling them all on import cost
    about a millisecond on every start, and many records never need some of them."""

    __slots__ = ("_compiled", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    def match(self, text: str) -> re.Match[str] | None:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.source)
        return compiled.match(text)


WHOLE = Pattern(r"^[0-9]+$")
NUMBER = Pattern(r"^[0-9]+(\.[0-9]+)?$")

TIME = r"^([01]?\d|2[0-3]):([0-5]\d)$"
SPAN = r"^\s*(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\s*$"
_TIME = Pattern(TIME)
_SPAN = Pattern(SPAN)


def parse_span(raw: str) -> tuple[int, int] | None:
    m = _SPAN.match(raw)
    start, end = (parse_time(m.group(1)), parse_time(m.group(2))) if m else (None, None)
    return (start, end) if start is not None and end is not None else None


EARLIEST, LATEST = 1900, 2100  # dates outside these years are typing mistakes


def parse_date(raw: str) -> date | None:
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        return None
    return value if EARLIEST <= value.year <= LATEST else None


def parse_time(raw: str) -> int | None:
    m = _TIME.match(raw.strip())
    return int(m.group(1)) * 60 + int(m.group(2)) if m else None


def parse_datetime(raw: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        return None
    if not EARLIEST <= value.year <= LATEST:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(_london()).replace(tzinfo=None)
    return value


# kind -> (reader returning None when the text does not fit, what it must be, an example)
READERS: dict[str, tuple[Callable[[str], Any], str, str]] = {
    "time": (parse_time, "a time of day HH:MM", '"19:00"'),
    "span": (parse_span, "a span of times HH:MM-HH:MM", '"06:00-14:00"'),
    "date": (parse_date, "a date YYYY-MM-DD between 1900 and 2100", "2017-03-06"),
    "datetime": (parse_datetime, "a date or date-time between 1900 and 2100",
                 "2017-03-06 or 2017-03-06T18:40"),
}


def _london() -> Any:
    from zoneinfo import ZoneInfo  # imported only for the rare record with a UTC offset

    return ZoneInfo("Europe/London")
