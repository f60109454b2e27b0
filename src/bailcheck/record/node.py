"""The node tree both YAML readers build: every value keeps its 1-based line and column."""

from __future__ import annotations

from bailcheck.errors import Problem
from bailcheck.values import Value

MAX_DEPTH = 32
MAX_NODES = 100_000

SCALAR, MAPPING, SEQUENCE = "scalar", "mapping", "sequence"


class Node(Value):
    """A YAML node: a scalar's raw text, a list of (key, value) pairs, or a list of items.

    Compared field by field and unhashable, as the dataclass it was; a plain class, since a
    dataclass costs a millisecond to define on every start."""

    _FIELDS = ("kind", "value", "line", "column", "plain", "path", "tag")
    __slots__ = _FIELDS
    __hash__ = None  # type: ignore[assignment]  # it changes as a tree is built

    def __init__(self, kind: str, value: object, line: int, column: int,  # noqa: PLR0917
                 plain: bool = False, path: str = "", tag: str | None = None) -> None:
        self.kind = kind
        self.value = value
        self.line = line  # 1-based
        self.column = column  # 1-based
        self.plain = plain  # scalar written without quotes (so `true`, `12`, `~` keep YAML meaning)
        self.path = path
        self.tag = tag

    @property
    def pairs(self) -> list[tuple[Node, Node]]:
        assert self.kind == MAPPING
        return self.value  # type: ignore[return-value]

    @property
    def items(self) -> list[Node]:
        assert self.kind == SEQUENCE
        return self.value  # type: ignore[return-value]

    @property
    def text(self) -> str:
        assert self.kind == SCALAR
        return self.value  # type: ignore[return-value]

    def get(self, key: str) -> Node | None:
        for k, v in self.pairs:
            if k.value == key:
                return v
        return None

    def problem(self, message: str, hint: str = "") -> Problem:
        return Problem(self.path, self.line, self.column, message, hint)


