"""Facts about the case as a whole: the decision, the person, the offences, the people, and the
evidence of each statutory risk. Registered in bailcheck.facts when it loads."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from bailcheck.facts.authority import (
    GROUND_WORDS,
    POLICE_GROUND_WORDS,
    POLICE_INJURY_OR_DAMAGE,
    available_ground_for,
    court_ground_law,
)
from bailcheck.facts.registry import (
    FACTS,
    RISK_FOR_PURPOSE,
    Context,
    fact,
)
from bailcheck.record import schema
from bailcheck.values import Frozen, set_field  # not dataclasses: defined on every start

# ---------------------------------------------------------------- the case and the decision-maker

@fact("stage", "enum", "street, pre_charge, post_charge or court", choices=schema.STAGES)
def _stage(c: Context) -> str:
    return c.data["stage"]  # type: ignore[no-any-return]


@fact("police_bail", "bool", "bail granted by the police (street, pre-charge or post-charge)")
def _police_bail(c: Context) -> bool:
    return c["stage"] in schema.POLICE_STAGES


@fact("release_power", "enum", "the provision used to release the person (`none` if not given)",
      choices=("none", *schema.POWERS))
def _release_power(c: Context) -> str:
    return c.data.get("release", {}).get("power", "none")  # type: ignore[no-any-return]


@fact("released_under_investigation", "bool", "released without bail (RUI)")
def _rui(c: Context) -> bool:
    return bool(c["release_power"] == "rui")


@fact("has_conditions", "bool", "the record proposes or imposes at least one condition")
def _has_conditions(c: Context) -> bool:
    return bool(c.data["conditions"])


@fact("decision_date", "date", "the date of the decision")
def _decision_date(c: Context) -> date:
    return c.data["decision"]["made_at"].date()  # type: ignore[no-any-return]


@fact("arrest_date", "date", "the date of arrest (the decision date if no arrest is recorded)")
def _arrest_date(c: Context) -> date:
    arrested = c.data.get("dates", {}).get("arrested_at")
    return arrested.date() if arrested else c["decision_date"]  # type: ignore[no-any-return]


@fact("arrest_recorded", "bool", "the record gives the arrest (`dates.arrested_at`); without it "
      "`arrest_date` is the decision date")
def _arrest_recorded(c: Context) -> bool:
    return c.data.get("dates", {}).get("arrested_at") is not None


@fact("convicted", "bool", "convicted in these proceedings, awaiting sentence")
def _convicted(c: Context) -> bool:
    return c.data["case"].get("convicted") is True


@fact("reasons_recorded", "bool", "reasons for the conditions are noted in the custody record")
def _reasons_recorded(c: Context) -> bool:
    return c.data["decision"].get("reasons_recorded") is True


@fact("copy_given", "bool", "a copy of the note of reasons was given to the person")
def _copy_given(c: Context) -> bool:
    return c.data["decision"].get("copy_given") is True


# ---------------------------------------------------------------- the person

@fact("age", "int", "the person's age on the decision date")
def _age(c: Context) -> int:
    return _age_on(c, c["decision_date"])


@fact("age_at_surrender", "int", "the person's age on the surrender date (first court date or "
      "answer-bail date; the decision date if neither is recorded); exact only with a date of "
      "birth")
def _age_at_surrender(c: Context) -> int:
    dates = c.data.get("dates", {})
    when = dates.get("first_court_date") or dates.get("answer_bail_on") or c["decision_date"]
    return _age_on(c, when)


def _age_on(c: Context, when: date) -> int:
    born = c.person.get("date_of_birth")
    if born is None:
        # only the age on the decision date is known: it can be relied on to have grown only
        # once a full year has passed (a date of birth gives the exact answer)
        return int(c.person["age"]) + max(0, int((when - c["decision_date"]).days)) // 366
    return int(when.year - born.year - ((when.month, when.day) < (born.month, born.day)))


@fact("is_child", "bool", "a child or young person: under 18 on the decision date (Bail Act s.2(2))")
def _is_child(c: Context) -> bool:
    return bool(c["age"] < 18)


@fact("previous_convictions", "int", "number of previous convictions")
def _previous_convictions(c: Context) -> int:
    return c.person["previous_convictions"]  # type: ignore[no-any-return]


@fact("failures_to_surrender", "int", "number of previous failures to surrender")
def _fts(c: Context) -> int:
    return c.person.get("failures_to_surrender", 0)  # type: ignore[no-any-return]


@fact("adverse_history", "bool", "previous convictions, offended on bail, on bail at the offence, "
      "or a history of witness interference")
def _adverse_history(c: Context) -> bool:
    p = c.person
    return bool(p["previous_convictions"] > 0 or p.get("offended_on_bail")
                or p.get("on_bail_at_offence") or p.get("witness_interference"))


@fact("risks_stated", "list", "the `risks` entries that hold text (fail_to_surrender, "
      "offending_on_bail, witness_interference, own_protection)",
      choices=tuple(RISK_FOR_PURPOSE.values()))
def _risks_stated(c: Context) -> list[str]:
    return [k for k in RISK_FOR_PURPOSE.values() if c.risk(k)]


@fact("risk_text_any", "bool", "the record states evidence in `risks` for at least one purpose")
def _risk_text_any(c: Context) -> bool:
    return any(c.risk(k) for k in RISK_FOR_PURPOSE.values())


@fact("group_claims_recorded", "bool", "`risks.group_claims` holds claims about a group or event "
      "(never evidence about this person)")
def _group_claims(c: Context) -> bool:
    return c.risk("group_claims")


@fact("family_proceedings", "bool", "family-court proceedings about a child of the family are "
      "pending")
def _family_proceedings(c: Context) -> bool:
    return c.person.get("family_proceedings") is True


# ---------------------------------------------------------------- the offences

@fact("all_offences_non_imprisonable", "bool", "every offence is non-imprisonable")
def _all_non_imprisonable(c: Context) -> bool:
    return all(o.get("imprisonable") is False for o in c.offences)


@fact("any_offence_indictable_only", "bool", "at least one offence is indictable only")
def _any_indictable_only(c: Context) -> bool:
    return any(o["mode_of_trial"] == "indictable_only" for o in c.offences)


@fact("offence_contexts", "list", "contexts of all the offences (online, driving, domestic, …)",
      choices=schema.CONTEXTS)
def _offence_contexts(c: Context) -> list[str]:
    return sorted({ctx for o in c.offences for ctx in o.get("context", [])})


@fact("domestic_abuse_offence", "bool", "an offence is marked domestic abuse, or has the domestic "
      "context and is not marked `domestic_abuse: false`")
def _domestic(c: Context) -> bool:
    # the specific flag decides; the looser context tag counts only where the flag is absent
    return any(o.get("domestic_abuse") is True
               or (o.get("domestic_abuse") is None and "domestic" in o.get("context", []))
               for o in c.offences)


@fact("no_real_prospect_of_custody", "bool", "an adult, not convicted in these proceedings, and "
      "every offence's likely disposal is non-custodial (Sch 1 Pt I para 1A)")
def _no_real_prospect(c: Context) -> bool:
    return (not c["is_child"] and not c["convicted"]
            and all(o.get("likely_disposal") == "non_custodial" for o in c.offences))


# ---------------------------------------------------------------- people and victims

@fact("has_individual_complainant", "bool", "a complainant who is an individual, not a business")
def _individual_complainant(c: Context) -> bool:
    return any(p.get("role") == "complainant" and p.get("individual") is not False
               for p in c.people)


@fact("victim_views_recorded", "bool", "the alleged victim's views were sought, or it is recorded "
      "why that was not reasonably practicable")
def _victim_views(c: Context) -> bool:
    views = c.data.get("victim_views", {})
    return views.get("sought") is True or bool(str(views.get("not_practicable_reason", "")).strip())


# ---------------------------------------------------------------- evidence of risk, per purpose

class Evidence(Frozen):
    """One fact of the record that shows a real risk for a purpose, and where it was written."""

    _FIELDS = ("text", "where")
    __slots__ = _FIELDS
    text: str
    where: tuple[str | int, ...]

    def __init__(self, text: str, where: tuple[str | int, ...]) -> None:
        set_field(self, "text", text)
        set_field(self, "where", where)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def evidence(c: Context, purpose: str) -> list[Evidence]:
    """The record's facts that show a real risk for `purpose` (decision model, step 3)."""
    return list(_evidence(c, purpose))


def _evidence(c: Context, purpose: str) -> Iterator[Evidence]:
    """`evidence`, one at a time (a test for any evidence stops at the first)."""
    p = c.person
    if purpose == "surrender":
        if p.get("failures_to_surrender", 0) > 0:
            yield Evidence(_plural(p["failures_to_surrender"], "previous failure") +
                           " to surrender", ("person", "failures_to_surrender"))
        if p.get("fixed_address") is False:
            yield Evidence("no fixed address", ("person", "fixed_address"))
        if p.get("foreign_ties"):
            yield Evidence("close ties abroad", ("person", "foreign_ties"))
        if str(p.get("travel_plans", "")).strip():
            yield Evidence(f"travel plans: {p['travel_plans']}", ("person", "travel_plans"))
        for i, o in enumerate(c.offences):
            if o["mode_of_trial"] == "indictable_only":
                yield Evidence(f"an indictable-only offence ({o['description']})",
                               ("offences", i, "mode_of_trial"))
            if o.get("likely_disposal") == "custodial":
                yield Evidence(f"a custodial sentence is likely ({o['description']})",
                               ("offences", i, "likely_disposal"))
    elif purpose == "no_offending":
        if p["previous_convictions"] > 0:
            yield Evidence(_plural(p["previous_convictions"], "previous conviction"),
                           ("person", "previous_convictions"))
        if p.get("offended_on_bail"):
            yield Evidence("has offended on bail before", ("person", "offended_on_bail"))
        if p.get("on_bail_at_offence"):
            yield Evidence("was on bail when this offence is alleged to have been committed",
                           ("person", "on_bail_at_offence"))
        if c["domestic_abuse_offence"]:
            for i, q in enumerate(c.people):
                if q.get("role") == "complainant" and q.get("lives_with_person"):
                    yield Evidence(f"a domestic-abuse offence against {_who(q)}, who lives "
                                   "with the person", ("people", i, "lives_with_person"))
                elif q.get("role") == "complainant" and q.get("known_to_person"):
                    yield Evidence(f"a domestic-abuse offence against {_who(q)}, whom the "
                                   "person knows", ("people", i, "known_to_person"))
    elif purpose == "no_interference":
        if p.get("witness_interference"):
            yield Evidence("a history of interfering with witnesses",
                           ("person", "witness_interference"))
        for i, q in enumerate(c.people):
            for key, how in (("lives_with_person", "lives with the person"),
                               ("works_with_person", "works with the person"),
                               ("known_to_person", "is known to the person")):
                if q.get(key):
                    yield Evidence(f"{_who(q)} {how}", ("people", i, key))
                    break
    elif purpose == "own_protection":
        if p.get("vulnerabilities"):
            yield Evidence("recorded vulnerabilities: " + "; ".join(p["vulnerabilities"]),
                           ("person", "vulnerabilities"))
    elif purpose == "welfare":
        if c["is_child"]:
            yield Evidence(f"the person is {c['age']}, a child or young person",
                           ("person", "date_of_birth" if "date_of_birth" in p else "age"))
    elif c["stage"] == "court":  # reports, legal_interview: for a court to decide
        yield Evidence("a court's decision", ("stage",))
    risk_key = RISK_FOR_PURPOSE.get(purpose)
    if risk_key and c.risk(risk_key):
        yield Evidence(f"recorded risk: {c.data['risks'][risk_key]}", ("risks", risk_key))
    if risk_key and available_ground_for(c, purpose):  # substantial grounds exceed real risk
        if c.data["stage"] == "court":
            said = (f"bail would otherwise be refused ({court_ground_law(c, risk_key)}): "
                    + GROUND_WORDS[risk_key])
        else:
            said = ("the person would otherwise be detained after charge (PACE 1984): "
                    + (POLICE_INJURY_OR_DAMAGE if risk_key == "offending_on_bail"
                       and c["all_offences_non_imprisonable"] else POLICE_GROUND_WORDS[risk_key]))
        yield Evidence(f"a ground on which {said}", ("decision", "alternative_to_custody"))


def individual_evidence(c: Context, purpose: str) -> bool:
    """Evidence about this person for `purpose` (decision model, Terms): text in the `risks` key
    for it, a matched custody ground, or, for surrender, previous failures to surrender.
    `risks.group_claims` never counts."""
    key = RISK_FOR_PURPOSE.get(purpose)
    if key and c.risk(key):
        return True
    if available_ground_for(c, purpose):
        return True
    return purpose == "surrender" and c.person.get("failures_to_surrender", 0) > 0


def _who(q: dict[str, Any]) -> str:
    name = q.get("name") or "a person"
    return f"{name} ({q['role'].replace('_', '-')})" if q.get("role") else str(name)


EVIDENCE_FACTS = {
    "surrender": "evidence of a real risk of failing to surrender: previous failures, no fixed "
                 "address, foreign ties or travel plans, an indictable-only offence or a likely "
                 "custodial sentence, or text in risks.fail_to_surrender",
    "no_offending": "evidence of a real risk of offending on bail: previous convictions, "
                    "offended on bail or on bail at the offence, a domestic-abuse offence "
                    "against a complainant the person knows or lives with, or text in "
                    "risks.offending_on_bail",
    "no_interference": "evidence of a real risk of interfering with witnesses: a history of "
                       "it, a complainant, witness or co-accused the person knows, lives or "
                       "works with, or text in risks.witness_interference",
    "own_protection": "evidence the person needs protection: text in risks.own_protection or "
                      "recorded vulnerabilities",
}
_GROUND_TOO = "; or a matching ground in decision.alternative_to_custody that is available"
EVIDENCE_FACTS = {k: v + _GROUND_TOO for k, v in EVIDENCE_FACTS.items()}
def _has_evidence(purpose: str) -> Callable[[Context], bool]:
    def compute(c: Context) -> bool:
        return next(_evidence(c, purpose), None) is not None
    return compute


for _purpose, _doc in EVIDENCE_FACTS.items():
    fact(f"evidence_{_purpose}", "bool", _doc)(_has_evidence(_purpose))


def purpose_evidenced(c: Context, purpose: str) -> bool:
    key = f"evidence_{purpose}"
    return bool(c[key]) if key in FACTS else next(_evidence(c, purpose), None) is not None


