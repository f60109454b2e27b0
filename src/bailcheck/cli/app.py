"""The command line: parse arguments, call the core, pick a renderer, return an exit code.

Heavy imports (Jinja2, calendar libraries) belong inside the commands that need them, so that
`bailcheck check` starts quickly at the custody desk.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bailcheck import __version__
from bailcheck.cli import documents as cli_documents
from bailcheck.cli.options import (
    AsOf,
    Builtin,
    Format,
    Jobs,
    PolicyDirs,
    handled,
    load_rules,
    parse_date,
)
from bailcheck.cli.policy import policy_app
from bailcheck.findings import Verdict

if TYPE_CHECKING:
    from bailcheck.rules.policy import Policy

app = typer.Typer(
    name="bailcheck",
    help="Check proposed bail conditions in England and Wales: necessary, proportionate, lawful "
    "and capable of being policed.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,  # bail records hold personal data
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)


class Reader(StrEnum):
    custody = "custody"
    solicitor = "solicitor"
    policy = "policy"


class FailOn(StrEnum):
    unlawful = "unlawful"
    disproportionate = "disproportionate"
    unenforceable = "unenforceable"
    procedural = "procedural"
    needs_justification = "needs_justification"
    note = "note"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bailcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Check proposed bail conditions against the law and proportionality rules."""


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Record files or folders of records.")],
    *,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    fail_on: Annotated[FailOn, typer.Option(
        help="Exit 1 if any finding is at or above this verdict.")] = FailOn.unenforceable,
    as_of: AsOf = None,
    policy: PolicyDirs = None,
    builtin: Builtin = True,
    jobs: Jobs = 1,
    explain: Annotated[bool, typer.Option(
        "--explain", help="After each record, explain every verdict: the rules considered, the "
        "facts read, their values and record lines.")] = False,
    condition: Annotated[str | None, typer.Option(
        "--condition", metavar="ID", help="With --explain, only this condition.")] = None,
    reader: Annotated[Reader, typer.Option(
        "--for", help="Order and word the text report for its reader.")] = Reader.custody,
) -> None:
    """Judge every condition in each bail record; exit 0 (clean), 1 (findings) or 2 (errors)."""
    from bailcheck.batch import Rendered, Tally, compare_paths

    today = parse_date(as_of) or date.today()
    with handled():
        rules = load_rules(policy, builtin)
    tally = Tally(Verdict.parse(fail_on.value))
    renderer = _renderer(format, {"version": __version__, "policy_digest": rules.digest,
                                  "policy_sources": len(rules.sources),
                                  "as_of": today.isoformat()}, reader.value)
    encode = renderer.encode
    if explain or (reader is Reader.policy and format is Format.text):
        from bailcheck.render.explain_text import Explained

        encode = Explained(renderer, rules, today, condition, explain)
    for warning in rules.warnings(today):
        typer.echo(f"warning: {warning}", err=True)
    renderer.begin()
    for outcome, text in compare_paths(paths, (rules,), today, jobs, Rendered(encode)):
        tally.add(outcome)
        if format is Format.json:  # JSON holds them too, but a person watching needs them
            for problem in outcome.problems:
                typer.echo(problem, err=True)
        renderer.emit(text)
    if not tally.records:
        typer.echo("no records found: give .yaml files or folders holding them", err=True)
    renderer.end(tally)
    raise typer.Exit(code=tally.exit_code)


def _write(text: str) -> None:
    sys.stdout.write(text)


def _renderer(format: Format, meta: dict[str, object],  # type: ignore[no-untyped-def]
              reader: str = "custody"):
    write = _write
    if format is Format.json:
        from bailcheck.render.json_out import JsonRenderer

        return JsonRenderer(write, meta)
    from bailcheck.render.text import TextRenderer, plain

    tty = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    return TextRenderer(write, width=100, style=_colour if tty else plain, reader=reader)


def _colour(text: str, verdict: Verdict) -> str:
    colours = {Verdict.UNLAWFUL: "red", Verdict.DISPROPORTIONATE: "red",
               Verdict.UNENFORCEABLE: "yellow", Verdict.NEEDS_JUSTIFICATION: "yellow",
               Verdict.OK: "green"}
    return typer.style(text, fg=colours.get(verdict), bold=True)


@app.command()
def regress(
    paths: Annotated[list[Path], typer.Argument(help="Past-case records or folders of them.")],
    *,
    junit: Annotated[Path | None, typer.Option(
        "--junit", metavar="FILE", help="Also write the results as JUnit XML.")] = None,
    keyword: Annotated[str | None, typer.Option(
        "-k", metavar="TEXT", help="Only records whose file name or case reference contains "
        "TEXT.")] = None,
    baseline: Annotated[list[Path] | None, typer.Option(
        "--baseline-policy", metavar="DIR", help="Also list the conditions whose verdict "
        "differs under this policy set (repeatable; layered like --policy).")] = None,
    fail_on_drift: Annotated[bool, typer.Option(
        help="Exit 1 when any verdict drifts from the baseline.")] = False,
    force: Annotated[bool, typer.Option(help="Replace an existing --junit file.")] = False,
    as_of: AsOf = None,
    policy: PolicyDirs = None,
    builtin: Builtin = True,
    jobs: Jobs = 1,
) -> None:
    """Check past cases against their `expect` blocks; exit 1 on any mismatch."""
    from bailcheck import regress as past
    from bailcheck.batch import compare_paths
    from bailcheck.files import write_atomic

    today = parse_date(as_of) or date.today()
    with handled():
        policies: tuple[Policy, ...] = (load_rules(policy, builtin),)
        if baseline:
            policies += (load_rules(baseline, builtin),)
    cases: list[past.CaseResult] = []
    drifts: list[past.Drift] = []
    skipped = 0
    for results in compare_paths(paths, policies, today, jobs):
        current = results[0]
        if keyword and keyword not in Path(current.path).name and keyword not in getattr(
                current, "reference", ""):
            continue
        case = past.compare(current)
        if case is None:
            skipped += 1
        else:
            cases.append(case)
            if not case.passed:
                typer.echo(f"FAIL {case.path}" + (f" ({case.reference})" if case.reference
                                                  else ""))
                for line in ([case.error] if case.error else
                             [past.describe(m) for m in case.mismatches]):
                    typer.echo("  " + line.replace("\n", "\n  "))
        if len(results) > 1:
            drifts.extend(past.drift(results[1], current))
    for d in drifts:
        changes = [f"+{r}" for r in d.added] + [f"-{r}" for r in d.removed]
        typer.echo(f"DRIFT {d.path} ({d.reference}) {d.condition}: {d.before} -> {d.after}"
                   f" [{', '.join(changes)}]")
    if baseline:
        typer.echo(f"{len(drifts)} condition(s) in {len({d.path for d in drifts})} case(s) "
                   "change verdict against the baseline policy")
    counts = past.summary(cases)
    typer.echo(f"{counts['passed']} passed, {counts['failed']} failed"
               + (f", {skipped} skipped" if skipped else ""))
    if junit is not None:
        with handled():
            write_atomic(junit, past.junit(cases), force)
    errors = any(c.error for c in cases)
    failed = counts["failed"] > 0 or (fail_on_drift and bool(drifts))
    raise typer.Exit(code=2 if errors else 1 if failed else 0)


for command in (cli_documents.draft, cli_documents.reminders, cli_documents.redact,
                cli_documents.new):
    app.command()(command)
app.command("schema")(cli_documents.record_schema)
app.add_typer(policy_app, name="policy")


EXIT_INTERNAL = 3  # a bug in bailcheck: never shares a code with findings or input errors


def main() -> None:
    """Run the CLI. An unexpected exception is a bug: say so in one line, without the
    traceback (whose frames could show record data) unless BAILCHECK_DEBUG is set."""
    try:
        app()
    except Exception as exc:
        if os.environ.get("BAILCHECK_DEBUG"):
            raise
        typer.echo(f"bailcheck: internal error ({type(exc).__name__}). This is a bug in "
                   "bailcheck, not in your input; run again with BAILCHECK_DEBUG=1 for details "
                   "and report it.", err=True)
        sys.exit(EXIT_INTERNAL)
