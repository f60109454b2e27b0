"""The JSON output contract (record-format.md): one document, streamed record by record.

Each record's piece is complete JSON on its own, so whatever happens to one record the document
stays parseable; `ensure_ascii` keeps it valid however odd the text or file name.

Most of a record's piece repeats word for word across records (the same rule firing with the
same message, the same review dates), so each finding and reminder is encoded once and kept in a
bounded cache; the piece is the same text `json.dumps(result.as_record())` gives, which
tests/test_json_pieces.py checks.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from bailcheck.findings import (
    ConditionResult,
    Finding,
    RecordFailure,
    RecordReport,
    Reminder,
    Result,
    Tally,
    Verdict,
)
from bailcheck.render.base import JsonList, Options

_dumps: Callable[[Any], str] = json.JSONEncoder(ensure_ascii=False).encode  # as json.dumps does
_VERDICT = {v: _dumps(v.label) for v in Verdict}
CACHE_SIZE = 4096  # pieces kept; the oldest goes first


class JsonRenderer(JsonList):
    def __init__(self, options: Options) -> None:
        self.options = options
        self._pieces: dict[tuple[Any, ...], str] = {}

    def begin(self) -> str:
        return '{"records": ['

    def encode(self, result: Result) -> str:
        if isinstance(result, RecordReport) and not self.options.explain:
            return self.report(result)
        data = result.as_record()
        if self.options.explain and not isinstance(result, RecordFailure):
            for cond in data["conditions"]:
                cond["explain"] = [t.as_record() for t in result.traces.get(cond["id"], ())]
            data["explain"] = [t.as_record() for t in result.traces.get("", ())]
        return json.dumps(data, ensure_ascii=False)

    def report(self, r: RecordReport) -> str:
        """`json.dumps(r.as_record(), ensure_ascii=False)`, from cached pieces."""
        out = ['{"path": ', _dumps(r.path), ', "reference": ', _dumps(r.reference),
               ', "conditions": [', ", ".join(self.condition(c) for c in r.conditions),
               '], "findings": [', ", ".join(self.finding(f) for f in r.findings),
               '], "reminders": [', ", ".join(self.reminder(m) for m in r.reminders), "]"]
        if r.clock is not None:
            out += [', "bail_clock": ', _dumps(r.clock)]
        if r.warnings:
            out += [', "warnings": ', _dumps(list(r.warnings))]
        out.append("}")
        return "".join(out)

    def condition(self, c: ConditionResult) -> str:
        place = f', "line": {c.line}, "column": {c.column}' if c.line else ""
        return (f'{{"id": {_dumps(c.id)}, "type": {_dumps(c.type)}, "verdict": '
                f'{_VERDICT[c.verdict]}, "findings": ['
                f'{", ".join(self.finding(f) for f in c.findings)}]{place}}}')

    def finding(self, f: Finding) -> str:
        key = ("f", f.rule, f.verdict, f.message, f.citations, f.alternative, f.step, f.verify,
               f.line, f.column, f.accepted)
        return self._cached(key, f)

    def reminder(self, m: Reminder) -> str:
        key = ("r", m.date, m.what, m.basis, m.status, m.flags, m.key, m.rank)
        return self._cached(key, m)

    def _cached(self, key: tuple[Any, ...], value: Finding | Reminder) -> str:
        piece = self._pieces.get(key)
        if piece is None:
            if len(self._pieces) >= CACHE_SIZE:
                del self._pieces[next(iter(self._pieces))]
            piece = self._pieces[key] = _dumps(value.as_record())
        return piece

    def end(self, tally: Tally) -> str:
        return ("\n],\n" + f'"bailcheck": {json.dumps(self.options.meta, sort_keys=True)},\n'
                + f'"summary": {json.dumps(tally.as_record(), sort_keys=True)}}}\n')
