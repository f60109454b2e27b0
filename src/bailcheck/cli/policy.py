"""`bailcheck policy …`: the policy team's commands. Thin: each calls the core and a renderer."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bailcheck.cli.handler import handled, say, write
from bailcheck.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from bailcheck.cli.options import AsOf, Force, Output, PolicyDirs, load_rules, parse_date

policy_app = typer.Typer(
    help="Work with rule files: list, show, facts, validate, test and document them.",
    no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]})

LayerDir = Annotated[Path | None, typer.Argument(
    help="A folder of rule files, layered over the built-in set (default: the built-in set).")]


@policy_app.command("list")
@handled
def list_rules(*, policy: PolicyDirs = None, as_of: AsOf = None) -> None:
    """Every rule in force, with its verdict, scope, dates and source; disabled rules last."""
    from bailcheck.render.policy_text import rule_list

    rules = load_rules(policy)
    write(rule_list(rules, parse_date(as_of)))


@policy_app.command("show")
@handled
def show_rule(rule_id: Annotated[str, typer.Argument(help="The rule id.")], *,
              policy: PolicyDirs = None) -> None:
    """One rule in full, in plain English: when it fires, the facts it reads, the law."""
    from bailcheck.render.policy_text import rule_show

    rules = load_rules(policy)
    write(rule_show(rules.get(rule_id), rules))


@policy_app.command("facts")
@handled
def list_facts() -> None:
    """Every fact a rule may test, with its type and meaning."""
    from bailcheck.render.policy_text import fact_list

    write(fact_list())


@policy_app.command("validate")
@handled
def validate_rules(directory: LayerDir = None, *, as_of: AsOf = None) -> None:
    """Check rule files and their examples; exit 2 on any error. Overdue reviews are warnings."""
    from bailcheck.rules.examples import run_all

    today = parse_date(as_of)
    rules = load_rules([directory] if directory else None)
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
def test_rules(directory: LayerDir = None, *, as_of: AsOf = None) -> None:
    """Run the examples carried by the rule files; exit 1 if any example fails."""
    from bailcheck.rules.examples import run_all
    from bailcheck.render.policy_text import test_results

    today = parse_date(as_of)
    rules = load_rules([directory] if directory else None)
    results = run_all(rules, today)
    if directory is not None:
        results = [r for r in results if Path(r.where).resolve().is_relative_to(
            directory.resolve())]
    write(test_results(results))
    if not results:
        say("no examples found: add `examples:` to your rules")
        raise typer.Exit(code=EXIT_ERROR)
    raise typer.Exit(code=EXIT_OK if all(r.passed for r in results) else EXIT_FINDINGS)


@policy_app.command("docs")
@handled
def rule_docs(*, policy: PolicyDirs = None,
              output: Annotated[Path | None, typer.Option(
                  "--output", "-o", help="Write to this file instead of the screen.")] = None,
              force: Annotated[bool, typer.Option(help="Replace an existing file.")] = False,
              ) -> None:
    """A Markdown reference of every rule in force, generated from the rule files."""
    from bailcheck.rules.matcher import describe_lines
    from bailcheck.facts.registry import FACTS
    from bailcheck.files import write_file
    from bailcheck.rules.policy import STEPS, rule_facts
    from bailcheck.render.templating import environment, render

    rules = load_rules(policy)
    context = {"rules": [{"rule": r, "when": describe_lines(r.when),
                          "facts": [FACTS[f] for f in rule_facts(r)]}
                         for r in sorted(rules.rules, key=lambda r: r.id)],
               "policy": rules, "steps": list(STEPS)}
    text = render(environment(), "policy-reference.md.j2", context)
    if output is None:
        write(text)
    else:
        write_file(output, text.encode(), force)
