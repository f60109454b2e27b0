"""SARIF 2.1.0, the static-analysis interchange format GitHub code scanning and editors read.

One run, streamed record by record like the JSON report: `begin` writes the tool with every rule
of the loaded policy, each record's piece is a comma-separated list of results (complete JSON
on its own), `end` closes the run with the summary. Each result carries GitHub's required
fields: `ruleId`, `level`, `message.text`, one physical location relative to the working
directory, and `partialFingerprints` made from the case reference, the condition and the rule
(not the line, so a condition that moves keeps its alert). An accepted finding is reported with
a `suppressions` entry carrying its justification; a record that cannot be read is an error
result at the problem's position.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from bailcheck.findings import RecordFailure, RecordReport, Result, Tally, Verdict
from bailcheck.render.base import (
    JsonList,
    Options,
    RuleInfo,
    fingerprint,
    placed,
    relative,
    warnings_of,
)

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/bailcheck/"
FINGERPRINT = "bailcheckFinding/v1"

LEVELS = {Verdict.UNLAWFUL: "error", Verdict.DISPROPORTIONATE: "error",
          Verdict.UNENFORCEABLE: "error", Verdict.NEEDS_JUSTIFICATION: "warning",
          Verdict.NOTE: "note", Verdict.OK: "none"}

# results that are about bailcheck's reading of a record rather than a rule of the policy
# (a slash cannot appear in a rule id, so these never collide with one)
RECORD_ERROR = RuleInfo("bailcheck/record-error", "The record cannot be checked", "record",
                        "unlawful", "The record could not be read or does not follow the record "
                        "format, so none of its conditions was checked.", (),
                        "Correct the record at the position given and check it again.")
INTERNAL_ERROR = RuleInfo("bailcheck/internal-error", "bailcheck failed on this record",
                          "record", "unlawful", "bailcheck met a bug while checking this record; "
                          "its conditions were not checked.", (),
                          "Run again with BAILCHECK_DEBUG=1 and report the bug.")
RECORD_WARNING = RuleInfo("bailcheck/record-warning", "An `accepted` entry needs attention",
                          "record", "needs_justification", "An `accepted` entry has lapsed "
                          "(its review_by date has passed) or matches no finding.", (),
                          "Review the acceptance: renew review_by, or remove the entry.")
SYNTHETIC = (RECORD_ERROR, INTERNAL_ERROR, RECORD_WARNING)


def information_uri() -> str:
    """The project's home page as the installed package declares it, else its PyPI page."""
    try:
        from importlib.metadata import PackageNotFoundError, metadata

        urls = metadata("bailcheck").get_all("Project-URL") or []
    except (ImportError, PackageNotFoundError):  # pragma: no cover - run from a bare checkout
        urls = []
    for entry in urls:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() in ("homepage", "home", "documentation", "source"):
            return url.strip()
    return INFORMATION_URI


def uri(path: str, root: str) -> str:
    """An artifact URI: relative to the working directory (percent-encoded), or file:///."""
    shown = relative(path, root)
    if shown.startswith("/"):
        return "file://" + quote(shown, safe="/")
    return quote(shown, safe="/")


def descriptor(rule: RuleInfo) -> dict[str, Any]:
    """A rule as a SARIF reportingDescriptor, with the law it relies on in its help."""
    law = "; ".join(rule.citations)
    text = rule.title + (f"\n\nLaw: {law}" if law else "") + (
        f"\n\nInstead: {rule.alternative}" if rule.alternative else "")
    markdown = f"**{rule.title}**" + ("\n\nLaw:\n\n" + "".join(f"- {c}\n" for c in rule.citations)
                                      if rule.citations else "") + (
        f"\n\nInstead: {rule.alternative}" if rule.alternative else "")
    return {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.message[:1000] or rule.title},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[Verdict.parse(rule.verdict)]},
        "properties": {"step": rule.step, "verdict": rule.verdict,
                       "citations": list(rule.citations), "tags": [rule.step, rule.verdict]},
    }


class SarifRenderer(JsonList):
    def __init__(self, options: Options) -> None:
        self.options = options
        self.index = {r.id: i for i, r in enumerate((*options.rules, *SYNTHETIC))}

    def begin(self) -> str:
        driver = {"name": "bailcheck", "version": str(self.options.meta.get("version", "")),
                  "informationUri": information_uri(),
                  "rules": [descriptor(r) for r in (*self.options.rules, *SYNTHETIC)]}
        head = json.dumps({"$schema": SCHEMA, "version": "2.1.0"}, ensure_ascii=False)[:-1]
        run = json.dumps({"tool": {"driver": driver}, "columnKind": "unicodeCodePoints"},
                         ensure_ascii=False)[:-1]
        return f'{head}, "runs": [{run}, "results": ['

    def location(self, path: str, line: int, column: int) -> list[dict[str, Any]]:
        line, column = max(line, 1), max(column, 1)
        return [{"physicalLocation": {
            "artifactLocation": {"uri": uri(path, self.options.root)},
            "region": {"startLine": line, "startColumn": column, "endLine": line,
                       "endColumn": column + 1}}}]

    def result(self, rule: str, level: str, message: str, *, path: str, line: int, column: int,
               identity: tuple[str, ...], **extra: Any) -> dict[str, Any]:
        digest = fingerprint(*identity)
        out: dict[str, Any] = {
            "ruleId": rule, "level": level, "message": {"text": message},
            "locations": self.location(path, line, column),
            # GitHub uses only primaryLocationLineHash; ours is the finding's identity
            "partialFingerprints": {FINGERPRINT: digest, "primaryLocationLineHash": digest},
        }
        if rule in self.index:
            out["ruleIndex"] = self.index[rule]
        out.update(extra)
        return out

    def encode(self, result: Result) -> str:
        if isinstance(result, RecordFailure):
            rule = INTERNAL_ERROR if result.internal else RECORD_ERROR
            items = [self.result(rule.id, "error", p.message + (f" ({p.hint})" if p.hint else ""),
                                 path=result.path, line=p.line, column=p.column,
                                 identity=(rule.id, result.path, p.message))
                     for p in result.problems]
        else:
            items = self.findings(result)
        return ",\n  ".join(json.dumps(item, ensure_ascii=False) for item in items)

    def findings(self, report: RecordReport) -> list[dict[str, Any]]:
        items = []
        for item in placed(report):
            f = item.finding
            extra: dict[str, Any] = {"properties": {
                "verdict": f.verdict.label, "step": f.step, "condition": item.subject,
                "reference": report.reference, "citations": list(f.citations)}}
            if f.accepted:
                extra["suppressions"] = [{"kind": "inSource", "status": "accepted",
                                          "justification": f.accepted}]
            items.append(self.result(f.rule, LEVELS[f.verdict], item.summary, path=report.path,
                                     line=item.line, column=item.column,
                                     identity=(report.reference, item.subject, f.rule), **extra))
        for line, text in warnings_of(report):
            items.append(self.result(RECORD_WARNING.id, "warning", text, path=report.path,
                                     line=line, column=1,
                                     identity=(RECORD_WARNING.id, report.reference, text)))
        return items


    def end(self, tally: Tally) -> str:
        invocation = {"executionSuccessful": not tally.internal, "exitCode": tally.exit_code}
        properties = {"bailcheck": self.options.meta, "summary": tally.as_record(),
                      "failOn": tally.fail_on.label}
        return ("\n],\n" + f'"invocations": [{json.dumps(invocation, sort_keys=True)}],\n'
                + f'"properties": {json.dumps(properties, sort_keys=True)}}}]}}\n')
