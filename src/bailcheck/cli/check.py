"""`bailcheck check`: judge every condition in each record and print a report. The options are
declared here for Typer; what the command does is cli/check_run.py, which the fast path for
common command lines (cli/fastpath.py) runs without Typer."""

# No `from __future__ import annotations` here: Typer reads the command's annotations on every
# start, and string annotations would each be compiled and evaluated then.

from pathlib import Path
from typing import Annotated

import typer

from bailcheck.cli.check_run import READERS, run_check
from bailcheck.cli.handler import handled
from bailcheck.cli.options import (
    AsOf,
    Builtin,
    FailOn,
    Jobs,
    NoConfig,
    PolicyDirs,
    choice,
    completion,
)
from bailcheck.render.base import FORMATS


@handled
def check(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(
        readable=False,  # an unreadable file is that record's own error, not the command's
        help="Record files or folders of records (`-`: one record on standard input).")],
    *,
    format: Annotated[str, typer.Option(
        "--format", "-f", callback=choice(*FORMATS["check"]),
        autocompletion=completion(*FORMATS["check"]),
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
        "--for", callback=choice(*READERS), autocompletion=completion(*READERS),
        help="Order and word the text report for its reader: " + ", ".join(READERS) + ".")] = "custody",
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Print only the summary and the records that cannot be read "
        "(no warnings); other formats' documents are unchanged.")] = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Also say which configuration file and rule folders were "
        "used.")] = False,
    no_config: NoConfig = False,
) -> None:
    """Judge every condition in each bail record; exit 0 (clean), 1 (findings) or 2 (errors)."""
    given = {name for name in ctx.params
             if (source := ctx.get_parameter_source(name)) is not None
             and source.name not in ("DEFAULT", "DEFAULT_MAP")}
    raise typer.Exit(code=run_check(
        paths, format=format, fail_on=fail_on, as_of=as_of, policy=policy, builtin=builtin,
        jobs=jobs, explain=explain, condition=condition, reader=reader, quiet=quiet,
        verbose=verbose, no_config=no_config, given=given))
