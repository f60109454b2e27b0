"""Every v1 record in tests/ and examples/ still loads under decision model v2 and gives the same
verdicts, except where a v2 rule reads facts the record already carries (listed below with the
reason). The records are frozen copies, as they stood before v2 (tests/data/v1-records/: the
past-case corpus 01-30, the shipped examples, the `bailcheck new` fixture); V1 holds the verdicts
bailcheck gave them then: each condition's verdict, and the record-level rules that fired."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import ROOT, TODAY

from bailcheck.engine import evaluate
from bailcheck.record.validate import load_record

RECORDS = ROOT / "tests" / "data" / "v1-records"

# name -> ({condition id: v1 verdict}, v1 record-level rules)
V1: dict[str, tuple[dict[str, str], list[str]]] = {
    "01-street-bail-surety.yaml": ({'c1': 'unlawful', 'c2': 'ok'},
        []),
    "02-police-hostel-and-tag.yaml": ({'c1': 'unlawful', 'c2': 'unlawful', 'c3': 'ok', 'c4': 'ok'},
        []),
    "03-court-hostel-and-reports.yaml": ({'c1': 'ok', 'c2': 'ok'},
        []),
    "04-police-reports-and-legal-interview.yaml": ({'c1': 'unlawful', 'c2': 'unlawful'},
        []),
    "05-rebail-after-breach.yaml": ({'c1': 'ok', 'c2': 'unlawful'},
        []),
    "06-security-for-offending.yaml": ({'c1': 'unlawful', 'c2': 'ok'},
        []),
    "07-parent-surety-turning-17.yaml": ({'c1': 'unlawful', 'c2': 'needs_justification'},
        []),
    "08-welfare-for-an-adult.yaml": ({'c1': 'unlawful', 'c2': 'ok'},
        []),
    "09-purpose-missing.yaml": ({'c1': 'needs_justification', 'c2': 'needs_justification'},
        []),
    "10-court-conditions-without-risk.yaml": ({'c1': 'disproportionate', 'c2': 'disproportionate'},
        []),
    "11-indictable-only.yaml": ({'c1': 'needs_justification', 'c2': 'ok'},
        []),
    "12-long-curfew-daily-reporting.yaml": ({'c1': 'disproportionate', 'c2': 'needs_justification'},
        []),
    "13-twelve-hour-curfew-early-shift.yaml": ({'c1': 'needs_justification', 'c2': 'ok'},
        []),
    "14-domestic-excluded-from-shared-home.yaml": ({'c1': 'needs_justification', 'c2': 'ok'},
        []),
    "15-neighbour-excluded-from-own-home.yaml": ({'c1': 'disproportionate', 'c2': 'ok'},
        ['victim-views-not-sought']),
    "16-county-ban-site-protest.yaml": ({'c1': 'disproportionate', 'c2': 'ok'},
        []),
    "17-town-ban-prolific-shoplifter.yaml": ({'c1': 'needs_justification', 'c2': 'ok'},
        []),
    "18-drunk-and-disorderly-curfew.yaml": ({'c1': 'disproportionate'},
        []),
    "19-non-imprisonable-with-failures.yaml": ({'c1': 'needs_justification'},
        []),
    "20-picket-limited-to-the-dispute.yaml": ({'c1': 'ok', 'c2': 'needs_justification'},
        []),
    "21-picket-limited-without-reason.yaml": ({'c1': 'needs_justification'},
        []),
    "22-online-and-driving-bans-offline-offence.yaml": ({'c1': 'disproportionate', 'c2': 'disproportionate'},
        []),
    "23-online-harassment-targeted-ban.yaml": ({'c1': 'ok', 'c2': 'ok'},
        []),
    "24-unenforceable-drafting.yaml": ({'c1': 'unenforceable', 'c2': 'unenforceable', 'c3': 'unenforceable', 'c4': 'unenforceable', 'c5': 'unenforceable', 'c6': 'unenforceable'},
        []),
    "25-doorstep-alone-and-good-behaviour.yaml": ({'c1': 'unenforceable', 'c2': 'unenforceable'},
        []),
    "26-residence-with-the-complainant.yaml": ({'c1': 'disproportionate', 'c2': 'unenforceable'},
        []),
    "27-precharge-2019-extension-by-inspector.yaml": ({'c1': 'ok'},
        ['extension-unlawful', 'precharge-2017-inspector-authorisation']),
    "28-precharge-2023-return-after-period.yaml": ({'c1': 'ok'},
        ['answer-bail-after-bail-period', 'copy-not-given', 'reasons-not-recorded']),
    "29-court-no-real-prospect-of-custody.yaml": ({'c1': 'needs_justification'},
        ['breach-cannot-lead-to-remand']),
    "30-curfew-without-address.yaml": ({'c1': 'unenforceable'},
        []),
    "example-clean-reporting.yaml": ({'c1': 'ok'},
        []),
    "example-domestic-precharge.yaml": ({'c1': 'ok', 'c2': 'ok'},
        []),
    "example-picket-line.yaml": ({'c1': 'disproportionate', 'c2': 'disproportionate', 'c3': 'disproportionate'},
        ['breach-cannot-lead-to-remand']),
    "example-rui-with-conditions.yaml": ({'c1': 'unlawful'},
        []),
    "new-picket-expected.yaml": ({'c1': 'disproportionate', 'c2': 'disproportionate', 'c3': 'disproportionate'},
        ['breach-cannot-lead-to-remand']),
}

# Where v2 changes a v1 verdict, and why (decision model, "Changes from v1").
CHANGED_CONDITIONS = {
    ("23-online-harassment-targeted-ban.yaml", "c1"): (
        "ok", "needs_justification",
        ("§4.2: a social-media ban with no `place` reads as a whole platform, wider than the "
         "offence, so even with a reason it needs justification (the record already carries "
         "`activity` and no `place`)")),
}
CHANGED_RECORD_RULES = {
    "01-street-bail-surety.yaml": (
        {"street-bail-reasons-not-recorded", "street-bail-copy-not-given"},
        ("§6: street-bail conditions without recorded reasons or a copy (s.30C(3), verify); the "
         "record already carries no `reasons_recorded` or `copy_given`")),
}


def _clock_rules(policy) -> set[str]:
    """Rules of the bail clock (policies/clock.yaml) change with the clock, not with v2's rules."""
    return {r.id for r in policy.rules if Path(r.source).name == "clock.yaml"}


def test_every_v1_record_is_here() -> None:
    assert sorted(p.name for p in RECORDS.glob("*.yaml")) == sorted(V1)


@pytest.mark.parametrize("name", sorted(V1))
def test_v1_record_keeps_its_verdicts(name, builtin_policy) -> None:
    report = evaluate(load_record(RECORDS / name), builtin_policy, TODAY)
    conditions, record_rules = V1[name]
    for cond in report.conditions:
        expected = conditions[cond.id]
        change = CHANGED_CONDITIONS.get((name, cond.id))
        if change:
            assert (expected, cond.verdict.label) == change[:2], change[2]
        else:
            assert cond.verdict.label == expected, (cond.id, [f.rule for f in cond.findings])
    clock = _clock_rules(builtin_policy)
    got = {f.rule for f in report.findings} - clock
    added = CHANGED_RECORD_RULES.get(name, (set(), ""))[0]
    assert got == (set(record_rules) - clock) | added


def test_the_listed_changes_are_all_still_needed(builtin_policy) -> None:
    for (name, cid), (_old, new, _why) in CHANGED_CONDITIONS.items():
        report = evaluate(load_record(RECORDS / name), builtin_policy, TODAY)
        assert next(c for c in report.conditions if c.id == cid).verdict.label == new
