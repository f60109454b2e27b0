"""Less restrictive wordings a solicitor can propose for a condition challenged, drawn from the
record's own facts (working hours, the place of the offence, the people protected)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bailcheck.facts.rights import EXPRESSIVE_ACTIVITIES
from bailcheck.facts.words import join_and
from bailcheck.findings import Finding, Verdict

if TYPE_CHECKING:
    from bailcheck.documents.drafts import _Builder

DAY_NAMES = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
             "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}


EXPRESSIVE = EXPRESSIVE_ACTIVITIES  # the facts' list (Terms: expressive restriction)


def fact_of(cctx: Any, name: str, default: Any = None) -> Any:
    try:
        return cctx[name]
    except KeyError:  # a fact another version of the rules does not define
        return default


def hhmm(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"
# ------------------------------------------------------------------ proposals

def propose(b: _Builder, cond: dict[str, Any], cctx: Any, found: list[Finding]
              ) -> tuple[str, str]:
    """(wording to propose instead, or "" to ask for removal; a narrower fall-back, or "")."""
    t = cond["type"]
    p, data = b.data["person"], b.data
    job = p.get("employment", {})
    steps = {f.step for f in found}
    blocked = any(f.verdict >= Verdict.UNLAWFUL for f in found)
    complainants = [q["name"] for q in data.get("people", [])
                    if q.get("name") and q.get("role") in ("complainant", "witness")
                    and q.get("known_to_person") is not False]
    location = next((o["location"] for o in data["offences"] if o.get("location")), "")
    if t == "residence" and not cond.get("address") and p.get("address"):
        return f"To live and sleep each night at {p['address']}.", ""
    if t == "surety" and cond.get("parent") and blocked and b.ctx["age_at_surrender"] < 17:
        return "A parent or guardian to stand surety in the sum of £50.", ""
    if blocked or steps & {"necessity", "purpose"}:
        return "", _fallback(b, cond, location, complainants)
    if t == "curfew" and "from" in cond and "to" in cond:
        start, end = cond["from"], cond["to"]
        if fact_of(cctx, "curfew_hours", 0) >= 12:
            if not _evening_risk(b, cond):  # keep an evening start where the risk is then
                start = max(start, 21 * 60) if start >= 12 * 60 else start
            end = min(end, 6 * 60) if end < 12 * 60 else end
        hours = job.get("hours")
        if hours and fact_of(cctx, "curfew_overlaps_work"):
            work_start, work_end = hours
            if work_start < 12 * 60 and end > work_start - 30:
                end = work_start - 30
            elif work_start >= 12 * 60 and (start < work_end + 30):
                start = work_end + 30
        address = cond.get("address") or "[to complete: curfew address]"
        wording = f"To remain at {address} between {hhmm(start)} and {hhmm(end)}"
        days = cond.get("days")
        wording += " on " + join_and([DAY_NAMES[d] + "s" for d in days]) if days else " every night"
        if job and (hours and fact_of(cctx, "curfew_overlaps_work")):
            wording += (", except when travelling directly to or from work"
                        + (f" at {job['workplace']}" if job.get("workplace") else ""))
        return wording + ".", ""
    if t == "reporting":
        station = cond.get("station") or "[to complete: police station]"
        days = cond.get("days") or []
        window = cond.get("window")
        hours = job.get("hours")
        if window and hours and fact_of(cctx, "reporting_overlaps_work"):
            window = (hours[1] + 60, hours[1] + 180) if hours[1] < 20 * 60 else (8 * 60, 9 * 60)
        day = DAY_NAMES.get(days[0], "[to complete: day]") if days else "[to complete: day]"
        when = f" between {hhmm(window[0])} and {hhmm(window[1])}" if window else ""
        if not fact_of(cctx, "evidence_surrender", False) and fact_of(cctx, "reporting_days_per_week",
                                                                  0) > 3:
            return "", f"To report to {station} once a week, on {day}s{when}."
        return f"To report to {station} every {day}{when}.", ""
    if t == "exclusion":
        place = cond.get("place") or location or "[to complete: the place]"
        if fact_of(cctx, "covers_home") and fact_of(b.ctx, "someone_protected_lives_there"):
            return ((f"Not to enter {place} except once, by arrangement with the officer in the "
                     "case and accompanied by a police officer, to collect belongings."), "")
        if fact_of(cctx, "covers_workplace") and location:
            return ((f"Not to enter {location} except to attend work at "
                     f"{job.get('workplace') or place} during rostered shifts."), "")
        if fact_of(cctx, "covers_area"):
            centre = location or "[to complete: the place linked to the risk]"
            return f"Not to go within 100 metres of {centre}.", ""
        return "", ""
    return "", _fallback(b, cond, location, complainants)


def _evening_risk(b: _Builder, cond: dict[str, Any]) -> bool:
    """The record places the risk in the evening, before 21:00: keep the curfew's start."""
    if "evening" in str(cond.get("reason", "")).lower():
        return True
    for o in b.data["offences"]:
        when = str(o.get("time_of_day", ""))
        if re.match(r"^\d{1,2}:\d{2}$", when) and 17 <= int(when.split(":", 1)[0]) < 21:
            return True
    return False


def _fallback(b: _Builder, cond: dict[str, Any], location: str, complainants: list[str]) -> str:
    """A narrower wording for where the condition should go, if anywhere."""
    t, activity = cond["type"], cond.get("activity", "")
    job = b.data["person"].get("employment", {})
    cctx = b.ctx.for_condition(cond)
    if t == "activity" and activity in EXPRESSIVE and location:
        dispute = cond.get("dispute") or "[to complete: the named dispute]"
        return f"Not to picket or demonstrate at {location} in connection with {dispute}."
    if t == "activity" and activity in ("internet", "social_media", "devices") and complainants:
        return (f"Not to contact {join_and(complainants)} directly or indirectly by any "
                "electronic means.")
    if "hostel" in t and b.data["person"].get("address"):
        return f"To live and sleep each night at {b.data['person']['address']}."
    if t == "non_contact" and complainants and not cond.get("persons"):
        return f"Not to contact {join_and(complainants)} directly or indirectly."
    if t == "exclusion" and fact_of(cctx, "covers_workplace") and cond.get("place"):
        return f"Not to enter {cond['place']} except to attend work there during rostered shifts."
    if t == "exclusion" and fact_of(cctx, "covers_area") and location:
        return f"Not to go within 100 metres of {location}."
    if t == "reporting" and cond.get("station") and fact_of(cctx, "reporting_days_per_week", 0) > 1:
        day = DAY_NAMES.get((cond.get("days") or ["mon"])[0], "Monday")
        return f"To report to {cond['station']} once a week, on {day}s."
    if t == "curfew" and job.get("hours") and "from" in cond and "to" in cond:
        return ""
    return ""
