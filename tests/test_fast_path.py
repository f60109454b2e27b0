"""The fast path of `bailcheck check` and `bailcheck report` (cli/fastpath.py) answers each
command line it takes exactly as the Typer command does, and hands every other command line to
Typer."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import typer
from tests.conftest import deny_reading
from typer.testing import CliRunner

from bailcheck.cli import check as check_command
from bailcheck.cli import fastpath, handler
from bailcheck.cli import report as report_command
from bailcheck.cli.app import FAST_PATH, build
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
    [PICKET, *DAY, "--explain", "--condition", "-"],
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
    [PICKET, *DAY, "--condition", "--"],
    [PICKET, *DAY, "--policy"],
    ["", *DAY],
    [PICKET, *DAY, "--", ""],
]


def typer_outcome(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(build("check"), ["check", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def fast_outcome(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = fastpath.run("check", args)
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
    parsed = fastpath.parse("check", args)
    assert parsed is not None
    paths, values = parsed
    assert seen == [{"paths": paths, **values}]


@pytest.mark.parametrize("args", REFUSED, ids=lambda a: " ".join(a)[-60:] or "(none)")
def test_anything_unusual_goes_to_typer(at_root: None, args: list[str]) -> None:
    assert fastpath.parse("check", args) is None


def test_an_unreadable_record_is_taken_as_typer_takes_it(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.yaml"
    locked.write_text("x: 1\n", encoding="utf-8")
    deny_reading(monkeypatch, locked)
    # the record's own error (tests/test_reliability.py), as the Typer command also leaves it
    parsed = fastpath.parse("check", [str(locked)])
    assert parsed is not None and parsed[0] == [locked]
    typer_paths = typer.main.get_command(build("check")).commands["check"].params[0]
    assert typer_paths.name == "paths" and typer_paths.type.readable is False
    # an unreadable --policy folder is still Typer's to refuse, with its message
    assert fastpath.parse("check", ["--policy", str(locked), PICKET]) is None


@pytest.mark.parametrize("name", sorted(fastpath.COMMANDS))
def test_the_tables_are_the_typer_commands_options(name: str) -> None:
    group = typer.main.get_command(build(name))
    command = group.commands[name]  # type: ignore[attr-defined]
    table = fastpath.COMMANDS[name]
    names: set[str] = set()
    defaults: dict[str, Any] = {}
    for param in command.params:
        if param.name == "paths" or "--help" in param.opts:
            continue
        names.update(param.opts, param.secondary_opts)
        defaults[param.name] = param.default
    assert names == set(table.valued) | set(table.flags)
    assert defaults == table.defaults
    flags = {p.name for p in command.params if getattr(p, "is_flag", False)}
    assert {dest for dest, _ in table.flags.values()} == flags - {"help"}
    multiple = {p.name for p in command.params if getattr(p, "multiple", False)}
    assert set(table.repeatable) == multiple - {"paths"}


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
    monkeypatch.setattr(handler, "discard_output", lambda: None)  # keep the test's stdout
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


# -- bailcheck report

EXAMPLES = str(ROOT / "examples")
REPORT_DAY = ["--as-of", "2026-03-02"]

REPORT_TAKEN = [  # command lines after `report` that the fast path takes; OUT is the folder
    [EXAMPLES, *REPORT_DAY, "-o", "OUT/r.html"],
    [EXAMPLES, *REPORT_DAY, "--output=OUT/r.json", "--csv", "OUT/c.csv"],
    [EXAMPLES, *REPORT_DAY, "-o", "OUT/r.md", "--force", "--since", "2024-01-01"],
    [EXAMPLES, *REPORT_DAY, "-f", "json", "--until=2030-12-31", "-q"],
    [EXAMPLES, *REPORT_DAY, "--format", "md", "--jobs", "2", "--no-force"],
    [EXAMPLES, *REPORT_DAY, "--format=json", "--since", "2030-01-01"],
    [EXAMPLES, *REPORT_DAY, "--format=json", "--since", "2030-01-01", "--until", "2029-01-01"],
    [EXAMPLES, *REPORT_DAY, "-f", "json", "--no-builtin", "--policy", POLICIES],
    [EXAMPLES, *REPORT_DAY, "-f", "json", "--no-builtin"],
    [PICKET, CLEAN, *REPORT_DAY, "-f", "json", "-j", "1", "--builtin"],
    ["--", PICKET, *REPORT_DAY, "-f", "md"],
    ["no-such-folder", *REPORT_DAY, "-f", "json"],
    [EXAMPLES, *REPORT_DAY, "-o", "OUT/existing.json"],
    [EXAMPLES, *REPORT_DAY, "-o", "-", "--format", "json"],
    [EXAMPLES, *REPORT_DAY, "-o", "OUT/existing.json", "--force"],
]

REPORT_REFUSED = [
    [],
    ["--help"],
    [EXAMPLES, "--help"],
    [*REPORT_DAY],
    [EXAMPLES, "--format", "xml"],
    [EXAMPLES, "--format", "text"],
    [EXAMPLES, "-f"],
    [EXAMPLES, "-o"],
    [EXAMPLES, "-o", ""],
    [EXAMPLES, "--csv"],
    [EXAMPLES, "--since", "2026-02-30"],
    [EXAMPLES, "--until", "yesterday"],
    [EXAMPLES, "--force", "--no-force"],
    [EXAMPLES, "--force=yes"],
    [EXAMPLES, "-qf", "json"],
    [EXAMPLES, "--explain"],
    [EXAMPLES, "--fail-on", "note"],
    [EXAMPLES, "-v"],
    [EXAMPLES, "--jobs", "0"],
    [EXAMPLES, "-o", "r.html", "-o", "s.html"],
]


def _in(folder: Path, args: list[str]) -> list[str]:
    return [a.replace("OUT", str(folder)) for a in args]


def _report_outcome(folder: Path, args: list[str], run: Any) -> tuple[Any, ...]:
    """What a report run gives: exit code, stdout, stderr and every file it wrote."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    (folder / "existing.json").write_text("{}\n", encoding="utf-8")
    code, out, err = run(_in(folder, args))
    files = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
    return code, out.replace(str(folder), "OUT"), err.replace(str(folder), "OUT"), files


@pytest.mark.parametrize("args", REPORT_TAKEN, ids=lambda a: " ".join(a[1:])[-60:])
def test_the_fast_report_answers_as_typer(at_root: None, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str],
                                          args: list[str]) -> None:
    def fast(words: list[str]) -> tuple[int, str, str]:
        capsys.readouterr()
        code = fastpath.run("report", words)
        assert code is not None, "the fast path refused a command line it should take"
        out, err = capsys.readouterr()
        return code, out, err

    def slow(words: list[str]) -> tuple[int, str, str]:
        result = CliRunner().invoke(build("report"), ["report", *words], catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    answer = _report_outcome(tmp_path / "out", args, fast)
    assert answer == _report_outcome(tmp_path / "out", args, slow)
    assert answer[0] in (0, 2)


@pytest.mark.parametrize("args", REPORT_TAKEN, ids=lambda a: " ".join(a[1:])[-60:])
def test_the_fast_report_reads_the_values_typer_reads(at_root: None, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      args: list[str]) -> None:
    seen: list[dict[str, Any]] = []

    def record(paths: list[Path], **values: Any) -> int:
        seen.append({"paths": paths, **values})
        return 0

    monkeypatch.setattr(report_command, "run_report", record)
    words = _in(tmp_path, args)
    result = CliRunner().invoke(build("report"), ["report", *words], catch_exceptions=False)
    assert result.exit_code == 0
    parsed = fastpath.parse("report", words)
    assert parsed is not None
    paths, values = parsed
    assert seen == [{"paths": paths, **values}]


@pytest.mark.parametrize("args", REPORT_REFUSED, ids=lambda a: " ".join(a[1:])[-60:] or "(none)")
def test_anything_unusual_in_a_report_goes_to_typer(at_root: None, args: list[str]) -> None:
    assert fastpath.parse("report", args) is None


def test_only_check_and_report_have_a_fast_path() -> None:
    assert sorted(fastpath.COMMANDS) == ["check", "report"] == sorted(FAST_PATH)
    assert fastpath.run("draft", [PICKET]) is None
