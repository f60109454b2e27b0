"""Load, validate and layer rule files.

A policy is the built-in rule set plus any `--policy DIR` layers. A layer may add rules, replace a
rule by id (`override: true`, so nothing is replaced by accident) and disable one (`disable:` with
a reason). Each rule carries its citations, effective dates and its own examples.
"""

from __future__ import annotations

import os
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from bailcheck.errors import BailcheckError, PolicyError, Problem
from bailcheck.facts.registry import FACTS, Context
from bailcheck.facts.words import show
from bailcheck.files import read_text
from bailcheck.findings import CONDITION_VERDICTS, RECORD_VERDICTS, Finding, Verdict
from bailcheck.record import schema
from bailcheck.record import source as yaml_source
from bailcheck.record.source import Node
from bailcheck.record.validate import check_against, suggest
from bailcheck.rules.cache import (  # without_examples: imported from here before
    parse_without_examples,
    sha256,
    without_examples,  # noqa: F401
)
from bailcheck.rules.compiled import CompiledRule, Plan
from bailcheck.rules.matcher import Compiler, WhenTest, facts_used, split_gate
from bailcheck.rules.schema import _ID, _PLACEHOLDER, DEFAULT_SETTINGS, RULE_FILE
from bailcheck.values import Frozen, Value, fill  # not dataclasses: defined on every start


class Example(Frozen):
    _FIELDS = ("name", "fires", "record", "condition", "line")
    __slots__ = _FIELDS
    name: str
    fires: bool
    record: Node | None
    condition: Node | None
    line: int

    def __init__(self, name: str, fires: bool, record: Node | None, condition: Node | None,
                 line: int) -> None:
        fill(self, name, fires, record, condition, line)


class Rule(Frozen):
    """One rule. Immutable and compared field by field; it keeps a __dict__ (no __slots__) for
    its compiled form, which is built when first used and rebuilt rather than pickled."""

    _FIELDS = ("id", "title", "step", "applies_to", "when", "verdict", "message", "citations",
               "alternative", "verify", "effective_from", "effective_to", "basis", "source",
               "line", "examples", "review_by", "base_record", "defence", "custody", "gate",
               "rest")
    id: str
    title: str
    step: str
    applies_to: frozenset[str]  # condition types; {"any"}; or {"record"}
    when: WhenTest
    verdict: Verdict
    message: str
    citations: tuple[str, ...]
    alternative: str
    verify: bool
    effective_from: date | None
    effective_to: date | None
    basis: str
    source: str
    line: int
    examples: tuple[Example, ...]
    review_by: date | None
    base_record: str  # the base example record for this rule's layer
    defence: str  # the drafts' wording of the finding, per audience
    custody: str
    gate: WhenTest | None  # the record-level part of `when`, tested once per record
    rest: WhenTest | None  # the condition-level part, tested per condition

    def __init__(self, id: str, title: str, step: str, applies_to: frozenset[str],  # noqa: PLR0917
                 when: WhenTest, verdict: Verdict, message: str, citations: tuple[str, ...],
                 alternative: str, verify: bool, effective_from: date | None,
                 effective_to: date | None, basis: str, source: str, line: int,
                 examples: tuple[Example, ...] = (), review_by: date | None = None,
                 base_record: str = "", defence: str = "", custody: str = "") -> None:
        fill(self, id, title, step, applies_to, when, verdict, message, citations, alternative,
             verify, effective_from, effective_to, basis, source, line, examples, review_by,
             base_record, defence, custody, *split_gate(when))

    def __reduce__(self) -> tuple[Any, ...]:  # gate and rest are derived from `when` again
        return (self.__class__, self._fields()[:-2])

    @cached_property
    def compiled(self) -> CompiledRule:
        """The rule as the engine applies it (rules/compiled.py), built once."""
        return CompiledRule(self)

    def applies(self, ctx: Context) -> bool:
        """For record rules and rule gates: in force and the record-level test holds."""
        applies = self.compiled.applies
        return applies is None or applies(ctx)

    def fires_on(self, cctx: Context) -> bool:
        """For a condition rule already past `applies`: the condition-level test holds."""
        rest = self.compiled.rest
        return rest is None or rest(cctx)

    def fires(self, ctx: Context) -> bool:
        """Whether the rule fires: the gate, then the rest, exactly as the engine tests them."""
        return self.compiled.fires(ctx)

    @property
    def record_level(self) -> bool:
        return "record" in self.applies_to

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"

    def in_force(self, ctx: Context) -> bool:
        if self.effective_from is None and self.effective_to is None:
            return True
        when = ctx["arrest_date"] if self.basis == "arrest" else ctx["decision_date"]
        return ((self.effective_from is None or when >= self.effective_from)
                and (self.effective_to is None or when <= self.effective_to))

    def fill(self, text: str, ctx: Context) -> str:
        """A message with each {fact} replaced by the fact's value in words."""
        return _PLACEHOLDER.sub(lambda m: show(ctx[m.group(1)]), text)

    def finding(self, ctx: Context) -> Finding:
        return self.compiled.finding(ctx)


class Disabled(Value):
    _FIELDS = ("id", "reason", "review_by", "source")
    __slots__ = _FIELDS
    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass it was

    def __init__(self, id: str, reason: str, review_by: date | None, source: str) -> None:
        self.id = id
        self.reason = reason
        self.review_by = review_by
        self.source = source


class Policy(Value):
    """The rules in force and where they came from. Compared by its fields; it keeps a __dict__
    for the cached rule lists and plan, which are rebuilt rather than pickled."""

    _FIELDS = ("rules", "sources", "digest", "disabled", "overridden", "settings")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, rules: list[Rule], sources: list[str], digest: str,  # noqa: PLR0917
                 disabled: list[Disabled] | None = None,
                 overridden: dict[str, str] | None = None,
                 settings: dict[str, Any] | None = None) -> None:
        self.rules = rules
        self.sources = sources
        self.digest = digest
        self.disabled = [] if disabled is None else disabled
        self.overridden = {} if overridden is None else overridden  # id -> where the old rule was
        self.settings = dict(DEFAULT_SETTINGS) if settings is None else settings
        self._by_type: dict[str, list[Rule]] = {}  # condition type -> its rules, as asked for

    def condition_rules(self, ctype: str) -> list[Rule]:
        if ctype not in self._by_type:
            self._by_type[ctype] = [r for r in self.rules if not r.record_level
                                    and ("any" in r.applies_to or ctype in r.applies_to)]
        return self._by_type[ctype]

    @cached_property
    def record_rules(self) -> list[Rule]:
        return [r for r in self.rules if r.record_level]

    @cached_property
    def plan(self) -> Plan:
        """The rules compiled, as the engine applies them."""
        return Plan(self.condition_rules, self.record_rules)

    def warnings(self, today: date) -> list[str]:
        """Reviews that have fallen due: of rules (`review_by`) and of disabled rules."""
        out = [f"{r.where}: rule `{r.id}` was due for review by {r.review_by.isoformat()}"
               for r in self.rules if r.review_by and r.review_by < today]
        out += [f"{d.source}: rule `{d.id}` was disabled until a review due by "
                f"{d.review_by.isoformat()}; review it" for d in self.disabled
                if d.review_by and d.review_by < today]
        return sorted(out)

    def get(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise PolicyError(f'no such rule: "{rule_id}" ({suggest(rule_id, [r.id for r in self.rules])})')


def load_policy(dirs: list[Path], examples: bool = True) -> Policy:
    """Load the rule files of each directory in order, later layers over earlier ones.

    With examples=False (commands that only apply the rules) the rules' `examples:` blocks are
    blanked out before parsing, which halves the start-up work; line numbers stay the same, the
    digest is still of the files as written, and any problem sends the file to a full read so
    that it is reported exactly as `policy validate` reports it."""
    return _Loader(examples).load(dirs)


class _Loader:
    """Collects rules layer by layer, and every problem on the way."""

    def __init__(self, examples: bool = True) -> None:
        self.examples = examples
        self.rules: dict[str, Rule] = {}
        self.policy = Policy([], [], "")
        self.problems: list[Problem] = []
        self.digest = sha256()

    def load(self, dirs: list[Path]) -> Policy:
        for directory in dirs:
            if not directory.is_dir():
                raise PolicyError(f"{directory}: not a directory of rule files "
                                  "(give the folder that holds your *.yaml rule files)")
            if not os.access(directory, os.R_OK | os.X_OK):  # else it would read as empty
                raise PolicyError(f"{directory}: cannot read this folder of rule files "
                                  "(check its permissions)")
            base = directory / "examples" / "base-record.yaml"
            self.policy.sources.append(str(directory))
            for path in sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml")):
                self.load_file(path, str(base) if base.exists() else "")
        if self.problems:
            raise PolicyError(self.problems)
        self.policy.rules = list(self.rules.values())
        self.policy.digest = self.digest.hexdigest()[:12]
        return self.policy

    def load_file(self, path: Path, base: str) -> None:
        try:
            source = read_text(path)
            self.digest.update(f"{path.name}\0{source}\0".encode())
            root = None
            if not self.examples:
                try:
                    root = parse_without_examples(source, str(path))
                    data, problems = check_against(root, RULE_FILE)
                    if problems:
                        root = None
                except BailcheckError:
                    root = None
            if root is None:
                root = yaml_source.parse(source, str(path))
                data, problems = check_against(root, RULE_FILE)
        except BailcheckError as exc:
            self.problems.extend(exc.problems)
            return
        if problems:
            self.problems.extend(problems)
            return
        self.policy.settings.update(data.get("settings", {}))
        rules_node, disable_node = root.get("rules"), root.get("disable")
        for raw, node in zip(data.get("rules", []), rules_node.items if rules_node else [],
                             strict=False):
            self.add(raw, node, base)
        for raw, node in zip(data.get("disable", []),
                             disable_node.items if disable_node else [], strict=False):
            self.disable(raw, node)

    def add(self, raw: dict[str, Any], node: Node, base: str) -> None:
        rule, errs = _build(raw, node, base)
        self.problems.extend(errs)
        if rule is None:
            return
        old = self.rules.get(rule.id)
        if old is not None and not raw.get("override"):
            self.problems.append(node.get("id").problem(  # type: ignore[union-attr]
                f"rule `{rule.id}` is already defined at {old.where}",
                "set `override: true` to replace it, or choose another id"))
            return
        if old is None and raw.get("override"):
            self.problems.append(node.get("override").problem(  # type: ignore[union-attr]
                f"rule `{rule.id}` overrides nothing: no earlier rule has that id",
                suggest(rule.id, list(self.rules))))
            return
        if old is not None:
            self.policy.overridden[rule.id] = old.where
        self.rules[rule.id] = rule

    def disable(self, raw: dict[str, Any], node: Node) -> None:
        if raw["id"] not in self.rules:
            self.problems.append(node.problem(f"cannot disable `{raw['id']}`: no such rule",
                                              suggest(raw["id"], list(self.rules))))
            return
        del self.rules[raw["id"]]
        self.policy.disabled.append(Disabled(raw["id"], raw["reason"], raw.get("review_by"),
                                             f"{node.path}:{node.line}"))


def _build(raw: dict[str, Any], node: Node, base: str) -> tuple[Rule | None, list[Problem]]:
    problems: list[Problem] = []
    rid = raw["id"]
    if not _ID.match(rid):
        problems.append(node.get("id").problem(  # type: ignore[union-attr]
            f"rule id `{rid}` must be lower-case words joined by hyphens", "e.g. curfew-over-16h"))
    applies = frozenset(raw["applies_to"])
    record_level = "record" in applies
    allowed = set(schema.CONDITION_TYPES) | {"any", "record"}
    applies_node = node.get("applies_to")
    for t in applies - allowed:
        problems.append(applies_node.problem(  # type: ignore[union-attr]
            f"`{t}` is not a condition type", suggest(t, sorted(allowed))))
    if record_level and len(applies) > 1:
        problems.append(applies_node.problem(  # type: ignore[union-attr]
            "`record` cannot be combined with condition types"))
    verdicts = RECORD_VERDICTS if record_level else CONDITION_VERDICTS
    if raw["verdict"] not in verdicts:
        problems.append(node.get("verdict").problem(  # type: ignore[union-attr]
            f"a {'record' if record_level else 'condition'} rule cannot give `{raw['verdict']}`",
            "allowed: " + ", ".join(v for v in verdicts if v != "ok")))
    if not raw["citations"]:
        problems.append(node.get("citations").problem(  # type: ignore[union-attr]
            "a rule must cite its source", "name the statute section, case or guidance"))
    compiler = Compiler("record" if record_level else "condition")
    when = compiler.compile(raw["when"])
    problems.extend(compiler.problems)
    scope = "record" if record_level else "condition"
    for key in ("message", "alternative", "defence", "custody"):
        for name in _PLACEHOLDER.findall(raw.get(key, "")):
            spec = FACTS.get(name)
            if spec is None or (spec.scope == "condition" and scope == "record"):
                problems.append(node.get(key).problem(  # type: ignore[union-attr]
                    f"{key} refers to unknown fact {{{name}}}", suggest(name, sorted(FACTS))))
    eff = raw.get("effective", {})
    example_nodes = node.get("examples")
    examples = tuple(Example(e["name"], e.get("fires", False), e.get("record"), e.get("condition"),
                             n.line)
                     for e, n in zip(raw.get("examples", []),
                                     example_nodes.items if example_nodes else [], strict=False))
    if problems or when is None:
        return None, problems
    return Rule(rid, raw["title"], raw["step"], applies, when, Verdict.parse(raw["verdict"]),
                raw["message"].strip(), tuple(raw["citations"]),
                raw.get("alternative", "").strip(), raw.get("verify", False), eff.get("from"),
                eff.get("to"), eff.get("basis", "decision"), node.path, node.line, examples,
                raw.get("review_by"), base, raw.get("defence", "").strip(),
                raw.get("custody", "").strip()), []


def rule_facts(rule: Rule) -> list[str]:
    """The facts a rule reads, for documentation and explanations."""
    return sorted(facts_used(rule.when) | set(_PLACEHOLDER.findall(rule.message)))
