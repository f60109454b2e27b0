"""`check --explain` and `check --for`: the same findings, explained and ordered for the reader."""

from __future__ import annotations

import json

import pytest
from tests.conftest import TODAY

from bailcheck.facts.registry import FACTS
from bailcheck.facts.sources import READS

PICKET = "examples/picket-line.yaml"
AS_OF = ("--as-of", TODAY.isoformat())


def flat(text: str) -> str:
    return " ".join(text.split())


def test_every_fact_says_what_it_reads() -> None:
    assert set(FACTS) - set(READS) == set()


def test_explain_names_the_facts_with_their_lines(run) -> None:
    result = run("check", PICKET, "--explain", *AS_OF)
    assert result.exit_code == 1
    why = flat(result.stdout.split("  Why\n", 1)[1])
    # no previous convictions, a summary offence, the workplace covered, a blanket ban
    assert "person.previous_convictions = 0, line 22" in why
    assert "offences[1].mode_of_trial = summary, line 36" in why
    assert ("an exclusion covering the person's workplace: yes (person.employment.workplace = "
            "Harbour Distribution Ltd, Dock Road, Northtown, line 30; conditions[1].place = "
            "Harbour Distribution Ltd, Dock Road, Northtown, line 54; conditions[1].covers = "
            "workplace, line 55)") in why
    assert ("a protest restriction not limited to a place, a dispute or a manner: yes "
            "(conditions[2].activity = trade_union, line 60)") in why
    assert "- exclusion-own-home: needs covers_home is true, but it is no" in why


def test_explain_one_condition(run) -> None:
    out = run("check", PICKET, "--explain", "--condition", "c3", *AS_OF).stdout
    why = out.split("  Why\n", 1)[1]
    assert "c3 activity (line 62)" in why and "c1 exclusion (line" not in why
    assert "no condition" not in why
    # an id the record does not have is said, not passed over in silence
    why = run("check", PICKET, "--explain", "--condition", "c9", *AS_OF).stdout.split(
        "  Why\n", 1)[1]
    assert ("This record has no condition `c9` (--condition); its conditions: `c1`, `c2`, "
            "`c3`.") in why


def test_explain_in_json_carries_the_trace(run) -> None:
    out = json.loads(run("check", PICKET, "--explain", "--format", "json", *AS_OF).stdout)
    c1 = out["records"][0]["conditions"][0]
    fired = {t["rule"] for t in c1["explain"] if t["fired"]}
    assert fired == {f["rule"] for f in c1["findings"]}
    workplace = next(t for t in c1["explain"] if t["rule"] == "exclusion-own-workplace")
    assert {"field": "conditions[1].covers", "line": 55, "value": "workplace"} in \
        workplace["facts"][0]["fields"]


def test_explain_in_json_for_one_condition_carries_that_trace_alone(run) -> None:
    out = json.loads(run("check", PICKET, "--explain", "--condition", "c2", "--format", "json",
                         *AS_OF).stdout)
    record = out["records"][0]
    assert [c["id"] for c in record["conditions"] if "explain" in c] == ["c2"]
    assert record["conditions"][1]["explain"] and "explain" not in record
    assert len(record["conditions"]) == 3  # the verdicts are all still there


def test_a_not_test_is_explained_the_right_way_round(run, tmp_path) -> None:
    from tests.conftest import RECORDS, write

    text = (RECORDS / "picket-line.yaml").read_text().replace(
        "text: Not to take part in any trade union activity.",
        "text: Not to take part in any trade union activity.\n    place: the main gate")
    path = write(tmp_path, "p.yaml", text)
    out = run("check", str(path), "--explain", "--condition", "c2", *AS_OF).stdout
    why = flat(out.split("  Why\n", 1)[1])
    # protest-limited-needs-reason fires: "not (has_reason and purposes_evidenced)" holds
    assert "protest-limited-needs-reason (needs justification)" in why


@pytest.mark.parametrize(("reader", "first_condition"), [
    ("custody", "c1 non_contact"), ("solicitor", "c2 curfew"), ("policy", "c1 non_contact")])
def test_for_reader_orders_and_words(run, reader: str, first_condition: str) -> None:
    out = run("check", "tests/cases/05-rebail-after-breach.yaml", "--for", reader, *AS_OF).stdout
    body = [line.strip() for line in out.splitlines() if line.startswith("  c")]
    assert body[0].startswith(first_condition)


def test_for_solicitor_puts_the_weakest_first_with_grounds(run) -> None:
    out = run("check", "tests/cases/12-long-curfew-daily-reporting.yaml", "--for", "solicitor",
              *AS_OF).stdout
    assert out.index("c1 curfew") < out.index("c2 reporting")
    assert "Grounds to challenge:" in out and "Authority: ECHR Art 5" in out
    assert "Propose: Set the hours" in out


def test_for_custody_says_what_to_change_before_release(run) -> None:
    out = run("check", "tests/cases/02-police-hostel-and-tag.yaml", *AS_OF).stdout
    assert "Change before release: c1 (unlawful), c2 (unlawful)" in out
    # a court does not release: it imposes the conditions
    court = run("check", "tests/cases/10-court-conditions-without-risk.yaml", *AS_OF).stdout
    assert "Change before the court imposes them: c1 (disproportionate)" in court
    assert "Change before release" not in court


def test_for_policy_shows_rule_ids_and_fact_values(run) -> None:
    out = run("check", "tests/cases/12-long-curfew-daily-reporting.yaml", "--for", "policy",
              *AS_OF).stdout
    assert "- [curfew-16-hours-or-more] (proportionality) The curfew lasts 16 hours" in out
    assert "Facts: curfew_hours = 16" in out


def test_internal_error_is_one_line_and_exit_3(monkeypatch, capsys) -> None:
    from bailcheck import engine
    from bailcheck.cli import app as cli

    def broken(*_args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "evaluate", broken)
    monkeypatch.setattr("bailcheck.batch.evaluate", broken)
    monkeypatch.setattr("sys.argv", ["bailcheck", "check", PICKET, *AS_OF])
    monkeypatch.delenv("BAILCHECK_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 3
    captured = capsys.readouterr()
    # the record's own entry says so; nothing quotes the exception's message or a traceback
    assert "internal error (RuntimeError) while handling this record" in captured.out
    assert "boom" not in captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err


def test_a_fact_that_reads_every_condition_is_located_once_a_record(
        monkeypatch: pytest.MonkeyPatch, builtin_policy) -> None:
    # --explain lists each fact's fields for each condition; one that reads every condition
    # (`conditions.*`) found again for each condition grew as the square of their number
    from bailcheck import engine
    from bailcheck.facts.sources import locate_scope
    from bailcheck.record.validate import load_record

    assert locate_scope("has_curfew_or_residence", 4) is None  # reads conditions.*.type
    assert locate_scope("reporting_days_per_week", 4) == 4  # reads condition.days
    assert locate_scope("purposes_evidenced", 4) == 4  # the evidence of that condition's purposes
    calls: list[tuple[str, int | None]] = []
    real = engine.locate

    def counted(record, fact, index):  # type: ignore[no-untyped-def]
        calls.append((fact, index))
        return real(record, fact, index)

    monkeypatch.setattr(engine, "locate", counted)
    record = load_record(PICKET)
    with_traces = engine.evaluate(record, builtin_policy, TODAY, trace=True)
    assert len(record.conditions) == 3 and with_traces.traces
    shared = [c for c in calls if locate_scope(c[0], 0) is None]
    assert shared and len(shared) == len({f for f, _ in shared})  # once each, per record
    assert len(calls) == len(set(calls))
