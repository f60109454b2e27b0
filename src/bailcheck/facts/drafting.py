"""Facts about how a condition is drafted: the fields it fills in, what it leaves unsaid that
would let the person know what to do (decision model §5, enforceability), and the words a
message uses for it. Registered in bailcheck.facts when it loads."""

from __future__ import annotations

from bailcheck.facts.registry import Context, fact


@fact("has_field", "list", "the condition's own fields that are filled in", scope="condition")
def _has_field(c: Context) -> list[str]:
    return sorted(k for k, v in c.condition.items() if v not in (None, "", []))


@fact("reporting_unnamed", "text", "what a reporting condition leaves unnamed, in words: the "
      "police station, the days, or both (empty when it names both)", scope="condition")
def _reporting_unnamed(c: Context) -> str:
    return " or ".join(w for w, key in (("the police station", "station"), ("the days", "days"))
                       if not c.condition.get(key))


@fact("passport_unsaid", "text", "what a passport condition leaves unsaid, in words: by when the "
      "documents must be surrendered, to whom, or both (empty when it says both)",
      scope="condition")
def _passport_unsaid(c: Context) -> str:
    when, whom = not c.condition.get("deadline"), not c.condition.get("recipient")
    if when and whom:
        return "by when, or to whom, the documents must be surrendered"
    if when or whom:
        return f"{'by when' if when else 'to whom'} the documents must be surrendered"
    return ""


@fact("passport_complete", "bool", "a passport condition states a `deadline` and a `recipient`",
      scope="condition")
def _passport_complete(c: Context) -> bool:
    return not _passport_unsaid(c)


@fact("passport_hand_in", "bool", "a passport condition under which documents are handed in "
      "(`hand_in` is not false); false where it only forbids holding or applying for them",
      scope="condition")
def _passport_hand_in(c: Context) -> bool:
    return c.condition["type"] == "passport" and c.condition.get("hand_in") is not False


_NECESSITY_WORDS = {"internet": "use of the internet",
                    "devices": "owning or using a phone, computer or other device",
                    "public_transport": "travel by public transport"}


@fact("necessity", "text", "for a message: what a necessity ban takes away, in words (\"use of "
      "the internet\"); empty for any other condition", scope="condition")
def _necessity(c: Context) -> str:
    return _NECESSITY_WORDS.get(str(c.condition.get("activity", "")), "")


@fact("place_limit", "text", "for a message: \" (limited to <place>)\" where the condition has a "
      "`place`, else empty", scope="condition")
def _place_limit(c: Context) -> str:
    place = str(c.condition.get("place") or "").strip()
    return f" (limited to {place})" if place else ""
