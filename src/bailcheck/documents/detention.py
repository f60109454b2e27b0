"""Why bail could not have been granted without conditions, as a note states it: each custody
ground the record gives, and this decision-maker could use, in the words of the test it meets.

Which grounds are usable is the fact `custody_grounds_available` (facts/authority.py), declared
once; this module only words them. A custody officer after charge detains under PACE s.38(1)(a)
(law.md §1.4); a court refuses bail under Bail Act 1976 Sch 1, where the offending grounds need
"substantial grounds for believing", not a risk (Pt I para 2(1), Sharkey; law.md §3.3), and
Part II, for non-imprisonable offences, has its own grounds (law.md §3.6).
"""

from __future__ import annotations

from bailcheck.facts.registry import Context
from bailcheck.facts.words import join_and

# PACE s.38(1)(a)(ii)-(vi) (law.md §1.4); (iii) is for an imprisonable offence, (iv) otherwise
_POLICE = {
    "fail_to_surrender": ("there would be reasonable grounds for believing that the person would "
                          "fail to appear in court to answer to bail (s.38(1)(a)(ii))"),
    "imprisonable": ("detention would be necessary to prevent the person committing an offence "
                     "(s.38(1)(a)(iii))"),
    "non_imprisonable": ("detention would be necessary to prevent the person causing physical "
                         "injury to another or loss of or damage to property (s.38(1)(a)(iv))"),
    "witness_interference": ("detention would be necessary to prevent the person interfering "
                             "with the administration of justice or the investigation "
                             "(s.38(1)(a)(v))"),
    "own_protection": ("detention would be necessary for the person's own protection "
                       "(s.38(1)(a)(vi))"),
}
# Sch 1 Pt I para 2(1)(a)-(c): what the substantial grounds are for believing the defendant would do
_PARA_2 = {"fail_to_surrender": "fail to surrender to custody",
           "offending_on_bail": "commit an offence while on bail",
           "witness_interference": "interfere with witnesses or otherwise obstruct the course of "
                                   "justice"}
# the one offending ground para 1A leaves: Pt I para 2ZA, Pt IA para 4 (law.md §3.2, §3.5; its
# wording is from a secondary source)
_ASSOCIATED = ("there would be substantial grounds for believing that the defendant would commit "
               "an offence on bail by conduct causing, or likely to cause, physical or mental "
               "injury to an associated person, or making them fear it ({}, which para 1A leaves "
               "in place)")
PARA_2ZA = _ASSOCIATED.format("Pt I para 2ZA")
PARA_4_IA = _ASSOCIATED.format("Pt IA para 4")
PARA_2ZA_VERIFY = ("Verify: the wording of Bail Act 1976 Sch 1 Pt I para 2ZA; bailcheck's law "
                   "sources give it from a secondary source.")
PART_IA_VERIFY = ("Verify: the tests of the Bail Act 1976 Sch 1 Pt IA grounds the note names, and "
                  "the paragraph of its own-protection ground; bailcheck's law sources give most "
                  "of them only by their labels.")
PART_II_PARA_2_CHECK = ("Check: Sch 1 Pt II para 2 allows a refusal of bail only where the "
                        "defendant has previously failed to surrender under a grant of bail; the "
                        "record holds no such failure, so give this ground only if there was one.")
PART_II_PARA_5_VERIFY = ("Verify: that the defendant was arrested under Bail Act 1976 s.7 in "
                         "these proceedings; Sch 1 Pt II para 5 allows a refusal on the grounds of "
                         "offending or interference only then.")


def reasons(ctx: Context, court: bool, verify: dict[str, None]) -> list[str]:
    """Each usable ground as the test it meets, for a court's note (`court`) or a custody
    officer's after charge; a point the wording rests on that the law sources do not settle is
    added to `verify`. None before charge or on street bail: no custody ground applies there."""
    grounds = list(ctx["custody_grounds_available"])
    if not grounds:
        return []
    if not court:
        return [_POLICE[_police_key(ctx, g)] for g in grounds]
    part = ctx["schedule_1_part"]
    if part == "II":
        return _part_ii(ctx, grounds, verify)
    if part == "IA":
        return _part_ia_reasons(ctx, grounds, verify)
    out = []
    believed = [_PARA_2[g] for g in grounds if g in _PARA_2]
    if ctx["no_real_prospect_of_custody"] and "offending_on_bail" in grounds:
        believed = []  # only offending is left, and only under para 2ZA (the fact's own test)
        out.append(PARA_2ZA)
        verify.setdefault(PARA_2ZA_VERIFY)
    if believed:
        out.append("there would be substantial grounds for believing that the defendant would "
                   f"{join_and(believed)} (Pt I para 2(1))")
    if "own_protection" in grounds:
        out.append(_own_protection(ctx, "Pt I para 3"))
    return out


def _police_key(ctx: Context, ground: str) -> str:
    if ground != "offending_on_bail":
        return ground
    return "non_imprisonable" if ctx["all_offences_non_imprisonable"] else "imprisonable"


def _part_ii(ctx: Context, grounds: list[str], verify: dict[str, None]) -> list[str]:
    """Sch 1 Pt II (law.md §3.6): for a child or a convicted defendant, a past failure to
    surrender (para 2) and, after an arrest under s.7, the para 5 grounds; for anyone, own
    protection (para 3)."""
    out = []
    if "fail_to_surrender" in grounds:
        failed = (ctx.person.get("failures_to_surrender") or 0) > 0
        grant = "a grant of bail" if failed else (
            "[to complete: the earlier grant of bail; Pt II para 2 needs one, the record holds "
            "none, and without one this ground is not available]")
        if not failed:
            verify.setdefault(PART_II_PARA_2_CHECK)
        out.append(f"the defendant has previously failed to surrender under {grant} and the "
                   "court believes, in view of that failure, that the defendant would fail to "
                   "surrender again (Pt II para 2)")
    after_s7 = [_PARA_2[g] for g in grounds if g in ("offending_on_bail", "witness_interference")]
    if after_s7:
        out.append("there would be substantial grounds for believing that the defendant, if "
                   f"released on bail, would {join_and(after_s7)} (Pt II para 5)")
        verify.setdefault(PART_II_PARA_5_VERIFY)
    if "own_protection" in grounds:
        out.append(_own_protection(ctx, "Pt II para 3"))
    return out


def _own_protection(ctx: Context, para: str) -> str:
    welfare = " or welfare" if ctx["is_child"] else ""
    return f"the defendant should be kept in custody for their own protection{welfare} ({para})"


def _part_ia_reasons(ctx: Context, grounds: list[str], verify: dict[str, None]) -> list[str]:
    """Part IA's grounds by their paragraphs (law.md §3.5): their tests are known only from
    their labels, so the note names the ground and its paragraph and asks for them to be
    checked."""
    verify.setdefault(PART_IA_VERIFY)
    out = []
    if "fail_to_surrender" in grounds:
        out.append("the defendant would fail to surrender to custody (Pt IA para 2)")
    if "offending_on_bail" in grounds:
        out.append(PARA_4_IA if ctx["no_real_prospect_of_custody"] else
                   "the defendant would commit an offence while on bail (Pt IA para 3)")
    if "witness_interference" in grounds:
        out.append("the defendant would interfere with witnesses or otherwise obstruct the course "
                   "of justice (Pt IA para 7, which applies after an arrest under s.7)")
    if "own_protection" in grounds:
        out.append(_own_protection(ctx, "Pt IA"))
    return out
