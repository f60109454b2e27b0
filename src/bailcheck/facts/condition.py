"""Facts about the condition being judged. Registered in bailcheck.facts when it loads."""

from __future__ import annotations

from typing import Any

from bailcheck.facts.authority import available_ground_for
from bailcheck.facts.case import individual_evidence, purpose_evidenced
from bailcheck.facts.package import label
from bailcheck.facts.registry import (
    PROTEST_ACTIVITIES,
    RISK_FOR_PURPOSE,
    Context,
    fact,
    same_place,
    span_minutes,
    spans_overlap,
    squash,
)
from bailcheck.facts.words import join_and
from bailcheck.record import schema

# ---------------------------------------------------------------- the condition being judged

@fact("condition_type", "enum", "the condition's type", scope="condition", choices=lambda: tuple(schema.CONDITION_TYPES))
def _condition_type(c: Context) -> str:
    return c.condition["type"]  # type: ignore[no-any-return]


@fact("condition_text", "text", "the condition's wording", scope="condition")
def _condition_text(c: Context) -> str:
    return c.condition["text"]  # type: ignore[no-any-return]


@fact("purposes", "list", "the statutory purposes stated for the condition", scope="condition",
      choices=schema.PURPOSES)
def _purposes(c: Context) -> list[str]:
    return list(c.condition.get("purpose", []))


@fact("purpose_stated", "bool", "at least one purpose is stated", scope="condition")
def _purpose_stated(c: Context) -> bool:
    return bool(c["purposes"])


@fact("purposes_evidenced", "bool", "at least one stated purpose has evidence of a real risk",
      scope="condition")
def _purposes_evidenced(c: Context) -> bool:
    return any(purpose_evidenced(c, p) for p in c["purposes"])


@fact("purposes_without_evidence", "list", "the stated purposes that have no evidence of a real "
      "risk", scope="condition")
def _purposes_without_evidence(c: Context) -> list[str]:
    return [p for p in c["purposes"] if not purpose_evidenced(c, p)]


@fact("risk_text_for_purposes", "bool", "`risks` holds text for one of the condition's purposes",
      scope="condition")
def _risk_text_for_purposes(c: Context) -> bool:
    return any(c.risk(RISK_FOR_PURPOSE[p]) for p in c["purposes"] if p in RISK_FOR_PURPOSE)


@fact("has_reason", "bool", "the decision-maker recorded a reason for this condition itself "
      "(its own `reason`)", scope="condition")
def _has_reason(c: Context) -> bool:
    return bool(str(c.condition.get("reason", "")).strip())


@fact("purposes_with_individual_evidence", "list", "the condition's purposes with evidence about "
      "this person: text in the `risks` key for it, a matched custody ground, or (surrender) "
      "previous failures to surrender; group claims never count", scope="condition",
      choices=schema.PURPOSES)
def _purposes_individual(c: Context) -> list[str]:
    return [p for p in c["purposes"] if individual_evidence(c, p)]


@fact("individual_evidence", "bool", "individual evidence for at least one of the condition's "
      "purposes", scope="condition")
def _individual_evidence(c: Context) -> bool:
    return bool(c["purposes_with_individual_evidence"])


@fact("matched_custody_grounds", "list", "the available custody grounds that match one of the "
      "condition's purposes (its `risks` key is the ground)", scope="condition",
      choices=schema.CUSTODY_GROUNDS)
def _matched_grounds(c: Context) -> list[str]:
    return [RISK_FOR_PURPOSE[p] for p in c["purposes"] if available_ground_for(c, p)]


@fact("custody_ground_matched", "bool", "an available custody ground matches one of the "
      "condition's purposes", scope="condition")
def _ground_matched(c: Context) -> bool:
    return bool(c["matched_custody_grounds"])


@fact("reasoned", "bool", "the condition has a reason (decision model §4.0): its own `reason`; "
      "or the package reasons, where they were given and the record holds individual evidence "
      "for one of its purposes; or it is an own home residence and a custody ground is "
      "available", scope="condition")
def _reasoned(c: Context) -> bool:
    return bool(c["has_reason"] or (c["package_reasons_given"] and c["individual_evidence"])
                or (c["own_home_residence"] and c["custody_ground_available"]))


@fact("own_home_residence", "bool", "a residence at the person's own address, where the person "
      "has a fixed address and no one in `people` lives there", scope="condition")
def _own_home_residence(c: Context) -> bool:
    cond = c.condition
    return bool(cond["type"] == "residence" and same_place(cond.get("address"),
                                                           c.person.get("address"))
                and c.person.get("fixed_address") is not False
                and not c["someone_protected_lives_there"])


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


@fact("curfew_hours", "number", "hours a day the person is under curfew, counting every curfew in "
      "the record together (`curfew_hours_per_day`); 0 if this is not a curfew with times",
      scope="condition")
def _curfew_hours(c: Context) -> float:
    return float(c["curfew_hours_per_day"]) if _curfew_span(c) else 0


@fact("curfew_span_hours", "number", "hours a day this curfew alone lasts (0 if not a curfew with "
      "times)", scope="condition")
def _curfew_span_hours(c: Context) -> float:
    span = _curfew_span(c)
    return span_minutes(*span) / 60 if span else 0


@fact("curfew_hours_per_day", "number", "the most hours under curfew in any 24 hours, counting "
      "every curfew in the record together (each on its `days`; absent days = every day)")
def _curfew_hours_per_day(c: Context) -> float:
    timed = [k for k in c.data["conditions"]
             if k["type"] == "curfew" and "from" in k and "to" in k]
    if len(timed) == 1 and len(set(timed[0].get("days") or schema.DAYS)) == len(schema.DAYS):
        # the commonest case, one curfew every day: any 24 hours hold exactly one night of it
        return span_minutes(timed[0]["from"], timed[0]["to"]) / 60
    week = 7 * 1440
    pieces: list[tuple[int, int]] = []  # minutes of the week under curfew, [start, end)
    for k in timed:
        length = span_minutes(k["from"], k["to"])
        for day in {schema.DAYS.index(d) for d in k.get("days") or schema.DAYS}:
            start = day * 1440 + k["from"]
            pieces.append((start, start + length))
    if not pieces:
        return 0
    merged: list[list[int]] = []
    # the week wraps round: lay it out twice so that every 24-hour window is a plain interval
    for s, e in sorted(p for s0, e0 in pieces for p in ((s0, e0), (s0 + week, e0 + week))):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    # the most-covered window of 1,440 minutes starts where some covered stretch starts; the
    # stretches are disjoint and in order, so those before it end before the window begins and
    # only the ones from it on, up to the window's end, count
    best = 0
    for i, (s0, _) in enumerate(merged):
        covered, stop = 0, s0 + 1440
        for s, e in merged[i:]:
            if s >= stop:
                break
            covered += min(e, stop) - s
        best = max(best, covered)
    return min(best, 1440) / 60


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


# -- activities, rights, people named

@fact("activity", "enum", "the activity an `activity` condition restricts (`none` otherwise)",
      scope="condition", choices=("none", *schema.ACTIVITIES))
def _activity(c: Context) -> str:
    return c.condition.get("activity", "none")  # type: ignore[no-any-return]


@fact("protest_restriction", "bool", "restricts protest, picketing, trade-union activity, strike "
      "action or political activity", scope="condition")
def _protest_restriction(c: Context) -> bool:
    return c.condition["type"] == "activity" and c["activity"] in (*PROTEST_ACTIVITIES,
                                                                   "political")


@fact("protest_blanket", "bool", "a protest restriction not limited to a place, a dispute or a "
      "manner", scope="condition")
def _protest_blanket(c: Context) -> bool:
    cond = c.condition
    return c["protest_restriction"] and not (
        cond.get("place") or cond.get("dispute") or cond.get("manner"))


@fact("heavy_condition", "bool", "a curfew, an exclusion covering home, workplace, town, city or "
      "county, or a blanket expressive restriction (an area by radius is tested in the rules)",
      scope="condition")
def _heavy(c: Context) -> bool:
    return bool(c.condition["type"] == "curfew" or c["covers_home"] or c["covers_workplace"]
                or c["covers_area"] or c["expression_blanket"])


def _protected(c: Context) -> list[dict[str, Any]]:
    """The people in `people` that a non-contact condition names (names compared as addresses
    are: ignoring case, punctuation and spacing)."""
    if c.condition["type"] != "non_contact":
        return []
    names = {squash(n) for n in c.condition.get("persons", [])}
    return [q for q in c.people if squash(q.get("name", "")) in names]


@fact("protects_housemate", "bool", "a non-contact condition protecting someone who lives with the "
      "person", scope="condition")
def _protects_housemate(c: Context) -> bool:
    home = c.person.get("address")
    return any(q.get("lives_with_person") or same_place(q.get("address"), home)
               for q in _protected(c))


@fact("named_persons", "int", "how many people a non-contact condition names", scope="condition")
def _named_persons(c: Context) -> int:
    return len([n for n in c.condition.get("persons", []) if n.strip()])


@fact("non_contact_conflicts_residence", "bool", "a non-contact condition protects someone whose "
      "address is the address of a residence or curfew condition, or who lives with the person "
      "(`lives_with_person`) where that address is the person's own", scope="condition")
def _non_contact_conflict(c: Context) -> bool:
    return bool(_conflicting(c))


@fact("non_contact_conflicts_with", "text", "the residence and curfew conditions that "
      "`non_contact_conflicts_residence` found, each as its id and text (empty if none)",
      scope="condition")
def _non_contact_conflicts_with(c: Context) -> str:
    return join_and([label(k) for k in _conflicting(c)])


def _conflicting(c: Context) -> list[dict[str, Any]]:
    home = c.person.get("address")
    protected = _protected(c)
    # decision model §4.5: in §5 anyone with `lives_with_person` counts as living at the
    # person's home, whatever their `address` text
    return [k for k in c.data["conditions"]
            if k["type"] in ("residence", "curfew") and (a := k.get("address"))
            and any(same_place(q.get("address"), a)
                    or (q.get("lives_with_person") is True and same_place(a, home))
                    for q in protected)]


@fact("own_children", "bool", "a non-contact condition that includes the person's own child or a "
      "child in their care", scope="condition")
def _own_children(c: Context) -> bool:
    return c.condition["type"] == "non_contact" and c.condition.get("own_children") is True


@fact("surety_parent", "bool", "a parent or guardian surety under Bail Act s.3(7)",
      scope="condition")
def _surety_parent(c: Context) -> bool:
    return c.condition["type"] == "surety" and c.condition.get("parent") is True


@fact("amount", "number", "the sum of a surety or security in pounds (0 if none)",
      scope="condition")
def _amount(c: Context) -> float:
    return float(c.condition.get("amount", 0))
