"""JUnit XML for CI test reports: one testsuite per record, one testcase per condition and one
for the findings about the record as a whole.

A testcase fails when a finding that counts (not accepted) is at or above `--fail-on`; accepted
findings are listed in the testcase's output and counted in the suite's `accepted` property. A
record that cannot be read is a suite with one errored testcase. Each suite is complete on its
own, so the document stays well-formed whatever happens to one record; text that XML 1.0
cannot hold is shown as escapes.
"""

from __future__ import annotations

from bailcheck.findings import RecordFailure, RecordReport, Result, Tally, Verdict
from bailcheck.render.base import Options, Placed, placed, relative, warnings_of
from bailcheck.safe_text import xml_attribute, xml_escape, xml_safe


def attr(value: str | int) -> str:
    return xml_attribute(xml_safe(str(value)))


def text(value: str) -> str:
    return xml_escape(xml_safe(value))


def _details(items: list[Placed]) -> str:
    lines = []
    for item in items:
        f = item.finding
        lines.append(f"[{f.rule}] {f.verdict.words}: {f.message}")
        if f.citations:
            lines.append(f"  Law: {'; '.join(f.citations)}")
        if f.alternative:
            lines.append(f"  Instead: {f.alternative}")
    return "\n".join(lines)


class JunitRenderer:
    def __init__(self, options: Options) -> None:
        self.options = options
        self.fail_on = Verdict.parse(options.fail_on)

    def begin(self) -> str:
        return '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bailcheck check">\n'

    def encode(self, result: Result) -> str:
        path = relative(result.path, self.options.root)
        if isinstance(result, RecordFailure):
            kind = "internal-error" if result.internal else "record-error"
            first = result.problems[0]
            body = "\n".join(str(p) for p in result.problems)
            return (f"  <testsuite name={attr(path)} tests=\"1\" failures=\"0\" errors=\"1\" "
                    f"skipped=\"0\">\n"
                    f"    <testcase classname={attr(path)} name=\"read record\" file={attr(path)} "
                    f"line={attr(max(first.line, 1))}>\n"
                    f"      <error type={attr(kind)} message={attr(first.message)}>"
                    f"{text(body)}</error>\n    </testcase>\n  </testsuite>\n")
        return self.suite(result, path)

    def suite(self, report: RecordReport, path: str) -> str:
        every = placed(report)
        cases: list[tuple[str, int, list[Placed]]] = [
            (f"{c.id} {c.type}", c.line or 1, [p for p in every if p.condition is c])
            for c in report.conditions]
        cases.append(("record", 1, [p for p in every if p.condition is None]))
        accepted = sum(1 for p in every if p.finding.accepted)
        body, failures = [], 0
        for name, line, items in cases:
            counting = [p for p in items if p.counts(self.fail_on)]
            opening = (f"    <testcase classname={attr(path)} name={attr(name)} "
                       f"file={attr(path)} line={attr(line)}>")
            parts = [opening]
            if counting:
                failures += 1
                worst = max(p.finding.verdict for p in counting)
                first = next(p for p in counting if p.finding.verdict == worst)
                parts.append(f"      <failure type={attr(worst.label)} "
                             f"message={attr(first.summary)}>{text(_details(counting))}"
                             "</failure>")
            shown = [p for p in items if not p.counts(self.fail_on)]
            if shown:
                out = "\n".join(f"Accepted ({p.finding.accepted}): [{p.finding.rule}] "
                                f"{p.finding.message}" if p.finding.accepted else
                                f"[{p.finding.rule}] {p.finding.verdict.words}: "
                                f"{p.finding.message}" for p in shown)
                parts.append(f"      <system-out>{text(out)}</system-out>")
            parts.append("    </testcase>")
            body.append("\n".join(parts))
        warnings = "\n".join(f"{path}:{line}: {w}" for line, w in warnings_of(report))
        return (f"  <testsuite name={attr(path)} tests={attr(len(cases))} "
                f"failures={attr(failures)} errors=\"0\" skipped=\"0\">\n"
                f"    <properties>\n"
                f"      <property name=\"reference\" value={attr(report.reference)}/>\n"
                f"      <property name=\"accepted\" value={attr(accepted)}/>\n"
                f"      <property name=\"fail_on\" value={attr(self.fail_on.label)}/>\n"
                f"    </properties>\n" + "\n".join(body) + "\n"
                + (f"    <system-err>{text(warnings)}</system-err>\n" if warnings else "")
                + "  </testsuite>\n")

    def piece(self, text: str) -> str:
        return text

    def end(self, tally: Tally) -> str:
        return "</testsuites>\n"
