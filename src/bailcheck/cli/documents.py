"""The commands that produce documents from a record: drafts, reminders and calendars, redacted
fixtures, new records and the record schema. Registered on the app in cli.py."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from bailcheck.cli.options import AsOf, Format, PolicyDirs, handled, load_rules, parse_date
from bailcheck.errors import UsageError


def reminders(
    record: Annotated[Path, typer.Argument(help="A bail record.")],
    *,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    ics: Annotated[Path | None, typer.Option(
        "--ics", metavar="FILE", help="Also write the reminders as an iCalendar file.")] = None,
    force: Annotated[bool, typer.Option(help="Replace an existing --ics file.")] = False,
    as_of: AsOf = None,
    policy: PolicyDirs = None,
) -> None:
    """The dates that matter: court and answer dates, bail periods, extensions and who must
    authorise them, reviews. Flags weekends and England and Wales bank holidays."""
    from bailcheck.clocks import holidays as calendars
    from bailcheck.clocks import reminders as clock_dates
    from bailcheck.engine import evaluate
    from bailcheck.facts.registry import Context
    from bailcheck.files import write_atomic
    from bailcheck.record.validate import load_record
    from bailcheck.render import reminders_out

    today = parse_date(as_of) or date.today()
    with handled():
        rules = load_rules(policy)
        loaded = load_record(record)
        report = evaluate(loaded, rules, today)
        dates = calendars.flag_bank_holidays(report.reminders)
        summary = clock_dates.clock_summary(Context(loaded, today))
        findings = tuple(f for f in report.findings if f.step == "record")
        render = reminders_out.as_json if format is Format.json else reminders_out.text
        typer.echo(render(report.reference, today.isoformat(), summary, dates, findings), nl=False)
        if ics is not None:
            write_atomic(ics, calendars.to_ics(report.reference, dates, today), force)


class Audience(StrEnum):
    custody = "custody"
    solicitor = "solicitor"


class DraftFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    docx = "docx"


def draft(
    record: Annotated[Path, typer.Argument(help="A bail record.")],
    *,
    audience: Annotated[Audience, typer.Option(
        "--for", help="custody: the s.5A note of reasons; solicitor: representations for a "
        "variation.")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to this file (.md for Markdown, .docx for Word) instead "
        "of the screen.")] = None,
    format: Annotated[DraftFormat | None, typer.Option(
        "--format", "-f", help="text, markdown or docx; default: from the -o suffix, else text."
    )] = None,
    templates: Annotated[Path | None, typer.Option(
        "--templates", metavar="DIR", help="A folder of templates overriding the built-in ones "
        "file by file.")] = None,
    force: Annotated[bool, typer.Option(help="Replace an existing output file.")] = False,
    as_of: AsOf = None,
    policy: PolicyDirs = None,
) -> None:
    """Draft the custody officer's reasons or a solicitor's representations from the findings."""
    from bailcheck.documents import drafts
    from bailcheck.engine import evaluate
    from bailcheck.files import write_atomic
    from bailcheck.record.validate import load_record
    from bailcheck.render.templating import environment, render

    fmt = format or _format_from_suffix(output)
    today = parse_date(as_of) or date.today()
    with handled():
        if fmt is DraftFormat.docx and output is None:
            raise UsageError("a Word document needs a file: add -o NAME.docx")
        rules = load_rules(policy)
        loaded = load_record(record)
        context = drafts.build(loaded, evaluate(loaded, rules, today), rules, today)
        env = environment(templates, "text" if fmt is DraftFormat.text else "markdown")
        text = render(env, f"{audience.value}.j2", context)
        if fmt is DraftFormat.docx:
            from bailcheck.render.docx_out import markdown_to_docx

            data = markdown_to_docx(text)
        else:
            data = text.encode()
        if output is None:
            typer.echo(text, nl=False)
        else:
            write_atomic(output, data, force)


def _format_from_suffix(output: Path | None) -> DraftFormat:
    suffix = output.suffix.lower() if output else ""
    return {".docx": DraftFormat.docx, ".md": DraftFormat.markdown}.get(suffix, DraftFormat.text)


def redact(
    record: Annotated[Path, typer.Argument(help="A bail record with personal data.")],
    *,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the redacted record here instead of the screen.")] = None,
    reference: Annotated[str, typer.Option(help="The case reference to use instead.")] = "REDACTED",
    force: Annotated[bool, typer.Option(help="Replace an existing output file.")] = False,
    policy: PolicyDirs = None,
) -> None:
    """Replace names, places, references and free text with placeholders, keeping every fact the
    rules read, so that a real case can be kept as a regression fixture."""
    from bailcheck.files import write_atomic
    from bailcheck.record.validate import load_record
    from bailcheck.documents.redact import redact as redacted
    from bailcheck.record.write import to_yaml

    with handled():
        rules = load_rules(policy)
        text = to_yaml(redacted(load_record(record), rules, reference),
                       "# Redacted by bailcheck: names, places, references and free text "
                       "replaced.\n")
        if output is None:
            typer.echo(text, nl=False)
        else:
            write_atomic(output, text.encode(), force)


def new(
    *,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the record here instead of the screen.")] = None,
    template: Annotated[bool, typer.Option(
        "--template", help="Print a commented skeleton record to fill in, without questions."
    )] = False,
    force: Annotated[bool, typer.Option(help="Replace an existing output file.")] = False,
) -> None:
    """Write a bail record by answering questions (or print a skeleton with --template)."""
    from bailcheck.documents import intake
    from bailcheck.files import write_atomic

    with handled():
        if output is not None and output.exists() and not force:  # before, not after, the questions
            raise UsageError(f"{output}: already exists; use --force to replace it")
        if template:
            text = intake.skeleton()
        else:
            def ask(prompt: str) -> str:
                # prompts go to stderr so that the record alone goes to stdout
                typer.echo(f"{prompt}: ", nl=False, err=True)
                line = sys.stdin.readline()
                if not line:
                    raise UsageError("the questions stopped before the end; nothing was "
                                     "written")
                return line.rstrip("\n")

            text = intake.interview(ask, lambda line: typer.echo(line, err=True))
        if output is None:
            typer.echo(text, nl=False)
        else:
            write_atomic(output, text.encode(), force)
            typer.echo(f"wrote {output}; check it with: bailcheck check {output}", err=True)


def record_schema() -> None:
    """Print the JSON Schema of the bail record, for editors with YAML support."""
    import json

    from bailcheck.record.jsonschema import record_schema as build

    typer.echo(json.dumps(build(), indent=2, ensure_ascii=False))


