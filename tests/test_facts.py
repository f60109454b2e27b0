"""Helpers behind the facts: address matching, daily spans, ages."""

from __future__ import annotations

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
