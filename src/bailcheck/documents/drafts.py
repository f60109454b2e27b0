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

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bailcheck import __version__
from bailcheck.documents import letter
from bailcheck.documents.authorities import ORDER, Table, load
from bailcheck.documents.draft_words import (
    BLOCKING,
    POWER_WORDS,
    REBAIL,
    ROLE_WORDS,
    STAGE_WORDS,
    TITLES,
    _long_date,
    _safe,
    _when,
    number_of,
)
from bailcheck.documents.note_decision import DecisionParts
from bailcheck.facts.registry import Context
from bailcheck.facts.words import join_and
from bailcheck.findings import RecordReport
from bailcheck.record.validate import Record
from bailcheck.rules.policy import Policy


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
    context["verify"] = list(builder.verify)  # templates add the points they state themselves
    key = name if name != "custody" else ("custody-street" if record.data["stage"] == "street"
                                          else "custody-rebail" if builder.power in REBAIL
                                          else name)
    title, law = TITLES[key]
    if key == "custody-rebail":
        law = "PACE 1984 " + REBAIL[builder.power][1]
    subject = f"{record.reference}: {STAGE_WORDS[record.data['stage']]}"
    context["document"] = {"name": name, "title": title, "law": law, "audience": audience,
                           "subject": subject}
    context["authorities"] = [a.as_context() for a in sorted(
        builder.cited.values(), key=lambda a: ORDER.index(a.binds))]
    return Draft(name, title, subject, _safe(context))


# ------------------------------------------------------------------ helpers


class _Builder(DecisionParts):
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
        self.raised: dict[str, list[int]] = {}  # for a pointer back to every earlier condition
        self.verify: dict[str, None] = {}
        self.results = dict(zip([c["id"] for c in record.conditions], report.conditions,
                                strict=True))

    # -- authorities

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
                     "answer_bail_on": _long_date(data.get("dates", {}).get("answer_bail_on")),
                     # the note is written for the stage; a record that disagrees says so first
                     "disagreement": ctx["stage_disagreement"]
                     if ctx["stage_power_role_disagree"] else ""},
            "decision": {"made_at": _when(made), "by_role": ROLE_WORDS.get(
                decision.get("by_role", ""), ""), "by": decision.get("by", ""),
                "reasons_recorded": decision.get("reasons_recorded") is True,
                "reasons_not_given": decision.get("reasons_recorded") is False,
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
        self._orphaned_doorsteps(imposed, blocked)
        return {"imposed": imposed, "blocked": blocked,
                "preconditions": self._preconditions(),
                "rebail": ({"under": REBAIL[self.power][0], "continues": REBAIL[self.power][1]}
                           if self.power in REBAIL else None),
                "detention_grounds": self._grounds_words(),
                "representations": self._representations(),
                "victim": self._victim_views(),
                "children": self._children(),
                "accepted": self._accepted(),
                "to_do": self._officer_points(),
                "variation": self._variation_for_person()}

    def _orphaned_doorsteps(self, imposed: list[dict[str, Any]],
                            blocked: list[dict[str, Any]]) -> None:
        """A doorstep condition checks a curfew or residence (decision model §5; Chorley): where
        the note drops every one of them, each doorstep condition it keeps is asked about."""
        dropped = {b["id"] for b in blocked if b["dropped"]}
        anchors = [c for c in self.record.conditions if c["type"] in ("curfew", "residence")]
        if not anchors or any(c["id"] not in dropped for c in anchors):
            return
        named = join_and([f"condition {number_of(self.record, c['id'])}" for c in anchors])
        kinds = {c["id"]: c["type"] for c in self.record.conditions}
        for item in imposed:
            if kinds[item["id"]] == "doorstep":
                item["answer"].append(
                    f"Condition {item['number']} is there to check {named}, which this note "
                    "does not impose as drafted: without a curfew or residence it has nothing "
                    "to check, so drop it too or keep a condition for it to check.")

    def court(self) -> dict[str, Any]:
        out = self.custody()
        out.pop("preconditions")
        out["variation"] = self._variation_court()
        out["victim"] = None
        return out
    def solicitor(self) -> dict[str, Any]:
        return letter.representations(self)

    # -- released under investigation

    def rui(self) -> dict[str, Any]:
        return {"conditions": [{"number": n, "text": c["text"]}
                               for n, c in enumerate(self.record.conditions, 1)],
                "law": self.cite("PACE 1984 s.47(1A)", "PACE 1984 s.37(2)"),
                "child": bool(self.ctx["is_child"])}
