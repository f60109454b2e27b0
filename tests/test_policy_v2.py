"""Decision model v2 readings that no single rule example shows: reasons for the package by
purpose (§4.0), the stricter reading of a record whose stage, power and role disagree (§0),
custody grounds by decision-maker (Terms), and `imprisonable` required (§0)."""

from __future__ import annotations

import textwrap

import pytest
from tests.conftest import evaluate_text, write

from bailcheck.facts.authority import INJURY_OR_DAMAGE_WORDS

HEAD = """\
    bailcheck: 1
    case: {{reference: T}}
    stage: {stage}
    release: {{power: {power}}}
    decision: {{made_at: 2025-03-03T12:00, by_role: {role}{decision}}}
    person: {{age: 30, previous_convictions: {convictions}, fixed_address: true, address: "1 Home Road, Sampletown"}}
    offences:
      - {{description: Burglary of a shed, mode_of_trial: either_way, imprisonable: {imprisonable}}}
    risks: {{{risks}}}
    dates: {{first_court_date: 2025-03-17}}
    conditions:
"""
CURFEW = ('  - {id: c1, type: curfew, text: Curfew 22:00 to 06:00., address: "1 Home Road, '
          'Sampletown", from: "22:00", to: "06:00", purpose: [no_offending]}\n')


def record(conditions: str = CURFEW, *, stage: str = "court", power: str = "court",
           role: str = "magistrates", decision: str = "", convictions: int = 0,
           imprisonable: str = "true", risks: str = "") -> str:
    head = textwrap.dedent(HEAD).format(stage=stage, power=power, role=role, decision=decision,
                                        convictions=convictions, imprisonable=imprisonable,
                                        risks=risks)
    return head + conditions


def findings(report, cid: str = "c1") -> set[str]:
    return {f.rule for c in report.conditions if c.id == cid for f in c.findings}


def record_findings(report) -> set[str]:
    return {f.rule for f in report.findings}


OFFENDING = "offending_on_bail: Two shed burglaries on this road at night this month."
ASKED = "rights-engaged-without-reason"


# ---------------------------------------------------------------- §4.0 reasons for the package

def test_court_package_reasons_reason_a_condition_for_its_own_purpose(builtin_policy) -> None:
    # magistrates, reasons_recorded absent (not false): the package reasons count
    report = evaluate_text(record(risks=OFFENDING), builtin_policy)
    assert ASKED not in findings(report)
    assert report.conditions[0].verdict.label == "ok"


def test_police_package_reasons_need_reasons_recorded_true(builtin_policy) -> None:
    police = {"stage": "post_charge", "power": "s38_1", "role": "custody_officer",
              "risks": OFFENDING}
    assert ASKED in findings(evaluate_text(record(**police), builtin_policy))
    given = evaluate_text(record(**police, decision=", reasons_recorded: true, copy_given: true"),
                          builtin_policy)
    assert ASKED not in findings(given)


def test_court_that_gave_no_reasons_reasons_nothing(builtin_policy) -> None:
    report = evaluate_text(record(risks=OFFENDING, decision=", reasons_recorded: false"),
                           builtin_policy)
    assert ASKED in findings(report)
    assert "court-reasons-not-given" in record_findings(report)


def test_package_reasons_count_only_for_a_purpose_they_gave_evidence_for(builtin_policy) -> None:
    # the same text filed under witness interference: evidence, but not for this purpose
    other = "witness_interference: Two shed burglaries on this road at night this month."
    assert ASKED in findings(evaluate_text(record(risks=other), builtin_policy))


def test_history_alone_is_not_individual_evidence_for_the_package(builtin_policy) -> None:
    # previous convictions meet §3 (so no necessity finding) but reason nothing
    report = evaluate_text(record(convictions=3), builtin_policy)
    assert ASKED in findings(report)
    assert not {"necessity-no-evidence-court", "necessity-no-evidence-police"} & findings(report)


def test_a_condition_s_own_reason_always_counts(builtin_policy) -> None:
    own = CURFEW.replace("purpose: [no_offending]}", "purpose: [no_offending], reason: Night.}")
    report = evaluate_text(record(own, convictions=3, decision=", reasons_recorded: false"),
                           builtin_policy)
    assert ASKED not in findings(report)


def test_own_children_need_a_reason_of_their_own(builtin_policy) -> None:
    text = record('  - {id: c1, type: non_contact, text: No contact with Ms A or the children., '
                  'persons: [Ms A], own_children: true, purpose: [no_offending]}\n',
                  risks=OFFENDING).replace("fixed_address: true", "family_proceedings: true")
    report = evaluate_text(text, builtin_policy)
    assert "non-contact-own-children-family-proceedings" in findings(report)


# ---------------------------------------------------------------- §0 the stricter reading

HOSTEL_AND_TAG = (
    '  - {id: c1, type: bail_hostel, text: Reside at the hostel., address: "2 Hostel Lane", '
    'purpose: [no_offending], reason: Night burglaries.}\n'
    '  - {id: c2, type: electronic_monitoring, text: Wear a tag., purpose: [no_offending], '
    'reason: Checks the curfew.}\n')
GROUND = ", alternative_to_custody: [offending_on_bail], reasons_recorded: true, copy_given: true"


@pytest.mark.parametrize(("power", "role"), [("court", "custody_officer"),
                                             ("s38_1", "magistrates"), ("s38_1", "custody_officer")])
def test_a_court_record_with_a_police_key_gets_police_limits(builtin_policy, power, role) -> None:
    report = evaluate_text(record(HOSTEL_AND_TAG, power=power, role=role, decision=GROUND,
                                  risks=OFFENDING), builtin_policy)
    assert "police-no-bail-hostel" in findings(report, "c1")
    assert "police-no-electronic-monitoring" in findings(report, "c2")
    assert "stage-power-role-disagree" in record_findings(report)
    assert report.conditions[0].verdict.label == report.conditions[1].verdict.label == "unlawful"


def test_a_consistent_court_record_may_require_a_hostel_and_a_tag(builtin_policy) -> None:
    report = evaluate_text(record(HOSTEL_AND_TAG, decision=GROUND, risks=OFFENDING),
                           builtin_policy)
    assert [c.verdict.label for c in report.conditions] == ["ok", "ok"]
    assert "stage-power-role-disagree" not in record_findings(report)


def test_street_power_on_a_pre_charge_record_gets_street_limits(builtin_policy) -> None:
    surety = ('  - {id: c1, type: surety, text: Surety of 200 pounds., name: Mr B, amount: 200, '
              'purpose: [surrender]}\n')
    report = evaluate_text(record(surety, stage="pre_charge", power="s30A",
                                  role="custody_officer"), builtin_policy)
    assert "street-bail-no-surety-or-security" in findings(report)
    assert "stage-power-role-disagree" in record_findings(report)


def test_a_ground_counts_only_if_every_reading_could_use_it(builtin_policy) -> None:
    # a non-imprisonable offence: a court (Part II) cannot use failure to surrender against an
    # unconvicted adult; a custody officer after charge could. Keys disagree: not available.
    ground = ", alternative_to_custody: [fail_to_surrender]"
    mixed = evaluate_text(record(stage="court", power="s38_1", role="custody_officer",
                                 decision=ground, imprisonable="false"), builtin_policy)
    assert "custody-ground-not-available" in record_findings(mixed)
    police = evaluate_text(record(stage="post_charge", power="s38_1", role="custody_officer",
                                  decision=ground, imprisonable="false"), builtin_policy)
    assert "custody-ground-not-available" not in record_findings(police)


def test_contradictory_record_is_held_to_the_police_reasons_test(builtin_policy) -> None:
    # stage court, decided by a custody officer, reasons_recorded absent: not given
    report = evaluate_text(record(role="custody_officer", risks=OFFENDING), builtin_policy)
    assert ASKED in findings(report)
    assert "reasons-not-recorded" in record_findings(report)


# ---------------------------------------------------------------- §0 imprisonable is required

def test_an_offence_without_imprisonable_is_a_record_error(run, tmp_path) -> None:
    text = record().replace(", imprisonable: true", "")
    path = write(tmp_path, "no-imprisonable.yaml", text)
    result = run("check", str(path), "--as-of", "2026-11-28")
    assert result.exit_code == 2, result.output
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert "imprisonable" in output
    assert f"{path}:8:" in output  # file:line:column of the offence


# ---------------------------------------------------------------- keeping two lists in step

def test_the_injury_or_damage_words_are_the_rule_s_words(builtin_policy) -> None:
    rule = builtin_policy.get("offending-ground-read-as-injury-or-damage")
    leaves = [leaf for leaf in rule.when.children if getattr(leaf, "op", "") == "mentions_any"]
    assert leaves and tuple(leaves[0].operand) == INJURY_OR_DAMAGE_WORDS


def test_mentions_any_finds_words_by_their_start_not_inside_other_words() -> None:
    from bailcheck.facts.words import mentions_any

    assert mentions_any("Threatened to STAB the bailiff", ["stab"])
    assert mentions_any("He injured a steward", ["injur"])  # a stem finds its words
    assert mentions_any("by any means, including online", ["any means"])
    assert not mentions_any("Will establish a new camp", ["stab"])
    assert not mentions_any("indirectly through friends", ["directly"])
    assert mentions_any("directly or indirectly", ["directly"])


def test_the_injury_reading_ignores_property_and_loss_alone() -> None:
    # PACE s.38(1)(a)(iv) is about injury, or loss of or damage to property: "the property" or
    # "a loss of temper" is neither
    from bailcheck.facts.words import mentions_any

    words = list(INJURY_OR_DAMAGE_WORDS)
    assert not mentions_any("Will return to the property after a loss of temper", words)
    assert mentions_any("Will return to the property and damage the fence", words)


def test_narrower_exclusions_names_only_the_narrower_zones(builtin_policy) -> None:
    # v2-38: c1 (500 m), c2 (100 m) and c3 (500 m) round the same address. c2 is narrower than
    # c1, c3 is not, so the finding on c1 names c2 alone
    from datetime import date

    from bailcheck.engine import evaluate
    from bailcheck.record.validate import load_record

    record = load_record("tests/cases/v2-38-two-exclusions-radii.yaml")
    report = evaluate(record, builtin_policy, date(2026, 12, 1))
    c1 = next(c for c in report.conditions if c.id == "c1")
    message = next(f.message for f in c1.findings if f.rule == "narrower-exclusion-in-package")
    assert "c2 (" in message and "c3 (" not in message


# ------------------------------------------- a court's necessity test, by the Part of Sch 1

REPORTING = ("  - {id: c1, type: reporting, text: Report on Mondays., station: Sampletown police "
             "station, days: [mon], purpose: [surrender]}\n")


@pytest.mark.parametrize(("mode", "imprisonable", "rule", "part_law"), [
    ("either_way", "true", "necessity-no-evidence-court", "Bail Act 1976 Sch 1 Pt I paras 8–9"),
    ("summary", "true", "necessity-no-evidence-court-part-ia", "Bail Act 1976 Sch 1 Pt IA"),
    ("summary", "false", "necessity-no-evidence-court-part-ii", "Bail Act 1976 Sch 1 Pt II"),
])
def test_a_court_condition_without_evidence_cites_the_part_of_schedule_1_that_governs(
        builtin_policy, mode: str, imprisonable: str, rule: str, part_law: str) -> None:
    text = record(REPORTING, imprisonable=imprisonable).replace(
        "mode_of_trial: either_way", f"mode_of_trial: {mode}")
    report = evaluate_text(text, builtin_policy)
    found = [f for f in report.conditions[0].findings if f.rule.startswith(
        "necessity-no-evidence-court")]
    assert [f.rule for f in found] == [rule]  # one of the three, never two
    assert report.conditions[0].verdict.label == "disproportionate"
    citations = found[0].citations
    assert any(c.startswith(part_law) for c in citations)
    cites_part_i = any(c.startswith("Bail Act 1976 Sch 1 Pt I ") for c in citations)
    assert cites_part_i == (rule == "necessity-no-evidence-court"), citations
    assert any(c.startswith("Bail Act 1976 s.3(6)") for c in citations)
