"""`bailcheck new`: a guided questionnaire that builds a record `check` accepts, and a
commented skeleton record to fill in by hand. Both are driven by the record schema, so they ask
for (and check) exactly what the loader accepts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bailcheck.errors import Problem
from bailcheck.record import schema
from bailcheck.record.schema import Field
from bailcheck.record.source import SCALAR, Node, parse
from bailcheck.record.validate import _Checker, validate
from bailcheck.record.write import to_yaml

Ask = Callable[[str], str]  # shows a prompt, returns the answer typed
Say = Callable[[str], None]


class Interview:
    """Asks one question at a time, re-asking until the answer is valid."""

    def __init__(self, ask: Ask, say: Say) -> None:
        self.ask = ask
        self.say = say

    def value(self, prompt: str, spec: Field, required: bool = False) -> Any:
        hint = ""
        if spec.kind == "enum" or (spec.kind == "list" and spec.item and spec.item.choices):
            choices = spec.choices or (spec.item.choices if spec.item else ())
            hint = f" [{' | '.join(choices)}]"
        elif spec.kind == "bool":
            hint = " [yes/no]"
        elif spec.kind in ("date", "datetime", "time", "span"):
            hint = {"date": " [YYYY-MM-DD]", "datetime": " [YYYY-MM-DDTHH:MM]",
                    "time": " [HH:MM]", "span": " [HH:MM-HH:MM]"}[spec.kind]
        if spec.kind == "list":
            hint += " (separate several with commas)"
        while True:
            answer = self.ask(f"{prompt}{hint}{'' if required else ' (optional)'}").strip()
            if not answer:
                if required:
                    self.say("  This is needed.")
                    continue
                return None
            value, problem = _check(answer, spec, prompt)
            if problem is None and value is None and required:
                self.say("  This is needed.")  # `~` or `null` is no answer to a required question
                continue
            if problem is None:
                return value
            self.say(f"  {problem.message}" + (f" ({problem.hint})" if problem.hint else ""))

    def yes(self, prompt: str) -> bool:
        return bool(self.value(prompt, Field("bool"), required=True))

    def fields(self, fields: dict[str, tuple[str, Field]], into: dict[str, Any]) -> None:
        for key, (prompt, spec) in fields.items():
            answer = self.value(prompt, spec, spec.required)
            if answer is not None:
                into[key] = answer


def _check(answer: str, spec: Field, name: str) -> tuple[Any, Problem | None]:
    """Check one typed answer with the loader's own rules."""
    checker = _Checker()
    if spec.kind == "list":
        assert spec.item is not None
        parts = [p.strip() for p in answer.split(",") if p.strip()]
        values = [checker.scalar(Node(SCALAR, p, 1, 1, plain=True), spec.item, name)
                  for p in parts]
        return (values, checker.problems[0] if checker.problems else None)
    value = checker.scalar(Node(SCALAR, answer, 1, 1, plain=True), spec, name)
    return value, checker.problems[0] if checker.problems else None


F = schema.RECORD.fields


def _f(*path: str) -> Field:
    spec = schema.RECORD
    for step in path:
        spec = spec.fields[step] if spec.kind == "mapping" else spec.item.fields[step]  # type: ignore[union-attr]
    return spec


def interview(ask: Ask, say: Say) -> str:
    """Ask for a record, section by section; return it as YAML that `check` accepts."""
    q = Interview(ask, say)
    data: dict[str, Any] = {"bailcheck": "1", "case": {}, "decision": {}, "person": {}}
    say("The case")
    q.fields({"reference": ("Case reference", _f("case", "reference"))}, data["case"])
    data["stage"] = q.value("Stage", F["stage"], required=True)
    release: dict[str, Any] = {}
    q.fields({"power": ("Release power", _f("release", "power"))}, release)
    if release:
        data["release"] = release
    q.fields({"made_at": ("Decision made at", _f("decision", "made_at")),
              "by_role": ("Decided by", _f("decision", "by_role")),
              "reasons_recorded": ("Reasons noted in the custody record?",
                                   _f("decision", "reasons_recorded")),
              "copy_given": ("Copy of the reasons given to the person?",
                             _f("decision", "copy_given")),
              "station": ("Custody suite or court", _f("decision", "station"))},
             data["decision"])
    if data["stage"] in ("post_charge", "court"):
        q.fields({"alternative_to_custody": (
            ("Without conditions, on which grounds would bail be refused or the person kept in "
            "custody"), _f("decision", "alternative_to_custody"))}, data["decision"])
    say("The person")
    person = data["person"]
    q.fields({"age": ("Age on the decision date (leave blank to give a date of birth)",
                      _f("person", "age"))}, person)
    if "age" not in person:
        person["date_of_birth"] = q.value("Date of birth", _f("person", "date_of_birth"), True)
    q.fields({k: (p, _f("person", k)) for k, p in [
        ("previous_convictions", "Previous convictions (a number)"),
        ("failures_to_surrender", "Previous failures to surrender (a number)"),
        ("offended_on_bail", "Has offended on bail before?"),
        ("on_bail_at_offence", "On bail when this offence was committed?"),
        ("witness_interference", "History of interfering with witnesses?"),
        ("fixed_address", "Has a fixed address?"),
        ("address", "Home address"),
        ("foreign_ties", "Close ties abroad?"),
        ("travel_plans", "Travel plans"),
        ("family_proceedings", "Are family-court proceedings about a child pending?")]}, person)
    employment: dict[str, Any] = {}
    q.fields({"workplace": ("Workplace", _f("person", "employment", "workplace")),
              "hours": ("Working hours", _f("person", "employment", "hours"))}, employment)
    if employment:
        person["employment"] = employment
    data["offences"] = _repeat(q, "offence", _offence, at_least_one=True)
    people = _repeat(q, "complainant or witness", _person)
    if people:
        data["people"] = people
    risks: dict[str, Any] = {}
    say("Evidence of each risk (leave blank where there is none)")
    q.fields({k: (p, _f("risks", k)) for k, p in [
        ("fail_to_surrender", "Risk of failing to surrender"),
        ("offending_on_bail", "Risk of offending on bail"),
        ("witness_interference", "Risk of interfering with witnesses"),
        ("own_protection", "Need for the person's own protection"),
        ("group_claims", "Claims about a group or event, not this person (never evidence)")]},
             risks)
    if risks:
        data["risks"] = risks
    dates: dict[str, Any] = {}
    later = "answer_bail_on" if data["stage"] == "pre_charge" else "first_court_date"
    q.fields({"arrested_at": ("Arrested at", _f("dates", "arrested_at")),
              later: ("Answer-bail date" if later == "answer_bail_on" else "First court date",
                      _f("dates", later))}, dates)
    if dates:
        data["dates"] = dates
    if data["stage"] == "pre_charge":
        views: dict[str, Any] = {}
        q.fields({"sought": ("Were the alleged victim's views on conditions sought?",
                             _f("victim_views", "sought"))}, views)
        if views:
            data["victim_views"] = views
    data["conditions"] = _repeat(q, "condition", _condition)
    text = to_yaml(data, "# Written by bailcheck new.\n")
    validate(parse(text, "new record"))  # what we write, check must accept
    return text


def _repeat(q: Interview, what: str, ask_one: Callable[[Interview], dict[str, Any]],
            at_least_one: bool = False) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    while True:
        if items or not at_least_one:
            prompt = f"Add {'another' if items else 'a'} {what}?"
            if not q.yes(prompt):
                return items
        q.say(f"{what.capitalize()} {len(items) + 1}")
        items.append(ask_one(q))


def _offence(q: Interview) -> dict[str, Any]:
    out: dict[str, Any] = {}
    q.fields({k: (p, _f("offences", k)) for k, p in [
        ("description", "Offence"), ("statute", "Statute and section"),
        ("mode_of_trial", "Mode of trial"), ("imprisonable", "Imprisonable?"),
        ("likely_disposal", "Likely disposal"), ("context", "Context")]}, out)
    return out


def _person(q: Interview) -> dict[str, Any]:
    out: dict[str, Any] = {}
    q.fields({k: (p, _f("people", k)) for k, p in [
        ("name", "Name"), ("role", "Role"), ("individual", "An individual (not a business)?"),
        ("known_to_person", "Known to the person?"), ("lives_with_person", "Lives with them?"),
        ("works_with_person", "Works with them?"), ("address", "Address")]}, out)
    return out


# Plain-word questions for condition fields whose one-line doc reads badly as a question.
QUESTIONS = {
    "tied_to_offence": "Is the alleged offence committed by doing the restricted activity itself "
                       "(the speech, the posting, the driving)?",
    "tied_to_risk": "Would the recorded risk be carried out through this activity?",
    "wider_than_offence": "Does it also cover subjects, people or platforms the offence did not "
                          "concern?",
    "protects": "Whom does it protect (names as in the people above)",
    "keeps_from": "Does the zone keep the person from any lawful need",
    "own_children": "Does it include the person's own children, or children in their care?",
    "hand_in": "Are the documents handed in? (no: it only forbids holding or applying for them)",
    "parent": "Is the surety a parent or guardian of a person under 17?",
    "means_assessed": "Were the surety's means assessed?",
}


def _condition(q: Interview) -> dict[str, Any]:
    common = schema.condition_fields("")
    out: dict[str, Any] = {}
    q.fields({"type": ("Type", common["type"]), "text": ("Wording", common["text"])}, out)
    own = schema.CONDITION_TYPES[out["type"]]
    q.fields({k: (QUESTIONS.get(k, spec.doc.capitalize()), spec) for k, spec in own.items()
              if spec.kind != "mapping"}, out)
    q.fields({"purpose": ("Purpose", common["purpose"]),
              "reason": ("Why it is necessary", common["reason"])}, out)
    return out


def skeleton() -> str:
    """A commented record to fill in. As printed it passes `check`; every optional key is there
    as a comment to uncomment."""
    lines = ["# A bail record to fill in (bailcheck record format, version 1).",
             "# Required keys have example values; uncomment the optional ones you need.",
             "# yaml-language-server: $schema=bailcheck-record.schema.json", ""]
    lines += _skeleton_fields(schema.RECORD.fields, 0)
    return "\n".join(lines) + "\n"


_EXAMPLE = {"text": "CHANGE ME", "count": "0", "number": "0", "bool": "false",
            "date": "2026-01-01", "datetime": "2026-01-01T09:00", "time": '"21:00"',
            "span": '"09:00-17:00"'}


def _skeleton_fields(fields: dict[str, Field], indent: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    for key, spec in fields.items():
        note = spec.doc + (f" — one of: {', '.join(spec.choices)}" if spec.choices else "")
        if key == "conditions":
            out += [f"{pad}conditions:  # {note}", f"{pad}  - type: curfew  # one of: "
                    + ", ".join(schema.CONDITION_TYPES), f"{pad}    text: CHANGE ME"]
            extra = schema.condition_fields("curfew")
            for k, f in extra.items():
                if k not in ("type", "text"):
                    out.append(f"{pad}    # {k}:  # {f.doc}")
            continue
        if key == "age":
            out.append(f"{pad}age: 30  # {note} (or give date_of_birth)")
            continue
        required = spec.required
        prefix = "" if required else "# "
        if spec.kind == "mapping" and spec.fields:
            out.append(f"{pad}{prefix}{key}:  # {note}")
            inner = _skeleton_fields(spec.fields, indent + 2)
            out += inner if required else [f"{pad}# {line.lstrip()}" if not line.lstrip()
                                           .startswith("#") else line for line in inner]
        elif spec.kind == "list" and spec.item is not None and spec.item.kind == "mapping":
            out.append(f"{pad}{prefix}{key}:  # {note}")
            first = True
            for k, f in spec.item.fields.items():
                value = _EXAMPLE.get(f.kind, f.choices[0] if f.choices else "CHANGE ME") \
                    if f.required else ""
                lead = "- " if first else "  "
                mark = "" if (required and f.required) else "# "
                choices = f" — one of: {', '.join(f.choices)}" if f.choices else ""
                out.append(f"{pad}  {mark}{lead}{k}: {value}".rstrip() + f"  # {f.doc}{choices}")
                first = False
        elif required:
            value = (spec.choices[0] if spec.choices else _EXAMPLE.get(spec.kind, "CHANGE ME"))
            out.append(f"{pad}{key}: {value}  # {note}")
        else:
            out.append(f"{pad}# {key}:  # {note}")
    return out
