"""The pre-charge bail clock: PACE 1984 ss.47ZA–47ZM, as decision-model.md §7 states it.

`compute(record)` gives a `BailClock`: the regime, the bail start date, the last day of the
applicable bail period (ABP), each extension and whether it had effect, the steps still open, the
record-level problems and every derived point that must say "verify". Standard library only.

Readings chosen where §7 leaves a gap (those marked * say "verify" when relied on):
- * An extension with no `at` is taken in list order just after the dated extension before it
  (or before everything, if none is); it is judged late only if the period had already ended.
- * s.47ZL: a day runs if the period is running once that day's events are read, so a DPP request
  met on the day it is made leaves the day not run, and a "met" of one request with a new request
  on one day leaves it run (the new request is read last, whether the one met was made that day
  or before). A request while the period runs, or a release or "met" while it is
  already suspended, changes nothing. A request made on the day of its own referral's release
  follows that release, so that day runs.
- * The s.47ZL(7)–(8) floor is judged on the last day as it would then stand, s.47ZM included;
  its days are added as a count.
- * On one day, extensions are read shortest first and before a CPS referral's events.
- * In a designated case the court may follow s.47ZDA without s.47ZE (s.47ZF(1)(b)): 12 or 18.
- Once an event falls after the last day, the period has ended: later releases, requests and
  extensions change nothing, and no step is listed.
- `extensions` keep the record's order; `problems` follow the order of events. With no
  `release.power`, a pre_charge record is read as bail (the v1 meaning of the stage).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from bailcheck.clocks import ladders as lad
from bailcheck.clocks.days import Span, day_of, nth_running_day, running_days_between
from bailcheck.clocks.events import read_events
from bailcheck.clocks.ladders import ADM, COURT, Ladder, Regime, Rung, allowed, holds, nominal_end
from bailcheck.clocks.results import BailClock, Extension, Problem, Step

__all__ = ["BailClock", "Extension", "Problem", "Step", "applies", "compute"]

BAIL_POWERS = {"s37_2", "s37_7_a", "s37_7_b", "s37C_2_b", "s37CA_2_b", None}


class _Last:
    """The last day of the period as it stands: `day`; `clamped` by the month-end fallback,
    moved `by_cps` (s.47ZL) or `by_ip` (s.47ZM(4)–(5)), each to verify; `plain`, the day before
    s.47ZM. A plain class: several are made for each pre-charge record, none seen outside."""

    __slots__ = ("by_cps", "by_ip", "clamped", "day", "plain")

    def __init__(self, day: date, clamped: bool, by_cps: bool, plain: date, by_ip: bool) -> None:
        self.day, self.clamped, self.by_cps, self.plain, self.by_ip = (
            day, clamped, by_cps, plain, by_ip)


class _Clock:
    """The period as it stands while the events are read in order."""

    __slots__ = ("arrest_assumed", "ended", "floor_days", "inpatient", "ladder", "months",
                 "noted", "notes", "paused", "pos", "start", "stopped_since")

    def __init__(self, start: date, ladder: Ladder, inpatient: list[Span], months: int | None,
                 notes: list[str]) -> None:
        self.start = start  # the bail start date S (s.47ZB(4)(a))
        self.ladder = ladder
        self.inpatient = inpatient
        self.months = months
        self.pos = 0  # the next rung
        self.floor_days = 0  # s.47ZL(7)–(8)
        self.paused: list[Span] = []  # closed spans not run (s.47ZL)
        self.stopped_since: date | None = None  # the period is not running from this day (s.47ZL)
        self.ended: date | None = None  # found ended before a later event: nothing revives it
        self.notes = notes
        self.noted: set[tuple[str, date]] = set()  # one note per point and day
        self.arrest_assumed = False  # no arrest recorded: every date rests on the decision day

    def last(self, months: int | None) -> _Last:
        base, clamped = nominal_end(self.start, months)
        target = (base - self.start).days + 1 + self.floor_days
        plain = nth_running_day(self.start, target, self.paused)
        day = plain
        if any(a <= plain <= b for a, b in self.inpatient):  # s.47ZM(4)
            day = nth_running_day(self.start, target, self.paused + self.inpatient)  # s.47ZM(5)
        return _Last(day, clamped, plain != base, plain, day != plain)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def note_last(self, what: str, months: int | None, last: _Last) -> bool:
        """Say "verify" for each derived point a last day rests on; True if there is one."""
        if not (last.clamped or last.by_cps or last.by_ip):
            return False
        points = {p for p, flag in (("month", last.clamped), ("cps", last.by_cps),
                                    ("ip", last.by_ip)) if flag and (p, last.day) not in self.noted}
        self.noted |= {(p, last.day) for p in points}
        if "month" in points:
            self.note(f"{what} ({last.day}): {months} months beginning with {self.start} reach a "
                      f"month with no day {self.start.day}, so the period is taken to end on that "
                      "month's last day (derived from the Act's words, not stated in them)")
        if "cps" in points:
            days = f"{self.floor_days} day{'s' if self.floor_days != 1 else ''}"
            extra = (f", including {days} so that it ends no sooner than the "
                     "end of the 7 days beginning with a DPP request (s.47ZL(7)–(8))"
                     ) if self.floor_days else ""
            self.note(f"{what} ({last.day}) was moved on by the days the period did not run while "
                      f"the case was with the CPS (s.47ZL){extra}")
        if "ip" in points:
            self.note(f"{what} ({last.day}) was moved on by hospital in-patient days "
                      f"(s.47ZM(4)–(5)): the person was an in-patient on {last.plain}, the day it "
                      "would otherwise have ended")
        return last.clamped or last.by_cps or last.by_ip

    def candidates(self) -> list[tuple[Rung, tuple[int, ...], int, bool]]:
        """The next step, and the court step when the next is an optional s.47ZE step."""
        rungs = self.ladder.rungs
        rung = rungs[self.pos]
        out = [(rung, allowed(rung, self.months), self.pos, False)]
        if rung.optional:
            court = rungs[self.pos + 1]
            out.append((court, allowed(court, self.months, skipped=True), self.pos + 1, True))
        return out


def applies(data: dict[str, Any]) -> bool:
    """§7.1: the clock is pre-charge bail's (a pre_charge record with no power is bail)."""
    return data.get("stage") == "pre_charge" and (data.get("release") or {}).get("power") in BAIL_POWERS


def compute(data: dict[str, Any]) -> BailClock:
    """decision-model §7: the pre-charge bail clock of one validated, normalised record."""
    release = data.get("release") or {}
    dates = data.get("dates") or {}
    made_on = day_of(data["decision"]["made_at"])
    arrested = dates.get("arrested_at")
    arrest = day_of(arrested) if arrested is not None else made_on
    regime = lad.regime_for(arrest)  # §7.2; PCSC 2022 s.45(3)
    if not applies(data):
        return BailClock(regime, lad.REGIME_NAMES[regime], "not_applicable", None, None)  # §7.1
    notes = [] if arrested is not None else [
        f"no arrest time is recorded: the decision date {made_on} was used as the day of arrest"]
    if regime == "none":  # before 3 April 2017: no statutory limit
        return BailClock(regime, lad.REGIME_NAMES[regime], "no_limit", None, None,
                         verify=tuple(notes))
    case_type = release.get("case_type") or "standard"
    street = bool(dates.get("first_released_on_street_bail"))
    ladder = lad.ladder_for(regime, case_type, bool(release.get("exceptionally_complex")), street)
    start = arrest + timedelta(days=1)  # s.47ZB(4)(a): the day after the day of arrest
    inpatient = [(max(day_of(s["from"]), start), day_of(s["to"]))
                 for s in dates.get("hospital_inpatient_days") or []]
    clock = _Clock(start, ladder, [s for s in inpatient if s[0] <= s[1]], ladder.initial, notes)
    clock.arrest_assumed = arrested is None
    if street and regime == "pca2017":
        clock.note("street bail under the 2017 text: the street-bail period is read as the "
                   "s.47ZB(1)(b) period, from the day after the street-bail arrest (s.47ZM(1)–(3))")
    if street and case_type != "standard":
        clock.note(f"street bail in an {case_type.upper()} case: s.47ZM(1)–(3) makes the period "
                   "the s.47ZB(1)(b) one, so the standard ladder was used")
    if regime == "pca2017" and case_type in ("hmrc", "nca"):
        clock.note(f"{case_type.upper()} case under the 2017 text: treated as a standard case "
                   "(s.47ZB(1)(b) 2017: \"any other case\")")
    bail_on = day_of(dates.get("bail_granted_at") or data["decision"]["made_at"])
    results: dict[int, Extension] = {}
    problems: list[Problem] = []
    events, readings, not_begun = read_events(release, dates, bail_on)
    for text in readings:
        clock.note(text)
    if not_begun:  # s.47ZL(2): a first release, the period "does not begin"
        clock.stopped_since = clock.start
    for day, *_, kind, payload in events:
        running = clock.stopped_since is None and clock.ended is None
        if running and day != date.min and (last := clock.last(clock.months)).day < day:
            clock.ended = last.day  # it ended before this event
        if kind == "extension":
            index, ext = payload
            on = day_of(ext["at"]) if ext.get("at") is not None else None
            results[index] = _extend(clock, ext, on, problems)
        elif clock.ended is None:  # a referral after the period ended does not revive it
            _cps(clock, kind, day)
    return _finish(clock, regime, dates, [results[i] for i in sorted(results)], problems)


def _cps(clock: _Clock, kind: str, day: date) -> None:
    """s.47ZL as the events come."""
    since = clock.stopped_since
    if kind in ("release", "met") and since is None:  # s.47ZL(2) "is suspended"; (9)–(11)
        clock.stopped_since = max(day, clock.start)  # this day does not run (verify)
    elif kind == "request" and since is not None:  # s.47ZL(4)–(6): begins or resumes that day
        if since < day:
            clock.paused.append((since, day - timedelta(days=1)))
        clock.stopped_since = None
        seventh = day + timedelta(days=6)  # s.47ZL(7)–(8): the end of the 7 days beginning then
        # "if it would then end before" that day: the last day as it stands, s.47ZM included
        # (in-patient days that already moved it count); if so it is suspended for the days
        # needed to end then: the running days from its s.47ZL last day to the seventh day
        last = clock.last(clock.months)
        if last.day < seventh:
            clock.floor_days += running_days_between(last.plain, seventh, clock.paused)


def _extend(clock: _Clock, ext: dict[str, Any], on: date | None,
            problems: list[Problem]) -> Extension:
    """§7.5: an extension has effect only as the next step, by its holder, to a value it allows,
    in time; otherwise the period and the next step are unchanged."""
    to, by = int(ext["to_months"]), str(ext["by_rank"])
    cands = clock.candidates()
    fits = [c for c in cands if to in c[1] and holds(by, c[0])]
    reasons: list[str] = []
    derived = on is None
    late_on: date | None = None  # a period not running (s.47ZL) has not ended: in time
    if clock.stopped_since is None and (clock.ended is not None or on is not None):
        last = clock.last(clock.months)  # with s.47ZM(4)–(5)
        if clock.ended is not None or (on is not None and on > last.day):
            late_on = last.day  # ss.47ZD(1)(b), 47ZDA(1)(b), 47ZE(8), 47ZF(2) (s.47ZJ(3))
            derived = clock.note_last("the last day used to judge an extension", clock.months,
                                      last) or derived
        elif on is not None and on > last.plain:  # in time only because of days not run: verify
            clock.note_last("the last day used to judge an extension", clock.months, last)
    rung = (fits or [c for c in cands if to in c[1]] or cands)[0][0]
    if late_on is not None:
        verb = "the application was made" if rung.court else "it was given"
        reasons.append(f"{verb} after the bail period had ended on {late_on} ({rung.in_time})")
    if not fits:
        nxt = " or ".join(lad.rung_words(c[0], c[1]) for c in cands)
        if not any(to in c[1] for c in cands):
            reasons.append(f"the next step is {nxt}, not {to} months")
        elif not any(holds(by, c[0]) for c in cands):
            court = all(c[0].court for c in cands) and by != COURT
            reasons.append(f"the next step is {nxt}; {lad.rank_words(by)} does not hold that power"
                           + ("; only a magistrates' court can extend it now" if court else ""))
        else:
            reasons.append(f"the next step is {nxt}; {lad.rank_words(by)} cannot extend to "
                           f"{to} months")
    when = f"on {on}" if on is not None else "(no date recorded)"
    head = f"the extension to {to} months {when} by {lad.rank_words(by)}"
    if reasons:
        if clock.arrest_assumed:  # the ladder, and the last day, rest on the decision's day
            reasons.append("verify: no arrest is recorded, so the decision date was taken as "
                           "the day of arrest")
        problems.append(Problem("extension-unlawful", f"{head} had no effect: "
                                + "; ".join(reasons), derived))
        return Extension(on, by, to, rung.section, False, "; ".join(reasons))
    if on is None:
        clock.note(f"{head} has no date: bailcheck took it as given in time, after the dated "
                   "extension listed before it")
    rung, _, index, skipped = fits[0]
    if rung.rank == ADM and by == "commander":
        clock.note(f"a commander was taken to hold the appropriate decision-maker's power "
                   f"({rung.section})")
    if skipped:
        clock.note(f"the court's extension to {to} months was read as following the step before "
                   "s.47ZE, which was not taken (s.47ZF(1))")
    _note_rung(clock, rung)
    if ext.get("representations_considered") is False and not rung.court:
        problems.append(Problem("representations-not-considered", f"{head} stands, but the record "
                                "says representations were not considered: before deciding, the "
                                "person or their lawyer must be told and any representations "
                                f"considered ({rung.procedure})", True))
    clock.months = to  # each step runs to to_months from the bail start date
    clock.pos = min(index + 1, len(clock.ladder.rungs) - 1)  # s.47ZG may be taken again
    return Extension(on, by, to, rung.section, True, None)


def _note_rung(clock: _Clock, rung: Rung) -> None:
    if rung.section == "s.47ZG":
        clock.note("s.47ZG was read as adding 3 or 6 months to the period")
    if rung.probable:
        clock.note(f"{rung.section} under the 2017 text (who, and to how many months) rests on "
                   "secondary sources, not the Act's text")


def _finish(clock: _Clock, regime: Regime, dates: dict[str, Any], extensions: list[Extension],
            problems: list[Problem]) -> BailClock:
    running = clock.stopped_since is None
    end: date | None = None
    end_verify = False
    if running:
        last = clock.last(clock.months)
        end = last.day  # after it ended nothing changed the period, so this is that day
        end_verify = (clock.note_last("the last day of the bail period", clock.months, last)
                      or clock.arrest_assumed)
        suspended = (end - nominal_end(clock.start, clock.months)[0]).days
    else:
        suspended = sum((b - a).days + 1 for a, b in clock.paused) + clock.floor_days
    answer = dates.get("answer_bail_on")
    if end is not None and answer is not None and day_of(answer) > end:  # s.47ZA(2); s.47(4D)
        problems.append(Problem("answer-bail-after-bail-period", f"the return date {day_of(answer)} "
                                f"is after the last day of the bail period, {end}: the return must "
                                "be on that day or earlier (s.47ZA(2), (5)) and no later time may "
                                "be appointed (s.47(4D))", end_verify))
    steps = _steps(clock, running and clock.ended is None)
    return BailClock(regime, lad.REGIME_NAMES[regime], "running" if running else "not_running",
                     clock.start, end, suspended, tuple(extensions), steps, tuple(problems),
                     tuple(clock.notes), end_verify)


def _steps(clock: _Clock, dated: bool) -> tuple[Step, ...]:
    """Every remaining step up to and including the next court step, each with the last day of
    the period as it would stand before it; later steps assume the earlier ones are taken."""
    if clock.ended is not None:
        return ()
    out: list[Step] = []
    pos, months = clock.pos, clock.months
    while True:
        rung = clock.ladder.rungs[pos]
        values = allowed(rung, months)
        last = clock.last(months) if dated else None
        flag = last is not None and clock.note_last(
            f"the last day for the {rung.section} step", months, last)
        _note_rung(clock, rung)
        how = "on an application made" if rung.court else "given"
        basis = ("if the step before is taken, " if out else "") + (
                 f"{lad.HOLDER_WORDS[rung.rank]} may extend the period to "
                 f"{lad.months_words(values)} from the bail start date, {how} before it ends "
                 f"({rung.in_time})")
        if rung.optional:
            court = clock.ladder.rungs[pos + 1]
            basis += (f"; or, without it, a magistrates' court to "
                      f"{lad.months_words(allowed(court, months, skipped=True))} (s.47ZF)")
        out.append(Step(rung.section, rung.rank, values[0], last.day if last else None, bool(out),
                        basis, values, flag or rung.section == "s.47ZG" or rung.rank == ADM
                        or rung.probable or clock.arrest_assumed))
        if rung.court:
            return tuple(out)
        pos, months = pos + 1, values[0]
