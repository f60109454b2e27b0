"""Options shared by the commands, declared once, and the helpers that read them."""

# No `from __future__ import annotations`: Typer reads the callbacks' annotations on every
# start, and string annotations would each be compiled and evaluated then.

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from bailcheck.cli.plain import (
    JOBS,
    choice_problem,
    configuration,
    date_problem,
    load_rules,
    parse_date,
    record_paths,
    setting,
)
from bailcheck.findings import FAIL_ON

if TYPE_CHECKING:
    from bailcheck.config import Config

T = TypeVar("T")

# the options, and the helpers the commands take from here (cli/plain.py holds those without
# Typer, for `check`'s fast path)
__all__ = ["AsOf", "Builtin", "FailOn", "Force", "Jobs", "NoConfig", "Output", "PolicyDirs",
           "choice", "completion", "configuration", "configured", "date_option", "load_rules",
           "parse_date", "record_paths"]


def completion(*values: str) -> Any:
    """Shell completion offering `values` (for options checked by `choice`)."""
    def complete(incomplete: str) -> list[str]:
        return [v for v in values if v.startswith(incomplete)]
    return complete


def choice(*values: str) -> Any:
    """An option callback accepting only `values` (Typer's own choices need an Enum; ours come
    from registries and the schema, declared once elsewhere)."""
    def check(value: str | None) -> str | None:
        problem = choice_problem(value, values)
        if problem is not None:
            raise typer.BadParameter(problem)
        return value
    return check


def date_option(value: str | None) -> str | None:
    """Callback for an option that takes a date: refuse anything but YYYY-MM-DD."""
    problem = date_problem(value)
    if problem is not None:
        raise typer.BadParameter(problem)
    return value


AsOf = Annotated[str | None, typer.Option(
    "--as-of", metavar="DATE", callback=date_option,
    help="The date to treat as today (YYYY-MM-DD); default: today.")]
PolicyDirs = Annotated[list[Path] | None, typer.Option(
    "--policy", metavar="DIR", help="A folder of rule files layered over the built-in set "
    "(repeatable; later folders win).")]
Builtin = Annotated[bool, typer.Option(
    "--builtin/--no-builtin", help="Start from the built-in rules (--no-builtin: use only the "
    "--policy folders, e.g. a force's complete copy).")]
Jobs = Annotated[int, typer.Option(
    "--jobs", "-j", min=JOBS[0], max=JOBS[1],
    help="Worker processes for many records; output is the same.")]
FailOn = Annotated[str, typer.Option(
    "--fail-on", callback=choice(*FAIL_ON), autocompletion=completion(*FAIL_ON),
    help="Exit 1 if any finding (condition or record) is at or above this verdict: "
    + ", ".join(FAIL_ON) + ".")]
NoConfig = Annotated[bool, typer.Option(
    "--no-config", help="Ignore bailcheck.toml and [tool.bailcheck] in pyproject.toml.")]
Force = Annotated[bool, typer.Option(help="Replace an existing output file.")]
Output = Annotated[Path | None, typer.Option(
    "--output", "-o", help="Write to this file (`-`: the screen) instead of the screen. Drafts "
    "and records hold personal data: write them only where they may be kept.")]


def configured(name: str, value: T, config: "Config | None", ctx: typer.Context | None = None
               ) -> T:
    """An option's value: as given on the command line, else the configuration file's, else
    its default. With the command's `ctx`, an option counts as given unless it was left at its
    default; without it, unless it is None. In a command: `policy = configured("policy",
    policy, configuration(no_config))`."""
    if ctx is not None:
        source = ctx.get_parameter_source(name)
        given = source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")
    else:
        given = value is not None
    return setting(name, value, config, given)
