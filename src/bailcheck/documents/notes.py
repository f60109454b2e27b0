"""The decision-maker's note of reasons, condition by condition: the purpose and its law, the
individual evidence the record holds, the reason given (printed once, under the question it
answers), what the note must still answer, and the conditions it cannot impose as drafted. A part
of the drafts' builder (drafts._Builder), with note_decision.DecisionParts for the parts about
the decision as a whole."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from bailcheck.documents import grounds
from bailcheck.documents.authorities import Table
from bailcheck.documents.draft_words import (
    _BRACKET,
    BLOCKING,
    GENERIC_GAPS,
    PURPOSE_SUB,
    STREET_SUB,
    VERDICT_WORDS,
    earlier,
    hhmm,
    number_of,
    scrub,
)
from bailcheck.documents.rights import RIGHT_WORDS
from bailcheck.documents.voice import court_voice, the_defendant
from bailcheck.errors import PolicyError
from bailcheck.facts.case import evidence
from bailcheck.facts.registry import Context
from bailcheck.facts.words import join_and, words
from bailcheck.findings import Finding, RecordReport, Verdict
from bailcheck.record.validate import Record
from bailcheck.rules.policy import Policy, Rule

if TYPE_CHECKING:
    from bailcheck.documents.drafts import _Builder

# The law a court's note cites where no custodial sentence is likely, by the Part of Sch 1 that
# governs (law.md §3.1-§3.2): Part I and Part IA each have a para 1A; Part II (no imprisonable
# offence) has none, so the necessity test is s.3(6) itself.
COURT_NO_CUSTODY_LAW = {"I": "Bail Act 1976 Sch 1 Pt I para 1A",
                        "IA": "Bail Act 1976 Sch 1 Pt IA para 1A",
                        "II": "Bail Act 1976 s.3(6)"}


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
    raised: dict[str, list[int]]  # a blocked condition's problems, and the conditions raising them
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
        # the Part of Schedule 1 whose paragraphs apply: a court's own (law.md §3.1); a custody
        # officer's is Part I, through PACE s.38(2A)
        part = self.ctx["schedule_1_part"] if self.stage == "court" else "I"
        out = {"contexts": contexts, "activities": set(), "covers": set(), "schedule_1": {part}}
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
            named = join_and([RIGHT_WORDS.get(r, r) for r in rights])
            less += f", and why its interference with {named} is proportionate"
        answer = []
        for f in findings:
            if f.accepted or f.verdict >= BLOCKING:
                continue
            text = self._question(f, cond, cctx)
            if text:
                self.unchecked(f, f"condition {n}")
            before = earlier(self.raised, text, n) if text else ""
            if before:
                text = f"For condition {n}, the same point as for {before}."
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
                "evidence_gap": self._evidence_gap(cond, n),
                "reason": cond.get("reason", ""), "less_restrictive": less,
                "answer": list(dict.fromkeys(answer)), "surety": surety}

    def _evidence_gap(self, cond: dict[str, Any], n: int) -> str:
        """What the note asks for where the record holds no evidence for the condition: for
        reports or an interview, what it is needed to enable (a court's condition, made for
        that and not against a risk); otherwise the evidence of the risk it guards against."""
        own = set(cond.get("purpose", []))
        if own and own <= {"reports", "legal_interview"}:
            if "reports" not in own:
                return (f"why condition {n} is needed for the defendant to be interviewed by a "
                        "legal representative")
            law = (" (a court may impose it only for that: Bail Act 1976 Sch 1 Pt I para 8(1A))"
                   if self.ctx["schedule_1_part"] == "I" else "")
            return f"the inquiries or report that condition {n} is needed to enable{law}"
        return f"the evidence of the risk that condition {n} guards against; the record holds none"

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
            text = grounds.stage_text(self.builder, scrub(self.prompt(rule, cctx), where,
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
                   "court": COURT_NO_CUSTODY_LAW[self.ctx["schedule_1_part"]],
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
        return grounds.for_officer(grounds.ground(self.builder, cond, cctx, f, own=True),
                                   self.stage == "court")

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
                else:  # the check's own words for it, of "the person"
                    text = e.text[0].upper() + e.text[1:] + "."
                    text = the_defendant(text) if self.stage == "court" else text
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
            before = earlier(self.raised, text, n)
            if before:
                same = grounds.for_officer(grounds.gist(text, step), self.stage == "court")
                shown.append(f"As with {before}, {same}.")
            else:
                shown.append(_after(text, f"It is {VERDICT_WORDS[worst]}: "))
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
                "problems": list(dict.fromkeys(shown)), "instead": instead,
                "dropped": not proposal}

    def prompt(self, rule: Rule, ctx: Context) -> str:
        """The rule's `custody:` prompt, filled, in the voice of the note: a court's note speaks
        as the court (documents/voice.py), a custody officer's in the first person."""
        text = court_voice(rule.custody) if self.stage == "court" else rule.custody
        return rule.fill(text, ctx)

    def _rule(self, rule_id: str) -> Any:
        try:
            return self.policy.get(rule_id)
        except PolicyError:  # a finding from a rule no longer loaded
            return None


def _after(text: str, lead: str) -> str:
    """`text` without a lead-in that the heading above it already says ("As drafted, condition
    1 is too uncertain to be obeyed or enforced:")."""
    if not text.startswith(lead) or len(text) == len(lead):
        return text
    rest = text[len(lead):]
    return rest[0].upper() + rest[1:]
