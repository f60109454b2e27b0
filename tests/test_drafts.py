"""Drafts: the custody officer's note, the court's note, the solicitor's representations and the
message for a release under investigation: golden texts beside the asserts a practitioner would
make of them, on the shared examples and on the records in tests/drafts/."""

from __future__ import annotations

import os
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from docx import Document
from tests.conftest import RECORDS, ROOT, TODAY, run_json, write

from bailcheck import resources
from bailcheck.documents.authorities import load as load_authorities
from bailcheck.documents.draft_words import earlier
from bailcheck.render.docx_out import blocks

PICKET = "examples/picket-line.yaml"
FIXTURES = ROOT / "tests" / "drafts"
DOMESTIC = "tests/drafts/precharge-domestic-curfew.yaml"
COURT = "tests/drafts/court-surety-passport.yaml"
YOUTH = "tests/drafts/youth-welfare-parent-surety.yaml"
STREET = "tests/drafts/street-bail-curfew.yaml"
RUI = "tests/drafts/rui-no-conditions.yaml"
CLEAN_COURT = "tests/drafts/court-nothing-to-challenge.yaml"
ALL = sorted([f"examples/{p.name}" for p in RECORDS.glob("*.yaml")]
             + [f"tests/drafts/{p.name}" for p in FIXTURES.glob("*.yaml")])
CASES = [(path, who) for path in ALL for who in ("custody", "solicitor")]

POLICE_VOICE = ("record why", "record the reason", "in `risks`", "record the specific evidence",
                "drop the condition", "record the evidence")
SLUG = re.compile(r"\b[a-z]+_[a-z_]+\b|`")
CITATION = re.compile(
    r"(?:Bail Act 1976|PACE 1984|Magistrates' Courts Act 1980) s{1,2}\.[0-9A-Z]+(?:\([0-9a-zA-Z]+\))*"
    r"(?:–\([0-9a-z]+\))?|ECHR Art \d+"
    r"|\b[A-Z][A-Za-z()' ]+ v [A-Z][A-Za-z()' ,.]+\[\d{4}\] [A-Z][A-Za-z]* \d+(?: \(Admin\))?")


def draft(run, *args: str):
    return run("draft", "--as-of", TODAY.isoformat(), *args)


def flat(text: str) -> str:
    """Text with line wrapping undone, to look for phrases that may wrap."""
    return " ".join(text.split())


def paragraphs(text: str) -> list[str]:
    """Each paragraph or list item of a plain-text draft, unwrapped."""
    out, cur = [], []
    for line in text.splitlines():
        starts = line.lstrip().startswith("- ")
        if not line.strip() or starts:
            if cur:
                out.append(" ".join(cur))
            cur = [line.strip()[2:]] if starts else []
        else:
            cur.append(line.strip())
    if cur:
        out.append(" ".join(cur))
    return [p for p in out if p]


@pytest.fixture(scope="module")
def table():
    return load_authorities()


# ------------------------------------------------------------------ golden drafts

@pytest.mark.parametrize(("path", "who"), CASES)
def test_golden_draft(run, snapshot, path: str, who: str) -> None:
    result = draft(run, path, "--for", who)
    assert result.exit_code == 0, result.output
    assert result.stdout == snapshot


# ------------------------------------------------------------------ what every draft must be

@pytest.mark.parametrize(("path", "who"), CASES)
def test_every_draft_reads_as_a_practitioner_document(run, table, path: str, who: str) -> None:
    out = draft(run, path, "--for", who).stdout
    text = flat(out)
    assert not SLUG.search(out), SLUG.search(out)  # no YAML key, rule id or verdict slug
    assert "needs justification" not in text and "Verdict" not in text
    assert ".." not in text.replace("...", "") and ".;" not in text and ".)" not in text.replace(
        "(s.", "").replace("e.g.)", "")
    repeated = [p for p, n in Counter(paragraphs(out)).items() if n > 1 and len(p) > 25]
    assert not repeated, repeated
    for found in CITATION.findall(text):
        assert table.match(found.strip()), f"{found!r} is not in templates/authorities.yaml"
    if who == "solicitor":
        lowered = text.lower()
        for phrase in POLICE_VOICE:
            assert phrase not in lowered, phrase
    assert max(len(line) for line in out.splitlines()) <= 88
    assert "#" not in out and "**" not in out  # plain text pastes into a custody system


@pytest.mark.parametrize(("path", "who"), [
    (path, who) for path in ALL + sorted(f"tests/cases/{p.name}" for p in
                                         (ROOT / "tests" / "cases").glob("*.yaml"))
    for who in ("custody", "solicitor")])
def test_placeholders_are_listed_again_at_the_end(run, path: str, who: str) -> None:
    out = draft(run, path, "--for", who).stdout
    # lines are wrapped, so a placeholder may break anywhere, "[to" and "complete:" included
    gaps = dict.fromkeys(flat(m) for m in re.findall(r"\[to\s+complete:\s+([^\]]+)\]", out))
    if who == "solicitor":
        assert gaps, "a solicitor always has a name, a firm and a reference to add"
    if not gaps:
        return
    heading = "Before sending, complete:" if who == "solicitor" else "\nStill to complete\n"
    assert heading in out
    tail = flat(out.split(heading)[-1])
    for gap in gaps:
        assert gap in tail, gap
        # a gap says which condition it is for as a person would, not as a code label
        assert not re.search(r", condition \d+$", gap), gap


# ------------------------------------------------------------------ the solicitor's representations

def test_solicitor_picket_line(run) -> None:
    out = flat(draft(run, PICKET, "--for", "solicitor").stdout)
    assert "Request to vary bail conditions (Bail Act 1976 s.3A(4))" in out
    assert "Magistrates' Courts Act 1980 s.43B" in out
    assert "bailed to appear at [to complete: name of the magistrates' court] on 20 March 2017" in out
    assert ("has no previous convictions, has no record of failing to surrender, has no record "
            "of offending on bail and has no history of interfering with witnesses") in out
    assert "is a member of a trade union" in out and "from 07:00 to 15:00" in out
    assert "freedom of assembly and association (Art 11) as a trade-union member" in out
    # Sharkey as decided: a condition confined to the current dispute, not a 50 m zone
    assert "within 50" not in out and "as upheld in Sharkey" not in out
    assert ("The conditions upheld in Sharkey were confined to picketing \u201cin connection with "
            "the current trade dispute\u201d") in out
    # the letter cites Sharkey for the dispute point; the solicitor's notes give the whole holding
    sendable, notes = out.split("Notes for the solicitor (not for sending)")
    assert "good character may be irrelevant" not in sendable
    assert ("The letter cites Sharkey for the point it makes. In full it held:" in notes
            and "good character may be irrelevant" in notes)
    assert "IPCC Learning the Lessons bulletin 31 (Dec 2017), case 7 (guidance, not law)" in out
    assert out.count(" be removed.") == 3  # each asks for removal


def test_solicitor_precharge_domestic(run) -> None:
    out = flat(draft(run, DOMESTIC, "--for", "solicitor").stdout)
    assert "s.38(2A)" not in out and "para 1A" not in out and "paragraph 1A" not in out
    assert "PACE 1984 s.50A" in out and "My client has not been charged." in out
    # the exclusion from the family home, where the complainant lives: not Carson (neighbours),
    # and no argument that the non-contact makes it unnecessary; another address is asked for
    home = out.split("Condition 2: Not to enter 4 Linden Road")[1].split("Condition 4:")[0]
    assert "It keeps my client out of their own home, where Ms T also lives." in home
    assert "my client needs another address to live at, [to complete: the address]" in home
    assert "Carson" not in home and "already protects" not in home
    assert "takes the two children (aged 6 and 9) to school" in home
    # the curfew: a wording that allows the 05:30 shift
    assert ("\u201cTo remain at 12 Cedar Close, Eastvale between 21:00 and 05:00 every night, "
            "except when travelling directly to or from work at Eastvale Bakery") in out
    # the non-contact condition protecting the complainant is not opposed on seriousness alone
    assert "Condition 1 (Not to contact Ms T directly or indirectly, by any means): it protects Ms T" in out
    assert "Conditions not opposed" in out


def test_a_point_made_again_points_back_to_every_condition_that_made_it(run) -> None:
    # picket-line: no condition has evidence of a risk, so each of the three says so
    for who, person in (("solicitor", "my client"), ("custody", "the person")):
        out = flat(draft(run, PICKET, "--for", who).stdout)
        said = f"nothing recorded about {person} shows a real risk it is needed to prevent"
        assert f"As with condition 1, {said}." in out
        assert f"As with conditions 1 and 2, {said}." in out
        assert "Condition 2: as with" not in out and "Condition 3: as with" not in out
    letter = flat(draft(run, PICKET, "--for", "solicitor").stdout)
    assert "It interferes with the same rights as condition 2." in letter


def test_a_record_whose_stage_power_and_role_disagree_is_flagged_before_the_note(run) -> None:
    mixed = flat(draft(run, "tests/cases/v2-01-court-stage-police-power-hostel-tag.yaml",
                       "--for", "custody").stdout)
    warning = ("Before adopting this note: the bail record disagrees with itself. The stage is "
               "court, but the release power is PACE s.38(1) (after charge) and the decision was "
               "made by a custody officer. The note is written for the stage the record gives "
               "(court bail), but each condition is checked against the limits of every reading "
               "the record allows, so a condition may be shown as outside a power on one of them. "
               "If the record is wrong, correct it and draft again.")
    assert warning in mixed
    assert mixed.index(warning) < mixed.index("The decision")
    street = flat(draft(run, "tests/cases/v2-05-precharge-stage-street-power-surety.yaml",
                        "--for", "custody").stdout)
    assert "The stage is pre-charge, but the release power is PACE s.30A (street bail)." in street
    for consistent in (COURT, DOMESTIC, STREET):
        assert "disagrees with itself" not in draft(run, consistent, "--for", "custody").stdout


def test_a_note_says_only_what_an_uncertain_condition_leaves_out(run, tmp_path) -> None:
    text = (ROOT / "examples" / "clean-reporting.yaml").read_text(encoding="utf-8")
    head = text.split("conditions:")[0]
    path = tmp_path / "uncertain.yaml"
    path.write_text(head + """conditions:
  - {id: c1, type: passport, text: Hand in passport., recipient: Sampleport police station,
     purpose: [surrender]}
  - {id: c2, type: reporting, text: Report weekly., station: Sampleport police station,
     purpose: [surrender]}
""", encoding="utf-8")
    note = flat(draft(run, str(path), "--for", "custody").stdout)
    assert "It does not say by when the documents must be surrendered." in note
    assert "It does not name the days." in note
    assert "or to whom" not in note and "the police station and" not in note


def test_a_release_under_investigation_whose_keys_disagree_says_so(run, tmp_path) -> None:
    text = (ROOT / "examples" / "rui-with-conditions.yaml").read_text(encoding="utf-8")
    assert "stage: pre_charge" in text
    path = tmp_path / "rui-post.yaml"
    path.write_text(text.replace("stage: pre_charge", "stage: post_charge"), encoding="utf-8")
    note = flat(draft(run, str(path), "--for", "custody").stdout)
    assert ("First: the bail record disagrees with itself. The stage is post-charge, but"
            ) in note
    plain = flat(draft(run, RUI, "--for", "custody").stdout)
    assert "disagrees with itself" not in plain


def test_solicitor_court_bail(run) -> None:
    out = flat(draft(run, COURT, "--for", "solicitor").stdout)
    assert "Application to vary bail conditions (Bail Act 1976 s.3(8))" in out
    letter, notes = out.split("Notes for the solicitor")
    assert "Crown Court" not in letter  # where else to apply is advice for the solicitor
    assert "whether this application should be made to the Crown Court instead" in notes
    for police in ("custody officer's reasons", "24 hours", "withhold", "refuse bail", "s.3A",
                   "s.43B", "s.5A"):
        assert police not in out, police
    surety = out.split("Condition 1:")[1].split("Condition 2:")[0]
    assert "Bail Act 1976 s.3(4)" in surety and "s.3(6)(a)" not in surety
    assert "means were not assessed" in surety and "Bail Act 1976 s.8(2)" in surety
    assert "Hearing: [to complete: hearing date and time]" in out
    # the record's decision.station is the court that granted bail
    assert "To: the court that granted bail, Northmoor Magistrates' Court" in out
    assert "name of the magistrates' court" not in out


def test_solicitor_youth(run) -> None:
    out = flat(draft(run, YOUTH, "--for", "solicitor").stdout)
    assert "the youth court (my client being under 18)" in out
    assert "is 15, a young person (Bail Act 1976 s.2(2))" in out
    assert "Recorded vulnerabilities: ADHD" in out
    assert "\u201cHis mother asks that the curfew start at 21:00 on Tuesdays" in out
    assert "\u201cTo remain at 19 Fern Walk, Eastvale between 19:00 and 06:00 every night.\u201d" in out
    body = out.split("The law relied on")[0]
    assert "my client's welfare" in body
    assert "the person's" not in body


def test_solicitor_street_bail(run) -> None:
    out = flat(draft(run, STREET, "--for", "solicitor").stdout)
    assert "Request to vary street bail conditions (PACE 1984 s.30CA)" in out
    assert "may consider only the grounds relied on here (s.30CB)" in out
    assert "Bail Act 1976 s.3A" not in out and "s.5A" not in out


@pytest.mark.parametrize(("address", "away"), [
    ("3 Mill Court, Sampleport", True),
    ("17 harbour view sampleport", False),  # the person's own address, written differently
    (None, False),  # no address: the letter cannot say where
])
def test_a_residence_is_called_away_from_home_only_at_another_address(
        run, tmp_path: Path, address: str | None, away: bool) -> None:
    text = (ROOT / "tests" / "cases" / "33-court-gives-no-reasons.yaml").read_text()
    where = f'address: "{address}", ' if address else ""
    text = text.replace('address: "3 Mill Court, Sampleport", ', where)
    out = flat(draft(run, str(write(tmp_path, "r.yaml", text)), "--for", "solicitor").stdout)
    assert "Condition 1" in out
    assert ("requiring them to live away from home" in out) is away


def test_nothing_to_challenge_gets_a_short_letter(run) -> None:
    for path in (CLEAN_COURT, "examples/domestic-precharge.yaml", "examples/clean-reporting.yaml"):
        out = flat(draft(run, path, "--for", "solicitor").stdout)
        assert "Bail conditions: not opposed" in out, path
        assert "My client does not ask for them to be varied at present" in out
        assert "Condition 1 (" in out and "The conditions challenged" not in out
    out = flat(draft(run, CLEAN_COURT, "--for", "solicitor").stdout)
    assert "apply to the court to vary them (Bail Act 1976 s.3(8))" in out


def test_rui(run) -> None:
    for path in (RUI, "examples/rui-with-conditions.yaml"):
        out = flat(draft(run, path, "--for", "custody").stdout)
        assert "No note of reasons for bail conditions is needed" in out
        assert "PACE 1984 s.47(1A)" in out
        for note in ("s.5A", "Why it is necessary", "pre-charge bail", "s.37(7)"):
            assert note not in out, note
    out = flat(draft(run, "examples/rui-with-conditions.yaml", "--for", "custody").stdout)
    assert "under PACE 1984 s.37(2)" in out
    out = flat(draft(run, "examples/rui-with-conditions.yaml", "--for", "solicitor").stdout)
    assert ("Please confirm in writing that my client is not subject to them and that no step "
            "will be taken to enforce them.") in out
    # a defence letter does not invite the police to bail the client instead
    assert "release on bail" not in out and "proper course" not in out


# ------------------------------------------------------------------ the decision-maker's note

def test_custody_note_records_only_the_reasons_the_record_holds(run) -> None:
    from bailcheck.record.validate import load_record

    for path in ALL:
        out = flat(draft(run, path, "--for", "custody").stdout)
        for cond in load_record(ROOT / path).conditions:
            if cond.get("reason") and "released under investigation" not in out:
                assert out.count(cond["reason"]) == 1, (path, cond["reason"])


def test_custody_note_youth(run) -> None:
    out = flat(draft(run, YOUTH, "--for", "custody").stdout)
    assert "Appropriate adult: [to complete:" in out and "PACE Code C" in out
    assert "older men in the town centre are drawing him into county-lines" in out
    assert "ADHD" in out
    assert "the person is 15, a child" not in out and "Mrs D" not in out.split(
        "Condition 3:")[0]  # neither age nor a housemate is evidence of a risk
    surety = out.split("Condition 3:")[1]
    assert "(Bail Act 1976 s.3(7))" in surety and "£50." in surety
    assert "You may instead apply to the youth court" in out
    assert "\u201cHis mother asks that the curfew start at 21:00 on Tuesdays" in out
    assert "How they were considered: [to complete:" in out


def test_custody_note_precharge(run) -> None:
    out = flat(draft(run, DOMESTIC, "--for", "custody").stdout)
    assert "Note of reasons for bail conditions (Bail Act 1976 s.5A)".upper() in out
    assert "PACE 1984 s.50A(1)–(2)" in out and "s.38(2A)" not in out and "para 1A" not in out
    assert ("The views passed to me (PACE 1984 s.47ZZA(4)): \u201cWants him out of the house"
            ) in out
    assert "I must consider them, but need not follow them. How I took them into account" in out
    assert "considered (PACE 1984 s.50A(1)(b))" in out
    assert "The person's caring responsibilities: takes the two children" in out
    assert "Your right to ask for these conditions to be changed" in out
    assert "Why a less restrictive condition would not do: [to complete:" in out


def test_court_note_is_never_an_s5a_note(run) -> None:
    for path in (COURT, CLEAN_COURT):
        out = flat(draft(run, path, "--for", "custody").stdout)
        assert out.startswith("NOTE OF THE COURT'S REASONS FOR BAIL CONDITIONS (BAIL ACT 1976 "
                              "S.5(3)–(4))")
        for police in ("s.5A", "custody officer", "s.43B", "s.3A(4)", "Appropriate adult"):
            assert police not in out, (path, police)
        assert "may apply to this court to vary these conditions (Bail Act 1976 s.3(8))" in out


def test_custody_note_street_bail(run) -> None:
    out = flat(draft(run, STREET, "--for", "custody").stdout)
    assert out.startswith("NOTE OF REASONS FOR STREET BAIL CONDITIONS (PACE 1984 S.30A)")
    assert "s.5A" not in out and "(PACE 1984 s.30CA)" in out
    assert "Three previous convictions for criminal damage at the bus station" in out


def test_accepted_findings_are_printed_with_their_reasons(run, tmp_path) -> None:
    text = (ROOT / DOMESTIC).read_text() + (
        "accepted:\n  - {rule: curfew-12-to-16-hours, condition: c4, by: Insp 55, "
        "reason: The offences were late at night and the sister's home is nearby.}\n")
    out = flat(draft(run, str(write(tmp_path, "a.yaml", text)), "--for", "custody").stdout)
    assert "Points considered and accepted" in out
    assert ("(condition 4): accepted by Insp 55: The offences were late at night and the "
            "sister's home is nearby.") in out


# ------------------------------------------------------------------ authorities

def test_every_rule_citation_is_described_or_deliberately_left_out(builtin_policy, table) -> None:
    for rule in builtin_policy.rules:
        for citation in rule.citations:
            assert table.match(citation) or table.left_out(citation), (rule.id, citation)


def test_authorities_say_what_they_decided(table) -> None:
    sharkey = table.get("R v Mansfield Justices, ex p Sharkey [1985] QB 613")
    assert "in connection with the current trade dispute" in sharkey.held
    assert "50" not in sharkey.held and sharkey.binds == "binding"
    assert "not a court decision" in table.get("Dale Farm (Essex) bail conditions, 2011").held
    for name in ("Just Stop Oil, Waterloo Bridge (Southwark Crown Court, Dec 2023)",
                 "Balcombe (Crawley Magistrates' Court, 14 Aug 2013)"):
        assert table.get(name).binds == "first_instance" and "not binding" in table.get(name).held
    assert table.get("IPCC Learning the Lessons bulletin 31 (Dec 2017), case 7").binds == \
        "guidance"
    for a in table.entries.values():
        assert a.held.endswith(".") and a.held.count(". ") <= 1, a.cite


def test_ltl31_only_where_a_dispute_or_workplace_is_in_issue(run) -> None:
    for path in ALL:
        for who in ("custody", "solicitor"):
            out = flat(draft(run, path, "--for", who).stdout)
            if path != PICKET:
                assert "Learning the Lessons" not in out, (path, who)


# ------------------------------------------------------------------ Markdown and Word

@pytest.mark.parametrize(("path", "who"), CASES)
def test_markdown_and_word_have_the_same_structure(run, tmp_path, path: str, who: str) -> None:
    md_path, docx_path = tmp_path / "d.md", tmp_path / "d.docx"
    assert draft(run, path, "--for", who, "-o", str(md_path)).exit_code == 0
    result = draft(run, path, "--for", who, "-o", str(docx_path))
    assert result.exit_code == 0, result.output
    md = md_path.read_text()
    ours = [(b.style, b.text) for b in blocks(md)]
    doc = Document(str(docx_path))
    style = {"Heading 1": "h1", "Heading 2": "h2", "Heading 3": "h3", "List Bullet": "li1",
             "List Bullet 2": "li2", "Normal": "p"}
    word = [(style[p.style.name], p.text) for p in doc.paragraphs if p.text.strip()]
    assert word == ours
    assert any(s == "h1" for s, _ in word)
    assert "rui" in path or any(s == "h2" for s, _ in word)
    if re.search(r"^ *- ", md, re.MULTILINE):
        assert any(s.startswith("li") for s, _ in word)
    props = doc.core_properties
    assert props.title and props.title in ours[0][1]
    from bailcheck.record.validate import load_record

    assert props.subject.startswith(load_record(ROOT / path).reference + ": ")
    assert props.created.replace(tzinfo=None) == datetime(TODAY.year, TODAY.month, TODAY.day)
    assert props.author != "python-docx"
    markdown_it = pytest.importorskip("markdown_it")
    assert _commonmark_blocks(markdown_it.MarkdownIt("commonmark"), md) == ours


def _commonmark_blocks(parser, md: str) -> list[tuple[str, str]]:
    """(style, text) of each block as a CommonMark parser reads the Markdown."""
    out, depth, heading = [], 0, ""
    tokens = parser.parse(md)
    for i, tok in enumerate(tokens):
        if tok.type == "bullet_list_open":
            depth += 1
        elif tok.type == "bullet_list_close":
            depth -= 1
        elif tok.type == "heading_open":
            heading = tok.tag
        elif tok.type == "inline":
            text = "".join(c.content for c in tok.children if c.type in ("text", "softbreak"))
            if heading:
                out.append((f"h{heading[1]}", text))
                heading = ""
            elif depth:
                out.append((f"li{depth}", text))
            else:
                out.append(("p", text))
        elif tok.type not in ("paragraph_open", "paragraph_close", "heading_close",
                              "list_item_open", "list_item_close"):
            raise AssertionError(f"unexpected Markdown block {tok.type} at token {i}")
    return out


def test_record_text_cannot_become_markdown(run, tmp_path) -> None:
    hostile = "# Big *bold* [link](http://x) <b>b</b> &amp; `code`\\n- item\\n1. one"
    text = (RECORDS / "picket-line.yaml").read_text().replace(
        "text: Not to take part in any trade union activity.", f'text: "{hostile}"')
    md = tmp_path / "h.md"
    assert draft(run, str(write(tmp_path, "h.yaml", text)), "--for", "solicitor", "-o",
                 str(md)).exit_code == 0
    markdown_it = pytest.importorskip("markdown_it")
    found = _commonmark_blocks(markdown_it.MarkdownIt("commonmark"), md.read_text())
    literal = "# Big *bold* [link](http://x) <b>b</b> &amp; `code` - item 1. one"
    assert ("h3", f"Condition 2: {literal}") in found


def test_control_characters_never_reach_a_document(run, tmp_path) -> None:
    text = (ROOT / "examples" / "clean-reporting.yaml").read_text().replace(
        "text: Report to Sampleport", 'text: "Report\\x01 to Sampleport').replace(
        "between 10:00 and 12:00.\n    station", 'between 10:00 and 12:00."\n    station')
    record = write(tmp_path, "c.yaml", text)
    for who in ("custody", "solicitor"):
        docx = tmp_path / f"{who}.docx"
        result = draft(run, str(record), "--for", who, "-o", str(docx))
        assert result.exit_code == 0, result.output
        body = "\n".join(p.text for p in Document(str(docx)).paragraphs)
        assert "Report\\x01 to Sampleport" in body and "\x01" not in body
        out = draft(run, str(record), "--for", who).stdout
        assert "\x01" not in out and "Report\\x01" in out


def test_word_template_from_the_templates_folder(run, tmp_path) -> None:
    make = _make_script()
    folder = tmp_path / "firm"
    folder.mkdir()
    doc = make.build("solicitor", "Representations", "Smith & Jones <Solicitors>")
    doc.save(str(folder / "solicitor.docx"))
    out = tmp_path / "r.docx"
    result = draft(run, PICKET, "--for", "solicitor", "--templates", str(folder), "-o", str(out))
    assert result.exit_code == 0, result.output
    header = Document(str(out)).sections[0].header.paragraphs[0].text
    assert header == "Smith & Jones <Solicitors> | DRAFT | LTL31-07"


def test_shipped_word_templates_are_what_the_script_builds() -> None:
    make = _make_script()
    folder = resources.builtin("templates")
    for name, (title, letterhead) in make.DOCUMENTS.items():
        shipped = Document(str(folder / f"{name}.docx"))
        built = make.build(name, title, letterhead)
        assert [(p.style.name, p.text) for p in shipped.paragraphs] == \
            [(p.style.name, p.text) for p in built.paragraphs]
        assert shipped.sections[0].header.paragraphs[0].text == \
            built.sections[0].header.paragraphs[0].text
        assert shipped.core_properties.created.year == 2026


def _make_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_docx_templates", resources.builtin("templates") / "make_docx_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("name", "message"), [
    ("reps.pdf", "bailcheck writes drafts as .txt, .md, .markdown, .docx"),
    ("reps", "bailcheck writes drafts as"),
])
def test_unknown_output_suffix_is_an_error(run, tmp_path, name: str, message: str) -> None:
    result = draft(run, PICKET, "--for", "solicitor", "-o", str(tmp_path / name))
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / name).exists()


def test_format_must_agree_with_the_suffix(run, tmp_path) -> None:
    result = draft(run, PICKET, "--for", "solicitor", "-o", str(tmp_path / "r.md"),
                   "--format", "docx")
    assert result.exit_code == 2 and "make them agree" in result.stderr


def test_docx_needs_a_file(run) -> None:
    result = draft(run, PICKET, "--for", "custody", "--format", "docx")
    assert result.exit_code == 2
    assert "a Word document needs a file" in result.stderr


# ------------------------------------------------------------------ templates: data, sandbox, limits

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



def test_a_pointer_back_names_at_most_six_conditions() -> None:
    raised: dict[str, list[int]] = {}
    said = [earlier(raised, "no risk shown", n) for n in range(1, 10)]
    assert said[:3] == ["", "condition 1", "conditions 1 and 2"]
    assert said[6] == "conditions 1, 2, 3, 4, 5 and 6"  # six: each named
    assert said[7] == "conditions 1, 2, 3, 4, 5 and 2 others"  # seven: the list stops growing
    assert said[8] == "conditions 1, 2, 3, 4, 5 and 3 others"
    assert earlier(raised, "no risk shown", 4) == "conditions 1, 2, 3, 5, 6 and 3 others"


def test_a_long_package_gives_a_letter_that_grows_with_it(run, tmp_path) -> None:
    text = (RECORDS / "picket-line.yaml").read_text(encoding="utf-8")
    head, conditions = text.split("\nconditions:\n")[0], text.split("\nconditions:\n")[1]
    sizes = []
    for copies in (10, 40):
        body = "".join(conditions.split("\nexpect:")[0].replace("id: c", f"id: k{i}c") + "\n"
                       for i in range(copies))
        path = write(tmp_path, f"many{copies}.yaml", head + "\nconditions:\n" + body)
        result = draft(run, str(path), "--for", "solicitor")
        assert result.exit_code == 0, result.output
        sizes.append(len(result.stdout))
    assert sizes[1] < 4.6 * sizes[0]  # four times the conditions, about four times the text

def test_a_template_not_in_utf8_says_where(run, tmp_path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "custody.j2").write_bytes(b"Note\nCase \xff{{ case.reference }}\n")
    result = draft(run, PICKET, "--for", "custody", "--templates", str(folder))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{folder / 'custody.j2'}:2:6: template is not UTF-8 text")
    (folder / "custody.j2").write_bytes("Note\nCase \u00e9{{ case.reference }}\n".encode())
    assert draft(run, PICKET, "--for", "custody", "--templates", str(folder)).stdout == (
        "Note\nCase \u00e9LTL31-07\n")


@pytest.mark.parametrize(("table", "said"), [
    ("- 1\n- 2\n", "authorities.yaml:1:1: the document is a sequence, not a mapping"),
    ("authorities: [\n", "authorities.yaml:2:1: YAML syntax error"),
    ("authorities:\n  - cite: X\n    short: X\n    binds: sometimes\n    held: Y.\n",
     "authorities.yaml:4:12: `sometimes` is not a valid binds"),
    ("authorities:\n  - cite: X\n    binds: statute\n    held: Y.\n",
     "authorities.yaml:2:5: `short` is required"),
])
def test_a_broken_authorities_table_says_where(run, tmp_path, table: str, said: str) -> None:
    write(tmp_path, "tpl/authorities.yaml", table)
    result = draft(run, PICKET, "--for", "solicitor", "--templates", str(tmp_path / "tpl"))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{tmp_path / 'tpl' / said}"), result.stderr
    assert "Traceback" not in result.output and "<unicode string>" not in result.output

@pytest.mark.parametrize("source", [
    '{{ "x" * 100000000 }}',
    "{% for i in range(99999) %}{% for j in range(99999) %}xxxxxxxxxx{% endfor %}{% endfor %}",
    "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}",
    "{{ 10 ** 100000 }}",
])
def test_templates_are_limited(run, tmp_path, source: str) -> None:
    write(tmp_path, "tpl/custody.j2", source + "\n")
    result = draft(run, PICKET, "--for", "custody", "--templates", str(tmp_path / "tpl"))
    assert result.exit_code == 2, result.output
    assert "template stopped" in result.stderr
    assert "Traceback" not in result.output


def test_templates_override_file_by_file(run, tmp_path) -> None:
    write(tmp_path, "tpl/custody.j2", "Force note for {{ case.reference }}\n")
    assert draft(run, PICKET, "--for", "custody", "--templates",
                 str(tmp_path / "tpl")).stdout == "Force note for LTL31-07\n"
    out = draft(run, PICKET, "--for", "solicitor", "--templates", str(tmp_path / "tpl")).stdout
    assert out.startswith("REPRESENTATIONS ON BAIL CONDITIONS")


def test_overwrite_refused_without_force(run, tmp_path) -> None:
    target = tmp_path / "note.txt"
    target.write_text("earlier note")
    result = draft(run, PICKET, "--for", "custody", "-o", str(target))
    assert result.exit_code == 2
    assert target.read_text() == "earlier note"
    assert draft(run, PICKET, "--for", "custody", "-o", str(target), "--force").exit_code == 0
    assert target.read_text().startswith("NOTE OF REASONS FOR BAIL CONDITIONS")


def test_nothing_partial_is_left_when_writing_fails(run, tmp_path, monkeypatch) -> None:
    def crash(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    result = draft(run, PICKET, "--for", "custody", "-o", str(tmp_path / "note.txt"))
    assert result.exit_code == 2
    assert "note.txt: cannot write: disk full" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_check_does_not_import_the_document_libraries() -> None:
    import subprocess
    import sys

    code = ("import sys; from bailcheck.cli import app; "
            "print(sorted(m for m in ('jinja2', 'docx', 'docxtpl', 'yaml_authorities') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
                         cwd=Path(ROOT), check=True).stdout
    assert out.strip() == "[]"


def test_bail_without_conditions(run, tmp_path) -> None:
    text = (ROOT / "examples" / "clean-reporting.yaml").read_text()
    text = text[:text.index("conditions:")] + "conditions: []\n"
    record = str(write(tmp_path, "none.yaml", text))
    out = flat(draft(run, record, "--for", "custody").stdout)
    assert "Bail was granted without conditions, so no note of reasons for conditions" in out
    assert "cannot be imposed" not in out and "Your right to ask" not in out
    out = flat(draft(run, record, "--for", "solicitor").stdout)
    assert "without conditions, so there is nothing to vary" in out
    assert "The law relied on" not in out and "not opposed" not in out


@pytest.mark.parametrize(("body", "message"), [
    ("{{ case.no_such_thing }}", "template error"),
    ("{%p for b in blocks %}", "template syntax error"),
])
def test_a_broken_word_template_is_reported(run, tmp_path, body: str, message: str) -> None:
    folder = tmp_path / "firm"
    folder.mkdir()
    doc = Document()
    doc.add_paragraph(body)
    doc.save(str(folder / "solicitor.docx"))
    result = draft(run, PICKET, "--for", "solicitor", "--templates", str(folder), "-o",
                   str(tmp_path / "r.docx"))
    assert result.exit_code == 2, result.output
    assert str(folder / "solicitor.docx") in result.stderr and message in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "r.docx").exists()


def test_a_word_template_that_is_not_a_word_file(run, tmp_path) -> None:
    write(tmp_path, "firm/solicitor.docx", "not a zip\n")
    result = draft(run, PICKET, "--for", "solicitor", "--templates", str(tmp_path / "firm"),
                   "-o", str(tmp_path / "r.docx"))
    assert result.exit_code == 2 and "not a Word (.docx) file" in result.stderr


# ------------------------------------------------------------------ narrower wordings proposed

POWERS = {"court": ("court", "magistrates"), "post_charge": ("s38_1", "custody_officer"),
          "street": ("s30A", "constable"), "pre_charge": ("s37_2", "custody_officer")}
THEFT = {"description": "Theft from a shop", "mode_of_trial": "either_way", "imprisonable": True}
DRIVING = {"description": "Dangerous driving", "mode_of_trial": "either_way",
           "imprisonable": True, "context": ["driving"]}
JOB = {"employer": "Sample Plumbing", "hours": "08:00-16:00"}


def _solicitor(run, tmp_path, *conditions: dict, stage: str = "court", person: dict | None = None,
               offence: dict | None = None, decision: dict | None = None) -> str:
    """The solicitor's draft for an invented record holding `conditions`, unwrapped."""
    import yaml

    power, role = POWERS[stage]
    record = {
        "bailcheck": 1, "case": {"reference": "T/1"}, "stage": stage, "release": {"power": power},
        "decision": {"made_at": "2025-06-03T11:30", "by_role": role, "reasons_recorded": True,
                     "copy_given": True, **(decision or {})},
        "person": {"age": 40, "previous_convictions": 0, "failures_to_surrender": 0,
                   "fixed_address": True, "address": "1 Example Road, Sampletown",
                   **(person or {})},
        "offences": [offence or THEFT],
        "conditions": [{"id": f"c{i}", **c} for i, c in enumerate(conditions, 1)],
    }
    path = write(tmp_path, "r.yaml", yaml.safe_dump(record, sort_keys=False))
    result = draft(run, str(path), "--for", "solicitor")
    assert result.exit_code == 0, result.output
    return flat(result.stdout)


def _offered(out: str) -> str:
    """The wordings the draft proposes, instead or as a fall-back, joined."""
    return " | ".join(re.findall(r"(?:Proposed instead:|no further than:) \u201c([^\u201d]*)\u201d",
                                 out))


PASSPORT = {"type": "passport", "text": "To surrender his passport.", "purpose": ["surrender"],
            "deadline": "2025-06-04T12:00", "recipient": "Sampletown police station"}


def test_passport_without_a_flight_risk_gives_way_to_what_secures_attendance(run, tmp_path):
    out = _solicitor(run, tmp_path, PASSPORT)
    assert "Proposed: that condition 1 be removed." in out
    assert _offered(out) == "To live and sleep each night at 1 Example Road, Sampletown."
    residence = {"type": "residence", "text": "To live at 1 Example Road.",
                 "address": "1 Example Road, Sampletown", "purpose": ["surrender"]}
    out = _solicitor(run, tmp_path, PASSPORT, residence, person={"employment": JOB})
    assert _offered(out).startswith("To report to [to complete: police station] once a week, "
                                    "on [to complete: day]s, between 17:00 and 19:00.")
    out = _solicitor(run, tmp_path, PASSPORT, person={"passport_held": False})
    assert _offered(out) == "Not to apply for any passport or other international travel document."


def test_passport_close_cases_propose_nothing_narrower(run, tmp_path):
    only_forbids = {**PASSPORT, "text": "Not to apply for any travel document.", "hand_in": False}
    out = _solicitor(run, tmp_path, only_forbids)  # already the narrowest: it should go
    assert "Proposed: that condition 1 be removed." in out and _offered(out) == ""
    undated = {k: v for k, v in PASSPORT.items() if k != "deadline"}
    out = _solicitor(run, tmp_path, undated, person={"foreign_ties": True})  # a flight risk
    assert "The conditions challenged" in out and _offered(out) == ""


SURETY = {"type": "surety", "text": "To provide a surety of 3000 pounds.", "name": "Mr B",
          "amount": 3000, "means_assessed": False, "purpose": ["surrender"]}


def test_surety_sum_within_means_or_no_surety(run, tmp_path):
    out = _solicitor(run, tmp_path, SURETY)  # no risk of failing to surrender
    assert "Proposed: that condition 1 be removed." in out
    assert _offered(out) == "To live and sleep each night at 1 Example Road, Sampletown."
    risk = {**THEFT, "likely_disposal": "non_custodial"}  # conditions need reasons; none given
    out = _solicitor(run, tmp_path, SURETY, person={"failures_to_surrender": 1}, offence=risk,
                     decision={"reasons_recorded": False})
    assert _offered(out) == ("To provide a surety (Mr B) in the sum of [to complete: a sum "
                             "within Mr B's means, once assessed] before release.")
    assert "Bail Act 1976 s.8(2)" in out.split("Proposed instead")[0].split("Law:")[1]


def test_surety_close_case_street_bail_is_removal_only(run, tmp_path):
    out = _solicitor(run, tmp_path, SURETY, stage="street")
    assert "Street bail cannot require a surety" in out or "may not require a surety" in out
    assert "Proposed: that condition 1 be removed." in out and _offered(out) == ""


SECURITY = {"type": "security", "text": "To deposit 2000 pounds in cash.", "amount": 2000,
            "form": "cash", "purpose": ["surrender"]}


def test_security_without_a_surrender_risk_gives_way_to_reporting(run, tmp_path):
    curfew = {"type": "curfew", "text": "To stay at 1 Example Road, 22:00 to 06:00.",
              "address": "1 Example Road, Sampletown", "from": "22:00", "to": "06:00",
              "purpose": ["no_offending"]}
    out = _solicitor(run, tmp_path, SECURITY, curfew, stage="post_charge",
                     decision={"station": "Sampletown police station"})
    assert "Proposed: that condition 1 be removed." in out
    assert _offered(out).startswith("To report to Sampletown police station once a week")


def test_security_close_case_for_another_purpose_is_removal_only(run, tmp_path):
    out = _solicitor(run, tmp_path, {**SECURITY, "purpose": ["no_offending"]})
    assert "Proposed: that condition 1 be removed." in out and _offered(out) == ""


BAN = {"type": "activity", "activity": "driving", "text": "Not to drive.",
       "purpose": ["no_offending"]}


def test_driving_ban_for_a_driving_offence_keeps_the_client_working(run, tmp_path):
    out = _solicitor(run, tmp_path, BAN, offence=DRIVING, person={"employment": JOB})
    assert _offered(out) == ("Not to drive any mechanically propelled vehicle on a road or "
                             "public place, except in the course of work for Sample Plumbing.")


def test_driving_ban_close_cases_propose_nothing_narrower(run, tmp_path):
    out = _solicitor(run, tmp_path, BAN, person={"employment": JOB})  # not a driving offence
    assert "Proposed: that condition 1 be removed." in out and _offered(out) == ""
    out = _solicitor(run, tmp_path, BAN, offence=DRIVING)  # no work to keep
    assert "Proposed: that condition 1 be removed." in out and _offered(out) == ""


TAG = {"type": "electronic_monitoring", "text": "To wear an electronic tag.",
       "purpose": ["no_offending"], "reason": "To monitor the curfew."}
CURFEW = {"type": "curfew", "text": "To stay at 1 Example Road, 22:00 to 06:00.",
          "address": "1 Example Road, Sampletown", "from": "22:00", "to": "06:00",
          "purpose": ["no_offending"], "reason": "The thefts were at night."}


def test_court_tag_without_a_custody_ground_gives_way_to_a_doorstep_check(run, tmp_path):
    out = _solicitor(run, tmp_path, TAG, CURFEW, person={"previous_convictions": 4})
    assert "A tag is for a defendant who would otherwise be refused bail" in out
    assert _offered(out) == ("During the curfew hours set by condition 2, to come to the door "
                             "in person when a police officer calls at 1 Example Road, "
                             "Sampletown.")
    law = out.split("Condition 1:")[1].split("Proposed instead")[0].split("Law:")[1]
    assert "R (CPS) v Chorley Justices [2002] EWHC 2162 (Admin)" in law
    assert ("Verify: the point \u201cA court tag where no custody ground is available\u201d "
            "(condition 1; Bail Act 1976 s.3(6ZAA) and ss.3AA–3AB) rests on law not yet checked "
            "against its source.") in out.split("Before sending, complete:")[1]


def test_court_note_for_a_tag_offers_only_the_grounds_this_court_can_use(run) -> None:
    # v2-18: summary only, no real prospect of custody, not domestic abuse, so para 1A leaves
    # only own protection; v2-04 (either way, custody possible) leaves every ground open
    def offered(case: str) -> str:
        result = draft(run, f"tests/cases/{case}.yaml", "--for", "custody")
        assert result.exit_code == 0
        return flat(result.stdout).split("refuse bail on the ground of [to complete: ")[1].split(
            ", with the test in Sch 1")[0]
    assert offered("v2-18-court-para1a-not-domestic-tag") == "own protection"
    assert offered("v2-04-court-tag-without-custody-ground") == (
        "failing to surrender, offending on bail, interfering with witnesses or own protection")


def test_tag_close_cases_propose_nothing_narrower(run, tmp_path):
    out = _solicitor(run, tmp_path, TAG, CURFEW, stage="post_charge",
                     person={"previous_convictions": 4})  # police: outside the power
    assert "Proposed: that condition 1 be removed." in out and _offered(out) == ""
    doorstep = {"type": "doorstep", "text": "To come to the door during the curfew.",
                "purpose": ["no_offending"], "reason": "To check the curfew."}
    out = _solicitor(run, tmp_path, TAG, CURFEW, doorstep, person={"previous_convictions": 4})
    assert "The conditions challenged" in out and "come to the door in person" not in out
    out = _solicitor(run, tmp_path, TAG, CURFEW, person={"previous_convictions": 4},
                     decision={"alternative_to_custody": ["offending_on_bail"]})
    assert "come to the door in person" not in out  # a ground is available: no challenge


# ------------------------------------------------------------------ points to verify

def test_youth_court_and_crown_court_statements_are_marked_for_verification(run) -> None:
    youth = flat(draft(run, YOUTH, "--for", "solicitor").stdout)
    tail = youth.split("Before sending, complete:")[1]
    assert "the youth court (my client being under 18)" in youth  # the statement is kept
    assert ("Verify: that for a client under 18 the court for this application is the youth "
            "court (Magistrates' Courts Act 1980 s.43B)") in tail
    note = flat(draft(run, YOUTH, "--for", "custody").stdout).split("Still to complete")[1]
    assert "youth court; bailcheck's law sources do not say so." in note
    court = flat(draft(run, COURT, "--for", "solicitor").stdout)
    assert ("Verify: if the case has been sent to the Crown Court for trial, whether this "
            "application should be made to the Crown Court instead (Bail Act 1976 s.3(8))"
            ) in court.split("Before sending, complete:")[1]
    assert "Crown Court" not in flat(draft(run, STREET, "--for", "solicitor").stdout)
    adult = flat(draft(run, DOMESTIC, "--for", "solicitor").stdout)
    assert "youth court" not in adult and "Verify: that" not in adult


def test_the_table_states_neither_unchecked_point(table) -> None:
    for a in table.entries.values():
        assert "youth court" not in a.held.lower(), a.cite
    assert "Crown Court" not in table.get("Bail Act 1976 s.3(8)").held
    assert not table.get("Bail Act 1976 s.3(8)").verify  # what it does say is checked


def test_the_solicitors_letter_asks_the_client_rather_than_speaking_for_them(run) -> None:
    # what the client asks for is theirs to say: the record does not hold it
    not_opposed = flat(draft(run, CLEAN_COURT, "--for", "solicitor").stdout)
    assert "with my client" not in not_opposed
    assert "at present [to complete: confirm this with your client]" in not_opposed
    for path in ALL:
        out = flat(draft(run, path, "--for", "solicitor").stdout)
        assert "My client asks only" not in out, path
    contact = flat(draft(run, "tests/cases/11-indictable-only.yaml",
                         "--for", "solicitor").stdout)
    assert "[to complete: whether my client asks for one]" in contact


def test_a_court_date_already_past_is_not_written_of_as_to_come(run) -> None:
    before = flat(run("draft", "--as-of", "2017-03-10", PICKET, "--for", "solicitor").stdout)
    assert "My client is bailed to appear at" in before and "before then" in before
    after = flat(run("draft", "--as-of", "2017-03-21", PICKET, "--for", "solicitor").stdout)
    assert "My client was bailed to appear at" in after and "before then" not in after
    assert "[to complete: what happened at that hearing, and the date of the next]" in after


def test_a_para_1a_court_note_names_the_ground_that_survives(run) -> None:
    out = flat(draft(run, "tests/cases/v2-17-court-para1a-domestic-tag.yaml", "--for",
                     "custody").stdout)
    # every imprisonable offence is summary only, so Part IA applies, not Part I (law.md §3.1):
    # its associated-person ground is para 4
    assert ("refused bail under Bail Act 1976 Sch 1, because there would be substantial grounds "
            "for believing that the defendant would commit an offence on bail by conduct causing, "
            "or likely to cause, physical or mental injury to an associated person, or making them "
            "fear it (Pt IA para 4, which para 1A leaves in place)") in out
    assert "Verify: the tests of the Bail Act 1976 Sch 1 Pt IA grounds" in out
    assert "Pt I para 2ZA" not in out
    plain = flat(draft(run, COURT, "--for", "custody").stdout)
    assert "para 2ZA" not in plain


def test_a_2017_regime_note_asks_who_authorised_the_release(run) -> None:
    # PACE s.50A(b) (2017 text): release on pre-charge bail needed an inspector's authority
    out = flat(draft(run, "tests/cases/27-precharge-2019-extension-by-inspector.yaml", "--for",
                     "custody").stdout)
    assert ("Release on bail authorised by an inspector or above (PACE 1984 s.50A(b) (2017 "
            "text)): [to complete: name and rank of the authorising officer]") in out
    assert "s.50A(b) (2017 text)" not in flat(draft(run, DOMESTIC, "--for", "custody").stdout)


def detention_sentence(run, case: str) -> str:
    """The note's sentence on why bail could not be granted without conditions ("" if none)."""
    out = flat(draft(run, f"tests/cases/{case}.yaml", "--for", "custody").stdout)
    for opening in ("Without conditions the court would have refused bail",
                    "Without conditions the person would have been kept in detention"):
        if (start := out.find(opening)) >= 0:
            return out[start:out.index("instead.", start) + 8]
    return ""


def test_a_court_note_states_the_refusal_test_not_a_risk(run) -> None:
    # Sch 1 Pt I para 2(1): refusal needs substantial grounds for believing, not a risk (Sharkey)
    said = detention_sentence(run, "v2-41-exclusion-keeps-from-college")
    assert said == ("Without conditions the court would have refused bail under Bail Act 1976 "
                    "Sch 1, because there would be substantial grounds for believing that the "
                    "defendant would commit an offence while on bail (Pt I para 2(1)). The "
                    "conditions below are imposed instead.")


def test_a_part_ii_court_note_asks_for_the_failure_para_2_needs(run, tmp_path: Path) -> None:
    # convicted, non-imprisonable, no failure to surrender recorded: Pt II para 2 needs one
    said = detention_sentence(run, "v2-23-court-part2-curfew-convicted")
    assert said.startswith("Without conditions the court would have refused bail under Bail "
                           "Act 1976 Sch 1, because the defendant has previously failed to "
                           "surrender under [to complete: the earlier grant of bail; Pt II para 2 "
                           "needs one, the record holds none")
    assert ("and the court believes, in view of that failure, that the defendant would fail to "
            "surrender again (Pt II para 2)") in said
    assert "substantial grounds" not in said
    out = flat(draft(run, "tests/cases/v2-23-court-part2-curfew-convicted.yaml", "--for",
                     "custody").stdout)
    assert "Check: Sch 1 Pt II para 2 allows a refusal of bail only where" in out
    record = (ROOT / "tests" / "cases" / "v2-23-court-part2-curfew-convicted.yaml").read_text()
    path = write(tmp_path, "failed.yaml", record.replace("failures_to_surrender: 0",
                                                         "failures_to_surrender: 2"))
    failed = flat(draft(run, str(path), "--for", "custody").stdout)
    assert "previously failed to surrender under a grant of bail and the court believes" in failed
    assert "Check: Sch 1 Pt II para 2" not in failed


def test_a_custody_note_after_charge_states_the_s38_limb(run) -> None:
    imprisonable = detention_sentence(run, "v2-02-police-hostel-and-tag")
    assert ("(PACE 1984 s.38(1)(a)), because detention would be necessary to prevent the person "
            "committing an offence (s.38(1)(a)(iii))") in imprisonable
    damage = detention_sentence(run, "v2-15-postcharge-nonimprisonable-damage-ground")
    assert ("prevent the person causing physical injury to another or loss of or damage to "
            "property (s.38(1)(a)(iv))") in damage
    assert "(iii)" not in damage and "the risk of" not in damage
    # the evidence for the condition names the same limb, not the Bail Act's ground
    out = flat(draft(run, "tests/cases/v2-15-postcharge-nonimprisonable-damage-ground.yaml",
                     "--for", "custody").stdout)
    assert ("A ground on which the person would otherwise be detained after charge (PACE 1984): "
            "preventing physical injury to another or loss of or damage to property "
            "(s.38(1)(a)(iv))") in out
    # a non-imprisonable offence whose recorded risk is not of injury or damage: the ground is
    # not one this officer could use, so the note does not claim it (custody_grounds_available)
    assert detention_sentence(run, "v2-16-postcharge-nonimprisonable-no-injury-ground") == ""


def test_a_rebail_note_records_conditions_continuing_not_imposed(run) -> None:
    # PACE s.37C(4): on release again after a s.46A arrest the earlier conditions continue; the
    # officer imposes none, so the note does not ask why each is the least restrictive
    out = flat(draft(run, "tests/cases/v2-08-rebail-s37c-carried-over.yaml", "--for",
                     "custody").stdout)
    assert out.startswith("NOTE OF RELEASE ON BAIL AGAIN, ON THE CONDITIONS THAT APPLIED BEFORE "
                          "THE ARREST (PACE 1984 S.37C(4))")
    assert ("They are released subject to the same conditions (if any) that applied immediately "
            "before the arrest (s.37C(4)). No condition is imposed at this release") in out
    assert "Condition 1 applied before the arrest and continues (s.37C(4))" in out
    assert "Why a less restrictive condition would not do" not in out
    assert "Bail Act 1976 s.5A)" not in out.split("DRAFT")[0]
    assert "Verify: that PACE 1984 s.50A applies to a release on bail under s.37C(2)(b)" in out
    # the close case: a first release before charge is a grant, with the usual questions
    first = flat(draft(run, "tests/drafts/precharge-domestic-curfew.yaml", "--for",
                       "custody").stdout)
    assert first.startswith("NOTE OF REASONS FOR BAIL CONDITIONS (BAIL ACT 1976 S.5A)")
    assert "Why a less restrictive condition would not do" in first
    assert "continues (s.37C(4))" not in first


def test_a_street_bail_note_is_the_constables(run) -> None:
    # PACE s.30A(1A): a constable grants street bail away from a police station; a custody
    # officer only authorises it
    out = flat(draft(run, "tests/drafts/street-bail-curfew.yaml", "--for", "custody").stdout)
    assert "DRAFT for the constable who granted street bail to check" in out
    assert "released on bail away from a police station (PACE 1984 s.30A)" in out
    assert "custody record" not in out and "For the custody officer" not in out
    assert "Custody officer authorising the release" in out
    # the close case: a custody officer's own note keeps its custody record and heading
    post = flat(draft(run, "tests/cases/v2-02-police-hostel-and-tag.yaml", "--for",
                      "custody").stdout)
    assert "DRAFT for the custody officer to check" in post and "custody record" in post


def test_the_letter_does_not_assert_what_the_record_is_silent_on(run) -> None:
    # the record holds no copy_given: the letter says the record does not show it, and leaves
    # the fact for the solicitor to confirm
    out = flat(draft(run, "tests/drafts/street-bail-curfew.yaml", "--for", "solicitor").stdout)
    assert ("The record does not show that my client was given the reasons for the street-bail "
            "conditions [to complete: whether my client was given them].") in out
    assert "My client was not given the reasons" not in out


def test_a_proposed_curfew_is_never_longer_than_the_one_it_replaces(run) -> None:
    # v2-44: an overnight curfew 20:00-08:00 and a daytime one 12:00-16:00 (16 hours together).
    # The overnight one narrows to the night; the daytime one must not become 21:00-16:00.
    out = flat(draft(run, "tests/cases/v2-44-curfews-sum-16-hours.yaml", "--for",
                     "solicitor").stdout)
    assert "between 21:00 and 06:00 every night" in out
    assert "between 21:00 and 16:00" not in out
    # v2-45: 22:00-06:00 is already the night-time span, so it is not offered again as narrower
    out = flat(draft(run, "tests/cases/v2-45-curfews-sum-12-hours.yaml", "--for",
                     "solicitor").stdout)
    assert "between 21:00 and 18:00" not in out
    assert "Proposed instead: “To remain at 3 Kiln Row, Sampletown between 22:00 and 06:00" \
        not in out


def test_narrows_keeps_a_proposal_inside_the_original_hours() -> None:
    from bailcheck.documents.proposals import _narrows

    night, day = (20 * 60, 8 * 60), (12 * 60, 16 * 60)
    assert _narrows(night, (21 * 60, 6 * 60), excepted=False)
    assert not _narrows(day, (21 * 60, 16 * 60), excepted=False)  # longer: 19 hours
    assert not _narrows(night, night, excepted=False)  # the same again
    assert _narrows(night, night, excepted=True)  # the same hours with an exception for work
    assert not _narrows(night, (21 * 60, 21 * 60), excepted=False)  # empty


def test_a_fallback_never_bans_the_clients_own_picket_line_or_invents_a_dispute(run) -> None:
    # picket-line: the picket was at his own workplace, where peaceful picketing is lawful, so
    # the narrowest wording limits the manner, never the place
    out = flat(draft(run, PICKET, "--for", "solicitor").stdout)
    assert ("“Not to obstruct any person or vehicle entering or leaving Picket line, main gate, "
            "Harbour Distribution Ltd, Dock Road.”") in out
    assert "Not to picket or demonstrate at" not in out
    # a church attendance ban (religious): no picketing wording, and no dispute to complete
    out = flat(draft(run, "tests/cases/v2-31-religious-limited-vs-blanket.yaml", "--for",
                     "solicitor").stdout)
    assert "Not to picket" not in out and "the named dispute" not in out
    # a blanket protest ban away from any workplace: limited to the place of the offence
    out = flat(draft(run, "tests/cases/v2-28-blanket-rally-ban-tied.yaml", "--for",
                     "solicitor").stdout)
    assert "“Not to take part in a demonstration at Sample Square, Sampletown.”" in out


def test_the_notes_prompts_ask_for_what_the_record_lacks_rather_than_assert_it(run) -> None:
    # copy_given: false: the note asks the officer to give a copy, not that one was given
    out = flat(draft(run, "tests/drafts/precharge-domestic-curfew.yaml", "--for",
                     "custody").stdout)
    assert "Give the person a copy of this note and record when it was given" in out
    assert "A copy of the note of reasons was given" not in out
    # street bail: the constable releases, a custody officer authorises (s.30A(1A))
    out = flat(draft(run, STREET, "--for", "custody").stdout)
    assert "I released the person on street bail with these conditions, authorised by" in out
    assert "I authorised release" not in out


def test_a_contradictory_non_contact_is_redrafted_not_dropped(run) -> None:
    # 26: a non-contact with the complainant, who lives where the residence condition puts him.
    # The note keeps her protection and points at the contradiction (the rule's alternative).
    out = flat(draft(run, "tests/cases/26-residence-with-the-complainant.yaml", "--for",
                     "custody").stdout)
    assert ("It contradicts condition 1 (\u201cLive and sleep each night at 31 Mill Road.\u201d): "
            "the person it protects lives at the address where that condition requires the "
            "person to be. Instead: Require residence at another named address, or remove the "
            "contradiction.") in out.replace('("', '(\u201c').replace('")', '\u201d)')
    assert "Instead, do not impose condition 2." not in out


def test_a_contradiction_names_the_condition_it_is_with(run) -> None:
    # v2-61: the protected housemate lives where the curfew (not a residence) keeps him
    out = flat(draft(run, "tests/cases/v2-61-non-contact-housemate-curfew-at-home.yaml",
                     "--for", "solicitor").stdout)
    assert ("lives at the address where condition 1 (\"Remain at 12 Larch Close, Sampleham, "
            "between 21:00 and 06:00.\") requires my client to be") in out
    note = flat(draft(run, "tests/cases/v2-61-non-contact-housemate-curfew-at-home.yaml",
                      "--for", "custody").stdout)
    assert "It contradicts condition 1 (" in note
    assert "residence condition" not in out + note


def test_the_note_lists_the_evidence_the_check_counted(run) -> None:
    # 05: the non-contact protects a witness the person knows, which the check counts as
    # evidence for no_interference; the note must not say the record holds none
    out = flat(draft(run, "tests/cases/05-rebail-after-breach.yaml", "--for", "custody").stdout)
    assert ("The evidence about this person for condition 1: - Mr E Brook (witness) is known to "
            "the person.") in out
    assert "showing a real risk that condition 1 is needed to prevent; the record holds none" \
        not in out


def test_a_2017_regime_note_uses_the_law_of_its_arrest_date(run) -> None:
    # 27: arrested in 2019. s.50A's 2017 text applies (necessity and an inspector's
    # authorisation, no list of needs), and s.47ZZA (from 28 October 2022) does not.
    out = flat(draft(run, "tests/cases/27-precharge-2019-extension-by-inspector.yaml", "--for",
                     "custody").stdout)
    assert "necessary and proportionate (PACE 1984 s.50A(a) (2017 text))" in out
    assert "s.50A(1)" not in out and "s.47ZZA" not in out and "safeguard victims" not in out
    # the close case: a 2022-regime note keeps s.50A(1)-(2) and its needs
    later = flat(draft(run, "tests/drafts/precharge-domestic-curfew.yaml", "--for",
                       "custody").stdout)
    assert "(PACE 1984 s.50A(1)–(2))" in later and "s.47ZZA" in later


def test_carson_is_cited_for_a_home_no_protected_person_lives_in(run) -> None:
    # 15: excluded from his own home, where only he lives (the complainant is a neighbour)
    out = flat(draft(run, "tests/cases/15-neighbour-excluded-from-own-home.yaml", "--for",
                     "solicitor").stdout)
    assert "in Carson the High Court held such a condition disproportionate" in out
    # 14: excluded from the home he shares with the complainant: no Carson, and the outline
    # does not offer her home as his address
    out = flat(draft(run, "tests/cases/14-domestic-excluded-from-shared-home.yaml", "--for",
                     "solicitor").stdout)
    assert "Carson" not in out
    assert ("The address at which my client would live if the court imposed a residence "
            "condition: [to complete: address].") in out


def test_a_letter_after_the_first_court_date_warns_the_route_may_have_moved(run) -> None:
    # post-charge police bail to a court date already past: the court may now hold bail
    out = flat(draft(run, "tests/cases/v2-02-police-hostel-and-tag.yaml", "--for",
                     "solicitor").stdout)
    notes = out.split("Notes for the solicitor (not for sending)")[1]
    assert "has passed. If the court dealt with bail then, the conditions are now the court's" \
        in notes
    # the close case: the same letter dated before that hearing has no such warning
    early = flat(run("draft", "--as-of", "2025-03-05", "tests/cases/v2-02-police-hostel-and-tag"
                     ".yaml", "--for", "solicitor").stdout)
    assert "has passed. If the court dealt with bail" not in early


def test_a_letter_asks_rather_than_asserts_that_conditions_lapsed(run) -> None:
    # 27: an extension without effect; law.md does not say the conditions lapse with the period
    out = flat(draft(run, "tests/cases/27-precharge-2019-extension-by-inspector.yaml", "--for",
                     "solicitor").stdout)
    assert "lapsed" not in out
    assert "Please confirm whether my client remains subject to these conditions" in out


def test_a_letter_relying_on_art_9_says_to_verify_it(run) -> None:
    # Art 9's text is not in the law sources: a letter relying on it lists it to verify
    out = flat(draft(run, "tests/cases/34-attendance-at-worship-limited-without-reason.yaml",
                     "--for", "solicitor").stdout)
    assert "freedom of religion (Art 9)" in out
    assert "Verify: ECHR Art 9 (freedom of thought, conscience and religion)" in out
    # the close case: a letter with no religious restriction does not
    out = flat(draft(run, PICKET, "--for", "solicitor").stdout)
    assert "Verify: ECHR Art 9" not in out


def test_the_power_ground_names_whose_limits_apply_on_the_strictest_reading(run, tmp_path) -> None:
    # v2-05: stage pre_charge, power s.30A: street-bail limits apply (decision model §0), so a
    # surety is outside a street-bail constable's power, not a custody officer's
    out = flat(draft(run, "tests/cases/v2-05-precharge-stage-street-power-surety.yaml", "--for",
                     "custody").stdout)
    assert "The law does not allow a constable granting street bail to impose this condition." \
        in out
    assert "does not allow a custody officer" not in out
    # the close case: the same record with a pre-charge power. A custody officer may take a
    # surety, so no power ground is given at all
    text = (ROOT / "tests/cases/v2-05-precharge-stage-street-power-surety.yaml").read_text()
    assert "power: s30A" in text
    path = tmp_path / "v2-05-s37.yaml"
    path.write_text(text.replace("power: s30A", "power: s37_7_b"))
    out = flat(draft(run, str(path), "--for", "custody").stdout)
    assert "The law does not allow" not in out


def test_a_letter_names_conditions_by_number_not_by_id(run) -> None:
    # the rule's text lists the narrower zone as the facts do, by id; the letter says "condition 2"
    out = flat(draft(run, "tests/cases/v2-38-two-exclusions-radii.yaml", "--for",
                     "solicitor").stdout)
    assert '(condition 2 ("Not to go within 100 metres of' in out
    assert 'c2 ("' not in out


def test_part_i_paragraphs_are_cited_only_where_part_i_governs_the_court(run) -> None:
    # law.md §3.1, §3.6: no Part II (or Part IA) counterpart to Pt I para 8; s.3(6) governs
    for case in ("v2-21-court-part2-curfew-risk-text", "v2-23-court-part2-curfew-convicted"):
        letter = flat(draft(run, f"tests/cases/{case}.yaml", "--for", "solicitor").stdout)
        assert "Sch 1 Pt II" in letter and "Bail Act 1976 s.3(6)(a)" in letter, case
        assert "Pt I para 8" not in letter and "Sch 1 para 8" not in letter, case
    part_i = flat(draft(run, "tests/cases/10-court-conditions-without-risk.yaml", "--for",
                        "solicitor").stdout)
    assert "Bail Act 1976 Sch 1 Pt I para 8" in part_i


def test_a_ground_para_1a_removes_is_explained_by_the_part_that_applies(run) -> None:
    # v2-18: summary-only and imprisonable, so Part IA and its own para 1A (law.md §3.2)
    _code, data = run_json(run, "tests/cases/v2-18-court-para1a-not-domestic-tag.yaml")
    found = {f["rule"]: f for f in data["records"][0]["findings"]}
    said = found["custody-ground-not-available"]["message"]
    assert found["custody-ground-not-available"]["verdict"] == "needs_justification"
    assert "Sch 1 Pt IA para 1A, which disapplies paras 2, 3 and 7" in said
    assert "Pt I para 1A" not in said
    _code, data = run_json(run, "tests/cases/v2-20-court-para1a-own-home-residence.yaml")
    said = " ".join(f["message"] for f in data["records"][0]["findings"])
    assert "Sch 1 Pt I para 1A; the domestic-abuse ground in para 2ZA survives" in said
    assert "Pt IA" not in said


def test_a_reports_condition_is_asked_for_what_it_enables_not_a_risk(run, tmp_path: Path) -> None:
    # law.md §1.1, §1.2: s.3(6)(d) alone, and only where needed for the report (para 8(1A))
    record = (ROOT / "tests" / "cases" / "03-court-hostel-and-reports.yaml").read_text()
    path = write(tmp_path, "r.yaml", record.replace(" reason: Reports ordered.", ""))
    note = flat(draft(run, str(path), "--for", "custody").stdout)
    assert "Purpose of condition 2: reports (Bail Act 1976 s.3(6)(d))." in note
    assert ("The evidence about the defendant: [to complete: the inquiries or report that "
            "condition 2 is needed to enable (a court may impose it only for that: Bail Act 1976 "
            "Sch 1 Pt I para 8(1A))]") in note
    assert "(d)–(e)" not in note
    other = flat(draft(run, "tests/cases/11-indictable-only.yaml", "--for", "custody").stdout)
    assert ("[to complete: the evidence of the risk that condition 1 guards against; the record "
            "holds none]") in other


def test_the_crown_court_route_after_sending_is_offered_only_before_conviction(run) -> None:
    # 03 is convicted (not sent for trial); v2-41 is an unconvicted either-way case
    for who in ("custody", "solicitor"):
        convicted = flat(draft(run, "tests/cases/03-court-hostel-and-reports.yaml",
                               "--for", who).stdout)
        assert "sent to the Crown Court" not in convicted, who
        pending = flat(draft(run, "tests/cases/v2-41-exclusion-keeps-from-college.yaml",
                             "--for", who).stdout)
        assert "sent to the Crown Court for trial" in pending, who


def test_a_doorstep_is_not_kept_or_proposed_for_a_curfew_the_draft_drops(run) -> None:
    # decision model §5 (Chorley): a doorstep condition checks a curfew or residence
    orphan = flat(draft(run, "tests/cases/v2-21-court-part2-curfew-risk-text.yaml", "--for",
                        "custody").stdout)
    assert ("Condition 2 is there to check condition 1, which this note does not impose as "
            "drafted") in orphan
    kept = flat(draft(run, "tests/cases/v2-60-doorstep-with-residence.yaml", "--for",
                      "custody").stdout)
    assert "is there to check" not in kept
    for who in ("custody", "solicitor"):  # the tag's curfew is itself dropped
        out = flat(draft(run, "tests/drafts/court-driving-tag-security.yaml", "--for",
                         who).stdout)
        assert "Instead, do not impose condition 2." in out or who == "solicitor"
        assert "come to the door" not in out, who


def test_a_blocked_condition_does_not_repeat_its_heading(run) -> None:
    note = flat(draft(run, "tests/cases/v2-57-curfew-without-address-vague-wording.yaml",
                      "--for", "custody").stdout)
    assert ("As drafted, condition 1 is too uncertain to be obeyed or enforced: - It does not "
            "say where the defendant must stay.") in note
    assert "enforced: - It is too uncertain" not in note


def test_a_courts_note_does_not_supply_reasons_the_court_did_not_give(run) -> None:
    # 33: reasons_recorded false at court (s.5(3); Sumal, to verify)
    note = flat(draft(run, "tests/cases/33-court-gives-no-reasons.yaml", "--for",
                      "custody").stdout)
    assert ("The record says the court gave no reasons when it imposed these conditions. This "
            "note can record only the reasons the court gave at the time") in note
    assert "Verify: that conditions imposed without the reasons Bail Act 1976 s.5(3)" in note
    given = flat(draft(run, "tests/cases/v2-41-exclusion-keeps-from-college.yaml", "--for",
                       "custody").stdout)
    assert "gave no reasons" not in given


def test_a_courts_no_custody_law_is_cited_only_for_its_own_part_of_schedule_1() -> None:
    from bailcheck.documents.notes import COURT_NO_CUSTODY_LAW

    table = load_authorities()
    assert set(COURT_NO_CUSTODY_LAW) == {"I", "IA", "II"}
    for part, law in COURT_NO_CUSTODY_LAW.items():
        for other in ("I", "IA", "II"):
            cited = table.for_case([law], "court", {"schedule_1": {other}})
            # each Part's own law is cited for that Part; a para 1A never for another Part
            assert bool(cited) is (part in (other, "II")), (part, other)


def test_a_court_letter_for_a_non_imprisonable_offence_says_what_the_law_allows(run) -> None:
    out = flat(draft(run, "tests/cases/v2-67-court-part-ii-no-evidence-for-conditions.yaml",
                     "--for", "solicitor").stdout)
    # custody is not available at all, so it is not called merely unlikely
    assert "summary only and not punishable with imprisonment." in out
    assert "unlikely to lead to a custodial sentence" not in out
    assert "has no record of failing to surrender" in out
    assert "a real risk for the purpose this condition is said to serve (securing surrender)" in out
    # the law said for Part II and for a court: nothing police-only, nothing Part I-only
    for other in ("PACE", "s.38(2A)", "Pt I para 8", "para 9", "domestic-abuse"):
        assert other not in out, other


@pytest.mark.parametrize(("path", "law"), [
    ("tests/cases/v2-03-court-hostel-and-tag-consistent.yaml", "(Bail Act 1976 Sch 1 Pt I)"),
    ("tests/cases/v2-17-court-para1a-domestic-tag.yaml",
     "(Bail Act 1976 Sch 1 Pt IA para 4, which its para 1A leaves: verify)"),
])
def test_a_courts_note_names_the_provision_of_the_ground_it_relies_on(run, path: str,
                                                                      law: str) -> None:
    out = flat(draft(run, path, "--for", "custody").stdout)
    assert f"A ground on which bail would otherwise be refused {law}:" in out
    assert "(Bail Act 1976 Sch 1):" not in out


def test_a_courts_note_asks_to_verify_the_reasons_duty_it_is_headed_with(run) -> None:
    court = flat(draft(run, "tests/cases/v2-67-court-part-ii-no-evidence-for-conditions.yaml",
                       "--for", "custody").stdout)
    assert court.startswith("NOTE OF THE COURT'S REASONS FOR BAIL CONDITIONS (BAIL ACT 1976 "
                            "S.5(3)–(4))")
    assert "Verify: that Bail Act 1976 s.5(3)–(4) require a court" in court
    police = flat(draft(run, PICKET, "--for", "custody").stdout)
    assert "Verify: that Bail Act 1976 s.5(3)–(4)" not in police  # s.5A, which law.md holds
