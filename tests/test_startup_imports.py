"""`bailcheck check` imports only what checking needs: no document, calendar or chart library,
none of the other commands, and no module of ours that only other commands use."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PICKET = str(ROOT / "examples" / "picket-line.yaml")

# never on check's path, whatever its format
NEVER = (
    "jinja2", "docx", "docxtpl", "icalendar", "holidays", "matplotlib", "numpy",
    "bailcheck.documents", "bailcheck.regress",
    "bailcheck.rules.examples", "bailcheck.cli.documents", "bailcheck.cli.policy",
    "bailcheck.cli.regress", "bailcheck.cli.report", "bailcheck.render.templating",
    "bailcheck.render.docx_out", "bailcheck.render.ics", "bailcheck.render.policy_text",
    "bailcheck.record.write", "bailcheck.record.jsonschema",
)
# nor, for the plain formats, the standard library's writers and readers that only other
# paths need (SARIF reads the installed package's metadata, which brings some of them)
PLAIN_NEVER = ("tomllib", "zipfile", "importlib.resources", "importlib.metadata", "tempfile",
               "email", "random", "hashlib", "_hashlib")

CODE = """
import json, sys
out, sys.argv = sys.argv[1], ["bailcheck", *sys.argv[2:]]
from bailcheck.cli.app import main
try:
    main()
except SystemExit as done:
    code = done.code
with open(out, "w") as handle:
    json.dump({"code": code, "modules": sorted(sys.modules)}, handle)
"""


def modules_after(tmp_path: Path, *args: str) -> tuple[int, set[str]]:
    """The exit code and every module imported by a run of `bailcheck ARGS`."""
    out = tmp_path / "modules.json"
    done = subprocess.run([sys.executable, "-c", CODE, str(out), *args], capture_output=True,
                          text=True, timeout=120, cwd=tmp_path, check=False,
                          env={**os.environ, "NO_COLOR": "1"})
    assert out.exists(), done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    return data["code"], set(data["modules"])


def imported(modules: set[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


@pytest.mark.parametrize("format", ["json", "text", "sarif", "junit"])
def test_check_imports_nothing_it_does_not_need(tmp_path: Path, format: str) -> None:
    code, modules = modules_after(tmp_path, "check", "--format", format, "--as-of",
                                  "2026-11-28", PICKET)
    assert code == 1
    assert "bailcheck.engine" in modules  # it did check the record
    assert [name for name in NEVER if imported(modules, name)] == []
    if format in ("json", "text"):
        assert [name for name in PLAIN_NEVER if imported(modules, name)] == []
    if format == "json":
        assert "bailcheck.render.text" not in modules


def test_a_plain_check_never_imports_typer(tmp_path: Path) -> None:
    code, modules = modules_after(tmp_path, "check", PICKET, "--format", "json", "--as-of",
                                  "2026-11-28")
    assert code == 1
    assert "bailcheck.engine" in modules
    assert [m for m in ("typer", "click", "bailcheck.cli.whole", "bailcheck.cli.options")
            if imported(modules, m)] == []
    # the test sees Typer when the command line goes to it
    code, modules = modules_after(tmp_path, "check", PICKET, "--format", "xml")
    assert code == 2
    assert "typer" in modules


def test_a_configuration_file_brings_only_the_toml_reader(tmp_path: Path) -> None:
    (tmp_path / "bailcheck.toml").write_text('format = "json"\n', encoding="utf-8")
    code, modules = modules_after(tmp_path, "check", "--as-of", "2026-11-28", PICKET)
    assert code == 1
    assert "tomllib" in modules
    unneeded = [*NEVER, *PLAIN_NEVER]
    assert [name for name in unneeded if name != "tomllib" and imported(modules, name)] == []


def test_the_test_sees_what_other_commands_import(tmp_path: Path) -> None:
    code, modules = modules_after(tmp_path, "policy", "list", "--as-of", "2026-11-28")
    assert code == 0
    assert "bailcheck.cli.policy" in modules  # so the check above can fail


@pytest.mark.parametrize("format", ["json", "html"])
def test_a_plain_report_never_imports_typer(tmp_path: Path, format: str) -> None:
    out = str(tmp_path / f"report.{format}")
    code, modules = modules_after(tmp_path, "report", PICKET, "-o", out, "--as-of", "2026-11-28")
    assert code == 0
    assert "bailcheck.documents.report_monitor" in modules  # it did make the report
    assert [m for m in ("typer", "click", "bailcheck.cli.whole", "bailcheck.cli.options",
                        "bailcheck.cli.report") if imported(modules, m)] == []
    if format == "html":  # the page's own process imports Jinja2, while records are checked
        assert "jinja2" not in modules
    code, modules = modules_after(tmp_path, "report", PICKET, "-o", out, "--format", "xml")
    assert code == 2
    assert "typer" in modules
