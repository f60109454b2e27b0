"""The fast path of reading a record gives exactly what the strict reader and validator give.

Two layers are held to the strict ones: libyaml's composer (record/fast_source.py) to the strict
reader's Node tree, and the compiled field readers (record/fast_record.py) to the validated
Record: the same data, of the same types, in the same order, and the same line and column for
every path. Where the fast path is in doubt it must give up, so that errors read as before; it
must never accept what the strict path rejects.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from tests import fuzzing
from tests.conftest import ROOT

from bailcheck.errors import BailcheckError
from bailcheck.record import fast_record, fast_source, source
from bailcheck.record.node import MAX_NODES, Node
from bailcheck.record.validate import Record, load_record, validate

FIXTURES = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/cases/*.yaml"),
                   *ROOT.glob("policies/*.yaml"), *ROOT.glob("policies/examples/*.yaml")])
RECORDS = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/cases/*.yaml"),
                  *ROOT.glob("tests/data/*.yaml"), *ROOT.glob("tests/data/v1-records/*.yaml"),
                  *ROOT.glob("policies/examples/*.yaml"), *ROOT.glob("tests/drafts/*.yaml")])


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


# --- the validated record: fast against strict ---------------------------------------------------

def typed(value: Any) -> object:
    """A value with the type of every part spelt out (so True is not 1, nor 1.0 equal to 1)."""
    if isinstance(value, dict):
        return ("dict", [(k, typed(v)) for k, v in value.items()])
    if isinstance(value, list | tuple):
        return (type(value).__name__, [typed(v) for v in value])
    return (type(value).__name__, value)


def node_paths(node: Node, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every path into the tree, and a few that lead nowhere."""
    out = [path, (*path, "absent"), (*path, 0), (*path, -1), (*path, 999)]
    if node.kind == "mapping":
        for key, value in node.pairs:
            out += node_paths(value, (*path, key.text))
    elif node.kind == "sequence":
        for i, item in enumerate(node.items):
            out += node_paths(item, (*path, i))
    return out


def strict_record(text: str, name: str = "t.yaml") -> Record | str:
    """The strict reader and validator's record, or the error they report."""
    try:
        return validate(source.parse(text, name, source._strict(text, name)))
    except BailcheckError as exc:
        return f"error: {exc}"


def agree(text: str) -> bool:
    """Assert the fast path agrees with the strict one; True if it took the text."""
    got = fast_record.read(text, "t.yaml")
    if got is not None:
        same(got, strict_record(text))
    return got is not None


def same(got: Record | str, want: Record | str) -> None:
    """The same error, or the same record: data of the same types, positions for every path."""
    if isinstance(want, str) or isinstance(got, str):
        assert got == want, "the fast path accepted what the strict one rejects"
        return
    assert (got.path, typed(got.data)) == (want.path, typed(want.data))
    assert isinstance(want.root, Node)
    paths = node_paths(want.root)
    if len(paths) > 3000:  # a record of thousands of values: a fair sample of its paths
        paths = random.Random(len(paths)).sample(paths, 3000)
    for path in paths:
        assert position(got, path) == position(want, path), path


def loaded(path: Path) -> Record | str:
    try:
        return load_record(path)
    except BailcheckError as exc:
        return f"error: {exc}"


def position(record: Record, path: tuple[str | int, ...]) -> object:
    try:
        return record.mark(*path)
    except IndexError:  # a negative index past the start: both walks index the same way
        return "IndexError"


def test_every_fixture_record_is_read_on_the_fast_path_exactly() -> None:
    for path in RECORDS:
        text = path.read_text()
        assert agree(text), f"{path.name} should take the fast path"


def test_loading_a_file_reads_it_fast_and_an_error_as_the_strict_reader_does(
        tmp_path: Path) -> None:
    good = ROOT / "examples" / "picket-line.yaml"
    record = load_record(good)
    assert not isinstance(record.root, Node)  # libyaml's nodes: the fast path took it
    same(record, strict_record(good.read_text(), str(good)))
    bad = tmp_path / "bad.yaml"
    bad.write_text(good.read_text().replace("previous_convictions: ", "previous_convictions: 0"))
    assert loaded(bad) == strict_record(bad.read_text(), str(bad))
    assert str(loaded(bad)).startswith(f"error: {bad}:")


PLAUSIBLE = ("~", "", '""', "' '", "null", "'null'", "0", "00", "07", "0.5", "1.0", "12",
             '"12"', "12.", "1e3", "130", "131", "99999999999999999999999", "yes", "no", "On",
             '"yes"', "true", "19:00", '"19:00"', "7:5", "24:00", "09:00-17:00", '" 09:00 - 17:00 "',
             "2024-01-01", "2024-01-01T10:00", "2024-07-01T10:00+00:00", "2024-02-30", "1899-12-31",
             "  x  ", '"  x  "', "curfew", "' curfew '", "c1", "[]", "[~]", '[""]', "[mon, mon]",
             "{}", "[a, ~, b]", "{a: 1}", "first_court_date", "surrender")


def test_plausible_values_at_every_path_agree_with_the_strict_validator() -> None:
    rng = random.Random(20261201)
    taken = tried = 0
    for stem in ("clean-reporting", "picket-line", "domestic-precharge", "rui-with-conditions"):
        text = fuzzing.sample(stem)
        for path in fuzzing.key_paths(text):
            for value in rng.sample(PLAUSIBLE, 6):
                tried += 1
                taken += agree(fuzzing.set_value(text, path, value))
    assert tried > 1200
    assert taken > tried // 5  # many still validate, and so are taken on the fast path


def test_hostile_records_load_as_the_strict_validator_reads_them(tmp_path: Path) -> None:
    taken = 0
    for name, data in fuzzing.hostile_records(20261201, 1200):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            continue  # refused before either reader sees it
        if "\x00" in text:
            continue  # refused as binary before either reader sees it
        if len(text) > 100_000:
            continue  # thousands of items: slow to read strictly, and no different in kind
        path = tmp_path / name
        path.write_bytes(data)
        same(loaded(path), strict_record(text, str(path)))
        taken += agree(text)
    assert taken > 150


def test_line_mutations_agree_with_the_strict_validator() -> None:
    rng = random.Random(20261202)
    bases = [p.read_text() for p in RECORDS]
    taken = sum(agree(mutated(rng.choice(bases), rng)) for _ in range(2000))
    assert taken > 150


GOOD = fuzzing.sample("clean-reporting")


@pytest.mark.parametrize(("old", "new", "valid"), [
    ("previous_convictions: 0", "previous_convictions: 0\n  previous_convictions: 1", False),
    ("previous_convictions: 0", "previous_convictions: ~\n  previous_convictions: 1", False),
    ("previous_convictions: 0", "previous_convictions: 00", False),
    ("previous_convictions: 0", "previous_convictions: '0'", False),
    ("previous_convictions: 0", "previous_convictions: 0.0", False),
    ("previous_convictions: 0", "previous_convictions: ~", False),
    ("previous_convictions: 0", "previous_convicions: 0", False),
    ("previous_convictions: 0", "? [previous_convictions]\n  : 0", False),
    ("age: 41", "age: 41\n  address: ~\n  address: x", False),
    ("stage: post_charge", "stage: post_charge\nrelease: ~", False),
    ("c1: ok", "c1: ~\n    c1: ok", True),
    ("c1: ok", "c1: ok\n    c1: ok", False),
    ("type: reporting", "type: ' reporting '", True),
    ("type: reporting", "type: Reporting", False),
    ("type: reporting", "type: ~", False),
    ("type: reporting", "type: [reporting]", False),
    ("type: reporting", "type: reporting\n    id: c2", False),
    ("type: reporting", "type: reporting\n    radius_m: 5", False),
    ("days: [sat]", "days: ~", False),
    ("days: [sat]", "days: [sat, ~]", True),
    ("days: [sat]", "days: [sat, '']", False),
    ("window: 10:00-12:00", "window: '10:00 - 12:00'", True),
    ("window: 10:00-12:00", "window: 12:00", False),
    ("reason: Failed", "reason: ''\n    until: 2024-07-01\n    carried_over: no\n    x: Failed", False),
    ("made_at: 2024-06-03T14:05", "made_at: 2024-06-03T14:05+01:00", True),
    ("made_at: 2024-06-03T14:05", "made_at: '2024-06-03'", True),
    ("made_at: 2024-06-03T14:05", "made_at: 2024-06-03T24:05", False),
])
def test_doubtful_records_are_left_to_the_strict_validator(old: str, new: str,
                                                             valid: bool) -> None:
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    assert isinstance(strict_record(text), Record) == valid
    assert agree(text) == valid  # taken exactly when valid, and then read the same


def test_cross_field_problems_are_left_to_the_strict_validator() -> None:
    dup = GOOD.replace("conditions:\n", "conditions:\n  - {id: c9, type: doorstep, text: A}\n"
                       "  - {id: c9, type: doorstep, text: B}\n", 1)
    no_age = "\n".join(line for line in GOOD.splitlines() if "age:" not in line) + "\n"
    ghost = GOOD + "expect:\n  conditions: {c7: ok}\n"
    for text in (dup, no_age, ghost):
        assert fast_record.read(text, "t.yaml") is None
        assert str(strict_record(text)).startswith("error: ")


def test_a_record_with_too_many_values_is_left_to_the_strict_reader() -> None:
    many = GOOD.replace("person:\n", "person:\n  vulnerabilities:\n" + "  - x\n" * MAX_NODES, 1)
    assert fast_record.read(many, "t.yaml") is None
    assert "more than 100,000 values" in str(strict_record(many))


def test_a_short_text_cannot_hold_too_many_values() -> None:
    """Below fast_record's length threshold nodes are not counted: the densest YAML there is
    makes about one node a character, far from the eight the threshold allows for."""
    for text in ("a:\n" + "- - -\n" * 100, "? " * 300, "a: {" + "? ," * 100 + "}",
                 "a: [" + "[]," * 100 + "]", "a: [" + "{}," * 100 + "]"):
        root = fast_source.compose_yaml(text)
        assert root is not None
        assert fast_record._count(root) <= 2 * len(text)


# --- the node tree: libyaml's composer against the strict reader --------------------------------

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
    assert fast_record.read(text, "t.yaml") is None


def test_anything_unforeseen_on_the_fast_path_leaves_the_record_to_the_strict_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(node: object) -> object:
        raise ValueError("a reader's bug")

    path = ROOT / "examples" / "clean-reporting.yaml"
    monkeypatch.setattr(fast_record, "_RECORD", broken)
    assert fast_record.read(path.read_text(), str(path)) is None
    record = load_record(path)
    assert isinstance(record.root, Node)  # read by the strict reader
    same(record, strict_record(path.read_text(), str(path)))


def test_positions_of_what_the_record_does_not_hold_agree() -> None:
    good = ROOT / "examples" / "picket-line.yaml"
    fast = load_record(good)
    strict = strict_record(good.read_text(), str(good))
    assert isinstance(strict, Record) and not isinstance(fast.root, Node)
    for path in [("nothing",), ("nothing", 0), ("conditions", 99), ("conditions", 0, "nothing"),
                 ("person", "nothing"), (0,), ("stage", "deeper"), ()]:
        assert position(fast, path) == position(strict, path), path
        assert position(fast, path) == position(fast, path)  # the second asking, from the index
