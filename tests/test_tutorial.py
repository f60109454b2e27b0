"""docs/writing-rules.md, followed step by step from an empty folder."""

from __future__ import annotations

import re

from tests.conftest import RECORDS, ROOT, run_json, write

DOC = (ROOT / "docs" / "writing-rules.md").read_text()
FILES = dict(re.findall(r"<!-- file: (\S+) -->\n```yaml\n(.*?)```", DOC, re.DOTALL))
QUOTED_ERROR = re.search(r"```\n(force-rules/curfew-review\.yaml:\S+ unknown fact.*)\n```",
                         DOC).group(1)


def test_tutorial_end_to_end(run, tmp_path, monkeypatch) -> None:
    assert list(FILES) == ["force-rules/curfew-review.yaml"]
    for name, text in FILES.items():
        write(tmp_path, name, text)
    monkeypatch.chdir(tmp_path)

    result = run("policy", "validate", "force-rules", "--as-of", "2026-11-28")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK: ")

    result = run("policy", "test", "force-rules")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("PASS curfew-over-10h-inspector-review fires_at_eleven_hours\n"
                             "PASS curfew-over-10h-inspector-review quiet_at_ten_hours\n"
                             "2 passed, 0 failed\n")

    case = (RECORDS / "clean-reporting.yaml").read_text().replace(
        "conditions:\n", "conditions:\n  - {id: c2, type: curfew, text: Curfew 20:00 to 07:00., "
        "address: 7 Quay Street, from: '20:00', to: '07:00', purpose: [surrender], "
        "reason: Failed to surrender twice.}\n", 1)
    write(tmp_path, "case.yaml", case)

    def curfew_rules(*extra: str) -> set[str]:
        _, out = run_json(run, "case.yaml", *extra)
        curfew = next(c for c in out["records"][0]["conditions"] if c["id"] == "c2")
        return {f["rule"] for f in curfew["findings"]}

    assert "curfew-over-10h-inspector-review" not in curfew_rules()
    assert "curfew-over-10h-inspector-review" in curfew_rules("--policy", "force-rules")

    listing = run("policy", "list", "--policy", "force-rules").stdout
    assert "curfew-over-10h-inspector-review" in listing
    assert "force-rules/curfew-review.yaml:2" in listing


def test_the_error_the_tutorial_quotes_is_the_real_one(run, tmp_path, monkeypatch) -> None:
    text = FILES["force-rules/curfew-review.yaml"].replace("fact: curfew_hours", "fact: curfew_hour")
    write(tmp_path, "force-rules/curfew-review.yaml", text)
    monkeypatch.chdir(tmp_path)
    result = run("policy", "validate", "force-rules")
    assert result.exit_code == 2
    assert result.stderr.strip() == QUOTED_ERROR


def test_a_failing_example_shows_expected_and_got(run, tmp_path, monkeypatch) -> None:
    text = FILES["force-rules/curfew-review.yaml"].replace("gt: 10}", "gt: 12}")
    write(tmp_path, "force-rules/curfew-review.yaml", text)
    monkeypatch.chdir(tmp_path)
    result = run("policy", "test", "force-rules")
    assert result.exit_code == 1
    assert ("FAIL curfew-over-10h-inspector-review fires_at_eleven_hours "
            "(force-rules/curfew-review.yaml:18)\n  expected: fires\n  got:      does not fire\n"
            ) in result.stdout
    assert result.stdout.endswith("1 passed, 1 failed\n")


def test_disabled_rule_past_its_review_date_is_reported(run, tmp_path, monkeypatch) -> None:
    write(tmp_path, "force-rules/off.yaml", "disable:\n  - id: reporting-more-than-3-days\n"
          "    reason: Superseded by force policy 2026/7.\n    review_by: 2026-06-30\n")
    monkeypatch.chdir(tmp_path)
    result = run("policy", "list", "--policy", "force-rules", "--as-of", "2026-11-28")
    assert ("disabled: reporting-more-than-3-days at force-rules/off.yaml:2: Superseded by force "
            "policy 2026/7., review by 2026-06-30 — REVIEW DUE") in result.stdout
    result = run("policy", "validate", "force-rules", "--as-of", "2026-11-28")
    assert result.exit_code == 0
    assert "warning: force-rules/off.yaml:2: rule `reporting-more-than-3-days` was disabled" \
        in result.stderr


def test_policy_show_renders_the_condition_in_words(run) -> None:
    result = run("policy", "show", "exclusion-own-workplace")
    assert result.exit_code == 0
    assert "Fires when:\n  - all of these:\n    - covers_workplace is true\n" in result.stdout
    assert run("policy", "show", "exclusion-own-workplac").exit_code == 2


def test_policy_facts_lists_every_fact(run) -> None:
    from bailcheck.facts.registry import FACTS

    out = run("policy", "facts").stdout
    assert all(f"  {name} (" in out for name in FACTS)


def test_policy_docs_writes_markdown_and_refuses_to_overwrite(run, tmp_path) -> None:
    target = tmp_path / "rules.md"
    assert run("policy", "docs", "-o", str(target)).exit_code == 0
    text = target.read_text()
    assert "### `exclusion-own-workplace` — Excluding the person" in text
    result = run("policy", "docs", "-o", str(target))
    assert result.exit_code == 2
    assert "already exists; use --force to replace it" in result.stderr
