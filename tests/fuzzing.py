"""Hostile bail records, made deterministically from the sample records, for fuzz tests and
benchmarks/hostile_run.py. A library, not a test module: pytest collects nothing here.

Three families, each a set of small named mutations:

- text: byte-level damage to a valid record (lines deleted or duplicated, characters swapped,
  truncation, control characters, terminal escape sequences, bidi overrides, invalid UTF-8, NUL);
- type: type confusion at a key path (every value in turn can become null, an empty string, a
  list, a mapping, a 5,000-digit integer, an extreme date, a 200 KB string, a tagged value, an
  alias ...); and, as family "boundary", a value of the kind the record had there but extreme
  (year 1 or 9999, a 5,000-digit count, a midnight-to-midnight span), which more often passes
  validation and so reaches the rules, the clocks and the renderers;
- structure: deep nesting, many keys or items, duplicate keys, empty and multiple documents.

Type and structure mutations edit the YAML *node* tree (yaml.compose, then yaml.serialize), not a
safe_load dict: a dict would turn an unquoted `19:00` into 1140 and a date into a `date`, so the
unmutated rest of the record would no longer mean what it did. A mutated value is written as a
placeholder and the placeholder then replaced by raw YAML text, so that tags, aliases and odd
spellings (`stage:` with nothing after it) reach bailcheck exactly as written here.

Nothing here imports bailcheck: the commands are run as `python -m bailcheck`, so these helpers
survive any restructuring of the package.
"""

from __future__ import annotations

import functools
import os
import random
import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml is ten times faster; the records it writes mean the same either way
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIRS = (ROOT / "examples", ROOT / "tests" / "cases")
AS_OF = "2026-11-28"
SIZE_LIMIT = 1_000_000  # bailcheck's documented record size limit, probed either side

KeyPath = tuple[str | int, ...]
Mutation = Callable[[str, random.Random], tuple[str, bytes]]  # (what was done, new content)

_PLACEHOLDER = "HOSTILE0PLACEHOLDER0VALUE"
_STR = "tag:yaml.org,2002:str"

# --- the sample records -------------------------------------------------------------------------


@functools.cache
def sample_records() -> tuple[tuple[str, str], ...]:
    """(stem, text) of every valid sample record, in a fixed order."""
    paths = sorted({p.name: p for d in SAMPLE_DIRS for p in d.glob("*.yaml")}.values())
    return tuple((p.stem, p.read_text(encoding="utf-8")) for p in paths)


def sample(stem: str) -> str:
    """The text of one sample record, e.g. sample("clean-reporting")."""
    return dict(sample_records())[stem]


# --- editing the node tree ----------------------------------------------------------------------


def compose(text: str) -> yaml.Node:
    root = yaml.compose(text, Loader=_Loader)
    if root is None:
        raise ValueError("no YAML document to mutate")
    return root


def serialize(root: yaml.Node) -> str:
    return yaml.serialize(root, Dumper=_Dumper, width=4096, allow_unicode=True)


@functools.lru_cache(maxsize=256)
def key_paths(text: str) -> tuple[KeyPath, ...]:
    """The path of every value in the record, in document order, e.g. ("person", "age").
    A value reached again through an alias is listed once, and not entered."""
    out: list[KeyPath] = []
    seen: set[int] = set()
    todo: list[tuple[yaml.Node, KeyPath]] = [(compose(text), ())]
    while todo:
        node, path = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if path:
            out.append(path)
        children: list[tuple[str | int, yaml.Node]]
        if isinstance(node, yaml.MappingNode):
            children = [(str(k.value), v) for k, v in node.value]
        elif isinstance(node, yaml.SequenceNode):
            children = list(enumerate(node.value))
        else:
            continue
        todo.extend(((child, (*path, step)) for step, child in reversed(children)))
    return tuple(out)


def _find(root: yaml.Node, path: KeyPath) -> tuple[yaml.Node, int]:
    """The collection holding the value at `path`, and the value's index in it."""
    parent, index = root, -1
    for step in path:
        if index >= 0:
            parent = _child(parent, index)
        if isinstance(parent, yaml.MappingNode):
            index = next(i for i, (k, _) in enumerate(parent.value) if str(k.value) == step)
        else:
            index = int(step)
    return parent, index


def _child(parent: yaml.Node, index: int) -> yaml.Node:
    item = parent.value[index]
    node: yaml.Node = item[1] if isinstance(parent, yaml.MappingNode) else item
    return node


def _clone(node: yaml.Node) -> yaml.Node:
    """A copy of a node tree (copy.deepcopy is ten times slower, copying every mark)."""
    if isinstance(node, yaml.MappingNode):
        return yaml.MappingNode(node.tag, [(_clone(k), _clone(v)) for k, v in node.value],
                                flow_style=node.flow_style)
    if isinstance(node, yaml.SequenceNode):
        return yaml.SequenceNode(node.tag, [_clone(n) for n in node.value],
                                 flow_style=node.flow_style)
    assert isinstance(node, yaml.ScalarNode)
    return yaml.ScalarNode(node.tag, node.value, style=node.style)


def _put(parent: yaml.Node, index: int, node: yaml.Node) -> None:
    if isinstance(parent, yaml.MappingNode):
        parent.value[index] = (parent.value[index][0], node)
    else:
        parent.value[index] = node


def _fill(root: yaml.Node, snippet: str) -> str:
    text = serialize(root)
    if snippet == "":  # `key:` with nothing after it, not `key: `
        return re.sub(" ?" + _PLACEHOLDER, "", text, count=1)
    return text.replace(_PLACEHOLDER, snippet, 1)


def set_value(text: str, path: KeyPath, snippet: str) -> str:
    """The record with the value at `path` replaced by `snippet`, raw YAML written inline."""
    root = compose(text)
    parent, index = _find(root, path)
    _put(parent, index, yaml.ScalarNode(_STR, _PLACEHOLDER))
    return _fill(root, snippet)


def set_key(text: str, path: KeyPath, snippet: str) -> str:
    """The record with the key at `path` (which must end in a mapping key) spelt `snippet`."""
    root = compose(text)
    parent, index = _find(root, path)
    parent.value[index] = (yaml.ScalarNode(_STR, _PLACEHOLDER), parent.value[index][1])
    return _fill(root, snippet)


def add_to_list(text: str, path: KeyPath, snippet: str) -> str:
    """The record with `snippet` (a flow-style YAML value) appended to the list at `path`,
    which is created if it is absent and its parent mapping exists."""
    root = compose(text)
    *head, last = path
    parent, index = _find(root, tuple(head)) if head else (root, -1)
    holder = _child(parent, index) if index >= 0 else root
    item = yaml.ScalarNode(_STR, _PLACEHOLDER)
    for key, value in holder.value:
        if key.value == last:
            value.value.append(item)
            break
    else:
        holder.value.append((yaml.ScalarNode(_STR, str(last)),
                             yaml.SequenceNode("tag:yaml.org,2002:seq", [item])))
    return _fill(root, snippet)


# --- family (b): type confusion -----------------------------------------------------------------

HUGE_STRING = "x" * 200_000
TYPE_VALUES: dict[str, str] = {
    "null": "~", "bare_null": "", "null_word": "null", "empty_string": '""', "blank": "' '",
    "empty_list": "[]", "list": "[1, two, [3]]", "empty_mapping": "{}",
    "mapping": "{a: 1, b: [2]}", "int_5000_digits": "9" * 5000, "negative": "-1",
    "negative_float": "-4.5", "float": "4.5", "zero": "0", "exponent": "1e999", "nan": ".nan",
    "inf": "-.inf", "hex": "0x1F", "octal": "0o17", "underscored": "1_000",
    "huge_count": "18446744073709551617", "million": "1000000",
    "max_date": "9999-12-31", "min_date": "0001-01-01", "bad_date": "2023-02-30",
    "min_datetime_offset": "0001-01-01T00:30+01:00", "max_datetime": "9999-12-31T23:59",
    "max_datetime_offset": "9999-12-31T23:30-01:00", "bad_hour": "2024-02-29T25:00",
    "sexagesimal": "19:00", "bad_time": "25:61", "backwards_span": '"23:00-01:00"',
    "huge_string": HUGE_STRING, "tagged_int": "!!int 41", "tagged_str": "!!str 41",
    "tagged_float": "!!float 4.5", "tagged_bool": "!!bool yes", "tagged_null": "!!null ''",
    "tagged_timestamp": "!!timestamp 2024-01-01", "tagged_binary": "!!binary aGVsbG8=",
    "python_tag": "!!python/object/apply:os.system ['true']", "custom_tag": "!custom x",
    "anchor": "&anchor 41", "undefined_alias": "*nowhere", "yes_word": "yes",
    "quoted_true": '"true"', "escape": r'"\e]0;X\a\e[2J"', "csi_escape": r'"\e[2J\e[31m"',
    "bidi": '"\u202egnp.exe"', "nul": r'"a\0b"', "bell": r'"\a\b\x7f"',
    "lone_surrogate": r'"\uD800"', "line_separators": r'"a\u2028b\u0085c\r\nd"',
    "arabic_digit": "\u0663", "fullwidth_digits": "\uff11\uff12",
    "template": '"{{ 7*7 }} {person} %s ${HOME}"', "long_word": "a" * 5000,
}
ALIAS_KINDS = ("alias_to_root", "alias_to_case", "alias_to_sibling")


def confuse(text: str, path: KeyPath, kind: str) -> str:
    """The record with the value at `path` replaced by the TYPE_VALUES entry `kind`, or by an
    alias (ALIAS_KINDS) to the whole record, to `case`, or to the value before it."""
    if kind not in ALIAS_KINDS:
        return set_value(text, path, TYPE_VALUES[kind])
    root = compose(text)
    parent, index = _find(root, path)
    if kind == "alias_to_sibling" and len(parent.value) > 1:
        target = _child(parent, index - 1 if index else 1)
    elif kind == "alias_to_case" and path != ("case",):
        target = _child(*_find(root, ("case",)))
    else:
        target = root  # a record that contains itself
    _put(parent, index, target)  # the same node twice: the serializer writes &id001 / *id001
    return serialize(root)


def every_type_confusion(text: str) -> Iterator[tuple[str, str]]:
    """(description, record) for every key path and every confusing value, in turn."""
    for path in key_paths(text):
        for kind in (*TYPE_VALUES, *ALIAS_KINDS):
            yield f"{_dotted(path)}={kind}", confuse(text, path, kind)


def type_confusion(text: str, rng: random.Random) -> tuple[str, bytes]:
    path = rng.choice(key_paths(text))
    kind = rng.choice((*TYPE_VALUES, *ALIAS_KINDS))
    return f"{_dotted(path)}={kind}", confuse(text, path, kind).encode()


def _dotted(path: KeyPath) -> str:
    return ".".join(str(p) for p in path)


# Boundary values: plausible for the kind of value the record had at that path, but extreme,
# so that more records pass validation and reach the rules, clocks and renderers.
BOUNDARIES: dict[str, tuple[str, ...]] = {
    "date": ("0001-01-01", "9999-12-31", "1900-01-01", "2100-12-31", "1970-01-01",
             "2024-02-29", "2017-04-02", "2017-04-03", "2022-10-27", "2022-10-28"),
    "datetime": ("0001-01-01T00:30+01:00", "9999-12-30T10:00", "9999-12-31T23:59",
                 "2024-03-31T01:30", "2024-10-27T01:30", "2024-02-29T23:59+14:00",
                 "2022-10-28T00:00", "2017-04-03T00:00", "2024-06-03T14:05Z", "2024-06-03"),
    "count": ("0", "1", "9" * 5000, "18446744073709551617", "1000000", "2147483648", "00"),
    "number": ("0", "0.0", "1e308", "4.5", "1000000", "9" * 5000),
    "bool": ("true", "false", "yes", "no", "on", "off", "True", "FALSE"),
    "time": ("00:00", "23:59", "24:00", "0:00", '"00:00"', "23:59:59"),
    "span": ("00:00-00:00", "00:00-23:59", "23:59-00:00", "12:00-12:00", '"00:00 - 23:59"'),
    "text": (*(TYPE_VALUES[k] for k in (
        "huge_string", "escape", "csi_escape", "bidi", "lone_surrogate", "line_separators",
        "nul", "bell", "template", "empty_string", "blank", "long_word", "tagged_str")), "Ms A"),
    "list": ("[]", "[[]]", "[~]", "[sat, sat, sat]", "[mon, tue, wed, thu, fri, sat, sun]"),
}
_KINDS = (("datetime", r"\d{4}-\d\d-\d\d[T ]\S+"), ("date", r"\d{4}-\d\d-\d\d"),
          ("count", r"\d+"), ("number", r"\d+\.\d*"), ("span", r"\d\d?:\d\d\s*-\s*\d\d?:\d\d"),
          ("time", r"\d\d?:\d\d"), ("bool", r"true|false|yes|no|on|off"))


def value_kind(node: yaml.Node) -> str:
    """What kind of value a record holds at a node, judged from how it is written."""
    if isinstance(node, yaml.SequenceNode):
        return "list"
    if not isinstance(node, yaml.ScalarNode):
        return "mapping"
    return next((kind for kind, pattern in _KINDS if re.fullmatch(pattern, node.value)), "text")


def boundary(text: str, rng: random.Random) -> tuple[str, bytes]:
    """A boundary value for the kind of value at a random path (see BOUNDARIES)."""
    root = compose(text)
    paths = [(p, value_kind(_child(*_find(root, p)))) for p in key_paths(text)]
    path, kind = rng.choice([(p, k) for p, k in paths if k != "mapping"])
    value = rng.choice(BOUNDARIES[kind])
    label = f"{kind}{BOUNDARIES[kind].index(value)}"
    return f"{_dotted(path)}={label}", set_value(text, path, value).encode()


# --- family (a): text mutations -----------------------------------------------------------------

ESCAPES = b"\x1b]0;X\x07\x1b[2J"
CONTROLS = (b"\x01", b"\x07", b"\x08", b"\x0b", b"\x0c", b"\x1f", b"\x7f", b"\r",
            "\u0085".encode(), "\u2028".encode(), "\u009b".encode())
BIDI = ("\u202e".encode(), "\u2066".encode(), "\u200f".encode(), "\ufeff".encode())
INVALID_UTF8 = (b"\xff", b"\x80", b"\xc3\x28", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80",
                b"\xe2\x82")


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def _spot(data: bytes, rng: random.Random) -> int:
    """A random offset: half the time just inside a value, after `key: `."""
    inside = [m.end() for m in re.finditer(rb": ", data)]
    if inside and rng.random() < 0.5:
        return rng.choice(inside)
    return rng.randrange(len(data) + 1)


def _insert(choices: tuple[bytes, ...]) -> Callable[[bytes, random.Random], bytes]:
    def insert(data: bytes, rng: random.Random) -> bytes:
        at = _spot(data, rng)
        return data[:at] + rng.choice(choices) + data[at:]
    return insert


def _delete_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    del lines[rng.randrange(len(lines))]
    return b"".join(lines)


def _duplicate_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    return b"".join([*lines[: i + 1], lines[i], *lines[i + 1:]])


def _swap_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = rng.randrange(max(len(lines) - 1, 1))
    lines[i: i + 2] = lines[i: i + 2][::-1]
    return b"".join(lines)


def _swap_chars(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(max(len(data) - 1, 1))
    return data[:i] + data[i + 1: i + 2] + data[i: i + 1] + data[i + 2:]


def _flip_byte(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(max(len(data), 1))
    return data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1:] if data else b"x"


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _indent(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    lines[i] = rng.choice([b" ", b"\t", b"   "]) + lines[i].lstrip(b" ")
    return b"".join(lines)


TEXT_MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "delete_line": _delete_line, "duplicate_line": _duplicate_line, "swap_lines": _swap_lines,
    "swap_chars": _swap_chars, "flip_byte": _flip_byte, "truncate": _truncate,
    "indent": _indent, "control": _insert(CONTROLS), "escape": _insert((ESCAPES,)),
    "bidi": _insert(BIDI), "invalid_utf8": _insert(INVALID_UTF8), "nul": _insert((b"\x00",)),
    "crlf": lambda data, rng: data.replace(b"\n", b"\r\n"),
    "utf16": lambda data, rng: data.decode("utf-8").encode(rng.choice(["utf-16", "utf-16-be"])),
}


def text_mutation(text: str, rng: random.Random) -> tuple[str, bytes]:
    name = rng.choice(list(TEXT_MUTATIONS))
    return name, TEXT_MUTATIONS[name](text.encode(), rng)


# --- family (c): structure ----------------------------------------------------------------------

EMPTY_DOCUMENTS = ("", "\n", "   \n\n", "---\n", "---\n...\n", "# only a comment\n", "~\n",
                   "null\n", "{}\n", "[]\n", "''\n", "\ufeff")
WRONG_ROOTS = ("- a\n- b\n", "just a sentence\n", "42\n", "[bailcheck, 1]\n", "!!binary AAAA\n")
ODD_KEYS = ("~", "1", "true", "[a, b]", "{a: 1}", "<<", '""', r'"\e[2J"', '"\u202ekey"',
            "x" * 100_000, "? complex", "stage", "Stage", "stage ")
DEPTHS = (31, 32, 33, 64, 1000, 100_000)


def _nest(depth: int, rng: random.Random) -> str:
    kind = rng.choice(["list", "mapping"])
    if kind == "list":
        return "[" * depth + "]" * depth
    return "{a: " * depth + "1" + "}" * depth


def _mapping_paths(text: str) -> list[KeyPath]:
    root = compose(text)
    return [()] + [p for p in key_paths(text)
                   if isinstance(_child(*_find(root, p)), yaml.MappingNode)]


def _many_keys(text: str, rng: random.Random) -> tuple[str, str]:
    path, n = rng.choice(_mapping_paths(text)), rng.choice([100, 5000, 30_000])
    root = compose(text)
    holder = _child(*_find(root, path)) if path else root
    holder.value.append((yaml.ScalarNode(_STR, _PLACEHOLDER),) * 2)
    out = serialize(root)  # then the keys as text: serializing 30,000 nodes takes seconds
    line = next(ln for ln in out.splitlines() if _PLACEHOLDER in ln)
    block = line.lstrip().startswith(_PLACEHOLDER)
    sep = "\n" + line[: len(line) - len(line.lstrip())] if block else ", "
    keys = sep.join(f"key{i}: {i}" for i in range(n))
    out = out.replace(f"{_PLACEHOLDER}: {_PLACEHOLDER}", keys, 1)
    return f"{_dotted(path) or 'root'}+{n}keys", out


def _many_items(text: str, rng: random.Random) -> tuple[str, str]:
    root = compose(text)
    lists = [p for p in key_paths(text) if isinstance(_child(*_find(root, p)), yaml.SequenceNode)]
    path, n = rng.choice(lists), rng.choice([50, 1000, 5000])
    node = _child(*_find(root, path))
    if node.value:
        node.value = [_clone(node.value[i % len(node.value)]) for i in range(n)]
    return f"{_dotted(path)}*{n}", serialize(root)


def _duplicate_key(text: str, rng: random.Random) -> tuple[str, str]:
    root = compose(text)
    path = rng.choice([p for p in key_paths(text) if isinstance(p[-1], str)])
    parent, index = _find(root, path)
    key, value = parent.value[index]
    other = _clone(rng.choice([value, _child(parent, rng.randrange(len(parent.value)))]))
    parent.value.insert(rng.randrange(len(parent.value) + 1), (_clone(key), other))
    return f"{_dotted(path)}-twice", serialize(root)


def _odd_key(text: str, rng: random.Random) -> tuple[str, str]:
    path = rng.choice([p for p in key_paths(text) if isinstance(p[-1], str)])
    snippet = rng.choice(ODD_KEYS)
    return f"{_dotted(path)}-key{ODD_KEYS.index(snippet)}", set_key(text, path, snippet)


def _deep(text: str, rng: random.Random) -> tuple[str, str]:
    path, depth = rng.choice(key_paths(text)), rng.choice(DEPTHS)
    return f"{_dotted(path)}-depth{depth}", set_value(text, path, _nest(depth, rng))


STRUCTURE_MUTATIONS: dict[str, Callable[[str, random.Random], tuple[str, str]]] = {
    "deep": _deep,
    "many_keys": _many_keys,
    "many_items": _many_items,
    "duplicate_key": _duplicate_key,
    "odd_key": _odd_key,
    "empty": lambda text, rng: ("empty", rng.choice(EMPTY_DOCUMENTS)),
    "wrong_root": lambda text, rng: ("root", rng.choice(WRONG_ROOTS)),
    "documents": lambda text, rng: ("documents", rng.choice([
        f"{text}---\n{text}", f"---\n{text}...\n---\n~\n", f"{text}---\n", "---\n---\n"])),
    "listed": lambda text, rng: ("", "- " + text.replace("\n", "\n  ")),
    "size_limit": lambda text, rng: ("size", text + "#" * (
        SIZE_LIMIT - len(text.encode()) + rng.choice([-2, -1, 0, 1])) + "\n"),
    "version": lambda text, rng: ("version", set_value(text, ("bailcheck",), rng.choice(
        ["2", '"1"', "1.0", "01", "one", "0x1", "!!str 1"]))),
}


def structure_mutation(text: str, rng: random.Random) -> tuple[str, bytes]:
    name = rng.choice(list(STRUCTURE_MUTATIONS))
    what, out = STRUCTURE_MUTATIONS[name](text, rng)
    return f"{name}-{what}".rstrip("-"), out.encode()


def stacked_mutation(text: str, rng: random.Random) -> tuple[str, bytes]:
    """Two or three mutations in a row: type confusions or boundary values while the text still
    parses, then text damage."""
    steps: list[str] = []
    data = text.encode()
    for _ in range(rng.randint(2, 3)):
        try:
            what, data = rng.choice([type_confusion, boundary])(data.decode(), rng)
        except (yaml.YAMLError, ValueError, StopIteration, IndexError):  # no longer a record
            what, data = text_mutation(data.decode("utf-8", "replace"), rng)
        steps.append(what)
    return "+".join(steps), data


FAMILIES: dict[str, tuple[Mutation, float]] = {
    "text": (text_mutation, 0.25),
    "type": (type_confusion, 0.30),
    "boundary": (boundary, 0.25),
    "structure": (structure_mutation, 0.15),
    "stacked": (stacked_mutation, 0.05),
}


def hostile_record(seed: int, i: int) -> tuple[str, bytes]:
    """The i-th hostile record for `seed`: (file name, content). Each depends only on (seed, i)."""
    rng = random.Random(f"bailcheck-hostile/{seed}/{i}")
    stem, text = rng.choice(sample_records())
    family = rng.choices(list(FAMILIES), weights=[w for _, w in FAMILIES.values()])[0]
    what, data = FAMILIES[family][0](text, rng)
    label = re.sub(r"[^A-Za-z0-9_.=+-]+", "_", f"{family}-{what}")[:80]
    return f"{i:05d}-{label}-{stem[:30]}.yaml", data


def hostile_records(seed: int, n: int) -> Iterator[tuple[str, bytes]]:
    """n hostile records drawn from all three families, the same for the same seed."""
    for i in range(n):
        yield hostile_record(seed, i)


def write_records(folder: Path, records: Iterable[tuple[str, bytes]]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in records:
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


# --- running bailcheck on them ------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    code: int  # -1 when the run timed out
    stdout: bytes
    stderr: bytes

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8", "replace")

    @property
    def err(self) -> str:
        return self.stderr.decode("utf-8", "replace")

    @property
    def crashed(self) -> bool:
        return self.code not in (0, 1, 2) or b"Traceback" in self.stderr


def bailcheck(*args: str | Path, debug: bool = False, timeout: float = 300) -> Run:
    """Run `python -m bailcheck ARGS` with no colour; BAILCHECK_DEBUG only when asked."""
    env = {k: v for k, v in os.environ.items() if k != "BAILCHECK_DEBUG"}
    env["NO_COLOR"] = "1"
    if debug:
        env["BAILCHECK_DEBUG"] = "1"
    words = tuple(str(a) for a in args)
    try:
        done = subprocess.run([sys.executable, "-m", "bailcheck", *words], capture_output=True,
                              env=env, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        return Run(words, -1, exc.stdout or b"", (exc.stderr or b"") + b"\n(timed out)")
    return Run(words, done.returncode, done.stdout, done.stderr)


def first_failing(files: list[Path], run: Callable[[list[Path]], Run]) -> Path | None:
    """The first file that makes `run` crash on its own, found by halving the list."""
    if not files or not run(files).crashed:
        return None
    while len(files) > 1:
        half = files[: len(files) // 2]
        files = half if run(half).crashed else files[len(files) // 2:]
    return files[0]


def signature(run: Run) -> str:
    """'ExceptionType in module.py:function' from a BAILCHECK_DEBUG=1 run's traceback: the
    exception line after the last frame, and the innermost frame in bailcheck's own code."""
    lines = run.err.splitlines()
    frames = [i for i, line in enumerate(lines) if line.startswith('  File "')]
    if not frames:
        return f"exit {run.code}, no traceback"
    after = [line for line in lines[frames[-1] + 1:] if line and not line[0].isspace()]
    exc = after[0].split(":")[0] if after else "?"
    own = [m for i in frames if (m := _OWN_FRAME.search(lines[i]))]
    return exc + (f" in {own[-1]['module']}:{own[-1]['function']}" if own else "")


_OWN_FRAME = re.compile(r'[/\\](?:src|site-packages)[/\\]bailcheck[/\\](?:.*[/\\])?'
                        r'(?P<module>[^/\\"]+)", line \d+, in (?P<function>\S+)')


def internal_error(entry: dict[str, Any]) -> bool:
    """Whether a record of the JSON report is an internal error: a crash bailcheck isolated."""
    error = entry.get("error")
    return isinstance(error, dict) and (bool(error.get("internal"))
                                        or "internal error" in str(error.get("message", "")))


def check_args(*paths: Path | str, json_format: bool = True) -> tuple[str, ...]:
    fmt = ("--format", "json") if json_format else ()
    return ("check", *fmt, "--as-of", AS_OF, *(str(p) for p in paths))
