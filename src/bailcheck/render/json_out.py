"""The JSON output contract (record-format.md): one document, streamed record by record.

Each record's piece is complete JSON on its own, so whatever happens to one record the document
stays parseable; `ensure_ascii` keeps it valid however odd the text or file name.
"""

from __future__ import annotations

import json

from bailcheck.findings import RecordFailure, Result, Tally
from bailcheck.render.base import JsonList, Options


class JsonRenderer(JsonList):
    def __init__(self, options: Options) -> None:
        self.options = options

    def begin(self) -> str:
        return '{"records": ['

    def encode(self, result: Result) -> str:
        data = result.as_record()
        if self.options.explain and not isinstance(result, RecordFailure):
            for cond in data["conditions"]:
                cond["explain"] = [t.as_record() for t in result.traces.get(cond["id"], ())]
            data["explain"] = [t.as_record() for t in result.traces.get("", ())]
        return json.dumps(data, ensure_ascii=False)


    def end(self, tally: Tally) -> str:
        return ("\n],\n" + f'"bailcheck": {json.dumps(self.options.meta, sort_keys=True)},\n'
                + f'"summary": {json.dumps(tally.as_record(), sort_keys=True)}}}\n')
