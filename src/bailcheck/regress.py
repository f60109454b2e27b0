"""Regression over past cases: compare each record's verdicts with its `expect` block, and the
verdicts of two policy sets with each other (decision drift)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bailcheck.findings import RecordFailure, RecordReport


@dataclass(frozen=True)
class Mismatch:
    condition: str  # a condition id, or "" for an expected rule that did not fire
    expected: str
    got: str
    explanation: tuple[str, ...] = ()  # the findings behind the verdict that was got


@dataclass
class CaseResult:
    path: str
    reference: str
    mismatches: list[Mismatch] = field(default_factory=list)
    error: str = ""

    @property
    def passed(self) -> bool:
        return not self.mismatches and not self.error


def compare(result: RecordReport | RecordFailure) -> CaseResult | None:
    """Check one result against its record's `expect`; None when the record expects nothing."""
    if isinstance(result, RecordFailure):
        return CaseResult(result.path, "", error="\n".join(str(p) for p in result.problems))
    if not result.expect:
        return None
    case = CaseResult(result.path, result.reference)
    got = {c.id: c for c in result.conditions}
    for cid, expected in sorted(result.expect.get("conditions", {}).items()):
        cond = got[cid]
        if cond.verdict.label != expected:
            case.mismatches.append(Mismatch(cid, expected, cond.verdict.label, tuple(
                f"{f.verdict.label} [{f.rule}] {f.message}" for f in cond.findings)))
    fired = {f.rule for c in result.conditions for f in c.findings} | {
        f.rule for f in result.findings}
    for rule in result.expect.get("rules", []):
        if rule not in fired:
            case.mismatches.append(Mismatch("", f"rule {rule} fires", "it did not fire"))
    return case


@dataclass(frozen=True)
class Drift:
    path: str
    reference: str
    condition: str
    before: str
    after: str
    added: tuple[str, ...]  # rules that fire only under the new policy
    removed: tuple[str, ...]  # rules that fire only under the baseline


def drift(before: RecordReport | RecordFailure, after: RecordReport | RecordFailure
          ) -> list[Drift]:
    """The conditions whose verdict differs between two evaluations of the same record."""
    if isinstance(before, RecordFailure) or isinstance(after, RecordFailure):
        return []
    out = []
    old = {c.id: c for c in before.conditions}
    for cond in after.conditions:
        prior = old[cond.id]
        if prior.verdict != cond.verdict:
            was = {f.rule for f in prior.findings}
            now = {f.rule for f in cond.findings}
            out.append(Drift(after.path, after.reference, cond.id, prior.verdict.label,
                             cond.verdict.label, tuple(sorted(now - was)),
                             tuple(sorted(was - now))))
    return out


def junit(cases: list[CaseResult], name: str = "bailcheck regress") -> bytes:
    """JUnit XML: one test case per record, a failure per mismatch, an error per bad record."""
    import xml.etree.ElementTree as ET

    failures = sum(1 for c in cases if c.mismatches)
    errors = sum(1 for c in cases if c.error)
    suite = ET.Element("testsuite", name=name, tests=str(len(cases)), failures=str(failures),
                       errors=str(errors), skipped="0")
    for case in cases:
        test = ET.SubElement(suite, "testcase", classname="bailcheck.regress",
                             name=f"{case.path} ({case.reference})" if case.reference
                             else case.path)
        if case.error:
            ET.SubElement(test, "error", message="record could not be read").text = case.error
        elif case.mismatches:
            ET.SubElement(test, "failure", message=f"{len(case.mismatches)} mismatch(es)"
                          ).text = "\n".join(describe(m) for m in case.mismatches)
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def describe(m: Mismatch) -> str:
    head = (f"{m.condition}: expected {m.expected}, got {m.got}" if m.condition
            else f"expected {m.expected}, but {m.got}")
    return "\n".join([head, *(f"    {line}" for line in m.explanation)])


def summary(cases: list[CaseResult]) -> dict[str, Any]:
    passed = sum(c.passed for c in cases)
    return {"passed": passed, "failed": len(cases) - passed}
