"""The JSON output contract (record-format.md): one document, streamed record by record.

Each record's piece is complete JSON on its own, so whatever happens to one record the document
stays parseable; `ensure_ascii` keeps it valid however odd the text or file name.

Most of a record's piece repeats word for word across records (the same rule firing with the
same message, the same review dates), so each finding and reminder is encoded once, to UTF-8,
and kept in a bounded cache. A record's piece is those bytes joined, the UTF-8 of the text
`json.dumps(result.as_record(), ensure_ascii=False)` gives (tests/test_json_pieces.py checks
it), and goes to the output as bytes: the law's own punctuation (en dashes, curly quotes) would
otherwise make every record's text wide, to be joined and encoded again record after record.
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
_utf8 = str.encode  # strict UTF-8: see JsonRenderer.encode for text it cannot hold
CACHE_SIZE = 4096  # pieces kept; the oldest goes first


class JsonRenderer(JsonList):
    def __init__(self, options: Options) -> None:
        self.options = options
        self._pieces: dict[tuple[Any, ...], bytes] = {}

    def begin(self) -> str:
        return '{"records": ['

    def encode(self, result: Result) -> bytes | str:
        """The record's piece in UTF-8; as text where UTF-8 cannot hold it (a file name that is
        not UTF-8 comes as lone surrogates), for the writer to escape as it always has."""
        try:
            if isinstance(result, RecordReport) and not self.options.explain:
                return self.report(result)
            return _utf8(self._whole(result))
        except UnicodeEncodeError:
            return self._whole(result)

    def _whole(self, result: Result) -> str:
        data = result.as_record()
        if self.options.explain and not isinstance(result, RecordFailure):
            only = self.options.only  # --condition: that condition's trace alone, as in text
            for cond in data["conditions"]:
                if only is None or cond["id"] == only:
                    cond["explain"] = [t.as_record() for t in result.traces.get(cond["id"], ())]
            if only is None:
                data["explain"] = [t.as_record() for t in result.traces.get("", ())]
        return json.dumps(data, ensure_ascii=False)

    def report(self, r: RecordReport) -> bytes:
        """`json.dumps(r.as_record(), ensure_ascii=False)` in UTF-8, from cached pieces."""
        out = [b'{"path": ', _utf8(_dumps(r.path)), b', "reference": ',
               _utf8(_dumps(r.reference)), b', "conditions": [',
               b", ".join([self.condition(c) for c in r.conditions]), b'], "findings": [',
               b", ".join([self.finding(f) for f in r.findings]), b'], "reminders": [',
               b", ".join([self.reminder(m) for m in r.reminders]), b"]"]
        if r.clock is not None:
            out += [b', "bail_clock": ', _utf8(_dumps(r.clock))]
        if r.warnings:
            out += [b', "warnings": ', _utf8(_dumps(list(r.warnings)))]
        out.append(b"}")
        return b"".join(out)

    def condition(self, c: ConditionResult) -> bytes:
        place = f', "line": {c.line}, "column": {c.column}' if c.line else ""
        return b"".join((_utf8(f'{{"id": {_dumps(c.id)}, "type": {_dumps(c.type)}, "verdict": '
                               f'{_VERDICT[c.verdict]}, "findings": ['),
                         b", ".join([self.finding(f) for f in c.findings]),
                         _utf8(f"]{place}}}")))

    def finding(self, f: Finding) -> bytes:
        key = ("f", f.rule, f.verdict, f.message, f.citations, f.alternative, f.step, f.verify,
               f.line, f.column, f.accepted)
        return self._cached(key, f)

    def reminder(self, m: Reminder) -> bytes:
        key = ("r", m.date, m.what, m.basis, m.status, m.flags, m.key, m.rank)
        return self._cached(key, m)

    def _cached(self, key: tuple[Any, ...], value: Finding | Reminder) -> bytes:
        piece = self._pieces.get(key)
        if piece is None:
            if len(self._pieces) >= CACHE_SIZE:
                del self._pieces[next(iter(self._pieces))]
            piece = self._pieces[key] = _utf8(_dumps(value.as_record()))
        return piece

    def end(self, tally: Tally) -> str:
        return ("\n],\n" + f'"bailcheck": {json.dumps(self.options.meta, sort_keys=True)},\n'
                + f'"summary": {json.dumps(tally.as_record(), sort_keys=True)}}}\n')
