"""GitLab Code Quality: the JSON array a merge request's Code Quality widget reads.

Each finding is one issue with `description`, `check_name` (the rule id), `fingerprint` (from
the file, case reference, condition and rule: never the line), `severity` and
`location.path`/`location.lines.begin`. Severity follows the verdict: unlawful → blocker,
disproportionate → critical, unenforceable → major, needs_justification → minor, note → info;
an accepted finding is `info` and says who accepted it. A record that cannot be read is a
blocker at the problem's line. Streamed like the JSON report, so the array stays valid whatever
happens to one record.
"""

from __future__ import annotations

import json
from typing import Any

from bailcheck.findings import RecordFailure, RecordReport, Result, Tally, Verdict
from bailcheck.render.base import JsonList, Options, fingerprint, placed, relative, warnings_of

SEVERITY = {Verdict.UNLAWFUL: "blocker", Verdict.DISPROPORTIONATE: "critical",
            Verdict.UNENFORCEABLE: "major", Verdict.NEEDS_JUSTIFICATION: "minor",
            Verdict.NOTE: "info", Verdict.OK: "info"}


def issue(description: str, check: str, identity: tuple[str, ...], *, severity: str, path: str,
          line: int) -> dict[str, Any]:
    return {"description": description, "check_name": check,
            "fingerprint": fingerprint(*identity), "severity": severity,
            "location": {"path": path, "lines": {"begin": max(line, 1)}}}


class GitlabRenderer(JsonList):
    def __init__(self, options: Options) -> None:
        self.options = options

    def begin(self) -> str:
        return "["

    def encode(self, result: Result) -> str:
        path = relative(result.path, self.options.root)
        if isinstance(result, RecordFailure):
            check = "bailcheck/internal-error" if result.internal else "bailcheck/record-error"
            items = [issue(f"{path} cannot be checked: {p.message}"
                           + (f" ({p.hint})" if p.hint else ""), check,
                           (path, check, str(p.line), p.message), severity="blocker", path=path,
                           line=p.line)
                     for p in result.problems]
        else:
            items = self.findings(result, path)
        return ",\n  ".join(json.dumps(item, ensure_ascii=False) for item in items)

    def findings(self, report: RecordReport, path: str) -> list[dict[str, Any]]:
        items = []
        for item in placed(report):
            f = item.finding
            description, severity = item.summary, SEVERITY[f.verdict]
            if f.accepted:
                description, severity = f"[{f.accepted}] {description}", "info"
            items.append(issue(description, f.rule,
                               (path, report.reference, item.subject, f.rule),
                               severity=severity, path=path, line=item.line))
        items += [issue(text, "bailcheck/record-warning",
                        (path, report.reference, "bailcheck/record-warning", text),
                        severity="minor", path=path, line=line)
                  for line, text in warnings_of(report)]
        return items


    def end(self, tally: Tally) -> str:
        return "\n]\n"
