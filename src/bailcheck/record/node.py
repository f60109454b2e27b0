"""The node tree both YAML readers build: every value keeps its 1-based line and column."""

from __future__ import annotations

from dataclasses import dataclass

from bailcheck.errors import Problem

MAX_DEPTH = 32
MAX_NODES = 100_000

SCALAR, MAPPING, SEQUENCE = "scalar", "mapping", "sequence"


@dataclass(slots=True)
class Node:
    """A YAML node: a scalar's raw text, a list of (key, value) pairs, or a list of items."""

    kind: str
    value: object
    line: int  # 1-based
    column: int  # 1-based
    plain: bool = False  # scalar written without quotes (so `true`, `12`, `~` keep YAML meaning)
    path: str = ""
    tag: str | None = None

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


