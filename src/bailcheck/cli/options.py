"""Options and helpers shared by the commands."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bailcheck.errors import BailcheckError

if TYPE_CHECKING:
    from bailcheck.rules.policy import Policy

class Format(StrEnum):
    text = "text"
    json = "json"


AsOf = Annotated[str | None, typer.Option(
    "--as-of", metavar="DATE", help="The date to treat as today (YYYY-MM-DD); default: today.")]
PolicyDirs = Annotated[list[Path] | None, typer.Option(
    "--policy", metavar="DIR", help="A folder of rule files layered over the built-in set "
    "(repeatable; later folders win).")]

Builtin = Annotated[bool, typer.Option(
    "--builtin/--no-builtin", help="Start from the built-in rules (--no-builtin: use only the "
    "--policy folders, e.g. a force's complete copy).")]
Jobs = Annotated[int, typer.Option(
    "--jobs", "-j", min=1, help="Worker processes for many records; output is the same.")]


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"`{value}` is not a date; write YYYY-MM-DD",
                                 param_hint="'--as-of'") from None


@contextmanager
def handled() -> Iterator[None]:
    """The one place user errors become a message on stderr and exit code 2."""
    try:
        yield
    except BailcheckError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=2) from None


def load_rules(dirs: list[Path] | None, builtin: bool = True) -> Policy:
    from bailcheck import resources
    from bailcheck.errors import UsageError
    from bailcheck.rules.policy import load_policy

    layers = [resources.builtin("policies")] if builtin else []
    layers += dirs or []
    if not layers:
        raise UsageError("--no-builtin needs at least one --policy folder")
    return load_policy(layers)
