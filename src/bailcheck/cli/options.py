"""Options shared by the commands, declared once, and the helpers that read them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bailcheck.errors import UsageError
from bailcheck.findings import FAIL_ON

if TYPE_CHECKING:
    from bailcheck.rules.policy import Policy

def choice(*values: str) -> Any:
    """An option callback accepting only `values` (Typer's own choices need an Enum; ours come
    from registries and the schema, declared once elsewhere)."""
    def check(value: str | None) -> str | None:
        if value is not None and value not in values:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(values)}")
        return value
    return check


def _as_of(value: str | None) -> str | None:
    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise typer.BadParameter(f"`{value}` is not a date; write YYYY-MM-DD") from None
    return value


AsOf = Annotated[str | None, typer.Option(
    "--as-of", metavar="DATE", callback=_as_of,
    help="The date to treat as today (YYYY-MM-DD); default: today.")]
PolicyDirs = Annotated[list[Path] | None, typer.Option(
    "--policy", metavar="DIR", help="A folder of rule files layered over the built-in set "
    "(repeatable; later folders win).")]
Builtin = Annotated[bool, typer.Option(
    "--builtin/--no-builtin", help="Start from the built-in rules (--no-builtin: use only the "
    "--policy folders, e.g. a force's complete copy).")]
Jobs = Annotated[int, typer.Option(
    "--jobs", "-j", min=1, max=64, help="Worker processes for many records; output is the same.")]
FailOn = Annotated[str, typer.Option(
    "--fail-on", callback=choice(*FAIL_ON),
    help="Exit 1 if any finding (condition or record) is at or above this verdict: "
    + ", ".join(FAIL_ON) + ".")]
Force = Annotated[bool, typer.Option(help="Replace an existing output file.")]
Output = Annotated[Path | None, typer.Option(
    "--output", "-o", help="Write to this file (`-`: the screen) instead of the screen. Drafts "
    "and records hold personal data: write them only where they may be kept.")]


def parse_date(value: str | None) -> date:
    """--as-of (already checked by its callback), or today."""
    return date.today() if value is None else date.fromisoformat(value)


def load_rules(dirs: list[Path] | None, builtin: bool = True) -> Policy:
    from bailcheck import resources
    from bailcheck.rules.policy import load_policy

    layers = [resources.builtin("policies")] if builtin else []
    layers += dirs or []
    if not layers:
        raise UsageError("--no-builtin needs at least one --policy folder")
    return load_policy(layers)

