"""Pre-charge bail clocks: regimes by arrest date, period ends, extension ranks."""

from __future__ import annotations

from datetime import date

import pytest

from bailcheck.clocks.period import add_months, bail_clock, regime_for, required_rank

D = date.fromisoformat


@pytest.mark.parametrize(("arrest", "case_type", "regime", "end", "verify"), [
    ("2017-04-02", "standard", "none", None, False),        # before the 2017 Act: no limit
    ("2017-04-03", "standard", "pca_2017", "2017-05-01", False),  # 28 days from the day after
    ("2017-04-03", "sfo", "pca_2017", "2017-07-03", False),
    ("2017-04-03", "hmrc", "pca_2017", "2017-05-01", True),  # 2017 HMRC period unverified
    ("2022-10-27", "standard", "pca_2017", "2022-11-24", False),
    ("2022-10-28", "standard", "pcsc_2022", "2023-01-28", False),
    ("2022-10-28", "fca", "pcsc_2022", "2023-04-28", False),
    ("2023-05-09", "standard", "pcsc_2022", "2023-08-09", False),  # the domestic example
    ("2023-11-30", "standard", "pcsc_2022", "2024-02-29", True),   # no 30 February
    ("2023-08-31", "nca", "pcsc_2022", "2024-02-29", True),        # 6 months, leap year
    ("2024-02-29", "standard", "pcsc_2022", "2024-05-29", False),
    ("2023-02-28", "standard", "pcsc_2022", "2023-05-28", False),
])
def test_bail_period_end(arrest, case_type, regime, end, verify) -> None:
    clock = bail_clock(D(arrest), case_type)
    assert clock.regime == regime
    assert clock.end == (D(end) if end else None)
    assert clock.verify is verify


def test_regime_cut_overs() -> None:
    assert [regime_for(D(d)) for d in ("2017-04-02", "2017-04-03", "2022-10-27", "2022-10-28")] \
        == ["none", "pca_2017", "pca_2017", "pcsc_2022"]


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(D("2023-08-31"), 6) == (D("2024-02-29"), True)
    assert add_months(D("2023-01-15"), 12) == (D("2024-01-15"), False)


@pytest.mark.parametrize(("regime", "months", "case_type", "complex_case", "rank"), [
    ("pcsc_2022", 6, "standard", False, "inspector"),
    ("pcsc_2022", 9, "standard", False, "superintendent"),
    ("pcsc_2022", 12, "standard", True, "commander"),
    ("pcsc_2022", 12, "standard", False, "magistrates"),
    ("pcsc_2022", 12, "sfo", False, "appropriate_decision_maker"),
    ("pcsc_2022", 18, "sfo", False, "magistrates"),
    ("pca_2017", 3, "standard", False, "superintendent"),
    ("pca_2017", 6, "standard", True, "appropriate_decision_maker"),
    ("pca_2017", 6, "standard", False, "magistrates"),
])
def test_rank_required_for_each_extension(regime, months, case_type, complex_case, rank) -> None:
    assert required_rank(regime, months, case_type, complex_case).rank == rank


def test_extensions_move_the_end_and_check_rank_and_timing() -> None:
    ok = bail_clock(D("2023-05-09"), extensions=[{"to_months": 6, "by_rank": "inspector",
                                                   "at": D("2023-08-01")}])
    assert ok.end == D("2023-11-09") and ok.problems == []
    low = bail_clock(D("2023-05-09"), extensions=[{"to_months": 9, "by_rank": "inspector",
                                                    "at": D("2023-08-01")}])
    assert low.problems[0][0] == "extension_rank_too_low"
    assert low.problems[0][1]["required"] == "superintendent"
    late = bail_clock(D("2023-05-09"), extensions=[{"to_months": 6, "by_rank": "superintendent",
                                                     "at": D("2023-08-10")}])
    assert [p[0] for p in late.problems] == ["extension_after_expiry"]


def test_cps_referral_suspends_the_period() -> None:
    clock = bail_clock(D("2023-05-09"), cps_referrals=[{"from": D("2023-06-01"),
                                                        "to": D("2023-06-11")}])
    assert clock.end == D("2023-08-19") and clock.verify
    # at least 7 days, beginning with the day of the DPP request, must remain (s.47ZL(7)-(8))
    late = bail_clock(D("2023-05-09"), cps_referrals=[{"from": D("2023-06-01"),
                                                       "to": D("2023-08-30")}])
    assert late.end == D("2023-11-07")  # 90 days with the CPS added back
    short = bail_clock(D("2023-05-09"), cps_referrals=[{"from": D("2023-08-08"),
                                                        "to": D("2023-08-09")}])
    assert short.end == D("2023-08-15")
    open_ended = bail_clock(D("2023-05-09"), cps_referrals=[{"from": D("2023-06-01")}])
    assert open_ended.end is None


def test_next_steps_name_the_rank() -> None:
    steps = bail_clock(D("2023-05-09")).next_steps
    assert [(s.to_months, s.rank) for s in steps] == [
        (6, "inspector"), (9, "superintendent"), (12, "magistrates")]
