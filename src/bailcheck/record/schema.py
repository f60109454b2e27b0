"""The bail record format, version 1, declared once as data.

The validator (record.py) walks this declaration; every key a record may hold is here, with the
one-line meaning shown in error hints and, later, in generated documentation. Keep it in step with
the record-format contract: add optional fields freely, never remove or rename one.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Field:
    """One key of the record: its kind of value and whether it must be present."""

    # text | count | number | bool | date | datetime | time | span | enum | list | mapping | condition
    kind: str
    doc: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    item: Field | None = None  # for lists
    fields: dict[str, Field] = field(default_factory=dict)  # for mappings
    open_keys: Field | None = None  # mapping with free keys (e.g. expect.conditions), each of this kind


def text(doc: str = "", required: bool = False) -> Field:
    return Field("text", doc, required)


def count(doc: str = "", required: bool = False) -> Field:
    return Field("count", doc, required)


def flag(doc: str = "") -> Field:
    return Field("bool", doc)


def enum(choices: str, doc: str = "", required: bool = False) -> Field:
    return Field("enum", doc, required, tuple(choices.split()))


def list_of(item: Field, doc: str = "", required: bool = False) -> Field:
    return Field("list", doc, required, item=item)


def mapping(fields: dict[str, Field], doc: str = "", required: bool = False) -> Field:
    return Field("mapping", doc, required, fields=fields)


STAGES = "street pre_charge post_charge court"
POWERS = "s30A s37_7_a s37_7_b s37C_2_b s37CA_2_b s38_1 s40_10 court rui"
ROLES = "custody_officer constable inspector superintendent commander magistrates crown_court"
RANKS = "custody_officer inspector superintendent commander appropriate_decision_maker magistrates"
PURPOSES = "surrender no_offending no_interference own_protection welfare reports legal_interview"
DAYS = "mon tue wed thu fri sat sun"
VERDICTS = "unlawful disproportionate unenforceable needs_justification ok"
CONTEXTS = "protest industrial_dispute online driving domestic night_time drugs other"
ACTIVITIES = ("trade_union picketing protest strike_action internet social_media driving alcohol "
              "other")
COVERS = "home workplace school place_of_worship town county city"

# Fields every condition may carry, whatever its type.
CONDITION_COMMON: dict[str, Field] = {
    "id": text("short identifier; defaults to c1, c2, … by position"),
    "type": enum("residence curfew doorstep exclusion non_contact reporting passport surety "
                 "security activity electronic_monitoring bail_hostel reports legal_interview other",
                 "the kind of condition", required=True),
    "text": text("the wording as imposed or proposed", required=True),
    "purpose": list_of(enum(PURPOSES), "statutory purposes, Bail Act s.3(6)(a)–(e)"),
    "reason": text("why this condition is necessary, in the decision-maker's words"),
    "until": Field("date", "date the condition ends, if earlier than the end of bail"),
    "carried_over": flag("applied before a re-arrest and continues (PACE s.37C(4), s.37CA(4))"),
}

# Fields of each condition type, beyond the common ones.
CONDITION_TYPES: dict[str, dict[str, Field]] = {
    "residence": {"address": text("the address to live and sleep at")},
    "curfew": {
        "address": text("the address to stay at during the curfew"),
        "from": Field("time", "start of the curfew, HH:MM"),
        "to": Field("time", "end of the curfew, HH:MM"),
        "days": list_of(enum(DAYS), "days the curfew applies; absent means every day"),
    },
    "doorstep": {},
    "exclusion": {
        "place": text("the place not to enter"),
        "radius_m": Field("number", "radius in metres around the place"),
        "map_ref": text("map reference defining the boundary"),
        "streets": list_of(text(), "streets making up the zone"),
        "exceptions": list_of(text(), "permitted exceptions"),
        "covers": list_of(enum(COVERS), "what the zone takes in"),
    },
    "non_contact": {
        "persons": list_of(text(), "the people not to be contacted, by name"),
        "means": text("the means of contact covered"),
        "exceptions": list_of(text(), "permitted exceptions"),
    },
    "reporting": {
        "station": text("the police station to report to"),
        "days": list_of(enum(DAYS), "reporting days"),
        "window": Field("span", "reporting time window, HH:MM-HH:MM"),
    },
    "passport": {
        "deadline": Field("datetime", "when travel documents must be surrendered"),
        "recipient": text("who receives and holds them"),
    },
    "surety": {
        "name": text("the surety's name"),
        "amount": Field("number", "the sum in pounds"),
        "means_assessed": flag("the surety's means were assessed (Bail Act s.8(2))"),
        "parent": flag("a parent or guardian standing surety for a person under 17 (s.3(7))"),
    },
    "security": {
        "amount": Field("number", "the sum in pounds"),
        "form": text("what is deposited"),
    },
    "activity": {
        "activity": enum(ACTIVITIES, "the activity restricted"),
        "place": text("place the restriction is limited to"),
        "dispute": text("named dispute the restriction is limited to"),
        "manner": text("manner of protest the restriction is limited to"),
    },
    "electronic_monitoring": {},
    "bail_hostel": {"address": text("the hostel's address")},
    "reports": {},
    "legal_interview": {},
    "other": {},
}

RECORD = mapping({
    "bailcheck": Field("enum", "format version", True, ("1",)),
    "case": mapping({
        "reference": text("case reference", required=True),
        "force": text("police force"),
        "custody_record": text("custody record number"),
        "summary": text("short summary of the case"),
        "convicted": flag("convicted in these proceedings, awaiting sentence"),
    }, "identifiers", required=True),
    "stage": enum(STAGES, "street, pre_charge, post_charge or court bail", required=True),
    "release": mapping({
        "power": enum(POWERS, "the provision used to release the person"),
        "case_type": enum("standard fca hmrc nca sfo", "investigating body (sets the bail period)"),
        "exceptionally_complex": flag("DPP has designated the case (PACE s.47ZE)"),
        "authorised_by": enum(RANKS, "rank that authorised release on pre-charge bail "
                              "(an inspector in the 2017–2022 regime, PACE s.50A(b))"),
    }, "how the person was released"),
    "decision": mapping({
        "made_at": Field("datetime", "date or date-time of the decision", required=True),
        "by_role": enum(ROLES, "who made the decision"),
        "by": text("name or number of the decision-maker"),
        "reasons_recorded": flag("reasons noted in the custody record (Bail Act s.5A)"),
        "copy_given": flag("a copy of that note given to the person"),
        "representations": text("representations made by the person or their lawyer"),
        "variation_of": text("the earlier decision this record varies"),
    }, "when, by whom, and the record-keeping", required=True),
    "person": mapping({
        "age": count("age at the decision date"),
        "date_of_birth": Field("date", "date of birth"),
        "previous_convictions": count("number of previous convictions", required=True),
        "failures_to_surrender": count("previous failures to surrender"),
        "offended_on_bail": flag("has previously committed an offence while on bail"),
        "on_bail_at_offence": flag("was on bail when this offence is alleged to have happened"),
        "witness_interference": flag("history of interfering with witnesses"),
        "bail_breaches": count("previous breaches of bail conditions"),
        "fixed_address": flag("has a fixed address"),
        "address": text("home address"),
        "employment": mapping({
            "employer": text("employer"),
            "workplace": text("workplace"),
            "hours": Field("span", "working hours, HH:MM-HH:MM"),
        }, "employment"),
        "trade_union_member": flag("member of a trade union"),
        "caring_responsibilities": text("caring responsibilities"),
        "foreign_ties": flag("close ties abroad (family, property, work)"),
        "travel_plans": text("travel plans"),
        "passport_held": flag("holds a passport"),
        "vulnerabilities": list_of(text(), "recorded vulnerabilities"),
    }, "the suspect or defendant", required=True),
    "offences": list_of(mapping({
        "description": text("what is alleged", required=True),
        "statute": text("statute and section"),
        "mode_of_trial": enum("summary either_way indictable_only", "mode of trial", required=True),
        "imprisonable": flag("punishable with imprisonment"),
        "max_custody_months": Field("number", "maximum custodial sentence in months"),
        "domestic_abuse": flag("a domestic-abuse offence"),
        "context": list_of(enum(CONTEXTS), "context of the offence"),
        "time_of_day": text("time of the offence"),
        "location": text("where the offence happened"),
        "likely_disposal": enum("custodial non_custodial unknown", "probable sentence"),
    }), "one or more offences", required=True),
    "people": list_of(mapping({
        "name": text("name"),
        "role": enum("complainant witness co_accused", "role in the case"),
        "individual": flag("an individual (false for a business)"),
        "vulnerable": flag("vulnerable"),
        "known_to_person": flag("known to the suspect"),
        "lives_with_person": flag("lives with the suspect"),
        "works_with_person": flag("works with the suspect"),
        "address": text("address"),
        "workplace": text("workplace"),
    }), "complainants, witnesses and co-accused"),
    "risks": mapping({
        "fail_to_surrender": text("evidence of a risk of failing to surrender"),
        "offending_on_bail": text("evidence of a risk of offending on bail"),
        "witness_interference": text("evidence of a risk of interfering with witnesses"),
        "own_protection": text("evidence that the person needs protection"),
    }, "the decision-maker's evidence for each statutory risk"),
    "dates": mapping({
        "arrested_at": Field("datetime", "arrest for the offence (picks the pre-charge regime)"),
        "relevant_time": Field("datetime", "when the PACE detention clock started"),
        "bail_granted_at": Field("datetime", "when bail was granted"),
        "answer_bail_on": Field("date", "pre-charge return date"),
        "first_court_date": Field("date", "date of first appearance"),
        "cps_referrals": list_of(mapping({
            "from": Field("date", "referred to the CPS", required=True),
            "to": Field("date", "CPS request made or decision returned"),
        }), "periods with the CPS for a charging decision (PACE s.47ZL)"),
        "extensions": list_of(mapping({
            "to_months": Field("number", "bail period extended to this many months", required=True),
            "by_rank": enum(RANKS, "rank or court that authorised it", required=True),
            "at": Field("date", "date authorised"),
            "representations_considered": flag("representations were considered"),
        }), "extensions of the applicable bail period"),
    }, "the clocks"),
    "victim_views": mapping({
        "sought": flag("the alleged victim's views were sought (PACE s.47ZZA)"),
        "summary": text("what the victim said"),
        "not_practicable_reason": text("why it was not reasonably practicable to seek them"),
    }, "the alleged victim's views on conditions"),
    "conditions": list_of(Field("condition", "one condition: `type`, `text` and the type's own "
                                "fields"), "the proposed or imposed conditions", required=True),
    "expect": mapping({
        "conditions": Field("mapping", "condition id -> expected verdict",
                            open_keys=enum(VERDICTS)),
        "rules": list_of(text(), "rule ids that must fire somewhere in the record"),
    }, "expected outcome, for regression on past cases"),
}, "a bail record")
