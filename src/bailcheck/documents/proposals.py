"""Less restrictive wordings a solicitor can propose for a condition challenged, drawn from the
record's own facts (working hours, the place of the offence, the people protected, the
conditions already in the package, the person's work and the evidence for each purpose)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bailcheck.facts.case import evidence
from bailcheck.facts.registry import squash
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
    narrower = None if blocked else _narrower(b, cond, cctx, steps)
    if narrower is not None:
        return narrower
    if blocked or steps & {"necessity", "purpose"}:
        return "", _fallback(b, cond, location, complainants)
    if t == "curfew" and "from" in cond and "to" in cond:
        start, end = cond["from"], cond["to"]
        if fact_of(cctx, "curfew_hours", 0) >= 12 and end <= start:  # (overnight curfews only)
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
        excepted = bool(job and hours and fact_of(cctx, "curfew_overlaps_work"))
        if not _narrows((cond["from"], cond["to"]), (start, end), excepted):
            return "", ""  # nothing narrower to offer than the condition itself
        address = cond.get("address") or "[to complete: curfew address]"
        wording = f"To remain at {address} between {hhmm(start)} and {hhmm(end)}"
        days = cond.get("days")
        wording += " on " + join_and([DAY_NAMES[d] + "s" for d in days]) if days else " every night"
        if excepted:
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


def _narrows(original: tuple[int, int], proposed: tuple[int, int], excepted: bool) -> bool:
    """A proposed curfew span is offered only if it lies within the original's hours, is not
    empty, and is narrower than it (or adds an exception for work): a defence never proposes
    a longer curfew, nor the same one again."""
    def minutes(span: tuple[int, int]) -> set[int]:
        start, end = span
        return set(range(start, end) if end > start else [*range(start, 1440), *range(end)])
    inside = minutes(proposed)
    return bool(inside) and inside <= minutes(original) and (inside != minutes(original)
                                                             or excepted)


def _evening_risk(b: _Builder, cond: dict[str, Any]) -> bool:
    """The record places the risk in the evening, before 21:00: keep the curfew's start."""
    if "evening" in str(cond.get("reason", "")).lower():
        return True
    for o in b.data["offences"]:
        when = str(o.get("time_of_day", ""))
        if re.match(r"^\d{1,2}:\d{2}$", when) and 17 <= int(when.split(":", 1)[0]) < 21:
            return True
    return False


def _expressive_fallback(cond: dict[str, Any], location: str, workplace: str) -> str:
    """The narrowest wording for a restriction on protest, picketing or belief, if any: never
    wider than the condition itself, never a ban at the person's own workplace (where peaceful
    picketing is lawful: TULRCA s.220, verify), and never a dispute the activity has none of."""
    activity = cond.get("activity", "")
    if not location or cond.get("place") or cond.get("manner") or cond.get("dispute"):
        return ""  # already limited, or no place linked to the offence to limit it to
    if workplace and _names_premises(location, workplace):
        return f"Not to obstruct any person or vehicle entering or leaving {location}."
    if activity in ("picketing", "strike_action", "trade_union"):
        return (f"Not to picket or demonstrate at {location} in connection with [to complete: "
                "the named dispute].")
    if activity == "protest":
        return f"Not to take part in a demonstration at {location}."
    return ""  # political or religious activity: no ban at a place is narrower in kind


def _names_premises(location: str, workplace: str) -> bool:
    """The offence's location is at the person's workplace: one names the other, or the
    location names the workplace's premises (its first part, e.g. the employer)."""
    place, work = squash(location), squash(workplace)
    return bool(work) and (work in place or place in work
                           or squash(workplace.split(",", maxsplit=1)[0]) in place)


def _fallback(b: _Builder, cond: dict[str, Any], location: str, complainants: list[str]) -> str:
    """A narrower wording for where the condition should go, if anywhere."""
    t, activity = cond["type"], cond.get("activity", "")
    job = b.data["person"].get("employment", {})
    cctx = b.ctx.for_condition(cond)
    if t == "activity" and activity in EXPRESSIVE:
        return _expressive_fallback(cond, location, job.get("workplace") or "")
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


# ------------------------------------------------------------------ surrender, travel, driving, tags
# A passport, surety or security serves surrender only (Bail Act s.3(4)-(5); law.md §4.2), a
# driving ban is justified mainly for a driving offence (§4.2), and a tag is a court power for a
# person who would otherwise not be granted bail (s.3AB, decision model §4.6: verify). Where the
# condition is outside the power at the stage (a street-bail surety, a police tag) none of this
# applies: removal is the answer.

CHORLEY = "R (CPS) v Chorley Justices [2002] EWHC 2162 (Admin)"


def _narrower(b: _Builder, cond: dict[str, Any], cctx: Any, steps: set[str]
              ) -> tuple[str, str] | None:
    """For a passport, surety, security, driving ban or tag: the narrower wording the record
    supports, proposed instead where a need for the condition's purpose is shown, else offered
    only if some restriction is thought necessary; None where the record supports none."""
    kind = cond["type"]
    if kind == "activity" and cond.get("activity") == "driving":
        wording = _driving(b, cond, cctx)
    elif kind == "passport":
        wording = _travel(b, cond, cctx)
    elif kind in ("surety", "security") and not cond.get("parent"):
        wording = _money(b, cond, cctx)
    elif "monitoring" in kind:  # named once, in the schema
        wording = _tag(b, cctx)
    else:
        return None
    if not wording:
        return None
    need_shown = not steps & {"necessity", "purpose"} and (
        kind not in ("passport", "surety", "security")
        or bool(fact_of(cctx, "evidence_surrender", False)))
    return (wording, "") if need_shown else ("", wording)


def _surrender_minimum(b: _Builder) -> str:
    """The lightest condition that secures attendance, given what the package already holds:
    residence at the person's own address (unless a residence or curfew already fixes where
    they sleep), else weekly reporting outside working hours."""
    conds, p = b.record.conditions, b.data["person"]
    if (not any(c["type"] in ("residence", "curfew") for c in conds) and p.get("address")
            and p.get("fixed_address") is not False):
        return f"To live and sleep each night at {p['address']}."
    if any(c["type"] == "reporting" for c in conds):
        return ""  # the package already secures attendance that way
    station = (b.data["decision"].get("station") if b.stage != "court" else "") or \
        "[to complete: police station]"
    hours = p.get("employment", {}).get("hours")
    when = ""
    if hours:
        window = (hours[1] + 60, hours[1] + 180) if hours[1] < 20 * 60 else (8 * 60, 9 * 60)
        when = f", between {hhmm(window[0])} and {hhmm(window[1])}"
    return f"To report to {station} once a week, on [to complete: day]s{when}."


def _travel(b: _Builder, cond: dict[str, Any], cctx: Any) -> str:
    """A passport condition where nothing points to leaving the country (law.md §4.2: foreign
    ties, travel plans, seriousness or likely sentence): for a person who holds no passport, a
    bar on applying for one; otherwise what secures attendance without touching travel."""
    domestic = {("person", "failures_to_surrender"), ("person", "fixed_address")}
    if any(tuple(e.where[:2]) not in domestic for e in evidence(cctx, "surrender")):
        return ""  # a risk of flight abroad is recorded: the condition is argued on its merits
    if cond.get("hand_in") is False:
        return ""  # it already only forbids applying: the narrowest travel condition there is
    if b.data["person"].get("passport_held") is False:
        return "Not to apply for any passport or other international travel document."
    return _surrender_minimum(b)


def _money(b: _Builder, cond: dict[str, Any], cctx: Any) -> str:
    """A surety or security: where no surrender risk is shown, what secures attendance without
    money; where one is, a surety whose sum is fixed on the surety's assessed means (s.8(2)),
    and for a security, which needs means the record does not show, attendance secured without."""
    if cond["type"] == "surety" and fact_of(cctx, "evidence_surrender", False):
        if cond.get("means_assessed") is True:
            return ""
        name = cond.get("name") or "the surety"
        return (f"To provide a surety ({name}) in the sum of [to complete: a sum within "
                f"{name}'s means, once assessed] before release.")
    return _surrender_minimum(b)


def _driving(b: _Builder, cond: dict[str, Any], cctx: Any) -> str:
    """A driving ban for a driving offence, confined so that the person can still work; a ban
    for an offence that did not involve driving has no narrower form: it should go."""
    job = b.data["person"].get("employment", {})
    if not fact_of(cctx, "tied_to_offence", False) or cond.get("place") or not job:
        return ""
    where = job.get("employer") or job.get("workplace")
    return ("Not to drive any mechanically propelled vehicle on a road or public place, except "
            "in the course of work" + (f" for {where}" if where else "") + ".")


def _tag(b: _Builder, cctx: Any) -> str:
    """A court tag where no ground to refuse bail is available: the curfew it monitors,
    checked at the door instead (Chorley); nothing where there is no curfew to check or a
    doorstep condition already checks it."""
    from bailcheck.documents.draft_words import BLOCKING, number_of

    conds = b.record.conditions
    # (a curfew that cannot itself be imposed as drafted leaves a doorstep nothing to check)
    curfews = [c for c in conds
               if c["type"] == "curfew" and b.results[c["id"]].verdict < BLOCKING]
    if (b.stage != "court" or fact_of(cctx, "custody_ground_available", True) or not curfews
            or any(c["type"] == "doorstep" for c in conds)):
        return ""
    address = curfews[0].get("address") or next(
        (c["address"] for c in conds if c["type"] == "residence" and c.get("address")),
        "[to complete: curfew address]")
    return (f"During the curfew hours set by condition {number_of(b.record, curfews[0]['id'])}, "
            f"to come to the door in person when a police officer calls at {address}.")


def proposal_law(cond: dict[str, Any], proposal: str, fallback: str) -> list[str]:
    """The authorities a narrower wording rests on, for the condition's list of law."""
    if "monitoring" in cond["type"] and "to come to the door in person" in proposal + fallback:
        return [CHORLEY]
    if cond["type"] == "surety" and "means, once assessed" in proposal:
        return ["Bail Act 1976 s.8(2)"]
    return []
