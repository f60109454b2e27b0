"""Facts from the pre-charge bail clock (clocks/period.py). Registered in bailcheck.facts."""

from __future__ import annotations

from datetime import date

from bailcheck.clocks import period
from bailcheck.facts import sources
from bailcheck.facts.registry import Context, fact

_CLOCK = ("stage", "release.power", "release.case_type", "release.exceptionally_complex",
          "dates.arrested_at", "dates.bail_granted_at", "dates.extensions",
          "dates.cps_referrals", "dates.hospital_inpatient_days",
          "dates.first_released_on_street_bail", "decision.made_at")


def clock(c: Context) -> period.BailClock | None:
    """The pre-charge bail clock, or None when the record is not pre-charge bail."""
    shared = c.shared
    if "_clock" not in shared:
        clk = period.compute(c.data) if period.applies(c.data) else None
        shared["_clock"] = clk
    return shared["_clock"]  # type: ignore[no-any-return]


def _problems(c: Context, rule: str) -> list[period.Problem]:
    clk = clock(c)
    return [p for p in clk.problems if p.rule == rule] if clk else []


def _words(problems: list[period.Problem], say_verify: bool = True) -> str:
    text = "; ".join(p.message for p in problems)
    if say_verify and any(p.verify for p in problems):
        text += " (verify: this rests on a reading of the Act that is derived, not stated)"
    return text


@fact("precharge_regime", "enum", "the pre-charge bail regime by arrest date (`not_pre_charge` "
      "otherwise)", choices=("not_pre_charge", "none", "pca2017", "pcsc2022"))
def _regime(c: Context) -> str:
    clk = clock(c)
    return clk.regime if clk else "not_pre_charge"


@fact("bail_clock_state", "enum", "the applicable bail period: running, not_running (s.47ZL), "
      "no_limit (arrest before 3 April 2017) or not_applicable",
      choices=("running", "not_running", "no_limit", "not_applicable"))
def _state(c: Context) -> str:
    clk = clock(c)
    return clk.state if clk else "not_applicable"


@fact("bail_period_end", "date", "last day of the applicable bail period (none while it does not "
      "run)")
def _end(c: Context) -> date | None:
    clk = clock(c)
    return clk.end if clk else None


@fact("bail_period_caveat", "text", "a warning to verify the bail-period end where it rests on a "
      "derived point (the month-end rule, a suspension); empty otherwise")
def _caveat(c: Context) -> str:
    clk = clock(c)
    if clk is None or not clk.end_verify:
        return ""
    return " (verify: this end date rests on a derived point: " + "; ".join(clk.verify) + ")"


@fact("answer_bail_on", "date", "the pre-charge return date")
def _answer_bail_on(c: Context) -> date | None:
    return c.data.get("dates", {}).get("answer_bail_on")  # type: ignore[no-any-return]


@fact("answer_after_bail_period", "bool", "the answer-bail date is after the last day of a running "
      "applicable bail period (s.47ZA; not while s.47ZL suspends it)")
def _answer_after(c: Context) -> bool:
    return bool(_problems(c, "answer-bail-after-bail-period"))


@fact("extension_without_effect", "bool", "an extension of the bail period had no effect: wrong "
      "rank, out of order, a value the step does not allow, or after the period ended")
def _without_effect(c: Context) -> bool:
    return bool(_problems(c, "extension-unlawful"))


@fact("extension_problem", "text", "why each extension without effect had none, in words")
def _extension_problem(c: Context) -> str:
    return _words(_problems(c, "extension-unlawful"))


@fact("representations_not_considered", "bool", "an extension was decided without considering "
      "the representations (the extension stands)")
def _representations(c: Context) -> bool:
    return bool(_problems(c, "representations-not-considered"))


@fact("representations_problem", "text", "which extension was decided without considering the "
      "representations, in words")
def _representations_problem(c: Context) -> str:
    return _words(_problems(c, "representations-not-considered"), say_verify=False)  # the rule says it


@fact("release_authorised_by_inspector", "bool", "release on pre-charge bail was authorised by an "
      "inspector or above (release.authorised_by, else decision.by_role)")
def _inspector(c: Context) -> bool:
    rank = c.data.get("release", {}).get("authorised_by") or c.data["decision"].get("by_role")
    return rank in ("inspector", "superintendent", "commander")


sources.READS.update({
    "precharge_regime": ("stage", "dates.arrested_at"),
    "bail_clock_state": _CLOCK,
    "bail_period_end": _CLOCK,
    "bail_period_caveat": _CLOCK,
    "answer_bail_on": ("dates.answer_bail_on",),
    "answer_after_bail_period": ("dates.answer_bail_on", *_CLOCK),
    "extension_without_effect": _CLOCK,
    "extension_problem": _CLOCK,
    "representations_not_considered": ("dates.extensions",),
    "representations_problem": ("dates.extensions",),
    "release_authorised_by_inspector": ("release.authorised_by", "decision.by_role"),
})
