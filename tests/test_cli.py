"""The command line: exact exit codes, the lines a reader relies on, and one snapshot."""

from __future__ import annotations

import json

import pytest
from tests.conftest import RECORDS, TODAY, run_json, write

from bailcheck import __version__


def check(run, *args: str):
    return run("check", "--as-of", TODAY.isoformat(), *args)


def test_clean_record_exits_0(run) -> None:
    result = check(run, "examples/clean-reporting.yaml")
    assert result.exit_code == 0, result.output
    assert "c1 reporting: Report to Sampleport police station" in result.stdout
    assert "OK — no finding" in result.stdout
    assert result.stdout.rstrip().endswith("1 record checked; conditions: 1 ok; no record has a "
                                           "finding at 'unenforceable' or worse.")


def test_failing_record_exits_1_and_names_rule_law_and_alternative(run) -> None:
    result = check(run, "examples/rui-with-conditions.yaml")
    assert result.exit_code == 1, result.output
    assert "UNLAWFUL — outside the decision-maker's powers" in result.stdout
    assert "[rui-no-conditions]" in result.stdout
    assert "Law: PACE 1984 s.47(1A)" in result.stdout
    assert "Instead: If a condition is truly necessary" in result.stdout


def test_picket_line_text_report(run, snapshot) -> None:
    result = check(run, "examples/picket-line.yaml")
    assert result.exit_code == 1, result.output
    assert result.stdout.count("DISPROPORTIONATE — fails necessity or proportionality") == 3
    assert "IPCC Learning the Lessons 31 (Dec 2017), case 7" in result.stdout
    assert "Bail Act 1976 s.3A(5)" in result.stdout
    assert result.stdout == snapshot


def test_fail_on_threshold(run) -> None:
    assert check(run, "examples/picket-line.yaml", "--fail-on", "unlawful").exit_code == 0
    assert check(run, "examples/rui-with-conditions.yaml",
                 "--fail-on", "unlawful").exit_code == 1
    result = check(run, "examples/picket-line.yaml", "--fail-on", "worst")
    assert result.exit_code == 2
    assert "Invalid value for '--fail-on'" in result.output


def test_summary_counts_the_records_that_set_the_exit_code(run) -> None:
    # picket-line: three disproportionate conditions; rui-with-conditions: an unlawful one
    both = check(run, "examples/picket-line.yaml", "examples/rui-with-conditions.yaml",
                 "examples/clean-reporting.yaml")
    assert both.exit_code == 1
    assert both.stdout.rstrip().endswith(
        "; 2 records have a finding at 'unenforceable' or worse.")
    top = check(run, "examples/picket-line.yaml", "examples/rui-with-conditions.yaml",
                "--fail-on", "unlawful")
    assert top.exit_code == 1  # (nothing is worse than unlawful, so no "or worse")
    assert top.stdout.rstrip().endswith("; 1 record has a finding at 'unlawful'.")


def test_unknown_key_is_reported_with_position_and_suggestion(run, tmp_path) -> None:
    text = (RECORDS / "clean-reporting.yaml").read_text().replace(
        "previous_convictions: 0", "previous_convicions: 0")
    path = write(tmp_path, "typo.yaml", text)
    result = check(run, str(path))
    assert result.exit_code == 2, result.output
    assert (f"{path}:15:3: unknown key `previous_convicions` in `person` "
            "(did you mean `previous_convictions`?)") in result.stdout
    assert "Traceback" not in result.output


def test_unreadable_record_exits_2(run, tmp_path) -> None:
    path = write(tmp_path, "broken.yaml", "bailcheck: 1\ncase: [unclosed\n")
    result = check(run, str(path))
    assert result.exit_code == 2
    assert f"{path}:3:1: YAML syntax error" in result.stdout
    assert result.stderr == ""  # in the text report once, not repeated on stderr
    result = check(run, str(path), "--format", "json")
    assert f"{path}:3:1: YAML syntax error" in result.stderr  # beside machine-readable JSON


def test_mixed_batch_checks_every_record(run, tmp_path) -> None:
    for name in ("clean-reporting.yaml", "picket-line.yaml"):
        write(tmp_path, f"batch/{name}", (RECORDS / name).read_text())
    write(tmp_path, "batch/sub/bad.yml", "bailcheck: 1\n")
    code, out = run_json(run, str(tmp_path / "batch"))
    assert code == 2  # an unreadable record outranks findings
    paths = [r["path"].replace(str(tmp_path) + "/", "") for r in out["records"]]
    assert paths == ["batch/clean-reporting.yaml", "batch/picket-line.yaml", "batch/sub/bad.yml"]
    bad = out["records"][2]["error"]
    assert bad == {"message": "`case` is required in the record", "line": 1, "column": 1,
                   "hint": "identifiers"}
    assert out["summary"] == {"failing": 1, "records": 3, "unreadable": 1, "accepted": 0,
                              "record_findings": {"note": 1},
                              "verdicts": {"disproportionate": 3, "ok": 1}}


def test_json_output_follows_the_contract(run) -> None:
    code, out = run_json(run, "examples/picket-line.yaml")
    assert code == 1
    record = out["records"][0]
    assert set(record) == {"path", "reference", "conditions", "findings", "reminders"}
    finding = record["conditions"][1]["findings"][0]
    assert set(finding) >= {"rule", "verdict", "message", "citations", "alternative"}
    assert record["reminders"][-1] == {
        "date": "2017-03-20", "what": "First appearance at court",
        "basis": "PACE s.47(3A): not later than the first sitting after charge",
        "status": "overdue", "key": "first-court"}
    assert [(r["date"], r["what"]) for r in record["reminders"][:2]] == [
        ("2017-03-06", "Review the conditions: 14 days before first appearance at court"),
        ("2017-03-13", "Review the conditions: 7 days before first appearance at court")]
    assert out["bailcheck"]["as_of"] == "2026-11-28"


def test_no_records_found_is_an_error(run, tmp_path) -> None:
    result = check(run, str(tmp_path))
    assert result.exit_code == 2
    assert "no records found" in result.stderr


def test_missing_file(run) -> None:
    result = check(run, "examples/nope.yaml")
    assert result.exit_code == 2
    assert "examples/nope.yaml:1:1: cannot read file: No such file or directory" in result.stdout


def test_bad_as_of_date(run) -> None:
    result = run("check", "--as-of", "28/11/2026", "examples/clean-reporting.yaml")
    assert result.exit_code == 2
    assert "is not a date; write YYYY-MM-DD" in result.output


def test_version_and_help(run) -> None:
    assert run("--version").stdout == f"bailcheck {__version__}\n"
    result = run("check", "-h")
    assert result.exit_code == 0
    assert "--fail-on" in result.stdout


def test_json_is_valid_when_streamed_for_many_records(run) -> None:
    result = check(run, "examples", "--format", "json")
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    assert len(out["records"]) == len(list(RECORDS.glob("*.yaml")))


@pytest.mark.parametrize("command", [["check"], ["regress"], ["report", "--format", "json"]])
def test_standard_input_can_be_named_once(run, command: list[str]) -> None:
    result = run(*command, "-", "-")
    assert result.exit_code == 2
    assert "`-` (standard input) can be given only once" in result.output
    assert "file is empty" not in result.output  # refused before anything is read
