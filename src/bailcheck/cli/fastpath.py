"""`bailcheck check` and `bailcheck report` without Typer, for the command lines they are sure of.

Importing Typer costs about a quarter of the start of a one-record check. `parse` reads a
command line of long options (`--opt value`, `--opt=value`), short options with a separate value
(`-f json`), the command's flags, `--` and record paths, and checks each value as the command's
callbacks would (the same choices, date check and --jobs range). Anything else (help, an unknown
or misspelt option, a missing or refused value, combined short flags, no paths, `--quiet` with
`--verbose`) gives None, and the command line goes to Typer, whose messages are therefore the
same as ever. tests/test_fast_path.py holds the two to the same answers and each command's table
to its Typer command's options.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bailcheck.cli.check_run import READERS, run_check
from bailcheck.cli.handler import guarded
from bailcheck.cli.plain import JOBS, choice_problem, date_problem
from bailcheck.cli.report_run import REPORT_FORMATS, run_report
from bailcheck.findings import FAIL_ON
from bailcheck.render.base import FORMATS


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
    """An option's path as Typer's Path type passes it: refused (None) where that type would
    look further, an empty name or an existing file it may not read."""
    if not value:
        return None
    try:
        os.stat(value)
    except OSError:
        return Path(value)
    return Path(value) if os.access(value, os.R_OK) else None


def _record(value: str) -> Any:
    """A record path as the commands' arguments pass it: they do not test that it can be read
    (an unreadable file is that record's own error); an empty name is refused (None)."""
    return Path(value) if value else None


class Command:
    """One command's options as its Typer declaration has them: the defaults, the options that
    take a value (option -> parameter, how a value is read), the flags (option -> parameter, the
    flag's value), the repeatable options, and what runs the command."""

    def __init__(self, defaults: dict[str, Any],  # noqa: PLR0917
                 valued: dict[str, tuple[str, Callable[[str], Any]]],
                 flags: dict[str, tuple[str, bool]], repeatable: tuple[str, ...],
                 run: Callable[..., int], given: bool = False,
                 exclusive: tuple[str, ...] = ()) -> None:
        self.defaults, self.valued, self.flags = defaults, valued, flags
        self.repeatable, self.run, self.given = repeatable, run, given
        self.exclusive = exclusive  # flags that Typer's command refuses together

    def parse(self, args: list[str]) -> tuple[list[Path], dict[str, Any]] | None:
        """The record paths and every option's value (with `given`, for a command that reads
        the configuration file: the options on the command line) for the arguments after the
        command's name, or None for Typer to handle them."""
        paths: list[Path] = []
        values: dict[str, Any] = {}
        words = iter(args)
        for word in words:
            if word == "--":
                rest = [_record(w) for w in words]
                if None in rest:
                    return None
                paths.extend(rest)
                break
            if len(word) < 2 or not word.startswith("-"):
                path = _record(word)
                if path is None:
                    return None
                paths.append(path)
                continue
            name, equals, value = word.partition("=")
            if not word.startswith("--"):  # a short option: alone, with its value apart
                name, equals = word, ""
            if name in self.flags and not equals:
                dest, flag = self.flags[name]
                if dest in values:
                    return None
                values[dest] = flag
                continue
            if name not in self.valued:
                return None
            if not equals:
                value = next(words, "")
            dest, read = self.valued[name]
            if not value or (value.startswith("-") and value != "-"):  # `-`: the screen
                return None
            read_value = read(value)
            if read_value is None:
                return None
            if dest in self.repeatable:
                values.setdefault(dest, []).append(read_value)
            elif dest in values:
                return None
            else:
                values[dest] = read_value
        if not paths or (self.exclusive and all(values.get(d) for d in self.exclusive)):
            return None
        out = {**self.defaults, **values}
        if self.given:
            out["given"] = frozenset(["paths", *values])
        return paths, out


_POLICY = {"--policy": ("policy", _path)}
_JOBS = {"--jobs": ("jobs", _jobs), "-j": ("jobs", _jobs)}
_BUILTIN = {"--builtin": ("builtin", True), "--no-builtin": ("builtin", False)}
_QUIET = {"--quiet": ("quiet", True), "-q": ("quiet", True)}

# each command's table, as cli/check.py and cli/report.py declare its options
COMMANDS: dict[str, Command] = {
    "check": Command(
        defaults={"format": "text", "fail_on": "unenforceable", "as_of": None, "policy": None,
                  "builtin": True, "jobs": 1, "explain": False, "condition": None,
                  "reader": "custody", "quiet": False, "verbose": False, "no_config": False},
        valued={"--format": ("format", _one_of(*FORMATS["check"])),
                "-f": ("format", _one_of(*FORMATS["check"])),
                "--fail-on": ("fail_on", _one_of(*FAIL_ON)),
                "--as-of": ("as_of", _date), **_POLICY, **_JOBS,
                "--condition": ("condition", str),
                "--for": ("reader", _one_of(*READERS))},
        flags={**_BUILTIN, "--explain": ("explain", True), **_QUIET,
               "--verbose": ("verbose", True), "-v": ("verbose", True),
               "--no-config": ("no_config", True)},
        repeatable=("policy",), run=run_check, given=True, exclusive=("quiet", "verbose")),
    "report": Command(
        defaults={"output": None, "format": None, "csv": None, "as_of": None, "since": None,
                  "until": None, "policy": None, "builtin": True, "jobs": 1, "quiet": False,
                  "force": False},
        valued={"--output": ("output", _path), "-o": ("output", _path),
                "--format": ("format", _one_of(*REPORT_FORMATS)),
                "-f": ("format", _one_of(*REPORT_FORMATS)),
                "--csv": ("csv", _path), "--as-of": ("as_of", _date),
                "--since": ("since", _date), "--until": ("until", _date), **_POLICY, **_JOBS},
        flags={**_BUILTIN, **_QUIET, "--force": ("force", True), "--no-force": ("force", False)},
        repeatable=("policy",), run=run_report),
}


def parse(command: str, args: list[str]) -> tuple[list[Path], dict[str, Any]] | None:
    """`command`'s record paths and option values, or None for Typer (see Command.parse)."""
    return COMMANDS[command].parse(args)


def run(command: str, args: list[str]) -> int | None:
    """Run `bailcheck COMMAND ARGS` and give its exit code, or None if Typer must parse them."""
    spec = COMMANDS.get(command)
    parsed = spec.parse(args) if spec is not None else None
    if spec is None or parsed is None:
        return None
    paths, values = parsed
    return guarded(spec.run, paths, **values)
