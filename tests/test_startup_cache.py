"""The shipped trees of the built-in rule files (bailcheck/rules/builtin_nodes.json): fresh,
identical to parsing, and used only for the very text, version and reader they were made from."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bailcheck import resources
from bailcheck.record import source as yaml_source
from bailcheck.rules import cache
from bailcheck.rules.policy import load_policy

ROOT = Path(__file__).resolve().parents[1]
POLICIES = ROOT / "policies"


@pytest.fixture()
def fresh_cache() -> Iterator[None]:
    """The artefact read again for the test, and again after it."""
    cache._shipped.cache_clear()
    yield
    cache._shipped.cache_clear()


@pytest.fixture()
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the YAML reader is asked to parse."""
    seen: list[str] = []
    real = yaml_source.parse

    def counting(text: str, name: str) -> yaml_source.Node:
        seen.append(name)
        return real(text, name)

    monkeypatch.setattr(yaml_source, "parse", counting)
    return seen


def test_the_shipped_artefact_is_fresh() -> None:
    made = cache.build(cache.builtin_files(POLICIES))
    assert cache.ARTEFACT.read_text(encoding="utf-8") == made, (
        "the parsed built-in rules are stale: run `python scripts/build_policy_cache.py`")


def test_every_built_in_file_is_in_it_and_gives_the_parsed_tree(fresh_cache: None) -> None:
    files = cache.builtin_files(resources.builtin("policies"))
    assert files
    shipped = cache._shipped()
    assert len(shipped) == len(files)
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert cache.text_digest(text) in shipped, path
        parsed = yaml_source.parse(cache.without_examples(text), str(path))
        assert cache.parse_without_examples(text, str(path)) == parsed


def test_check_reads_no_built_in_file_as_yaml(fresh_cache: None, parses: list[str]) -> None:
    policy = load_policy([resources.builtin("policies")], examples=False)
    assert policy.rules
    assert parses == []


def test_the_digest_is_still_of_the_rule_files(fresh_cache: None) -> None:
    digest = hashlib.sha256()
    for path in cache.builtin_files(resources.builtin("policies")):
        digest.update(f"{path.name}\0{path.read_text(encoding='utf-8')}\0".encode())
    assert load_policy([resources.builtin("policies")], examples=False).digest == (
        digest.hexdigest()[:12])


def test_the_digests_are_hashlib_s() -> None:
    for path in cache.builtin_files(POLICIES):
        data = path.read_bytes()
        assert cache.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    twice = cache.sha256(b"a")
    twice.update(b"b")
    assert twice.hexdigest() == hashlib.sha256(b"ab").hexdigest()


def test_a_changed_rule_file_is_parsed(tmp_path: Path, fresh_cache: None,
                                       parses: list[str]) -> None:
    folder = tmp_path / "policies"
    shutil.copytree(POLICIES, folder)
    target = folder / "curfew-and-reporting.yaml"
    text = target.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.strip().startswith("title:"))
    target.write_text(text.replace(first, first + " (as changed)", 1), encoding="utf-8")
    built_in = load_policy([POLICIES], examples=False)
    changed = load_policy([folder], examples=False)
    assert parses == [str(target)]  # the others are the built-in texts: taken from the artefact
    titles = {r.title for r in changed.rules} - {r.title for r in built_in.rules}
    assert len(titles) == 1 and next(iter(titles)).endswith("(as changed)")
    assert changed.digest != built_in.digest
    assert all(r.source.startswith(str(folder)) for r in changed.rules)


@pytest.mark.parametrize("change", ["version", "reader", "format", "damaged", "missing"])
def test_an_artefact_made_for_something_else_is_not_trusted(
        change: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_cache: None,
        parses: list[str]) -> None:
    data = json.loads(cache.ARTEFACT.read_text(encoding="utf-8"))
    if change in ("version", "reader", "format"):
        data[change] = 0 if change == "format" else "something else"
    artefact = tmp_path / "builtin_nodes.json"
    if change == "damaged":
        artefact.write_text(json.dumps(data)[:-100], encoding="utf-8")
    elif change != "missing":
        artefact.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(cache, "ARTEFACT", artefact)
    assert cache._shipped() == {}
    policy = load_policy([POLICIES], examples=False)
    assert len(parses) == len(cache.builtin_files(POLICIES))
    cache._shipped.cache_clear()
    monkeypatch.undo()
    assert load_policy([POLICIES], examples=False).digest == policy.digest


def test_a_changed_reader_makes_the_artefact_stale(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.reader_digest()
    copy = tmp_path / "source.py"
    copy.write_bytes(cache.READER[1].read_bytes() + b"\n# changed\n")
    monkeypatch.setattr(cache, "READER", (*cache.READER[:1], copy, *cache.READER[2:]))
    assert cache.reader_digest() != before


def test_check_writes_nothing_beside_the_package() -> None:
    package = Path(cache.__file__).resolve().parents[1]

    def listing() -> dict[str, float]:
        return {str(p): p.stat().st_mtime for p in package.rglob("*")
                if "__pycache__" not in p.parts}

    before = listing()
    done = subprocess.run([sys.executable, "-m", "bailcheck", "check", "--format", "json",
                           "--as-of", "2026-11-28", str(ROOT / "examples" / "picket-line.yaml")],
                          capture_output=True, text=True, timeout=120, check=False, cwd=ROOT)
    assert done.returncode == 1, done.stderr
    assert listing() == before
