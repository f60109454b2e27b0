"""The fast path of the YAML reader: libyaml composes the node tree in C, with scalars left
unresolved, and we convert it to the reader's Node tree.

It is taken only where it cannot differ from the strict reader (source.py): the text is screened
first (no alias or tag marks), and anything else in doubt (a syntax error, a second document, a
key that is not a scalar, nesting past MAX_DEPTH, too many values) returns None so that the strict
reader reads the text again and reports exactly as it always does. A differential test holds the
two to identical trees.
"""

from __future__ import annotations

from typing import Any

import yaml

from bailcheck.record.node import MAPPING, MAX_DEPTH, MAX_NODES, SCALAR, SEQUENCE, Node

# libyaml 0.2.5's C composer crashes the interpreter on deeply nested input; 0.2.6 refuses it
# with an error. So the fast path is used only with 0.2.6 or later.
try:
    from yaml._yaml import get_version_string

    _LIBYAML = tuple(int(p) for p in get_version_string().split(".")[:3])
    _Base: Any = yaml.CSafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _LIBYAML, _Base = (0, 0, 0), None
AVAILABLE = _Base is not None and _LIBYAML >= (0, 2, 6)

_STR = "tag:yaml.org,2002:str"


class _Composer(_Base or object):  # type: ignore[misc]
    """CSafeLoader that resolves nothing: every node is tagged str, so no resolver regex runs
    (the record schema, not YAML, decides what a scalar means).

    The composer calls these three for every node, so they are built-in callables, not Python
    functions: `resolve(kind, value, implicit)` is the str tag's own `format` (no fields, so it
    returns the tag and ignores its arguments), and path-based resolvers, which are never used,
    need nothing tracked (`slice(parent, index)` and `tuple()` do nothing observable)."""

    resolve = _STR.format
    descend_resolver = slice
    ascend_resolver = tuple


def compose_yaml(text: str) -> Any:
    """libyaml's node tree of the document (scalars all tagged str), or None when the strict
    reader must decide. Its nodes are not checked against MAX_DEPTH or MAX_NODES here."""
    if not AVAILABLE or "*" in text or "!" in text:
        return None
    loader = _Composer(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError:  # a syntax error, two documents...: the strict reader reports it
        return None
    finally:
        loader.dispose()


def compose(text: str, name: str) -> Node | None:
    """The document's Node tree, or None when the strict reader must decide."""
    return convert(compose_yaml(text), name)


def convert(root: Any, name: str) -> Node | None:
    """libyaml's node tree (from compose_yaml) as a Node tree, or None when the strict reader
    must decide."""
    if root is None:
        return None
    counter = [0]
    try:
        return _convert(root, name, counter, 0)
    except _Doubt:
        return None


class _Doubt(Exception):
    """Something the strict reader would report: let it."""


def _convert(node: Any, name: str, counter: list[int], depth: int) -> Node:
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise _Doubt
    mark = node.start_mark
    line, column = mark.line + 1, mark.column + 1
    if isinstance(node, yaml.ScalarNode):
        return Node(SCALAR, node.value, line, column, plain=not node.style, path=name)
    if depth >= MAX_DEPTH:  # the strict reader opens at most MAX_DEPTH nested collections
        raise _Doubt
    if isinstance(node, yaml.MappingNode):
        pairs = []
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise _Doubt
            pairs.append((_convert(key, name, counter, depth + 1),
                          _convert(value, name, counter, depth + 1)))
        return Node(MAPPING, pairs, line, column, path=name)
    items = [_convert(item, name, counter, depth + 1) for item in node.value]
    return Node(SEQUENCE, items, line, column, path=name)
