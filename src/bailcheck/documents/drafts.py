"""The data behind the two drafts: the custody officer's note of reasons and the solicitor's
representations. Everything here comes from the record or from the evaluation; where the record
is silent the draft says "[to complete: …]" rather than inventing a fact.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bailcheck import __version__
from bailcheck.facts.case import evidence
from bailcheck.facts.registry import Context
from bailcheck.facts.words import WORDS, words
from bailcheck.findings import Finding, RecordReport, Verdict
from bailcheck.rules.policy import Policy
from bailcheck.record.validate import Record

PURPOSE_LAW = {
    "surrender": "Bail Act 1976 s.3(6)(a)",
    "no_offending": "Bail Act 1976 s.3(6)(b)",
    "no_interference": "Bail Act 1976 s.3(6)(c)",
    "own_protection": "Bail Act 1976 s.3(6)(ca)",
    "welfare": "Bail Act 1976 s.3(6)(ca)",
    "reports": "Bail Act 1976 s.3(6)(d)",
    "legal_interview": "Bail Act 1976 s.3(6)(e)",
}
STAGE_WORDS = {"street": "street bail (PACE s.30A)", "pre_charge": "pre-charge police bail",
               "post_charge": "police bail to court after charge", "court": "court bail"}
BLOCKING = Verdict.UNENFORCEABLE  # at or above: "do not impose as drafted"


def _finding(f: Finding) -> dict[str, Any]:
    return {"rule": f.rule, "verdict": f.verdict.label.replace("_", " "), "message": f.message,
            "citations": list(f.citations), "alternative": f.alternative}


def _route(stage: str, power: str) -> dict[str, str]:
    """How the person can ask for the conditions to be changed, by who granted bail and how."""
    if power == "rui":
        return {"police": "The person was released under investigation; no condition can attach "
                "to that release (PACE s.47(1A)). Ask the investigating officer to withdraw the "
                "conditions in writing.", "court": "", "court_law": ""}
    if stage == "street":
        return {"police": "Request to a relevant officer to vary the conditions (PACE s.30CA).",
                "court": "If the police vary or refuse the request, or do not deal with it within "
                "48 hours, apply to a magistrates' court (PACE s.30CB), relying only on the "
                "grounds put in the request.", "court_law": "PACE 1984 s.30CB"}
    if stage == "court":
        return {"police": "", "court": "Application to the court that granted bail to vary the "
                "conditions (Bail Act 1976 s.3(8)).", "court_law": "Bail Act 1976 s.3(8)"}
    if power in ("s37C_2_b", "s37CA_2_b"):
        return {"police": "", "court": "Application to a magistrates' court to vary the "
                "conditions (PACE s.47(1E)); an application under MCA 1980 s.43B is not available "
                "for this release (PACE s.47(1D)).", "court_law": "PACE 1984 s.47(1E)"}
    return {"police": "Request to the custody officer, or another custody officer at the same "
            "station, to vary the conditions (Bail Act 1976 s.3A(4)).",
            "court": "Application to a magistrates' court to vary the conditions (Magistrates' "
            "Courts Act 1980 s.43B; Criminal Procedure Rules Part 14).",
            "court_law": "Magistrates' Courts Act 1980 s.43B",
            "warning": "The court may impose more onerous conditions (MCA 1980 s.43B(2)) or "
            "withhold bail and remand in custody (s.43B(3)); the custody officer's grant of bail "
            "then lapses. A custody officer asked to vary may also impose more onerous "
            "conditions (Bail Act 1976 s.3A(4))."}


def build(record: Record, report: RecordReport, policy: Policy, today: date) -> dict[str, Any]:
    """The context both draft templates receive (documented in templates/README.md)."""
    ctx = Context(record, today)
    data = record.data
    person, decision = data["person"], data["decision"]
    conditions = [_condition(ctx, cond, result)
                  for cond, result in zip(record.conditions, report.conditions, strict=True)]
    sureties = [c.get("name") or "[to complete: name of surety]"
                for c in record.conditions if c["type"] == "surety"]
    residence = next((c.get("address") for c in record.conditions if c["type"] == "residence"
                      and c.get("address")), None) or person.get("address")
    return {
        "banner": {"version": __version__, "policy_digest": policy.digest,
                   "policy_sources": len(policy.sources), "as_of": today.isoformat()},
        "case": {"reference": record.reference, "force": data["case"].get("force", ""),
                 "custody_record": data["case"].get("custody_record", ""),
                 "summary": data["case"].get("summary", "")},
        "stage": STAGE_WORDS[data["stage"]],
        "police_bail": bool(ctx["police_bail"]),
        "route": {"warning": "The court may vary the conditions, impose more onerous ones, or "
                  "withhold bail.", **_route(data["stage"], ctx["release_power"])},
        "decision": {"made_at": decision["made_at"].strftime("%Y-%m-%d %H:%M"),
                     "by_role": decision.get("by_role", "").replace("_", " "),
                     "by": decision.get("by", ""),
                     "reasons_recorded": decision.get("reasons_recorded") is True,
                     "copy_given": decision.get("copy_given") is True,
                     "representations": decision.get("representations", "")},
        "person": {"age": ctx["age"], "previous_convictions": person["previous_convictions"],
                   "failures_to_surrender": person.get("failures_to_surrender", 0),
                   "address": person.get("address", ""),
                   "employment": person.get("employment", {}).get("workplace", "")},
        "offences": [{"description": o["description"], "statute": o.get("statute", ""),
                      "mode_of_trial": o["mode_of_trial"].replace("_", " "),
                      "imprisonable": o.get("imprisonable")} for o in data["offences"]],
        "conditions": conditions,
        "kept": [c for c in conditions if not c["blocked"]],
        "blocked": [c for c in conditions if c["blocked"]],
        "challenged": [c for c in conditions if c["verdict"] != "ok"],
        "record_findings": [_finding(f) for f in report.findings],
        "sureties": sureties,
        "residence_address": residence or "[to complete: address]",
        "dates": [r.as_record() for r in report.reminders],
    }


def _condition(ctx: Context, cond: dict[str, Any], result: Any) -> dict[str, Any]:
    cctx = ctx.for_condition(cond)
    purposes = [{"name": WORDS.get(p, p), "law": PURPOSE_LAW[p],
                 "evidence": [e.text for e in evidence(cctx, p)]}
                for p in cond.get("purpose", [])]
    findings = [_finding(f) for f in result.findings]
    return {
        "id": cond["id"], "type": cond["type"].replace("_", " "), "text": cond["text"],
        "verdict": result.verdict.label.replace("_", " "),
        "blocked": result.verdict >= BLOCKING,
        "purposes": purposes,
        "reason": cond.get("reason", ""),
        "rights": list(cctx["rights_engaged"]),
        "findings": findings,
        "to_address": [f for f, raw in zip(findings, result.findings, strict=True)
                       if raw.verdict == Verdict.NEEDS_JUSTIFICATION],
        # a blocked condition is answered by the findings that block it; the others by all
        "alternatives": list(dict.fromkeys(
            f.alternative for f in result.findings if f.alternative
            and (f.verdict >= BLOCKING or result.verdict < BLOCKING))),
        "citations": sorted({c for f in result.findings for c in f.citations}),
    }
