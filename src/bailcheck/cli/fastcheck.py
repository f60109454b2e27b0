"""`bailcheck check` without Typer, for the command lines it is sure of.

Importing Typer costs about a quarter of the start of a one-record check. `parse` reads a check
command line of long options (`--opt value`, `--opt=value`), short options with a separate value
(`-f json`), the flags `-q` and `-v`, `--` and record paths, and checks each value as the
command's callbacks would (the same choices, date check and --jobs range). Anything else (help,
an unknown or misspelt option, a missing or refused value, combined short flags, no paths,
`--quiet` with `--verbose`) gives None, and the command line goes to Typer, whose messages are
therefore the same as ever. tests/test_startup_cli.py holds the two to the same answers and
this table to the Typer command's options.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bailcheck.cli.check_run import READERS, run_check
from bailcheck.cli.handler import guarded
from bailcheck.cli.plain import JOBS, choice_problem, date_problem
from bailcheck.findings import FAIL_ON
from bailcheck.render.base import FORMATS

# the command's defaults (as cli/check.py declares them)
DEFAULTS: dict[str, Any] = {
    "format": "text", "fail_on": "unenforceable", "as_of": None, "policy": None,
    "builtin": True, "jobs": 1, "explain": False, "condition": None, "reader": "custody",
    "quiet": False, "verbose": False, "no_config": False,
}


def _one_of(*values: str) -> Callable[[str], Any]:
    return lambda value: None if choice_problem(value, values) else value


def _date(value: str) -> Any:
    return None if date_problem(value) else value


def _jobs(value: str) -> Any:
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if JOBS[0] <= number <= JOBS[1] else None


def _path(value: str) -> Any:
    """A path as Typer's Path type passes it: refused (None) where that type would look
    further, an empty name or an existing file it may not read."""
    if not value:
        return None
    try:
        os.stat(value)
    except OSError:
        return Path(value)
    return Path(value) if os.access(value, os.R_OK) else None


# option -> (parameter, how a value is read), or (parameter, the flag's value) for a flag
VALUED: dict[str, tuple[str, Callable[[str], Any]]] = {
    "--format": ("format", _one_of(*FORMATS["check"])),
    "-f": ("format", _one_of(*FORMATS["check"])),
    "--fail-on": ("fail_on", _one_of(*FAIL_ON)),
    "--as-of": ("as_of", _date),
    "--policy": ("policy", _path),
    "--jobs": ("jobs", _jobs),
    "-j": ("jobs", _jobs),
    "--condition": ("condition", str),
    "--for": ("reader", _one_of(*READERS)),
}
FLAGS: dict[str, tuple[str, bool]] = {
    "--builtin": ("builtin", True),
    "--no-builtin": ("builtin", False),
    "--explain": ("explain", True),
    "--quiet": ("quiet", True),
    "-q": ("quiet", True),
    "--verbose": ("verbose", True),
    "-v": ("verbose", True),
    "--no-config": ("no_config", True),
}
REPEATABLE = ("policy",)


def parse(args: list[str]) -> tuple[list[Path], dict[str, Any]] | None:
    """The record paths and every option's value (with `given`: the options on the command
    line) for the arguments after `check`, or None for Typer to handle them."""
    paths: list[Path] = []
    values: dict[str, Any] = {}
    words = iter(args)
    for word in words:
        if word == "--":
            rest = [_path(w) for w in words]
            if None in rest:
                return None
            paths.extend(rest)
            break
        if len(word) < 2 or not word.startswith("-"):
            path = _path(word)
            if path is None:
                return None
            paths.append(path)
            continue
        name, equals, value = word.partition("=")
        if not word.startswith("--"):  # a short option: alone, with its value apart
            name, equals = word, ""
        if name in FLAGS and not equals:
            dest, flag = FLAGS[name]
            if dest in values:
                return None
            values[dest] = flag
            continue
        if name not in VALUED:
            return None
        if not equals:
            value = next(words, "")
        dest, read = VALUED[name]
        if not value or value.startswith("-"):
            return None
        read_value = read(value)
        if read_value is None:
            return None
        if dest in REPEATABLE:
            values.setdefault(dest, []).append(read_value)
        elif dest in values:
            return None
        else:
            values[dest] = read_value
    if not paths or (values.get("quiet") and values.get("verbose")):
        return None
    return paths, {**DEFAULTS, **values, "given": frozenset(["paths", *values])}


def run(args: list[str]) -> int | None:
    """Run `bailcheck check ARGS` and give its exit code, or None if Typer must parse them."""
    parsed = parse(args)
    if parsed is None:
        return None
    paths, values = parsed
    return guarded(run_check, paths, **values)
