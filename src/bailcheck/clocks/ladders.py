"""The ladders of the pre-charge applicable bail period (ABP): lengths, steps, holders.

PACE 1984 ss.47ZB–47ZG as inserted by the Policing and Crime Act 2017 ("pca2017", arrests from
3 April 2017) and amended by the Police, Crime, Sentencing and Courts Act 2022 ("pcsc2022", arrests
from 28 October 2022: s.45(3), SI 2022/1075). decision-model.md §7.2–§7.4; law.md §2.3, §2.5.
Standard library only (and the small value base of bailcheck/values.py), so that it can be
read against the statute on its own.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from typing import Literal

from bailcheck.values import Frozen, fill

Regime = Literal["none", "pca2017", "pcsc2022"]

PCA_2017_FROM = date(2017, 4, 3)  # PCA 2017 Part 4 Ch.1 in force
PCSC_2022_FROM = date(2022, 10, 28)  # PCSC 2022 s.45 in force (SI 2022/1075)

REGIME_NAMES: dict[Regime, str] = {
    "none": "no statutory time limit (arrest before 3 April 2017)",
    "pca2017": "PACE as amended by the Policing and Crime Act 2017 (arrest 3 April 2017 to "
    "27 October 2022)",
    "pcsc2022": "PACE as amended by the Police, Crime, Sentencing and Courts Act 2022 (arrest "
    "from 28 October 2022)",
}

POLICE_RANKS = ("custody_officer", "inspector", "superintendent", "commander")  # lowest first
ADM = "appropriate_decision_maker"
COURT = "magistrates"
NON_STANDARD = ("fca", "hmrc", "nca", "sfo")

RANK_WORDS = {
    "custody_officer": "a custody officer", "constable": "a constable",
    "inspector": "an inspector", "superintendent": "a superintendent",
    "commander": "a commander", ADM: "an appropriate decision-maker",
    COURT: "a magistrates' court", "crown_court": "the Crown Court",
}
HOLDER_WORDS = {
    "inspector": "an inspector or above", "superintendent": "a superintendent or above",
    "commander": "a commander or assistant chief constable or above, after consulting the DPP",
    ADM: "an appropriate decision-maker", COURT: "a magistrates' court",
}


def regime_for(arrest: date) -> Regime:
    """The regime follows the day of arrest (PCSC 2022 s.45(3)), not the day of bail."""
    if arrest < PCA_2017_FROM:
        return "none"
    return "pca2017" if arrest < PCSC_2022_FROM else "pcsc2022"


def months_end(start: date, months: int) -> tuple[date, bool]:
    """Last day of "the period of N months beginning with" start; True when the month-end
    fallback was used (derived from the words, not stated in the Act: verify)."""
    index = start.year * 12 + start.month - 1 + months
    year, month = index // 12, index % 12 + 1
    # the month's length from datetime alone: `calendar` costs a millisecond to import
    days_in_month = 31 if month == 12 else (date(year, month + 1, 1) - date(year, month, 1)).days
    if start.day <= days_in_month:  # the day before the corresponding day
        return date(year, month, start.day) - timedelta(days=1), False
    return date(year, month, days_in_month), True  # no corresponding day: that month's last day


def nominal_end(start: date, months: int | None) -> tuple[date, bool]:
    """months None is the 2017 "period of 28 days beginning with" start: start + 27."""
    if months is None:
        return start + timedelta(days=27), False
    return months_end(start, months)


class Rung(Frozen):
    """One step up the ladder: who may take it, to how many months from the bail start date."""

    _FIELDS = ("section", "rank", "months", "in_time", "procedure", "optional", "if_skipped",
               "probable")
    __slots__ = _FIELDS
    section: str
    rank: str  # the lowest holder of the power
    months: tuple[int, ...]  # values `to_months` may take; () for s.47ZG (current + 3 or + 6)
    in_time: str  # the provision requiring it before the period ends
    procedure: str  # representations (police steps only)
    optional: bool  # s.47ZE: the court step may follow the step before it instead
    if_skipped: tuple[int, ...]  # a court step's values when the optional step was not taken
    probable: bool  # law.md marks the step [P]: from secondary sources (verify)

    def __init__(self, section: str, rank: str, months: tuple[int, ...], in_time: str,  # noqa: PLR0917
                 procedure: str = "", optional: bool = False, if_skipped: tuple[int, ...] = (),
                 probable: bool = False) -> None:
        fill(self, section, rank, months, in_time, procedure, optional, if_skipped, probable)

    @property
    def court(self) -> bool:
        return self.rank == COURT


class Ladder(Frozen):
    _FIELDS = ("initial", "initial_basis", "rungs")
    __slots__ = _FIELDS
    initial: int | None  # months; None for 28 days
    initial_basis: str
    rungs: tuple[Rung, ...]  # the last, s.47ZG, may be taken again and again

    def __init__(self, initial: int | None, initial_basis: str, rungs: tuple[Rung, ...]) -> None:
        fill(self, initial, initial_basis, rungs)


_ZG = Rung("s.47ZG", COURT, (), "s.47ZG")


def _court(months: tuple[int, ...], if_skipped: tuple[int, ...] = (),
           probable: bool = False) -> Rung:
    return Rung("s.47ZF", COURT, months, "s.47ZF(2)", if_skipped=if_skipped, probable=probable)


@functools.lru_cache(maxsize=64)  # a handful of ladders, made once each: they are frozen values
def ladder_for(regime: Regime, case_type: str, complex_case: bool, street: bool) -> Ladder:
    """decision-model §7.4. With street bail the s.30B(8) period is the s.47ZB(1)(b) period
    (s.47ZM(1)–(3)), so the ladder that starts from that period (s.47ZD(1)(a)) applies."""
    sfo = case_type == "sfo" and not street
    if regime == "pcsc2022" and (street or case_type not in NON_STANDARD):
        steps: tuple[Rung, ...] = (
            Rung("s.47ZD", "inspector", (6,), "s.47ZD(1)(b)", "s.47ZD(3)–(5)"),
            Rung("s.47ZDA", "superintendent", (9,), "s.47ZDA(1)(b)", "s.47ZDA(3)–(5)"),
        )
        if complex_case:  # DPP designation, s.47ZE(2); then s.47ZF(1)(c), (4)(b), (6)(b)
            steps += (Rung("s.47ZE", "commander", (12,), "s.47ZE(8)", "s.47ZE(5)–(7)", True),)
            court = _court((18, 24), if_skipped=(12, 18))
        else:  # s.47ZF(1)(b), (4)(a), (6)(a)
            court = _court((12, 18))
        return Ladder(3, "s.47ZB(1)(b): 3 months beginning with the bail start date",
                      (*steps, court, _ZG))
    if regime == "pcsc2022":  # FCA, HMRC, NCA or SFO case
        return Ladder(6, "s.47ZB(1)(a): 6 months beginning with the bail start date",
                      (Rung("s.47ZDB", ADM, (12,), "s.47ZDB", "s.47ZDB"),
                       _court((18, 24)), _ZG))
    # 2017 text: s.47ZB(1)(a) SFO 3 months; (b) "an FCA case or any other case" 28 days
    initial: int | None = 3
    basis = "s.47ZB(1)(a) (2017 text): 3 months beginning with the bail start date (SFO case)"
    police: tuple[Rung, ...] = ()
    if not sfo:  # s.47ZD (2017 text): a senior officer (superintendent or above), to 3 months
        initial = None
        basis = "s.47ZB(1)(b) (2017 text): 28 days beginning with the bail start date"
        police = (Rung("s.47ZD", "superintendent", (3,), "s.47ZD(1)(b)", "s.47ZD(3)–(5)"),)
    if complex_case:  # s.47ZE (2017 text): designated case, appropriate decision-maker
        police += (Rung("s.47ZE", ADM, (6,), "s.47ZE", "s.47ZE", True, probable=True),)
        court = _court((9, 12), if_skipped=(6, 9), probable=True)
    else:
        court = _court((6, 9), probable=True)
    return Ladder(initial, basis, (*police, court, _ZG))


def holds(by_rank: str, rung: Rung) -> bool:
    """Whether by_rank holds the rung's power: a higher police rank may take a lower police
    step; the appropriate decision-maker's step also takes a commander (verify); a court step
    only a magistrates' court."""
    if rung.court:
        return by_rank == COURT
    if rung.rank == ADM:
        return by_rank in (ADM, "commander")
    return by_rank in POLICE_RANKS and POLICE_RANKS.index(by_rank) >= POLICE_RANKS.index(rung.rank)


def allowed(rung: Rung, current: int | None, skipped: bool = False) -> tuple[int, ...]:
    """The to_months values the rung allows from the current length."""
    if rung.section == "s.47ZG":  # adds 3 or 6 months to the current period (verify)
        return ((current or 0) + 3, (current or 0) + 6)
    return rung.if_skipped if skipped and rung.if_skipped else rung.months


def months_words(values: tuple[int, ...]) -> str:
    return " or ".join(str(v) for v in values) + " months"


def rung_words(rung: Rung, values: tuple[int, ...]) -> str:
    return f"{rung.section} ({HOLDER_WORDS[rung.rank]}, to {months_words(values)})"


def rank_words(rank: str) -> str:
    return RANK_WORDS.get(rank, rank.replace("_", " "))
