"""The decision-maker's note of reasons, condition by condition: the purpose and its law, the
individual evidence the record holds, the reason given (printed once, under the question it
answers), what the note must still answer, and the routes to a variation addressed to the
person. A part of the drafts' builder (drafts._Builder), kept here to keep each module short."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, cast

from bailcheck.documents import detention, grounds
from bailcheck.documents.authorities import Table
from bailcheck.documents.draft_words import (
    _BRACKET,
    BLOCKING,
    GENERIC_GAPS,
    PURPOSE_SUB,
    REBAIL,
    ROLE_WORDS,
    STREET_SUB,
    VERDICT_WORDS,
    _long_date,
    hhmm,
    number_of,
    scrub,
)
from bailcheck.errors import PolicyError
from bailcheck.facts.case import evidence
from bailcheck.facts.registry import Context
from bailcheck.facts.words import join_and, words
from bailcheck.findings import Finding, RecordReport, Verdict
from bailcheck.record.validate import Record
from bailcheck.rules.policy import Policy

if TYPE_CHECKING:
    from bailcheck.documents.drafts import _Builder


class NoteParts:
    """What the builder knows, and the parts of the notes built from it."""

    record: Record
    report: RecordReport
    policy: Policy
    table: Table
    audience: str
    ctx: Context
    data: dict[str, Any]
    stage: str
    power: str
    cited: dict[str, Any]
    seen: dict[str, int]
    verify: dict[str, None]  # points resting on law not yet checked, for the end checklist
    results: dict[str, Any]

    @property
    def builder(self) -> _Builder:
        """This object as the builder it always is (the grounds' helpers take the builder)."""
        return cast("_Builder", self)

    def cite(self, *citations: str, scope: dict[str, set[str]] | None = None) -> list[str]:
        """The short names of the authorities for these citations at this stage, noted for the
        document's list of authorities."""
        found = self.table.for_case(list(citations), self.stage, scope or self.scope())
        for a in found:
            self.cited.setdefault(a.cite, a)
        return [a.cite for a in found]

    def unchecked(self, f: Finding, where: str) -> None:
        """Note for the checklist a point the draft makes from a rule marked "verify"."""
        rule = self._rule(f.rule)
        if rule is None or not rule.verify:
            return
        law = "".join(f"; {a.cite}" for a in self.table.for_case(
            list(rule.citations[:1]), self.stage, self.scope()))
        self.verify.setdefault(f"Verify: the point \u201c{rule.title}\u201d ({where}{law}) rests "
                               "on law not yet checked against its source.", None)

    def scope(self, cond: dict[str, Any] | None = None) -> dict[str, set[str]]:
        contexts = {c for o in self.data["offences"] for c in o.get("context", [])}
        out = {"contexts": contexts, "activities": set(), "covers": set()}
        if cond is not None:
            out["activities"] = {cond.get("activity", "")} - {""}
            out["covers"] = set(cond.get("covers", []))
        return out

    def purpose_law(self, cond: dict[str, Any], purpose: str) -> str:
        if cond["type"] in ("surety", "security") and purpose == "surrender":
            cite = "Bail Act 1976 s.3(4)" if cond["type"] == "surety" else "Bail Act 1976 s.3(5)"
        elif cond["type"] == "surety" and cond.get("parent"):
            cite = "Bail Act 1976 s.3(7)"
        elif self.stage == "street":
            return f"PACE 1984 s.30A(3B){STREET_SUB.get(purpose, '')}"
        else:
            cite = f"Bail Act 1976 s.3(6){PURPOSE_SUB[purpose]}"
        return (self.cite(cite) or [cite])[0]

    def _reasons(self, cond: dict[str, Any], findings: tuple[Finding, ...]) -> dict[str, Any]:
        cctx = self.ctx.for_condition(cond)
        n = number_of(self.record, cond["id"])
        purposes = [{"name": words(p), "law": self.purpose_law(cond, p)}
                    for p in cond.get("purpose", [])]
        laws = list(dict.fromkeys(p["law"] for p in purposes))
        head = "Bail Act 1976 s.3(6)"
        if len(laws) > 1 and all(x.startswith(head) for x in laws):
            laws = [head + join_and([x[len(head):] for x in laws])]
        ev, also = [], []
        for item in self._evidence(cctx, cond):  # each piece of evidence printed once
            if item in self.seen:
                also.append(self.seen[item])
            else:
                self.seen[item] = n
                ev.append(item)
        rights = list(cctx["rights_engaged"])
        less = f"why a less restrictive condition than condition {n} would not do"
        if rights:
            less += (f", and why its interference with {join_and([grounds.RIGHT_WORDS.get(r, r) for r in rights])} "
                     "is proportionate")
        answer = []
        for f in findings:
            if f.accepted or f.verdict >= BLOCKING:
                continue
            text = self._question(f, cond, cctx)
            if text:
                self.unchecked(f, f"condition {n}")
            if text and text in self.seen:
                text = f"For condition {n}, the same point as for condition {self.seen[text]}."
            elif text:
                self.seen[text] = n
            if text:
                answer.append(text)
        surety = None
        if cond["type"] == "surety":
            amount = cond.get("amount")
            surety = {"name": cond.get("name", ""),
                      "amount": f"{amount:,.2f}".removesuffix(".00") if amount else "",
                      "means_assessed": cond.get("means_assessed") is True,
                      "law": (self.cite("Bail Act 1976 s.8(2)") or [""])[0]}
        return {"number": n, "id": cond["id"], "text": cond["text"], "purposes": purposes,
                "purpose_law": "; ".join(laws),
                "evidence": ev, "evidence_also": [str(x) for x in dict.fromkeys(also)],
                "reason": cond.get("reason", ""), "less_restrictive": less,
                "answer": list(dict.fromkeys(answer)), "surety": surety}

    def _question(self, f: Finding, cond: dict[str, Any], cctx: Context) -> str:
        """What a finding asks the decision-maker to answer: the rule's `custody:` text, else a
        question written here from what the rule reads, else the finding itself."""
        from bailcheck.rules.policy import rule_facts

        rule = self._rule(f.rule)
        if rule is not None and rule.custody:
            gaps = {g.strip().lower() for g in _BRACKET.findall(rule.custody)}
            if gaps and gaps <= GENERIC_GAPS:
                return ""  # "why it is necessary" and the evidence already ask for these
            where = f"condition {number_of(self.record, cond['id'])}"
            text = grounds.stage_text(self.builder, scrub(rule.fill(rule.custody, cctx), where,
                                                          self.record))
            if text:
                return text
        reads = set(rule_facts(rule)) if rule is not None else set()
        job = self.data["person"].get("employment", {})
        if "has_reason" in reads and "engages_rights" in reads:
            return ""  # the placeholders for the reasons already ask for this
        if "no_real_prospect_of_custody" in reads:
            law = {"pre_charge": "Bail Act 1976 s.3A(5); PACE 1984 s.50A(1)–(2)",
                   "post_charge": "Bail Act 1976 s.3A(5); Bail Act 1976 Sch 1 Pt I para 9, "
                   "through PACE 1984 s.38(2A)",
                   "court": "Bail Act 1976 Sch 1 Pt I para 1A",
                   "street": "PACE 1984 s.30A(3B)"}[self.stage]
            self.cite(*law.split("; "))
            return ("Every offence is likely to be dealt with without a custodial sentence: say "
                    "why this condition is nonetheless necessary and proportionate for this "
                    f"person ({law}).")
        if "curfew_overlaps_work" in reads and job.get("hours"):
            return (f"The curfew overlaps the person's working hours ({hhmm(job['hours'][0])} to "
                    f"{hhmm(job['hours'][1])}): say why, or allow travel to and from work.")
        if "curfew_hours" in reads:
            return (f"The curfew lasts {cctx['curfew_hours']:g} hours a day: say why that length "
                    "is needed, tied to when the risk arises, and how it allows for work and "
                    "caring duties.")
        if "reporting_overlaps_work" in reads and job.get("hours"):
            return ("The reporting window falls within the person's working hours: say why, or "
                    "move it outside them.")
        if "reporting_days_per_week" in reads:
            return (f"The person must report {cctx['reporting_days_per_week']} days a week: say "
                    "what risk of failing to surrender needs that frequency.")
        # rule messages are not used: the ground as the drafts state it, in the officer's voice
        return grounds.for_officer(grounds.ground(self.builder, cond, cctx, f, own=True))

    def _evidence(self, cctx: Context, cond: dict[str, Any]) -> list[str]:
        """The individual evidence the record holds for the condition's purposes, as the check
        counted it (facts/case.py): the recorded risks, history, vulnerabilities, custody
        grounds and the people the person knows or lives or works with; never age alone."""
        out: list[str] = []
        purposes = list(cond.get("purpose", []))
        if "welfare" in purposes and "own_protection" not in purposes:
            purposes.append("own_protection")  # the welfare of a child rests on the same record
        for purpose in purposes:
            for e in evidence(cctx, purpose):
                if e.where[0] == "stage" or e.where[-1] in ("age", "date_of_birth"):
                    continue
                if e.where[0] == "risks":
                    text = str(self.data["risks"][e.where[1]])
                elif e.where[0] == "person" and e.where[1] == "vulnerabilities":
                    text = "Vulnerabilities recorded: " + "; ".join(self.data["person"][
                        "vulnerabilities"]) + "."
                else:
                    text = e.text[0].upper() + e.text[1:] + "."
                out.append(text)
        return list(dict.fromkeys(out))

    def _blocked(self, cond: dict[str, Any], findings: tuple[Finding, ...]) -> dict[str, Any]:
        n = number_of(self.record, cond["id"])
        found = [f for f in findings if not f.accepted and f.verdict >= BLOCKING]
        worst = max(f.verdict for f in found)
        problems, proposal, fallback = grounds.officer_view(self.builder, cond, found)
        for f in found:
            self.unchecked(f, f"condition {n}")
        shown = []
        for text, step in problems:  # each paragraph once: later conditions point back
            if text in self.seen:
                same = grounds.for_officer(grounds.gist(text, step))
                shown.append(f"Condition {n}: as with condition {self.seen[text]}, {same}.")
            else:
                self.seen[text] = n
                shown.append(text)
        if proposal:
            instead = f"Instead of condition {n}: \u201c{proposal}\u201d"
        elif fallback and fallback in self.seen:
            instead = (f"Instead, do not impose condition {n}; if a risk is shown, the condition "
                       f"proposed for condition {self.seen[fallback]} would meet it.")
        elif fallback:
            self.seen[fallback] = n
            instead = (f"Instead, do not impose condition {n}; if a risk is shown, go no further "
                       f"than: \u201c{fallback}\u201d")
        elif worst == Verdict.UNENFORCEABLE and (advice := [f.alternative for f in found
                                                            if f.alternative]):
            instead = "Instead: " + " ".join(dict.fromkeys(advice))  # how to redraft it
        else:
            instead = f"Instead, do not impose condition {n}."
        return {"number": n, "id": cond["id"], "text": cond["text"], "why": VERDICT_WORDS[worst],
                "problems": list(dict.fromkeys(shown)), "instead": instead}

    def _rule(self, rule_id: str) -> Any:
        try:
            return self.policy.get(rule_id)
        except PolicyError:  # a finding from a rule no longer loaded
            return None

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
            text = rule.fill(rule.custody, self.ctx) if rule and rule.custody else f.message
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
        sendable = any(o["mode_of_trial"] != "summary" for o in self.data["offences"])
        return {"kind": "court", "crown": by == "crown_court",
                "sendable": sendable and by != "crown_court",
                "child": bool(self.ctx["is_child"]),
                "law": self.cite("Bail Act 1976 s.3(8)")}
