"""Which record fields each fact reads, so that an explanation can cite line numbers.

Patterns are dotted paths into the record: `*` stands for every item of a list, and `condition`
for the condition being judged. A fact derived from other facts lists the fields underneath.
A test checks that every fact has an entry.
"""

from __future__ import annotations

from bailcheck.record.validate import Record

_EVIDENCE_SURRENDER: tuple[str, ...] = ("person.failures_to_surrender", "person.fixed_address",
                       "person.foreign_ties", "person.travel_plans", "offences.*.mode_of_trial",
                       "offences.*.likely_disposal", "risks.fail_to_surrender")
_EVIDENCE_OFFENDING: tuple[str, ...] = ("person.previous_convictions", "person.offended_on_bail",
                       "person.on_bail_at_offence", "offences.*.domestic_abuse",
                       "offences.*.context", "people.*.known_to_person",
                       "people.*.lives_with_person", "risks.offending_on_bail")
_EVIDENCE_INTERFERENCE: tuple[str, ...] = ("person.witness_interference", "people.*.known_to_person",
                          "people.*.lives_with_person", "people.*.works_with_person",
                          "risks.witness_interference")
_EVIDENCE_PROTECTION: tuple[str, ...] = ("person.vulnerabilities", "risks.own_protection")
_AGE = ("person.age", "person.date_of_birth", "decision.made_at")
_KEYS = ("stage", "release.power", "decision.by_role")
# which custody grounds could be used: who decided, the person, the offences
_USABLE = (*_KEYS, *_AGE, "case.convicted", "offences.*.imprisonable",
           "offences.*.likely_disposal", "offences.*.domestic_abuse", "offences.*.context",
           "risks.offending_on_bail")
_GROUNDS = ("decision.alternative_to_custody", *_USABLE)  # ... and which the record lists
_EVIDENCE_SURRENDER += _GROUNDS
_EVIDENCE_OFFENDING += _GROUNDS
_EVIDENCE_INTERFERENCE += _GROUNDS
_EVIDENCE_PROTECTION += _GROUNDS
_INDIVIDUAL = ("condition.purpose", "risks", "person.failures_to_surrender", *_GROUNDS)
_PACKAGE = ("conditions.*.type", "conditions.*.purpose", "conditions.*.persons",
            "conditions.*.protects", "conditions.*.place", "people.*.name", "people.*.address",
            "people.*.workplace")
_RESIDENCE = ("condition.type", "condition.address", "person.address", "person.fixed_address",
              "people.*.lives_with_person", "people.*.address")
_CONFLICT = ("condition.persons", "people.*.address", "people.*.lives_with_person",
             "person.address", "conditions.*.address", "conditions.*.type")
_CLOCK = ("dates.arrested_at", "release.case_type", "release.exceptionally_complex",
          "dates.extensions", "dates.cps_referrals")

READS: dict[str, tuple[str, ...]] = {
    "activity": ("condition.activity",),
    "adverse_history": ("person.previous_convictions", "person.offended_on_bail",
                        "person.on_bail_at_offence", "person.witness_interference"),
    "age": _AGE,
    "age_at_surrender": (*_AGE, "dates.first_court_date", "dates.answer_bail_on"),
    "all_offences_non_imprisonable": ("offences.*.imprisonable",),
    "schedule_1_part": ("offences.*.imprisonable", "offences.*.mode_of_trial"),
    "amount": ("condition.amount",),
    "answer_after_bail_period": ("dates.answer_bail_on", *_CLOCK),
    "answer_bail_on": ("dates.answer_bail_on",),
    "any_offence_indictable_only": ("offences.*.mode_of_trial",),
    "arrest_date": ("dates.arrested_at", "decision.made_at"),
    "arrest_recorded": ("dates.arrested_at",),
    "bail_period_caveat": _CLOCK,
    "bail_period_end": _CLOCK,
    "carried_over": ("condition.carried_over",),
    "complainant_lives_there": ("people.*.lives_with_person", "people.*.address",
                                "person.address"),
    "condition_text": ("condition.text",),
    "condition_type": ("condition.type",),
    "convicted": ("case.convicted",),
    "copy_given": ("decision.copy_given",),
    "covers_area": ("condition.covers",),
    "covers": ("condition.covers",),
    "covers_home": ("condition.covers", "condition.keeps_from", "condition.place",
                    "person.address"),
    "covers_workplace": ("condition.covers", "condition.keeps_from", "condition.place",
                         "person.employment.workplace"),
    "curfew_hours_per_day": ("conditions.*.from", "conditions.*.to", "conditions.*.days"),
    "custody_ground_available": _GROUNDS,
    "custody_grounds_why_unavailable": _GROUNDS,
    "custody_ground_matched": ("condition.purpose", *_GROUNDS),
    "custody_grounds_available": _GROUNDS,
    "custody_grounds_unavailable": _GROUNDS,
    "custody_grounds_usable": _USABLE,
    "custody_grounds_usable_words": _USABLE,
    "decision_role": ("decision.by_role",),
    "drawn_round_risk": ("condition.place", "condition.protects", "offences.*.location"),
    "curfew_has_address": ("condition.address", "conditions.*.type"),
    "curfew_has_times": ("condition.from", "condition.to"),
    "curfew_hours": ("condition.from", "condition.to", "conditions.*.from", "conditions.*.to",
                     "conditions.*.days"),
    "curfew_span_hours": ("condition.from", "condition.to"),
    "curfew_overlaps_work": ("condition.from", "condition.to", "person.employment.hours"),
    "decision_date": ("decision.made_at",),
    "domestic_abuse_offence": ("offences.*.domestic_abuse", "offences.*.context"),
    "engages_rights": ("condition.type", "condition.activity", "condition.covers",
                       "condition.keeps_from", "condition.place", "condition.dispute",
                       "condition.manner", "condition.persons", "condition.own_children",
                       *_RESIDENCE),
    "evidence_no_interference": _EVIDENCE_INTERFERENCE,
    "evidence_no_offending": _EVIDENCE_OFFENDING,
    "evidence_own_protection": _EVIDENCE_PROTECTION,
    "evidence_surrender": _EVIDENCE_SURRENDER,
    "exclusion_has_boundary": ("condition.place", "condition.streets", "condition.map_ref"),
    "exclusion_radius_m": ("condition.radius_m",),
    "expression_blanket": ("condition.activity", "condition.place", "condition.dispute",
                           "condition.manner", "condition.purpose"),
    "religious_blanket": ("condition.activity", "condition.place", "condition.dispute",
                          "condition.manner", "condition.purpose"),
    "expression_limited": ("condition.place", "condition.dispute", "condition.manner"),
    "expressive_restriction": ("condition.type", "condition.activity"),
    "extension_after_expiry": _CLOCK,
    "extension_problem": _CLOCK,
    "extension_rank_too_low": _CLOCK,
    "failures_to_surrender": ("person.failures_to_surrender",),
    "family_proceedings": ("person.family_proceedings",),
    "group_claims_recorded": ("risks.group_claims",),
    "has_conditions": ("conditions",),
    "has_curfew_or_residence": ("conditions.*.type",),
    "has_field": ("condition",),
    "has_individual_complainant": ("people.*.role", "people.*.individual"),
    "has_reason": ("condition.reason",),
    "has_residence_condition": ("conditions.*.type",),
    "heavy_condition": ("condition.type", "condition.covers", "condition.keeps_from",
                        "condition.place", "condition.dispute", "condition.manner",
                        "condition.activity"),
    "individual_evidence": _INDIVIDUAL,
    "is_child": _AGE,
    "keeps_from": ("condition.keeps_from",),
    "lives_elsewhere_on_bail": ("conditions.*.address", "person.address"),
    "matched_custody_grounds": ("condition.purpose", *_GROUNDS),
    "named_persons": ("condition.persons",),
    "narrower_exclusion_radius_m": ("condition.radius_m", "conditions.*.radius_m",
                                    "conditions.*.covers", *_PACKAGE),
    "no_real_prospect_of_custody": (*_AGE, "case.convicted", "offences.*.likely_disposal"),
    "non_contact_conflicts_residence": _CONFLICT,
    "non_contact_conflicts_with": _CONFLICT,
    "offence_contexts": ("offences.*.context",),
    "offending_ground_limited_to_injury": _GROUNDS,
    "offending_risk_text": ("risks.offending_on_bail",),
    "own_children": ("condition.own_children",),
    "own_home_residence": _RESIDENCE,
    "package_reasons_given": ("decision.reasons_recorded", *_KEYS),
    "passport_complete": ("condition.deadline", "condition.recipient"),
    "passport_hand_in": ("condition.hand_in",),
    "passport_unsaid": ("condition.deadline", "condition.recipient"),
    "reporting_unnamed": ("condition.station", "condition.days"),
    "place_is_own_workplace": ("condition.place", "person.employment.workplace"),
    "place_limit": ("condition.place",),
    "necessity": ("condition.activity",),
    "police_bail": ("stage",),
    "police_limits": _KEYS,
    "precharge_regime": ("stage", "dates.arrested_at"),
    "previous_convictions": ("person.previous_convictions",),
    "protects_housemate": ("condition.persons", "people.*.lives_with_person",
                           "people.*.address"),
    "protects_someone_with_address": ("condition.protects", "people.*.name", "people.*.address"),
    "protest_blanket": ("condition.activity", "condition.place", "condition.dispute",
                        "condition.manner"),
    "protest_restriction": ("condition.activity",),
    "purpose_stated": ("condition.purpose",),
    "purposes": ("condition.purpose",),
    "purposes_evidenced": ("condition.purpose",),
    "purposes_with_individual_evidence": _INDIVIDUAL,
    "purposes_without_evidence": ("condition.purpose",),
    "reasoned": ("condition.reason", "decision.reasons_recorded", *_INDIVIDUAL, *_RESIDENCE),
    "reasons_recorded": ("decision.reasons_recorded",),
    "reasons_recorded_false": ("decision.reasons_recorded",),
    "release_authorised_by_inspector": ("release.authorised_by", "decision.by_role"),
    "release_power": ("release.power",),
    "released_under_investigation": ("release.power",),
    "reporting_days_per_week": ("condition.days",),
    "reporting_overlaps_work": ("condition.window", "person.employment.hours"),
    "rights_engaged": ("condition.type", "condition.activity", "condition.covers",
                       "condition.keeps_from", "condition.persons", "condition.own_children"),
    "risk_text_any": ("risks",),
    "risk_text_for_purposes": ("condition.purpose", "risks"),
    "risks_stated": ("risks",),
    "someone_protected_lives_there": ("people.*.lives_with_person", "people.*.address",
                                      "person.address"),
    "same_target_exclusions": ("condition.place", *_PACKAGE),
    "narrower_exclusions": ("condition.place", "condition.radius_m", "condition.covers",
                            "conditions.*.radius_m", "conditions.*.covers", *_PACKAGE),
    "same_target_non_contact_means": ("conditions.*.means", *_PACKAGE),
    "same_target_non_contacts": _PACKAGE,
    "smaller_radius_exclusion": ("condition.radius_m", "conditions.*.radius_m", *_PACKAGE),
    "someone_protected_works_there": ("people.*.works_with_person", "people.*.workplace",
                                      "person.employment.workplace"),
    "speech_restriction": ("condition.type", "condition.activity"),
    "stage": ("stage",),
    "stage_disagreement": _KEYS,
    "stage_power_role_disagree": _KEYS,
    "statutory_zone": ("condition.statutory_zone",),
    "statutory_zone_reached": ("condition.statutory_zone", "condition.radius_m"),
    "street_limits": ("stage", "release.power"),
    "surety_parent": ("condition.parent",),
    "tied_to_offence": ("condition.tied_to_offence", "condition.activity", "offences.*.context"),
    "tied_to_risk": ("condition.tied_to_risk", *_INDIVIDUAL),
    "victim_views_recorded": ("victim_views.sought", "victim_views.not_practicable_reason"),
    "wider_than_offence": ("condition.wider_than_offence", "condition.activity",
                           "condition.place"),
}


# The evidence a purpose is judged on (decision model, step 3).
PURPOSE_READS = {
    "surrender": _EVIDENCE_SURRENDER,
    "no_offending": _EVIDENCE_OFFENDING,
    "no_interference": _EVIDENCE_INTERFERENCE,
    "own_protection": _EVIDENCE_PROTECTION,
    "welfare": _AGE,
}
_BY_PURPOSE = {"purposes_evidenced", "purposes_without_evidence", "risk_text_for_purposes"}


def locate(record: Record, fact: str, condition_index: int | None
           ) -> list[tuple[str, int, str]]:
    """(field, line, value) for each field of the record that `fact` reads and the record
    holds; for the evidence facts, the evidence fields of the purposes actually stated."""
    patterns = list(READS.get(fact, ()))
    if fact in _BY_PURPOSE and condition_index is not None:
        for purpose in record.conditions[condition_index].get("purpose", []):
            patterns += PURPOSE_READS.get(purpose, ())
    found: dict[tuple[str, int], str] = {}
    for pattern in patterns:
        for path in _expand(record, pattern.split("."), condition_index):
            mark = record.mark(*path)
            if mark is not None:
                label = ".".join(f"{p}" if isinstance(p, str) else f"[{p + 1}]" for p in path)
                found[(label.replace(".[", "["), mark[0])] = _value(_get(record.data, path))
    return sorted(((f, line, v) for (f, line), v in found.items()),
                  key=lambda item: (item[1], item[0]))


def locate_scope(fact: str, condition_index: int | None) -> int | None:
    """The condition index `locate` depends on for `fact`: the index itself where the fact
    reads the condition judged (or its purposes' evidence), else None, the same for every
    condition, so that one answer serves a whole record."""
    if fact in _BY_PURPOSE or any("condition" in p.split(".") for p in READS.get(fact, ())):
        return condition_index
    return None


def first_line(record: Record, fact: str) -> int:
    """The line of the first record field that `fact` reads (the first of `locate`'s entries
    for the record as a whole), or -1 if the record holds none; without the entries' labels
    and values, since a record-level finding needs only this."""
    lines = [mark[0] for pattern in READS.get(fact, ())
             for path in _expand(record, pattern.split("."), None)
             if (mark := record.mark(*path)) is not None]
    return min(lines, default=-1)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return "…"
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value) if all(
            not isinstance(v, dict) for v in value) else f"{len(value)} item(s)"
    if isinstance(value, tuple) and len(value) == 2:  # a span of minutes
        return "-".join(f"{m // 60:02d}:{m % 60:02d}" for m in value)
    return str(value)


def _expand(record: Record, parts: list[str], condition_index: int | None
            ) -> list[tuple[str | int, ...]]:
    paths: list[tuple[str | int, ...]] = [()]
    for part in parts:
        if part == "condition":
            if condition_index is None:
                return []
            paths = [(*p, "conditions", condition_index) for p in paths]
        elif part == "*":
            grown = []
            for p in paths:
                items = _get(record.data, p)
                grown += [(*p, i) for i in range(len(items) if isinstance(items, list) else 0)]
            paths = grown
        else:
            paths = [(*p, part) for p in paths]
    return paths


def _get(data: object, path: tuple[str | int, ...]) -> object:
    for step in path:
        if isinstance(step, int) and isinstance(data, list) and step < len(data):
            data = data[step]
        elif isinstance(step, str) and isinstance(data, dict):
            data = data.get(step)
        else:
            return None
    return data
