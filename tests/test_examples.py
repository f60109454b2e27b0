"""Every sample record gives exactly the verdicts its `expect` block states, through the CLI."""

from __future__ import annotations

import pytest
import yaml
from tests.conftest import RECORDS, run_json

SAMPLES = sorted(p.name for p in RECORDS.glob("*.yaml"))


@pytest.mark.parametrize("name", SAMPLES)
def test_verdicts_match_expect(run, name: str) -> None:
    expected = yaml.safe_load((RECORDS / name).read_text())["expect"]["conditions"]
    code, out = run_json(run, f"examples/{name}")
    got = {c["id"]: c["verdict"] for c in out["records"][0]["conditions"]}
    assert got == expected
    assert code == (0 if set(expected.values()) <= {"ok", "needs_justification"} else 1)


def test_picket_line_reasons_cite_the_bulletin_and_s3a5(run) -> None:
    code, out = run_json(run, "examples/picket-line.yaml")
    assert code == 1
    for cond in out["records"][0]["conditions"]:
        citations = {c for f in cond["findings"] for c in f["citations"]}
        assert any("s.3A(5) (custody officer)" in c for c in citations)  # police bail
        assert "IPCC Learning the Lessons 31 (Dec 2017), case 7" in citations
        assert all(f["alternative"] for f in cond["findings"])
