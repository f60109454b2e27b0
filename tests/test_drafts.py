"""Drafts: the custody officer's reasons and the solicitor's representations."""

from __future__ import annotations

import os

import pytest
from docx import Document
from tests.conftest import RECORDS, TODAY, write

PICKET = "examples/picket-line.yaml"


def draft(run, *args: str):
    return run("draft", "--as-of", TODAY.isoformat(), *args)


def flat(text: str) -> str:
    """Text with line wrapping undone, to look for phrases that may wrap."""
    return " ".join(text.split())


def test_custody_draft(run, snapshot) -> None:
    result = draft(run, PICKET, "--for", "custody")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "REASONS FOR THE CONDITIONS IMPOSED (BAIL ACT 1976 S.5A)" not in out  # level 2 as is
    assert "Reasons for the conditions imposed (Bail Act 1976 s.5A)" in out
    assert "No condition can be imposed as drafted." in out
    for cid in ("c1", "c2", "c3"):
        block = out.split(f"Condition {cid} (")[1].split("Condition ")[0]
        assert "Verdict: DISPROPORTIONATE." in block
    assert "#" not in out and "**" not in out  # plain text pastes into a custody system
    assert max(len(line) for line in out.splitlines()) <= 88
    assert out == snapshot


def test_solicitor_draft(run, snapshot) -> None:
    result = draft(run, PICKET, "--for", "solicitor")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Bail Act 1976 s.3A(4)" in flat(out)
    assert "2. Outline of an application to the court (Magistrates' Courts Act 1980 s.43B)" in out
    assert "may impose more onerous conditions (MCA 1980 s.43B(2)) or withhold bail" in flat(out)
    assert ("The custody officer's reasons: recorded in the custody record; attach a copy of "
            "the note.") in flat(out)
    assert "Surety: none." in out
    assert "residence condition: 14 Mill Lane, Northtown." in flat(out)
    for cid in ("c1", "c2", "c3"):
        assert f"Condition {cid} (" in out
    assert out.count("What is challenged: the condition is disproportionate.") == 3
    assert "Not to picket or demonstrate within 50" in flat(out)  # the Sharkey-style alternative
    assert out == snapshot


def test_domestic_custody_draft_lists_the_evidence(run) -> None:
    out = draft(run, "examples/domestic-precharge.yaml", "--for", "custody").stdout
    assert "Purpose: preventing interference with witnesses (Bail Act 1976 s.3(6)(c))." in out
    assert "- Ms R (complainant) is known to the person" in out
    assert "- 2 previous convictions" in out
    assert "Do not impose as drafted" not in out


def test_solicitor_route_follows_the_release(run, tmp_path) -> None:
    text = (RECORDS / "picket-line.yaml").read_text().replace(
        "reasons_recorded: true", "reasons_recorded: false")
    out = draft(run, str(write(tmp_path, "p.yaml", text)), "--for", "solicitor").stdout
    assert "none were recorded, as Bail Act 1976 s.5A requires" in flat(out)
    court = text.replace("stage: post_charge", "stage: court").replace("power: s38_1",
                                                                       "power: court")
    out = draft(run, str(write(tmp_path, "c.yaml", court)), "--for", "solicitor").stdout
    assert "(Bail Act 1976 s.3(8))" in flat(out) and "s.3A(4)" not in out


def test_record_text_is_data_not_a_template(run, tmp_path) -> None:
    text = (RECORDS / "picket-line.yaml").read_text().replace(
        "text: Not to take part in any trade union activity.",
        "text: \"Not to {{ 7*7 }} {% for x in range(3) %}x{% endfor %} {{ ''.__class__ }}\"")
    out = draft(run, str(write(tmp_path, "t.yaml", text)), "--for", "custody").stdout
    assert "Not to {{ 7*7 }} {% for x in range(3) %}x{% endfor %} {{ ''.__class__ }}" in flat(out)
    assert "49" not in out


def test_missing_variable_names_template_and_line(run, tmp_path) -> None:
    write(tmp_path, "tpl/custody.j2", "Case {{ case.reference }}\n\nOfficer {{ decision.rank }}\n")
    result = draft(run, PICKET, "--for", "custody", "--templates", str(tmp_path / "tpl"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path / 'tpl' / 'custody.j2'}:3:1: template error: ")
    assert "'dict object' has no attribute 'rank'" in result.stderr
    assert "Traceback" not in result.output


def test_template_syntax_error_and_sandbox(run, tmp_path) -> None:
    write(tmp_path, "tpl/custody.j2", "line one\n{% for %}\n")
    result = draft(run, PICKET, "--for", "custody", "--templates", str(tmp_path / "tpl"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path / 'tpl' / 'custody.j2'}:2:1: template syntax")
    write(tmp_path, "tpl/custody.j2", "{{ case.__class__.__mro__ }}\n")
    result = draft(run, PICKET, "--for", "custody", "--templates", str(tmp_path / "tpl"))
    assert result.exit_code == 2
    assert "unsafe" in result.stderr or "template error" in result.stderr


def test_templates_override_file_by_file(run, tmp_path) -> None:
    write(tmp_path, "tpl/custody.j2", "Force note for {{ case.reference }}\n")
    assert draft(run, PICKET, "--for", "custody", "--templates",
                 str(tmp_path / "tpl")).stdout == "Force note for LTL31-07\n"
    out = draft(run, PICKET, "--for", "solicitor", "--templates", str(tmp_path / "tpl")).stdout
    assert out.startswith("REPRESENTATIONS ON BAIL CONDITIONS")


def test_markdown_and_docx_outputs(run, tmp_path) -> None:
    md = tmp_path / "draft.md"
    assert draft(run, PICKET, "--for", "solicitor", "-o", str(md)).exit_code == 0
    assert md.read_text().startswith("# Representations on bail conditions\n")
    docx = tmp_path / "draft.docx"
    result = draft(run, PICKET, "--for", "solicitor", "-o", str(docx))
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    for condition in ("Not to enter the premises of Harbour Distribution Ltd",
                      "Not to take part in any trade union activity.",
                      "Not to attend any organised strike action."):
        assert condition in text
    assert "Magistrates' Courts Act 1980 s.43B" in text


def test_docx_needs_a_file(run) -> None:
    result = draft(run, PICKET, "--for", "custody", "--format", "docx")
    assert result.exit_code == 2
    assert "a Word document needs a file" in result.stderr


def test_overwrite_refused_without_force(run, tmp_path) -> None:
    target = tmp_path / "note.txt"
    target.write_text("earlier note")
    result = draft(run, PICKET, "--for", "custody", "-o", str(target))
    assert result.exit_code == 2
    assert target.read_text() == "earlier note"
    assert draft(run, PICKET, "--for", "custody", "-o", str(target), "--force").exit_code == 0
    assert target.read_text().startswith("DRAFT NOTE OF REASONS")


def test_nothing_partial_is_left_when_writing_fails(run, tmp_path, monkeypatch) -> None:
    def crash(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    result = draft(run, PICKET, "--for", "custody", "-o", str(tmp_path / "note.txt"))
    assert result.exit_code == 2
    assert "note.txt: cannot write: disk full" in result.stderr
    assert list(tmp_path.iterdir()) == []
