"""Configuration discovery: `bailcheck.toml`, or `[tool.bailcheck]` in `pyproject.toml`, in the
working directory or the nearest parent that has one.

    policy = ["force-rules"]       # rule folders layered over the built-in set, relative to the file
    fail_on = "disproportionate"   # what makes `check` exit 1
    templates = "our-templates"    # draft templates, relative to the file
    format = "text"                # check's output format
    jobs = 2                       # worker processes

Options given on the command line win over the file; `--no-config` ignores it. A key the file
should not hold is an error at file:line with the nearest known key suggested, as in records.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from bailcheck.errors import Problem, UsageError
from bailcheck.findings import FAIL_ON
from bailcheck.record.validate import suggest

NAMES = ("bailcheck.toml", "pyproject.toml")
KEYS = ("policy", "fail_on", "templates", "format", "jobs")
MAX_JOBS = 64


class Config:
    """A configuration file's settings, paths already resolved against the file's folder.
    (A plain class: it is defined on every start, where a dataclass costs a millisecond.)"""

    __slots__ = ("path", "positions", "values")

    def __init__(self, path: Path, values: dict[str, Any] | None = None,
                 positions: dict[str, tuple[int, int]] | None = None) -> None:
        self.path = path
        self.values: dict[str, Any] = {} if values is None else values
        # key -> (line, column)
        self.positions: dict[str, tuple[int, int]] = {} if positions is None else positions

    def __repr__(self) -> str:
        return f"Config(path={self.path!r}, values={self.values!r}, positions={self.positions!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return ((self.path, self.values, self.positions)
                == (other.path, other.values, other.positions))

    __hash__ = None  # type: ignore[assignment]  # mutable dicts inside, as before

    def problem(self, key: str, message: str, hint: str = "") -> UsageError:
        """An error about a setting, at the line that sets it."""
        line, column = self.positions.get(key, (1, 1))
        return UsageError([Problem(str(self.path), line, column, message, hint)])


def discover(start: Path | None = None) -> Path | None:
    """The configuration file for a run started in `start` (default: the working directory):
    in the nearest folder, upwards, holding `bailcheck.toml` or a `pyproject.toml` with a
    `[tool.bailcheck]` table; `bailcheck.toml` first where a folder has both."""
    folder = (start or Path.cwd()).absolute()
    for here in (folder, *folder.parents):
        candidate = here / "bailcheck.toml"
        if candidate.is_file():
            return candidate
        pyproject = here / "pyproject.toml"
        if pyproject.is_file() and _mentions_tool(pyproject):
            return pyproject
    return None


_TOOL_TABLE = r"^\s*\[\s*tool\s*\.\s*bailcheck\s*\]"  # compiled when first used


def _mentions_tool(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
        return re.search(_TOOL_TABLE, text, re.MULTILINE) is not None
    except OSError:
        return False


def load(path: Path) -> Config:
    """Read and check a configuration file; every problem is reported at file:line."""
    import tomllib

    from bailcheck.files import read_text

    source = read_text(path)
    name = str(path)
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        line, column = _position(str(exc), source)
        raise UsageError([Problem(name, line, column, f"not valid TOML: {_reason(str(exc))}",
                                  "see https://toml.io")]) from None
    in_pyproject = path.name == "pyproject.toml"
    table = data.get("tool", {}).get("bailcheck", {}) if in_pyproject else data
    if not isinstance(table, dict):
        raise UsageError([Problem(name, 1, 1, "`tool.bailcheck` must be a table")])
    lines = {key: _line_of(source, key, "tool.bailcheck" if in_pyproject else "")
             for key in table}
    problems = []
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            line, column = lines[key]
            problems.append(Problem(name, line, column, f"unknown key `{key}` in {_label(path)}",
                                    suggest(key, KEYS)))
            continue
        try:
            values[key] = _check(key, value, path.parent)
        except ValueError as exc:
            line, column = lines[key]
            message, _, hint = str(exc).partition("\0")
            problems.append(Problem(name, line, column, message, hint))
    if problems:
        raise UsageError(problems)
    return Config(path, values, lines)


def _label(path: Path) -> str:
    return "[tool.bailcheck]" if path.name == "pyproject.toml" else path.name


def _check(key: str, value: Any, folder: Path) -> Any:
    """A setting's value as the commands take it, or ValueError("message\\0hint")."""
    if key == "policy":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise ValueError("`policy` must be a folder or a list of folders\0"
                             'e.g. policy = ["force-rules"]')
        out = []
        for item in items:
            full = Path(os.path.normpath(folder / item))
            if not full.is_dir():
                raise ValueError(f"policy folder `{item}` does not exist (looked for {full})\0"
                                 "folders are relative to the configuration file")
            out.append(full)
        return out
    if key == "templates":
        if not isinstance(value, str):
            raise ValueError('`templates` must be a folder\0e.g. templates = "our-templates"')
        full = Path(os.path.normpath(folder / value))
        if not full.is_dir():
            raise ValueError(f"templates folder `{value}` does not exist (looked for {full})\0"
                             "folders are relative to the configuration file")
        return full
    if key == "fail_on":
        if not isinstance(value, str) or value not in FAIL_ON:
            raise ValueError(f"`fail_on` must be a verdict, not {value!r}\0"
                             + suggest(str(value), FAIL_ON))
        return value
    if key == "format":
        from bailcheck.render.base import FORMATS

        if not isinstance(value, str) or value not in FORMATS["check"]:
            raise ValueError(f"`format` must be one of check's formats, not {value!r}\0"
                             + suggest(str(value), list(FORMATS["check"])))
        return value
    # jobs
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_JOBS:
        raise ValueError(f"`jobs` must be a whole number from 1 to {MAX_JOBS}, not {value!r}\0"
                         "e.g. jobs = 2")
    return value


_KEY = r'^\s*(?:"{0}"|\'{0}\'|{0})\s*='


def _line_of(source: str, key: str, table: str) -> tuple[int, int]:
    """Where `key` is set: its line and column in the file (tomllib gives no positions), in the
    named table or, for "", before any table; a `[key]` table header counts too."""
    current = ""
    pattern = re.compile(_KEY.format(re.escape(key)))
    header = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+")
    for number, line in enumerate(source.splitlines(), 1):
        found = header.match(line)
        if found:
            current = re.sub(r"\s*\.\s*", ".", found.group(1)).replace('"', "")
            if current == (f"{table}.{key}" if table else key):
                return number, line.index("[") + 1
            continue
        if current == table and pattern.match(line):
            return number, len(line) - len(line.lstrip()) + 1
    return 1, 1


def _position(message: str, source: str) -> tuple[int, int]:
    found = re.search(r"at line (\d+), column (\d+)", message)
    if found:
        return int(found.group(1)), int(found.group(2))
    if "end of document" in message:
        lines = source.splitlines() or [""]
        return len(lines), len(lines[-1]) + 1
    return 1, 1


def _reason(message: str) -> str:
    return re.sub(r"\s*\((at line \d+, column \d+|at end of document)\)", "", message)
