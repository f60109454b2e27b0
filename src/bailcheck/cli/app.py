"""The command line: the app, its commands (one module per group, each command inside the one
error handler of cli/handler.py) and `main`.

Heavy imports (Jinja2, calendar and document libraries) belong inside the commands that need
them, so that `bailcheck check` starts quickly at the custody desk.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from bailcheck import __version__
from bailcheck.cli import check, documents, policy, regress, report
from bailcheck.errors import EXIT_INTERRUPTED

app = typer.Typer(
    name="bailcheck",
    help="Check proposed bail conditions in England and Wales: necessary, proportionate, lawful "
    "and capable of being policed.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,  # bail records hold personal data
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)


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


app.command()(check.check)
app.command()(regress.regress)
app.command()(report.report)
for command in (documents.draft, documents.reminders, documents.redact, documents.new):
    app.command()(command)
app.command("schema")(documents.record_schema)
app.add_typer(policy.policy_app, name="policy")


def main() -> None:
    """Run the CLI. Each command handles its own errors (cli/handler.py); what reaches here is
    Ctrl-C outside a command."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("bailcheck: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)


