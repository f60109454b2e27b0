"""The words and small helpers the drafts share: how stages, powers, roles and purposes are
named, the documents' titles, and the text-safety helpers for anything taken from a record."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from bailcheck.documents.proposals import hhmm
from bailcheck.facts.words import join_and, words
from bailcheck.findings import Verdict
from bailcheck.record.validate import Record
from bailcheck.safe_text import visible

__all__ = ["hhmm"]  # re-exported for the notes

# re-bail after an arrest under s.46A: the conditions before the arrest continue (law.md §1.3)
REBAIL = {"s37C_2_b": ("s.37C(2)(b)", "s.37C(4)"), "s37CA_2_b": ("s.37CA(2)(b)", "s.37CA(4)")}
BLOCKING = Verdict.UNENFORCEABLE  # at or above: "cannot be imposed as drafted"
STAGE_WORDS = {"street": "street bail", "pre_charge": "pre-charge bail",
               "post_charge": "police bail to court after charge", "court": "court bail"}
POWER_WORDS = {"s30A": "PACE 1984 s.30A", "s37_2": "PACE 1984 s.37(2)",
               "s37_7_a": "PACE 1984 s.37(7)(a)", "s37_7_b": "PACE 1984 s.37(7)(b)",
               "s37C_2_b": "PACE 1984 s.37C(2)(b)", "s37CA_2_b": "PACE 1984 s.37CA(2)(b)",
               "s38_1": "PACE 1984 s.38(1)", "s40_10": "PACE 1984 s.40(10)"}
ROLE_WORDS = {"custody_officer": "the custody officer", "constable": "a constable",
              "inspector": "an inspector", "superintendent": "a superintendent",
              "commander": "a commander", "magistrates": "the magistrates' court",
              "crown_court": "the Crown Court"}
PURPOSE_SUB = {"surrender": "(a)", "no_offending": "(b)", "no_interference": "(c)",
               "own_protection": "(ca)", "welfare": "(ca)", "reports": "(d)",
               "legal_interview": "(e)"}
STREET_SUB = {"surrender": "(a)", "no_offending": "(b)", "no_interference": "(c)",
              "own_protection": "(d)", "welfare": "(d)"}
VERDICT_WORDS = {Verdict.UNLAWFUL: "outside the power to impose it",
                 Verdict.DISPROPORTIONATE: "not shown to be necessary and proportionate on the "
                 "facts recorded",
                 Verdict.UNENFORCEABLE: "too uncertain to be obeyed or enforced"}
TITLES = {
    "custody": ("Note of reasons for bail conditions", "Bail Act 1976 s.5A"),
    "custody-street": ("Note of reasons for street bail conditions", "PACE 1984 s.30A"),
    "custody-rebail": (("Note of release on bail again, on the conditions that applied before "
                        "the arrest"), "PACE 1984 s.37C(4)"),
    "court": ("Note of the court's reasons for bail conditions", "Bail Act 1976 s.5(3)–(4)"),
    "solicitor": ("Representations on bail conditions", ""),
    "rui": ("Released under investigation: no bail conditions", "PACE 1984 s.47(1A)"),
}



def _long_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def _when(value: datetime) -> str:
    text = _long_date(value)
    return f"{text} at {value:%H:%M}" if (value.hour, value.minute) != (0, 0) else text


def _safe(value: Any) -> Any:
    """Record text made safe for every output: control characters and bidi overrides shown
    as escapes, private-use marks (the templates' own) dropped."""
    if isinstance(value, str):
        return visible(value).replace("\ue000", "").replace("\ue001", "")
    if isinstance(value, dict):
        return {k: _safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_safe(v) for v in value]
    return value


_KEYISH = re.compile(r"`([^`]*)`")
_PAREN_KEY = re.compile(r"\s*\([^()]*`[^()]*\)")
_PAREN_POLICY = re.compile(r"\s*\([^()]*this policy[^()]*\)")
_BRACKET = re.compile(r"\[(?!to complete:)([^\]]+)\]")
GENERIC_GAPS = {"reasons", "reason", "evidence", "the evidence", "individual evidence",
                "the reasons"}


def scrub(text: str, where: str = "", record: Record | None = None) -> str:
    """A rule's text without YAML key names: parentheses that name a key or the policy's own
    thresholds dropped, any other `key` read as words, bare [gaps] made placeholders (saying
    `where` in brackets, e.g. "(condition 2)", so that the list at the end can tell them
    apart), and, given the record, a condition listed by its id (`c2 ("…")`, as facts list
    them) named by number."""
    text = by_number(text, record)
    out = _PAREN_POLICY.sub("", _PAREN_KEY.sub("", text))
    out = _KEYISH.sub(lambda m: words(m.group(1).split(":")[0].split(".")[-1]), out)
    tail = f" ({where})" if where else ""
    out = _BRACKET.sub(lambda m: f"[to complete: {m.group(1)}{tail}]", out)
    return re.sub(r"\s+([.,;])", r"\1", " ".join(out.split()))


def by_number(text: str, record: Record | None) -> str:
    """A condition listed by its id (`c2 ("…")`, as facts list them) named by its number."""
    for n, cond in enumerate(record.conditions if record is not None else (), 1):
        text = text.replace(f'{cond["id"]} ("', f'condition {n} ("')
    return text


def number_of(record: Record, cid: str) -> int:
    return next(i for i, c in enumerate(record.conditions, 1) if c["id"] == cid)


def may_be_sent_for_trial(data: dict[str, Any], convicted: bool) -> bool:
    """A magistrates' court's case that may yet be sent to the Crown Court for trial: an
    offence that is not summary only, and no conviction yet (a convicted defendant is not sent
    for trial)."""
    return (data["decision"].get("by_role", "") != "crown_court" and not convicted
            and any(o["mode_of_trial"] != "summary" for o in data["offences"]))


def earlier(raised: dict[str, list[int]], text: str, n: int) -> str:
    """Note that condition `n` raises `text`; the conditions that raised it before, in words
    ("condition 1", "conditions 1 and 2"), or "" if none did. A draft says a point once and
    points back to it after, naming the earlier conditions so that no pointer repeats (up to
    NAMED_BEFORE of them; then the first few and how many others)."""
    numbers = raised.setdefault(text, [])
    before = [m for m in numbers if m != n]
    if n not in numbers:
        numbers.append(n)
    if not before:
        return ""
    if len(before) > NAMED_BEFORE:  # a long list would be read by no one, and grow as n²
        shown = [str(m) for m in before[:NAMED_BEFORE - 1]]
        return "conditions " + ", ".join(shown) + f" and {len(before) - len(shown)} others"
    return ("condition " if len(before) == 1 else "conditions ") + join_and(
        [str(m) for m in before])


NAMED_BEFORE = 6  # the most earlier conditions a pointer back names one by one
