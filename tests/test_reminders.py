"""Reminders: the bail clock by regime, bank holidays, overdue dates and the calendar file."""

from __future__ import annotations

import json

from icalendar import Calendar
from tests.conftest import RECORDS, write

DOMESTIC = RECORDS / "domestic-precharge.yaml"


def reminders(run, *args: str):
    return run("reminders", *args)


def as_json(run, path, *args: str) -> dict:
    result = reminders(run, str(path), "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_domestic_example_bail_period_ends_2023_08_09(run) -> None:
    out = as_json(run, DOMESTIC, "--as-of", "2023-07-01")
    clock = out["bail_clock"]
    assert (clock["regime"], clock["state"]) == ("pcsc2022", "running")
    assert clock["end"] == "2023-08-09"
    assert clock["bail_start"] == "2023-05-10"
    dated = {(r["date"], r["what"]) for r in out["reminders"]}
    assert ("2023-08-09", ("Last day for an inspector or above to extend the bail period to 6 "
            "months (s.47ZD)")) in dated
    assert ("2023-07-26", ("Review the conditions: 14 days before end of the applicable bail "
            "period")) in dated
    assert {r["status"] for r in out["reminders"]} == {"upcoming"}


def test_past_dates_are_overdue_not_dropped(run) -> None:
    out = as_json(run, DOMESTIC, "--as-of", "2023-08-03")
    status = {r["date"]: r["status"] for r in out["reminders"]}
    assert status["2023-07-26"] == "overdue" and status["2023-08-09"] == "upcoming"


def _with_answer_date(tmp_path, answer: str):
    text = DOMESTIC.read_text().replace("answer_bail_on: 2023-08-09", f"answer_bail_on: {answer}")
    return write(tmp_path, "case.yaml", text)


def test_bank_holiday_and_weekend_flagged(run, tmp_path) -> None:
    out = as_json(run, _with_answer_date(tmp_path, "2023-08-28"), "--as-of", "2023-07-01")
    answer = next(r for r in out["reminders"] if r["what"].startswith("Answer bail"))
    assert answer["flags"] == ["bank holiday: Late Summer Bank Holiday"]
    out = as_json(run, _with_answer_date(tmp_path, "2023-08-05"), "--as-of", "2023-07-01")
    answer = next(r for r in out["reminders"] if r["what"].startswith("Answer bail"))
    assert answer["flags"] == ["weekend"]


def test_answer_after_bail_period_is_reported(run, tmp_path) -> None:
    out = as_json(run, _with_answer_date(tmp_path, "2023-08-10"), "--as-of", "2023-07-01")
    assert [f["rule"] for f in out["findings"]] == ["answer-bail-after-bail-period"]
    assert out["findings"][0]["verdict"] == "unlawful"


def test_ics_parses_back_with_one_alarmed_event_per_reminder(run, tmp_path) -> None:
    target = tmp_path / "dates.ics"
    result = reminders(run, str(DOMESTIC), "--as-of", "2023-07-01", "--ics", str(target))
    assert result.exit_code == 0, result.output
    cal = Calendar.from_ical(target.read_bytes())
    events = list(cal.walk("VEVENT"))
    out = as_json(run, DOMESTIC, "--as-of", "2023-07-01")
    assert len(events) == len(out["reminders"]) == 7
    for event in events:
        assert len(event.subcomponents) == 1 and event.subcomponents[0].name == "VALARM"
        assert str(event["DTSTART"].params["TZID"]) == "Europe/London"
    assert len({str(e["UID"]) for e in events}) == 7
    assert list(cal.walk("VTIMEZONE"))


def test_ics_is_byte_identical_and_uids_survive_a_date_change(run, tmp_path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    reminders(run, str(DOMESTIC), "--as-of", "2023-07-01", "--ics", str(first))
    reminders(run, str(DOMESTIC), "--as-of", "2023-07-01", "--ics", str(second))
    assert first.read_bytes() == second.read_bytes()

    extended = write(tmp_path, "ext.yaml", DOMESTIC.read_text().replace(
        "  answer_bail_on: 2023-08-09\n", "  answer_bail_on: 2023-08-09\n  extensions:\n"
        "    - {to_months: 6, by_rank: inspector, at: 2023-08-01}\n"))
    third = tmp_path / "c.ics"
    reminders(run, str(extended), "--as-of", "2023-07-01", "--ics", str(third))

    def ends(path) -> dict[str, str]:
        cal = Calendar.from_ical(path.read_bytes())
        return {str(e["UID"]): e["DTSTART"].dt.date().isoformat() for e in cal.walk("VEVENT")
                if "End of the applicable bail period" in str(e["SUMMARY"])}

    (uid_before, end_before), = ends(first).items()
    assert ends(third) == {uid_before: "2023-11-09"} and end_before == "2023-08-09"


def test_ics_not_overwritten_without_force(run, tmp_path) -> None:
    target = tmp_path / "dates.ics"
    target.write_text("keep me")
    result = reminders(run, str(DOMESTIC), "--ics", str(target))
    assert result.exit_code == 2
    assert "already exists; use --force" in result.stderr
    assert target.read_text() == "keep me"


def test_review_points_are_a_policy_setting(run, tmp_path) -> None:
    write(tmp_path, "local/settings.yaml", "settings:\n  review_days_before: [21]\n")
    out = as_json(run, DOMESTIC, "--as-of", "2023-07-01", "--policy", str(tmp_path / "local"))
    reviews = [r["date"] for r in out["reminders"] if r["what"].startswith("Review")]
    assert reviews == ["2023-07-19"]


def test_every_open_extension_step_with_its_rank_and_last_day(run) -> None:
    out = as_json(run, DOMESTIC, "--as-of", "2023-07-01")
    steps = [(r["date"], r["what"]) for r in out["reminders"] if r["what"].startswith("Last day")]
    assert steps == [
        ("2023-08-09", ("Last day for an inspector or above to extend the bail period to 6 months "
                       "(s.47ZD)")),
        ("2023-11-09", ("Last day for a superintendent or above to extend the bail period to 9 "
                        "months (s.47ZDA) (if the step before is taken)")),
        ("2024-02-09", ("Last day to apply to a magistrates' court to extend the bail period to "
                        "12 or 18 months (s.47ZF) (if the step before is taken)"))]
    assert [s["rank"] for s in out["bail_clock"]["steps"]] == [
        "inspector", "superintendent", "magistrates"]


def test_text_output_names_rank_and_basis(run) -> None:
    result = reminders(run, str(DOMESTIC), "--as-of", "2023-07-01")
    assert "Bail period ends: 2023-08-09" in result.stdout
    assert "Next step s.47ZD: inspector, to 6 months, last day 2023-08-09" in result.stdout
    assert "inspector must act" in result.stdout
    assert "2023-08-09  Last day for an inspector or above" in result.stdout


def test_post_charge_record_gets_court_date(run) -> None:
    out = as_json(run, RECORDS / "picket-line.yaml", "--as-of", "2017-03-07")
    assert out["bail_clock"] is None  # police bail to court: no applicable bail period
    assert out["reminders"][-1]["what"] == "First appearance at court"


def test_condition_end_date_is_a_reminder(run, tmp_path) -> None:
    text = (RECORDS / "clean-reporting.yaml").read_text().replace(
        "    reason: Failed", "    until: 2024-06-15\n    reason: Failed")
    out = as_json(run, write(tmp_path, "until.yaml", text), "--as-of", "2024-06-03")
    assert {"date": "2024-06-15", "what": "Condition c1 (reporting) ends",
            "basis": "the condition's own end date", "status": "upcoming",
            "flags": ["weekend"], "key": "condition-c1-ends"} in out["reminders"]


def test_check_does_not_load_calendar_libraries() -> None:
    import subprocess
    import sys

    code = ("import sys; from bailcheck.cli.app import main; sys.argv=['bailcheck','check',"
            "'--as-of','2026-11-28',sys.argv[1]]\ntry: main()\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('holidays','icalendar','jinja2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(DOMESTIC)], capture_output=True,
                         text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


PAUSED = """\
bailcheck: 1
case: {reference: NR-1}
stage: pre_charge
release: {power: s37_7_a}
decision: {made_at: 2026-10-09T12:00, by_role: custody_officer, reasons_recorded: true}
person: {age: 30, previous_convictions: 0}
offences:
  - {description: Theft, mode_of_trial: either_way, imprisonable: true}
dates:
  arrested_at: 2026-10-09T10:00
conditions: []
"""


def test_a_period_that_does_not_run_says_so_rather_than_asking_for_dates(run, tmp_path) -> None:
    # released for a DPP charging decision, no request yet (s.47ZL): no date of its own
    path = write(tmp_path, "paused.yaml", PAUSED)
    out = reminders(run, str(path), "--as-of", "2026-12-01")
    assert out.exit_code == 0, out.output
    assert "No dates yet: the bail period does not run while no DPP request is outstanding" in (
        out.stdout)
    assert "add dates.arrested_at" not in out.stdout
    check = run("check", str(path), "--as-of", "2026-12-01")
    assert "Dates\n    Bail period not running (s.47ZL): released for a DPP charging" in check.stdout
    # after a request is met it is suspended again (s.47ZL(9)–(11)): the words still hold
    met = write(tmp_path, "met.yaml", PAUSED.replace(
        "  arrested_at: 2026-10-09T10:00\n", "  arrested_at: 2026-10-09T10:00\n  cps_referrals:\n"
        "    - {released_on: 2026-10-09, dpp_requests: [{made_on: 2026-10-20, "
        "met_on: 2026-11-02}]}\n"))
    shown_met = " ".join(run("check", str(met), "--as-of", "2026-12-01").stdout.split())
    assert "with no DPP request outstanding; no last day" in shown_met
    # close case: a DPP request made, so the period runs and has its last day
    running = write(tmp_path, "running.yaml", PAUSED.replace(
        "  arrested_at: 2026-10-09T10:00\n", "  arrested_at: 2026-10-09T10:00\n  cps_referrals:\n"
        "    - {released_on: 2026-10-09, dpp_requests: [{made_on: 2026-10-20}]}\n"))
    shown = run("check", str(running), "--as-of", "2026-12-01").stdout
    assert "not running" not in shown and "End of the applicable bail period" in shown
    # and a record with no clock and no dates still asks for them
    court = write(tmp_path, "court.yaml", PAUSED.replace("stage: pre_charge", "stage: post_charge")
                  .replace("power: s37_7_a", "power: s38_1"))
    asked = reminders(run, str(court), "--as-of", "2026-12-01").stdout
    assert "No dates recorded: add dates.answer_bail_on or dates.first_court_date." in asked
