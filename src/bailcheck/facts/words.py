"""The one way values become words: enumerated values, facts and lists as they read in a
sentence, for messages, explanations, drafts and reports alike; and how a rule finds words in
text (`mentions_any`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date
from typing import Any

# How enumerated values read in a sentence (messages quote facts through this).
WORDS: dict[str, str] = {
    "surrender": "securing surrender",
    "no_offending": "preventing offending on bail",
    "no_interference": "preventing interference with witnesses",
    "own_protection": "the person's own protection",
    "welfare": "the person's welfare",
    "reports": "reports",
    "legal_interview": "a legal interview",
    "trade_union": "trade-union activity",
    "picketing": "picketing",
    "protest": "protest",
    "strike_action": "strike action",
    "internet": "internet",
    "social_media": "social-media",
    "driving": "driving",
    "alcohol": "alcohol",
    "political": "political activity",
    "religious": "religious practice",
    "publication": "publishing",
    "devices": "phone, computer and other device",
    "public_transport": "public-transport",
}


def words(value: object) -> str:
    """An enumerated value as words: its entry in WORDS, else `snake_case` as `snake case`."""
    text = str(value)
    return WORDS.get(text, text.replace("_", " "))


def join_and(items: list[str], word: str = "and") -> str:
    """"a", "a and b", "a, b and c" (or "a, b or c" with `word="or"`)."""
    return f" {word} ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else (
        "".join(items))


def show(value: Any) -> str:
    """A fact's value as it reads in a sentence."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return join_and([show(v) for v in value]) or "none"
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return "not recorded"
    return words(value)


def mentions_any(value: str, phrases: list[str]) -> bool:
    """Whether the text has a word that begins with one of the phrases, case ignored: a stem
    ("injur") finds "injured", but "directly" does not find "indirectly", nor "stab"
    "establish"."""
    return word_starts(tuple(phrases))(value)


@functools.lru_cache(maxsize=256)  # one test per list of phrases a policy uses
def word_starts(phrases: tuple[str, ...]) -> Callable[[str], bool]:
    """`mentions_any` for one list of phrases, built once: most texts hold none of them even
    inside a word, which a plain search finds quickly, so the word test runs only when one
    might be there."""
    folded = tuple(p.casefold() for p in phrases)
    at_start: list[Callable[[str], re.Match[str] | None]] = []  # compiled on first need

    def test(value: str) -> bool:
        text = value.casefold()
        if not any(p in text for p in folded):
            return False
        if not at_start:
            at_start.append(re.compile("|".join(r"(?<!\w)" + re.escape(p)
                                                for p in folded)).search)
        return at_start[0](text) is not None
    return test
