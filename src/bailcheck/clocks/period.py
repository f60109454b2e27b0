"""Pre-charge bail clocks: the regime, the applicable bail period (ABP) and its extensions.

Law: PACE 1984 ss.47ZA–47ZM as amended by the Policing and Crime Act 2017 (arrests from
3 April 2017) and the Police, Crime, Sentencing and Courts Act 2022 (arrests from 28 October 2022,
s.45(3)). The bail start date is the day after arrest (s.47ZB(4)(a)); a period of N months
"beginning with" it ends on the day N calendar months after the arrest date. Where that day does
not exist (31 August + 6 months) we use the last day of the month and mark the date "verify",
because the month-end rule is derived, not stated in the Act.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

PCA_2017 = date(2017, 4, 3)
PCSC_2022 = date(2022, 10, 28)

# Ranks in order of seniority; the magistrates' court may authorise any extension.
RANK_ORDER = ["custody_officer", "inspector", "superintendent", "commander",
              "appropriate_decision_maker", "magistrates"]
_SENIORITY = {r: i for i, r in enumerate(RANK_ORDER)}
# An "appropriate decision-maker" (s.47ZDB) acts for the FCA, HMRC, NCA or SFO at commander level.
_SENIORITY["appropriate_decision_maker"] = _SENIORITY["commander"]


@dataclass(frozen=True)
class Step:
    """The next extension the law allows: how far, by whom, on what basis."""

    to_months: int
    rank: str
    basis: str


@dataclass
class BailClock:
    regime: str  # none | pca_2017 | pcsc_2022
    arrest: date
    end: date | None  # None when there is no statutory limit or the period is suspended
    basis: str
    verify: bool = False
    months: float = 0
    problems: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    next_steps: list[Step] = field(default_factory=list)


def regime_for(arrest: date) -> str:
    """The pre-charge regime is chosen by the date of arrest (PCSC 2022 s.45(3))."""
    if arrest < PCA_2017:
        return "none"
    return "pca_2017" if arrest < PCSC_2022 else "pcsc_2022"


def add_months(start: date, months: int) -> tuple[date, bool]:
    """Same day N months on; the last day of the month where that day does not exist."""
    total = start.month - 1 + months
    year, month = start.year + total // 12, total % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last)), start.day > last


def initial_period(regime: str, case_type: str) -> tuple[int, str, str]:
    """(length, unit, basis) of the first applicable bail period."""
    if regime == "pca_2017":
        if case_type == "sfo":
            return 3, "months", "PACE s.47ZB(1) (2017 text): 3 months in an SFO case"
        return 28, "days", "PACE s.47ZB(1) (2017 text): 28 days"
    # (HMRC and NCA cases under the 2017 text are taken as standard: the period is unverified)
    if case_type in ("fca", "hmrc", "nca", "sfo"):
        return 6, "months", "PACE s.47ZB(1)(a): 6 months in an FCA, HMRC, NCA or SFO case"
    return 3, "months", "PACE s.47ZB(1)(b): 3 months"


def required_rank(regime: str, to_months: float, case_type: str, complex_case: bool) -> Step:
    """Who must authorise an extension of the ABP to `to_months` months."""
    if regime == "pca_2017":
        if to_months <= 3:
            return Step(3, "superintendent", "PACE s.47ZD (2017 text): senior officer to 3 months")
        if to_months <= 6 and complex_case:
            return Step(6, "appropriate_decision_maker",
                        "PACE s.47ZE (2017 text): exceptionally complex case, to 6 months")
        return Step(int(to_months), "magistrates", "PACE ss.47ZF–47ZG: magistrates' court")
    if to_months <= 6:
        return Step(6, "inspector", "PACE s.47ZD(2), (6): inspector or above to 6 months")
    if to_months <= 9:
        return Step(9, "superintendent", "PACE s.47ZDA(2), (6): superintendent or above to 9 months")
    if to_months <= 12 and case_type != "standard":
        return Step(12, "appropriate_decision_maker",
                    "PACE s.47ZDB: appropriate decision-maker to 12 months (FCA/HMRC/NCA/SFO)")
    if to_months <= 12 and complex_case:
        return Step(12, "commander", "PACE s.47ZE(3), (5), (9): commander or ACC, after consulting "
                    "the DPP, to 12 months in a DPP-designated exceptionally complex case")
    return Step(int(to_months), "magistrates", "PACE s.47ZF: magistrates' court")


def rank_at_least(rank: str, required: str) -> bool:
    return _SENIORITY.get(rank, -1) >= _SENIORITY[required]


def bail_clock(arrest: date, case_type: str = "standard", complex_case: bool = False,
               extensions: list[dict[str, Any]] | None = None,
               cps_referrals: list[dict[str, Any]] | None = None) -> BailClock:
    """Compute the ABP end for an arrest date, applying extensions and CPS suspensions."""
    regime = regime_for(arrest)
    if regime == "none":
        return BailClock(regime, arrest, None, "arrest before 3 April 2017: no statutory limit on "
                         "pre-charge bail (PACE as then in force)")
    length, unit, basis = initial_period(regime, case_type)
    if unit == "days":
        end, clamped = arrest + timedelta(days=length), False
        months: float = 1 if regime == "pca_2017" else length
    else:
        end, clamped = add_months(arrest, length)
        months = length
    unverified = regime == "pca_2017" and case_type in ("hmrc", "nca")
    clock = BailClock(regime, arrest, end, basis, verify=clamped or unverified, months=months)
    for ext in sorted(extensions or [], key=lambda e: e.get("at") or date.max):
        _apply_extension(clock, ext, case_type, complex_case)
    _apply_cps_referrals(clock, cps_referrals or [])
    if clock.end is not None:
        clock.next_steps = _next_steps(clock, case_type, complex_case)
    return clock


def _apply_extension(clock: BailClock, ext: dict[str, Any], case_type: str,
                     complex_case: bool) -> None:
    to = ext["to_months"]
    step = required_rank(clock.regime, to, case_type, complex_case)
    if not rank_at_least(ext["by_rank"], step.rank):
        clock.problems.append(("extension_rank_too_low", {
            "to_months": _n(to), "by_rank": ext["by_rank"], "required": step.rank,
            "basis": step.basis}))
    at = ext.get("at")
    if at is not None and clock.end is not None and at > clock.end:
        clock.problems.append(("extension_after_expiry", {
            "to_months": _n(to), "at": at.isoformat(), "ended": clock.end.isoformat()}))
    end, clamped = add_months(clock.arrest, int(to))
    clock.end, clock.months = end, to
    clock.verify = clock.verify or clamped
    clock.basis = f"extended to {_n(to)} months ({step.basis})"


def _apply_cps_referrals(clock: BailClock, referrals: list[dict[str, Any]]) -> None:
    """s.47ZL: the ABP does not run while the case is with the CPS for a charging decision.

    It resumes on the day the DPP request is made (`to`), and must then leave at least 7 days
    beginning with that day (s.47ZL(7)–(8)). A referral with no `to` leaves the clock stopped.
    """
    for ref in sorted(referrals, key=lambda r: r["from"]):
        if clock.end is None:
            return
        start, resumed = ref["from"], ref.get("to")
        clock.verify = True
        if resumed is None:
            clock.end = None
            clock.basis += "; suspended while with the CPS (PACE s.47ZL(2))"
            return
        clock.end += timedelta(days=max(0, (resumed - start).days))
        clock.end = max(clock.end, resumed + timedelta(days=6))
        clock.basis += "; suspended while with the CPS (PACE s.47ZL)"


def _next_steps(clock: BailClock, case_type: str, complex_case: bool) -> list[Step]:
    """The extensions still open, each with the rank that must authorise it."""
    ladder = [3] if clock.regime == "pca_2017" else [6, 9, 12]
    if clock.regime == "pca_2017" and complex_case:
        ladder.append(6)
    steps = []
    for months in ladder:
        if months <= clock.months:
            continue
        step = required_rank(clock.regime, months, case_type, complex_case)
        steps.append(step)
        if step.rank == "magistrates":
            break
    if not steps or steps[-1].rank != "magistrates":
        steps.append(Step(0, "magistrates", "PACE ss.47ZF–47ZG: application to a magistrates' "
                          "court before the period ends (s.47ZF(2))"))
    return steps


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)
