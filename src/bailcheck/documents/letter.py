"""The solicitor's representations as a document: the route chosen by stage, each condition
challenged with its grounds and a proposal, the others listed as not opposed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bailcheck.documents.authorities import ORDER
from bailcheck.documents.draft_words import earlier
from bailcheck.documents.grounds import (
    client_facts,
    client_words,
    finding_reads,
    gist,
    ground,
    home_ground,
)
from bailcheck.documents.proposals import fact_of, proposal_law, propose
from bailcheck.documents.rights import RIGHT_CITES, rights_ground
from bailcheck.facts.words import join_and, words
from bailcheck.findings import Finding, Verdict

if TYPE_CHECKING:
    from bailcheck.documents.drafts import _Builder

# ------------------------------------------------------------------ the document

def _protective(b: _Builder, cond: dict[str, Any]) -> bool:
    """A non-contact condition protecting a named complainant or witness: generic points about
    seriousness or missing reasons are no ground against it."""
    named = {q.get("name") for q in b.data.get("people", []) if q.get("role")}
    return cond["type"] == "non_contact" and bool(set(cond.get("persons", [])) & named)


def _counted(b: _Builder, cond: dict[str, Any]) -> list[Finding]:
    found = [f for f in b.results[cond["id"]].findings
             if not f.accepted and f.verdict >= Verdict.NEEDS_JUSTIFICATION]
    if _protective(b, cond):
        found = [f for f in found if f.verdict > Verdict.NEEDS_JUSTIFICATION
                 or "any" not in _applies(b, f)]
    return found


def _applies(b: _Builder, f: Finding) -> frozenset[str]:
    rule = b._rule(f.rule)
    return rule.applies_to if rule is not None else frozenset()


UNHELPFUL = ("R v Mansfield Justices, ex p Sharkey", "Bail Act 1976 s.5A", "Bail Act 1976 s.5(3)")
NARROW_UPHELD = ("Menwith Hill", "Just Stop Oil, Waterloo Bridge")  # narrow conditions upheld


def _unhelpful(citation: str, wide: bool) -> bool:
    """Authorities a rule cites that do not help the defence on a condition's own ground:
    Sharkey (a real risk suffices; good character may be irrelevant), the reasons duty, and,
    against a condition that is not itself a wide ban, the decisions upholding narrow ones."""
    return citation.startswith(UNHELPFUL) or (not wide and citation.startswith(NARROW_UPHELD))


NECESSITY_LAW = {"court": ["Bail Act 1976 Sch 1 Pt I para 8"],
                 "street": ["PACE 1984 s.30A(3B)", "PACE 1984 s.30A(1A)–(1B)"],
                 "pre_charge": ["Bail Act 1976 s.3A(5)", "PACE 1984 s.50A(1)–(2)"],
                 "post_charge": ["Bail Act 1976 s.3A(5)", "PACE 1984 s.38(2A)"]}
SHARKEY = "R v Mansfield Justices, ex p Sharkey [1985] QB 613"
CARSON = "R (Carson) v Ealing MC [2012] EWHC 1456 (Admin)"


class _Letter:
    """The representations, condition by condition; remembers what has been said, so that
    each paragraph appears once and a later condition points back to the first."""

    def __init__(self, b: _Builder) -> None:
        self.b = b
        self.raised: dict[str, list[int]] = {}  # each paragraph, and the conditions that raised it
        self.previous_law: dict[tuple[str, ...], int] = {}

    def once(self, text: str, n: int, back: str, first: bool = False) -> str:
        """`text` the first time; after that `back`, with {m} naming the conditions that raised
        it before (only the first, where `first`: what `back` points to is said there alone)."""
        before = earlier(self.raised, text, n)
        if not before:
            return text
        return back.format(m=f"condition {self.raised[text][0]}" if first else before)

    def challenge(self, cond: dict[str, Any], n: int, found: list[Finding]) -> dict[str, Any]:
        b = self.b
        cctx = b.ctx.for_condition(cond)
        # outside the power: that is the answer, and the rights argument adds nothing to it
        rights = "" if any(f.step == "power" for f in found) else rights_ground(b, cond, cctx)
        paragraphs, used = [], []
        for f in found:
            if rights and f.step == "proportionality" and "engages_rights" in finding_reads(b, f):
                continue  # the rights paragraph below says that no reason is given
            used.append(f)
            b.unchecked(f, f"condition {n}")
            text = ground(b, cond, cctx, f)
            paragraphs.append(self.once(
                text, n, f"As with {{m}}, {gist(text, f.step)}."))
        if cond["type"] == "exclusion" and fact_of(cctx, "covers_home"):
            home = home_ground(b, cond, cctx)
            if home not in paragraphs:
                paragraphs.insert(0, home)
        if cond["type"] == "surety" and cond.get("means_assessed") is False:
            paragraphs.append("The surety's means were not assessed, although the court must "
                              "consider a proposed surety's financial resources (Bail Act 1976 "
                              "s.8(2)).")
            b.cite("Bail Act 1976 s.8(2)")
        blanket = (any(f.step == "proportionality" for f in found)
                   and fact_of(cctx, "protest_blanket"))
        if blanket:
            contrast = ("The conditions upheld in Sharkey were confined to picketing \u201cin "
                        "connection with the current trade dispute\u201d; this one is not "
                        "confined at all.")
            if contrast not in self.raised:
                self.raised[contrast] = [n]
                paragraphs.append(contrast)
        if rights:
            rights = self.once(rights, n, "It interferes with the same rights as {m}.")
        proposal, fallback = propose(b, cond, cctx, found)
        proposed_law = proposal_law(cond, proposal, fallback)
        if fallback:
            fallback = self.once(fallback, n, "If some restriction is thought necessary, the "
                                 "narrower condition proposed for {m} would meet it.",
                                 first=True)
            if not fallback.startswith("If some"):
                fallback = ("If some restriction is thought necessary, it should go no further "
                            f"than: \u201c{fallback}\u201d")
        law = self.law(cond, cctx, used, blanket, proposed_law)
        law_text = ""
        if law in self.previous_law:
            law_text = f"The law for condition {n} is as for condition {self.previous_law[law]}."
        elif law:
            self.previous_law[law] = n
        return {"number": n, "text": cond["text"], "grounds": list(dict.fromkeys(paragraphs)),
                "rights": rights, "proposal": proposal, "fallback": fallback,
                "law": [] if law_text else list(law), "law_same": law_text}

    def law(self, cond: dict[str, Any], cctx: Any, used: list[Finding], blanket: bool,
            proposed: list[str]) -> tuple[str, ...]:
        """The authorities for a condition's grounds, as the table names them at this stage:
        the findings' own (less those that do not help the defence), the purpose, the
        necessity test, the rights engaged, Sharkey or Carson where the ground uses them, and
        those the proposal rests on."""
        b = self.b
        surety = cond["type"] in ("surety", "security")
        wide = blanket or bool(fact_of(cctx, "covers_area"))
        citations = [c for f in used for c in f.citations
                     if not _unhelpful(c, wide) and not c.startswith("ECHR")
                     and not (surety and c.startswith("Bail Act 1976 s.3(6)"))]
        if {f.step for f in used} - {"power", "enforceability"}:  # the necessity test
            citations += [b.purpose_law(cond, x) for x in cond.get("purpose", [])]
            citations += NECESSITY_LAW[b.stage]
        citations += [RIGHT_CITES[r] for r in fact_of(cctx, "rights_engaged", []) or []
                      if r in RIGHT_CITES]
        if blanket:
            citations.append(SHARKEY)
        if fact_of(cctx, "covers_home") and not fact_of(b.ctx, "someone_protected_lives_there"):
            citations.append(CARSON)  # (a home no one it protects lives in)
        citations += proposed
        cited = b.cite(*citations, scope=b.scope(cond))
        general = "Bail Act 1976 s.3(6)(a)–(ca)"
        if general in cited and any(c.startswith("Bail Act 1976 s.3(6)(") and c != general
                                    for c in cited):
            cited.remove(general)  # the paragraph for the purpose is named
        return tuple(sorted(cited, key=lambda c: ORDER.index(b.table.get(c).binds)))


def representations(b: _Builder) -> dict[str, Any]:
    from bailcheck.documents.draft_words import number_of

    letter = _Letter(b)
    challenged, not_opposed = [], []
    for cond in b.record.conditions:
        n = number_of(b.record, cond["id"])
        found = _counted(b, cond)
        if found:
            challenged.append(letter.challenge(cond, n, found))
        else:
            not_opposed.append(_not_opposed(b, cond, n))
    residence = next((c["address"] for c in b.record.conditions
                      if c["type"] == "residence" and c.get("address")), "")
    return {"client": client_facts(b), "challenged": challenged, "not_opposed": not_opposed,
            "representations": b.data["decision"].get("representations", ""),
            "route": _route(b), "points": _record_points(b),
            "sureties": list(dict.fromkeys(c.get("name") or "[to complete: name of surety]"
                                           for c in b.record.conditions
                                           if c["type"] == "surety")),
            # not the home of someone a condition protects (law.md §4.2): the solicitor says
            "residence": residence or ("" if b.ctx["someone_protected_lives_there"]
                                       else b.data["person"].get("address", ""))}




def _not_opposed(b: _Builder, cond: dict[str, Any], n: int) -> dict[str, Any]:
    purposes = join_and([client_words(x) for x in cond.get("purpose", [])])
    why = f"it is stated to serve {purposes}" if purposes else ""
    if cond.get("reason"):
        why += (" and " if why else "") + "a reason is recorded for it"
    if _protective(b, cond):
        named = {q.get("name"): q.get("role", "") for q in b.data.get("people", [])}
        who = join_and([f"{x} ({words(named[x])})" for x in cond["persons"] if x in named])
        why = f"it protects {who}" + (f" and is stated to serve {purposes}" if purposes else "")
    note = ""
    p = b.data["person"]
    children = cond.get("own_children") or p.get("family_proceedings") or "child" in str(
        p.get("caring_responsibilities", "")).lower()
    exceptions = " ".join(cond.get("exceptions", [])).lower()
    # what the client asks for is theirs to say: the draft offers it for the solicitor to confirm
    if cond["type"] == "non_contact" and "solicitor" not in exceptions:
        note = ("It has no exception for contact through a solicitor [to complete: whether my "
                "client asks for one].")
    if cond["type"] == "non_contact" and children:
        note = ("It has no exception for contact through a solicitor or, to arrange the care of "
                "the children, through a named third party [to complete: whether my client asks "
                "for them, and the third party's name].")
    return {"number": n, "text": cond["text"], "why": why, "note": note}


def _route(b: _Builder) -> dict[str, Any]:
    route = _route_kind(b)
    route.setdefault("pre_charge", b.stage == "pre_charge")
    return route


def _route_kind(b: _Builder) -> dict[str, Any]:
    child = bool(b.ctx["is_child"])
    court_date = b.data.get("dates", {}).get("first_court_date")
    from bailcheck.documents.draft_words import REBAIL, _long_date, may_be_sent_for_trial

    if b.stage == "street":
        return {"kind": "street", "child": child,
                "law": b.cite("PACE 1984 s.30CA", "PACE 1984 s.30CB")}
    if b.stage == "court":
        by = b.data["decision"].get("by_role", "")
        return {"kind": "court", "child": child, "crown": by == "crown_court",
                "sendable": may_be_sent_for_trial(b.data, b.ctx["convicted"]),
                "law": b.cite("Bail Act 1976 s.3(8)")}
    if b.power in REBAIL:
        return {"kind": "rebail", "child": child, "law": b.cite("PACE 1984 s.47(1D)–(1F)")}
    return {"kind": "police", "child": child, "pre_charge": b.stage == "pre_charge",
            "law": b.cite("Bail Act 1976 s.3A(4)", "Magistrates' Courts Act 1980 s.43B"),
            "court_date": _long_date(court_date) if b.stage == "post_charge" else "",
            # a hearing already past by the letter's date is not written of as to come
            "court_date_past": bool(court_date and court_date < b.today),
            "first_appearance": b.cite("PACE 1984 s.47(3A)") if court_date else []}


def _record_points(b: _Builder) -> list[str]:
    from bailcheck.documents.draft_words import scrub

    out = []
    decision = b.data["decision"]
    if b.stage in ("pre_charge", "post_charge") and b.record.conditions and not (
            decision.get("reasons_recorded") is True and decision.get("copy_given") is True):
        law = b.cite("Bail Act 1976 s.5A")
        if decision.get("reasons_recorded") is not True:
            out.append("The record does not show that the reasons for these conditions were "
                       f"noted in the custody record, as {join_and(law)} requires; please send "
                       "me a copy of any note of reasons.")
        elif decision.get("copy_given") is not True:
            out.append(f"The record does not show that my client was given a copy of the note of "
                       f"reasons ({join_and(law)}); please send me one.")
    if b.stage == "court" and decision.get("reasons_recorded") is False:
        law = b.cite("Bail Act 1976 s.5(3)–(4)", "R (Sumal) v Leicester Crown Court [2024] "
                     "EWHC 1982 (Admin)")
        out.append("The court's reasons for the conditions were not recorded; a court that "
                   f"imposes conditions must give its reasons ({join_and(law)}).")
    for f in b.report.findings:
        rule = b._rule(f.rule)
        if f.accepted or any("s.5A" in c or "s.5(3)" in c for c in f.citations):
            continue  # the reasons and the copy are dealt with above
        if rule is not None and rule.defence:
            b.unchecked(f, "the decision as a whole")
            out.append(scrub(rule.fill(rule.defence, b.ctx)))
        elif f.verdict >= Verdict.UNLAWFUL:
            b.cite(*f.citations)
            out.append(scrub(f.message.replace("The person is", "My client is")
                             .replace("the person", "my client")))
    return list(dict.fromkeys(out))
