"""Options shared by the commands, declared once, and the helpers that read them."""

# No `from __future__ import annotations`: Typer reads the callbacks' annotations on every
# start, and string annotations would each be compiled and evaluated then.

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from bailcheck.errors import UsageError
from bailcheck.findings import FAIL_ON

if TYPE_CHECKING:
    from bailcheck.config import Config
    from bailcheck.rules.policy import Policy

T = TypeVar("T")


def completion(*values: str) -> Any:
    """Shell completion offering `values` (for options checked by `choice`)."""
    def complete(incomplete: str) -> list[str]:
        return [v for v in values if v.startswith(incomplete)]
    return complete


def choice(*values: str) -> Any:
    """An option callback accepting only `values` (Typer's own choices need an Enum; ours come
    from registries and the schema, declared once elsewhere)."""
    def check(value: str | None) -> str | None:
        if value is not None and value not in values:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(values)}")
        return value
    return check


def date_option(value: str | None) -> str | None:
    """Callback for an option that takes a date: refuse anything but YYYY-MM-DD."""
    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise typer.BadParameter(f"`{value}` is not a date; write YYYY-MM-DD") from None
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
    "--jobs", "-j", min=1, max=64, help="Worker processes for many records; output is the same.")]
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


def parse_date(value: str | None) -> date:
    """--as-of (already checked by its callback), or today."""
    return date.today() if value is None else date.fromisoformat(value)


def load_rules(dirs: list[Path] | None, builtin: bool = True, examples: bool = True) -> "Policy":
    """The rule layers: the built-in set (unless --no-builtin), then each --policy folder.
    Commands that only apply the rules pass examples=False (see rules/policy.load_policy)."""
    from bailcheck import resources
    from bailcheck.rules.policy import load_policy

    layers = [resources.builtin("policies")] if builtin else []
    seen = {folder.resolve() for folder in layers}
    for folder in dirs or []:  # each folder once (a checkout may name its own built-in one)
        if folder.resolve() not in seen:
            seen.add(folder.resolve())
            layers.append(folder)
    if not layers:
        raise UsageError("--no-builtin needs at least one --policy folder")
    return load_policy(layers, examples)


# -- configuration files (bailcheck.toml, [tool.bailcheck]): the command line wins

def configuration(no_config: bool = False) -> "Config | None":
    """The configuration file for this run, found from the working directory up (None with
    --no-config or when there is none)."""
    if no_config:
        return None
    from bailcheck.config import discover, load

    found = discover()
    return load(found) if found is not None else None


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
    if given or config is None or name not in config.values:
        return value
    setting: T = config.values[name]
    return setting
