"""The JSON output contract (record-format.md): one document, streamed record by record."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from bailcheck.batch import Tally
from bailcheck.findings import RecordFailure, RecordReport


class JsonRenderer:
    def __init__(self, write: Callable[[str], None], meta: dict[str, Any]) -> None:
        self.write = write
        self.meta = meta
        self.first = True

    def begin(self) -> None:
        self.write('{"records": [')

    @staticmethod
    def encode(result: RecordReport | RecordFailure) -> str:
        return json.dumps(result.as_record(), ensure_ascii=False)

    def emit(self, text: str) -> None:
        self.write(("\n  " if self.first else ",\n  ") + text)
        self.first = False

    def end(self, tally: Tally) -> None:
        summary = {"records": tally.records, "failing": tally.failing,
                   "unreadable": tally.unreadable, "verdicts": dict(sorted(tally.verdicts.items()))}
        self.write("\n],\n" + f'"bailcheck": {json.dumps(self.meta, sort_keys=True)},\n'
                   + f'"summary": {json.dumps(summary, sort_keys=True)}}}\n')
