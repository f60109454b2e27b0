"""`main` builds only the command the command line names: the app with that command alone
must answer every command line exactly as the whole app does (exit code, stdout, stderr),
configuration files included."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bailcheck.cli.app import COMMANDS, build, for_arguments

ROOT = Path(__file__).resolve().parents[1]
PICKET = str(ROOT / "examples" / "picket-line.yaml")
CLEAN = str(ROOT / "examples" / "clean-reporting.yaml")
DAY = ["--as-of", "2026-11-28"]

CHECK_LINES = [
    [],
    ["--help"],
    ["-h"],
    [PICKET, *DAY],
    [CLEAN, *DAY],
    [PICKET, CLEAN, *DAY, "--format", "json"],
    [PICKET, *DAY, "--format=sarif"],
    [PICKET, *DAY, "-fjunit"],
    [PICKET, *DAY, "-f", "github"],
    [PICKET, *DAY, "--format", "gitlab"],
    [PICKET, *DAY, "--for", "solicitor"],
    [PICKET, *DAY, "--for", "policy"],
    [PICKET, *DAY, "--explain", "--condition", "c1"],
    [PICKET, *DAY, "--fail-on", "disproportionate", "-q"],
    [PICKET, *DAY, "-v"],
    [PICKET, *DAY, "--no-config", "--verbose"],
    [PICKET, *DAY, "--quiet", "--verbose"],
    [PICKET, *DAY, "--no-builtin"],
    [PICKET, *DAY, "--no-builtin", "--policy", str(ROOT / "policies")],
    [PICKET, *DAY, "--policy", "no-such-folder"],
    [PICKET, *DAY, "--jobs", "0"],
    [PICKET, *DAY, "--jobs", "many"],
    [PICKET, "--as-of", "2026-13-01"],
    [PICKET, "--as-of"],
    [PICKET, *DAY, "--format", "xml"],
    [PICKET, *DAY, "--format"],
    [PICKET, *DAY, "--fail-on", "nope"],
    [PICKET, *DAY, "--for", "judge"],
    [PICKET, *DAY, "--bogus"],
    [PICKET, *DAY, "--forma", "json"],
    [PICKET, *DAY, "--version"],
    ["--", PICKET, *DAY],
    ["no-such-record.yaml", *DAY],
    [str(ROOT / "examples"), *DAY, "--format", "json"],
    [str(ROOT / "pyproject.toml"), *DAY],
]

OTHER_LINES = [
    ["schema"],
    ["policy", "list", *DAY],
    ["policy", "show", "no-such-rule"],
    ["policy"],
    ["draft", "--help"],
    ["draft", PICKET, "--for", "nobody"],
    ["reminders", "--help"],
    ["redact", "--help"],
    ["new", "--help"],
    ["regress", "--help"],
    ["report", "--help"],
    ["schema", "--bogus"],
]


def outcome(only: str | None, args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(build(only), args, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("args", CHECK_LINES, ids=lambda a: " ".join(a)[-60:] or "(none)")
def test_check_alone_answers_as_the_whole_app(at_root: None, args: list[str]) -> None:
    line = ["check", *args]
    assert for_arguments(line, {}) == "check"
    assert outcome("check", line) == outcome(None, line)


@pytest.mark.parametrize("args", OTHER_LINES, ids=" ".join)
def test_other_commands_alone_answer_as_the_whole_app(at_root: None, args: list[str]) -> None:
    assert for_arguments(args, {}) == args[0]
    assert outcome(args[0], args) == outcome(None, args)


CONFIGS = [  # (file, text, whether it is valid, what the report starts with)
    ("bailcheck.toml", 'format = "json"\nfail_on = "disproportionate"\n', True, "{"),
    ("pyproject.toml", '[project]\nname = "x"\n\n[tool.bailcheck]\nformat = "sarif"\njobs = 2\n',
     True, "{"),
    ("bailcheck.toml", 'formt = "json"\n', False, ""),  # unknown key: an error at file:line
    ("bailcheck.toml", "format = [\n", False, ""),  # not TOML
]


@pytest.mark.parametrize("config", CONFIGS, ids=[f"{c[0]}: {c[1][:20]!r}" for c in CONFIGS])
@pytest.mark.parametrize("extra", [[], ["--format", "text"], ["--no-config"], ["-v"]],
                         ids=" ".join)
def test_configuration_files_are_read_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               config: tuple[str, str, bool, str],
                                               extra: list[str]) -> None:
    name, text, valid, start = config
    (tmp_path / name).write_text(text, encoding="utf-8")
    inner = tmp_path / "cases"
    inner.mkdir()
    monkeypatch.chdir(inner)  # found from the working directory upwards
    monkeypatch.setenv("NO_COLOR", "1")
    line = ["check", PICKET, *DAY, *extra]
    fast = outcome("check", line)
    assert fast == outcome(None, line)
    used = "--no-config" not in extra
    assert fast[0] == (1 if valid or not used else 2)
    if valid and used and not extra:
        assert fast[1].startswith(start)


def test_which_command_is_built() -> None:
    assert for_arguments(["check", "a.yaml"], {}) == "check"
    assert for_arguments(["policy", "list"], {}) == "policy"
    for args in ([], ["--help"], ["--version"], ["-h", "check"], ["chec", "a.yaml"],
                 ["--show-completion", "bash"], ["--install-completion"]):
        assert for_arguments(args, {}) is None, args
    # a shell asking for completions gets the whole app, whatever the words
    assert for_arguments(["check"], {"_BAILCHECK_COMPLETE": "complete_bash"}) is None
    assert for_arguments(["check"], {"_PYTHON _M BAILCHECK_COMPLETE": "zsh_source"}) is None
    assert set(COMMANDS) == {c.name for c in build().registered_commands} | {"policy"}


def run_main(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    code = "import sys; sys.argv[0] = 'bailcheck'; from bailcheck.cli.app import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env={**os.environ, "NO_COLOR": "1"},
                          check=False, input=stdin)


def run_whole(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    code = "from bailcheck.cli.app import app; app(prog_name='bailcheck')"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env={**os.environ, "NO_COLOR": "1"},
                          check=False, input=stdin)


@pytest.mark.parametrize("args", [  # `main` takes the first few without Typer
    ["check", PICKET, *DAY, "--format", "json"],
    ["check", PICKET, CLEAN, "--as-of=2026-11-28", "-f", "sarif", "-v"],
    ["check", "--policy", str(ROOT / "policies"), f"--policy={ROOT / 'policies'}", "--", PICKET,
     *DAY, "--explain", "--for", "solicitor", "-q"],
    ["check", "no-such-record.yaml", *DAY, "--jobs", "2"],
    ["check", PICKET, *DAY, "--bogus"],
    ["check", PICKET, *DAY, "-qv"],
    ["check", PICKET, *DAY, "--format", "xml"],
    ["check", "--help"],
    ["--help"],
], ids=" ".join)
def test_main_answers_as_the_whole_app(args: list[str]) -> None:
    fast, whole = run_main(*args), run_whole(*args)
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        whole.returncode, whole.stdout, whole.stderr)


def test_main_reads_standard_input_as_the_whole_app() -> None:
    record = Path(PICKET).read_text(encoding="utf-8")
    fast = run_main("check", "-", *DAY, "--format", "json", stdin=record)
    whole = run_whole("check", "-", *DAY, "--format", "json", stdin=record)
    assert fast.returncode == 1
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        whole.returncode, whole.stdout, whole.stderr)
