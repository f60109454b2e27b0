"""The fast YAML path (record/fast_source.py) gives exactly the strict reader's tree, and where
it is in doubt it leaves the text to the strict reader, so every error reads as before."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from tests.conftest import ROOT

from bailcheck.errors import BailcheckError
from bailcheck.record import fast_source, source
from bailcheck.record.node import Node

FIXTURES = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/cases/*.yaml"),
                   *ROOT.glob("policies/*.yaml"), *ROOT.glob("policies/examples/*.yaml")])


def shape(node: Node) -> object:
    if node.kind == "scalar":
        return ("s", node.value, node.line, node.column, node.plain, node.path)
    if node.kind == "mapping":
        return ("m", node.line, node.column, [(shape(k), shape(v)) for k, v in node.pairs])
    return ("l", node.line, node.column, [shape(i) for i in node.items])


def strict(text: str) -> object:
    try:
        return shape(source._strict(text, "t.yaml"))
    except BailcheckError as exc:
        return ("error", str(exc))


def fast(text: str) -> object | None:
    node = fast_source.compose(text, "t.yaml")
    return None if node is None else shape(node)


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_fixtures_read_the_same_and_take_the_fast_path(path: Path) -> None:
    text = path.read_text()
    got = fast(text)
    if "*" not in text and "!" not in text:
        assert got is not None, "the fast path should take a plain record"
    if got is not None:
        assert got == strict(text)


MUTATIONS = ["", "  ", "- ", ": ", "[", "]", "{", "}", "'", '"', "\n", "#", "~", "|", ">",
             "&a ", "? ", "---\n", "...\n", "\t", ",", "-1", "0777", "19:00", "\x1b", "\u202e"]


def mutated(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(lines))
        action = rng.random()
        if action < 0.3:
            j = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:j] + rng.choice(MUTATIONS) + lines[i][j:]
        elif action < 0.5:
            del lines[i]
        elif action < 0.7:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif action < 0.85:
            lines[i] = " " * rng.randint(1, 6) + lines[i]
        else:
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
        if not lines:
            return ""
    return "".join(lines)


def test_mutated_records_agree_with_the_strict_reader() -> None:
    rng = random.Random(20261201)
    bases = [p.read_text() for p in FIXTURES if "examples" in str(p) or "cases" in str(p)]
    taken = 0
    for _ in range(3000):
        text = mutated(rng.choice(bases), rng)
        got = fast(text)
        if got is None:
            continue
        taken += 1
        assert got == strict(text), text
    assert taken > 1000  # most mutations still read on the fast path


@pytest.mark.parametrize("text", [
    "a: *x\n", "a: !!python/object:os.system x\n", "a: 1\n---\nb: 2\n", "",
    "a:\n" + "".join(" " * i + "- \n" for i in range(1, 70)),
    "a: " + "[" * 40 + "]" * 40 + "\n", "? [a, b]\n: c\n",
])
def test_doubtful_texts_are_left_to_the_strict_reader(text: str) -> None:
    assert fast(text) is None
