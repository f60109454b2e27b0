"""Facts from the pre-charge bail clock. Registered in bailcheck.facts when it loads."""

from __future__ import annotations

from datetime import date
from typing import Any

from bailcheck.clocks import period as clocks
from bailcheck.facts.registry import Context, fact

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

