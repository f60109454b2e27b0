"""A rule's `custody:` prompt speaks as the court in a court's note, and in the first person in
a custody officer's."""

from __future__ import annotations

import re

import pytest
from tests.conftest import TODAY

from bailcheck.cli.plain import load_rules
from bailcheck.documents.voice import conjugate, court_voice

COURT_RECORD = "tests/cases/v2-28-blanket-rally-ban-tied.yaml"  # magistrates, a rally ban
POLICE_RECORD = "tests/drafts/street-bail-curfew.yaml"


@pytest.mark.parametrize(("verb", "third"), [
    ("restrict", "restricts"), ("impose", "imposes"), ("ban", "bans"), ("set", "sets"),
    ("attach", "attaches"), ("apply", "applies"), ("pay", "pays"), ("have", "has"),
    ("do", "does"), ("cannot", "cannot"), ("must", "must"), ("released", "released"),
    ("took", "took"),
])
def test_verbs_take_the_third_person(verb: str, third: str) -> None:
    assert conjugate(verb) == third


@pytest.mark.parametrize(("text", "expected"), [
    ("I restrict protest because [reasons].", "The court restricts protest because [reasons]."),
    ("The zone applies. I also exclude the person from [area].",
     "The zone applies. The court also excludes the defendant from [area]."),
    ("If one is necessary I instead release on bail.",
     "If one is necessary the court instead releases on bail."),
    ("The risks I must meet I record here.",
     "The risks the court must meet the court records here."),
    ("I have not relied on the person's group.",
     "The court has not relied on the defendant's group."),
    ("the purposes open to me and my reasons", "the purposes open to it and its reasons"),
    # a numeral, a named person and words that are not the pronoun stay as they are
    ("Sch 1 Pt I para 1A; Part I of Schedule 1; Art I applies.",
     "Sch 1 Pt I para 1A; Part I of Schedule 1; Art I applies."),
    ("to protect [named person] from (I) harm", "to protect [named person] from (I) harm"),
])
def test_the_court_speaks_of_itself_and_of_the_defendant(text: str, expected: str) -> None:
    assert court_voice(text) == expected


def test_no_builtin_prompt_keeps_the_first_person_in_the_courts_voice() -> None:
    """A new prompt in a form the voice does not handle ("I'd", "me", "my") fails here."""
    prompts = [r.custody for r in load_rules(None, True, examples=False).rules if r.custody]
    assert len(prompts) > 40
    for text in prompts:
        court = court_voice(text)
        assert not re.search(r"(?<!Pt )\bI\b|\b(?:me|my|myself)\b|\bthe person\b", court), court


def test_a_courts_note_asks_in_the_courts_voice(run) -> None:
    court = " ".join(run("draft", "--as-of", TODAY.isoformat(), COURT_RECORD,
                         "--for", "custody").stdout.split())
    assert "COURT'S REASONS" in court
    assert "The court restricts political activity because [to complete: individual" in court
    assert not re.search(r"(?:^|[.:] |- )I [a-z]", court)


def test_a_custody_officers_note_keeps_the_first_person(run) -> None:
    police = " ".join(run("draft", "--as-of", TODAY.isoformat(), POLICE_RECORD,
                          "--for", "custody").stdout.split())
    assert "I set the curfew at [to complete: hours" in police
    assert "the court sets" not in police.lower()


def test_the_checks_own_words_speak_of_the_defendant_in_a_courts_note(run) -> None:
    court = " ".join(run("draft", "--as-of", TODAY.isoformat(),
                         "tests/cases/v2-17-court-para1a-domestic-tag.yaml",
                         "--for", "custody").stdout.split())
    assert "Ms K Shaw (complainant) is known to the defendant." in court
    assert "known to the person" not in court
    police = " ".join(run("draft", "--as-of", TODAY.isoformat(),
                          "tests/cases/05-rebail-after-breach.yaml",
                          "--for", "custody").stdout.split())
    assert "is known to the person" in police and "the defendant" not in police
