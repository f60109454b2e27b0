"""`bailcheck check`'s fast path (cli/fastcheck.py) answers each command line it takes exactly
as the Typer command does, and hands every other command line to Typer."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from bailcheck.cli import check as check_command
from bailcheck.cli import fastcheck, handler
from bailcheck.cli.app import build
from bailcheck.errors import UsageError

ROOT = Path(__file__).resolve().parents[1]
PICKET = str(ROOT / "examples" / "picket-line.yaml")
CLEAN = str(ROOT / "examples" / "clean-reporting.yaml")
DAY = ["--as-of", "2026-11-28"]
POLICIES = str(ROOT / "policies")

TAKEN = [  # command lines after `check` that the fast path takes
    [PICKET, *DAY],
    [PICKET, CLEAN, "--as-of=2026-11-28"],
    [PICKET, *DAY, "--format", "json"],
    [PICKET, *DAY, "--format=sarif"],
    [PICKET, *DAY, "-f", "junit"],
    [PICKET, *DAY, "-f", "gitlab", "-q"],
    [PICKET, *DAY, "--for", "solicitor"],
    [PICKET, *DAY, "--for=policy"],
    [PICKET, *DAY, "--explain", "--condition", "c1"],
    [PICKET, *DAY, "--explain", "--condition=c2"],
    [PICKET, *DAY, "--fail-on", "disproportionate", "--quiet"],
    [PICKET, *DAY, "--fail-on=note"],
    [PICKET, *DAY, "-v"],
    [PICKET, *DAY, "--verbose", "--no-config"],
    [PICKET, *DAY, "--no-builtin", "--policy", POLICIES],
    [PICKET, *DAY, "--builtin", f"--policy={POLICIES}", "--policy", POLICIES],
    [PICKET, *DAY, "--policy", "no-such-folder"],
    [PICKET, *DAY, "--no-builtin"],
    [PICKET, *DAY, "--jobs", "2"],
    [PICKET, *DAY, "-j", "064", "--format", "json"],
    ["--", PICKET, *DAY],
    [*DAY, "--", PICKET, CLEAN],
    ["no-such-record.yaml", *DAY],
    [str(ROOT / "examples"), *DAY, "--format", "json"],
    [str(ROOT / "pyproject.toml"), *DAY],
]

REFUSED = [  # and those it leaves to Typer
    [],
    ["--help"],
    ["-h"],
    [PICKET, "--help"],
    [*DAY],
    ["--"],
    [PICKET, *DAY, "--bogus"],
    [PICKET, *DAY, "--forma", "json"],
    [PICKET, *DAY, "--version"],
    [PICKET, *DAY, "--format", "xml"],
    [PICKET, *DAY, "--format"],
    [PICKET, *DAY, "--format="],
    [PICKET, *DAY, "--format", ""],
    [PICKET, *DAY, "--format", "-q"],
    [PICKET, *DAY, "-fjson"],
    [PICKET, *DAY, "-f=json"],
    [PICKET, *DAY, "-qv"],
    [PICKET, *DAY, "-x"],
    [PICKET, *DAY, "--quiet", "--verbose"],
    [PICKET, *DAY, "-q", "-v"],
    [PICKET, *DAY, "--quiet=yes"],
    [PICKET, *DAY, "--format", "json", "--format", "text"],
    [PICKET, *DAY, "--builtin", "--no-builtin"],
    [PICKET, "--as-of", "2026-13-01"],
    [PICKET, "--as-of"],
    [PICKET, *DAY, "--fail-on", "nope"],
    [PICKET, *DAY, "--for", "judge"],
    [PICKET, *DAY, "--jobs", "0"],
    [PICKET, *DAY, "--jobs", "65"],
    [PICKET, *DAY, "--jobs", "many"],
    [PICKET, *DAY, "--jobs", "+2"],
    [PICKET, *DAY, "--jobs", "²"],
    [PICKET, *DAY, "--condition", "-c1"],
    [PICKET, *DAY, "--policy"],
    ["", *DAY],
    [PICKET, *DAY, "--", ""],
]


def typer_outcome(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(build("check"), ["check", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def fast_outcome(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = fastcheck.run(args)
    assert code is not None, "the fast path refused a command line it should take"
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("args", TAKEN, ids=lambda a: " ".join(a)[-60:])
def test_the_fast_path_answers_as_typer(at_root: None, capsys: pytest.CaptureFixture[str],
                                        args: list[str]) -> None:
    assert fast_outcome(args, capsys) == typer_outcome(args)


@pytest.mark.parametrize("args", TAKEN, ids=lambda a: " ".join(a)[-60:])
def test_the_fast_path_reads_the_values_typer_reads(at_root: None,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    args: list[str]) -> None:
    seen: list[dict[str, Any]] = []

    def record(paths: list[Path], **values: Any) -> int:
        seen.append({"paths": paths, **values, "given": frozenset(values["given"])})
        return 0

    monkeypatch.setattr(check_command, "run_check", record)
    assert typer_outcome(args)[0] == 0
    parsed = fastcheck.parse(args)
    assert parsed is not None
    paths, values = parsed
    assert seen == [{"paths": paths, **values}]


@pytest.mark.parametrize("args", REFUSED, ids=lambda a: " ".join(a)[-60:] or "(none)")
def test_anything_unusual_goes_to_typer(at_root: None, args: list[str]) -> None:
    assert fastcheck.parse(args) is None


def test_an_unreadable_record_goes_to_typer(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.yaml"
    locked.write_text("x: 1\n", encoding="utf-8")
    assert fastcheck.parse([str(locked)]) is not None
    readable = os.access  # Typer's Path type refuses an existing file it may not read
    monkeypatch.setattr(os, "access", lambda path, mode: path != str(locked) and readable(
        path, mode))
    assert fastcheck.parse([str(locked)]) is None
    assert fastcheck.parse(["--policy", str(locked), PICKET]) is None


def test_the_tables_are_the_typer_commands_options() -> None:
    group = typer.main.get_command(build("check"))
    command = group.commands["check"]  # type: ignore[attr-defined]
    names: set[str] = set()
    defaults: dict[str, Any] = {}
    for param in command.params:
        if param.name == "paths" or "--help" in param.opts:
            continue
        names.update(param.opts, param.secondary_opts)
        defaults[param.name] = param.default
    assert names == set(fastcheck.VALUED) | set(fastcheck.FLAGS)
    assert defaults == fastcheck.DEFAULTS
    flags = {p.name for p in command.params if getattr(p, "is_flag", False)}
    assert {dest for dest, _ in fastcheck.FLAGS.values()} == flags - {"help"}
    multiple = {p.name for p in command.params if getattr(p, "multiple", False)}
    assert set(fastcheck.REPEATABLE) == multiple - {"paths"}


CONFIGS = [
    ("bailcheck.toml", 'format = "json"\nfail_on = "disproportionate"\n'),
    ("pyproject.toml", '[project]\nname = "x"\n\n[tool.bailcheck]\nformat = "sarif"\njobs = 2\n'),
    ("bailcheck.toml", f'policy = ["{POLICIES}"]\n'),
    ("bailcheck.toml", 'formt = "json"\n'),
    ("bailcheck.toml", "format = [\n"),
    (None, ""),
]


@pytest.mark.parametrize("config", CONFIGS, ids=[f"{c[0]}: {c[1][:20]!r}" for c in CONFIGS])
@pytest.mark.parametrize("extra", [[], ["--format", "text"], ["--jobs", "1"], ["--no-config"],
                                   ["-v"], ["--policy", POLICIES, "-v"]], ids=" ".join)
def test_configuration_files_apply_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str],
                                            config: tuple[str | None, str],
                                            extra: list[str]) -> None:
    name, text = config
    if name is not None:
        (tmp_path / name).write_text(text, encoding="utf-8")
    inner = tmp_path / "cases"
    inner.mkdir()
    monkeypatch.chdir(inner)
    monkeypatch.setenv("NO_COLOR", "1")
    args = [PICKET, *DAY, *extra]
    assert fast_outcome(args, capsys) == typer_outcome(args)


def _raising(exc: BaseException) -> Any:
    def command() -> int:
        raise exc
    return command


@pytest.mark.parametrize("exc, code", [
    (UsageError("bailcheck: no such thing"), 2),
    (KeyboardInterrupt(), 130),
    (BrokenPipeError(), 141),
    (RuntimeError("boom"), 3),
], ids=lambda v: type(v).__name__ if isinstance(v, BaseException) else str(v))
def test_the_fast_path_handles_errors_as_typer_commands(capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        exc: BaseException, code: int) -> None:
    monkeypatch.setattr(handler, "_quiet_pipe", lambda: None)  # keep the test's stdout
    monkeypatch.delenv("BAILCHECK_DEBUG", raising=False)
    assert handler.guarded(_raising(exc)) == code
    fast = capsys.readouterr()
    with pytest.raises(typer.Exit) as stopped:
        handler.handled(_raising(exc))()
    assert stopped.value.exit_code == code
    assert capsys.readouterr() == fast
    assert fast.out == "" and (fast.err != "") == (code != 141)


def test_debugging_and_exits_pass_through(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BAILCHECK_DEBUG", "1")
    for wrapped in (lambda f: lambda: handler.guarded(f), handler.handled):
        with pytest.raises(RuntimeError):
            wrapped(_raising(RuntimeError("boom")))()
        with pytest.raises(SystemExit):
            wrapped(_raising(SystemExit(4)))()
    monkeypatch.delenv("BAILCHECK_DEBUG")
    with pytest.raises(typer.Exit):
        handler.handled(_raising(typer.Exit(code=5)))()
