"""What a letter says about the Convention rights a condition interferes with: the right in
words, and why the interference is not shown to be necessary and proportionate (ECHR Arts 5 and
8 to 11 are qualified: an interference must be necessary and proportionate to a risk shown)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bailcheck.documents.proposals import EXPRESSIVE, fact_of
from bailcheck.facts.registry import same_place
from bailcheck.facts.words import join_and

if TYPE_CHECKING:
    from bailcheck.documents.drafts import _Builder

RIGHT_WORDS = {"Art 5": "liberty (Art 5)", "Art 8": "private and family life and home (Art 8)",
               "Art 9": "freedom of religion (Art 9)", "Art 10": "freedom of expression (Art 10)",
               "Art 11": "freedom of assembly and association (Art 11)"}
RIGHT_CITES = {right: f"ECHR {right}" for right in RIGHT_WORDS}


def rights_ground(b: _Builder, cond: dict[str, Any], cctx: Any) -> str:
    """The letter's ground that the condition's interference with the rights it engages is not
    shown to be necessary and proportionate (empty when it engages none, or is a residence at
    the client's own home)."""
    rights = list(fact_of(cctx, "rights_engaged", []) or [])
    p = b.data["person"]
    own_home = same_place(cond.get("address"), p.get("address"))
    if not rights or (own_home and cond["type"] == "residence"):
        return ""
    t = cond["type"]
    impact = ""
    if t == "curfew":
        impact = " by confining them to one address for part of every day"
        if p.get("caring_responsibilities"):
            impact += " and cutting across their caring responsibilities"
    elif t == "exclusion" and fact_of(cctx, "covers_home"):
        impact = " by keeping them out of their home"
    elif t == "exclusion" and fact_of(cctx, "covers_workplace"):
        impact = " by keeping them from their work"
    elif t == "non_contact" and cond.get("own_children"):
        impact = " by stopping contact with their own children"
    elif t == "residence" and cond.get("address") and p.get("address"):  # (another address)
        impact = " by requiring them to live away from home"
    elif t == "activity" and cond.get("activity") in EXPRESSIVE and p.get("trade_union_member"):
        impact = " as a trade-union member taking part in lawful union activity"
    if "Art 9" in rights:  # not in the law sources (authorities.yaml leaves it uncited)
        b.verify.setdefault("Verify: ECHR Art 9 (freedom of thought, conscience and religion) "
                            "and its limits; bailcheck's law sources do not give its text.")
    reason = cond.get("reason", "")
    why = (f"the reason recorded (\u201c{reason}\u201d) does not explain why a narrower condition "
           "would not do" if reason else "no reason has been recorded for it")
    named = join_and([RIGHT_WORDS.get(r, r) for r in rights])
    return (f"It interferes with my client's right to {named}{impact}. Such an interference is "
            f"lawful only if necessary and proportionate to a risk shown on my client's own facts; "
            f"{why}.")
