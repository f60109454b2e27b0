"""The renderer interface and the registry of renderers for each command.

A renderer turns results into text and never evaluates anything: `begin` and `end` frame the
output, `encode` turns one record's result into its piece (it runs in worker processes with
`--jobs`, so it must be picklable and depend only on its options). Adding an output format is one
renderer module plus one line in FORMATS below.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Protocol

from bailcheck.findings import Result, Tally


@dataclass(frozen=True)
class Options:
    """What every renderer may be told: the run's metadata and how the reader wants it."""

    meta: dict[str, Any] = field(default_factory=dict)  # version, policy digest, as_of
    reader: str = "custody"  # custody | solicitor | policy (text report ordering and words)
    width: int = 100
    colour: bool = False
    explain: bool = False  # add each verdict's trace (the results carry it)
    only: str | None = None  # with explain: just this condition
    fail_on: str = "unenforceable"


class Renderer(Protocol):
    options: Options

    def begin(self) -> str: ...

    def encode(self, result: Result) -> str: ...

    def piece(self, text: str) -> str:
        """An encoded record as printed where it falls (JSON adds separators)."""
        ...

    def end(self, tally: Tally) -> str: ...


# command -> format -> "module:Class", imported only when chosen (start-up stays quick)
FORMATS: dict[str, dict[str, str]] = {
    "check": {
        "text": "bailcheck.render.text:TextRenderer",
        "json": "bailcheck.render.json_out:JsonRenderer",
    },
}


def renderer(command: str, name: str, options: Options) -> Renderer:
    """The renderer registered for `command` under `name`."""
    module, _, cls = FORMATS[command][name].partition(":")
    made: Renderer = getattr(importlib.import_module(module), cls)(options)
    return made
