"""Facts about the package of conditions as a whole: least restrictive means (decision model §4.4).

A condition B is not necessary where another condition N in the same record already meets the
same purpose for the same protected person or place more narrowly. "Same purpose and person":
every purpose of B is among N's, and B protects someone and everyone it protects is among N's
protected persons (two exclusions of the same `place` text also count). Which conditions are
"narrower" is partly a policy choice (the means of contact that cover electronic contact, the
radius that makes a zone area-wide): those lists and thresholds are operands in the rule files;
these facts give the rules what to compare them with. Registered in bailcheck.facts when it loads.
"""

from __future__ import annotations

from typing import Any

from bailcheck.facts.registry import AREA_COVERS, Context, fact, same_place, squash

Condition = dict[str, Any]


def protected_persons(c: Context, cond: Condition) -> set[str]:
    """The names a condition protects: a non-contact's `persons`; otherwise its `protects`, plus,
    for an exclusion, anyone in `people` whose address or workplace is its `place`."""
    listed = cond.get("persons", []) if cond["type"] == "non_contact" else cond.get("protects", [])
    out = {squash(n) for n in listed if str(n).strip()}
    place = cond.get("place")
    if cond["type"] == "exclusion" and place:
        out |= {squash(q["name"]) for q in c.people if q.get("name") and (
            same_place(q.get("address"), place) or same_place(q.get("workplace"), place))}
    return out


def same_target(c: Context, broad: Condition, narrow: Condition) -> bool:
    """`narrow` serves every purpose of `broad` for everyone `broad` protects."""
    if narrow is broad:
        return False
    purposes = broad.get("purpose", [])
    if not purposes or not all(p in narrow.get("purpose", []) for p in purposes):
        return False
    if broad["type"] == narrow["type"] == "exclusion" and same_place(broad.get("place"),
                                                                     narrow.get("place")):
        return True
    protected = protected_persons(c, broad)
    return bool(protected) and protected <= protected_persons(c, narrow)


def _others(c: Context, ctype: str) -> list[Condition]:
    return [n for n in c.data["conditions"]
            if n["type"] == ctype and same_target(c, c.condition, n)]


def label(cond: Condition) -> str:
    """A condition as facts list it: its id and its text."""
    return f'{cond["id"]} ("{cond["text"]}")'


def _area_by_covers(cond: Condition) -> bool:
    return any(a in cond.get("covers", []) for a in AREA_COVERS)


@fact("same_target_non_contact_means", "text", "the `means` of the non-contact conditions that "
      "serve the same purposes for the same people as this one (\"any means\" where a `means` is "
      "not stated); not set if there is none", scope="condition")
def _non_contact_means(c: Context) -> str | None:
    found = _others(c, "non_contact")
    if not found:
        return None
    return " | ".join(str(n.get("means") or "any means") for n in found)


@fact("same_target_non_contacts", "list", "those non-contact conditions, by id and wording",
      scope="condition")
def _non_contacts(c: Context) -> list[str]:
    return [label(n) for n in _others(c, "non_contact")]


@fact("narrower_exclusion_radius_m", "number", "among the other exclusions that serve the same "
      "purposes for the same people or place and take in no town, city or county, the smallest "
      "`radius_m` (0 for one drawn without a radius); not set if there is none",
      scope="condition")
def _narrower_radius(c: Context) -> float | None:
    if c.condition["type"] != "exclusion":
        return None
    radii = [float(n.get("radius_m", 0)) for n in _others(c, "exclusion")
             if not _area_by_covers(n)]
    return min(radii) if radii else None


# Radii are compared only round the same centre (the same `place` text): a smaller zone round
# somewhere else does not meet the same risk more narrowly.
@fact("smaller_radius_exclusion", "bool", "an exclusion with a radius, where another exclusion "
      "round the same place, serving the same purposes for the same people, has a smaller radius",
      scope="condition")
def _smaller_radius(c: Context) -> bool:
    if c.condition["type"] != "exclusion":
        return False
    return any(_smaller_round_same_place(n, c.condition) for n in _others(c, "exclusion"))


def _smaller_round_same_place(other: Condition, cond: Condition) -> bool:
    own, theirs = cond.get("radius_m"), other.get("radius_m")
    return (own is not None and theirs is not None and theirs < own
            and same_place(other.get("place"), cond.get("place")))


@fact("narrower_exclusions", "list", "the other exclusions serving the same purposes for the same "
      "people or place that are narrower than this one, by id and wording: under 1,000 m and "
      "taking in no town, city or county where this one is area-wide or 1,000 m or more, or a "
      "smaller radius round the same place", scope="condition")
def _narrower(c: Context) -> list[str]:
    cond = c.condition
    if cond["type"] != "exclusion":
        return []
    wide = _area_by_covers(cond) or (cond.get("radius_m") or 0) >= 1000
    return [label(n) for n in _others(c, "exclusion")
            if (wide and not _area_by_covers(n) and float(n.get("radius_m", 0)) < 1000)
            or _smaller_round_same_place(n, cond)]


@fact("same_target_exclusions", "list", "the other exclusions that serve the same purposes for "
      "the same people or place, by id and wording", scope="condition")
def _exclusions(c: Context) -> list[str]:
    return [label(n) for n in _others(c, "exclusion")] if c.condition["type"] == "exclusion" \
        else []


@fact("statutory_zone", "text", "the name of the statutory zone an exclusion states is already "
      "in force at the same place (`statutory_zone.name`); not set if none", scope="condition")
def _statutory_zone(c: Context) -> str | None:
    zone = c.condition.get("statutory_zone") if c.condition["type"] == "exclusion" else None
    return zone["name"] if zone else None


@fact("statutory_zone_reached", "bool", "an exclusion with a statutory zone that reaches at least "
      "as far as the zone: it has no `radius_m`, or one at least the zone's", scope="condition")
def _zone_reached(c: Context) -> bool:
    zone = c.condition.get("statutory_zone") if c.condition["type"] == "exclusion" else None
    if not zone:
        return False
    own = c.condition.get("radius_m")
    return own is None or (zone.get("radius_m") is not None and own >= zone["radius_m"])
