"""The documented facts that rules test.

A rule file never reads the record directly: it names facts, and each fact here has a type, a
scope (`record` facts describe the whole case, `condition` facts the condition being judged) and a
one-line description that `bailcheck policy facts` lists. Facts are computed lazily and cached per
condition, so a rule set reads only what it needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from bailcheck import clocks, schema
from bailcheck.record import Record

POLICE_STAGES = ("street", "pre_charge", "post_charge")
# Which `risks` text is evidence for which purpose (Bail Act s.3(6)(a)–(ca)).
RISK_FOR_PURPOSE = {
    "surrender": "fail_to_surrender",
    "no_offending": "offending_on_bail",
    "no_interference": "witness_interference",
    "own_protection": "own_protection",
}
PROTEST_ACTIVITIES = ("protest", "picketing", "trade_union", "strike_action")
AREA_COVERS = ("town", "city", "county")

# How enumerated values read in a sentence (messages quote facts through this).
WORDS = {
    "surrender": "securing surrender",
    "no_offending": "preventing offending on bail",
    "no_interference": "preventing interference with witnesses",
    "own_protection": "the person's own protection",
    "welfare": "the person's welfare",
    "reports": "reports",
    "legal_interview": "a legal interview",
    "trade_union": "trade-union activity",
    "picketing": "picketing",
    "protest": "protest",
    "strike_action": "strike action",
    "internet": "internet",
    "social_media": "social-media",
    "driving": "driving",
    "alcohol": "alcohol",
}


@dataclass(frozen=True)
class Fact:
    name: str
    type: str  # bool | int | number | text | date | list | enum
    scope: str  # record | condition
    doc: str
    compute: Callable[[Context], Any]
    choices: tuple[str, ...] = ()


FACTS: dict[str, Fact] = {}


def fact(name: str, type_: str, doc: str, scope: str = "record",
         choices: tuple[str, ...] = ()) -> Callable[[Callable[[Context], Any]], Callable[..., Any]]:
    def register(fn: Callable[[Context], Any]) -> Callable[[Context], Any]:
        FACTS[name] = Fact(name, type_, scope, doc, fn, choices)
        return fn
    return register


class Context:
    """One record (and optionally one of its conditions) as seen by the rules."""

    def __init__(self, record: Record, today: date, condition: dict[str, Any] | None = None,
                 shared: dict[str, Any] | None = None) -> None:
        self.record = record
        self.data = record.data
        self.today = today
        self.condition: dict[str, Any] = condition or {}
        # record-scope facts are shared by every condition of the record
        self.shared: dict[str, Any] = {} if shared is None else shared
        self.local: dict[str, Any] = {}

    def for_condition(self, condition: dict[str, Any]) -> Context:
        return Context(self.record, self.today, condition, self.shared)

    def __getitem__(self, name: str) -> Any:
        # the hot path of rule evaluation: cached values first, the registry only on a miss
        if name in self.local:
            return self.local[name]
        if name in self.shared:
            return self.shared[name]
        spec = FACTS[name]
        value = spec.compute(self)
        (self.shared if spec.scope == "record" else self.local)[name] = value
        return value

    # -- small accessors used by many facts --
    @property
    def person(self) -> dict[str, Any]:
        return self.data["person"]  # type: ignore[no-any-return]

    @property
    def offences(self) -> list[dict[str, Any]]:
        return self.data["offences"]  # type: ignore[no-any-return]

    @property
    def people(self) -> list[dict[str, Any]]:
        return self.data.get("people", [])  # type: ignore[no-any-return]

    def risk(self, key: str) -> bool:
        return bool(str(self.data.get("risks", {}).get(key, "")).strip())


def same_place(a: str | None, b: str | None) -> bool:
    """Addresses match when equal ignoring case, punctuation and spacing (no fuzzy matching)."""
    if not a or not b:
        return False
    return squash(a) == squash(b)


def squash(text: str) -> str:
    """Text as addresses and names are compared: case, punctuation and spacing ignored."""
    return re.sub(r"[\W_]+", "", text.casefold())


def span_minutes(start: int, end: int) -> int:
    """Length of a daily span in minutes; an end not after the start runs past midnight."""
    return end - start if end > start else end + 1440 - start


def spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two daily spans overlap if they share any minute (either may run past midnight)."""
    def pieces(span: tuple[int, int]) -> list[tuple[int, int]]:
        start, end = span
        return [(start, end)] if end > start else [(start, 1440), (0, end)]
    return any(s1 < e2 and s2 < e1 for s1, e1 in pieces(a) for s2, e2 in pieces(b))


# ---------------------------------------------------------------- the case and the decision-maker

@fact("stage", "enum", "street, pre_charge, post_charge or court", choices=(
    "street", "pre_charge", "post_charge", "court"))
def _stage(c: Context) -> str:
    return c.data["stage"]  # type: ignore[no-any-return]


@fact("police_bail", "bool", "bail granted by the police (street, pre-charge or post-charge)")
def _police_bail(c: Context) -> bool:
    return c["stage"] in POLICE_STAGES


@fact("release_power", "enum", "the provision used to release the person (`none` if not given)",
      choices=("none", "s30A", "s37_7_a", "s37_7_b", "s37C_2_b", "s37CA_2_b", "s38_1", "s40_10",
               "court", "rui"))
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


# ---------------------------------------------------------------- the offences

@fact("all_offences_non_imprisonable", "bool", "every offence is non-imprisonable")
def _all_non_imprisonable(c: Context) -> bool:
    return all(o.get("imprisonable") is False for o in c.offences)


@fact("any_offence_indictable_only", "bool", "at least one offence is indictable only")
def _any_indictable_only(c: Context) -> bool:
    return any(o["mode_of_trial"] == "indictable_only" for o in c.offences)


@fact("offence_contexts", "list", "contexts of all the offences (online, driving, domestic, …)",
      choices=tuple(schema.CONTEXTS.split()))
def _offence_contexts(c: Context) -> list[str]:
    return sorted({ctx for o in c.offences for ctx in o.get("context", [])})


@fact("domestic_abuse_offence", "bool", "an offence is marked domestic abuse or has the domestic "
      "context")
def _domestic(c: Context) -> bool:
    return any(o.get("domestic_abuse") or "domestic" in o.get("context", []) for o in c.offences)


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

@dataclass(frozen=True)
class Evidence:
    """One fact of the record that shows a real risk for a purpose, and where it was written."""

    text: str
    where: tuple[str | int, ...]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def evidence(c: Context, purpose: str) -> list[Evidence]:
    """The record's facts that show a real risk for `purpose` (decision model, step 3)."""
    p, ev = c.person, []
    if purpose == "surrender":
        if p.get("failures_to_surrender", 0) > 0:
            ev.append(Evidence(_plural(p["failures_to_surrender"], "previous failure") +
                               " to surrender", ("person", "failures_to_surrender")))
        if p.get("fixed_address") is False:
            ev.append(Evidence("no fixed address", ("person", "fixed_address")))
        if p.get("foreign_ties"):
            ev.append(Evidence("close ties abroad", ("person", "foreign_ties")))
        if str(p.get("travel_plans", "")).strip():
            ev.append(Evidence(f"travel plans: {p['travel_plans']}", ("person", "travel_plans")))
        for i, o in enumerate(c.offences):
            if o["mode_of_trial"] == "indictable_only":
                ev.append(Evidence(f"an indictable-only offence ({o['description']})",
                                   ("offences", i, "mode_of_trial")))
            if o.get("likely_disposal") == "custodial":
                ev.append(Evidence(f"a custodial sentence is likely ({o['description']})",
                                   ("offences", i, "likely_disposal")))
    elif purpose == "no_offending":
        if p["previous_convictions"] > 0:
            ev.append(Evidence(_plural(p["previous_convictions"], "previous conviction"),
                               ("person", "previous_convictions")))
        if p.get("offended_on_bail"):
            ev.append(Evidence("has offended on bail before", ("person", "offended_on_bail")))
        if p.get("on_bail_at_offence"):
            ev.append(Evidence("was on bail when this offence is alleged to have been committed",
                               ("person", "on_bail_at_offence")))
        if c["domestic_abuse_offence"]:
            for i, q in enumerate(c.people):
                if q.get("role") == "complainant" and q.get("lives_with_person"):
                    ev.append(Evidence(f"a domestic-abuse offence against {_who(q)}, who lives "
                                       "with the person", ("people", i, "lives_with_person")))
                elif q.get("role") == "complainant" and q.get("known_to_person"):
                    ev.append(Evidence(f"a domestic-abuse offence against {_who(q)}, whom the "
                                       "person knows", ("people", i, "known_to_person")))
    elif purpose == "no_interference":
        if p.get("witness_interference"):
            ev.append(Evidence("a history of interfering with witnesses",
                               ("person", "witness_interference")))
        for i, q in enumerate(c.people):
            for key, words in (("lives_with_person", "lives with the person"),
                               ("works_with_person", "works with the person"),
                               ("known_to_person", "is known to the person")):
                if q.get(key):
                    ev.append(Evidence(f"{_who(q)} {words}", ("people", i, key)))
                    break
    elif purpose == "own_protection":
        if p.get("vulnerabilities"):
            ev.append(Evidence("recorded vulnerabilities: " + "; ".join(p["vulnerabilities"]),
                               ("person", "vulnerabilities")))
    elif purpose == "welfare":
        if c["is_child"]:
            ev.append(Evidence(f"the person is {c['age']}, a child or young person",
                               ("person", "date_of_birth" if "date_of_birth" in p else "age")))
    elif c["stage"] == "court":  # reports, legal_interview: for a court to decide
        ev.append(Evidence("a court's decision", ("stage",)))
    risk_key = RISK_FOR_PURPOSE.get(purpose)
    if risk_key and c.risk(risk_key):
        ev.append(Evidence(f"recorded risk: {c.data['risks'][risk_key]}", ("risks", risk_key)))
    return ev


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
def _has_evidence(purpose: str) -> Callable[[Context], bool]:
    def compute(c: Context) -> bool:
        return bool(evidence(c, purpose))
    return compute


for _purpose, _doc in EVIDENCE_FACTS.items():
    fact(f"evidence_{_purpose}", "bool", _doc)(_has_evidence(_purpose))


def _purpose_evidenced(c: Context, purpose: str) -> bool:
    key = f"evidence_{purpose}"
    return bool(c[key]) if key in FACTS else bool(evidence(c, purpose))


# ---------------------------------------------------------------- the condition being judged

@fact("condition_type", "enum", "the condition's type", scope="condition", choices=(
    "residence", "curfew", "doorstep", "exclusion", "non_contact", "reporting", "passport",
    "surety", "security", "activity", "electronic_monitoring", "bail_hostel", "reports",
    "legal_interview", "other"))
def _condition_type(c: Context) -> str:
    return c.condition["type"]  # type: ignore[no-any-return]


@fact("condition_text", "text", "the condition's wording", scope="condition")
def _condition_text(c: Context) -> str:
    return c.condition["text"]  # type: ignore[no-any-return]


@fact("purposes", "list", "the statutory purposes stated for the condition", scope="condition",
      choices=tuple(schema.PURPOSES.split()))
def _purposes(c: Context) -> list[str]:
    return list(c.condition.get("purpose", []))


@fact("purpose_stated", "bool", "at least one purpose is stated", scope="condition")
def _purpose_stated(c: Context) -> bool:
    return bool(c["purposes"])


@fact("purposes_evidenced", "bool", "at least one stated purpose has evidence of a real risk",
      scope="condition")
def _purposes_evidenced(c: Context) -> bool:
    return any(_purpose_evidenced(c, p) for p in c["purposes"])


@fact("purposes_without_evidence", "list", "the stated purposes that have no evidence of a real "
      "risk", scope="condition")
def _purposes_without_evidence(c: Context) -> list[str]:
    return [p for p in c["purposes"] if not _purpose_evidenced(c, p)]


@fact("risk_text_for_purposes", "bool", "`risks` holds text for one of the condition's purposes",
      scope="condition")
def _risk_text_for_purposes(c: Context) -> bool:
    return any(c.risk(RISK_FOR_PURPOSE[p]) for p in c["purposes"] if p in RISK_FOR_PURPOSE)


@fact("has_reason", "bool", "the decision-maker recorded a reason for the condition",
      scope="condition")
def _has_reason(c: Context) -> bool:
    return bool(str(c.condition.get("reason", "")).strip())


@fact("carried_over", "bool", "the condition applied before a re-arrest and continues",
      scope="condition")
def _carried_over(c: Context) -> bool:
    return c.condition.get("carried_over") is True


# -- curfew and reporting

def _curfew_span(c: Context) -> tuple[int, int] | None:
    cond = c.condition
    if cond["type"] != "curfew" or "from" not in cond or "to" not in cond:
        return None
    return cond["from"], cond["to"]


@fact("curfew_hours", "number", "hours a day the curfew lasts (0 if not a curfew with times)",
      scope="condition")
def _curfew_hours(c: Context) -> float:
    span = _curfew_span(c)
    return span_minutes(*span) / 60 if span else 0


@fact("curfew_has_times", "bool", "the curfew states `from` and `to`", scope="condition")
def _curfew_has_times(c: Context) -> bool:
    return _curfew_span(c) is not None


@fact("curfew_has_address", "bool", "the curfew names an address, or the record has a residence "
      "condition", scope="condition")
def _curfew_has_address(c: Context) -> bool:
    return bool(c.condition.get("address")) or c["has_residence_condition"]


def _work_hours(c: Context) -> tuple[int, int] | None:
    return c.person.get("employment", {}).get("hours")  # type: ignore[no-any-return]


@fact("curfew_overlaps_work", "bool", "the curfew overlaps the person's working hours",
      scope="condition")
def _curfew_overlaps_work(c: Context) -> bool:
    span, work = _curfew_span(c), _work_hours(c)
    return bool(span and work and spans_overlap(span, work))


@fact("reporting_days_per_week", "int", "how many days a week the person must report",
      scope="condition")
def _reporting_days(c: Context) -> int:
    return len(set(c.condition.get("days", []))) if c.condition["type"] == "reporting" else 0


@fact("reporting_overlaps_work", "bool", "the reporting window overlaps the person's working hours",
      scope="condition")
def _reporting_overlaps_work(c: Context) -> bool:
    window, work = c.condition.get("window"), _work_hours(c)
    return bool(c.condition["type"] == "reporting" and window and work
                and spans_overlap(window, work))


# -- places

@fact("covers_home", "bool", "an exclusion covering the person's home (by `covers` or by the same "
      "address)", scope="condition")
def _covers_home(c: Context) -> bool:
    cond = c.condition
    return cond["type"] == "exclusion" and (
        "home" in cond.get("covers", []) or same_place(cond.get("place"), c.person.get("address")))


@fact("covers_workplace", "bool", "an exclusion covering the person's workplace",
      scope="condition")
def _covers_workplace(c: Context) -> bool:
    cond = c.condition
    workplace = c.person.get("employment", {}).get("workplace")
    return cond["type"] == "exclusion" and (
        "workplace" in cond.get("covers", []) or same_place(cond.get("place"), workplace))


@fact("covers_area", "bool", "an exclusion whose `covers` lists a town, city or county",
      scope="condition")
def _covers_area(c: Context) -> bool:
    cond = c.condition
    return cond["type"] == "exclusion" and any(a in cond.get("covers", []) for a in AREA_COVERS)


@fact("someone_protected_lives_there", "bool", "a complainant, witness or co-accused lives with the "
      "person or at the person's address")
def _someone_lives_there(c: Context) -> bool:
    home = c.person.get("address")
    return any(q.get("lives_with_person") or same_place(q.get("address"), home) for q in c.people)


@fact("complainant_lives_there", "bool", "a complainant lives with the person or at the person's "
      "address")
def _complainant_lives_there(c: Context) -> bool:
    home = c.person.get("address")
    return any(q.get("role") == "complainant"
               and (q.get("lives_with_person") or same_place(q.get("address"), home))
               for q in c.people)


@fact("someone_protected_works_there", "bool", "a complainant, witness or co-accused works with the "
      "person or at the person's workplace")
def _someone_works_there(c: Context) -> bool:
    workplace = c.person.get("employment", {}).get("workplace")
    return any(q.get("works_with_person") or same_place(q.get("workplace"), workplace)
               for q in c.people)


@fact("lives_elsewhere_on_bail", "bool", "a residence or curfew condition names an address other "
      "than the person's home")
def _lives_elsewhere(c: Context) -> bool:
    home = c.person.get("address")
    return any(k["type"] in ("residence", "curfew") and k.get("address")
               and not same_place(k["address"], home) for k in c.data["conditions"])


@fact("has_residence_condition", "bool", "the record has a residence condition")
def _has_residence(c: Context) -> bool:
    return any(k["type"] == "residence" for k in c.data["conditions"])


@fact("has_curfew_or_residence", "bool", "the record has a curfew or residence condition (a bail "
      "hostel does not count)")
def _has_curfew_or_residence(c: Context) -> bool:
    return any(k["type"] in ("residence", "curfew") for k in c.data["conditions"])


@fact("exclusion_has_boundary", "bool", "the exclusion has a `place`, `streets` or `map_ref`",
      scope="condition")
def _exclusion_boundary(c: Context) -> bool:
    cond = c.condition
    return bool(cond.get("place") or cond.get("streets") or cond.get("map_ref"))


# -- activities, rights, people named

@fact("activity", "enum", "the activity an `activity` condition restricts (`none` otherwise)",
      scope="condition", choices=("none", "trade_union", "picketing", "protest", "strike_action",
                                  "internet", "social_media", "driving", "alcohol", "other"))
def _activity(c: Context) -> str:
    return c.condition.get("activity", "none")  # type: ignore[no-any-return]


@fact("protest_restriction", "bool", "restricts protest, picketing, trade-union or strike action",
      scope="condition")
def _protest_restriction(c: Context) -> bool:
    return c.condition["type"] == "activity" and c["activity"] in PROTEST_ACTIVITIES


@fact("protest_blanket", "bool", "a protest restriction not limited to a place, a dispute or a "
      "manner", scope="condition")
def _protest_blanket(c: Context) -> bool:
    cond = c.condition
    return c["protest_restriction"] and not (
        cond.get("place") or cond.get("dispute") or cond.get("manner"))


@fact("heavy_condition", "bool", "a curfew, an exclusion covering home, workplace, town, city or "
      "county, or a blanket protest restriction", scope="condition")
def _heavy(c: Context) -> bool:
    return bool(c.condition["type"] == "curfew" or c["covers_home"] or c["covers_workplace"]
                or c["covers_area"] or c["protest_blanket"])


@fact("protects_housemate", "bool", "a non-contact condition protecting someone who lives with the "
      "person", scope="condition")
def _protects_housemate(c: Context) -> bool:
    if c.condition["type"] != "non_contact":
        return False
    names = {squash(n) for n in c.condition.get("persons", [])}
    home = c.person.get("address")
    return any((q.get("lives_with_person") or same_place(q.get("address"), home))
               and squash(q.get("name", "")) in names for q in c.people)


@fact("rights_engaged", "list", "the Convention rights the condition engages (Art 8, 10, 11)",
      scope="condition")
def _rights(c: Context) -> list[str]:
    t = c.condition["type"]
    rights: set[str] = set()
    if t in ("residence", "curfew") or c["covers_home"] or c["covers_workplace"] \
            or c["protects_housemate"]:
        rights.add("Art 8")
    if c["protest_restriction"]:
        rights |= {"Art 10", "Art 11"}
    if c["activity"] in ("internet", "social_media"):
        rights |= {"Art 8", "Art 10"}
    return sorted(rights)


@fact("engages_rights", "bool", "the condition engages Art 8, 10 or 11", scope="condition")
def _engages_rights(c: Context) -> bool:
    return bool(c["rights_engaged"])


@fact("named_persons", "int", "how many people a non-contact condition names", scope="condition")
def _named_persons(c: Context) -> int:
    return len([n for n in c.condition.get("persons", []) if n.strip()])


@fact("non_contact_conflicts_residence", "bool", "a non-contact condition protects someone whose "
      "address is the address of a residence or curfew condition", scope="condition")
def _non_contact_conflict(c: Context) -> bool:
    if c.condition["type"] != "non_contact":
        return False
    names = {squash(n) for n in c.condition.get("persons", [])}
    addresses = [k["address"] for k in c.data["conditions"]
                 if k["type"] in ("residence", "curfew") and k.get("address")]
    return any(squash(q.get("name", "")) in names and any(
        same_place(q.get("address"), a) for a in addresses) for q in c.people)


@fact("passport_complete", "bool", "a passport condition states a `deadline` and a `recipient`",
      scope="condition")
def _passport_complete(c: Context) -> bool:
    return bool(c.condition.get("deadline") and c.condition.get("recipient"))


@fact("surety_parent", "bool", "a parent or guardian surety under Bail Act s.3(7)",
      scope="condition")
def _surety_parent(c: Context) -> bool:
    return c.condition["type"] == "surety" and c.condition.get("parent") is True


@fact("amount", "number", "the sum of a surety or security in pounds (0 if none)",
      scope="condition")
def _amount(c: Context) -> float:
    return float(c.condition.get("amount", 0))


@fact("has_field", "list", "the condition's own fields that are filled in", scope="condition")
def _has_field(c: Context) -> list[str]:
    return sorted(k for k, v in c.condition.items() if v not in (None, "", []))


# ---------------------------------------------------------------- pre-charge clocks

def clock(c: Context) -> clocks.BailClock | None:
    """The pre-charge bail clock, or None when the record is not pre-charge bail."""
    if "_clock" not in c.shared:
        c.shared["_clock"] = None
        if c["stage"] == "pre_charge" and not c["released_under_investigation"]:
            release, dates = c.data.get("release", {}), c.data.get("dates", {})
            c.shared["_clock"] = clocks.bail_clock(
                c["arrest_date"], release.get("case_type", "standard"),
                release.get("exceptionally_complex") is True,
                dates.get("extensions"), dates.get("cps_referrals"))
    return c.shared["_clock"]  # type: ignore[no-any-return]


@fact("precharge_regime", "enum", "the pre-charge bail regime by arrest date (`not_pre_charge` "
      "otherwise)", choices=("not_pre_charge", "none", "pca_2017", "pcsc_2022"))
def _regime(c: Context) -> str:
    clk = clock(c)
    return clk.regime if clk else "not_pre_charge"


@fact("bail_period_end", "date", "last day of the applicable bail period (pre-charge)")
def _abp_end(c: Context) -> date | None:
    clk = clock(c)
    return clk.end if clk else None


@fact("bail_period_caveat", "text", "a warning to verify the bail-period end where it rests on "
      "the month-end rule or a CPS suspension (empty otherwise)")
def _abp_caveat(c: Context) -> str:
    clk = clock(c)
    if clk is None or not clk.verify:
        return ""
    return (" (verify: this end date rests on the month-end rule or a CPS suspension, which are "
            "derived, not stated in the Act)")


@fact("answer_after_bail_period", "bool", "the answer-bail date is after the end of the "
      "applicable bail period")
def _answer_after(c: Context) -> bool:
    end, answer = c["bail_period_end"], c.data.get("dates", {}).get("answer_bail_on")
    return bool(end and answer and answer > end)


@fact("answer_bail_on", "date", "the pre-charge return date")
def _answer_bail_on(c: Context) -> date | None:
    return c.data.get("dates", {}).get("answer_bail_on")  # type: ignore[no-any-return]


def _clock_problem(c: Context, kind: str) -> dict[str, Any] | None:
    clk = clock(c)
    for name, detail in clk.problems if clk else []:
        if name == kind:
            return detail
    return None


@fact("extension_rank_too_low", "bool", "an extension was authorised below the rank the law "
      "requires")
def _ext_rank(c: Context) -> bool:
    return _clock_problem(c, "extension_rank_too_low") is not None


@fact("extension_after_expiry", "bool", "an extension was authorised after the bail period had "
      "ended")
def _ext_late(c: Context) -> bool:
    return _clock_problem(c, "extension_after_expiry") is not None


@fact("release_authorised_by_inspector", "bool", "release on pre-charge bail was authorised by an "
      "inspector or above")
def _inspector(c: Context) -> bool:
    rank = c.data.get("release", {}).get("authorised_by")
    by_role = c.data["decision"].get("by_role")
    return bool((rank and clocks.rank_at_least(rank, "inspector"))
                or by_role in ("inspector", "superintendent", "commander"))


@fact("extension_problem", "text", "what is wrong with an extension (rank or timing), in words")
def _ext_problem(c: Context) -> str:
    rank = _clock_problem(c, "extension_rank_too_low")
    late = _clock_problem(c, "extension_after_expiry")
    parts = []
    if rank:
        parts.append(f"the extension to {rank['to_months']} months was authorised by "
                     f"{rank['by_rank'].replace('_', ' ')}, but needs {rank['required'].replace('_', ' ')} "
                     f"or above ({rank['basis']})")
    if late:
        parts.append(f"the extension to {late['to_months']} months was authorised on {late['at']}, "
                     f"after the bail period ended on {late['ended']}")
    return "; ".join(parts)
