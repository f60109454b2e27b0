from __future__ import annotations

import json
import os
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bailcheck import resources
from bailcheck.cli.app import app
from bailcheck.engine import evaluate
from bailcheck.findings import RecordReport
from bailcheck.record.source import parse
from bailcheck.record.validate import validate
from bailcheck.rules.policy import Policy, load_policy

ROOT = Path(__file__).resolve().parents[1]
RECORDS = ROOT / "examples"
TODAY = date(2026, 11, 28)


@pytest.fixture(scope="session")
def builtin_policy() -> Policy:
    return load_policy([resources.builtin("policies")])


@pytest.fixture()
def run(monkeypatch: pytest.MonkeyPatch):
    """Run the CLI with a fixed date, no colour and a fixed working directory."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(ROOT)
    runner = CliRunner()

    def invoke(*args: str) -> Any:
        return runner.invoke(app, [*args], catch_exceptions=False)

    return invoke


def run_json(run: Any, *args: str) -> tuple[int, dict[str, Any]]:
    result = run("check", "--as-of", TODAY.isoformat(), "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def deny_reading(monkeypatch: pytest.MonkeyPatch, path: Path, opening: bool = False) -> None:
    """Make `path` unreadable to this process, as a mode-000 file is to anyone but root (the
    tests may run as root, who can read everything): os.access says no, and with `opening`
    os.open fails as the system would."""
    access, real_open = os.access, os.open
    monkeypatch.setattr(os, "access", lambda target, mode, **kw: os.fspath(target) != str(path)
                        and access(target, mode, **kw))
    if opening:
        def denied(target: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if os.fspath(target) == str(path):
                raise PermissionError(13, "Permission denied")
            return real_open(target, flags, *args, **kwargs)
        monkeypatch.setattr(os, "open", denied)


def evaluate_text(text: str, policy: Policy) -> RecordReport:
    return evaluate(validate(parse(textwrap.dedent(text), "test.yaml")), policy, TODAY)
