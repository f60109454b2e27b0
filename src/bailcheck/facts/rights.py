"""Facts about `activity` conditions and the Convention rights a condition engages (decision
model Terms, §4.1–§4.3, §4.10): expressive and speech restrictions, whether a restriction is
tied to the offence or to the risk, and Arts 8–11. Registered in bailcheck.facts when it loads.

The policy choices in these sections (which activities are necessities of daily life, the radius
that makes a zone area-wide) are kept in the rule files, not here.
"""

from __future__ import annotations

from bailcheck.facts.registry import AREA_COVERS, Context, fact

# Terms: an expressive restriction limits what Arts 9, 10 and 11 protect.
EXPRESSIVE_ACTIVITIES: tuple[str, ...] = ("protest", "picketing", "trade_union", "strike_action",
                                          "political", "religious")
SPEECH_ACTIVITIES: tuple[str, ...] = ("social_media", "publication")
# a religious restriction limited to a place or manner for these purposes only takes the
# limited route (§4.1.3): protecting a witness or the person falls under the rights of others
# and public safety, which Art 9(2) lists
RELIGIOUS_LIMITED_PURPOSES: tuple[str, ...] = ("no_interference", "own_protection")
# what `tied_to_offence` means where the record does not say (Terms)
_TIED_BY_CONTEXT: dict[str, str] = {"internet": "online", "devices": "online",
                                    "social_media": "online", "driving": "driving"}


def _is_activity(c: Context) -> bool:
    return bool(c.condition["type"] == "activity")


@fact("expressive_restriction", "bool", "an `activity` restriction of protest, picketing, "
      "trade-union activity, strike action, political or religious activity (Arts 9, 10, 11)",
      scope="condition")
def _expressive(c: Context) -> bool:
    return _is_activity(c) and c["activity"] in EXPRESSIVE_ACTIVITIES


@fact("expression_limited", "bool", "the restriction is limited to a `place`, a `dispute` or a "
      "`manner`", scope="condition")
def _limited(c: Context) -> bool:
    cond = c.condition
    return bool(cond.get("place") or cond.get("dispute") or cond.get("manner"))


@fact("religious_blanket", "bool", "a religious restriction taking the blanket route: every one, "
      "unless limited to a place or manner and for no purpose but preventing interference or "
      "the person's own protection (§4.1.3)", scope="condition")
def _religious_blanket(c: Context) -> bool:
    if not (_is_activity(c) and c["activity"] == "religious"):
        return False
    purposes, cond = c["purposes"], c.condition
    limited = bool(cond.get("place") or cond.get("manner"))  # §4.1.3: "a place or manner"
    return not (limited and purposes and all(p in RELIGIOUS_LIMITED_PURPOSES for p in purposes))


@fact("expression_blanket", "bool", "a blanket expressive restriction: a protest, picketing, "
      "union, strike or political restriction not limited to a place, dispute or manner, or a "
      "religious restriction taking the blanket route", scope="condition")
def _blanket(c: Context) -> bool:
    return bool(c["protest_blanket"] or c["religious_blanket"])


@fact("speech_restriction", "bool", "an `activity` restriction of what may be said, published or "
      "posted (`publication`) or of posting on or using platforms (`social_media`)",
      scope="condition")
def _speech(c: Context) -> bool:
    return _is_activity(c) and c["activity"] in SPEECH_ACTIVITIES


@fact("tied_to_offence", "bool", "the alleged offence consists in, or was committed by means of, "
      "the activity restricted: `tied_to_offence` where recorded; otherwise an offence with the "
      "online context ties internet, devices and social media, the driving context ties driving",
      scope="condition")
def _tied_to_offence(c: Context) -> bool:
    if not _is_activity(c):
        return False
    recorded = c.condition.get("tied_to_offence")
    if recorded is not None:
        return recorded is True
    context = _TIED_BY_CONTEXT.get(c["activity"])
    return context is not None and context in c["offence_contexts"]


@fact("tied_to_risk", "bool", "`tied_to_risk: true` (the recorded risk would be carried out "
      "through the activity) and individual evidence for one of the condition's purposes",
      scope="condition")
def _tied_to_risk(c: Context) -> bool:
    return _is_activity(c) and c.condition.get("tied_to_risk") is True and c["individual_evidence"]


@fact("wider_than_offence", "bool", "a speech restriction wider than the offence or risk: "
      "`wider_than_offence: true`, or, where that is not recorded, a social-media ban with no "
      "`place` (a whole platform or all platforms)", scope="condition")
def _wider(c: Context) -> bool:
    if not c["speech_restriction"]:
        return False
    recorded = c.condition.get("wider_than_offence")
    if recorded is not None:
        return recorded is True
    return c["activity"] == "social_media" and not c.condition.get("place")


@fact("rights_engaged", "list", "the Convention rights the condition touches (Arts 8, 9, 10, 11)",
      scope="condition")
def _rights(c: Context) -> list[str]:
    cond, t, rights = c.condition, c.condition["type"], set()
    # law.md §4.2: Art 8 is engaged by every condition but the financial ones and those for the
    # court's own processes
    if t not in ("surety", "security", "reports", "legal_interview", "activity"):
        rights.add("Art 8")
    activity = c["activity"] if t == "activity" else "none"
    if activity == "religious":
        rights |= {"Art 9", "Art 10", "Art 11"}
    elif activity in EXPRESSIVE_ACTIVITIES:
        rights |= {"Art 10", "Art 11"}
    if activity in SPEECH_ACTIVITIES or activity in ("internet", "devices"):
        rights |= {"Art 8", "Art 10"}
    if activity in ("public_transport", "driving"):
        rights.add("Art 8")
    keeps = cond.get("keeps_from", []) if t == "exclusion" else []
    if "worship" in keeps:
        rights.add("Art 9")
    if "political_activity" in keeps:
        rights |= {"Art 10", "Art 11"}
    return sorted(rights, key=lambda r: int(r.split()[1]))


@fact("engages_rights", "bool", "the condition engages Arts 8–11 as the decision model counts it: a "
      "residence other than at one's own home; a curfew; an exclusion covering home, workplace, "
      "school, place of worship, a town, city or county, or with `keeps_from`; an expressive or "
      "speech restriction; a non-contact protecting someone who lives with the person or with "
      "own children (electronic monitoring, an area by radius and the necessities of daily life "
      "are named in the rule)", scope="condition")
def _engages(c: Context) -> bool:
    cond, t = c.condition, c.condition["type"]
    if t == "curfew":
        return True
    if t == "residence":
        return not c["own_home_residence"]
    if t == "exclusion":
        covers = cond.get("covers", [])
        return bool(c["covers_home"] or c["covers_workplace"] or cond.get("keeps_from")
                    or any(x in covers for x in ("school", "place_of_worship", *AREA_COVERS)))
    if t == "non_contact":
        return bool(c["protects_housemate"] or c["own_children"])
    return bool(c["expressive_restriction"] or c["speech_restriction"])
