"""The built wheel carries its policies: install it apart from the source tree and run it.

An editable install reads policies/ from the checkout, so it proves nothing about packaging.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "picket-line.yaml"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # build from a copy so nothing is written into the checkout
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(work / "dist"), str(source)],
                   check=True, capture_output=True)
    wheel = next((work / "dist").glob("bailcheck-*.whl"))
    target = work / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--target", str(target), str(wheel)], check=True, capture_output=True)
    return target


def test_wheel_runs_from_an_empty_directory(installed: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import bailcheck; "
            "assert bailcheck.__file__.startswith(sys.argv[1]), bailcheck.__file__; "
            "from bailcheck.cli.app import main; sys.argv = ['bailcheck'] + sys.argv[2:]; main()")
    result = subprocess.run(
        [sys.executable, "-c", code, str(installed), "check", "--format", "json",
         "--as-of", "2026-11-28", str(EXAMPLE)],
        cwd=empty, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": ""})
    assert result.returncode == 1, result.stderr
    out = json.loads(result.stdout)
    verdicts = [c["verdict"] for c in out["records"][0]["conditions"]]
    assert verdicts == ["disproportionate"] * 3
    assert list(empty.iterdir()) == []  # nothing written where the user did not ask
