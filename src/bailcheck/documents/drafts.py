"""The data behind the drafts, one document per voice, chosen by stage:

- `custody`: the custody officer's note of reasons (street, pre-charge and post-charge police
  bail; Bail Act s.5A, or PACE s.30A for street bail);
- `court`: the note of a court's reasons (Bail Act s.5(3)–(4));
- `solicitor`: a solicitor's representations, by the route the stage allows;
- `rui`: for a release under investigation, the message that no bail note is needed (and, for a
  solicitor, a letter saying that no condition can attach).

Everything comes from the record, the evaluation, the rules' `defence:`/`custody:` texts (with a
fallback written here for each audience) and the authorities table. Where the record is silent
the draft says "[to complete: …]" rather than inventing a fact. No YAML key, rule id or verdict
slug reaches a draft, and record text is made safe (control characters shown, never passed on).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bailcheck import __version__
from bailcheck.documents import grounds
from bailcheck.documents.authorities import Table, load
from bailcheck.errors import PolicyError
from bailcheck.facts.case import evidence
from bailcheck.facts.registry import Context
from bailcheck.facts.words import join_and, words
from bailcheck.findings import Finding, RecordReport, Verdict
from bailcheck.record.validate import Record
from bailcheck.rules.policy import Policy
from bailcheck.safe_text import visible

BLOCKING = Verdict.UNENFORCEABLE  # at or above: "cannot be imposed as drafted"
STAGE_WORDS = {"street": "street bail", "pre_charge": "pre-charge bail",
               "post_charge": "police bail to court after charge", "court": "court bail"}
POWER_WORDS = {"s30A": "PACE 1984 s.30A", "s37_2": "PACE 1984 s.37(2)",
               "s37_7_a": "PACE 1984 s.37(7)(a)", "s37_7_b": "PACE 1984 s.37(7)(b)",
               "s37C_2_b": "PACE 1984 s.37C(2)(b)", "s37CA_2_b": "PACE 1984 s.37CA(2)(b)",
               "s38_1": "PACE 1984 s.38(1)", "s40_10": "PACE 1984 s.40(10)"}
ROLE_WORDS = {"custody_officer": "the custody officer", "constable": "a constable",
              "inspector": "an inspector", "superintendent": "a superintendent",
              "commander": "a commander", "magistrates": "the magistrates' court",
              "crown_court": "the Crown Court"}
PURPOSE_SUB = {"surrender": "(a)", "no_offending": "(b)", "no_interference": "(c)",
               "own_protection": "(ca)", "welfare": "(ca)", "reports": "(d)",
               "legal_interview": "(e)"}
STREET_SUB = {"surrender": "(a)", "no_offending": "(b)", "no_interference": "(c)",
              "own_protection": "(d)", "welfare": "(d)"}
GROUND_WORDS = {"fail_to_surrender": "failing to surrender",
                "offending_on_bail": "offending on bail",
                "witness_interference": "interfering with witnesses",
                "own_protection": "their own protection"}
VERDICT_WORDS = {Verdict.UNLAWFUL: "outside the power to impose it",
                 Verdict.DISPROPORTIONATE: "not shown to be necessary and proportionate on the "
                 "facts recorded",
                 Verdict.UNENFORCEABLE: "too uncertain to be obeyed or enforced"}
TITLES = {
    "custody": ("Note of reasons for bail conditions", "Bail Act 1976 s.5A"),
    "custody-street": ("Note of reasons for street bail conditions", "PACE 1984 s.30A"),
    "court": ("Note of the court's reasons for bail conditions", "Bail Act 1976 s.5(3)–(4)"),
    "solicitor": ("Representations on bail conditions", ""),
    "rui": ("Released under investigation: no bail conditions", "PACE 1984 s.47(1A)"),
}


@dataclass
class Draft:
    """Which document to render, and its context."""

    name: str  # custody | court | solicitor | rui: the template's name without suffix
    title: str
    subject: str
    context: dict[str, Any]


def choose(audience: str, record: Record) -> str:
    """The document for an audience at this record's stage."""
    if record.data.get("release", {}).get("power") == "rui":
        return "rui"
    if audience == "solicitor":
        return "solicitor"
    return "court" if record.data["stage"] == "court" else "custody"


def build(record: Record, report: RecordReport, policy: Policy, today: date, *,
          audience: str, templates: Path | None = None) -> Draft:
    """The draft for `audience` ("custody" or "solicitor"): its document and context."""
    name = choose(audience, record)
    table = load(templates)
    builder = _Builder(record, report, policy, today, table=table, audience=audience)
    context = builder.common()
    context.update(getattr(builder, name.replace("-", "_"))())
    key = "custody-street" if name == "custody" and record.data["stage"] == "street" else name
    title, law = TITLES[key]
    subject = f"{record.reference}: {STAGE_WORDS[record.data['stage']]}"
    context["document"] = {"name": name, "title": title, "law": law, "audience": audience,
                           "subject": subject}
    order = ("statute", "binding", "persuasive", "guidance", "report")
    context["authorities"] = [a.as_context() for a in sorted(
        builder.cited.values(), key=lambda a: order.index(a.binds))]
    return Draft(name, title, subject, _safe(context))


# ------------------------------------------------------------------ helpers

def hhmm(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _long_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def _when(value: datetime) -> str:
    text = _long_date(value)
    return f"{text} at {value:%H:%M}" if (value.hour, value.minute) != (0, 0) else text


def _safe(value: Any) -> Any:
    """Record text made safe for every output: control characters and bidi overrides shown
    as escapes, private-use marks (the templates' own) dropped."""
    if isinstance(value, str):
        return visible(value).replace("\ue000", "").replace("\ue001", "")
    if isinstance(value, dict):
        return {k: _safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_safe(v) for v in value]
    return value


_KEYISH = re.compile(r"`([^`]*)`")
_PAREN_KEY = re.compile(r"\s*\([^()]*`[^()]*\)")
_PAREN_POLICY = re.compile(r"\s*\([^()]*this policy[^()]*\)")
_BRACKET = re.compile(r"\[(?!to complete:)([^\]]+)\]")
GENERIC_GAPS = {"reasons", "reason", "evidence", "the evidence", "individual evidence",
                "the reasons"}


def scrub(text: str, where: str = "") -> str:
    """A rule's text without YAML key names: parentheses that name a key or the policy's own
    thresholds dropped, any other `key` read as words, bare [gaps] made placeholders (saying
    `where`, e.g. "condition 2", so that the list at the end can tell them apart)."""
    out = _PAREN_POLICY.sub("", _PAREN_KEY.sub("", text))
    out = _KEYISH.sub(lambda m: words(m.group(1).split(":")[0].split(".")[-1]), out)
    tail = f", {where}" if where else ""
    out = _BRACKET.sub(lambda m: f"[to complete: {m.group(1)}{tail}]", out)
    return re.sub(r"\s+([.,;])", r"\1", " ".join(out.split()))


def number_of(record: Record, cid: str) -> int:
    return next(i for i, c in enumerate(record.conditions, 1) if c["id"] == cid)


class _Builder:
    """Builds each document's context; remembers the authorities cited."""

    def __init__(self, record: Record, report: RecordReport, policy: Policy, today: date, *,
                 table: Table, audience: str) -> None:
        self.record, self.report, self.policy, self.today = record, report, policy, today
        self.table, self.audience = table, audience
        self.ctx = Context(record, today)
        self.data = record.data
        self.stage = self.data["stage"]
        self.power = self.data.get("release", {}).get("power", "none")
        self.cited: dict[str, Any] = {}
        self.seen: dict[str, int] = {}  # paragraphs already printed, by condition number
        self.results = dict(zip([c["id"] for c in record.conditions], report.conditions,
                                strict=True))

    # -- authorities

    def cite(self, *citations: str, scope: dict[str, set[str]] | None = None) -> list[str]:
        """The short names of the authorities for these citations at this stage, noted for the
        document's list of authorities."""
        found = self.table.for_case(list(citations), self.stage, scope or self.scope())
        for a in found:
            self.cited.setdefault(a.cite, a)
        return [a.cite for a in found]

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

    # -- the parts every document has

    def common(self) -> dict[str, Any]:
        data, ctx = self.data, self.ctx
        person, decision = data["person"], data["decision"]
        born = person.get("date_of_birth")
        made = decision["made_at"]
        first_court = data.get("dates", {}).get("first_court_date")
        return {
            "banner": {"version": __version__, "policy_digest": self.policy.digest,
                       "policy_sources": len(self.policy.sources), "as_of": self.today.isoformat(),
                       "date": _long_date(self.today)},
            "case": {"reference": self.record.reference, "force": data["case"].get("force", ""),
                     "custody_record": data["case"].get("custody_record", ""),
                     "summary": data["case"].get("summary", ""),
                     "stage": STAGE_WORDS[self.stage], "stage_key": self.stage,
                     "power": POWER_WORDS.get(self.power, ""),
                     "station": decision.get("station", ""),
                     "first_court_date": _long_date(first_court),
                     "answer_bail_on": _long_date(data.get("dates", {}).get("answer_bail_on"))},
            "decision": {"made_at": _when(made), "by_role": ROLE_WORDS.get(
                decision.get("by_role", ""), ""), "by": decision.get("by", ""),
                "reasons_recorded": decision.get("reasons_recorded") is True,
                "copy_given": decision.get("copy_given") is True,
                "representations": decision.get("representations", "")},
            "person": {"age": ctx["age"], "child": bool(ctx["is_child"]),
                       "date_of_birth": _long_date(born),
                       "address": person.get("address", "")},
            "offences": [{"description": o["description"], "statute": o.get("statute", ""),
                          "mode_of_trial": {"summary": "summary only",
                                            "either_way": "either way",
                                            "indictable_only": "indictable only"}[
                                                o["mode_of_trial"]],
                          "imprisonable": o.get("imprisonable")} for o in data["offences"]],
            "dates": [r.as_record() for r in self.report.reminders],
        }

    # -- the custody officer's note

    def custody(self) -> dict[str, Any]:
        imposed, blocked = [], []
        for cond in self.record.conditions:
            result = self.results[cond["id"]]
            if result.verdict >= BLOCKING:
                blocked.append(self._blocked(cond, result.findings))
            else:
                imposed.append(self._reasons(cond, result.findings))
        return {"imposed": imposed, "blocked": blocked,
                "preconditions": self._preconditions(),
                "detention_grounds": self._grounds_words(),
                "representations": self._representations(),
                "victim": self._victim_views(),
                "children": self._children(),
                "accepted": self._accepted(),
                "to_do": self._officer_points(),
                "variation": self._variation_for_person()}

    def court(self) -> dict[str, Any]:
        out = self.custody()
        out.pop("preconditions")
        out["variation"] = self._variation_court()
        out["victim"] = None
        return out

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
            text = grounds.stage_text(self, scrub(rule.fill(rule.custody, cctx), where))
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
        return grounds.for_officer(grounds._ground(self, cond, cctx, f, own=True))

    def _evidence(self, cctx: Context, cond: dict[str, Any]) -> list[str]:
        """The individual evidence the record holds for the condition's purposes: the recorded
        risks, history, vulnerabilities and custody grounds; never age or acquaintance alone."""
        out: list[str] = []
        purposes = list(cond.get("purpose", []))
        if "welfare" in purposes and "own_protection" not in purposes:
            purposes.append("own_protection")  # the welfare of a child rests on the same record
        for purpose in purposes:
            for e in evidence(cctx, purpose):
                if e.where[0] in ("people", "stage") or e.where[-1] in ("age", "date_of_birth"):
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
        problems, proposal, fallback = grounds.officer_view(self, cond, found)
        shown = []
        for text, step in problems:  # each paragraph once: later conditions point back
            if text in self.seen:
                same = grounds.for_officer(grounds._gist(text, step))
                shown.append(f"Condition {n}: as with condition {self.seen[text]}, {same}.")
            else:
                self.seen[text] = n
                shown.append(text)
        if proposal:
            instead = f"Instead of condition {n}: \u201c{proposal}\u201d"
        elif fallback:
            instead = (f"Instead, do not impose condition {n}; if a risk is shown, go no further "
                       f"than: \u201c{fallback}\u201d")
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
        regime = self.ctx["precharge_regime"]
        inspector = (self.ctx["release_authorised_by_inspector"]
                     if regime == "pca_2017" else None)
        return {"law": self.cite("PACE 1984 s.50A(1)–(2)"), "street": False,
                "inspector": inspector,
                "regime_2017": regime == "pca_2017"}

    def _grounds_words(self) -> list[str]:
        """The custody grounds the record gives that this decision-maker could use (decision
        model, Terms): none before charge; for an unconvicted adult, Sch 1 Pt II and para 1A
        leave only some."""
        if self.stage in ("street", "pre_charge"):
            return []
        given = list(self.data["decision"].get("alternative_to_custody", []))
        adult = not self.ctx["is_child"] and not self.ctx["convicted"]
        if self.stage == "court" and adult:
            if self.ctx["all_offences_non_imprisonable"]:
                given = [g for g in given if g == "own_protection"]
            elif self.ctx["no_real_prospect_of_custody"]:
                keep = {"own_protection"} | ({"offending_on_bail"}
                                             if self.ctx["domestic_abuse_offence"] else set())
                given = [g for g in given if g in keep]
        return [GROUND_WORDS[g] for g in given]

    def _representations(self) -> dict[str, Any] | None:
        text = self.data["decision"].get("representations", "")
        law = {"pre_charge": "PACE 1984 s.50A(1)–(2)",
               "street": "PACE 1984 s.30A(1A)–(1B)"}.get(self.stage)
        if not text and self.stage != "pre_charge":
            return None
        return {"text": text, "law": self.cite(law) if law else [],
                "pre_charge": self.stage == "pre_charge"}

    def _victim_views(self) -> dict[str, Any] | None:
        if self.stage in ("street", "court") or self.power in ("s37C_2_b", "s37CA_2_b"):
            return None
        views = self.data.get("victim_views", {})
        if not views and not (self.stage == "pre_charge"
                              and self.ctx["has_individual_complainant"]):
            return None
        return {"sought": views.get("sought") is True, "summary": views.get("summary", ""),
                "not_practicable": views.get("not_practicable_reason", ""),
                "law": self.cite("PACE 1984 s.47ZZA")}

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
            text = rule.fill(rule.custody, self.ctx) if rule and rule.custody else f.message
            if self.stage == "court":
                text = text.replace("custody record", "record of the decision")
            out.append(scrub(text))
        return list(dict.fromkeys(out))

    def _variation_for_person(self) -> dict[str, Any]:
        child = bool(self.ctx["is_child"])
        if self.stage == "street":
            return {"kind": "street", "law": self.cite("PACE 1984 s.30CA", "PACE 1984 s.30CB")}
        if self.power in ("s37C_2_b", "s37CA_2_b"):
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

    # -- the solicitor's representations

    def solicitor(self) -> dict[str, Any]:
        return grounds.representations(self)

    # -- released under investigation

    def rui(self) -> dict[str, Any]:
        return {"conditions": [{"number": n, "text": c["text"]}
                               for n, c in enumerate(self.record.conditions, 1)],
                "law": self.cite("PACE 1984 s.47(1A)", "PACE 1984 s.37(2)"),
                "child": bool(self.ctx["is_child"])}
