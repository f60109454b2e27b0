"""CI formats: SARIF 2.1.0 with GitHub code scanning's required fields, GitHub workflow
commands parsed back as the runner parses them, GitLab Code Quality, JUnit XML; each produced
for the shipped examples and kept complete when a record cannot be read."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import RECORDS, TODAY, write

from bailcheck.render.github import command, escape_data, escape_property

EXAMPLES = sorted(p.name for p in RECORDS.glob("*.yaml"))
BROKEN = "bailcheck: 1\ncase: [unclosed\n"


def check(run: Any, *args: str) -> Any:
    return run("check", "--as-of", TODAY.isoformat(), *args)


def examples_and_broken(tmp_path: Path) -> list[str]:
    broken = write(tmp_path, "broken.yaml", BROKEN)
    return [*(f"examples/{name}" for name in EXAMPLES), str(broken)]


def expected(run: Any) -> dict[str, Any]:
    """The JSON report of the examples: what every other format must agree with."""
    out = json.loads(check(run, "examples", "--format", "json").stdout)
    return {r["path"]: r for r in out["records"]}


# -- SARIF

def github_sarif_problems(doc: dict[str, Any]) -> list[str]:
    """What GitHub code scanning requires of an uploaded SARIF file, checked field by field."""
    bad = []
    if not str(doc.get("$schema", "")).startswith("https://") or doc.get("version") != "2.1.0":
        bad.append("$schema and version 2.1.0")
    for run in doc.get("runs") or [bad.append("runs") or {}]:
        driver = run["tool"]["driver"]
        for key in ("name", "version", "informationUri"):
            if not driver.get(key):
                bad.append(f"tool.driver.{key}")
        rules = driver.get("rules", [])
        ids = [r["id"] for r in rules]
        if len(ids) != len(set(ids)):
            bad.append("duplicate rule ids")
        for rule in rules:
            for key in ("shortDescription", "fullDescription", "help"):
                if not rule.get(key, {}).get("text"):
                    bad.append(f"{rule['id']}: {key}.text")
            if len(rule["fullDescription"]["text"]) > 1000:
                bad.append(f"{rule['id']}: fullDescription over 1000 characters")
            if not rule.get("properties", {}).get("step"):
                bad.append(f"{rule['id']}: properties.step")
        for result in run["results"]:
            where = result.get("ruleId")
            if where not in ids or rules[result["ruleIndex"]]["id"] != where:
                bad.append(f"{where}: ruleId/ruleIndex not in tool.driver.rules")
            if result.get("level") not in ("error", "warning", "note", "none"):
                bad.append(f"{where}: level")
            if not result.get("message", {}).get("text"):
                bad.append(f"{where}: message.text")
            if not result.get("partialFingerprints"):
                bad.append(f"{where}: partialFingerprints")
            locations = result.get("locations") or []
            if not 1 <= len(locations) <= 10:
                bad.append(f"{where}: locations")
                continue
            physical = locations[0]["physicalLocation"]
            if not physical["artifactLocation"].get("uri"):
                bad.append(f"{where}: artifactLocation.uri")
            region = physical["region"]
            for key in ("startLine", "startColumn", "endLine", "endColumn"):
                if not isinstance(region.get(key), int) or region[key] < 1:
                    bad.append(f"{where}: region.{key}")
    return bad


def test_sarif_for_the_examples_has_githubs_required_fields(run, tmp_path, builtin_policy
                                                            ) -> None:
    result = check(run, "--format", "sarif", *examples_and_broken(tmp_path))
    assert result.exit_code == 2, result.output  # the unreadable record outranks findings
    doc = json.loads(result.stdout)
    assert github_sarif_problems(doc) == []
    run_ = doc["runs"][0]
    driver = run_["tool"]["driver"]
    ids = {r["id"] for r in driver["rules"]}
    assert {r.id for r in builtin_policy.rules} <= ids  # the rules of the loaded policy
    rule = next(r for r in driver["rules"] if r["id"] == "exclusion-own-workplace")
    assert rule["properties"]["step"] == "proportionality"
    assert "s.3A(5) (custody officer)" in rule["help"]["text"]  # help carries the citations

    reports = expected(run)
    results = run_["results"]
    by_uri: dict[str, list[dict[str, Any]]] = {}
    for item in results:
        by_uri.setdefault(item["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                          []).append(item)
    for path, report in reports.items():  # one result per finding, at its condition's line
        findings = [(c["id"], f["rule"], c["line"]) for c in report["conditions"]
                    for f in c["findings"]] + [("record", f["rule"], f.get("line", 1))
                                               for f in report["findings"]]
        got = [(i["properties"]["condition"], i["ruleId"],
                i["locations"][0]["physicalLocation"]["region"]["startLine"])
               for i in by_uri.get(path, [])]
        assert got == findings, path
    levels = {i["ruleId"]: i["level"] for i in results}
    assert levels["rui-no-conditions"] == "error"  # unlawful
    assert levels["no-real-prospect-of-custody-police"] == "warning"  # needs_justification
    assert levels["breach-cannot-lead-to-remand"] == "note"
    error = [i for i in results if i["ruleId"] == "bailcheck/record-error"]
    assert len(error) == 1 and error[0]["level"] == "error"
    assert error[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith(
        "file:///")  # outside the working directory: an absolute file URI
    assert error[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert run_["properties"]["summary"]["unreadable"] == 1
    assert run_["invocations"][0]["exitCode"] == 2
    assert "5 records checked" in result.stderr  # the summary for a person watching


def fingerprints(doc: dict[str, Any]) -> dict[tuple[str, str], tuple[str, int]]:
    return {(i["properties"]["condition"], i["ruleId"]): (
        i["partialFingerprints"]["primaryLocationLineHash"],
        i["locations"][0]["physicalLocation"]["region"]["startLine"])
        for i in doc["runs"][0]["results"]}


def test_sarif_fingerprints_survive_a_moved_condition(run, tmp_path, monkeypatch) -> None:
    text = (RECORDS / "picket-line.yaml").read_text()
    write(tmp_path, "cases/picket.yaml", text)
    monkeypatch.chdir(tmp_path)
    before = fingerprints(json.loads(check(run, "cases/picket.yaml", "-f", "sarif").stdout))
    write(tmp_path, "cases/picket.yaml", text.replace(
        "conditions:\n", "# a note added above the conditions\n\nconditions:\n", 1))
    doc = json.loads(check(run, "cases/picket.yaml", "-f", "sarif").stdout)
    after = fingerprints(doc)
    assert before.keys() == after.keys()
    for key, (digest, line) in before.items():
        moved = line + 2 if key[0] != "record" else line  # the record finding is above
        assert after[key] == (digest, moved), key  # same identity, new line
    assert len({digest for digest, _ in after.values()}) == len(after)  # one alert each
    uri = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": "cases/picket.yaml"}  # relative to the working directory


# -- GitHub workflow commands

def unescape(text: str, prop: bool) -> str:
    """As the Actions runner unescapes (ActionCommand.cs): %25 last."""
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else [])
    for code, char in [*pairs, ("%25", "%")]:
        text = text.replace(code, char)
    return text


COMMAND = re.compile(r"^::(?P<kind>[a-z]+)(?: (?P<props>[^:]*))?::(?P<message>.*)$")


def parse_commands(stdout: str) -> tuple[list[dict[str, Any]], list[str]]:
    commands, other = [], []
    for line in stdout.splitlines():
        found = COMMAND.match(line)
        if not found:
            other.append(line)
            continue
        props = dict(p.split("=", 1) for p in found["props"].split(",")) if found["props"] else {}
        commands.append({"kind": found["kind"], "message": unescape(found["message"], False),
                         **{k: unescape(v, True) for k, v in props.items()}})
    return commands, other


def test_github_annotations_for_the_examples_parse_back(run, tmp_path) -> None:
    result = check(run, "--format", "github", *examples_and_broken(tmp_path))
    assert result.exit_code == 2
    commands, other = parse_commands(result.stdout)
    assert other == [result.stdout.splitlines()[-1]]  # everything but the summary is a command
    assert other[0].startswith("5 records checked;")
    reports = expected(run)
    for path, report in reports.items():
        want = [(f["rule"], str(c["line"]), str(c["column"]), f["verdict"])
                for c in report["conditions"] for f in c["findings"]]
        want += [(f["rule"], str(f.get("line", 1)), str(f.get("column", 1)), f["verdict"])
                 for f in report["findings"]]
        got = [(c["title"], c["line"], c["col"], c["kind"]) for c in commands
               if c["file"] == path]
        kinds = {"unlawful": "error", "disproportionate": "error", "unenforceable": "error",
                 "needs_justification": "warning", "note": "notice"}
        assert got == [(r, line, col, kinds[v]) for r, line, col, v in want], path
    rui = next(c for c in commands if c["title"] == "rui-no-conditions")
    assert rui["message"].startswith("Condition c1 (reporting) is unlawful: The person was "
                                     "released under investigation")
    assert "\nLaw: PACE 1984 s.47(1A)" in rui["message"]  # multi-line, escaped as %0A
    broken = [c for c in commands if c["title"] == "bailcheck: cannot check this record"]
    assert len(broken) == 1 and broken[0]["kind"] == "error" and broken[0]["line"] == "3"


def test_github_escaping_keeps_hostile_text_inside_one_command() -> None:
    assert escape_data("50%\r\n") == "50%25%0D%0A"
    assert escape_property("a%,b:c\n") == "a%25%2Cb%3Ac%0A"
    text = command("error", "100% sure\n::error::injected, really: yes",
                   file="cases/a,b:c%.yaml", line=7, col=2, title="rule: x, y")
    assert text.count("\n") == 1 and text.endswith("\n")
    (parsed,), other = parse_commands(text)
    assert other == []
    assert parsed == {"kind": "error", "message": "100% sure\n::error::injected, really: yes",
                      "file": "cases/a,b:c%.yaml", "line": "7", "col": "2", "title": "rule: x, y"}
    # record text never drives the log: control characters are shown, not sent
    assert command("notice", "\x1b[31mred\rX") == "::notice ::\\x1b[31mred\\x0dX\n"


def test_github_actions_environment_leaves_the_text_report_alone(run, monkeypatch) -> None:
    plain = check(run, "examples/picket-line.yaml")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert check(run, "examples/picket-line.yaml").stdout == plain.stdout


# -- GitLab Code Quality

SEVERITIES = {"unlawful": "blocker", "disproportionate": "critical", "unenforceable": "major",
              "needs_justification": "minor", "note": "info"}


def test_gitlab_code_quality_for_the_examples(run, tmp_path) -> None:
    result = check(run, "--format", "gitlab", *examples_and_broken(tmp_path))
    assert result.exit_code == 2
    issues = json.loads(result.stdout)
    assert isinstance(issues, list)
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert isinstance(issue["description"], str) and issue["description"]
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(issue["location"]["path"], str)
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    reports = expected(run)
    for path, report in reports.items():
        want = [(f["rule"], SEVERITIES[f["verdict"]], c["line"]) for c in report["conditions"]
                for f in c["findings"]]
        want += [(f["rule"], SEVERITIES[f["verdict"]], f.get("line", 1))
                 for f in report["findings"]]
        got = [(i["check_name"], i["severity"], i["location"]["lines"]["begin"]) for i in issues
               if i["location"]["path"] == path]
        assert got == want, path
    broken = [i for i in issues if i["check_name"] == "bailcheck/record-error"]
    assert len(broken) == 1 and broken[0]["severity"] == "blocker"
    assert broken[0]["location"]["lines"]["begin"] == 3


def test_gitlab_report_of_clean_records_is_an_empty_array(run) -> None:
    result = check(run, "--format", "gitlab", "examples/clean-reporting.yaml")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


# -- JUnit

def test_junit_for_the_examples(run, tmp_path) -> None:
    result = check(run, "--format", "junit", *examples_and_broken(tmp_path))
    assert result.exit_code == 2
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    reports = expected(run)
    assert list(suites)[:-1] == list(reports)  # one suite per record, in order
    for path, report in reports.items():
        suite = suites[path]
        cases = suite.findall("testcase")
        assert [c.get("name") for c in cases] == [
            f"{c['id']} {c['type']}" for c in report["conditions"]] + ["record"]
        failing = [c.get("name").split()[0] for c in cases if c.find("failure") is not None]
        assert failing == [c["id"] for c in report["conditions"]
                           if c["verdict"] in ("unlawful", "disproportionate", "unenforceable")]
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == len(failing)
    picket = suites["examples/picket-line.yaml"]
    failure = picket.find("testcase[@name='c1 exclusion']/failure")
    assert failure.get("type") == "disproportionate"
    assert "[exclusion-own-workplace]" in failure.text
    record = picket.find("testcase[@name='record']")
    assert record.find("failure") is None  # a note is below --fail-on
    assert "breach-cannot-lead-to-remand" in record.find("system-out").text
    broken = suites[str(tmp_path / "broken.yaml")]
    assert broken.get("errors") == "1"
    assert "YAML syntax error" in broken.find("testcase/error").get("message")


def test_junit_failures_follow_fail_on(run) -> None:
    result = check(run, "--format", "junit", "--fail-on", "unlawful", "examples")
    root = ET.fromstring(result.stdout)
    failing = {s.get("name") for s in root.iter("testsuite") if s.get("failures") != "0"}
    assert failing == {"examples/rui-with-conditions.yaml"}
    assert result.exit_code == 1


@pytest.mark.parametrize("fmt", ["sarif", "github", "gitlab", "junit"])
def test_each_format_is_the_same_with_jobs(run, fmt) -> None:
    one = check(run, "examples", "--format", fmt)
    two = check(run, "examples", "--format", fmt, "--jobs", "2")
    assert one.stdout == two.stdout
    assert one.exit_code == two.exit_code == 1


@pytest.mark.parametrize("fmt", ["sarif", "gitlab", "junit"])
def test_each_document_is_complete_even_with_no_records(run, tmp_path, fmt) -> None:
    result = check(run, str(tmp_path), "--format", fmt)
    assert result.exit_code == 2
    if fmt == "junit":
        assert ET.fromstring(result.stdout).tag == "testsuites"
    else:
        json.loads(result.stdout)
