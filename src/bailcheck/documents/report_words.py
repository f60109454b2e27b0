"""Names and places out of condition wordings, and wordings compared as the report compares
them: a record's own people, addresses and places become [person] and [place], and case,
spacing and punctuation are ignored. Nothing here compiles a regular expression per record.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

PERSON, PLACE = "\x01", "\x02"  # placeholders while normalising; shown as [person], [place]
_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "master", "sir", "dame", "lady", "lord"}
_NOT_WORD = re.compile(r"[^\w\x01\x02]+")
_REPEATS = re.compile(r"([\x01\x02])(?: \1)+")
_TITLED = re.compile(r"\b(?:" + "|".join(sorted(_TITLES)) + r") \x01")


class Scrubber:
    """Replaces a record's own names and places in text with placeholders.

    Matching is by whole words, ignoring case and punctuation ("Harbour Distribution Ltd, Dock
    Road" matches "harbour distribution ltd dock road"), longest first; a name wins over a
    place spelt the same. No regular expression is compiled per record."""

    def __init__(self, names: Iterable[str], places: Iterable[str],
                 texts: Iterable[str] | None = None) -> None:
        """`texts`, if given, are the only texts that will be marked with places: a place
        none of whose terms starts with a word of theirs is left out (most of a record's
        places never appear in its conditions)."""
        self.words = {text: _words(text) for text in texts or ()}  # marked() needs them too
        present = None if texts is None else {
            w for words in self.words.values() for w in words}
        kinds: dict[tuple[str, ...], str] = {}
        for place in set(places):
            if present is not None and present.isdisjoint(_place_words(place)):
                continue  # every term of a place is made of its words
            for tokens in _place_tokens(place):
                if present is None or tokens[0] in present:
                    kinds.setdefault(tokens, PLACE)
        for name in set(names):
            for tokens in _name_tokens(name):
                kinds[tokens] = PERSON
        self.terms = _by_first_word(kinds)
        # a word that any match of a name must hold (its longest), for a quick look
        self.name_words = {max(t, key=len) for t, k in kinds.items() if k == PERSON}

    def marked(self, text: str, names_only: bool = False) -> str:
        """Text with each name as PERSON and each place as PLACE (names only if asked)."""
        if not self.terms or not text:
            return text
        if names_only:  # most identifiers hold no name: a quick look first
            low = text.casefold()
            if not any(word in low for word in self.name_words):
                return text
        words = self.words.get(text) or _words(text)
        matches, i = [], 0  # (first word, words, kind) of each name or place found
        while i < len(words):
            for tokens, kind in self.terms.get(words[i], ()):
                width = len(tokens)
                if (kind == PERSON or not names_only) and tuple(words[i:i + width]) == tokens:
                    matches.append((i, width, kind))
                    i += width
                    break
            else:
                i += 1
        if not matches:
            return text
        found = list(_TOKEN.finditer(text))  # where the words are (only when one is replaced)
        out, pos = [], 0
        for i, width, kind in matches:
            out += [text[pos:found[i].start()], kind]
            pos = found[i + width - 1].end()
        out.append(text[pos:])
        return "".join(out)

    def names_shown(self, texts: tuple[str, ...]) -> tuple[str, ...]:
        """Identifiers fit for the report, names as [person] (one quick look for them all)."""
        low = "\n".join(texts).casefold()
        if not any(word in low for word in self.name_words):
            return texts
        return tuple(self.shown(text, names_only=True) for text in texts)

    def shown(self, text: str, names_only: bool = False) -> str:
        """Text fit for the report: names (and places) as [person] and [place]."""
        return shown_words(self.marked(text, names_only))


_TOKEN = re.compile(r"\w+")


def _by_first_word(kinds: dict[tuple[str, ...], str]
                   ) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Terms by their first word, the longest first (then alphabetically)."""
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for tokens, kind in kinds.items():
        out.setdefault(tokens[0], []).append((tokens, kind))
    for bucket in out.values():
        if len(bucket) > 1:
            bucket.sort(key=lambda tk: (-len(tk[0]), tk[0]))
    return out


def _words(text: str) -> list[str]:
    """The words of a text, casefolded, one for each match of _TOKEN in the text itself."""
    if text.isascii():  # casefolding ASCII moves no word boundary
        return _TOKEN.findall(text.lower())
    return [m.group(0).casefold() for m in _TOKEN.finditer(text)]


@functools.lru_cache(maxsize=4096)  # stations, towns and employers recur from record to record
def _place_tokens(place: str) -> tuple[tuple[str, ...], ...]:
    return tuple(t for t in (tuple(_TOKEN.findall(term)) for term in _place_terms(place)) if t)


@functools.lru_cache(maxsize=4096)
def _place_words(place: str) -> frozenset[str]:
    return frozenset(_TOKEN.findall(place.casefold()))


@functools.lru_cache(maxsize=1024)
def _name_tokens(name: str) -> tuple[tuple[str, ...], ...]:
    return tuple(t for t in (tuple(_TOKEN.findall(term)) for term in _name_terms(name)) if t)


_SHOWN_REPEATS = re.compile(r"(\[(?:person|place)\])(?:[\s,;/&-]{1,3}\1)+")


def shown_words(marked: str) -> str:
    """A marked text as the report shows it: [person] and [place], repeats made one."""
    if PERSON not in marked and PLACE not in marked:
        return marked
    out = marked.replace(PERSON, "[person]").replace(PLACE, "[place]")
    return _SHOWN_REPEATS.sub(r"\1", out)


def _name_terms(name: str) -> list[str]:
    """A name, and each word of it that is not a title or an initial (casefolded)."""
    name = name.strip().casefold()
    if not name:
        return []
    return [name, *(t for t in _TOKEN.findall(name) if len(t) >= 3 and t not in _TITLES)]


_HOUSE = re.compile(r"^(?:flat|unit)?\s*\d+[a-z]?\s+")


def _place_terms(place: str) -> list[str]:
    """A place, each comma-separated part of it, and each part without its house number."""
    place = place.strip().casefold()
    if not place:
        return []
    out = [place]
    if "," in place:
        out += [part for part in (p.strip() for p in place.split(",")) if len(part) >= 4]
    for part in list(out):
        bare = _HOUSE.sub("", part)
        if bare != part and len(bare) >= 4:
            out.append(bare)
    return out


@functools.lru_cache(maxsize=8192)  # copied wordings recur: that is what the report looks for
def wording(marked: str) -> tuple[str, str]:
    """A marked condition wording as compared (normalise) and as shown (shown_words)."""
    return normalise(marked), shown_words(marked)


def normalise(marked: str) -> str:
    """A marked wording as it is compared: case, spacing and punctuation ignored, a title
    before a name dropped, repeated placeholders made one."""
    text = _NOT_WORD.sub(" ", marked.casefold()).strip()
    text = _TITLED.sub(PERSON, _REPEATS.sub(r"\1", text))
    return _REPEATS.sub(r"\1", text).replace(PERSON, "[person]").replace(PLACE, "[place]")


def scrubber_for(data: dict[str, Any]) -> Scrubber:
    """The record's own names and places, for its conditions' texts (names and places) and
    its identifiers (names only)."""
    names, places = names_and_places(data)
    return Scrubber(names, places, [c["text"] for c in data["conditions"]])


def names_and_places(data: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The record's own names (people, persons, sureties) and places (addresses, workplaces,
    streets, stations, locations)."""
    person = data["person"]
    employment = person.get("employment") or {}
    places = [person.get("address"), employment.get("employer"), employment.get("workplace")]
    names: list[str] = []
    for someone in data.get("people", ()):
        names.append(someone.get("name"))
        places.append(someone.get("address"))
        places.append(someone.get("workplace"))
    places.extend(o.get("location") for o in data["offences"])
    places.append(data["decision"].get("station"))
    for cond in data["conditions"]:
        names.extend(cond.get("persons", ()))
        names.extend(cond.get("protects", ()))
        if cond["type"] == "surety":
            names.append(cond.get("name"))
        for key in _PLACE_FIELDS:
            if key in cond:
                places.append(cond[key])
        places.extend(cond.get("streets", ()))
    return [n for n in names if n], [p for p in places if p]


_PLACE_FIELDS = ("address", "place", "station", "map_ref", "recipient")  # of a condition
