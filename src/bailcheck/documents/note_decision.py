"""The parts of the decision-maker's note about the decision as a whole: the preconditions of
pre-charge and street bail, why bail could not be granted without conditions, representations
and the complainant's views, children, accepted findings, the points the whole record leaves to
answer, and how the person may ask for a variation. A part of the drafts' builder
(drafts._Builder), beside notes.NoteParts, which builds the reasons condition by condition."""

from __future__ import annotations

from datetime import date
from typing import Any

from bailcheck.documents import detention
from bailcheck.documents.draft_words import (
    REBAIL,
    ROLE_WORDS,
    _long_date,
    may_be_sent_for_trial,
    number_of,
    scrub,
)
from bailcheck.documents.notes import NoteParts


class DecisionParts(NoteParts):
    """The note's parts about the decision as a whole."""

    def _preconditions(self) -> dict[str, Any] | None:
        if self.stage == "street":
            return {"law": self.cite("PACE 1984 s.30A(1A)–(1B)"), "street": True,
                    "authorised": ROLE_WORDS.get(self.data["decision"].get("by_role", ""), "")}
        if self.stage != "pre_charge":
            return None
        if self.power in REBAIL:
            self.verify.setdefault(f"Verify: that PACE 1984 s.50A applies to a release on bail "
                                   f"under {REBAIL[self.power][0]}; bailcheck's law sources do "
                                   "not say.")
        if self.ctx["precharge_regime"] == "none":  # arrested before s.50A came into force
            return None
        regime_2017 = self.ctx["precharge_regime"] == "pca2017"  # (the fact's own value)
        return {"law": self.cite("PACE 1984 s.50A(1)–(2)"), "street": False,
                "regime_2017": regime_2017,
                "inspector": self.ctx["release_authorised_by_inspector"] if regime_2017 else None}

    def _grounds_words(self) -> list[str]:
        """Why bail could not be granted without conditions: each usable custody ground the
        record gives, as the test it meets (documents/detention.py)."""
        return detention.reasons(self.ctx, self.stage == "court", self.verify)

    def _representations(self) -> dict[str, Any] | None:
        text = self.data["decision"].get("representations", "")
        law = {"pre_charge": "PACE 1984 s.50A(1)–(2)",
               "street": "PACE 1984 s.30A(1A)–(1B)"}.get(self.stage)
        if not text and self.stage != "pre_charge":
            return None
        regime = self.ctx["precharge_regime"]
        return {"text": text, "law": self.cite(law) if law else [],
                "pre_charge": self.stage == "pre_charge" and regime != "none",
                "regime_2017": regime == "pca2017"}

    def _victim_views(self) -> dict[str, Any] | None:
        if self.stage in ("street", "court") or self.power in REBAIL:
            return None
        views = self.data.get("victim_views", {})
        # s.47ZZA applies to arrests from 28 October 2022 (PCSC 2022 s.45(3); law.md §2.6)
        statutory = self.ctx["arrest_date"] >= date(2022, 10, 28)
        if not views and not (statutory and self.stage == "pre_charge"
                              and self.ctx["has_individual_complainant"]):
            return None
        return {"sought": views.get("sought") is True, "summary": views.get("summary", ""),
                "not_practicable": views.get("not_practicable_reason", ""), "statutory": statutory,
                "law": self.cite("PACE 1984 s.47ZZA") if statutory else []}

    def _children(self) -> dict[str, Any]:
        person = self.data["person"]
        own = [number_of(self.record, c["id"]) for c in self.record.conditions
               if c.get("own_children")]
        return {"child": bool(self.ctx["is_child"]), "age": self.ctx["age"],
                "code_c": self.cite("PACE Code C") if self.stage != "court" else [],
                "caring": person.get("caring_responsibilities", ""),
                "own_children": own,
                "family_proceedings": person.get("family_proceedings") is True}

    def _accepted(self) -> list[dict[str, Any]]:
        out = []
        for cond in self.record.conditions:
            for f in self.results[cond["id"]].findings:
                if f.accepted:
                    out.append({"where": f"condition {number_of(self.record, cond['id'])}",
                                "what": f.title or "a finding", "note": f.accepted})
        for f in self.report.findings:
            if f.accepted:
                out.append({"where": "the decision as a whole", "what": f.title or "a finding",
                            "note": f.accepted})
        return out

    def _officer_points(self) -> list[str]:
        out = []
        for f in self.report.findings:
            if f.accepted:
                continue
            rule = self._rule(f.rule)
            self.unchecked(f, "the decision as a whole")
            text = self.prompt(rule, self.ctx) if rule and rule.custody else f.message
            if self.stage == "court":
                text = text.replace("custody record", "record of the decision")
            out.append(scrub(text))
        return list(dict.fromkeys(out))

    def _variation_for_person(self) -> dict[str, Any]:
        child = bool(self.ctx["is_child"])
        if self.stage == "street":
            return {"kind": "street", "law": self.cite("PACE 1984 s.30CA", "PACE 1984 s.30CB")}
        if self.power in REBAIL:
            return {"kind": "rebail", "child": child,
                    "law": self.cite("PACE 1984 s.47(1D)–(1F)")}
        return {"kind": "police", "child": child,
                "law": self.cite("Bail Act 1976 s.3A(4)", "Magistrates' Courts Act 1980 s.43B"),
                "court_date": _long_date(self.data.get("dates", {}).get("first_court_date"))
                if self.stage == "post_charge" else ""}

    def _variation_court(self) -> dict[str, Any]:
        by = self.data["decision"].get("by_role", "")

        return {"kind": "court", "crown": by == "crown_court",
                "sendable": may_be_sent_for_trial(self.data, self.ctx["convicted"]),
                "child": bool(self.ctx["is_child"]),
                "law": self.cite("Bail Act 1976 s.3(8)")}
