"""The validated record and where its values were written.

A record read on the fast path keeps libyaml's own node tree and one read by the strict reader
keeps the reader's Node tree; both give the same 1-based (line, column) for a path, looked up
only when a finding or an explanation asks for one.
"""

from __future__ import annotations

from typing import Any

import yaml

from bailcheck.record.node import MAPPING, SEQUENCE, Node
from bailcheck.values import Value

Pos = tuple[int, int]
Path = tuple[str | int, ...]

_YAML_MAPPING, _YAML_SEQUENCE = yaml.MappingNode, yaml.SequenceNode


class Record(Value):
    """A validated bail record: normalised data, and the node tree that says where each value
    was written (a Node tree, or libyaml's nodes on the fast path).

    Compared field by field and unhashable, as the dataclass it was (a plain class costs far
    less to define on every start)."""

    _FIELDS = ("path", "data", "root")
    __slots__ = (*_FIELDS, "_top")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, path: str, data: dict[str, Any], root: Node | Any = None) -> None:
        self.path = path
        self.data = data
        self.root = root
        # libyaml's top-level values by key, made on the first position asked for: every
        # position starts there, and a record asks for several
        self._top: dict[str, Any] | None = None

    @property
    def reference(self) -> str:
        return str(self.data["case"]["reference"])

    @property
    def conditions(self) -> list[dict[str, Any]]:
        return self.data["conditions"]  # type: ignore[no-any-return]

    def mark(self, *path: str | int) -> Pos | None:
        """(line, column) of the value at `path`, e.g. ("conditions", 0, "from")."""
        root = self.root
        if root is None or isinstance(root, Node):
            return node_mark(root, path)
        if not path or root.__class__ is not _YAML_MAPPING or not isinstance(path[0], str):
            return yaml_mark(root, path)
        top = self._top
        if top is None:
            top = self._top = {}
            for key, value in root.value:
                top.setdefault(key.value, value)  # the first of a repeated key, as the walk
        node = top.get(path[0])
        return None if node is None else yaml_mark(node, path[1:])


def node_mark(root: Node | None, path: Path) -> Pos | None:
    node = root
    for step in path:
        if node is None:
            return None
        if isinstance(step, int):
            items = node.items if node.kind == SEQUENCE else []
            node = items[step] if step < len(items) else None
        else:
            node = node.get(step) if node.kind == MAPPING else None
    return (node.line, node.column) if node is not None else None


def yaml_mark(root: Any, path: Path) -> Pos | None:
    """The same walk over libyaml's nodes (their marks are 0-based)."""
    node = root
    for step in path:
        if isinstance(step, int):
            items = node.value if node.__class__ is _YAML_SEQUENCE else []
            if step >= len(items):
                return None
            node = items[step]
        elif node.__class__ is _YAML_MAPPING:
            for key, value in node.value:
                if key.value == step:
                    node = value
                    break
            else:
                return None
        else:
            return None
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)
