"""A pre-charge record's dated events, in the order the bail clock reads them (decision-model
§7.5–§7.6): extensions, and each release for a DPP charging decision with its DPP requests and
the days they were met (PACE s.47ZL). Where one day holds more than one, the record gives no
times, so the order chosen is stated and says "verify"."""

from __future__ import annotations

from datetime import date
from typing import Any

from bailcheck.clocks.days import day_of

CPS_POWERS = {"s37_7_a", "s37C_2_b"}  # s.47ZL(1): release for a DPP charging decision

# (day, order within the day, to_months, extension or referral index, tie-break, kind, payload)
Event = tuple[date, int, int, int, int, str, Any]


def read_events(release: dict[str, Any], dates: dict[str, Any], bail_on: date
                ) -> tuple[list[Event], list[str], bool]:
    """The events in order; the readings to verify; and whether the first release came on the
    bail date, so that the period "does not begin" (s.47ZL(2)). On one day: extensions (smaller
    to_months first), "met", requests (each met the same day followed by its "met", then the
    others), releases (§7.6), then a request on its own release's day (likewise)."""
    events: list[Event] = []
    notes: list[str] = []
    anchor: tuple[date, int, int] | None = None
    for i, ext in enumerate(dates.get("extensions") or []):
        if ext.get("at") is not None:
            anchor = (day_of(ext["at"]), int(ext["to_months"]), i)
            events.append((anchor[0], 0, anchor[1], i, 0, "extension", (i, ext)))
        elif anchor is None:  # undated, before any dated one: first of all
            events.append((date.min, 0, 0, -1, i, "extension", (i, ext)))
        else:  # undated: just after the dated extension before it in the list
            events.append((anchor[0], 0, anchor[1], anchor[2], 1 + i, "extension", (i, ext)))
    refs = [_referral(r) for r in dates.get("cps_referrals") or []]
    if not refs and release.get("power") in CPS_POWERS:  # §7.6: released on the bail date
        refs = [(bail_on, [])]
    refs.sort(key=lambda r: r[0])
    if refs:
        notes.append("s.47ZL day boundaries are bailcheck's reading: the release day and the day "
                     "a DPP request is met do not count; the day a request is made does")
    for n, (released, requests) in enumerate(refs):
        events.append((released, 4, 0, n, 0, "release", None))
        for j, (made, met) in enumerate(requests):
            # a request on its own referral's release day follows that release: the period
            # resumes "on the day the request is made" (s.47ZL(4)–(6)); see period.py's note.
            # One met on the day it is made is read with its "met" just after it, before the
            # requests that day leaves outstanding, so that the day ends running on those
            after = 5 if made == released else 0
            same_day = met == made
            events.append((made, 2 + after, 0 if same_day else 1, n, 2 * j, "request", None))
            if met is not None:
                events.append((met, 2 + after if same_day else 1, 0, n, 2 * j + 1, "met", None))
    events.sort(key=lambda e: e[:5])
    return events, notes + _same_day(events), bool(refs) and refs[0][0] <= bail_on


def _same_day(events: list[Event]) -> list[str]:
    """The readings that rest on an order within one day, which a record's dates cannot show:
    two dated extensions, or an extension and a CPS referral's event."""
    kinds: dict[date, list[str]] = {}
    for day, *_, kind, payload in events:
        if kind != "extension" or payload[1].get("at") is not None:
            kinds.setdefault(day, []).append(kind)
    out = []
    for day, found in kinds.items():
        if found.count("extension") > 1:
            out.append(f"two extensions fall on {day}: the record gives no times, so bailcheck "
                       "read them shortest first")
        if "extension" in found and len(set(found)) > 1:
            out.append(f"an extension and a CPS referral's release, DPP request or request met "
                       f"fall on {day}: the record gives no times, so bailcheck read the "
                       "extension first")
    return out


def _referral(ref: dict[str, Any]) -> tuple[date, list[tuple[date, date | None]]]:
    """Both forms of a `cps_referrals` entry, as (released_on, [(made_on, met_on)])."""
    if "released_on" in ref:
        return day_of(ref["released_on"]), [
            (day_of(r["made_on"]), day_of(r["met_on"]) if r.get("met_on") is not None else None)
            for r in ref.get("dpp_requests") or []]
    to = ref.get("to")  # first edition: released on `from`, one request made on `to`, never met
    return day_of(ref["from"]), [] if to is None else [(day_of(to), None)]
