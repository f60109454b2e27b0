"""The authorities the drafts may cite (templates/authorities.yaml): what each held, in one
sentence, and whether it binds.

A rule's citation is matched to the table by its longest known prefix, so a rule may add a gloss
("Bail Act 1976 s.3A(5) (necessary to prevent …)") and still be recognised; "ECHR Arts 8 and 10"
is read as Art 8 and Art 10. A citation the table does not know is left out of the drafts: they
describe only what the table describes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bailcheck import resources
from bailcheck.errors import BailcheckError, TemplateError
from bailcheck.record import source as yaml_source
from bailcheck.record.schema import Field, enum, flag, list_of, mapping, text
from bailcheck.record.validate import check_against

TABLE = "authorities.yaml"
BINDS = {  # in the order drafts list authorities
    "statute": "statute",
    "convention": "a Convention right, given effect by the Human Rights Act 1998",
    "binding": "binding",
    "persuasive": "persuasive only, not binding",
    "first_instance": "a first-instance decision known from press reports, not an authority",
    "guidance": "guidance, not law",
    "report": "a report, not a court decision",
}
ORDER = tuple(BINDS)
_ECHR = re.compile(r"^ECHR Arts? ([0-9, and]+)")


@dataclass(frozen=True)
class Authority:
    cite: str
    short: str
    binds: str
    held: str
    verify: bool = False
    stages: tuple[str, ...] = ()
    instead: dict[str, str] = field(default_factory=dict)
    only_if: dict[str, tuple[str, ...]] = field(default_factory=dict)
    relied_on: str = ""  # what the defence cites it for, where that is narrower than `held`

    @property
    def status(self) -> str:
        return BINDS[self.binds]

    @property
    def is_case(self) -> bool:
        return self.binds in ("binding", "persuasive", "first_instance") and " v " in self.cite

    def as_context(self) -> dict[str, Any]:
        return {"cite": self.cite, "short": self.short, "held": self.held,
                "relied_on": self.relied_on or self.held,
                "status": self.status, "binds": self.binds, "verify": self.verify}


@dataclass
class Table:
    entries: dict[str, Authority]  # by cite
    keys: list[tuple[str, str]]  # (prefix, cite), longest first
    not_cited: tuple[str, ...] = ()  # prefixes of citations the drafts deliberately leave out

    def left_out(self, citation: str) -> bool:
        return citation.startswith(self.not_cited)

    def match(self, citation: str) -> list[Authority]:
        """The authorities a rule's citation names (none if the table does not know it)."""
        text = " ".join(citation.split())
        echr = _ECHR.match(text)
        if echr:
            numbers = re.findall(r"\d+", echr.group(1))
            return [self.entries[f"ECHR Art {n}"] for n in numbers
                    if f"ECHR Art {n}" in self.entries]
        for prefix, cite in self.keys:
            if text == prefix or (text.startswith(prefix)
                                  and text[len(prefix)] in " ,;:("):
                return [self.entries[cite]]
        return []

    def get(self, cite: str) -> Authority:
        return self.entries[cite]

    def for_case(self, citations: list[str], stage: str, scope: dict[str, set[str]]
                 ) -> list[Authority]:
        """The authorities to cite for `citations` at `stage`: unknown ones dropped, each
        mapped to what applies at this stage, those limited to other kinds of case dropped,
        in order and once each."""
        out: dict[str, Authority] = {}
        for citation in citations:
            for found in self.match(citation):
                resolved = self.at_stage(found, stage)
                if resolved is not None and self.fits(resolved, scope):
                    out.setdefault(resolved.cite, resolved)
        return list(out.values())

    def at_stage(self, found: Authority, stage: str) -> Authority | None:
        seen = set()
        while found.stages and stage not in found.stages:
            other = found.instead.get(stage)
            if other is None or other in seen or other not in self.entries:
                return None
            seen.add(other)
            found = self.entries[other]
        return found

    @staticmethod
    def fits(found: Authority, scope: dict[str, set[str]]) -> bool:
        if not found.only_if:
            return True
        return any(set(values) & scope.get(key, set()) for key, values in found.only_if.items())


def _held(text: str) -> str:
    """The sentence without its trailing pointer into law.md ("(§5)")."""
    return re.sub(r"\s*\(§[^()]*\)\s*$", "", " ".join(text.split()))


# The table's format, declared once: a `--templates` folder's copy is read with the record
# reader and checked against it, so its errors read like a record's (file:line:column).
_ROW = mapping({
    "cite": text("the citation, as rules write it", required=True),
    "short": text("the short form drafts use in running text", required=True),
    "aliases": list_of(text(), "other spellings of the citation that rules use"),
    "binds": enum(ORDER, "how far it binds", required=True),
    "held": text("what it held or provides, in one sentence", required=True),
    "verify": flag("it rests on a point not yet verified against the source"),
    "stages": list_of(text(), "the stages at which it applies (every stage if absent)"),
    "instead": Field("mapping", "at another stage, the citation to use instead",
                     open_keys=text()),
    "only_if": Field("mapping", "cite only where the case has one of these",
                     open_keys=list_of(text())),
    "relied_on": text("what the defence cites it for, where narrower than `held`"),
})
TABLE_FILE = mapping({
    "authorities": list_of(_ROW, "the authorities the drafts may cite", required=True),
    "not_cited": list_of(mapping({
        "prefix": text("the start of a citation the drafts leave out", required=True),
        "why": text("why"),
    }), "citations the drafts deliberately leave out"),
})


def load(override: Path | None = None) -> Table:
    """The table from `override` (a `--templates` folder) if it has one, else the built-in."""
    path = override / TABLE if override and (override / TABLE).is_file() else \
        resources.builtin("templates") / TABLE
    try:
        data, problems = check_against(yaml_source.load(path), TABLE_FILE)
    except BailcheckError as exc:  # unreadable, not UTF-8, not YAML, too large
        raise TemplateError(exc.problems or str(exc)) from None
    if problems:
        raise TemplateError(problems)
    entries = {}
    keys: list[tuple[str, str]] = []
    for row in data["authorities"]:
        auth = Authority(
            row["cite"], row["short"], row["binds"], _held(row["held"]),
            bool(row.get("verify", False)), tuple(row.get("stages", ())),
            dict(row.get("instead", {})),
            {k: tuple(v) for k, v in row.get("only_if", {}).items()},
            _held(row.get("relied_on", "")))
        entries[auth.cite] = auth
        keys += [(auth.cite, auth.cite)] + [(a, auth.cite) for a in row.get("aliases", ())]
    keys.sort(key=lambda pair: -len(pair[0]))
    return Table(entries, keys, tuple(row["prefix"] for row in data.get("not_cited", [])))
