"""Facts about places: the exclusion being judged (what it covers, its radius, what it keeps the
person from, whether it is drawn round the risk) and who lives or works where. Registered in
bailcheck.facts when it loads."""

from __future__ import annotations

from bailcheck.facts.registry import AREA_COVERS, Context, fact, same_place, squash
from bailcheck.record import schema


# (an exclusion covers home or workplace by `covers`, by the same text as `place`, or by
# `keeps_from: [home]` / `[work]`)
@fact("covers_home", "bool", "an exclusion covering the person's home (by `covers` or by the same "
      "address)", scope="condition")
def _covers_home(c: Context) -> bool:
    cond = c.condition
    return cond["type"] == "exclusion" and (
        "home" in cond.get("covers", []) or "home" in cond.get("keeps_from", [])
        or same_place(cond.get("place"), c.person.get("address")))


@fact("covers_workplace", "bool", "an exclusion covering the person's workplace",
      scope="condition")
def _covers_workplace(c: Context) -> bool:
    cond = c.condition
    workplace = c.person.get("employment", {}).get("workplace")
    return cond["type"] == "exclusion" and (
        "workplace" in cond.get("covers", []) or "work" in cond.get("keeps_from", [])
        or same_place(cond.get("place"), workplace))


@fact("place_is_own_workplace", "bool", "the condition's `place` is the person's workplace (the "
      "same text as `person.employment.workplace`)", scope="condition")
def _place_is_workplace(c: Context) -> bool:
    return same_place(c.condition.get("place"), c.person.get("employment", {}).get("workplace"))


@fact("exclusion_radius_m", "number", "the radius of an exclusion in metres (0 if none is given)",
      scope="condition")
def _radius(c: Context) -> float:
    cond = c.condition
    return float(cond.get("radius_m", 0)) if cond["type"] == "exclusion" else 0


@fact("keeps_from", "list", "the lawful needs an exclusion keeps the person from (`keeps_from`)",
      scope="condition", choices=schema.KEEPS_FROM)
def _keeps_from(c: Context) -> list[str]:
    return list(c.condition.get("keeps_from", [])) if c.condition["type"] == "exclusion" else []


@fact("covers", "list", "what an exclusion takes in (`covers`)", scope="condition",
      choices=schema.COVERS)
def _covers(c: Context) -> list[str]:
    return list(c.condition.get("covers", [])) if c.condition["type"] == "exclusion" else []


@fact("drawn_round_risk", "bool", "an exclusion drawn round the risk: its `place` is the same text "
      "as an offence's `location`, or it `protects` someone", scope="condition")
def _drawn_round_risk(c: Context) -> bool:
    cond = c.condition
    return cond["type"] == "exclusion" and (
        bool(cond.get("protects"))
        or any(same_place(cond.get("place"), o.get("location")) for o in c.offences))


@fact("protects_someone_with_address", "bool", "the condition `protects` someone in `people` whose "
      "address the record gives", scope="condition")
def _protects_with_address(c: Context) -> bool:
    names = {squash(n) for n in c.condition.get("protects", [])}
    return any(squash(q.get("name", "")) in names and str(q.get("address", "")).strip()
               for q in c.people)


@fact("covers_area", "bool", "an exclusion whose `covers` lists a town, city or county (an area "
      "by radius is tested in the rules: `exclusion_radius_m`)", scope="condition")
def _covers_area(c: Context) -> bool:
    cond = c.condition
    return cond["type"] == "exclusion" and any(a in cond.get("covers", []) for a in AREA_COVERS)


@fact("someone_protected_lives_there", "bool", "a complainant, witness or co-accused lives with the "
      "person or at the person's address")
def _someone_lives_there(c: Context) -> bool:
    home = c.person.get("address")
    return any(q.get("lives_with_person") or same_place(q.get("address"), home) for q in c.people)


@fact("complainant_lives_there", "bool", "a complainant lives with the person or at the person's "
      "address")
def _complainant_lives_there(c: Context) -> bool:
    home = c.person.get("address")
    return any(q.get("role") == "complainant"
               and (q.get("lives_with_person") or same_place(q.get("address"), home))
               for q in c.people)


@fact("someone_protected_works_there", "bool", "a complainant, witness or co-accused works with the "
      "person or at the person's workplace")
def _someone_works_there(c: Context) -> bool:
    workplace = c.person.get("employment", {}).get("workplace")
    return any(q.get("works_with_person") or same_place(q.get("workplace"), workplace)
               for q in c.people)


@fact("lives_elsewhere_on_bail", "bool", "a residence or curfew condition names an address other "
      "than the person's home")
def _lives_elsewhere(c: Context) -> bool:
    home = c.person.get("address")
    return any(k["type"] in ("residence", "curfew") and k.get("address")
               and not same_place(k["address"], home) for k in c.data["conditions"])


@fact("has_residence_condition", "bool", "the record has a residence condition")
def _has_residence(c: Context) -> bool:
    return any(k["type"] == "residence" for k in c.data["conditions"])


@fact("has_curfew_or_residence", "bool", "the record has a curfew or residence condition (a bail "
      "hostel does not count)")
def _has_curfew_or_residence(c: Context) -> bool:
    return any(k["type"] in ("residence", "curfew") for k in c.data["conditions"])


@fact("exclusion_has_boundary", "bool", "the exclusion has a `place`, `streets` or `map_ref`",
      scope="condition")
def _exclusion_boundary(c: Context) -> bool:
    cond = c.condition
    return bool(cond.get("place") or cond.get("streets") or cond.get("map_ref"))
