"""`bailcheck check`: judge every condition in each record and print a report."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from bailcheck import __version__
from bailcheck.cli.handler import handled, say, write
from bailcheck.cli.options import (
    AsOf,
    Builtin,
    FailOn,
    Jobs,
    PolicyDirs,
    choice,
    load_rules,
    parse_date,
)
from bailcheck.findings import Tally, Verdict
from bailcheck.render.base import FORMATS, Options, renderer

READERS = ("custody", "solicitor", "policy")


@handled
def check(
    paths: Annotated[list[Path], typer.Argument(help="Record files or folders of records "
                                                "(`-`: one record on standard input).")],
    *,
    format: Annotated[str, typer.Option(
        "--format", "-f", callback=choice(*FORMATS["check"]),
        help="Output format: " + ", ".join(FORMATS["check"]) + ".")] = "text",
    fail_on: FailOn = "unenforceable",
    as_of: AsOf = None,
    policy: PolicyDirs = None,
    builtin: Builtin = True,
    jobs: Jobs = 1,
    explain: Annotated[bool, typer.Option(
        "--explain", help="After each record, explain every verdict: the rules considered, the "
        "facts read, their values and record lines.")] = False,
    condition: Annotated[str | None, typer.Option(
        "--condition", metavar="ID", help="With --explain, only this condition.")] = None,
    reader: Annotated[str, typer.Option(
        "--for", callback=choice(*READERS),
        help="Order and word the text report for its reader: " + ", ".join(READERS) + ".")] = "custody",
) -> None:
    """Judge every condition in each bail record; exit 0 (clean), 1 (findings) or 2 (errors)."""
    from bailcheck.batch import Rendered, compare_paths

    today = parse_date(as_of)
    rules = load_rules(policy, builtin)
    tally = Tally(Verdict.parse(fail_on))
    trace = explain or (reader == "policy" and format == "text")
    options = Options(
        meta={"version": __version__, "policy_digest": rules.digest,
              "policy_sources": len(rules.sources), "as_of": today.isoformat()},
        reader=reader, colour=sys.stdout.isatty() and not os.environ.get("NO_COLOR"),
        explain=explain, only=condition, fail_on=fail_on)
    out = renderer("check", format, options)
    for warning in rules.warnings(today):
        say(f"warning: {warning}")
    write(out.begin())
    for outcome, text in compare_paths(paths, (rules,), today, jobs, Rendered(out.encode), trace):
        tally.add(outcome)
        if format != "text":  # the document holds them too, but a person watching needs them
            for problem in outcome.problems:
                say(problem)
        write(out.piece(text))
    if not tally.records:
        say("no records found: give .yaml files or folders holding them")
    write(out.end(tally))
    sys.stdout.flush()
    raise typer.Exit(code=tally.exit_code)
