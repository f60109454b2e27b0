"""`bailcheck report`: each record read and checked once, boiled down to a small summary.

The report needs record fields a RecordReport does not carry (force, station, officer, decision
date, condition wordings, the people's names to take out of them), so each record is read here,
checked with the same engine, and reduced in the worker to a `RecordSummary`: only that small
value crosses between processes, and report_monitor.Monitor adds it to counters as it streams
past. Names of the record's `people` are replaced by placeholders (report_words) before
anything leaves the worker, so they can never reach the report.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NamedTuple, cast

from bailcheck.batch import find_records, isolated, map_records
from bailcheck.documents.report_words import scrubber_for, wording
from bailcheck.engine import evaluate
from bailcheck.findings import Outcome, RecordFailure, RecordReport, Reminder
from bailcheck.record.validate import Record, load_record
from bailcheck.rules.policy import Policy

WITHHELD = "[file name withheld: it holds a name from `people`]"
REVIEW_DAYS = 14  # "to review now": due within this many days of --as-of, or overdue

# Rights-engaging conditions (ECHR Arts 9–11): activity restrictions on expression, assembly,
# association and religion, and exclusions covering a home, a workplace or a whole area.
RIGHTS_ACTIVITIES = frozenset({"protest", "picketing", "trade_union", "strike_action", "political",
                               "religious", "publication", "social_media"})
RIGHTS_COVERS = frozenset({"home", "workplace", "town", "county", "city", "place_of_worship"})

class ConditionSummary(NamedTuple):
    id: str
    type: str
    verdict: str
    rules: tuple[str, ...]  # rules whose findings count (accepted ones do not)
    wording: str  # normalised: lower case, no punctuation, names and places as placeholders
    example: str  # the wording as written, with names and places as placeholders
    rights: tuple[str, ...]  # rights-engaging categories, e.g. "activity: protest"


class Due(NamedTuple):
    date: str
    what: str
    basis: str
    status: str
    rank: str
    derived: bool  # the rank was read off the reminder's words (Reminder.rank was empty)


class RecordSummary(NamedTuple):
    """What the report keeps of one record; `outcome` is what `check`'s tally adds up.
    Summaries are named tuples: they cross from the workers twice as fast as dataclasses."""

    path: str
    outcome: Outcome
    reference: str = ""
    force: str = ""
    station: str = ""
    officer: str = ""
    decided: str = ""  # ISO date of decision.made_at
    stage: str = ""
    worst: str = ""
    conditions: tuple[ConditionSummary, ...] = ()
    record_rules: tuple[str, ...] = ()  # counted record-level findings, by rule
    due: tuple[Due, ...] = ()  # reminders overdue or within REVIEW_DAYS
    problem_at: tuple[int, int] = (0, 0)  # unreadable: the first problem's line and column
    problems: int = 0
    linkable: bool = True  # False when the file's name holds a name from `people` (then `path`
    # is WITHHELD, in every output)


# -- one record


def summarise(path: Path | str, policy: Policy, today: date) -> RecordSummary:
    """Read one record, check it, and keep what the report needs; a record that cannot be
    read (or a bug while handling it) becomes an unreadable summary, as in `check`."""
    def work() -> Any:
        record = load_record(path)
        return (summary_of(record, evaluate(record, policy, today), today),)

    result: Any = isolated(path, work, 1)[0]
    if isinstance(result, RecordFailure):
        first = result.problems[0]
        return RecordSummary(result.path, Outcome.of(result),
                             problem_at=(first.line, first.column), problems=len(result.problems))
    return cast(RecordSummary, result)


def summary_of(record: Record, report: RecordReport, today: date) -> RecordSummary:
    data = record.data
    scrub = scrubber_for(data)
    decision = data["decision"]
    conditions = []
    for cond, result in zip(record.conditions, report.conditions, strict=True):
        compared, shown = wording(scrub.marked(cond["text"]))
        conditions.append(ConditionSummary(
            result.id, result.type, result.verdict.label,
            tuple(sorted({f.rule for f in result.findings if not f.accepted})),
            compared, shown, _rights(cond)))
    path, reference, force, station, officer = scrub.names_shown((
        report.path, report.reference, str(data["case"].get("force", "")),
        str(decision.get("station", "")), str(decision.get("by", ""))))
    linkable = path == report.path
    return RecordSummary(
        path=path if linkable else WITHHELD, outcome=Outcome.of(report), reference=reference,
        force=force, station=station, officer=officer,
        decided=decision["made_at"].date().isoformat(), stage=data["stage"],
        worst=report.worst.label, conditions=tuple(conditions),
        record_rules=tuple(sorted({f.rule for f in report.findings if not f.accepted})),
        due=_due(report.reminders, data["stage"], today),
        linkable=linkable)


def _rights(cond: dict[str, Any]) -> tuple[str, ...]:
    if cond["type"] == "activity" and cond.get("activity") in RIGHTS_ACTIVITIES:
        return (f"activity: {cond['activity'].replace('_', ' ')}",)
    if cond["type"] == "exclusion":
        covers = sorted(RIGHTS_COVERS.intersection(cond.get("covers", [])))
        return tuple(f"exclusion covering {c.replace('_', ' ')}" for c in covers)
    return ()


def _due(reminders: tuple[Reminder, ...], stage: str, today: date) -> tuple[Due, ...]:
    horizon = (today + timedelta(days=REVIEW_DAYS)).isoformat()
    out = []
    for r in reminders:
        if r.status != "overdue" and r.date > horizon:
            continue
        rank, derived = RANK_WORDS.get(r.rank, r.rank.replace("_", " ")), False
        if not rank:
            derived = True
            rank = (_extension_rank(reminders, r.date, stage) if r.key == "bail-period-end"
                    else derived_rank(r, stage))
        out.append(Due(r.date, r.what, r.basis, r.status, rank, derived))
    return tuple(out)


def _extension_rank(reminders: tuple[Reminder, ...], day: str, stage: str) -> str:
    """Who must act at the end of a bail period: who may extend it, that day (the last
    extension reminder on that date, if several)."""
    rank = ""
    for r in reminders:
        if r.key.startswith("extension-") and r.date == day:
            rank = RANK_WORDS.get(r.rank, r.rank) or derived_rank(r, stage)
    return rank


RANK_WORDS = {  # Reminder.rank -> who must act, in words
    "custody_officer": "custody officer", "inspector": "inspector or above",
    "superintendent": "superintendent or above", "commander": "commander or above",
    "appropriate_decision_maker": "appropriate decision-maker",
    "magistrates": "magistrates' court, on a police application",
}
_EXTEND = re.compile(r"Last day for (?:an? )?(.+?) or above to extend")


def derived_rank(reminder: Reminder, stage: str) -> str:
    """Who must act on a reminder, read off its key and words, for as long as Reminder.rank
    is left empty (until the bail-clock rework fills it in)."""
    key, what = reminder.key, reminder.what
    if key.startswith("extension-"):
        if "magistrates' court" in what:
            return "magistrates' court, on a police application"
        found = _EXTEND.search(what)
        return f"{found.group(1)} or above" if found else ""
    if key.startswith("review-") or key == "answer-bail":
        return "the court, on application" if stage == "court" else "custody officer"
    return ""  # a court date or a condition's own end: no rank must act


# -- many records


def summaries(paths: Iterable[Path], policy: Policy, today: date, jobs: int = 1
              ) -> Iterator[RecordSummary]:
    """Each record's summary, in file order, shared among workers as `check` shares them."""
    return map_records(paths, lambda path: summarise(path, policy, today), jobs)


def count_records(paths: Iterable[Path]) -> int:
    """How many records a run will read (walks the folders; reads no file)."""
    return sum(1 for _ in find_records(paths))


def relative_link(path: str, base: Path) -> str:
    """A link from the report's folder to a record, relative (so that no `//` appears and the
    report and records can move together), percent-encoded."""
    from urllib.parse import quote

    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base))
    except ValueError:  # another drive (Windows)
        rel = os.path.abspath(path)
    return quote(Path(rel).as_posix())
