"""The bail record format, version 1, declared once as data.

The validator walks this declaration; every key a record may hold is here, with the one-line
meaning shown in error hints, the JSON Schema, `bailcheck new` and the redaction rules. Each
enumeration (stages, powers, condition types, activities...) is declared here and only here: the
fact choices, the JSON Schema, redaction and `new` are derived from it. Keep it in step with the
record-format contract: add optional fields freely, never remove or rename one.
"""

from __future__ import annotations

import functools

from bailcheck.findings import CONDITION_VERDICTS
from bailcheck.values import Frozen, fill  # not dataclasses: defined on every start

# What a text field holds, for `redact` (record/redaction policy):
#   name   a person's name or identifier: replaced by "Person A", "Person B"...
#   place  an address or place: replaced by "Place 1", "Place 2"...
#   text   free text: replaced, keeping only the phrases rules look for
#   keep   not personal data (a statute, a station or court, a rule id): kept as written
#   id     a condition id: renamed c1, c2... (and `expect` with it)
#   reference  the case reference: replaced by `redact --reference`
PERSONAL = ("name", "place", "text", "keep", "id", "reference")


class Field(Frozen):
    """One key of the record: its kind of value and whether it must be present."""

    _FIELDS = ("kind", "doc", "required", "choices", "item", "fields", "open_keys", "personal",
               "high", "whole")
    __slots__ = _FIELDS
    # text | count | number | bool | date | datetime | time | span | enum | list | mapping |
    # condition | raw
    kind: str
    doc: str
    required: bool
    choices: tuple[str, ...]
    item: Field | None  # for lists
    fields: dict[str, Field]  # for mappings
    open_keys: Field | None  # mapping with free keys (expect.conditions), each of this kind
    personal: str  # for text: one of PERSONAL (a test checks every text field has one)
    high: float  # counts and numbers: the largest value accepted
    whole: bool  # numbers that must be whole (months)

    def __init__(self, kind: str, doc: str = "", required: bool = False,  # noqa: PLR0917
                 choices: tuple[str, ...] = (), item: Field | None = None,
                 fields: dict[str, Field] | None = None, open_keys: Field | None = None,
                 personal: str = "", high: float = 10_000, whole: bool = False) -> None:
        fill(self, kind, doc, required, choices, item, {} if fields is None else fields,
             open_keys, personal, high, whole)


def text(doc: str = "", required: bool = False, personal: str = "text") -> Field:
    return Field("text", doc, required, personal=personal)


def count(doc: str = "", required: bool = False, high: int = 10_000) -> Field:
    return Field("count", doc, required, high=high)


def number(doc: str = "", required: bool = False, high: float = 10_000,
           whole: bool = False) -> Field:
    return Field("number", doc, required, high=high, whole=whole)


def flag(doc: str = "") -> Field:
    return Field("bool", doc)


def enum(choices: tuple[str, ...], doc: str = "", required: bool = False) -> Field:
    return Field("enum", doc, required, choices)


def list_of(item: Field, doc: str = "", required: bool = False) -> Field:
    return Field("list", doc, required, item=item)


def mapping(fields: dict[str, Field], doc: str = "", required: bool = False) -> Field:
    return Field("mapping", doc, required, fields=fields)


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


STAGES = words("street pre_charge post_charge court")
POLICE_STAGES = STAGES[:3]
POWERS = words("s30A s37_2 s37_7_a s37_7_b s37C_2_b s37CA_2_b s38_1 s40_10 court rui")
POLICE_ROLES = words("custody_officer constable inspector superintendent commander")
ROLES = (*POLICE_ROLES, "magistrates", "crown_court")
AUTHORISERS = words("custody_officer inspector superintendent commander")
RANKS = (*ROLES, "appropriate_decision_maker")  # who may authorise an extension
PURPOSES = words("surrender no_offending no_interference own_protection welfare reports "
                 "legal_interview")
DAYS = words("mon tue wed thu fri sat sun")
CONTEXTS = words("protest industrial_dispute online driving domestic night_time drugs other")
ACTIVITIES = words("trade_union picketing protest strike_action political religious internet "
                   "social_media publication devices public_transport driving alcohol other")
COVERS = words("home workplace school place_of_worship town county city")
KEEPS_FROM = words("home work education worship medical legal_advice court political_activity")
CUSTODY_GROUNDS = words("fail_to_surrender offending_on_bail witness_interference own_protection")
CASE_TYPES = words("standard fca hmrc nca sfo")
MODES_OF_TRIAL = words("summary either_way indictable_only")
DISPOSALS = words("custodial non_custodial unknown")
PEOPLE_ROLES = words("complainant witness co_accused")

_PEOPLE_NAMES = "names from `people`"

# Fields every condition may carry, whatever its type.
CONDITION_COMMON: dict[str, Field] = {
    "id": text("short identifier; defaults to c1, c2, … by position", personal="id"),
    "type": enum((), "the kind of condition", required=True),  # see condition_fields()
    "text": text("the wording as imposed or proposed", required=True),
    "purpose": list_of(enum(PURPOSES), "statutory purposes, Bail Act s.3(6)(a)–(e)"),
    "reason": text("why this condition is necessary, in the decision-maker's words"),
    "until": Field("date", "date the condition ends, if earlier than the end of bail"),
    "carried_over": flag("applied before a re-arrest and continues (PACE s.37C(4), s.37CA(4))"),
}

# Fields of each condition type, beyond the common ones. The keys are the condition types.
CONDITION_TYPES: dict[str, dict[str, Field]] = {
    "residence": {"address": text("the address to live and sleep at", personal="place")},
    "curfew": {
        "address": text("the address to stay at during the curfew", personal="place"),
        "from": Field("time", "start of the curfew, HH:MM"),
        "to": Field("time", "end of the curfew, HH:MM"),
        "days": list_of(enum(DAYS), "days the curfew applies; absent means every day"),
    },
    "doorstep": {},
    "exclusion": {
        "place": text("the place not to enter", personal="place"),
        "radius_m": number("radius in metres around the place", high=1_000_000),
        "map_ref": text("map reference defining the boundary", personal="place"),
        "streets": list_of(text(personal="place"), "streets making up the zone"),
        "exceptions": list_of(text(), "permitted exceptions"),
        "covers": list_of(enum(COVERS), "what the zone takes in"),
        "keeps_from": list_of(enum(KEEPS_FROM), "lawful needs the zone keeps the person from, "
                              "away from the offence or risk"),
        "protects": list_of(text(personal="name"), f"{_PEOPLE_NAMES} the zone protects"),
        "statutory_zone": mapping({
            "name": text("the statutory zone (e.g. a safe access zone or a PSPO)",
                         required=True, personal="keep"),
            "radius_m": number("its radius in metres", high=1_000_000),
        }, "a statutory zone at the same place that already regulates the targeted conduct"),
    },
    "non_contact": {
        "persons": list_of(text(personal="name"), "the people not to be contacted, by name"),
        "means": text("the means of contact covered"),
        "exceptions": list_of(text(), "permitted exceptions"),
        "own_children": flag("includes the person's own child or a child in their care"),
    },
    "reporting": {
        "station": text("the police station to report to", personal="place"),
        "days": list_of(enum(DAYS), "reporting days"),
        "window": Field("span", "reporting time window, HH:MM-HH:MM"),
    },
    "passport": {
        "deadline": Field("datetime", "when travel documents must be surrendered"),
        "recipient": text("who receives and holds them", personal="place"),
        "hand_in": flag("documents are handed in (false: the condition only forbids holding or "
                        "applying for them)"),
    },
    "surety": {
        "name": text("the surety's name", personal="name"),
        "amount": number("the sum in pounds", high=100_000_000),
        "means_assessed": flag("the surety's means were assessed (Bail Act s.8(2))"),
        "parent": flag("a parent or guardian standing surety for a person under 17 (s.3(7))"),
    },
    "security": {
        "amount": number("the sum in pounds", high=100_000_000),
        "form": text("what is deposited"),
    },
    "activity": {
        "activity": enum(ACTIVITIES, "the activity restricted"),
        "place": text("place the restriction is limited to", personal="place"),
        "dispute": text("named dispute the restriction is limited to"),
        "manner": text("manner of protest the restriction is limited to"),
        "tied_to_offence": flag("the alleged offence consists in, or was committed by means of, "
                                "the activity restricted (the speech, posting or driving itself)"),
        "tied_to_risk": flag("the risk recorded for one of its purposes would be carried out "
                             "through the activity"),
        "wider_than_offence": flag("a speech restriction also covering subjects, persons or "
                                   "platforms the offence did not concern"),
        "protects": list_of(text(personal="name"), f"{_PEOPLE_NAMES} the restriction protects"),
    },
    "electronic_monitoring": {},
    "bail_hostel": {"address": text("the hostel's address", personal="place")},
    "reports": {},
    "legal_interview": {},
    "other": {},
}

_DATE_SPAN = {"from": Field("date", "first day", required=True),
              "to": Field("date", "last day", required=True)}

RECORD = mapping({
    "bailcheck": Field("enum", "format version", True, ("1",)),
    "case": mapping({
        "reference": text("case reference", required=True, personal="reference"),
        "force": text("police force", personal="keep"),
        "custody_record": text("custody record number", personal="name"),
        "summary": text("short summary of the case"),
        "convicted": flag("convicted in these proceedings, awaiting sentence"),
    }, "identifiers", required=True),
    "stage": enum(STAGES, "street, pre_charge, post_charge or court bail", required=True),
    "release": mapping({
        "power": enum(POWERS, "the provision used to release the person"),
        "case_type": enum(CASE_TYPES, "investigating body (sets the bail period)"),
        "exceptionally_complex": flag("DPP has designated the case (PACE s.47ZE)"),
        "authorised_by": enum(AUTHORISERS, "who authorised release on pre-charge bail "
                              "(an inspector or above in the 2017–2022 regime, PACE s.50A(b))"),
    }, "how the person was released"),
    "decision": mapping({
        "made_at": Field("datetime", "date or date-time of the decision", required=True),
        "by_role": enum(ROLES, "who made the decision"),
        "by": text("name or number of the decision-maker", personal="name"),
        "station": text("custody suite or court where the decision was made", personal="keep"),
        "reasons_recorded": flag("reasons for the conditions noted in the custody record (Bail "
                                 "Act s.5A) or given by the court (s.5(3))"),
        "copy_given": flag("a copy of that note given to the person"),
        "representations": text("representations made by the person or their lawyer"),
        "variation_of": text("the earlier decision this record varies"),
        "alternative_to_custody": list_of(enum(CUSTODY_GROUNDS), "grounds on which, without "
                                          "conditions, bail would be refused (Sch 1) or the "
                                          "charged person detained (PACE s.38(1)(a))"),
    }, "when, by whom, and the record-keeping", required=True),
    "person": mapping({
        "age": count("age at the decision date", high=130),
        "date_of_birth": Field("date", "date of birth"),
        "previous_convictions": count("number of previous convictions", required=True),
        "failures_to_surrender": count("previous failures to surrender"),
        "offended_on_bail": flag("has previously committed an offence while on bail"),
        "on_bail_at_offence": flag("was on bail when this offence is alleged to have happened"),
        "witness_interference": flag("history of interfering with witnesses"),
        "bail_breaches": count("previous breaches of bail conditions"),
        "fixed_address": flag("has a fixed address"),
        "address": text("home address", personal="place"),
        "employment": mapping({
            "employer": text("employer", personal="place"),
            "workplace": text("workplace", personal="place"),
            "hours": Field("span", "working hours, HH:MM-HH:MM"),
        }, "employment"),
        "trade_union_member": flag("member of a trade union"),
        "caring_responsibilities": text("caring responsibilities"),
        "foreign_ties": flag("close ties abroad (family, property, work)"),
        "travel_plans": text("travel plans"),
        "passport_held": flag("holds a passport"),
        "vulnerabilities": list_of(text(), "recorded vulnerabilities"),
        "family_proceedings": flag("family-court proceedings about a child of the family are "
                                   "pending"),
    }, "the suspect or defendant", required=True),
    "offences": list_of(mapping({
        "description": text("what is alleged", required=True),
        "statute": text("statute and section", personal="keep"),
        "mode_of_trial": enum(MODES_OF_TRIAL, "mode of trial", required=True),
        "imprisonable": Field("bool", "punishable with imprisonment (true or false)",
                              required=True),
        "max_custody_months": number("maximum custodial sentence in months", high=1_200),
        "domestic_abuse": flag("a domestic-abuse offence"),
        "context": list_of(enum(CONTEXTS), "context of the offence"),
        "time_of_day": text("time of the offence"),
        "location": text("where the offence happened", personal="place"),
        "likely_disposal": enum(DISPOSALS, "probable sentence"),
    }), "one or more offences", required=True),
    "people": list_of(mapping({
        "name": text("name", personal="name"),
        "role": enum(PEOPLE_ROLES, "role in the case"),
        "individual": flag("an individual (false for a business)"),
        "vulnerable": flag("vulnerable"),
        "known_to_person": flag("known to the suspect"),
        "lives_with_person": flag("lives with the suspect"),
        "works_with_person": flag("works with the suspect"),
        "address": text("address", personal="place"),
        "workplace": text("workplace", personal="place"),
    }), "complainants, witnesses and co-accused"),
    "risks": mapping({
        "fail_to_surrender": text("evidence about this person of a risk of failing to surrender"),
        "offending_on_bail": text("evidence about this person of a risk of offending on bail"),
        "witness_interference": text("evidence about this person of a risk of interfering with "
                                     "witnesses"),
        "own_protection": text("evidence that the person needs protection"),
        "group_claims": text("claims about a group or event, not this person (never evidence)"),
    }, "the decision-maker's evidence for each statutory risk"),
    "dates": mapping({
        "arrested_at": Field("datetime", "arrest for the offence (picks the pre-charge regime)"),
        "relevant_time": Field("datetime", "when the PACE detention clock started"),
        "bail_granted_at": Field("datetime", "when bail was granted"),
        "answer_bail_on": Field("date", "pre-charge return date"),
        "first_court_date": Field("date", "date of first appearance"),
        "cps_referrals": list_of(mapping({
            "released_on": Field("date", "released under s.37(7)(a) or s.37C(2)(b) for a DPP "
                                 "charging decision"),
            "dpp_requests": list_of(mapping({
                "made_on": Field("date", "DPP request for further information made",
                                 required=True),
                "met_on": Field("date", "the request met (absent: not yet)"),
            }), "DPP requests (s.37B(2))"),
            "from": Field("date", "first edition: referred to the CPS"),
            "to": Field("date", "first edition: a DPP request made"),
        }), "releases for a DPP charging decision (PACE s.47ZL): `{released_on, dpp_requests}` "
            "or `{from, to}`"),
        "extensions": list_of(mapping({
            "to_months": number("bail period extended to this many months from the bail start "
                                "date", required=True, high=600, whole=True),
            "by_rank": enum(RANKS, "rank or court that authorised it", required=True),
            "at": Field("date", "date authorised; for a court, the day of the application"),
            "representations_considered": flag("representations were considered"),
        }), "extensions of the applicable bail period"),
        "hospital_inpatient_days": list_of(mapping(_DATE_SPAN), "periods as a hospital "
                                           "in-patient (PACE s.47ZM(4)–(5))"),
        "first_released_on_street_bail": flag("first released on street bail for this offence; "
                                              "`arrested_at` is that arrest (s.47ZM(1)–(3))"),
    }, "the clocks"),
    "victim_views": mapping({
        "sought": flag("the alleged victim's views were sought (PACE s.47ZZA)"),
        "summary": text("what the victim said"),
        "not_practicable_reason": text("why it was not reasonably practicable to seek them"),
    }, "the alleged victim's views on conditions"),
    "conditions": list_of(Field("condition", "one condition: `type`, `text` and the type's own "
                                "fields"), "the proposed or imposed conditions", required=True),
    "accepted": list_of(mapping({
        "rule": text("the rule whose finding is accepted", required=True, personal="keep"),
        "condition": text("the condition id (absent: a record-level finding)", personal="id"),
        "reason": text("why the finding is accepted", required=True),
        "by": text("who accepted it", required=True, personal="name"),
        "review_by": Field("date", "after this date the acceptance lapses"),
    }), "findings considered and accepted by a named person, with a reason"),
    "expect": mapping({
        "conditions": Field("mapping", "condition id -> expected verdict",
                            open_keys=enum(CONDITION_VERDICTS, "verdict")),
        "rules": list_of(text(personal="keep"), "rule ids that must fire somewhere in the "
                         "record"),
    }, "expected outcome, for regression on past cases"),
}, "a bail record")


def condition_fields(ctype: str) -> dict[str, Field]:
    """Every field a condition of this type may carry, common fields first (`type` allows the
    types declared now, so a type added to CONDITION_TYPES is accepted everywhere at once)."""
    return {**CONDITION_COMMON, "type": _type_field(tuple(CONDITION_TYPES)),
            **CONDITION_TYPES.get(ctype, {})}


@functools.cache
def _type_field(types: tuple[str, ...]) -> Field:
    return enum(types, "the kind of condition", required=True)
