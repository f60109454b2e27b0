"""Helpers behind the facts: address matching, daily spans, ages."""

from __future__ import annotations

import pytest
from tests.conftest import evaluate_text

from bailcheck.facts.registry import FACTS, same_place, span_minutes, spans_overlap


def test_same_place_ignores_case_punctuation_and_spacing_only() -> None:
    assert same_place("Flat 3, 22 Orchard Street", "flat 3 22 ORCHARD street.")
    assert not same_place("22 Orchard Street", "22 Orchard St")  # no fuzzy matching
    assert not same_place(None, "x")


def test_spans_past_midnight() -> None:
    assert span_minutes(19 * 60, 7 * 60) == 12 * 60
    assert span_minutes(7 * 60, 19 * 60) == 12 * 60
    assert spans_overlap((21 * 60, 6 * 60), (5 * 60, 13 * 60))
    assert not spans_overlap((21 * 60, 6 * 60), (6 * 60, 14 * 60))  # share no minute


def test_every_fact_is_documented() -> None:
    for fact in FACTS.values():
        assert fact.doc and fact.type and fact.scope in ("record", "condition"), fact.name


def test_age_from_date_of_birth_on_surrender_date(builtin_policy) -> None:
    report = evaluate_text("""\
        bailcheck: 1
        case: {reference: T}
        stage: post_charge
        decision: {made_at: 2024-03-01, reasons_recorded: true, copy_given: true}
        person: {date_of_birth: 2007-03-10, previous_convictions: 0}
        offences: [{description: x, mode_of_trial: summary, imprisonable: true}]
        dates: {first_court_date: 2024-03-14}
        conditions:
          - {type: surety, text: Parent surety., amount: 50, parent: true, purpose: [no_offending]}
        """, builtin_policy)
    assert "parent-surety-limits" in {f.rule for f in report.conditions[0].findings}


def test_overlap_agrees_with_counting_minutes() -> None:
    import random

    def minutes(span: tuple[int, int]) -> set[int]:
        return {(span[0] + i) % 1440 for i in range(span_minutes(*span))}

    rng = random.Random(2026)
    for _ in range(5000):
        a = (rng.randrange(0, 1440, 15), rng.randrange(0, 1440, 15))
        b = (rng.randrange(0, 1440, 15), rng.randrange(0, 1440, 15))
        assert spans_overlap(a, b) == bool(minutes(a) & minutes(b)), (a, b)


# ---------------------------------------------------------------- v2 facts

def _ctx(text: str, condition: int | None = 0):
    import textwrap

    from tests.conftest import TODAY

    from bailcheck.facts.registry import Context
    from bailcheck.record.source import parse
    from bailcheck.record.validate import validate

    record = validate(parse(textwrap.dedent(text), "t.yaml"))
    ctx = Context(record, TODAY)
    return ctx.for_condition(record.conditions[condition]) if condition is not None else ctx


def _curfews(*spans: str) -> str:
    lines = "".join(f"  - {{type: curfew, text: c., address: a, {s}, purpose: [no_offending]}}\n"
                    for s in spans)
    return ("bailcheck: 1\ncase: {reference: T}\nstage: post_charge\n"
            "decision: {made_at: 2024-03-01}\nperson: {age: 30, previous_convictions: 0}\n"
            "offences: [{description: x, mode_of_trial: summary, imprisonable: true}]\n"
            "conditions:\n" + lines)


def test_curfew_hours_add_up_across_the_record_and_overlaps_count_once() -> None:
    assert _ctx(_curfews('from: "20:00", to: "06:00"'))["curfew_hours"] == 10
    assert _ctx(_curfews('from: "20:00", to: "06:00"', 'from: "12:00", to: "18:00"'))[
        "curfew_hours"] == 16
    # overlapping curfews are joined, not double counted
    assert _ctx(_curfews('from: "20:00", to: "06:00"', 'from: "22:00", to: "07:00"'))[
        "curfew_hours"] == 11
    # a curfew on one day only still lasts its full length; the week wraps from Sunday
    assert _ctx(_curfews('from: "16:00", to: "08:00", days: [sun]'))["curfew_hours"] == 16
    # this curfew's own length is still available
    ctx = _ctx(_curfews('from: "20:00", to: "06:00"', 'from: "12:00", to: "18:00"'), 1)
    assert ctx["curfew_span_hours"] == 6 and ctx["curfew_hours"] == 16


def _grounds(stage: str, power: str, role: str, *, imprisonable: str = "true", extra: str = "",
             risks: str = "") -> list[str]:
    text = (f"bailcheck: 1\ncase: {{reference: T{extra}}}\nstage: {stage}\nrelease: {{power: {power}}}\n"
            f"decision: {{made_at: 2024-03-01, by_role: {role}, alternative_to_custody: "
            "[fail_to_surrender, offending_on_bail, witness_interference, own_protection]}\n"
            "person: {age: 30, previous_convictions: 0}\n"
            f"offences: [{{description: x, mode_of_trial: summary, imprisonable: {imprisonable}}}]\n"
            f"risks: {{{risks}}}\nconditions: []\n")
    return _ctx(text, None)["custody_grounds_available"]  # type: ignore[no-any-return]


def test_custody_grounds_by_decision_maker() -> None:
    every = ["fail_to_surrender", "offending_on_bail", "witness_interference", "own_protection"]
    assert _grounds("court", "court", "magistrates") == every
    assert _grounds("pre_charge", "s37_7_a", "custody_officer") == []
    assert _grounds("street", "s30A", "constable") == []
    # Part II: an unconvicted adult charged only with non-imprisonable offences
    assert _grounds("court", "court", "magistrates", imprisonable="false") == ["own_protection"]
    assert _grounds("court", "court", "magistrates", imprisonable="false",
                    extra=", convicted: true") == every
    # after charge, (a)(iv) replaces only the offending ground, unless the risk is of damage
    assert _grounds("post_charge", "s38_1", "custody_officer", imprisonable="false") == [
        "fail_to_surrender", "witness_interference", "own_protection"]
    assert _grounds("post_charge", "s38_1", "custody_officer", imprisonable="false",
                    risks="offending_on_bail: Smashed two windows.") == every
    # keys that disagree: only what every reading could use
    assert _grounds("court", "s38_1", "custody_officer", imprisonable="false") == [
        "own_protection"]


def test_usable_grounds_do_not_depend_on_what_the_record_lists() -> None:
    text = ("bailcheck: 1\ncase: {reference: T}\nstage: court\nrelease: {power: court}\n"
            "decision: {made_at: 2024-03-01, by_role: magistrates}\n"
            "person: {age: 30, previous_convictions: 0}\n"
            "offences: [{description: x, mode_of_trial: summary, imprisonable: false}]\n"
            "conditions: []\n")
    ctx = _ctx(text, None)  # Part II, nothing listed: none available, own protection usable
    assert ctx["custody_grounds_available"] == [] and ctx["custody_grounds_unavailable"] == []
    assert ctx["custody_grounds_usable"] == ["own_protection"]
    assert ctx["custody_grounds_usable_words"] == "own protection"
    ctx = _ctx(text.replace("imprisonable: false", "imprisonable: true").replace(
        "mode_of_trial: summary", "mode_of_trial: either_way"), None)
    assert ctx["custody_grounds_usable_words"] == (
        "failing to surrender, offending on bail, interfering with witnesses or own protection")
    ctx = _ctx(text.replace("stage: court", "stage: pre_charge").replace(
        "power: court", "power: s37_7_a").replace("magistrates", "custody_officer"), None)
    assert ctx["custody_grounds_usable"] == [] and ctx["custody_grounds_usable_words"] == "none"


def test_group_claims_are_never_evidence() -> None:
    text = _curfews('from: "20:00", to: "06:00"').replace(
        "conditions:", "risks: {group_claims: The campaign will return on Saturday.}\nconditions:")
    ctx = _ctx(text)
    assert ctx["group_claims_recorded"] is True
    assert ctx["evidence_no_offending"] is False and ctx["individual_evidence"] is False


def _non_contact_beside(condition: str, person: str) -> str:
    return ("bailcheck: 1\ncase: {reference: T}\nstage: court\n"
            "decision: {made_at: 2024-03-01}\n"
            "person: {age: 30, previous_convictions: 0, address: 1 Example Road}\n"
            "offences: [{description: x, mode_of_trial: summary, imprisonable: true}]\n"
            f"people: [{{name: Ms A, role: complainant, {person}}}]\n"
            "conditions:\n"
            "  - {type: non_contact, text: No contact with Ms A., persons: [Ms A]}\n"
            f"  - {condition}\n")


def test_a_housemate_counts_as_living_at_the_persons_home_for_the_contradiction() -> None:
    # decision model §4.5: in §5 anyone with lives_with_person lives at the person's home,
    # whatever their address text
    at_home = "{type: curfew, text: c., address: 1 EXAMPLE ROAD., from: '21:00', to: '06:00'}"
    elsewhere = "{type: residence, text: r., address: 9 Far Road}"
    assert _ctx(_non_contact_beside(at_home, "lives_with_person: true"))[
        "non_contact_conflicts_residence"] is True
    assert _ctx(_non_contact_beside(elsewhere, "lives_with_person: true"))[
        "non_contact_conflicts_residence"] is False
    assert _ctx(_non_contact_beside(at_home, "lives_with_person: false"))[
        "non_contact_conflicts_residence"] is False
    assert _ctx(_non_contact_beside(elsewhere, "address: 9 far road"))[
        "non_contact_conflicts_residence"] is True


def test_the_contradiction_names_the_conditions_it_is_with() -> None:
    at_home = ("{type: curfew, text: Curfew at home., address: 1 Example Road, from: '21:00', "
               "to: '06:00'}")
    ctx = _ctx(_non_contact_beside(at_home, "lives_with_person: true"))
    assert ctx["non_contact_conflicts_with"] == 'c2 ("Curfew at home.")'
    elsewhere = "{type: residence, text: r., address: 9 Far Road}"
    assert _ctx(_non_contact_beside(elsewhere, "lives_with_person: true"))[
        "non_contact_conflicts_with"] == ""


def test_first_line_is_the_line_of_the_first_field_located() -> None:
    from tests.conftest import ROOT

    from bailcheck.facts.sources import READS, first_line, locate
    from bailcheck.record.validate import load_record

    for path in sorted((ROOT / "examples").glob("*.yaml")) + sorted(
            (ROOT / "tests/cases").glob("*.yaml")):
        record = load_record(path)
        for fact in READS:
            entries = locate(record, fact, None)
            assert first_line(record, fact) == (entries[0][1] if entries else -1), (path, fact)


@pytest.mark.parametrize(("offences", "part"), [
    ("[{description: x, mode_of_trial: summary, imprisonable: true}]", "IA"),
    (("[{description: x, mode_of_trial: summary, imprisonable: true}, "
     "{description: y, mode_of_trial: either_way, imprisonable: false}]"), "IA"),
    (("[{description: x, mode_of_trial: summary, imprisonable: true}, "
     "{description: y, mode_of_trial: either_way, imprisonable: true}]"), "I"),
    ("[{description: x, mode_of_trial: indictable_only, imprisonable: true}]", "I"),
    ("[{description: x, mode_of_trial: summary, imprisonable: false}]", "II"),
])
def test_the_part_of_schedule_1_follows_the_offences(offences: str, part: str) -> None:
    # law.md §3.1: Part I unless every imprisonable offence is summary (IA) or none is (II)
    text = ("bailcheck: 1\ncase: {reference: T}\nstage: court\n"
            "decision: {made_at: 2024-03-01}\nperson: {age: 30, previous_convictions: 0}\n"
            f"offences: {offences}\nconditions: []\n")
    assert _ctx(text, None)["schedule_1_part"] == part


@pytest.mark.parametrize(("offence", "ground", "law"), [
    ("mode_of_trial: either_way, imprisonable: true, likely_disposal: unknown",
     "offending_on_bail", "Bail Act 1976 Sch 1 Pt I"),
    (("mode_of_trial: either_way, imprisonable: true, likely_disposal: non_custodial, "
     "context: [domestic]"), "offending_on_bail",
     "Bail Act 1976 Sch 1 Pt I para 2ZA, which para 1A leaves"),
    ("mode_of_trial: either_way, imprisonable: true, likely_disposal: non_custodial",
     "own_protection", "Bail Act 1976 Sch 1 Pt I"),
    (("mode_of_trial: summary, imprisonable: true, likely_disposal: non_custodial, "
     "context: [domestic]"), "offending_on_bail",
     "Bail Act 1976 Sch 1 Pt IA para 4, which its para 1A leaves: verify"),
    ("mode_of_trial: summary, imprisonable: false", "own_protection", "Bail Act 1976 Sch 1 Pt II"),
])
def test_a_courts_ground_is_named_by_the_provision_that_governs_it(
        offence: str, ground: str, law: str) -> None:
    from bailcheck.facts.authority import court_ground_law

    text = ("bailcheck: 1\ncase: {reference: T}\nstage: court\nrelease: {power: court}\n"
            "decision: {made_at: 2024-03-01, by_role: magistrates}\n"
            "person: {age: 30, previous_convictions: 0}\n"
            f"offences: [{{description: x, {offence}}}]\nconditions: []\n")
    assert court_ground_law(_ctx(text, None), ground) == law


def one_condition_messages(policy, condition: str, fields: str, person: str = "") -> dict:
    """Each rule's message on a post-charge record with this one condition (for `surrender`)."""
    report = evaluate_text(
        "bailcheck: 1\ncase: {reference: T}\nstage: post_charge\n"
        "decision: {made_at: 2024-03-01, reasons_recorded: true, copy_given: true}\n"
        f"person: {{age: 40, previous_convictions: 0{', ' + person if person else ''}}}\n"
        "offences: [{description: x, mode_of_trial: either_way, imprisonable: true}]\n"
        f"conditions:\n  - {{{condition}, purpose: [surrender]{', ' + fields if fields else ''}}}\n",
        policy)
    (cond,) = report.conditions
    return {f.rule: f.message for f in cond.findings}


@pytest.mark.parametrize(("fields", "unsaid"), [
    ("recipient: Sampletown police station", "by when the documents must be surrendered"),
    ("deadline: 2024-03-02T12:00", "to whom the documents must be surrendered"),
    ("", "by when, or to whom, the documents must be surrendered"),
])
def test_a_passport_condition_is_told_only_what_it_leaves_unsaid(builtin_policy, fields: str,
                                                                  unsaid: str) -> None:
    found = one_condition_messages(builtin_policy, "type: passport, text: Hand in passport.",
                                   fields, "foreign_ties: true")
    assert found["passport-needs-deadline-and-recipient"] == (
        f"The passport condition does not say {unsaid}.")


@pytest.mark.parametrize(("fields", "unnamed"), [
    ("station: Sampletown police station", "the days"),
    ("days: [mon]", "the police station"),
    ("", "the police station or the days"),
])
def test_a_reporting_condition_is_told_only_what_it_leaves_unnamed(builtin_policy, fields: str,
                                                                   unnamed: str) -> None:
    found = one_condition_messages(builtin_policy, "type: reporting, text: Report.", fields)
    assert found["reporting-needs-station-and-days"] == (
        f"The reporting condition does not name {unnamed}.")


def test_a_necessity_ban_is_named_by_what_it_takes_away_and_where(builtin_policy) -> None:
    from pathlib import Path

    text = Path("tests/cases/v2-69-device-bans-limited-to-a-place.yaml").read_text("utf-8")
    report = evaluate_text(text, builtin_policy)
    said = {c.id: [f.message for f in c.findings] for c in report.conditions}
    assert said["c1"][0].startswith("The condition bans owning or using a phone, computer or "
                                    "other device (limited to Sampletown library), an ordinary")
    assert said["c2"][0].startswith("The condition bans use of the internet (limited to "
                                    "Sampletown), an ordinary")
