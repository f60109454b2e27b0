"""Safe YAML reading that keeps line:column for every key and value.

libyaml's own composer recurses in C and crashes the interpreter on deeply nested input, and any
composer expands aliases into a graph that a naive walk multiplies. So we read libyaml's *event*
stream and build a small tree ourselves: iteratively, with a depth limit, refusing aliases and
explicit tags outright. Scalars keep their raw text; the record schema decides what they mean
(so an unquoted `19:00`, which YAML 1.1 would read as the integer 1140, is still a time).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bailcheck.errors import InputError, Problem
from bailcheck.files import MAX_BYTES, display, read_text
from bailcheck.record import fast_source
from bailcheck.record.node import MAPPING, MAX_DEPTH, MAX_NODES, SCALAR, SEQUENCE, Node
from bailcheck.safe_text import quote

__all__ = ["MAPPING", "MAX_BYTES", "MAX_DEPTH", "SCALAR", "SEQUENCE", "Node", "load", "parse"]

try:  # libyaml is ten times faster; the pure-Python parser is the fallback
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

# Tags a writer may spell out explicitly; anything else (e.g. !!python/object) is refused.
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
}

_VALUE_TAGS = _STANDARD_TAGS - {"tag:yaml.org,2002:str", "tag:yaml.org,2002:map",
                               "tag:yaml.org,2002:seq"}


class _Open:
    """A mapping or sequence still being read, with the key waiting for its value."""

    __slots__ = ("key", "node", "pending")

    def __init__(self, node: Node) -> None:
        self.node = node
        self.key: Node | None = None
        self.pending: list[Node] = []


def load(path: Path | str) -> Node:
    """Read one YAML file (or `-`, standard input) into a Node tree; the root is a mapping."""
    return parse(read_text(path), display(path))


def parse(text: str, name: str, composed: Node | None = None, fast: bool = True) -> Node:
    """Parse YAML text into a Node tree, refusing anything unsafe or surprising.

    `composed` is the fast composer's tree of this text where it has been made already, and
    `fast=False` says the fast composer has already been tried and left the text to the strict
    reader."""
    if len(text) > MAX_BYTES:
        raise InputError([Problem(name, 1, 1, f"text is over the {MAX_BYTES:,}-character limit")])
    root = composed if composed is not None or not fast else fast_source.compose(text, name)
    if root is None:
        root = _strict(text, name)
    if root.kind != MAPPING:
        raise InputError([root.problem(f"the document is a {root.kind}, not a mapping",
                                       "write `key: value` lines from the left margin; a bail "
                                       "record begins `bailcheck: 1`, a rule file `rules:`")])
    return root


def _strict(text: str, name: str) -> Node:
    """The strict reader: libyaml's events, composed here with every limit checked."""
    parser = _Parser(text)
    try:
        root = _compose(parser, name)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise InputError([Problem(name, line, col, f"YAML syntax error: {exc.problem or exc.context}",
                                  "check indentation, colons and quotes on this line")]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(name, 1, 1, f"YAML error: {exc}")]) from None
    finally:
        parser.dispose()
    if root is None:
        raise InputError([Problem(name, 1, 1, "file is empty", "a bail record is a YAML mapping")])
    return root


def _compose(parser: _Parser, name: str) -> Node | None:
    stack: list[_Open] = []
    root: Node | None = None
    documents = 0
    count = 0
    while parser.check_event():
        event: Any = parser.get_event()
        mark: Any = event.start_mark  # libyaml's and PyYAML's Mark types differ
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise InputError([Problem(name, mark.line + 1, 1, "more than one YAML document "
                                          "in the file", "put each record in its own file")])
            continue
        if isinstance(event, yaml.AliasEvent):
            raise InputError([Problem(name, mark.line + 1, mark.column + 1,
                                      f"alias *{event.anchor} is not allowed",
                                      "write the value out in full; records do not use anchors")])
        if isinstance(event, yaml.ScalarEvent | yaml.MappingStartEvent | yaml.SequenceStartEvent):
            count += 1
            if count > MAX_NODES:
                raise InputError([Problem(name, mark.line + 1, mark.column + 1,
                                          f"more than {MAX_NODES:,} values",
                                          "no bail record or rule file holds so many")])
            tag = event.tag if event.tag not in (None, "!") else None
            if tag is not None and tag not in _STANDARD_TAGS:
                written = tag.replace("tag:yaml.org,2002:", "!!", 1)  # as it was written
                raise InputError([Problem(name, mark.line + 1, mark.column + 1,
                                          f"tag {quote(written)} is not allowed",
                                          "remove the tag; records hold plain values only")])
        if isinstance(event, yaml.ScalarEvent):
            # an explicit standard tag other than !!str states the value's kind, as plain does
            plain = tag in _VALUE_TAGS if tag is not None else bool(event.implicit[0])
            node = Node(SCALAR, event.value, mark.line + 1, mark.column + 1, plain=plain,
                        path=name, tag=tag)
            root = _attach(stack, node) or root
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise InputError([Problem(name, mark.line + 1, mark.column + 1,
                                          f"nesting deeper than {MAX_DEPTH} levels",
                                          "no bail record or rule file nests so deep")])
            kind = MAPPING if isinstance(event, yaml.MappingStartEvent) else SEQUENCE
            node = Node(kind, [], mark.line + 1, mark.column + 1, path=name, tag=tag)
            stack.append(_Open(node))
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            done = stack.pop().node
            root = _attach(stack, done) or root
    return root


def _attach(stack: list[_Open], node: Node) -> Node | None:
    """Add a finished node to its parent; return it if it is the document root."""
    if not stack:
        return node
    top = stack[-1]
    if top.node.kind == SEQUENCE:
        top.node.items.append(node)
    elif top.key is None:
        if node.kind != SCALAR:
            raise InputError([node.problem("a key must be a plain word, not a "
                                           f"{node.kind}", "write `key: value`")])
        top.key = node
    else:
        top.node.pairs.append((top.key, node))
        top.key = None
    return None
