"""What the commands share that needs no Typer: the checks behind the option callbacks, the
rule layers and the configuration file. `check` and `report` use these alone on their fast path
(cli/fastpath.py); cli/options.py declares the options over the same checks."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from bailcheck.errors import UsageError

if TYPE_CHECKING:
    from bailcheck.config import Config
    from bailcheck.rules.policy import Policy

T = TypeVar("T")

JOBS = (1, 64)  # --jobs: the fewest and most worker processes


def date_problem(value: str | None) -> str | None:
    """Why a --as-of value (or any option taking a date) is refused, or None if it is a date."""
    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError:
            return f"`{value}` is not a date; write YYYY-MM-DD"
    return None


def choice_problem(value: str | None, values: Collection[str]) -> str | None:
    """Why a value is refused for an option that takes one of `values`, or None."""
    if value is not None and value not in values:
        return f"{value!r} is not one of {', '.join(values)}"
    return None


def record_paths(paths: list[Path]) -> list[Path]:
    """The record paths, refusing `-` given twice: standard input can be read once."""
    if sum(str(p) == "-" for p in paths) > 1:
        raise UsageError("`-` (standard input) can be given only once")
    return paths


def parse_date(value: str | None) -> date:
    """--as-of (already checked by its callback), or today."""
    return date.today() if value is None else date.fromisoformat(value)


def load_rules(dirs: list[Path] | None, builtin: bool = True, examples: bool = True) -> Policy:
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

def configuration(no_config: bool = False) -> Config | None:
    """The configuration file for this run, found from the working directory up (None with
    --no-config or when there is none)."""
    if no_config:
        return None
    from bailcheck.config import discover, load

    found = discover()
    return load(found) if found is not None else None


def setting(name: str, value: T, config: Config | None, given: bool) -> T:
    """An option's value: as given on the command line (`given`), else the configuration
    file's, else its default."""
    if given or config is None or name not in config.values:
        return value
    chosen: T = config.values[name]
    return chosen
