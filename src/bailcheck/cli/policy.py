"""`bailcheck policy …`: the policy team's commands. Thin: each calls the core and a renderer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bailcheck.cli.handler import handled, say, write
from bailcheck.cli.options import (
    AsOf,
    NoConfig,
    PolicyDirs,
    choice,
    completion,
    configuration,
    configured,
    load_rules,
    parse_date,
)
from bailcheck.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

    from bailcheck.rules.examples import ExampleResult, RuleCoverage
    from bailcheck.rules.policy import Rule

policy_app = typer.Typer(
    help="Work with rule files: list, show, facts, validate, test and document them.",
    no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]})

LayerDir = Annotated[Path | None, typer.Argument(
    help="A folder of rule files, layered over the built-in set (default: the folders of the "
    "configuration file's `policy`, else the built-in set).")]
RulePaths = Annotated[list[Path] | None, typer.Argument(
    help="Rule folders, or rule files (their folder is layered; only they are tested), over the "
    "built-in set (default: the configuration file's `policy` folders and the built-in set).")]
TEST_FORMATS = ("text", "json")


@policy_app.command("list")
@handled
def list_rules(*, policy: PolicyDirs = None, as_of: AsOf = None,
               no_config: NoConfig = False) -> None:
    """Every rule in force, with its verdict, scope, dates and source; disabled rules last."""
    from bailcheck.render.policy_text import rule_list

    rules = load_rules(configured("policy", policy, configuration(no_config)))
    write(rule_list(rules, parse_date(as_of)))


@policy_app.command("show")
@handled
def show_rule(rule_id: Annotated[str, typer.Argument(help="The rule id.")], *,
              policy: PolicyDirs = None, no_config: NoConfig = False) -> None:
    """One rule in full, in plain English: when it fires, the facts it reads, the law."""
    from bailcheck.render.policy_text import rule_show

    rules = load_rules(configured("policy", policy, configuration(no_config)))
    write(rule_show(rules.get(rule_id), rules))


@policy_app.command("facts")
@handled
def list_facts() -> None:
    """Every fact a rule may test, with its type and meaning."""
    from bailcheck.render.policy_text import fact_list

    write(fact_list())


@policy_app.command("validate")
@handled
def validate_rules(directory: LayerDir = None, *, as_of: AsOf = None,
                   no_config: NoConfig = False) -> None:
    """Check rule files and their examples; exit 2 on any error. Overdue reviews are warnings."""
    from bailcheck.rules.examples import run_all

    today = parse_date(as_of)
    rules = load_rules([directory] if directory else _configured_layers(no_config))
    invalid = [r for r in run_all(rules, today) if r.fired is None]
    for result in invalid:
        say(f"{result.where}: example `{result.name}` of rule `{result.rule}` is not a valid "
            "record:\n  " + result.error.replace("\n", "\n  "))
    for warning in rules.warnings(today):
        say(f"warning: {warning}")
    if invalid:
        raise typer.Exit(code=EXIT_ERROR)
    write(f"OK: {len(rules.rules)} rules in force; policy digest {rules.digest}\n")


@policy_app.command("test")
@handled
def test_rules(
    paths: RulePaths = None, *, as_of: AsOf = None,
    show_coverage: Annotated[bool, typer.Option(
        "--coverage", help="Also report, for each rule, which branches of its `when:` (each "
        "`all`/`any` member and `not`) some example reached, per file and in total.")] = False,
    fail_under: Annotated[float | None, typer.Option(
        "--fail-under", metavar="PCT", min=0, max=100, help="Exit 1 if the examples reach "
        "less than PCT percent of the branches (implies --coverage).")] = None,
    format: Annotated[str, typer.Option(
        "--format", "-f", callback=choice(*TEST_FORMATS), autocompletion=completion(*TEST_FORMATS),
        help="Output format: " + ", ".join(TEST_FORMATS) + ".")] = "text",
    no_config: NoConfig = False,
) -> None:
    """Run the examples carried by the rule files; exit 1 if any example fails or a rule lacks an
    example where it fires or one where it stays quiet."""
    from bailcheck.render.policy_text import test_results
    from bailcheck.rules.examples import coverage, run_all

    today = parse_date(as_of)
    given = list(paths or [])
    missing = [p for p in given if not p.exists()]
    if missing:
        raise UsageError(f"{missing[0]}: no such rule file or folder")
    folders = [p if p.is_dir() else p.parent for p in given]
    rules = load_rules([*(_configured_layers(no_config) or []), *folders])
    keep = _selector(given)
    kept = {r.id for r in rules.rules if keep(r)}
    results = [r for r in run_all(rules, today) if r.rule in kept]
    report = coverage(rules, results, keep)
    lacking = [c for c in report if c.lacking]
    show_coverage = show_coverage or fail_under is not None
    total = _total(report)
    if format == "json":
        import json

        write(json.dumps(_as_json(results, report, show_coverage), indent=2) + "\n")
    else:
        write(test_results(results))
        for rule in lacking:
            write(f"FAIL {rule.rule} ({rule.source}:{rule.line}) lacks "
                  + " and ".join(rule.lacking) + "\n")
        if show_coverage:
            write(_coverage_text(report))
    if not results:
        where = ", ".join(str(p) for p in given) or "the loaded rules"
        say(f"no examples found in {where}: add `examples:` to your rules")
        raise typer.Exit(code=EXIT_ERROR)
    under = fail_under is not None and total < fail_under
    if under:
        say(f"coverage {total:.1f}% is under --fail-under {fail_under:g}%")
    failed = not all(r.passed for r in results) or lacking or under
    raise typer.Exit(code=EXIT_FINDINGS if failed else EXIT_OK)


def _configured_layers(no_config: bool) -> list[Path] | None:
    config = configuration(no_config)
    return None if config is None else config.values.get("policy")


def _selector(given: list[Path]) -> Callable[[Rule], bool]:
    """Which rules `policy test PATHS` tests: those in the files and folders named (all, when
    none is)."""
    files = {p.resolve() for p in given if not p.is_dir()}
    folders = {p.resolve() for p in given if p.is_dir()}

    def keep(rule: Rule) -> bool:
        if not given:
            return True
        source = Path(rule.source).resolve()
        return source in files or source.parent in folders
    return keep


def _total(report: list[RuleCoverage]) -> float:
    from bailcheck.rules.examples import percent

    return percent(sum(len(c.reached) for c in report), sum(len(c.branches) for c in report))


def _by_file(report: list[RuleCoverage]) -> dict[str, list[RuleCoverage]]:
    files: dict[str, list[RuleCoverage]] = {}
    for rule in report:
        files.setdefault(_shown(rule.source), []).append(rule)
    return files


def _shown(path: str) -> str:
    from bailcheck.render.base import relative

    return relative(path, str(Path.cwd()))


def _coverage_text(report: list[RuleCoverage]) -> str:
    from bailcheck.rules.examples import percent

    lines = ["", "Coverage: the `when:` branches the examples reach"]
    for name, rules in _by_file(report).items():
        reached, whole = sum(len(r.reached) for r in rules), sum(len(r.branches) for r in rules)
        lines.append(f"{name}: {reached}/{whole} branches ({percent(reached, whole):.1f}%)")
        for rule in rules:
            lines.append(f"  {rule.rule} (line {rule.line}): {len(rule.reached)}/"
                         f"{len(rule.branches)}")
            if len(rule.reached) < len(rule.branches):
                lines += [f"    {'[x]' if b in rule.reached else '[ ]'} {'  ' * len(b)}{text}"
                          + (f" (line {line})" if line else "")
                          for b, text, line in rule.branches]
    reached = sum(len(r.reached) for r in report)
    whole = sum(len(r.branches) for r in report)
    complete = sum(1 for r in report if not r.lacking)
    lines.append(f"Total: {reached}/{whole} branches ({_total(report):.1f}%) in {len(report)} "
                 f"rules; {complete} of them with an example where it fires and one where it "
                 "stays quiet")
    return "\n".join(lines) + "\n"


def _as_json(results: list[ExampleResult], report: list[RuleCoverage], show: bool
             ) -> dict[str, object]:
    from bailcheck.rules.examples import percent

    out: dict[str, object] = {
        "examples": [{"rule": r.rule, "name": r.name, "where": r.where, "expected": r.expected,
                      "fired": r.fired, "passed": r.passed, **({"error": r.error} if r.error
                                                               else {})} for r in results],
        "lacking": [{"rule": c.rule, "where": f"{c.source}:{c.line}", "lacks": c.lacking}
                    for c in report if c.lacking],
        "summary": {"passed": sum(r.passed for r in results),
                    "failed": sum(not r.passed for r in results)},
    }
    if show:
        files = []
        for name, rules in _by_file(report).items():
            reached = sum(len(r.reached) for r in rules)
            whole = sum(len(r.branches) for r in rules)
            files.append({"path": name, "branches": whole, "reached": reached,
                          "percent": percent(reached, whole),
                          "rules": [r.as_record() for r in rules]})
        out["coverage"] = {"files": files, "branches": sum(len(r.branches) for r in report),
                           "reached": sum(len(r.reached) for r in report),
                           "percent": _total(report)}
    return out


@policy_app.command("docs")
@handled
def rule_docs(*, policy: PolicyDirs = None, no_config: NoConfig = False,
              output: Annotated[Path | None, typer.Option(
                  "--output", "-o", help="Write to this file instead of the screen.")] = None,
              force: Annotated[bool, typer.Option(help="Replace an existing file.")] = False,
              ) -> None:
    """A Markdown reference of every rule in force, generated from the rule files."""
    from bailcheck.facts.registry import FACTS
    from bailcheck.files import write_file
    from bailcheck.render.templating import environment, render
    from bailcheck.rules.matcher import describe_lines
    from bailcheck.rules.policy import rule_facts
    from bailcheck.rules.schema import STEPS

    rules = load_rules(configured("policy", policy, configuration(no_config)))
    context = {"rules": [{"rule": r, "when": describe_lines(r.when),
                          "facts": [FACTS[f] for f in rule_facts(r)]}
                         for r in sorted(rules.rules, key=lambda r: r.id)],
               "policy": rules, "steps": list(STEPS)}
    text = render(environment(), "policy-reference.md.j2", context)
    if output is None:
        write(text)
    else:
        write_file(output, text.encode(), force)
