"""Regression over past cases: compare each record's verdicts with its `expect` block, and the
verdicts of two policy sets with each other (decision drift)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bailcheck.findings import RecordFailure, RecordReport, Result
from bailcheck.record.cross import suggest
from bailcheck.safe_text import quote, visible, xml_safe


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


def compare(result: Result, known: set[str] | None = None) -> CaseResult | None:
    """Check one result against its record's `expect`; None when the record expects nothing.
    An expected rule id that no loaded rule has is an error in the record, not a mismatch."""
    if isinstance(result, RecordFailure):
        return CaseResult(result.path, "", error="\n".join(str(p) for p in result.problems))
    if not result.expect:
        return None
    case = CaseResult(result.path, result.reference)
    named = result.expect.get("rules", [])
    unknown = [i for i, r in enumerate(named) if known is not None and r not in known]
    if unknown:
        lines = []
        for i in unknown:
            line, column = _expected_rule_at(result.path, i)
            lines.append(f"{visible(result.path)}:{line}:{column}: expect.rules names "
                         f"{quote(named[i])}, which no loaded rule has "
                         f"({suggest(named[i], sorted(known or ()))})")
        case.error = "\n".join(lines)
        return case
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


def _expected_rule_at(path: str, index: int) -> tuple[int, int]:
    """Where the record names its `index`th expected rule: read again, on the way to an error
    (a record from standard input cannot be, and is placed at its start)."""
    from bailcheck.errors import BailcheckError
    from bailcheck.files import STDIN, display
    from bailcheck.record.validate import load_record

    if path == display(STDIN):  # not a file of that name in the working folder
        return (1, 1)
    try:
        return load_record(Path(path)).mark("expect", "rules", index) or (1, 1)
    except (BailcheckError, OSError):
        return (1, 1)


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


def junit(cases: list[CaseResult], skipped: list[str] | None = None,
          name: str = "bailcheck regress") -> bytes:
    """JUnit XML: one test case per record, a failure per mismatch, an error per bad record,
    and a skipped test case for each record without `expect`."""
    import xml.etree.ElementTree as ET

    skipped = skipped or []
    failures = sum(1 for c in cases if c.mismatches and not c.error)
    errors = sum(1 for c in cases if c.error)
    suite = ET.Element("testsuite", name=name, tests=str(len(cases) + len(skipped)),
                       failures=str(failures), errors=str(errors), skipped=str(len(skipped)))
    for case in cases:
        test = ET.SubElement(suite, "testcase", classname="bailcheck.regress",
                             name=xml_safe(f"{case.path} ({case.reference})" if case.reference
                                           else case.path))
        if case.error:
            ET.SubElement(test, "error", message="record could not be checked").text = xml_safe(
                case.error)
        elif case.mismatches:
            ET.SubElement(test, "failure", message=f"{len(case.mismatches)} mismatch(es)"
                          ).text = xml_safe("\n".join(describe(m) for m in case.mismatches))
    for path in skipped:
        test = ET.SubElement(suite, "testcase", classname="bailcheck.regress",
                             name=xml_safe(path))
        ET.SubElement(test, "skipped", message="the record has no `expect` block")
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


def selected(result: Result, keyword: str) -> bool:
    """-k: the file name or the case reference contains the keyword."""
    return keyword in Path(result.path).name or keyword in getattr(result, "reference", "")


@dataclass
class Run:
    """A regression run's results, gathered as records stream past."""

    cases: list[CaseResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    drifts: list[Drift] = field(default_factory=list)
    read: int = 0  # every record read, selected by -k or not
    selected: int = 0

    def add(self, results: tuple[Result, ...], known: set[str]) -> CaseResult | None:
        self.selected += 1
        case = compare(results[0], known)
        if case is None:
            self.skipped.append(results[0].path)
        else:
            self.cases.append(case)
        if len(results) > 1:
            self.drifts.extend(drift(results[1], results[0]))
        return case

    def summary_line(self) -> str:
        counts = summary(self.cases)
        return (f"{counts['passed']} passed, {counts['failed']} failed"
                + (f", {len(self.skipped)} skipped" if self.skipped else "")
                + (f", {self.deselected} deselected by -k" if self.deselected else ""))

    @property
    def deselected(self) -> int:
        return self.read - self.selected


def describe_case(case: CaseResult) -> str:
    head = f"FAIL {visible(case.path)}" + (f" ({visible(case.reference)})" if case.reference
                                           else "")
    lines = [case.error] if case.error else [describe(m) for m in case.mismatches]
    return head + "\n" + "".join("  " + line.replace("\n", "\n  ") + "\n" for line in lines)
