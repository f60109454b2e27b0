"""`bailcheck new`: scripted answers give the expected record; bad answers are re-asked."""

from __future__ import annotations

import json

from tests.conftest import ROOT, TODAY

DATA = ROOT / "tests" / "data"
ANSWERS = (DATA / "new-picket-answers.txt").read_text()
EXPECTED = (DATA / "new-picket-expected.yaml").read_text()


def test_scripted_answers_give_the_expected_record(run) -> None:
    from typer.testing import CliRunner

    from bailcheck.cli.app import app

    result = CliRunner().invoke(app, ["new"], input=ANSWERS)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == EXPECTED
    # the invalid stage "postcharge" was refused with its reason, then asked again
    assert "`postcharge` is not a valid Stage (did you mean `post_charge`?)" in result.stderr
    assert result.stderr.count("Stage [street | pre_charge | post_charge | court]") == 2


def test_the_record_written_checks_like_the_picket_case(run, tmp_path) -> None:
    from typer.testing import CliRunner

    from bailcheck.cli.app import app

    target = tmp_path / "picket.yaml"
    result = CliRunner().invoke(app, ["new", "-o", str(target)], input=ANSWERS)
    assert result.exit_code == 0, result.stderr
    check = run("check", str(target), "--format", "json", "--as-of", TODAY.isoformat())
    assert check.exit_code == 1
    verdicts = [c["verdict"] for c in json.loads(check.stdout)["records"][0]["conditions"]]
    assert verdicts == ["disproportionate"] * 3


def test_never_overwrites_and_stops_cleanly(tmp_path) -> None:
    from typer.testing import CliRunner

    from bailcheck.cli.app import app

    target = tmp_path / "r.yaml"
    target.write_text("keep")
    result = CliRunner().invoke(app, ["new", "-o", str(target)], input=ANSWERS)
    assert result.exit_code == 2 and target.read_text() == "keep"
    assert "already exists; use --force" in result.stderr
    half = "\n".join(ANSWERS.splitlines()[:5]) + "\n"
    result = CliRunner().invoke(app, ["new", "-o", str(tmp_path / "half.yaml")], input=half)
    assert result.exit_code == 2
    assert "the questions stopped before the end; nothing was written" in result.stderr
    assert not (tmp_path / "half.yaml").exists()


def test_template_is_a_record_check_accepts(run, tmp_path) -> None:
    result = run("new", "--template")
    assert result.exit_code == 0
    assert "# yaml-language-server: $schema=bailcheck-record.schema.json" in result.stdout
    path = tmp_path / "skeleton.yaml"
    path.write_text(result.stdout)
    check = run("check", str(path), "--as-of", TODAY.isoformat())
    # readable, and judged: the skeleton's curfew has no purpose, so it has findings
    assert check.exit_code == 1, check.output
    for key in ("# risks:", "# victim_views:", "    # from:", "    # purpose:"):
        assert key in result.stdout
