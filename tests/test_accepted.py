"""Accepted findings (the record's `accepted:` list): they turn a failing run green, and every
format shows and counts them; a lapsed or unmatched entry is a warning."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import RECORDS, TODAY, write
from tests.test_formats import parse_commands

ACCEPTED = """\
accepted:
  - rule: rui-no-conditions
    condition: c1
    reason: Released on bail under s.37(7) the same day; the record is being corrected.
    by: Insp 1234
  - rule: necessity-no-evidence-police
    condition: c1
    reason: Surrender risk recorded on the custody record.
    by: Insp 1234
    review_by: {review}
"""


def record(tmp_path: Path, review: str = "2027-01-31") -> Path:
    text = (RECORDS / "rui-with-conditions.yaml").read_text().replace(
        "expect:", ACCEPTED.format(review=review) + "expect:", 1)
    return write(tmp_path, "accepted.yaml", text)


def check(run: Any, *args: str) -> Any:
    return run("check", "--as-of", TODAY.isoformat(), *args)


def test_without_the_entries_the_record_fails(run) -> None:
    assert check(run, "examples/rui-with-conditions.yaml").exit_code == 1


def test_text_shows_and_counts_them_and_the_run_is_green(run, tmp_path) -> None:
    result = check(run, str(record(tmp_path)))
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Accepted: accepted by Insp 1234: ") == 2
    assert ("2 accepted; no record has a finding at 'unenforceable' or worse (accepted findings "
            "do not count).") in result.stdout


def test_json_counts_them(run, tmp_path) -> None:
    result = check(run, str(record(tmp_path)), "--format", "json")
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert out["summary"]["accepted"] == 2 and out["summary"]["failing"] == 0
    findings = out["records"][0]["conditions"][0]["findings"]
    assert all(f["accepted"].startswith("accepted by Insp 1234: ") for f in findings)


def test_sarif_reports_them_as_suppressed_with_the_justification(run, tmp_path) -> None:
    result = check(run, str(record(tmp_path)), "--format", "sarif")
    assert result.exit_code == 0
    run_ = json.loads(result.stdout)["runs"][0]
    results = run_["results"]
    assert len(results) == 2
    for item in results:
        (suppression,) = item["suppressions"]
        assert suppression["kind"] == "inSource" and suppression["status"] == "accepted"
        assert suppression["justification"].startswith("accepted by Insp 1234: ")
    assert run_["properties"]["summary"]["accepted"] == 2
    assert "2 accepted" in result.stderr


def test_github_makes_them_notices(run, tmp_path) -> None:
    result = check(run, str(record(tmp_path)), "--format", "github")
    assert result.exit_code == 0
    commands, other = parse_commands(result.stdout)
    assert [c["kind"] for c in commands] == ["notice", "notice"]
    assert {c["title"] for c in commands} == {"rui-no-conditions (accepted)",
                                             "necessity-no-evidence-police (accepted)"}
    assert all(c["message"].startswith("Accepted by Insp 1234: ") for c in commands)
    assert "2 accepted" in other[-1]


def test_gitlab_makes_them_info(run, tmp_path) -> None:
    result = check(run, str(record(tmp_path)), "--format", "gitlab")
    assert result.exit_code == 0
    issues = json.loads(result.stdout)
    assert [i["severity"] for i in issues] == ["info", "info"]
    assert all(i["description"].startswith("[accepted by Insp 1234: ") for i in issues)
    assert "2 accepted" in result.stderr


def test_junit_passes_them_and_lists_them(run, tmp_path) -> None:
    result = check(run, str(record(tmp_path)), "--format", "junit")
    assert result.exit_code == 0
    suite = ET.fromstring(result.stdout).find("testsuite")
    assert suite.get("failures") == "0"
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props["accepted"] == "2"
    out = suite.find("testcase[@name='c1 reporting']/system-out").text
    assert out.count("Accepted (accepted by Insp 1234: ") == 2


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "gitlab", "junit"])
def test_a_lapsed_acceptance_counts_again_and_warns(run, tmp_path, fmt) -> None:
    result = check(run, str(record(tmp_path, review="2026-01-31")), "--format", fmt)
    assert result.exit_code == 1
    assert "lapsed on 2026-01-31" in result.stderr


def test_an_entry_that_matches_nothing_is_a_warning(run, tmp_path) -> None:
    text = record(tmp_path).read_text().replace("rule: rui-no-conditions",
                                                "rule: curfew-16-hours-or-more")
    path = write(tmp_path, "unmatched.yaml", text)
    result = check(run, str(path), "--format", "github")
    assert result.exit_code == 1
    assert "no such finding was made" in result.stderr
    commands, _ = parse_commands(result.stdout)
    warning = next(c for c in commands if c["title"] == "bailcheck: accepted")
    assert warning["kind"] == "warning" and int(warning["line"]) > 1
