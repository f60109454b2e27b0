"""Regression over the past-case corpus, decision drift, JUnit output and parallel runs."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import ROOT, TODAY, run_json, write

CASES = ROOT / "tests" / "cases"
AS_OF = ("--as-of", TODAY.isoformat())


def test_corpus_passes(run) -> None:
    result = run("regress", "tests/cases", *AS_OF)
    assert result.exit_code == 0, result.output
    count = len(list(CASES.glob("*.yaml")))
    assert count >= 25
    assert result.stdout.splitlines()[-1] == f"{count} passed, 0 failed"


def test_corpus_covers_every_built_in_rule(run, builtin_policy) -> None:
    _, out = run_json(run, "tests/cases", "examples")
    fired = {f["rule"] for r in out["records"] for c in r["conditions"] for f in c["findings"]}
    fired |= {f["rule"] for r in out["records"] for f in r["findings"]}
    assert {r.id for r in builtin_policy.rules} - fired == set()


def test_wrong_expectation_fails_with_a_readable_diff(run, tmp_path) -> None:
    text = (CASES / "06-security-for-offending.yaml").read_text().replace(
        "{c1: unlawful, c2: ok}", "{c1: ok, c2: ok}")
    write(tmp_path, "cases/06.yaml", text)
    result = run("regress", str(tmp_path / "cases"), *AS_OF)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"FAIL {tmp_path}/cases/06.yaml (CX/24/0106)"
    assert lines[1] == "  c1: expected ok, got unlawful"
    assert lines[2].startswith("      unlawful [surety-security-for-surrender-only] A surety or")
    assert lines[-1] == "0 passed, 1 failed"


def test_junit_xml_counts_match(run, tmp_path) -> None:
    shutil.copytree(CASES, tmp_path / "cases")
    path = tmp_path / "cases" / "09-purpose-missing.yaml"
    path.write_text(path.read_text().replace("c2: needs_justification", "c2: ok"))
    write(tmp_path, "cases/zz-broken.yaml", "bailcheck: 1\n")
    report = tmp_path / "report.xml"
    result = run("regress", str(tmp_path / "cases"), "--junit", str(report), *AS_OF)
    assert result.exit_code == 2  # an unreadable record outranks a mismatch
    suite = ET.parse(report).getroot().find("testsuite")
    assert suite is not None
    total = len(list((tmp_path / "cases").glob("*.yaml")))
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == (
        str(total), "1", "1")
    failed = [t for t in suite.iter("testcase") if t.find("failure") is not None]
    assert len(failed) == 1 and "09-purpose-missing.yaml" in failed[0].get("name", "")
    assert "c2: expected ok, got needs_justification" in (failed[0].find("failure").text or "")


def test_keyword_filter(run) -> None:
    result = run("regress", "tests/cases", "examples", "-k", "picket", *AS_OF)
    read = len(list(CASES.glob("*.yaml"))) + len(list((ROOT / "examples").glob("*.yaml")))
    assert result.stdout.splitlines()[-1] == f"3 passed, 0 failed, {read - 3} deselected by -k"
    result = run("regress", "tests/cases", "-k", "nomatch", *AS_OF)
    assert result.exit_code == 2
    assert "-k 'nomatch' selects no record" in result.stderr
    result = run("regress", "tests/cases", "-k", "CX/24/0117", *AS_OF)
    assert result.stdout.splitlines()[-1].startswith("1 passed, 0 failed, ")
    assert result.stdout.splitlines()[-1].endswith(" deselected by -k")


def _twelve_hour_curfew_rule(tmp_path: Path) -> Path:
    """A copy of the built-in rules in which the 16-hour curfew rule fires from 12 hours."""
    modified = tmp_path / "modified"
    shutil.copytree(ROOT / "policies", modified)
    curfews = modified / "curfew-and-reporting.yaml"
    curfews.write_text(curfews.read_text().replace(
        "when: {fact: curfew_hours, ge: 16}", "when: {fact: curfew_hours, ge: 12}"))
    return modified


def _with_and_without_expect(tmp_path: Path) -> None:
    """cases/a.yaml, a past case with its `expect` block, and cases/b.yaml, the same without."""
    text = (CASES / "06-security-for-offending.yaml").read_text()
    write(tmp_path, "cases/a.yaml", text)
    write(tmp_path, "cases/b.yaml", text[: text.index("expect:")])


def test_drift_between_built_in_set_and_a_modified_copy(run, tmp_path) -> None:
    modified = _twelve_hour_curfew_rule(tmp_path)
    result = run("regress", "tests/cases", "--no-builtin", "--policy", str(modified),
                 "--baseline-policy", str(ROOT / "policies"), *AS_OF)
    drift = sorted(line for line in result.stdout.splitlines() if line.startswith("DRIFT"))
    assert drift == [
        ("DRIFT tests/cases/07-parent-surety-turning-17.yaml (CX/25/0107) c2: "
        "needs_justification -> disproportionate [+curfew-16-hours-or-more]"),
        ("DRIFT tests/cases/13-twelve-hour-curfew-early-shift.yaml (CX/24/0113) c1: "
        "needs_justification -> disproportionate [+curfew-16-hours-or-more]"),
        ("DRIFT tests/cases/v2-45-curfews-sum-12-hours.yaml (V2/25/0045) c1: "
        "needs_justification -> disproportionate [+curfew-16-hours-or-more]"),
        ("DRIFT tests/cases/v2-45-curfews-sum-12-hours.yaml (V2/25/0045) c2: "
        "needs_justification -> disproportionate [+curfew-16-hours-or-more]"),
    ]
    assert "4 condition(s) in 3 case(s) change verdict against the baseline policy" \
        in result.stdout
    assert result.exit_code == 1  # and the two cases now fail their expectations
    same = run("regress", "tests/cases", "--baseline-policy", str(ROOT / "policies"),
               "--no-builtin", "--policy", str(ROOT / "policies"), "--fail-on-drift", *AS_OF)
    assert same.exit_code == 0 and "DRIFT" not in same.stdout


def test_drift_lines_show_file_names_and_references_escaped(run, tmp_path) -> None:
    modified = _twelve_hour_curfew_rule(tmp_path)
    text = (CASES / "13-twelve-hour-curfew-early-shift.yaml").read_text()
    write(tmp_path, "cases/a\x1b[31mb.yaml", text.replace("CX/24/0113", "CX/\u202e0113"))
    result = run("regress", str(tmp_path / "cases"), "--no-builtin", "--policy", str(modified),
                 "--baseline-policy", str(ROOT / "policies"), *AS_OF)
    drift = [line for line in result.stdout.splitlines() if line.startswith("DRIFT")]
    assert drift == [(f"DRIFT {tmp_path}/cases/a\\x1b[31mb.yaml (CX/<U+202E>0113) c1: "
                      "needs_justification -> disproportionate [+curfew-16-hours-or-more]")]
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout


def test_jobs_give_the_same_output(run) -> None:
    one = run("check", "tests/cases", "--format", "json", *AS_OF)
    two = run("check", "tests/cases", "--format", "json", "--jobs", "2", *AS_OF)
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    assert run("regress", "tests/cases", "-j", "2", *AS_OF).stdout == \
        run("regress", "tests/cases", *AS_OF).stdout


def test_no_builtin_needs_a_policy(run) -> None:
    result = run("check", "examples", "--no-builtin")
    assert result.exit_code == 2
    assert "--no-builtin needs at least one --policy folder" in result.stderr



def test_an_existing_junit_file_is_refused_before_any_case_runs(run, tmp_path) -> None:
    report = tmp_path / "report.xml"
    report.write_text("<old/>")
    result = run("regress", "tests/cases", "--junit", str(report), *AS_OF)
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert "passed" not in result.stdout  # nothing ran
    assert run("regress", "tests/cases", "--junit", str(report), "--force", *AS_OF).exit_code == 0


def test_records_without_expect_are_skipped_testcases(run, tmp_path) -> None:
    import xml.etree.ElementTree as ET

    _with_and_without_expect(tmp_path)
    report = tmp_path / "r.xml"
    result = run("regress", str(tmp_path / "cases"), "--junit", str(report), *AS_OF)
    assert result.exit_code == 0 and result.stdout.splitlines()[-1] == "1 passed, 0 failed, 1 skipped"
    suite = ET.parse(report).getroot().find("testsuite")
    assert suite is not None and (suite.get("tests"), suite.get("skipped")) == ("2", "1")
    assert len(suite.findall("testcase/skipped")) == 1
    # with nothing to compare at all, the run is an error, not a pass
    (tmp_path / "cases/a.yaml").unlink()
    result = run("regress", str(tmp_path / "cases"), *AS_OF)
    assert result.exit_code == 2
    assert "no record has an `expect` block (1 read), so nothing was compared" in result.output


def test_a_keyword_selecting_only_records_without_expect_counts_what_was_read(run, tmp_path):
    _with_and_without_expect(tmp_path)
    result = run("regress", str(tmp_path / "cases"), "-k", "b.yaml", *AS_OF)
    assert result.exit_code == 2
    assert ("no record selected by -k 'b.yaml' has an `expect` block (1 selected of 2 read)"
            in result.stderr)


def test_an_unknown_expected_rule_is_a_typo_not_a_mismatch(run, tmp_path) -> None:
    text = (CASES / "06-security-for-offending.yaml").read_text().replace(
        "rules: [surety-security-for-surrender-only]", "rules: [surety-security-for-surrendr]")
    write(tmp_path, "cases/06.yaml", text)
    result = run("regress", str(tmp_path / "cases"), *AS_OF)
    assert result.exit_code == 2
    assert (f"{tmp_path / 'cases/06.yaml'}:{_line_of(text, 'surrendr')}:11: expect.rules names "
            "`surety-security-for-surrendr`, which no loaded rule has (did you mean "
            "`surety-security-for-surrender-only`?)") in result.stdout
    # a record's text never reaches the terminal raw, nor whole
    text = text.replace("rules: [surety-security-for-surrendr]", 'rules: ["a\\e]0;t\\a\\u202eb"]')
    write(tmp_path, "cases/06.yaml", text)
    result = run("regress", str(tmp_path / "cases"), *AS_OF)
    assert result.exit_code == 2
    assert "names `a\\x1b]0;t\\x07<U+202E>b`, which no loaded rule has" in result.stdout
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout


def test_a_file_name_is_shown_escaped(run, tmp_path) -> None:
    text = (CASES / "06-security-for-offending.yaml").read_text().replace(
        "rules: [surety-security-for-surrender-only]", "rules: [no-such-rule]")
    write(tmp_path, "cases/odd\x1b[2Jname.yaml", text)
    result = run("regress", str(tmp_path / "cases"), *AS_OF)
    assert result.exit_code == 2
    assert "FAIL " in result.stdout and "odd\\x1b[2Jname.yaml" in result.stdout
    assert "\x1b" not in result.stdout


def _line_of(text: str, word: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if word in line)


def test_no_records_is_an_error_not_a_pass(run, tmp_path) -> None:
    (tmp_path / "empty").mkdir()
    write(tmp_path, "other/notes.txt", "not a record")
    for folder in ("empty", "other"):
        result = run("regress", str(tmp_path / folder), *AS_OF)
        assert result.exit_code == 2
        assert "no records found: give .yaml files or folders holding them" in result.output
        assert "passed" not in result.stdout
