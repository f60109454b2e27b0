"""The JSON renderer's cached pieces add up to exactly what encoding the whole record gives:
the UTF-8 of `json.dumps(record, ensure_ascii=False)`."""

from __future__ import annotations

import json

import pytest
from tests.conftest import ROOT, TODAY

from bailcheck.engine import evaluate
from bailcheck.errors import BailcheckError
from bailcheck.findings import ConditionResult, Finding, RecordReport, Reminder, Verdict
from bailcheck.record.validate import load_record
from bailcheck.render import json_out
from bailcheck.render.base import Options
from bailcheck.rules.policy import Policy


def _utf8(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _reports(policy: Policy) -> list[RecordReport]:
    out = []
    for path in sorted((ROOT / "tests" / "cases").glob("*.yaml")) + sorted(
            (ROOT / "examples").glob("*.yaml")):
        try:
            out.append(evaluate(load_record(path), policy, TODAY))
        except BailcheckError:
            continue
    return out


def _odd() -> RecordReport:
    """Text JSON must escape, and text it must leave alone (ensure_ascii is off)."""
    odd = 'quote " backslash \\ tab \t newline \n nul \x00 é ☃ \u2028 \U0001f600'
    finding = Finding("r", Verdict.UNLAWFUL, odd, (odd, "s.3"), odd, odd, True, odd, 7, 2, odd)
    quiet = Finding("q", Verdict.NOTE, "m", ())
    cond = ConditionResult(odd, "curfew", odd, Verdict.UNLAWFUL, (finding, quiet), 0, 0)
    return RecordReport(odd, odd, (cond,), (quiet, finding),
                        (Reminder("2026-01-01", odd, odd, "today", (odd,), odd, odd),
                         Reminder("2026-01-02", "w")), clock={"state": odd, "n": 1.5},
                        warnings=(odd,))


def test_every_piece_is_the_whole_record_encoded(builtin_policy: Policy) -> None:
    reports = [*_reports(builtin_policy), _odd()]
    renderer = json_out.JsonRenderer(Options())
    for _ in range(2):  # the second time every piece comes from the cache
        for report in reports:
            assert renderer.encode(report) == _utf8(report.as_record()), report.path
    assert any(r.findings for r in reports) and any(r.clock for r in reports)


def test_the_cache_is_bounded_and_stays_right_as_it_turns_over(
        builtin_policy: Policy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_out, "CACHE_SIZE", 5)
    renderer = json_out.JsonRenderer(Options())
    for report in _reports(builtin_policy) * 2:
        assert renderer.encode(report) == _utf8(report.as_record())
        assert len(renderer._pieces) <= 5


def test_a_finding_accepted_or_moved_is_not_served_from_the_cache() -> None:
    renderer = json_out.JsonRenderer(Options())
    finding = Finding("r", Verdict.UNLAWFUL, "m", ("s.3",), line=4, column=1)
    for variant in (finding, finding.with_acceptance("accepted by X: y"),
                    Finding("r", Verdict.UNLAWFUL, "m", ("s.3",), line=5, column=1),
                    Finding("r", Verdict.DISPROPORTIONATE, "m", ("s.3",), line=4, column=1)):
        assert renderer.finding(variant) == _utf8(variant.as_record())


def test_text_that_utf8_cannot_hold_comes_back_as_text_for_the_writer_to_escape() -> None:
    # a file name that is not UTF-8 arrives as lone surrogates; the writer escapes the text
    renderer = json_out.JsonRenderer(Options())
    report = RecordReport("cases/bad\udcff.yaml", "R", (), (), ())
    piece = renderer.encode(report)
    assert piece == json.dumps(report.as_record(), ensure_ascii=False)
    assert renderer.encode(RecordReport("cases/good.yaml", "R", (), (), ())) == _utf8(
        RecordReport("cases/good.yaml", "R", (), (), ()).as_record())


def test_a_documents_pieces_are_joined_alike_as_bytes_and_as_text() -> None:
    as_bytes, as_text = json_out.JsonRenderer(Options()), json_out.JsonRenderer(Options())
    assert as_bytes.piece(b"") == b"" and as_text.piece("") == ""  # nothing adds nothing
    assert as_bytes.piece(b"{}") == b"\n  {}" and as_bytes.piece(b"[]") == b",\n  []"
    assert as_text.piece("{}") == "\n  {}" and as_text.piece("[]") == ",\n  []"
