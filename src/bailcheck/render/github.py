"""GitHub Actions workflow commands: one annotation per finding, on the record's line.

    ::error file=PATH,line=N,col=C,title=RULE::message

`error` for the verdicts that stop a condition (unlawful, disproportionate, unenforceable),
`warning` for needs_justification, `notice` for a note and for an accepted finding (which never
fails the run). Values are escaped as the Actions runner expects: `%`, CR and LF in the message;
those and `:` and `,` in the properties, so no record text can end a command or start another.
The run ends with the text report's one-line summary.
"""

from __future__ import annotations

from bailcheck.findings import RecordFailure, RecordReport, Result, Tally, Verdict
from bailcheck.render.base import Options, placed, relative, warnings_of
from bailcheck.safe_text import visible

COMMANDS = {Verdict.UNLAWFUL: "error", Verdict.DISPROPORTIONATE: "error",
            Verdict.UNENFORCEABLE: "error", Verdict.NEEDS_JUSTIFICATION: "warning",
            Verdict.NOTE: "notice", Verdict.OK: "notice"}


def escape_data(text: str) -> str:
    """A command's message, as the runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command's property value, as the runner unescapes it."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: str | int) -> str:
    props = ",".join(f"{key}={escape_property(visible(str(value)))}"
                     for key, value in properties.items())
    return f"::{kind} {props}::{escape_data(visible(message))}\n"


class GithubRenderer:
    def __init__(self, options: Options) -> None:
        self.options = options

    def begin(self) -> str:
        return ""

    def encode(self, result: Result) -> str:
        path = relative(result.path, self.options.root)
        if isinstance(result, RecordFailure):
            return "".join(command("error", p.message + (f" ({p.hint})" if p.hint else ""),
                                   file=path, line=max(p.line, 1), col=max(p.column, 1),
                                   title="bailcheck: cannot check this record")
                           for p in result.problems)
        return self.report(result, path)

    def report(self, report: RecordReport, path: str) -> str:
        out = []
        for item in placed(report):
            f = item.finding
            law = "; ".join(f.citations)
            message = item.headline + (f"\nLaw: {law}" if law else "") + (
                f"\nInstead: {f.alternative}" if f.alternative else "")
            kind = COMMANDS[f.verdict]
            title = f.rule
            if f.accepted:
                kind, title = "notice", f"{f.rule} (accepted)"
                message = f"{f.accepted[:1].upper()}{f.accepted[1:]}; it does not fail the check. " \
                    + message
            out.append(command(kind, message, file=path, line=item.line, col=item.column,
                               title=title))
        out += [command("warning", text, file=path, line=line, title="bailcheck: accepted")
                for line, text in warnings_of(report)]
        return "".join(out)

    def piece(self, text: str) -> str:
        return text

    def end(self, tally: Tally) -> str:
        from bailcheck.render.text import TextRenderer

        return TextRenderer(self.options).end(tally)
