"""The pre-charge bail clock (decision-model.md §7; PACE ss.47ZA–47ZM)."""

from __future__ import annotations

import dataclasses
import json
import random
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from bailcheck.clocks.period import BailClock, compute

try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
    HAVE_HYPOTHESIS = True
except ImportError:  # pragma: no cover - hypothesis joins the test extras later
    HAVE_HYPOTHESIS = False

D = date.fromisoformat


def record(arrest: str | None = "2023-01-10T10:00", *, power: str = "s37_7_b",
           case_type: str = "standard", complex_case: bool = False, stage: str = "pre_charge",
           made_at: str | None = None, **dates: Any) -> dict[str, Any]:
    made = datetime.fromisoformat(made_at or arrest or "2023-01-10T10:00")
    out_dates = dict(dates)
    if arrest is not None:
        out_dates["arrested_at"] = datetime.fromisoformat(arrest)
    return {"stage": stage, "decision": {"made_at": made},
            "release": {"power": power, "case_type": case_type,
                        "exceptionally_complex": complex_case},
            "dates": out_dates}


def ext(to: int, by: str, at: str | None = None, **more: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"to_months": to, "by_rank": by, **more}
    if at is not None:
        out["at"] = D(at)
    return out


def effective(clock: BailClock) -> list[bool]:
    return [e.effective for e in clock.extensions]


def rules(clock: BailClock) -> list[str]:
    return [p.rule for p in clock.problems]


# §7.3 worked examples and defect 1: month ends ------------------------------------------------

@pytest.mark.parametrize(("arrest", "start", "end", "verify"), [
    ("2023-01-10T10:00", "2023-01-11", "2023-04-10", False),
    ("2023-02-28T10:00", "2023-03-01", "2023-05-31", False),  # not 28 May
    ("2023-04-30T10:00", "2023-05-01", "2023-07-31", False),
    ("2022-11-29T10:00", "2022-11-30", "2023-02-28", True),   # no 30 February
    ("2022-11-27T10:00", "2022-11-28", "2023-02-27", False),  # close case: 28 February exists
    ("2023-11-29T10:00", "2023-11-30", "2024-02-29", True),   # leap year month end
    ("2023-11-28T10:00", "2023-11-29", "2024-02-28", False),  # 29 February 2024 exists
    ("2023-12-31T23:59", "2024-01-01", "2024-03-31", False),
])
def test_three_months_beginning_with_the_bail_start_date(arrest: str, start: str, end: str,
                                                         verify: bool) -> None:
    clock = compute(record(arrest))
    assert (clock.regime, clock.state) == ("pcsc2022", "running")
    assert clock.bail_start == D(start)
    assert clock.end == D(end)
    assert clock.end_verify is verify
    assert any("no day" in v for v in clock.verify) is verify


def test_28_days_beginning_with_the_bail_start_date_end_on_s_plus_27() -> None:
    clock = compute(record("2019-06-10T09:00"))
    assert clock.regime == "pca2017"
    assert clock.end == D("2019-06-11") + timedelta(days=27) == D("2019-07-08")


def test_six_months_in_an_fca_case_across_a_leap_day() -> None:
    clock = compute(record("2023-08-30T09:00", case_type="fca"))  # S 31 Aug: no 31 February
    assert clock.end == D("2024-02-29")
    assert clock.end_verify


# regime and scope ----------------------------------------------------------------------------

@pytest.mark.parametrize(("arrest", "regime", "state"), [
    ("2017-04-02T23:59", "none", "no_limit"),
    ("2017-04-03T00:00", "pca2017", "running"),
    ("2022-10-27T23:59", "pca2017", "running"),
    ("2022-10-28T00:00", "pcsc2022", "running"),
])
def test_regime_follows_the_day_of_arrest(arrest: str, regime: str, state: str) -> None:
    clock = compute(record(arrest, made_at="2022-11-01T10:00"))
    assert (clock.regime, clock.state) == (regime, state)


def test_no_limit_has_no_findings_and_no_dates() -> None:
    clock = compute(record("2016-01-05T10:00", extensions=[ext(9, "constable", "2016-02-01")],
                           answer_bail_on=D("2019-01-01")))
    assert clock.as_record()["end"] is None
    assert (clock.problems, clock.steps, clock.extensions) == ((), (), ())


def test_an_offset_is_read_as_the_day_in_england() -> None:
    aware = record(None, made_at="2022-10-29T10:00")
    aware["dates"]["arrested_at"] = datetime.fromisoformat("2022-10-27T23:30+00:00")  # 00:30 BST
    assert compute(aware).regime == "pcsc2022"


@pytest.mark.parametrize(("stage", "power"), [
    ("pre_charge", "rui"), ("post_charge", "s38_1"), ("court", "court"), ("street", "s30A"),
])
def test_only_pre_charge_bail_has_a_clock(stage: str, power: str) -> None:
    clock = compute(record(stage=stage, power=power, answer_bail_on=D("2030-01-01"),
                           extensions=[ext(9, "constable", "2023-02-01")]))
    assert clock.state == "not_applicable"
    assert (clock.end, clock.problems, clock.steps, clock.extensions) == (None, (), (), ())


def test_a_missing_arrest_time_uses_the_decision_date_and_says_verify() -> None:
    clock = compute(record(None, made_at="2023-01-10T18:00"))
    assert clock.end == D("2023-04-10")
    assert any("no arrest time" in v for v in clock.verify)
    assert not any("no arrest time" in v for v in compute(record()).verify)
    # every date rests on the assumed day of arrest, so each says verify; with the arrest, none
    assert clock.end_verify and clock.steps and all(s.verify for s in clock.steps)
    known = compute(record("2023-01-10T10:00", made_at="2023-01-10T18:00"))
    assert (known.end, known.end_verify) == (D("2023-04-10"), False)
    assert not known.steps[0].verify
    # an extension without effect on the assumed day's ladder says the day was assumed: a 3-month
    # extension by a superintendent is the 2017 text's own step, if the arrest was before 28 Oct
    assumed = compute(record(None, made_at="2022-11-02T18:00",
                             extensions=[ext(3, "superintendent", "2022-11-20")]))
    (problem,) = [p for p in assumed.problems if p.rule == "extension-unlawful"]
    assert problem.message.endswith("verify: no arrest is recorded, so the decision date was "
                                    "taken as the day of arrest")
    recorded = compute(record("2022-11-01T09:00", made_at="2022-11-02T18:00",
                              extensions=[ext(3, "superintendent", "2022-11-20")]))
    assert all("no arrest is recorded" not in p.message for p in recorded.problems)


# defect 2 and 5: extensions without effect ---------------------------------------------------

def test_a_rank_without_the_next_steps_power_does_not_extend() -> None:
    clock = compute(record(extensions=[ext(6, "inspector", "2023-03-01"),
                                       ext(9, "inspector", "2023-06-01")]))
    assert effective(clock) == [True, False]
    assert clock.end == D("2023-07-10")  # still 6 months
    assert clock.steps[0].section == "s.47ZDA"  # the next step is unchanged
    (problem,) = clock.problems
    assert problem.rule == "extension-unlawful"
    assert "s.47ZDA" in problem.message and "an inspector does not hold" in problem.message


def test_a_higher_rank_may_take_a_lower_police_step() -> None:
    clock = compute(record(extensions=[ext(6, "commander", "2023-03-01"),
                                       ext(9, "superintendent", "2023-06-01")]))
    assert effective(clock) == [True, True]
    assert clock.end == D("2023-10-10")
    assert clock.problems == ()


def test_three_straight_to_nine_months_skips_s47zd() -> None:
    clock = compute(record(extensions=[ext(9, "superintendent", "2023-02-01")]))
    assert effective(clock) == [False]
    assert clock.end == D("2023-04-10")
    assert clock.problems[0].message == (
        "the extension to 9 months on 2023-02-01 by a superintendent had no effect: the next "
        "step is s.47ZD (an inspector or above, to 6 months), not 9 months")


@pytest.mark.parametrize(("extensions", "complex_case", "case_type"), [
    ([ext(12, "commander", "2023-02-01")], False, "standard"),
    ([ext(6, "magistrates", "2023-02-01")], False, "standard"),
    ([ext(9, "superintendent", "2023-02-01")], False, "standard"),
    ([ext(12, "superintendent", "2023-02-01")], False, "fca"),  # ADM step: not a superintendent
    ([ext(12, "magistrates", "2023-02-01")], False, "sfo"),
])
def test_order_and_holder_of_the_power_are_checked(extensions: list[dict[str, Any]],
                                                   complex_case: bool, case_type: str) -> None:
    clock = compute(record(extensions=extensions, complex_case=complex_case,
                           case_type=case_type))
    assert effective(clock) == [False]
    assert rules(clock) == ["extension-unlawful"]


def test_an_appropriate_decision_maker_cannot_act_as_a_commander_in_a_standard_case() -> None:
    steps = [ext(6, "inspector", "2023-03-01"), ext(9, "superintendent", "2023-06-01")]
    adm = compute(record(complex_case=True,
                         extensions=[*steps, ext(12, "appropriate_decision_maker", "2023-09-01")]))
    assert effective(adm) == [True, True, False]
    assert adm.end == D("2023-10-10")
    commander = compute(record(complex_case=True,
                               extensions=[*steps, ext(12, "commander", "2023-09-01")]))
    assert effective(commander) == [True, True, True]
    assert commander.end == D("2024-01-10")


def test_a_police_extension_when_the_next_step_is_the_courts() -> None:
    steps = [ext(6, "inspector", "2023-03-01"), ext(9, "superintendent", "2023-06-01")]
    clock = compute(record(extensions=[*steps, ext(12, "commander", "2023-09-01")]))
    assert effective(clock) == [True, True, False]
    assert "only a magistrates' court can extend it now" in clock.problems[0].message
    court = compute(record(extensions=[*steps, ext(12, "magistrates", "2023-09-01")]))
    assert effective(court) == [True, True, True]
    assert court.end == D("2024-01-10")


def test_an_extension_after_the_last_day_is_too_late_and_on_it_is_in_time() -> None:
    late = compute(record(extensions=[ext(6, "inspector", "2023-04-11")]))
    assert effective(late) == [False]
    assert "after the bail period had ended on 2023-04-10 (s.47ZD(1)(b))" in \
        late.problems[0].message
    assert late.end == D("2023-04-10")
    on_time = compute(record(extensions=[ext(6, "inspector", "2023-04-10")]))
    assert effective(on_time) == [True]
    assert on_time.end == D("2023-07-10")


def test_a_court_application_is_judged_on_the_day_it_was_made() -> None:
    steps = [ext(6, "inspector", "2023-03-01"), ext(9, "superintendent", "2023-06-01")]
    made_on_last_day = compute(record(extensions=[*steps, ext(12, "magistrates", "2023-10-10")]))
    assert effective(made_on_last_day) == [True, True, True]  # s.47ZJ(3)
    late = compute(record(extensions=[*steps, ext(18, "magistrates", "2023-10-11")]))
    assert effective(late) == [True, True, False]
    assert "the application was made after" in late.problems[0].message
    assert "s.47ZF(2)" in late.problems[0].message


def test_extensions_are_read_in_date_order_smaller_first_on_one_day() -> None:
    clock = compute(record(extensions=[ext(9, "superintendent", "2023-03-01"),
                                       ext(6, "superintendent", "2023-03-01")]))
    assert effective(clock) == [True, True]  # record order kept in the output
    assert clock.end == D("2023-10-10")
    reversed_dates = compute(record(extensions=[ext(9, "superintendent", "2023-06-01"),
                                                ext(6, "inspector", "2023-03-01")]))
    assert effective(reversed_dates) == [True, True]


def test_an_undated_extension_is_taken_in_list_order_and_says_verify() -> None:
    clock = compute(record(extensions=[ext(6, "inspector"), ext(9, "superintendent")]))
    assert effective(clock) == [True, True]
    assert clock.end == D("2023-10-10")
    assert any("has no date" in v for v in clock.verify)
    after_late = compute(record(extensions=[ext(6, "inspector", "2023-05-01"),
                                            ext(6, "inspector")]))
    assert effective(after_late) == [False, False]  # the period had already ended


def test_representations_not_considered_is_a_note_and_the_extension_stands() -> None:
    clock = compute(record(extensions=[ext(6, "inspector", "2023-03-01",
                                           representations_considered=False)]))
    assert effective(clock) == [True]
    assert clock.end == D("2023-07-10")
    (problem,) = clock.problems
    assert (problem.rule, problem.verify) == ("representations-not-considered", True)
    assert "s.47ZD(3)–(5)" in problem.message
    fine = compute(record(extensions=[ext(6, "inspector", "2023-03-01",
                                          representations_considered=True)]))
    assert fine.problems == ()


# defect 4: ladders by regime and case type ---------------------------------------------------

LADDERS = [
    # PCSC 2022, standard: 3 → 6 → 9 → court 12 → s.47ZG 15
    ("2023-01-10T10:00", "standard", False,
     [(6, "inspector"), (9, "superintendent"), (12, "magistrates"), (15, "magistrates")],
     "2024-04-10"),
    # exceptionally complex: 9 → commander 12 → court 18 or 24
    ("2023-01-10T10:00", "standard", True,
     [(6, "inspector"), (9, "superintendent"), (12, "commander"), (24, "magistrates")],
     "2025-01-10"),
    # FCA / HMRC / NCA / SFO: 6 → appropriate decision-maker 12 → court 18 or 24
    ("2023-01-10T10:00", "hmrc", False,
     [(12, "appropriate_decision_maker"), (18, "magistrates"), (24, "magistrates")],
     "2025-01-10"),
    # PCA 2017: 28 days → superintendent 3 → court 6 or 9 → s.47ZG
    ("2019-01-10T10:00", "standard", False,
     [(3, "superintendent"), (9, "magistrates"), (15, "magistrates")], "2020-04-10"),
    ("2019-01-10T10:00", "fca", True,
     [(3, "superintendent"), (6, "appropriate_decision_maker"), (12, "magistrates")],
     "2020-01-10"),
    # PCA 2017 SFO: initial 3 months, no s.47ZD step
    ("2019-01-10T10:00", "sfo", False, [(6, "magistrates"), (9, "magistrates")], "2019-10-10"),
    ("2019-01-10T10:00", "sfo", True,
     [(6, "appropriate_decision_maker"), (9, "magistrates")], "2019-10-10"),
]


@pytest.mark.parametrize(("arrest", "case_type", "complex_case", "steps", "end"), LADDERS)
def test_each_ladder_taken_step_by_step(arrest: str, case_type: str, complex_case: bool,
                                        steps: list[tuple[int, str]], end: str) -> None:
    start = datetime.fromisoformat(arrest).date()
    extensions = [ext(to, by, str(start + timedelta(days=20 + 25 * i)))
                  for i, (to, by) in enumerate(steps)]
    clock = compute(record(arrest, case_type=case_type, complex_case=complex_case,
                           extensions=extensions))
    assert effective(clock) == [True] * len(steps)
    assert clock.end == D(end)


@pytest.mark.parametrize(("arrest", "case_type", "complex_case", "expected"), [
    ("2023-01-10T10:00", "standard", False,
     [("s.47ZD", "inspector", 6, "2023-04-10", False),
      ("s.47ZDA", "superintendent", 9, "2023-07-10", True),
      ("s.47ZF", "magistrates", 12, "2023-10-10", True)]),
    ("2023-01-10T10:00", "nca", False,
     [("s.47ZDB", "appropriate_decision_maker", 12, "2023-07-10", False),
      ("s.47ZF", "magistrates", 18, "2024-01-10", True)]),
    ("2019-01-10T10:00", "standard", True,
     [("s.47ZD", "superintendent", 3, "2019-02-07", False),
      ("s.47ZE", "appropriate_decision_maker", 6, "2019-04-10", True),
      ("s.47ZF", "magistrates", 9, "2019-07-10", True)]),
    ("2019-01-10T10:00", "sfo", False, [("s.47ZF", "magistrates", 6, "2019-04-10", False)]),
])
def test_steps_list_every_remaining_step_up_to_the_next_court_step(
        arrest: str, case_type: str, complex_case: bool,
        expected: list[tuple[str, str, int, str, bool]]) -> None:
    clock = compute(record(arrest, case_type=case_type, complex_case=complex_case))
    assert [(s.section, s.rank, s.to_months, str(s.last_day), s.conditional)
            for s in clock.steps] == expected
    assert all(s.basis for s in clock.steps)


def test_court_values_depend_on_the_step_before() -> None:
    steps = [ext(6, "inspector", "2023-03-01"), ext(9, "superintendent", "2023-06-01")]
    # after s.47ZDA: 12 or 18 months, never 24
    assert effective(compute(record(extensions=[*steps, ext(24, "magistrates",
                                                            "2023-09-01")]))) == [True, True, False]
    # a designated case may go to court without s.47ZE (s.47ZF(1)(b)): 12 or 18, verify
    skip = compute(record(complex_case=True,
                          extensions=[*steps, ext(18, "magistrates", "2023-09-01")]))
    assert effective(skip) == [True, True, True]
    assert any("s.47ZE, which was not taken" in v for v in skip.verify)
    # after s.47ZE: 18 or 24, not 12
    with_ze = [*steps, ext(12, "commander", "2023-09-01"), ext(12, "magistrates", "2023-12-01")]
    assert effective(compute(record(complex_case=True, extensions=with_ze))) == [True] * 3 + [False]


def test_s47zg_adds_three_or_six_months_and_says_verify() -> None:
    steps = [ext(6, "inspector", "2023-03-01"), ext(9, "superintendent", "2023-06-01"),
             ext(12, "magistrates", "2023-09-01")]
    clock = compute(record(extensions=steps))
    (step,) = clock.steps
    assert (step.section, step.options, step.last_day) == ("s.47ZG", (15, 18), D("2024-01-10"))
    assert step.verify
    wrong = compute(record(extensions=[*steps, ext(16, "magistrates", "2023-12-01")]))
    assert effective(wrong) == [True, True, True, False]


def test_a_commander_may_take_the_appropriate_decision_makers_step_with_verify() -> None:
    clock = compute(record(case_type="sfo", extensions=[ext(12, "commander", "2023-03-01")]))
    assert effective(clock) == [True]
    assert any("appropriate decision-maker's power" in v for v in clock.verify)


def test_hmrc_under_the_2017_text_is_a_standard_case_with_verify() -> None:
    clock = compute(record("2019-01-10T10:00", case_type="hmrc"))
    assert clock.end == D("2019-02-07")
    assert any("HMRC case under the 2017 text" in v for v in clock.verify)


# defect 3 and 6: referral to the CPS (s.47ZL) ------------------------------------------------

def referral(released: str, *requests: tuple[str, str | None]) -> dict[str, Any]:
    made: list[dict[str, date]] = [
        {"made_on": D(m), **({"met_on": D(t)} if t else {})} for m, t in requests]
    return {"released_on": D(released), "dpp_requests": made}


def test_a_cps_release_with_no_entry_means_not_running() -> None:
    clock = compute(record(power="s37_7_a", answer_bail_on=D("2030-01-01")))
    assert (clock.state, clock.end) == ("not_running", None)
    assert clock.steps and all(s.last_day is None for s in clock.steps)
    assert clock.problems == ()  # s.47ZA and the later-date bar do not apply
    assert compute(record(power="s37C_2_b")).state == "not_running"
    assert compute(record(power="s37_7_b")).state == "running"


def test_a_first_release_then_a_dpp_request_runs_from_the_request_day() -> None:
    clock = compute(record(power="s37_7_a", cps_referrals=[
        referral("2023-01-10", ("2023-03-01", None))]))
    # no day from S (11 January) ran before 1 March; 90 days beginning with 1 March
    assert clock.state == "running"
    assert clock.end == D("2023-05-29")
    assert clock.suspended_days == 49
    assert any("moved on" in v and "s.47ZL" in v for v in clock.verify)


def test_a_first_release_on_a_late_bail_date_means_no_day_from_s_runs() -> None:
    # arrested 10 January, bailed for a charging decision on 12 January (S is 11 January)
    clock = compute(record(power="s37_7_a", bail_granted_at=datetime(2023, 1, 12, 9),
                           cps_referrals=[referral("2023-01-12", ("2023-01-20", None))]))
    assert clock.end == D("2023-04-19")  # 11–19 January did not run
    later = compute(record(power="s37_7_b", bail_granted_at=datetime(2023, 1, 12, 9),
                           cps_referrals=[referral("2023-01-13", ("2023-01-20", None))]))
    assert later.end == D("2023-04-17")  # a later release: 11 and 12 January ran


def test_a_request_on_the_day_of_its_own_release_runs_from_that_day() -> None:
    # s.47ZL(4)–(6): the period begins or resumes "on the day the request is made", and a
    # request cannot come before the referral it is made in
    first = compute(record(power="s37_7_a", cps_referrals=[
        referral("2023-01-11", ("2023-01-11", None))]))
    assert (first.state, first.end, first.suspended_days) == ("running", D("2023-04-10"), 0)
    later = compute(record(cps_referrals=[referral("2023-02-01", ("2023-02-01", None))]))
    assert (later.state, later.end, later.suspended_days) == ("running", D("2023-04-10"), 0)
    old_form = compute(record(cps_referrals=[{"from": D("2023-02-01"), "to": D("2023-02-01")}]))
    assert old_form.end == D("2023-04-10")
    met_too = compute(record(cps_referrals=[referral("2023-02-01", ("2023-02-01", "2023-02-01"))]))
    assert (met_too.state, met_too.end) == ("not_running", None)  # met that day: suspended again
    # a request of an earlier referral on the day of a new release still comes first (§7.6)
    two = compute(record(cps_referrals=[referral("2023-02-01", ("2023-02-11", None)),
                                        referral("2023-02-11")]))
    assert (two.state, two.end) == ("not_running", None)


def test_both_referral_forms_read_alike() -> None:
    new = compute(record(cps_referrals=[referral("2023-02-01", ("2023-02-11", None))]))
    old = compute(record(cps_referrals=[{"from": D("2023-02-01"), "to": D("2023-02-11")}]))
    assert new.end == old.end == D("2023-04-20")  # 1–10 February did not run
    assert new.suspended_days == 10
    open_ended = compute(record(cps_referrals=[{"from": D("2023-02-01")}]))
    assert (open_ended.state, open_ended.end) == ("not_running", None)


def test_a_request_met_on_its_day_and_a_new_one_that_day_leave_it_running() -> None:
    # request 1 made and met on 10 February; request 2 made the same day, never met: the period
    # resumes "on the day the request is made" (s.47ZL(4)–(6)) and runs on
    clock = compute(record(cps_referrals=[referral(
        "2023-02-01", ("2023-02-10", "2023-02-10"), ("2023-02-10", None))]))
    assert (clock.state, clock.end) == ("running", D("2023-04-19"))  # 1–9 February did not run
    late = compute(record(cps_referrals=[referral(
        "2023-02-01", ("2023-02-10", "2023-02-10"), ("2023-02-10", None))],
        extensions=[ext(6, "inspector", "2023-06-01")]))
    assert (effective(late), rules(late)) == ([False], ["extension-unlawful"])
    # close case: with no new request that day, it is suspended again
    alone = compute(record(cps_referrals=[referral("2023-02-01", ("2023-02-10", "2023-02-10"))]))
    assert (alone.state, alone.end) == ("not_running", None)


def test_a_met_request_suspends_again_until_a_further_request() -> None:
    clock = compute(record(cps_referrals=[referral(
        "2023-02-01", ("2023-02-11", "2023-02-21"), ("2023-03-03", None))]))
    # not run: 1–10 Feb (release), 21 Feb – 2 Mar (met); request days run
    assert clock.end == D("2023-04-30")
    assert clock.suspended_days == 20
    still_met = compute(record(cps_referrals=[referral("2023-02-01",
                                                       ("2023-02-11", "2023-02-21"))]))
    assert still_met.state == "not_running"


def test_the_seven_day_floor_after_a_dpp_request() -> None:
    clock = compute(record(cps_referrals=[referral("2023-04-08", ("2023-05-01", None))]))
    # ran to 7 April; 8, 9, 10 April remain; from 1 May they would end 3 May: floor to 7 May
    assert clock.end == D("2023-05-07") == D("2023-05-01") + timedelta(days=6)
    assert any("ends no sooner than the end of the 7 days beginning with a DPP request" in v
               for v in clock.verify)
    roomy = compute(record(cps_referrals=[referral("2023-03-01", ("2023-03-02", None))]))
    assert roomy.end == D("2023-04-11")  # one day not run, no floor
    assert not any("7 days" in v for v in roomy.verify)


def test_a_referral_released_after_the_period_ended_does_not_revive_it() -> None:
    clock = compute(record(power="s37_7_b", cps_referrals=[referral("2023-04-11")]))
    assert (clock.state, clock.end) == ("running", D("2023-04-10"))
    on_last_day = compute(record(cps_referrals=[referral("2023-04-10")]))
    assert on_last_day.state == "not_running"


def test_a_suspension_counts_when_judging_whether_an_extension_was_in_time() -> None:
    extensions = [ext(6, "inspector", "2023-04-20")]
    suspended = compute(record(extensions=extensions, cps_referrals=[
        referral("2023-02-01", ("2023-02-21", None))]))  # 20 days not run: ends 30 April
    assert effective(suspended) == [True]
    assert suspended.end == D("2023-07-30")
    assert effective(compute(record(extensions=extensions))) == [False]


def test_an_extension_while_the_period_is_not_running_is_in_time() -> None:
    clock = compute(record(extensions=[ext(6, "inspector", "2023-06-01")],
                           cps_referrals=[referral("2023-03-01", ("2023-07-01", None))]))
    assert effective(clock) == [True]
    # ran 11 Jan – 28 Feb (49 days); 6 months = 181 days; 132 more from 1 July
    assert clock.end == D("2023-07-01") + timedelta(days=131)


# defect 7: hospital in-patients (s.47ZM(4)–(5)) ----------------------------------------------

def test_in_patient_on_the_last_day_moves_it_by_every_in_patient_day() -> None:
    clock = compute(record(hospital_inpatient_days=[
        {"from": D("2023-02-01"), "to": D("2023-02-05")},
        {"from": D("2023-04-09"), "to": D("2023-04-12")},
    ]))
    # 10 April is an in-patient day: 5 + 4 days → 19 April, then no more in-patient days
    assert clock.end == D("2023-04-19")
    assert clock.suspended_days == 9
    assert any("s.47ZM(4)–(5)" in v for v in clock.verify)


def test_in_patient_days_move_it_again_while_it_keeps_landing_in_hospital() -> None:
    clock = compute(record(hospital_inpatient_days=[
        {"from": D("2023-04-10"), "to": D("2023-04-10")},
        {"from": D("2023-04-11"), "to": D("2023-04-20")},
    ]))
    assert clock.end == D("2023-04-21")


def test_in_patient_days_do_not_count_unless_in_hospital_on_the_last_day() -> None:
    clock = compute(record(hospital_inpatient_days=[
        {"from": D("2023-02-01"), "to": D("2023-02-05")}]))
    assert clock.end == D("2023-04-10")
    assert clock.suspended_days == 0


def test_in_patient_days_count_when_judging_an_extension() -> None:
    days = [{"from": D("2023-04-05"), "to": D("2023-04-12")}]
    clock = compute(record(hospital_inpatient_days=days,
                           extensions=[ext(6, "inspector", "2023-04-15")]))
    assert effective(clock) == [True]  # the last day then stood at 18 April
    # §7.7: the extended period's last day is judged by its own day: not in hospital on
    # 10 July, so 6 months as worded; the extension's timing rested on the hospital days
    assert (clock.end, clock.suspended_days) == (D("2023-07-10"), 0)
    assert any(v.startswith("the last day used to judge an extension (2023-04-18) was moved on "
                            "by hospital in-patient days") for v in clock.verify)
    # close case: without the hospital days the same extension is too late
    late = compute(record(extensions=[ext(6, "inspector", "2023-04-15")]))
    assert (effective(late), rules(late)) == ([False], ["extension-unlawful"])
    early = compute(record(hospital_inpatient_days=days, extensions=[ext(6, "inspector",
                                                                          "2023-04-08")]))
    assert not any("judge an extension" in v for v in early.verify)  # in time anyway


def test_the_seven_day_floor_counts_in_patient_days_that_already_moved_the_period() -> None:
    # would have ended 10 April, in hospital 15 March – 13 April: moved on by those 30 days;
    # released to the CPS on 20 April, request 25 April. It would then end on 15 May, well
    # after 1 May (request + 6), so no day is added (s.47ZL(7)–(8) "would then end")
    clock = compute(record(hospital_inpatient_days=[
        {"from": D("2023-03-15"), "to": D("2023-04-13")}],
        cps_referrals=[referral("2023-04-20", ("2023-04-25", None))]))
    assert clock.end == D("2023-05-15")
    # close case: with no stay in hospital the period ended before the release, which then
    # has no effect
    gone = compute(record(cps_referrals=[referral("2023-04-20", ("2023-04-25", None))]))
    assert gone.end == D("2023-04-10")


def test_the_seven_day_floor_reaches_the_seventh_day_exactly() -> None:
    # released 9 April (a day not run), request 10 April: it would then end 11 April, before
    # 16 April (request + 6), so it is suspended for the days needed to end then
    clock = compute(record(cps_referrals=[referral("2023-04-09", ("2023-04-10", None))]))
    assert clock.end == D("2023-04-16")
    # close case: released 3 April, request 8 April: it would then end 15 April, after 14 April
    later = compute(record(cps_referrals=[referral("2023-04-03", ("2023-04-08", None))]))
    assert later.end == D("2023-04-15")


def test_a_day_both_in_hospital_and_not_running_counts_once() -> None:
    clock = compute(record(cps_referrals=[referral("2023-02-01", ("2023-02-11", None))],
                           hospital_inpatient_days=[
                               {"from": D("2023-02-05"), "to": D("2023-02-14")},
                               {"from": D("2023-04-20"), "to": D("2023-04-20")}]))
    # CPS: 1–10 Feb; hospital: 5–14 Feb and 20 April; union 1–14 Feb + 20 April = 15 days
    assert clock.end == D("2023-04-25")


# defect 8: first released on street bail (s.47ZM(1)–(3)) -------------------------------------

def test_street_bail_runs_from_the_street_bail_arrest() -> None:
    clock = compute(record("2023-01-10T10:00", made_at="2023-01-20T10:00",
                           first_released_on_street_bail=True))
    assert clock.end == D("2023-04-10")
    assert not any("street bail" in v for v in clock.verify)
    old = compute(record("2019-01-10T10:00", first_released_on_street_bail=True))
    assert old.end == D("2019-02-07")
    assert any("street bail under the 2017 text" in v for v in old.verify)


def test_street_bail_in_a_special_case_takes_the_s47zb_1_b_period_with_verify() -> None:
    clock = compute(record(case_type="fca", first_released_on_street_bail=True))
    assert clock.end == D("2023-04-10")  # 3 months, not the FCA 6
    assert clock.steps[0].section == "s.47ZD"
    assert any("standard ladder" in v for v in clock.verify)
    assert compute(record(case_type="fca")).end == D("2023-07-10")


def test_a_pre_charge_record_without_a_release_power_is_bail() -> None:
    data = record()
    del data["release"]
    assert compute(data).end == D("2023-04-10")


# record-level: the answer-bail date ----------------------------------------------------------

def test_answer_bail_after_the_last_day_of_a_running_period() -> None:
    late = compute(record(answer_bail_on=D("2023-04-11")))
    assert rules(late) == ["answer-bail-after-bail-period"]
    assert "2023-04-10" in late.problems[0].message and "s.47ZA" in late.problems[0].message
    assert compute(record(answer_bail_on=D("2023-04-10"))).problems == ()


# the output contract -------------------------------------------------------------------------

def test_as_record_is_the_json_contract() -> None:
    clock = compute(record(extensions=[ext(9, "inspector", "2023-02-01")]))
    out = json.loads(json.dumps(clock.as_record()))
    assert set(out) == {"regime", "regime_name", "state", "bail_start", "end", "suspended_days",
                        "extensions", "steps", "verify"}
    assert out["end"] == "2023-04-10" and out["bail_start"] == "2023-01-11"
    assert set(out["extensions"][0]) == {"at", "by_rank", "to_months", "section", "effective",
                                         "problem"}
    assert out["extensions"][0]["effective"] is False
    assert set(out["steps"][0]) == {"section", "rank", "to_months", "last_day", "conditional"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        clock.end = None  # type: ignore[misc]
    assert not hasattr(clock, "__dict__")  # slots


# a naive day-by-day reference over generated scenarios ---------------------------------------

POLICE = ["custody_officer", "inspector", "superintendent", "commander"]
RANKS = [*POLICE, "appropriate_decision_maker", "magistrates", "constable", "crown_court"]


def ref_period_days(start: date, months: int | None) -> int:
    """Days in "N months beginning with" start, by stepping calendar months one at a time."""
    if months is None:
        return 28
    year, month = start.year, start.month
    for _ in range(months):
        month += 1
        if month == 13:
            year, month = year + 1, 1
    try:
        last = date(year, month, start.day) - timedelta(days=1)
    except ValueError:  # no such day: that month's last day
        last = date(year, month, 1)
        while (last + timedelta(days=1)).month == month:
            last += timedelta(days=1)
    return (last - start).days + 1


def ref_options(regime: str, kind: str, complex_case: bool, state: str,
                months: int | None) -> list[tuple[set[str], set[int], str]]:
    """(who, to_months, next state) for each lawful next step, written out by hand."""
    above = {"inspector": set(POLICE[1:]), "superintendent": set(POLICE[2:])}
    adm, court = {"appropriate_decision_maker", "commander"}, {"magistrates"}
    if state == "court":
        return [(court, {(months or 0) + 3, (months or 0) + 6}, "court")]
    if regime == "pcsc2022" and kind == "standard":
        table = {"init": [(above["inspector"], {6}, "6")],
                 "6": [(above["superintendent"], {9}, "9")],
                 "9": [({"commander"}, {12}, "12"), (court, {12, 18}, "court")]
                 if complex_case else [(court, {12, 18}, "court")],
                 "12": [(court, {18, 24}, "court")]}
    elif regime == "pcsc2022":
        table = {"init": [(adm, {12}, "12")], "12": [(court, {18, 24}, "court")]}
    else:
        after = ([(adm, {6}, "6"), (court, {6, 9}, "court")] if complex_case
                 else [(court, {6, 9}, "court")])
        table = {"init": [(above["superintendent"], {3}, "3")] if kind == "standard" else after,
                 "3": after, "6": [(court, {9, 12}, "court")]}
    return table[state]


def ref_events(s: dict[str, Any]) -> list[tuple[Any, ...]]:
    """On one day: extensions (smaller first), a "met", requests (one met that day straight
    after by its "met", before those left outstanding), releases; then a request made on its own
    referral's release day (it cannot come before the referral it is made in), likewise."""
    events: list[tuple[Any, ...]] = []
    for i, e in enumerate(s["extensions"]):
        events.append((e["at"], 0, e["to_months"], i, 0, "ext", e))
    for n, (released, requests) in enumerate(s["referrals"]):
        events.append((released, 4, 0, n, 0, "release", None))
        for j, (made, met) in enumerate(requests):
            order = 7 if made == released else 2
            events.append((made, order, 0 if met == made else 1, n, 2 * j, "request", None))
            if met is not None:
                events.append((met, order if met == made else 1, 0, n, 2 * j + 1, "met", None))
    return sorted(events, key=lambda e: e[:5])


def nth_day_run(start: date, history: dict[date, bool], off: set[date], target: int,
                today: date) -> date:
    """The target-th day from start that runs: as `history` says before today, and every day
    from today on, but for the days in `off`."""
    count, day = 0, start
    while True:
        runs = history.get(day, True) if day < today else True
        if runs and day not in off:
            count += 1
            if count == target:
                return day
        day += timedelta(days=1)


def ref_clock(s: dict[str, Any]) -> tuple[date | None, list[bool]]:
    """Walk day by day from S, counting the days on which the period runs."""
    start: date = s["start"]
    regime, kind = s["regime"], s["kind"]
    months: int | None = {("pcsc2022", "standard"): 3, ("pcsc2022", "special"): 6,
                          ("pca2017", "standard"): None, ("pca2017", "sfo"): 3}[(regime, kind)]
    inpatient = {a + timedelta(days=i) for a, b in s["inpatient"] for i in range((b - a).days + 1)}
    history: dict[date, bool] = {}

    def project(target: int, today: date, with_ip: bool) -> date:
        return nth_day_run(start, history, inpatient if with_ip else set(), target, today)

    def last_day(target: int, today: date) -> date:
        would = project(target, today, False)
        return project(target, today, True) if would in inpatient else would

    events = ref_events(s)
    refs = sorted(r[0] for r in s["referrals"])
    running = not (refs and refs[0] <= s["bail_on"])
    floor, state, ended = 0, "init", None
    results: dict[int, bool] = {}
    first = min([start, *(e[0] for e in events)])
    final = max([start, *(e[0] for e in events)])
    day = first
    while day <= final:
        for _, _, _, index, _, kind_, payload in (e for e in events if e[0] == day):
            target = ref_period_days(start, months) + floor
            if running and ended is None and last_day(target, day) < day:
                ended = last_day(target, day)
            if kind_ == "ext":
                taken = None if ended is not None else next(
                    (nxt for who, values, nxt in ref_options(regime, kind, s["complex"], state,
                                                             months)
                     if payload["by_rank"] in who and payload["to_months"] in values), None)
                results[index] = taken is not None
                if taken is not None:
                    months, state = payload["to_months"], taken
            elif ended is not None:
                continue
            elif kind_ in ("release", "met"):
                running = False
            elif not running:
                running = True
                # it would then end on last_day, s.47ZM included: if before the seventh day
                # beginning with the request (s.47ZL(7)–(8)), suspended for the days needed to
                # end then: walk from its last day without in-patient days, counting run days
                seventh = day + timedelta(days=6)
                target = ref_period_days(start, months) + floor
                if last_day(target, day) < seventh:
                    walk = project(target, day, False) + timedelta(days=1)
                    while walk <= seventh:
                        floor += history.get(walk, True) if walk < day else True
                        walk += timedelta(days=1)
        if day >= start:
            history[day] = running
        day += timedelta(days=1)
    target = ref_period_days(start, months) + floor
    if ended is not None:
        end: date | None = ended
    else:
        end = last_day(target, final + timedelta(days=1)) if running else None
    return end, [results[i] for i in range(len(s["extensions"]))]


Referral = tuple[date, list[tuple[date, date | None]]]


def random_referrals(rng: random.Random, start: date,
                     bail_on: date) -> tuple[list[Referral], list[dict[str, Any]]]:
    """CPS referrals for the reference, and the same in the record's two forms."""
    referrals: list[Referral] = []
    raw: list[dict[str, Any]] = []
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        near_end = rng.choice([25, 88, 180]) + rng.randint(-3, 3)  # for the 7-day floor
        released = rng.choice([bail_on, start + timedelta(days=rng.randint(-1, 300)),
                               start + timedelta(days=near_end)])
        requests = []
        made = released
        for _ in range(rng.randint(0, 2)):
            made += timedelta(days=rng.randint(0, 60))
            met = made + timedelta(days=rng.randint(0, 40)) if rng.random() < 0.5 else None
            requests.append((made, met))
            if met is None:
                break
            made = met
        if len(requests) <= 1 and not (requests and requests[0][1]) and rng.random() < 0.5:
            raw.append({"from": released, **({"to": requests[0][0]} if requests else {})})
        else:
            raw.append({"released_on": released, "dpp_requests": [
                {"made_on": m, **({"met_on": t} if t else {})} for m, t in requests]})
        referrals.append((released, requests))
    return referrals, raw


def scenario(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    """A random record and the facts the reference needs."""
    if rng.random() < 0.3:  # a month end, often February or a leap year
        year, month = rng.randint(2017, 2026), rng.choice([1, 2, 2, 5, 8, 10, 11, 11, 12])
        arrest = date(year, month, 1) + timedelta(days=rng.randint(26, 31) - 1)
        arrest = max(arrest, date(2017, 4, 3))
    else:
        arrest = date(2017, 4, 3) + timedelta(days=rng.randint(0, 3500))
    start = arrest + timedelta(days=1)
    case_type = rng.choice(["standard", "standard", "fca", "hmrc", "nca", "sfo"])
    complex_case, street = rng.random() < 0.4, rng.random() < 0.15
    power = rng.choice(["s37_2", "s37_7_b", "s37_7_a", "s37C_2_b"])
    bail_on = arrest + timedelta(days=rng.choice([0, 0, 0, 1, 2]))
    regime = "pca2017" if arrest < date(2022, 10, 28) else "pcsc2022"
    kind = ("standard" if street or case_type not in ("fca", "hmrc", "nca", "sfo") else
            "special" if regime == "pcsc2022" else "sfo" if case_type == "sfo" else "standard")
    facts: dict[str, Any] = {"start": start, "regime": regime, "kind": kind,
                             "complex": complex_case, "bail_on": bail_on}
    extensions: list[dict[str, Any]] = []
    state, months, at = "init", None, start
    for _ in range(rng.randint(0, 5)):
        at += timedelta(days=rng.randint(0, 90))
        options = ref_options(regime, kind, complex_case, state, months)
        if rng.random() < 0.75:
            who, values, state = rng.choice(options)
            to, by = rng.choice(sorted(values)), rng.choice(sorted(who))
            months = to
        else:
            to, by = rng.choice([3, 6, 9, 12, 15, 18, 21, 24]), rng.choice(RANKS)
        extensions.append({"to_months": to, "by_rank": by, "at": at})
    referrals, raw = random_referrals(rng, start, bail_on)
    if not referrals and power in ("s37_7_a", "s37C_2_b"):
        referrals = [(bail_on, [])]
    inpatient = []
    for _ in range(rng.choice([0, 0, 1, 2])):
        near_end = rng.choice([27, 89, 90, 91, 181, 273]) - rng.randint(0, 6)
        a = start + timedelta(days=rng.choice([rng.randint(-5, 400), near_end]))
        inpatient.append((a, a + timedelta(days=rng.randint(0, 30))))
    facts.update(extensions=extensions, referrals=referrals, inpatient=inpatient)
    data = record(f"{arrest}T10:00", power=power, case_type=case_type, complex_case=complex_case,
                  bail_granted_at=datetime.combine(bail_on, datetime.min.time()),
                  extensions=extensions, cps_referrals=raw,
                  hospital_inpatient_days=[{"from": a, "to": b} for a, b in inpatient],
                  first_released_on_street_bail=street)
    return data, facts


def check_scenario(rng: random.Random) -> None:
    data, facts = scenario(rng)
    clock = compute(data)
    end, flags = ref_clock(facts)
    assert (clock.end, effective(clock)) == (end, flags), data
    assert clock.state == ("running" if end is not None else "not_running")


if HAVE_HYPOTHESIS:
    @settings(max_examples=3000, deadline=None, database=None, derandomize=True)
    @given(st.randoms(use_true_random=False))
    def test_end_matches_a_day_by_day_reference(rng: random.Random) -> None:
        check_scenario(rng)
else:  # pragma: no cover
    def test_end_matches_a_day_by_day_reference() -> None:
        for seed in range(3000):
            check_scenario(random.Random(seed))


def with_extensions(entries: list[str]) -> str:
    """A whole pre-charge record, as its YAML text, with these `dates.extensions` entries."""
    lines = "".join(f"    - {e}\n" for e in entries)
    return ("bailcheck: 1\ncase: {reference: EXT-1}\nstage: pre_charge\n"
            "release: {power: s37_7_b}\ndecision: {made_at: 2023-01-10T12:00}\n"
            "person: {age: 40, previous_convictions: 0}\n"
            "offences: [{description: Fraud, mode_of_trial: either_way, imprisonable: true}]\n"
            f"dates:\n  arrested_at: 2023-01-10T10:00\n  extensions:\n{lines}conditions: []\n")


def test_a_long_chain_of_court_extensions_is_read_and_followed(tmp_path) -> None:
    # s.47ZG may be used again and again: the record format sets no ceiling on `to_months`
    from bailcheck.record.source import parse
    from bailcheck.record.validate import load_record, validate

    steps = [(6, "inspector"), (9, "superintendent"), (12, "magistrates")] + [
        (m, "magistrates") for m in range(15, 43, 3)]
    text = with_extensions([f"{{to_months: {m}, by_rank: {r}, at: 2023-01-{i + 12:02d}}}"
                            for i, (m, r) in enumerate(steps)])
    path = tmp_path / "long.yaml"
    path.write_text(text, encoding="utf-8")
    data = load_record(path).data  # the fast reader ...
    assert data == validate(parse(text, "long.yaml")).data  # ... and the strict one agree
    clock = compute(data)
    assert all(effective(clock)), clock.extensions
    assert clock.end == D("2026-07-10")  # 42 months beginning with 11 January 2023


def test_an_order_within_one_day_that_the_record_cannot_show_says_verify() -> None:
    two = compute(record(extensions=[ext(9, "superintendent", "2023-03-01"),
                                     ext(6, "inspector", "2023-03-01")]))
    assert effective(two) == [True, True]  # read shortest first
    assert any("two extensions fall on 2023-03-01" in v for v in two.verify)
    with_cps = compute(record(extensions=[ext(6, "inspector", "2023-03-01")],
                              cps_referrals=[referral("2023-03-01", ("2023-03-10", None))]))
    assert any("an extension and a CPS referral's release, DPP request or request met fall on "
               "2023-03-01" in v for v in with_cps.verify)
    # close cases: on different days there is no order to choose
    apart = compute(record(extensions=[ext(6, "inspector", "2023-03-01"),
                                       ext(9, "superintendent", "2023-03-02")],
                           cps_referrals=[referral("2023-03-03", ("2023-03-10", None))]))
    assert not any("fall on" in v for v in apart.verify)
    undated = compute(record(extensions=[ext(6, "inspector", "2023-03-01"),
                                         ext(9, "superintendent")]))
    assert not any("fall on" in v for v in undated.verify)  # it has a note of its own


@pytest.mark.parametrize(("months", "read"), [(600, True), (601, False)])
def test_to_months_is_read_up_to_600(months: int, read: bool) -> None:
    from bailcheck.errors import RecordError
    from bailcheck.record.source import parse
    from bailcheck.record.validate import validate

    text = with_extensions([f"{{to_months: {months}, by_rank: magistrates, at: 2023-02-01}}"])
    if read:
        clock = compute(validate(parse(text, "edge.yaml")).data)
        assert effective(clock) == [False]  # read, and judged: not the next step
    else:
        with pytest.raises(RecordError, match="to_months"):
            validate(parse(text, "edge.yaml"))


def test_on_one_day_the_requests_left_outstanding_are_read_last() -> None:
    # one met that day from an earlier request, one made and met that day, one left
    # outstanding, all on 20 February: the day ends running (s.47ZL(4)–(6))
    mixed = compute(record(cps_referrals=[referral(
        "2023-02-01", ("2023-02-10", "2023-02-20"), ("2023-02-20", "2023-02-20"),
        ("2023-02-20", None))]))
    assert mixed.state == "running"
    # across two referrals: the second's request, made and met on the first's request day,
    # does not leave the first's outstanding request suspended
    across = compute(record(cps_referrals=[
        referral("2023-02-01", ("2023-02-20", None)),
        referral("2023-02-05", ("2023-02-20", "2023-02-20"))]))
    assert across.state == "running"
    # close case: every request that day met that day: suspended again
    all_met = compute(record(cps_referrals=[referral(
        "2023-02-01", ("2023-02-20", "2023-02-20"), ("2023-02-20", "2023-02-20"))]))
    assert all_met.state == "not_running"


def test_the_seven_day_floor_does_not_count_days_the_period_did_not_run() -> None:
    # would have ended 10 April, in hospital 1–11 April: moved on to 21 April; released 17
    # April, request 27 April: it would then end on 1 May, before 3 May (request + 6), so it
    # is suspended for the days needed to end on 3 May, not 10 days more for the paused span
    clock = compute(record(hospital_inpatient_days=[
        {"from": D("2023-04-01"), "to": D("2023-04-11")}],
        cps_referrals=[referral("2023-04-17", ("2023-04-27", None))]))
    assert clock.end == D("2023-05-03")


def test_a_one_day_floor_says_one_day() -> None:
    # released 5 April (not run), request 6 April: it would then end 11 April, one day short
    clock = compute(record(cps_referrals=[referral("2023-04-05", ("2023-04-06", None))]))
    assert clock.end == D("2023-04-12")
    assert any("including 1 day so that" in v for v in clock.verify)
