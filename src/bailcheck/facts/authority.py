"""Facts about who decided and under which power: whether stage, power and role agree (decision
model §0), whose limits apply (§1), which custody grounds this decision-maker could use (Terms),
and whether reasons were given for the package (§4.0). Registered in bailcheck.facts when it
loads.

Where `stage`, `release.power` and `decision.by_role` disagree, every reading they give is
applied and the strictest wins: police limits if any key is a police one, street limits if the
stage is street or the power s.30A, and a custody ground counts only if every reading could use
it.
"""

from __future__ import annotations

from bailcheck.facts.registry import RISK_FOR_PURPOSE, Context, fact
from bailcheck.facts.words import join_and, word_starts, words
from bailcheck.record import schema

# §0: the powers and roles that go with each stage. A role is police unless it is a court's.
POWERS_FOR_STAGE: dict[str, tuple[str, ...]] = {
    "street": ("s30A", "rui"),
    "pre_charge": ("s37_2", "s37_7_a", "s37_7_b", "s37C_2_b", "s37CA_2_b", "rui"),
    "post_charge": ("s38_1", "s40_10"),
    "court": ("court",),
}
COURT_ROLES: tuple[str, ...] = tuple(r for r in schema.ROLES if r not in schema.POLICE_ROLES)
ROLES_FOR_STAGE: dict[str, tuple[str, ...]] = {
    "street": ("constable", "custody_officer"),
    "pre_charge": schema.POLICE_ROLES,
    "post_charge": schema.POLICE_ROLES,
    "court": COURT_ROLES,
}
GROUND_WORDS: dict[str, str] = {
    "fail_to_surrender": "failing to surrender",
    "offending_on_bail": "offending on bail",
    "witness_interference": "interfering with witnesses",
    "own_protection": "the person's own protection",
}
# the same grounds as PACE s.38(1)(a) names them, for a custody officer after charge (law.md §1.4)
POLICE_GROUND_WORDS: dict[str, str] = {
    "fail_to_surrender": "failing to appear in court (s.38(1)(a)(ii))",
    "offending_on_bail": "preventing an offence (s.38(1)(a)(iii))",
    "witness_interference": ("preventing interference with the administration of justice or the "
                             "investigation (s.38(1)(a)(v))"),
    "own_protection": "the person's own protection (s.38(1)(a)(vi))",
}
# the offending ground's form for a non-imprisonable offence
POLICE_INJURY_OR_DAMAGE = ("preventing physical injury to another or loss of or damage to "
                           "property (s.38(1)(a)(iv))")
POLICE_POWERS: tuple[str, ...] = tuple(p for p in schema.POWERS if p != "court")

# How each key reads, for the custody grounds: `none` (street or pre-charge police: no custody
# ground applies, the person is not charged), `police` (a custody officer after charge, PACE
# s.38(1)(a)) or `court` (Bail Act Sch 1).
_STAGE_READING = {"street": "none", "pre_charge": "none", "post_charge": "police", "court": "court"}
_CHARGE_POWERS = ("s38_1", "s40_10")

# PACE s.38(1)(a)(iv): for a non-imprisonable offence the offending ground is replaced by a risk
# of physical injury to another or of loss of or damage to property. Whether the recorded
# offending risk is of that kind is read from its words (verify: the model marks this point).
# The rule offending-ground-read-as-injury-or-damage (record.yaml) names the same words, so that
# the reading is reported and redaction keeps them; a test checks the two lists agree.
INJURY_OR_DAMAGE_WORDS: tuple[str, ...] = (
    "injur", "hurt", "assault", "violen", "attack", "harm", "wound", "stab", "knife", "punch",
    "kick", "damage", "destroy", "smash", "vandal", "arson", "set fire", "graffiti", "theft",
    "steal", "stole", "burgl")


def _release(c: Context) -> dict[str, str]:
    return c.data.get("release", {})  # type: ignore[no-any-return]


def _power(c: Context) -> str | None:
    return _release(c).get("power")


def _role(c: Context) -> str | None:
    return c.data["decision"].get("by_role")  # type: ignore[no-any-return]


@fact("decision_role", "enum", "who made the decision (`none` if not recorded)",
      choices=("none", *schema.ROLES))
def _decision_role(c: Context) -> str:
    return _role(c) or "none"


def _disagreements(c: Context) -> list[str]:
    stage, power, role = c.data["stage"], _power(c), _role(c)
    out = []
    if power and power not in POWERS_FOR_STAGE[stage]:
        out.append(f"the release power is {_power_words(power)}")
    if role and role not in ROLES_FOR_STAGE[stage]:
        out.append(f"the decision was made by {_role_words(role)}")
    return out


def _power_words(power: str) -> str:
    return {"s30A": "PACE s.30A (street bail)", "rui": "release under investigation",
            "court": "a court's grant of bail", "s38_1": "PACE s.38(1) (after charge)",
            "s40_10": "PACE s.40(10) (after charge)", "s37_2": "PACE s.37(2) (before charge)",
            "s37_7_a": "PACE s.37(7)(a) (before charge)",
            "s37_7_b": "PACE s.37(7)(b) (before charge)",
            "s37C_2_b": "PACE s.37C(2)(b) (re-bail before charge)",
            "s37CA_2_b": "PACE s.37CA(2)(b) (re-bail before charge)"}.get(power, words(power))


def _role_words(role: str) -> str:
    return {"magistrates": "magistrates", "crown_court": "the Crown Court",
            "custody_officer": "a custody officer", "constable": "a constable",
            "inspector": "an inspector", "superintendent": "a superintendent",
            "commander": "a commander"}.get(role, words(role))


@fact("stage_power_role_disagree", "bool", "`stage`, `release.power` and `decision.by_role` do "
      "not agree (decision model §0 table); absent keys are not checked")
def _keys_disagree(c: Context) -> bool:
    return bool(_disagreements(c))


@fact("stage_disagreement", "text", "in words, how the release power and the role disagree with "
      "the stage (empty when they agree)")
def _stage_disagreement(c: Context) -> str:
    found = _disagreements(c)
    if not found:
        return ""
    stage = c.data["stage"].replace("_", "-")  # pre-charge, post-charge, street, court
    return f"The stage is {stage}, but {join_and(found)}"


@fact("police_limits", "bool", "the limits on police bail apply: the stage, the release power or "
      "the decision-maker's role is a police one (the stricter reading where they disagree)")
def _police_limits(c: Context) -> bool:
    return bool(c.data["stage"] in schema.POLICE_STAGES or _power(c) in POLICE_POWERS
                or _role(c) in schema.POLICE_ROLES)


@fact("street_limits", "bool", "the limits on street bail apply: the stage is street or the "
      "release power is PACE s.30A")
def _street_limits(c: Context) -> bool:
    return bool(c.data["stage"] == "street" or _power(c) == "s30A")


def _readings(c: Context) -> set[str]:
    stage, power, role = c.data["stage"], _power(c), _role(c)
    out = {_STAGE_READING[stage]}
    if power:
        out.add("court" if power == "court" else "police" if power in _CHARGE_POWERS else "none")
    if role:
        if role in COURT_ROLES:
            out.add("court")
        else:  # a police officer after charge, or before it
            out.add("police" if stage in ("post_charge", "court") else "none")
    return out


def _offending_risk_of_injury_or_damage(c: Context) -> bool:
    text = str(c.data.get("risks", {}).get("offending_on_bail", "")).casefold()
    return word_starts(INJURY_OR_DAMAGE_WORDS)(text)


def _usable(c: Context, reading: str) -> set[str]:
    """The custody grounds a decision-maker of this reading could use on this record."""
    every = set(schema.CUSTODY_GROUNDS)
    if reading == "none":
        return set()
    unconvicted_adult = not c["is_child"] and not c["convicted"]
    if reading == "court":
        if unconvicted_adult and c["all_offences_non_imprisonable"]:  # Sch 1 Pt II
            return {"own_protection"}
        if c["no_real_prospect_of_custody"]:  # Sch 1 Pt I para 1A; para 2ZA survives it
            return {"own_protection"} | (
                {"offending_on_bail"} if c["domestic_abuse_offence"] else set())
        return every
    # police after charge: PACE s.38(1)(a), para 1A disregarded (s.38(2A))
    if c["all_offences_non_imprisonable"] and not _offending_risk_of_injury_or_damage(c):
        return every - {"offending_on_bail"}  # (a)(iv) replaces (a)(iii)
    return every


def _listed(c: Context) -> list[str]:
    return list(dict.fromkeys(c.data["decision"].get("alternative_to_custody", [])))


@fact("schedule_1_part", "enum", "the Part of Bail Act 1976 Sch 1 that governs a court's "
      "decision (law.md §3.1): `II` where no offence is imprisonable, `IA` where every "
      "imprisonable offence is summary only, `I` otherwise", choices=("I", "IA", "II"))
def _schedule_1_part(c: Context) -> str:
    if c["all_offences_non_imprisonable"]:
        return "II"
    # (a low-value scheduled offence to be tried summarily is Part IA's too; a record cannot
    # say so, so it is read as Part I)
    imprisonable = [o for o in c.offences if o.get("imprisonable") is not False]
    return "IA" if all(o.get("mode_of_trial") == "summary" for o in imprisonable) else "I"


@fact("custody_grounds_available", "list", "the grounds in `decision.alternative_to_custody` that "
      "this decision-maker could use to refuse bail or detain: none at street or pre-charge; a "
      "court within Sch 1 Pt II and para 1A; police after charge within PACE s.38(1)(a) (for "
      "non-imprisonable offences, offending only where the risk is of injury or damage: verify)",
      choices=schema.CUSTODY_GROUNDS)
def _available(c: Context) -> list[str]:
    listed = _listed(c)
    return [g for g in listed if g in c["custody_grounds_usable"]] if listed else []


@fact("custody_grounds_usable", "list", "the custody grounds this decision-maker could use on "
      "this record, whether or not `decision.alternative_to_custody` lists them (the grounds "
      "`custody_grounds_available` is chosen from)", choices=schema.CUSTODY_GROUNDS)
def _usable_here(c: Context) -> list[str]:
    usable = set(schema.CUSTODY_GROUNDS)
    for reading in _readings(c):  # keys that disagree: only what every reading could use
        usable &= _usable(c, reading)
    return [g for g in schema.CUSTODY_GROUNDS if g in usable]


@fact("custody_grounds_usable_words", "text", "`custody_grounds_usable` in words, the last "
      "joined by \"or\", as a prompt offers them (\"none\" if there are none)")
def _usable_words(c: Context) -> str:
    # without "the person's": a prompt is put in the court's voice before its facts are filled
    named = [GROUND_WORDS[g].removeprefix("the person's ") for g in c["custody_grounds_usable"]]
    return join_and(named, word="or") or "none"


@fact("custody_grounds_unavailable", "list", "the grounds in `decision.alternative_to_custody` "
      "that this decision-maker could not use (they are ignored)", choices=schema.CUSTODY_GROUNDS)
def _unavailable(c: Context) -> list[str]:
    listed = _listed(c)
    return [g for g in listed if g not in c["custody_grounds_usable"]] if listed else []


@fact("custody_ground_available", "bool", "at least one custody ground is available "
      "(`custody_grounds_available` is not empty)")
def _any_available(c: Context) -> bool:
    return bool(c["custody_grounds_available"])


@fact("custody_grounds_why_unavailable", "text", "in words, why the grounds in "
      "`custody_grounds_unavailable` cannot be used by this decision-maker (empty if none)")
def _why_unavailable(c: Context) -> str:
    unavailable = set(c["custody_grounds_unavailable"])
    if not unavailable:
        return ""
    reasons = []
    readings = _readings(c)
    if "none" in readings:
        reasons.append("no custody ground applies before charge or on street bail")
    if "court" in readings and unavailable - _usable(c, "court"):
        if not c["is_child"] and not c["convicted"] and c["all_offences_non_imprisonable"]:
            reasons.append("a court may refuse bail to an unconvicted adult charged only with "
                           "non-imprisonable offences only for their own protection (Sch 1 Pt II)")
        elif c["schedule_1_part"] == "IA":
            reasons.append("where there is no real prospect of a custodial sentence a court may "
                           "not refuse bail on it (Sch 1 Pt IA para 1A, which disapplies paras 2, "
                           "3 and 7; the associated-person ground in para 4 survives: verify)")
        else:
            reasons.append("where there is no real prospect of a custodial sentence a court may "
                           "not refuse bail on it (Sch 1 Pt I para 1A; the domestic-abuse ground "
                           "in para 2ZA survives)")
    if "police" in readings and unavailable - _usable(c, "police"):
        reasons.append("for a non-imprisonable offence the offending ground is replaced by a risk "
                       "of physical injury or of loss of or damage to property (PACE "
                       "s.38(1)(a)(iv)), and the recorded risk was not read as one of that kind "
                       "(verify)")
    return "; ".join(reasons)


@fact("offending_ground_limited_to_injury", "bool", "the offending ground is listed in "
      "`alternative_to_custody`, a police reading after charge applies and every offence is "
      "non-imprisonable, so it counts only for a risk of injury or of loss or damage to property "
      "(PACE s.38(1)(a)(iv))")
def _offending_limited(c: Context) -> bool:
    return bool("offending_on_bail" in _listed(c) and "police" in _readings(c)
                and c["all_offences_non_imprisonable"])


@fact("offending_risk_text", "text", "the text of `risks.offending_on_bail` (empty if none)")
def _offending_risk_text(c: Context) -> str:
    return str(c.data.get("risks", {}).get("offending_on_bail", ""))


@fact("package_reasons_given", "bool", "reasons were given for the conditions as a package: by "
      "the police, `reasons_recorded: true` (Bail Act s.5A); by a court, `reasons_recorded` not "
      "false (s.5(3)); the police test where the keys give a police reading")
def _package_reasons(c: Context) -> bool:
    recorded = c.data["decision"].get("reasons_recorded")
    return recorded is True if c["police_limits"] else recorded is not False


@fact("reasons_recorded_false", "bool", "the record says reasons were not given "
      "(`reasons_recorded: false`)")
def _reasons_false(c: Context) -> bool:
    return c.data["decision"].get("reasons_recorded") is False


def available_ground_for(c: Context, purpose: str) -> bool:
    """Whether `purpose` is matched: its `risks` key is an available custody ground."""
    key = RISK_FOR_PURPOSE.get(purpose)
    return key is not None and key in c["custody_grounds_available"]


def court_ground_law(c: Context, ground: str) -> str:
    """The provision of Bail Act 1976 Sch 1 on which a court would refuse bail on `ground`
    here: the Part that governs, and, where para 1A leaves only the injury ground, that
    ground's own paragraph (Pt I para 2ZA; Part IA's para 4, verify)."""
    part = c["schedule_1_part"]
    if ground == "offending_on_bail" and part in ("I", "IA") and c["no_real_prospect_of_custody"]:
        if part == "I":
            return "Bail Act 1976 Sch 1 Pt I para 2ZA, which para 1A leaves"
        return "Bail Act 1976 Sch 1 Pt IA para 4, which its para 1A leaves: verify"
    return f"Bail Act 1976 Sch 1 Pt {part}"
