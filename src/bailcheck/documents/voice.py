"""A rule's prompt in the court's voice.

Rules write their `custody:` prompts as the decision-maker would: a custody officer's "I restrict
… because …". A court's note is the court's, whether a bench of magistrates or a district judge
gives it, so there the prompt says "The court restricts … because …" and speaks of "the
defendant" (Bail Act 1976 s.5(3)). Only the pronouns are changed, with the verb after "I"; a
Roman numeral after "Part", "Pt", "Schedule" and the like ("Sch 1 Pt I para 1A") is left alone.
"""

from __future__ import annotations

import re

# "I" as a word, then optionally one adverb, then the word it governs
_I_VERB = re.compile(r"\bI (?:(also|instead|only|then|still|now|therefore|nonetheless) )?"
                     r"([a-z]+)\b")
# words a Roman numeral "I" follows in a citation (law.md: "Sch 1 Pt I para 2(1)")
_NUMERAL_AFTER = re.compile(r"(?:\b(?:part|pt|pt\.|schedule|sch|chapter|ch|article|art|section|"
                            r"annex|appendix|class|category|book|title|division|volume|vol|"
                            r"table|stage|level|grade|phase|type)|\d)\s*$", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|^[-*•]\s+|\n\s*[-*•]?\s*)$")
# verbs that do not take -s: modals, and past forms the prompts use
_UNCHANGED = frozenset({"can", "cannot", "could", "may", "might", "must", "shall", "should",
                        "will", "would", "was", "had", "did", "gave", "took", "made", "found",
                        "saw", "heard", "said", "told", "kept", "held", "met", "left", "sent"})
_IRREGULAR = {"have": "has", "do": "does", "am": "is", "go": "goes"}
_PERSON = re.compile(r"\b([Tt])he person\b")
_OBJECT = {"me": "it", "my": "its", "myself": "itself"}
_OBJECT_WORDS = re.compile(r"\b(me|my|myself)\b")


def court_voice(text: str) -> str:
    """`text` with "I <verb>" as "the court <verb>s", "me" and "my" as "it" and "its", and "the
    person" as "the defendant"."""
    out = _I_VERB.sub(lambda m: _third_person(m, text), text)
    return the_defendant(_OBJECT_WORDS.sub(lambda m: _OBJECT[m.group(1)], out))


def the_defendant(text: str) -> str:
    """`text` with "the person" as "the defendant" (words of the tool's own, never a quotation:
    a court speaks of the defendant)."""
    return _PERSON.sub(lambda m: f"{m.group(1)}he defendant", text)


def _third_person(match: re.Match[str], text: str) -> str:
    before = text[:match.start()]
    if _NUMERAL_AFTER.search(before):
        return match.group(0)  # "Pt I para 1A": a numeral, not the pronoun
    adverb, verb = match.group(1), match.group(2)
    subject = "The court" if _SENTENCE_START.search(before) else "the court"
    return " ".join(w for w in (subject, adverb, conjugate(verb)) if w)


def conjugate(verb: str) -> str:
    """The third person singular of a verb the prompts put after "I"."""
    if verb in _UNCHANGED or verb.endswith("ed"):
        return verb
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb.endswith(("s", "x", "z", "ch", "sh", "o")):
        return verb + "es"
    if len(verb) > 1 and verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"
