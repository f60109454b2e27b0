"""The grounds of the solicitor's representations, in the defence voice, with the client's facts
and the law as the authorities table describes it: a rule's `defence:` text where it has one,
else written here from the kind of finding (rule messages are for the decision-maker)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bailcheck.documents.draft_words import REBAIL, by_number, scrub
from bailcheck.documents.proposals import EXPRESSIVE, fact_of, hhmm, propose
from bailcheck.facts.words import join_and, words
from bailcheck.findings import Finding

if TYPE_CHECKING:
    from bailcheck.documents.drafts import _Builder

SAME = {"power": "it is outside the power to impose it",
        "purpose": "no statutory purpose is given for it",
        "necessity": "nothing recorded about my client shows a real risk it is needed to prevent",
        "proportionality": "it goes further than any risk shown requires",
        "enforceability": "it is too uncertain to be obeyed or enforced"}


# ------------------------------------------------------------------ the client's facts

def client_facts(b: _Builder) -> dict[str, Any]:
    """What the record holds in the client's favour, as phrases for one paragraph."""
    p, data = b.data["person"], b.data
    traits: list[str] = []  # character and history
    life: list[str] = []  # home, work, ties
    age = b.ctx["age"]
    kind = "a child" if age < 14 else "a young person" if age < 18 else ""  # Bail Act s.2(2)
    traits.append(f"is {age}" + (f", {kind} (Bail Act 1976 s.2(2))" if kind else ""))
    if p["previous_convictions"] == 0:
        traits.append("has no previous convictions")
    if p.get("failures_to_surrender") == 0:
        traits.append("has no record of failing to surrender")
    if p.get("offended_on_bail") is False:
        traits.append("has no record of offending on bail")
    if p.get("bail_breaches") == 0:
        traits.append("has no record of breaching bail")
    if p.get("witness_interference") is False:
        traits.append("has no history of interfering with witnesses")
    home, fixed = p.get("address"), p.get("fixed_address")
    if fixed is True or (home and fixed is None):  # an address the record does not call fixed
        life.append(("lives at a fixed address" + (f" ({home})" if home else "")) if fixed
                    else f"lives at {home}")
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
        offence.append("not punishable with imprisonment")  # (so custody is not merely unlikely)
    elif all(o.get("likely_disposal") == "non_custodial" for o in data["offences"]):
        offence.append("unlikely to lead to a custodial sentence")
    return {"traits": traits, "life": life, "caring": p.get("caring_responsibilities", ""),
            "vulnerabilities": list(p.get("vulnerabilities", [])),
            "offence": offence, "charged": b.stage in ("post_charge", "court"),
            "plural": len(data["offences"]) > 1}


# ------------------------------------------------------------------ grounds

def _who(b: _Builder) -> str:  # whose limits apply, on the record's strictest reading
    if b.ctx["street_limits"]:  # the stage or the power is street bail
        return "a constable granting street bail"
    return "a custody officer" if b.ctx["police_limits"] else "the court"


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
    if b.power in REBAIL and not cond.get("carried_over"):
        return ("On release again after an arrest for breach or failure to answer bail, only the "
                "conditions that applied before the arrest continue; no new condition may be "
                "added.")
    return f"The law does not allow {_who(b)} to impose this condition."


def _necessity(b: _Builder, cond: dict[str, Any], cctx: Any) -> str:
    missing = fact_of(cctx, "purposes_without_evidence", cond.get("purpose", [])) or []
    purposes = join_and([client_words(x) for x in missing]) or "its stated purpose"
    return (f"It is not necessary. It is said to be for {purposes}, but nothing recorded about my "
            f"client shows a real risk of that, and a condition may be imposed only where it is "
            f"necessary to prevent a real risk shown on my client's own facts.")


def finding_reads(b: _Builder, f: Finding) -> set[str]:
    """The facts the rule behind a finding reads: what the finding is about."""
    from bailcheck.rules.policy import rule_facts

    rule = b._rule(f.rule)
    return set(rule_facts(rule)) if rule is not None else set()


def _not_charged(b: _Builder) -> bool:
    return b.stage in ("street", "pre_charge")


def home_ground(b: _Builder, cond: dict[str, Any], cctx: Any) -> str:
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
    protected = {q.get("name") for q in data.get("people", [])
                 if q.get("lives_with_person") or (q.get("address") and p.get("address")
                                                   and q["address"] == p["address"])}
    if protected:  # Carson was about neighbours; here the protected person lives at the home
        text = (f"It keeps my client out of their own home, where {join_and(sorted(protected))} "
                "also lives. If a condition is needed for that, my client needs another address "
                "to live at, [to complete: the address], and the conditions should say so.")
    else:
        text = ("It keeps my client out of their own home. Excluding a person from their home is "
                "a grave interference with private and family life that needs strong "
                "justification on their own facts, and in Carson the High Court held such a "
                "condition disproportionate for a suspect who had not been charged.")
        if facts:
            text += f" My client {join_and(facts)}."
    if p.get("caring_responsibilities"):
        caring = str(p["caring_responsibilities"]).rstrip(".")
        text += (" It also cuts across my client's caring responsibilities, recorded as: "
                 f"{caring}.")
    return text


def _proportionality(b: _Builder, cond: dict[str, Any], cctx: Any, f: Finding) -> str:
    t = cond["type"]
    p = b.data["person"]
    job = p.get("employment", {})
    reads = finding_reads(b, f)
    if t == "curfew":
        hours = fact_of(cctx, "curfew_hours", 0)
        if "curfew_overlaps_work" in reads and job.get("hours"):
            return (f"It would stop my client working: the curfew runs from {hhmm(cond['from'])} "
                    f"to {hhmm(cond['to'])}, and my client works from "
                    f"{hhmm(job['hours'][0])} to {hhmm(job['hours'][1])}.")
        if "curfew_hours" in reads and hours:
            return (f"It confines my client to one address for {hours:g} hours a day, longer than "
                    "any risk the record shows requires.")
    if t == "reporting":
        days = fact_of(cctx, "reporting_days_per_week", 0)
        if "reporting_overlaps_work" in reads and job.get("hours"):
            return (f"The reporting window falls within my client's working hours "
                    f"({hhmm(job['hours'][0])} to {hhmm(job['hours'][1])}).")
        if "reporting_days_per_week" in reads:
            return (f"It requires my client to report {days} days a week, although nothing "
                    "suggests any risk that they will fail to surrender.")
    if t == "exclusion":
        if fact_of(cctx, "covers_home"):
            return home_ground(b, cond, cctx)
        if fact_of(cctx, "covers_workplace"):
            where = job.get("workplace") or job.get("employer") or "their workplace"
            return (f"It keeps my client from their work at {where}, although the record shows no "
                    "complainant or witness working there.")
        if fact_of(cctx, "covers_area"):
            return ("It bars my client from a whole town, city or county rather than from any "
                    "place linked to a risk.")
    if t == "activity":
        activity = cond.get("activity", "")
        if activity in EXPRESSIVE and fact_of(cctx, "protest_blanket") and "protest_blanket" in reads:
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
    if t == "curfew" and not fact_of(cctx, "curfew_has_times", True):
        detail = "it gives no start and end times"
    elif t == "curfew" and not fact_of(cctx, "curfew_has_address", True):
        detail = "it does not say where my client must stay"
    elif t == "residence" and not cond.get("address"):
        detail = "it names no address"
    elif t == "exclusion" and not fact_of(cctx, "exclusion_has_boundary", True):
        detail = "it has no boundary"
    elif t == "non_contact" and fact_of(cctx, "non_contact_conflicts_residence"):
        other = by_number(fact_of(cctx, "non_contact_conflicts_with", ""), b.record)
        other = other or "another condition"
        detail = (f"it contradicts {other}: the person it protects lives at the address where "
                  "that condition requires my client to be")
    elif t == "non_contact" and not fact_of(cctx, "named_persons", 1):
        detail = "it names no one, so my client cannot know whom to avoid"
    elif t == "reporting" and (unnamed := fact_of(cctx, "reporting_unnamed", "")):
        detail = f"it does not name {unnamed}"
    elif t == "passport" and fact_of(cctx, "passport_hand_in", True) \
            and (unsaid := fact_of(cctx, "passport_unsaid", "")):
        detail = f"it does not say {unsaid}"
    elif t == "doorstep" and not fact_of(b.ctx, "has_curfew_or_residence", True):
        detail = "there is no curfew or residence condition for it to check"
    return f"It is too uncertain to be obeyed or enforced: {detail}."


WRONG_LAW = {  # law a text may not rely on at a stage (law.md §1.4, §1.7, §3)
    "street": ("s.38(2A)", "para 9", "para 1A", "Sch 1", "s.3A", "s.5A", "Bail Act"),
    "pre_charge": ("s.38(2A)", "para 9", "para 1A", "Sch 1 Pt I para 9", "s.38(1)"),
    "post_charge": ("para 1A)", "Sch 1 Pt I para 1A"),
    "court": ("s.3A", "s.5A", "s.38(2A)", "custody officer"),
}


# Part I's own paragraphs, where Part IA or II governs a court (law.md §3.1, §3.6)
NOT_PART_I = ("Sch 1 para 8", "Pt I para 8", "Pt I paras 8", "Sch 1 Pt I para 9")


def stage_text(b: _Builder, text: str) -> str:
    """A rule's text, unless it relies on law that does not apply at this stage, or to a court
    outside Part I of Schedule 1 (then ""); a provision is matched whole ("s.3A" is not
    "s.3AB")."""
    wrong = WRONG_LAW.get(b.stage, ())
    if b.stage == "court" and b.ctx["schedule_1_part"] != "I":
        wrong += NOT_PART_I
    return "" if any(re.search(re.escape(w) + r"(?![A-Z])", text) for w in wrong) else text


def ground(b: _Builder, cond: dict[str, Any], cctx: Any, f: Finding, own: bool = False
            ) -> str:
    """The ground a finding gives: the rule's `defence:` text, or (and always with `own`)
    the drafts' own wording from what the finding is about."""
    rule = b._rule(f.rule)
    if rule is not None and rule.defence and not own:
        text = stage_text(b, scrub(rule.fill(rule.defence, cctx), record=b.record))
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


def gist(text: str, step: str) -> str:
    """A ground in a few words, to point back to it: its first sentence if short."""
    first = text.split(". ", 1)[0].rstrip(".")
    if len(first) <= 110 and not first.startswith(("It ", "The condition ")):
        return first[0].lower() + first[1:]
    return SAME.get(step, SAME["proportionality"])


def for_officer(text: str, court: bool = False) -> str:
    """A ground written for the defence, as the decision-maker's note states it: of "the
    person", or in a court's note "the defendant"."""
    who = "defendant" if court else "person"
    return (text.replace("My client's", f"The {who}'s").replace("my client's", f"the {who}'s")
            .replace("My client", f"The {who}").replace("my client", f"the {who}"))


def officer_view(b: _Builder, cond: dict[str, Any], found: list[Finding]
                 ) -> tuple[list[tuple[str, str]], str, str]:
    """For a condition that cannot be imposed as drafted: why, in the officer's voice, and
    what to do instead. A rule's `custody:` text is what the note says when the condition is
    imposed; this one is not to be imposed, so the note says why, as the grounds put it."""
    cctx = b.ctx.for_condition(cond)
    court = b.stage == "court"
    out = [(for_officer(ground(b, cond, cctx, f, own=True), court), f.step) for f in found]
    proposal, fallback = propose(b, cond, cctx, found)
    return list(dict.fromkeys(out)), proposal, fallback


def client_words(value: str) -> str:
    """An enumerated value in the defence voice: "my client's welfare"."""
    return words(value).replace("the person's", "my client's")
