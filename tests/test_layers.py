"""The package's layers hold (the import-linter contracts in pyproject.toml) and it passes
`mypy --strict` as configured there."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from tests.conftest import ROOT


def test_import_contracts_hold() -> None:
    tool = shutil.which("lint-imports", path=os.path.dirname(sys.executable))
    if tool is None:
        pytest.skip("import-linter is not installed (it is in the test extras)")
    result = subprocess.run([tool], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:]




def test_the_package_type_checks_strictly() -> None:
    pytest.importorskip("mypy", reason="mypy is in the test extras")
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]


GENERATED = ("src/bailcheck/documents/report_page_code.py",)  # Jinja2's compiled template


def test_no_module_is_over_350_lines() -> None:
    long = {str(p.relative_to(ROOT)): n for p in sorted((ROOT / "src").rglob("*.py"))
            if (n := len(p.read_text().splitlines())) > 350
            and str(p.relative_to(ROOT)) not in GENERATED}
    assert long == {}
