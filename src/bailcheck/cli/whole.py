"""The Typer app: the top-level options and `build`, which adds the commands (cli/app.py
names them and builds the app only when a command line needs Typer)."""

from __future__ import annotations

from importlib import import_module
from typing import Annotated

import typer

from bailcheck import __version__
from bailcheck.cli.app import COMMANDS


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bailcheck {__version__}")
        raise typer.Exit()


def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Check proposed bail conditions against the law and proportionality rules."""


def build(only: str | None = None) -> typer.Typer:
    """The app with every command, or with `only` (a name in COMMANDS) alone."""
    made = typer.Typer(
        name="bailcheck",
        help="Check proposed bail conditions in England and Wales: necessary, proportionate, "
        "lawful and capable of being policed.",
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,  # bail records hold personal data
        context_settings={"help_option_names": ["-h", "--help"]},
        rich_markup_mode=None,
    )
    made.callback()(_main)
    for name, (module, attr) in COMMANDS.items():
        if only is None or name == only:
            target = getattr(import_module(f"bailcheck.cli.{module}"), attr)
            if isinstance(target, typer.Typer):
                made.add_typer(target, name=name)
            else:
                made.command(name)(target)
    return made
