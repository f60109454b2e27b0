"""The solicitor's representations: in the defence voice, each condition challenged on the
grounds in the client's favour, with the client's own facts, the law as the authorities table
describes it, and a less restrictive wording to propose; the route chosen by stage.

A rule's `defence:` text is used where the rule has one; otherwise the ground is written here
from the kind of finding (power, purpose, necessity, proportionality, enforceability) and the
record's facts. Rule messages are written for the decision-maker and are not used.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bailcheck.facts.words import join_and, words
from bailcheck.findings import Finding, Verdict

if TYPE_CHECKING:
    from bailcheck.documents.drafts import _Builder

RIGHT_WORDS = {"Art 5": "liberty (Art 5)", "Art 8": "private and family life and home (Art 8)",
               "Art 9": "freedom of religion (Art 9)", "Art 10": "freedom of expression (Art 10)",
               "Art 11": "freedom of assembly and association (Art 11)"}
RIGHT_CITES = {"Art 5": "ECHR Art 5", "Art 8": "ECHR Art 8", "Art 9": "ECHR Art 9",
               "Art 10": "ECHR Art 10", "Art 11": "ECHR Art 11"}
DAY_NAMES = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
             "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}
SAME = {"power": "it is outside the power to impose it",
        "purpose": "no statutory purpose is given for it",
        "necessity": "nothing recorded about my client shows a real risk it is needed to prevent",
        "proportionality": "it goes further than any risk shown requires",
        "enforceability": "it is too uncertain to be obeyed or enforced"}
EXPRESSIVE = ("protest", "picketing", "trade_union", "strike_action", "political", "religious")


def _fact(cctx: Any, name: str, default: Any = None) -> Any:
    try:
        return cctx[name]
    except KeyError:  # a fact another version of the rules does not define
        return default


def hhmm(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


# ------------------------------------------------------------------ the client's facts

def client_facts(b: _Builder) -> dict[str, Any]:
    """What the record holds in the client's favour, as phrases for one paragraph."""
    p, data = b.data["person"], b.data
    traits: list[str] = []  # character and history
    life: list[str] = []  # home, work, ties
    age = b.ctx["age"]
    traits.append(f"is {age}" + (", a child in law (under 18)" if age < 18 else ""))
    if p["previous_convictions"] == 0:
        traits.append("has no previous convictions")
    if p.get("failures_to_surrender") == 0:
        traits.append("has never failed to surrender")
    if p.get("offended_on_bail") is False:
        traits.append("has never offended on bail")
    if p.get("bail_breaches") == 0:
        traits.append("has never breached bail")
    if p.get("witness_interference") is False:
        traits.append("has no history of interfering with witnesses")
    if p.get("fixed_address") is True or (p.get("fixed_address") is None and p.get("address")):
        life.append(f"lives at a fixed address ({p['address']})" if p.get("address")
                    else "lives at a fixed address")
    job = p.get("employment", {})
    if job:
        where = job.get("employer") or job.get("workplace")
        hours = job.get("hours")
        life.append("works" + (f" for {where}" if where else "")
                    + (f" from {hhmm(hours[0])} to {hhmm(hours[1])}" if hours else ""))
    if p.get("trade_union_member"):
        life.append("is a member of a trade union")
    if p.get("foreign_ties") is False:
        life.append("has no ties abroad")
    if p.get("passport_held") is False:
        life.append("holds no passport")
    offence: list[str] = []
    modes = {o["mode_of_trial"] for o in data["offences"]}
    if modes == {"summary"}:
        offence.append("summary only")
    if all(o.get("imprisonable") is False for o in data["offences"]):
        offence.append("not punishable with imprisonment")
    if all(o.get("likely_disposal") == "non_custodial" for o in data["offences"]):
        offence.append("unlikely to lead to a custodial sentence")
    return {"traits": traits, "life": life, "caring": p.get("caring_responsibilities", ""),
            "vulnerabilities": list(p.get("vulnerabilities", [])),
            "offence": offence, "charged": b.stage in ("post_charge", "court"),
            "plural": len(data["offences"]) > 1}


# ------------------------------------------------------------------ grounds

def _who(b: _Builder) -> str:
    return {"street": "a constable granting street bail", "court": "the court"}.get(
        b.stage, "a custody officer")


def _power(b: _Builder, cond: dict[str, Any]) -> str:
    t, age = cond["type"], b.ctx["age"]
    purposes = cond.get("purpose", [])
    # condition types are named once, in the schema: recognise these two by their words
    if "hostel" in t:
        return "Only a court can require residence in a bail hostel; a custody officer cannot."
    if "monitoring" in t:
        return "Electronic monitoring is a power of the court, not of the police."
    if t in ("reports", "legal_interview") or {"reports", "legal_interview"} & set(purposes):
        return "Conditions for reports or a legal interview are for a court, not the police."
    if t in ("surety", "security") and b.stage == "street":
        return "Street bail cannot require a surety or a security."
    if t == "surety" and cond.get("parent"):
        return (f"A parent may stand surety to secure a child's compliance only for a child under "
                f"17, and for no more than £50; the sum here is £{cond.get('amount', 0):g} and my "
                f"client will be {b.ctx['age_at_surrender']} on the surrender date.")
    if t in ("surety", "security") and set(purposes) - {"surrender"}:
        return (f"A {t} may secure only surrender to custody, but this one is said to serve "
                f"{join_and([words(x) for x in purposes])}.")
    if "welfare" in purposes and age >= 18:
        return (f"A condition for a person's welfare may be imposed only on a child or young "
                f"person; my client is {age}.")
    if b.power in ("s37C_2_b", "s37CA_2_b") and not cond.get("carried_over"):
        return ("On release again after an arrest for breach or failure to answer bail, only the "
                "conditions that applied before the arrest continue; no new condition may be "
                "added.")
    return f"The law does not allow {_who(b)} to impose this condition."


def _necessity(b: _Builder, cond: dict[str, Any], cctx: Any) -> str:
    missing = _fact(cctx, "purposes_without_evidence", cond.get("purpose", [])) or []
    purposes = join_and([client_words(x) for x in missing]) or "its stated purpose"
    return (f"It is not necessary. It is said to be for {purposes}, but nothing recorded about my "
            f"client shows a real risk of that, and a condition may be imposed only where it is "
            f"necessary to prevent a real risk shown on my client's own facts.")


def _reads(b: _Builder, f: Finding) -> set[str]:
    """The facts the rule behind a finding reads: what the finding is about."""
    from bailcheck.rules.policy import rule_facts

    rule = b._rule(f.rule)
    return set(rule_facts(rule)) if rule is not None else set()


def _not_charged(b: _Builder) -> bool:
    return b.stage in ("street", "pre_charge")


def _home(b: _Builder, cond: dict[str, Any], cctx: Any) -> str:
    """Exclusion from one's own home: the Carson point, on the client's own facts."""
    p, data = b.data["person"], b.data
    facts = []
    if _not_charged(b):
        facts.append("has not been charged")
    if p["previous_convictions"] == 0:
        facts.append("has no previous convictions")
    if {o["mode_of_trial"] for o in data["offences"]} == {"summary"}:
        facts.append("faces a summary-only allegation")
    if all(o.get("likely_disposal") == "non_custodial" for o in data["offences"]):
        facts.append("is unlikely to receive a custodial sentence")
    text = ("It keeps my client out of their own home. Excluding a person from their home is a "
            "grave interference with private and family life that needs strong justification "
            "on their own facts, and in Carson the High Court held such a condition "
            "disproportionate for a suspect who had not been charged.")
    if facts:
        text += f" My client {join_and(facts)}."
    protected = {q.get("name") for q in data.get("people", [])
                 if q.get("lives_with_person") or (q.get("address") and p.get("address")
                                                   and q["address"] == p["address"])}
    from bailcheck.documents.drafts import number_of

    covering = [number_of(b.record, c["id"]) for c in b.record.conditions
                if c["type"] == "non_contact" and set(c.get("persons", [])) & protected]
    if covering:
        who = join_and(sorted(set(protected) & {n for c in b.record.conditions
                                                 for n in c.get("persons", [])}))
        text += (f" The non-contact condition (condition {join_and([str(n) for n in covering])}) "
                 f"already protects {who}, so this further restriction is not necessary.")
    if p.get("caring_responsibilities"):
        caring = str(p["caring_responsibilities"]).rstrip(".")
        text += (" It also cuts across my client's caring responsibilities, recorded as: "
                 f"{caring}.")
    return text


def _proportionality(b: _Builder, cond: dict[str, Any], cctx: Any, f: Finding) -> str:
    t = cond["type"]
    p = b.data["person"]
    job = p.get("employment", {})
    reads = _reads(b, f)
    if t == "curfew":
        hours = _fact(cctx, "curfew_hours", 0)
        if "curfew_overlaps_work" in reads and job.get("hours"):
            return (f"It would stop my client working: the curfew runs from {hhmm(cond['from'])} "
                    f"to {hhmm(cond['to'])}, and my client works from "
                    f"{hhmm(job['hours'][0])} to {hhmm(job['hours'][1])}.")
        if "curfew_hours" in reads and hours:
            return (f"It confines my client to one address for {hours:g} hours a day, longer than "
                    "any risk the record shows requires.")
    if t == "reporting":
        days = _fact(cctx, "reporting_days_per_week", 0)
        if "reporting_overlaps_work" in reads and job.get("hours"):
            return (f"The reporting window falls within my client's working hours "
                    f"({hhmm(job['hours'][0])} to {hhmm(job['hours'][1])}).")
        if "reporting_days_per_week" in reads:
            return (f"It requires my client to report {days} days a week, although nothing "
                    "suggests any risk that they will fail to surrender.")
    if t == "exclusion":
        if _fact(cctx, "covers_home"):
            return _home(b, cond, cctx)
        if _fact(cctx, "covers_workplace"):
            where = job.get("workplace") or job.get("employer") or "their workplace"
            return (f"It keeps my client from their work at {where}, although no complainant or "
                    "witness works there.")
        if _fact(cctx, "covers_area"):
            return ("It bars my client from a whole town, city or county rather than from any "
                    "place linked to a risk.")
    if t == "activity":
        activity = cond.get("activity", "")
        if activity in EXPRESSIVE and _fact(cctx, "protest_blanket") and "protest_blanket" in reads:
            return (f"It bans {words(activity)} outright, with no limit to a place, a dispute or "
                    "a manner of protest.")
        if activity in ("internet", "social_media", "devices", "driving", "public_transport"):
            return f"It bans {words(activity)} although no offence alleged involved it."
    if t == "passport":
        return ("Nothing suggests any risk that my client will leave the country or fail to "
                "surrender.")
    if "all_offences_non_imprisonable" in reads:
        return ("None of the offences alleged is punishable with imprisonment, yet this is among "
                "the heaviest conditions there are.")
    if "no_real_prospect_of_custody" in reads:
        return ("The offence is unlikely to lead to a custodial sentence, so a restrictive "
                "condition needs a clear reason on my client's own facts, and none is given.")
    if "engages_rights" in reads:
        return "No reason has been given for it, although it restricts my client's rights."
    return "It goes further than any risk shown on my client's own facts requires."


def _enforceability(b: _Builder, cond: dict[str, Any], cctx: Any) -> str:
    t = cond["type"]
    detail = "its wording does not say clearly what is forbidden"
    if t == "curfew" and not _fact(cctx, "curfew_has_times", True):
        detail = "it gives no start and end times"
    elif t == "curfew" and not _fact(cctx, "curfew_has_address", True):
        detail = "it does not say where my client must stay"
    elif t == "residence" and not cond.get("address"):
        detail = "it names no address"
    elif t == "exclusion" and not _fact(cctx, "exclusion_has_boundary", True):
        detail = "it has no boundary"
    elif t == "non_contact" and _fact(cctx, "non_contact_conflicts_residence"):
        detail = ("it contradicts the residence condition: the person it protects lives at the "
                  "address where my client must live")
    elif t == "non_contact" and not _fact(cctx, "named_persons", 1):
        detail = "it names no one, so my client cannot know whom to avoid"
    elif t == "reporting" and not (cond.get("station") and cond.get("days")):
        detail = "it does not name the police station and the days"
    elif t == "passport" and not _fact(cctx, "passport_complete", True):
        detail = "it does not say by when, or to whom, any document must be handed in"
    elif t == "doorstep" and not _fact(b.ctx, "has_curfew_or_residence", True):
        detail = "there is no curfew or residence condition for it to check"
    return f"It is too uncertain to be obeyed or enforced: {detail}."


WRONG_LAW = {  # law a text may not rely on at a stage (law.md §1.4, §1.7, §3)
    "street": ("s.38(2A)", "para 9", "para 1A", "Sch 1", "s.3A", "s.5A", "Bail Act"),
    "pre_charge": ("s.38(2A)", "para 9", "para 1A", "Sch 1 Pt I para 9", "s.38(1)"),
    "post_charge": ("para 1A)", "Sch 1 Pt I para 1A"),
    "court": ("s.3A", "s.5A", "s.38(2A)", "custody officer"),
}


def stage_text(b: _Builder, text: str) -> str:
    """A rule's text, unless it relies on law that does not apply at this stage (then "")."""
    return "" if any(w in text for w in WRONG_LAW.get(b.stage, ())) else text


def _ground(b: _Builder, cond: dict[str, Any], cctx: Any, f: Finding, own: bool = False
            ) -> str:
    """The ground a finding gives: the rule's `defence:` text, or (and always with `own`)
    the drafts' own wording from what the finding is about."""
    rule = b._rule(f.rule)
    if rule is not None and rule.defence and not own:
        from bailcheck.documents.drafts import scrub

        text = stage_text(b, scrub(rule.fill(rule.defence, cctx)))
        if text:
            return text
    if f.step == "power":
        return _power(b, cond)
    if f.step == "purpose":
        if cond.get("purpose"):
            return ("Reporting and the surrender of travel documents are means of securing "
                    "surrender, but the condition is said to serve "
                    f"{join_and([client_words(x) for x in cond['purpose']])}, which it does not.")
        return ("No statutory purpose has been given for it. A condition may be imposed only if "
                "it is necessary for one of the purposes the law lists, so without one it "
                "cannot be shown to be necessary.")
    if f.step == "necessity":
        return _necessity(b, cond, cctx)
    if f.step == "enforceability":
        return _enforceability(b, cond, cctx)
    return _proportionality(b, cond, cctx, f)


def _gist(text: str, step: str) -> str:
    """A ground in a few words, to point back to it: its first sentence if short."""
    first = text.split(". ", 1)[0].rstrip(".")
    if len(first) <= 110 and not first.startswith(("It ", "The condition ")):
        return first[0].lower() + first[1:]
    return SAME.get(step, SAME["proportionality"])


def for_officer(text: str) -> str:
    """A ground written for the defence, as the decision-maker's note states it."""
    return (text.replace("My client's", "The person's").replace("my client's", "the person's")
            .replace("My client", "The person").replace("my client", "the person"))


def officer_view(b: _Builder, cond: dict[str, Any], found: list[Finding]
                 ) -> tuple[list[tuple[str, str]], str, str]:
    """For a condition that cannot be imposed as drafted: why, in the officer's voice, and
    what to do instead. A rule's `custody:` text is what the note says when the condition is
    imposed; this one is not to be imposed, so the note says why, as the grounds put it."""
    cctx = b.ctx.for_condition(cond)
    out = [(for_officer(_ground(b, cond, cctx, f, own=True)), f.step) for f in found]
    proposal, fallback = _proposal(b, cond, cctx, found)
    return list(dict.fromkeys(out)), proposal, fallback


def _rights(b: _Builder, cond: dict[str, Any], cctx: Any) -> str:
    rights = list(_fact(cctx, "rights_engaged", []) or [])
    own_home = cond["type"] in ("residence", "curfew") and cond.get("address") and \
        cond.get("address") == b.data["person"].get("address")
    if not rights or (own_home and cond["type"] == "residence"):
        return ""
    p = b.data["person"]
    t = cond["type"]
    impact = ""
    if t == "curfew":
        impact = " by confining them to one address for part of every day"
        if p.get("caring_responsibilities"):
            impact += " and cutting across their caring responsibilities"
    elif t == "exclusion" and _fact(cctx, "covers_home"):
        impact = " by keeping them out of their home"
    elif t == "exclusion" and _fact(cctx, "covers_workplace"):
        impact = " by keeping them from their work"
    elif t == "non_contact" and cond.get("own_children"):
        impact = " by stopping contact with their own children"
    elif t == "residence" and not own_home:
        impact = " by requiring them to live away from home"
    elif t == "activity" and cond.get("activity") in EXPRESSIVE and p.get("trade_union_member"):
        impact = " as a trade-union member taking part in lawful union activity"
    reason = cond.get("reason", "")
    why = (f"the reason recorded (\u201c{reason}\u201d) does not explain why a narrower condition "
           "would not do" if reason else "no reason has been recorded for it")
    return (f"It interferes with my client's right to {join_and([RIGHT_WORDS.get(r, r) for r in rights])}"
            f"{impact}. Such an interference is lawful only if necessary and proportionate to a "
            f"risk shown on my client's own facts; {why}.")


# ------------------------------------------------------------------ proposals

def _proposal(b: _Builder, cond: dict[str, Any], cctx: Any, found: list[Finding]
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
        if _fact(cctx, "curfew_hours", 0) >= 12:
            if not _evening_risk(b, cond):  # keep an evening start where the risk is then
                start = max(start, 21 * 60) if start >= 12 * 60 else start
            end = min(end, 6 * 60) if end < 12 * 60 else end
        hours = job.get("hours")
        if hours and _fact(cctx, "curfew_overlaps_work"):
            work_start, work_end = hours
            if work_start < 12 * 60 and end > work_start - 30:
                end = work_start - 30
            elif work_start >= 12 * 60 and (start < work_end + 30):
                start = work_end + 30
        address = cond.get("address") or "[to complete: curfew address]"
        wording = f"To remain at {address} between {hhmm(start)} and {hhmm(end)}"
        days = cond.get("days")
        wording += " on " + join_and([DAY_NAMES[d] + "s" for d in days]) if days else " every night"
        if job and (hours and _fact(cctx, "curfew_overlaps_work")):
            wording += (", except when travelling directly to or from work"
                        + (f" at {job['workplace']}" if job.get("workplace") else ""))
        return wording + ".", ""
    if t == "reporting":
        station = cond.get("station") or "[to complete: police station]"
        days = cond.get("days") or []
        window = cond.get("window")
        hours = job.get("hours")
        if window and hours and _fact(cctx, "reporting_overlaps_work"):
            window = (hours[1] + 60, hours[1] + 180) if hours[1] < 20 * 60 else (8 * 60, 9 * 60)
        day = DAY_NAMES.get(days[0], "[to complete: day]") if days else "[to complete: day]"
        when = f" between {hhmm(window[0])} and {hhmm(window[1])}" if window else ""
        if not _fact(cctx, "evidence_surrender", False) and _fact(cctx, "reporting_days_per_week",
                                                                  0) > 3:
            return "", f"To report to {station} once a week, on {day}s{when}."
        return f"To report to {station} every {day}{when}.", ""
    if t == "exclusion":
        place = cond.get("place") or location or "[to complete: the place]"
        if _fact(cctx, "covers_home") and _fact(b.ctx, "someone_protected_lives_there"):
            return ((f"Not to enter {place} except once, by arrangement with the officer in the "
                     "case and accompanied by a police officer, to collect belongings."), "")
        if _fact(cctx, "covers_workplace") and location:
            return ((f"Not to enter {location} except to attend work at "
                     f"{job.get('workplace') or place} during rostered shifts."), "")
        if _fact(cctx, "covers_area"):
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
    if t == "exclusion" and _fact(cctx, "covers_workplace") and cond.get("place"):
        return f"Not to enter {cond['place']} except to attend work there during rostered shifts."
    if t == "exclusion" and _fact(cctx, "covers_area") and location:
        return f"Not to go within 100 metres of {location}."
    if t == "reporting" and cond.get("station") and _fact(cctx, "reporting_days_per_week", 0) > 1:
        day = DAY_NAMES.get((cond.get("days") or ["mon"])[0], "Monday")
        return f"To report to {cond['station']} once a week, on {day}s."
    if t == "curfew" and job.get("hours") and "from" in cond and "to" in cond:
        return ""
    return ""


# ------------------------------------------------------------------ the document

def _protective(b: _Builder, cond: dict[str, Any]) -> bool:
    """A non-contact condition protecting a named complainant or witness: generic points about
    seriousness or missing reasons are no ground against it."""
    named = {q.get("name") for q in b.data.get("people", []) if q.get("role")}
    return cond["type"] == "non_contact" and bool(set(cond.get("persons", [])) & named)


def _counted(b: _Builder, cond: dict[str, Any]) -> list[Finding]:
    found = [f for f in b.results[cond["id"]].findings
             if not f.accepted and f.verdict >= Verdict.NEEDS_JUSTIFICATION]
    if _protective(b, cond):
        found = [f for f in found if f.verdict > Verdict.NEEDS_JUSTIFICATION
                 or "any" not in _applies(b, f)]
    return found


def _applies(b: _Builder, f: Finding) -> frozenset[str]:
    rule = b._rule(f.rule)
    return rule.applies_to if rule is not None else frozenset()


ORDER = ("statute", "binding", "persuasive", "guidance", "report")
UNHELPFUL = ("R v Mansfield Justices, ex p Sharkey", "Bail Act 1976 s.5A", "Bail Act 1976 s.5(3)")


def _unhelpful(citation: str) -> bool:
    """Authorities a rule cites that do not help the defence on a condition's own ground:
    Sharkey (a real risk suffices; good character may be irrelevant) and the reasons duty."""
    return citation.startswith(UNHELPFUL)


NECESSITY_LAW = {"court": ["Bail Act 1976 Sch 1 Pt I para 8"],
                 "street": ["PACE 1984 s.30A(3B)", "PACE 1984 s.30A(1A)–(1B)"],
                 "pre_charge": ["Bail Act 1976 s.3A(5)", "PACE 1984 s.50A(1)–(2)"],
                 "post_charge": ["Bail Act 1976 s.3A(5)", "PACE 1984 s.38(2A)"]}
SHARKEY = "R v Mansfield Justices, ex p Sharkey [1985] QB 613"
CARSON = "R (Carson) v Ealing MC [2012] EWHC 1456 (Admin)"


class _Letter:
    """The representations, condition by condition; remembers what has been said, so that
    each paragraph appears once and a later condition points back to the first."""

    def __init__(self, b: _Builder) -> None:
        self.b = b
        self.seen: dict[str, int] = {}
        self.previous_law: dict[tuple[str, ...], int] = {}

    def once(self, text: str, n: int, back: str) -> str:
        """`text`, or `back` (with {m}, the first condition that said it) if said before."""
        if text in self.seen and self.seen[text] != n:
            return back.format(m=self.seen[text])
        self.seen.setdefault(text, n)
        return text

    def challenge(self, cond: dict[str, Any], n: int, found: list[Finding]) -> dict[str, Any]:
        b = self.b
        cctx = b.ctx.for_condition(cond)
        # outside the power: that is the answer, and the rights argument adds nothing to it
        rights = "" if any(f.step == "power" for f in found) else _rights(b, cond, cctx)
        paragraphs, used = [], []
        for f in found:
            if rights and f.step == "proportionality" and "engages_rights" in _reads(b, f):
                continue  # the rights paragraph below says that no reason is given
            used.append(f)
            text = _ground(b, cond, cctx, f)
            paragraphs.append(self.once(
                text, n, f"Condition {n}: as with condition {{m}}, {_gist(text, f.step)}."))
        if cond["type"] == "exclusion" and _fact(cctx, "covers_home"):
            home = _home(b, cond, cctx)
            if home not in paragraphs:
                paragraphs.insert(0, home)
        if cond["type"] == "surety" and cond.get("means_assessed") is False:
            paragraphs.append("The surety's means were not assessed, although the court must "
                              "consider a proposed surety's financial resources (Bail Act 1976 "
                              "s.8(2)).")
            b.cite("Bail Act 1976 s.8(2)")
        blanket = (any(f.step == "proportionality" for f in found)
                   and _fact(cctx, "protest_blanket"))
        if blanket:
            contrast = ("The conditions upheld in Sharkey were confined to picketing \u201cin "
                        "connection with the current trade dispute\u201d; this one is not "
                        "confined at all.")
            if contrast not in self.seen:
                self.seen[contrast] = n
                paragraphs.append(contrast)
        if rights:
            rights = self.once(rights, n, f"Condition {n} interferes with the same rights as "
                               "condition {m}.")
        proposal, fallback = _proposal(b, cond, cctx, found)
        if fallback:
            fallback = self.once(fallback, n, "If some restriction is thought necessary, the "
                                 "narrower condition proposed for condition {m} would meet it.")
            if not fallback.startswith("If some"):
                fallback = ("If some restriction is thought necessary, it should go no further "
                            f"than: \u201c{fallback}\u201d")
        law = self.law(cond, cctx, used, blanket)
        law_text = ""
        if law in self.previous_law:
            law_text = f"The law for condition {n} is as for condition {self.previous_law[law]}."
        elif law:
            self.previous_law[law] = n
        return {"number": n, "text": cond["text"], "grounds": list(dict.fromkeys(paragraphs)),
                "rights": rights, "proposal": proposal, "fallback": fallback,
                "law": [] if law_text else list(law), "law_same": law_text}

    def law(self, cond: dict[str, Any], cctx: Any, used: list[Finding], blanket: bool
            ) -> tuple[str, ...]:
        """The authorities for a condition's grounds, as the table names them at this stage:
        the findings' own (less those that do not help the defence), the purpose, the
        necessity test, the rights engaged, and Sharkey or Carson where the ground uses them."""
        b = self.b
        surety = cond["type"] in ("surety", "security")
        citations = [c for f in used for c in f.citations
                     if not _unhelpful(c) and not c.startswith("ECHR")
                     and not (surety and c.startswith("Bail Act 1976 s.3(6)"))]
        if {f.step for f in used} - {"power", "enforceability"}:  # the necessity test
            citations += [b.purpose_law(cond, x) for x in cond.get("purpose", [])]
            citations += NECESSITY_LAW[b.stage]
        citations += [RIGHT_CITES[r] for r in _fact(cctx, "rights_engaged", []) or []
                      if r in RIGHT_CITES]
        if blanket:
            citations.append(SHARKEY)
        if _fact(cctx, "covers_home"):
            citations.append(CARSON)
        cited = b.cite(*citations, scope=b.scope(cond))
        general = "Bail Act 1976 s.3(6)(a)–(ca)"
        if general in cited and any(c.startswith("Bail Act 1976 s.3(6)(") and c != general
                                    for c in cited):
            cited.remove(general)  # the paragraph for the purpose is named
        return tuple(sorted(cited, key=lambda c: ORDER.index(b.table.get(c).binds)))


def representations(b: _Builder) -> dict[str, Any]:
    from bailcheck.documents.drafts import number_of

    letter = _Letter(b)
    challenged, not_opposed = [], []
    for cond in b.record.conditions:
        n = number_of(b.record, cond["id"])
        found = _counted(b, cond)
        if found:
            challenged.append(letter.challenge(cond, n, found))
        else:
            not_opposed.append(_not_opposed(b, cond, n))
    residence = next((c["address"] for c in b.record.conditions
                      if c["type"] == "residence" and c.get("address")), "")
    return {"client": client_facts(b), "challenged": challenged, "not_opposed": not_opposed,
            "representations": b.data["decision"].get("representations", ""),
            "route": _route(b), "points": _record_points(b),
            "sureties": list(dict.fromkeys(c.get("name") or "[to complete: name of surety]"
                                           for c in b.record.conditions
                                           if c["type"] == "surety")),
            "residence": residence or b.data["person"].get("address", "")}


def client_words(value: str) -> str:
    """An enumerated value in the defence voice: "my client's welfare"."""
    return words(value).replace("the person's", "my client's")


def _not_opposed(b: _Builder, cond: dict[str, Any], n: int) -> dict[str, Any]:
    purposes = join_and([client_words(x) for x in cond.get("purpose", [])])
    why = f"it is stated to serve {purposes}" if purposes else ""
    if cond.get("reason"):
        why += (" and " if why else "") + "a reason is recorded for it"
    if _protective(b, cond):
        named = {q.get("name"): q.get("role", "") for q in b.data.get("people", [])}
        who = join_and([f"{x} ({words(named[x])})" for x in cond["persons"] if x in named])
        why = f"it protects {who}" + (f" and is stated to serve {purposes}" if purposes else "")
    note = ""
    p = b.data["person"]
    children = cond.get("own_children") or p.get("family_proceedings") or "child" in str(
        p.get("caring_responsibilities", "")).lower()
    exceptions = " ".join(cond.get("exceptions", [])).lower()
    if cond["type"] == "non_contact" and "solicitor" not in exceptions:
        note = "My client asks only that it allow contact through a solicitor."
    if cond["type"] == "non_contact" and children:
        note = ("My client asks only that it allow contact through a solicitor and, to arrange "
                "the care of the children, through [to complete: a named third party].")
    return {"number": n, "text": cond["text"], "why": why, "note": note}


def _route(b: _Builder) -> dict[str, Any]:
    route = _route_kind(b)
    route.setdefault("pre_charge", b.stage == "pre_charge")
    return route


def _route_kind(b: _Builder) -> dict[str, Any]:
    child = bool(b.ctx["is_child"])
    court_date = b.data.get("dates", {}).get("first_court_date")
    from bailcheck.documents.drafts import _long_date

    if b.stage == "street":
        return {"kind": "street", "child": child,
                "law": b.cite("PACE 1984 s.30CA", "PACE 1984 s.30CB")}
    if b.stage == "court":
        by = b.data["decision"].get("by_role", "")
        return {"kind": "court", "child": child, "crown": by == "crown_court",
                "sendable": by != "crown_court" and any(
                    o["mode_of_trial"] != "summary" for o in b.data["offences"]),
                "law": b.cite("Bail Act 1976 s.3(8)")}
    if b.power in ("s37C_2_b", "s37CA_2_b"):
        return {"kind": "rebail", "child": child, "law": b.cite("PACE 1984 s.47(1D)–(1F)")}
    return {"kind": "police", "child": child, "pre_charge": b.stage == "pre_charge",
            "law": b.cite("Bail Act 1976 s.3A(4)", "Magistrates' Courts Act 1980 s.43B"),
            "court_date": _long_date(court_date) if b.stage == "post_charge" else "",
            "first_appearance": b.cite("PACE 1984 s.47(3A)") if court_date else []}


def _record_points(b: _Builder) -> list[str]:
    from bailcheck.documents.drafts import scrub

    out = []
    decision = b.data["decision"]
    if b.stage in ("pre_charge", "post_charge") and b.record.conditions and not (
            decision.get("reasons_recorded") is True and decision.get("copy_given") is True):
        law = b.cite("Bail Act 1976 s.5A")
        if decision.get("reasons_recorded") is not True:
            out.append("The record does not show that the reasons for these conditions were "
                       f"noted in the custody record, as {join_and(law)} requires; please send "
                       "me a copy of any note of reasons.")
        elif decision.get("copy_given") is not True:
            out.append(f"The record does not show that my client was given a copy of the note of "
                       f"reasons ({join_and(law)}); please send me one.")
    if b.stage == "court" and decision.get("reasons_recorded") is False:
        law = b.cite("Bail Act 1976 s.5(3)–(4)", "R (Sumal) v Leicester Crown Court [2024] "
                     "EWHC 1982 (Admin)")
        out.append("The court's reasons for the conditions were not recorded; a court that "
                   f"imposes conditions must give its reasons ({join_and(law)}).")
    for f in b.report.findings:
        rule = b._rule(f.rule)
        if f.accepted or any("s.5A" in c or "s.5(3)" in c for c in f.citations):
            continue  # the reasons and the copy are dealt with above
        if rule is not None and rule.defence:
            out.append(scrub(rule.fill(rule.defence, b.ctx)))
        elif f.verdict >= Verdict.UNLAWFUL:
            b.cite(*f.citations)
            out.append(scrub(f.message.replace("The person is", "My client is")
                             .replace("the person", "my client")))
    return list(dict.fromkeys(out))
