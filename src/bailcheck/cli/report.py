"""`bailcheck report`: a force's bail conditions monitored across many records, with charts.
The options are declared here for Typer; what the command does is cli/report_run.py, which the
fast path for common command lines (cli/fastpath.py) runs without Typer."""

# No `from __future__ import annotations` here: Typer reads the command's annotations on every
# start, and string annotations would each be compiled and evaluated then.

from pathlib import Path
from typing import Annotated

import typer

from bailcheck.cli.handler import handled
from bailcheck.cli.options import AsOf, Builtin, Force, Jobs, PolicyDirs, choice, date_option
from bailcheck.cli.report_run import REPORT_FORMATS, run_report


@handled
def report(
    paths: Annotated[list[Path], typer.Argument(
        readable=False, help="Record files or folders of records.")],
    *,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the report to this file (default: the screen). It names "
        "no one in `people`, but it lists references, officers and file paths.")] = None,
    format: Annotated[str | None, typer.Option(
        "--format", "-f", callback=choice(*REPORT_FORMATS),
        help="html (one offline file with charts), json (the same aggregates) or md; default: "
        "from the -o suffix, else html.")] = None,
    csv: Annotated[Path | None, typer.Option(
        "--csv", metavar="FILE", help="Also write one row per condition as CSV.")] = None,
    as_of: AsOf = None,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="DATE", callback=date_option,
        help="Only decisions made on or after this date (decision.made_at).")] = None,
    until: Annotated[str | None, typer.Option(
        "--until", metavar="DATE", callback=date_option,
        help="Only decisions made on or before this date.")] = None,
    policy: PolicyDirs = None,
    builtin: Builtin = True,
    jobs: Jobs = 1,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress bar on the terminal.")] = False,
    force: Force = False,
) -> None:
    """Monitor bail conditions across many records: verdicts by type, month, rule, force,
    station and officer (funnel plots), copied wordings, dates to act on, worst records."""
    raise typer.Exit(code=run_report(
        paths, output=output, format=format, csv=csv, as_of=as_of, since=since, until=until,
        policy=policy, builtin=builtin, jobs=jobs, quiet=quiet, force=force))
