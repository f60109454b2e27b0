"""Rule files read for the commands that only apply the rules, with a shipped artefact for the
built-in set.

`check` reads each rule file without its `examples:` blocks (`without_examples`). Parsing that
YAML is most of what loading the built-in rules costs at start-up, so the parsed trees of the
built-in files are generated ahead of time (scripts/build_policy_cache.py) into
`builtin_nodes.json` beside this module, which is committed and packaged. A tree is taken from it
only when everything it depends on is the same as when it was made: the exact text of the file
(by SHA-256), bailcheck's version and the code of the YAML reader and of this module. Anything
else (a force's own rule file, an edited built-in file, another version) is parsed as YAML, as
it always was. Nothing is ever written at run time. tests/test_startup_cache.py holds the
artefact to what parsing gives and checks that a changed file bypasses it.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bailcheck import __version__
from bailcheck.record import source as yaml_source
from bailcheck.record.node import MAPPING, SCALAR, SEQUENCE, Node

if TYPE_CHECKING:
    from hashlib import sha256
else:  # CPython's own SHA-256 (the same digests) spares every start hashlib's loading of OpenSSL
    try:
        from _sha2 import sha256  # Python 3.12 and later
    except ImportError:
        try:
            from _sha256 import sha256
        except ImportError:  # pragma: no cover - a Python built without them
            from hashlib import sha256

__all__ = ["parse_without_examples", "sha256", "without_examples"]

ARTEFACT = Path(__file__).with_name("builtin_nodes.json")
FORMAT = 1  # of the artefact; bumped whenever its layout changes
_HERE = Path(__file__).resolve().parent
# the code whose behaviour the trees record: any change to it makes the artefact stale
READER = (_HERE.parent / "record" / "node.py", _HERE.parent / "record" / "source.py",
          _HERE.parent / "record" / "fast_source.py", _HERE / "cache.py")
_KINDS = {SCALAR: 0, MAPPING: 1, SEQUENCE: 2}

_EXAMPLES_KEY = r"^( +)examples:[ \t]*(#.*)?$"  # compiled only when a file is parsed


def without_examples(text: str) -> str:
    """The text with every block-style `examples:` value replaced by blank lines (so every
    other line keeps its number); a value is the lines indented deeper than its key."""
    key = re.compile(_EXAMPLES_KEY)
    lines = text.split("\n")
    out, depth = [], -1
    for line in lines:
        stripped = line.strip()
        if depth >= 0:
            indent = len(line) - len(line.lstrip(" "))
            if not stripped or indent > depth:
                out.append("")
                continue
            depth = -1
        match = key.match(line)
        if match:
            depth = len(match.group(1))
            out.append("")
            continue
        out.append(line)
    return "\n".join(out)


def parse_without_examples(text: str, name: str) -> Node:
    """The node tree of `without_examples(text)`, every node's path `name`: from the artefact
    when it holds this very text for this version and reader, else parsed as YAML (raising
    as the reader raises)."""
    raw = _shipped().get(text_digest(text))
    if raw is not None:
        return _decode(raw, name)
    return yaml_source.parse(without_examples(text), name)


def text_digest(text: str) -> str:
    return sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def reader_digest() -> str:
    """A digest of the code that makes the trees (raises OSError where a file is missing)."""
    digest = sha256()
    for path in READER:
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


@functools.cache
def _shipped() -> dict[str, Any]:
    """The artefact's trees by text digest; empty when it is missing, unreadable or made for
    another version, format or reader."""
    try:
        data = json.loads(ARTEFACT.read_bytes())
        if (isinstance(data, dict) and data.get("format") == FORMAT
                and data.get("version") == __version__ and data.get("reader") == reader_digest()
                and isinstance(data.get("files"), dict)):
            files: dict[str, Any] = data["files"]
            return files
    except (OSError, ValueError):
        pass
    return {}


def _decode(raw: list[Any], name: str) -> Node:
    """A tree from the artefact: [kind, line, column, value, plain] and the tag if it has one;
    a mapping's value is its keys and values in turn. Scalars in a collection are made in
    place, since they are most of the tree and this is on every start's path."""
    make, scalar = Node, SCALAR

    def node(r: list[Any]) -> Node:
        tag = r[5] if len(r) > 5 else None
        if r[0] == 0:
            return make(scalar, r[3], r[1], r[2], r[4], name, tag)
        parts = [make(scalar, x[3], x[1], x[2], x[4], name, None)
                 if x[0] == 0 and len(x) == 5 else node(x) for x in r[3]]
        if r[0] == 1:
            pairs = iter(parts)
            return make(MAPPING, list(zip(pairs, pairs, strict=True)), r[1], r[2], r[4], name,
                        tag)
        return make(SEQUENCE, parts, r[1], r[2], r[4], name, tag)

    return node(raw)


def encode(node: Node) -> list[Any]:
    """A node tree as the artefact holds it (paths left out: they are the reader's to give)."""
    if node.kind == MAPPING:
        value: Any = [encode(part) for pair in node.pairs for part in pair]
    elif node.kind == SEQUENCE:
        value = [encode(item) for item in node.items]
    else:
        value = node.value
    out = [_KINDS[node.kind], node.line, node.column, value, node.plain]
    return [*out, node.tag] if node.tag is not None else out


def build(paths: list[Path]) -> str:
    """The artefact's text for these rule files (scripts/build_policy_cache.py writes it)."""
    from bailcheck.files import read_text

    files = {}
    for path in paths:
        text = read_text(path)
        files[text_digest(text)] = encode(yaml_source.parse(without_examples(text), path.name))
    head = json.dumps({"format": FORMAT, "version": __version__, "reader": reader_digest()})
    lines = [f"{json.dumps(key)}:{json.dumps(tree, ensure_ascii=False, separators=(',', ':'))}"
             for key, tree in sorted(files.items())]
    # a file a line, so that a change shows as the lines of the files that changed
    return head[:-1] + ', "files": {\n' + ",\n".join(lines) + "\n}}\n"


def builtin_files(folder: Path) -> list[Path]:
    """The rule files of a folder, as the loader takes them."""
    return sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
