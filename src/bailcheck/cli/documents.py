"""The commands that produce documents from a record: drafts, reminders and calendars, redacted
fixtures, new records and the record schema. Registered on the app in cli.py."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from bailcheck.cli.handler import handled, say, write
from bailcheck.cli.options import (
    AsOf,
    Force,
    NoConfig,
    Output,
    PolicyDirs,
    choice,
    configuration,
    configured,
    load_rules,
    parse_date,
)
from bailcheck.errors import UsageError


@handled
def reminders(
    record: Annotated[Path, typer.Argument(
        readable=False, help="A bail record (`-`: standard input).")],
    *,
    format: Annotated[str, typer.Option(
        "--format", "-f", callback=choice("text", "json"),
        help="Output format: text or json (the bail-clock contract).")] = "text",
    ics: Annotated[Path | None, typer.Option(
        "--ics", metavar="FILE", help="Also write the reminders as an iCalendar file.")] = None,
    force: Force = False,
    as_of: AsOf = None,
    policy: PolicyDirs = None,
    no_config: NoConfig = False,
) -> None:
    """The dates that matter: court and answer dates, bail periods, extensions and who must
    authorise them, reviews. Flags weekends and England and Wales bank holidays."""
    config = configuration(no_config)
    policy = configured("policy", policy, config)
    from bailcheck.clocks.holidays import flag_bank_holidays
    from bailcheck.engine import evaluate
    from bailcheck.files import check_writable, write_file
    from bailcheck.record.validate import load_record
    from bailcheck.render import ics as calendar
    from bailcheck.render import reminders_out

    today = parse_date(as_of)
    if ics is not None:
        check_writable(ics, force)
    rules = load_rules(policy, examples=False)
    report = evaluate(load_record(record), rules, today)
    dates = flag_bank_holidays(report.reminders)
    clock_rules = {r.id for r in rules.record_rules if r.source.endswith("clock.yaml")}
    findings = tuple(f for f in report.findings if f.rule in clock_rules)
    render = reminders_out.as_json if format == "json" else reminders_out.text
    text = render(report.reference, today.isoformat(), report.clock, dates, findings)
    if ics is not None:
        write_file(ics, calendar.to_ics(report.reference, dates, today), force)
    write(text)


AUDIENCES = ("custody", "solicitor")
DRAFT_FORMATS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".docx": "docx"}


@handled
def draft(
    record: Annotated[Path, typer.Argument(
        readable=False, help="A bail record (`-`: standard input).")],
    *,
    audience: Annotated[str, typer.Option(
        "--for", callback=choice(*AUDIENCES),
        help="custody: the decision-maker's note of reasons (the custody officer's, or the "
        "court's for court bail); solicitor: representations, by the route the stage allows.")],
    output: Output = None,
    format: Annotated[str | None, typer.Option(
        "--format", "-f", callback=choice("text", "markdown", "docx"),
        help="text, markdown or docx; default: from the -o suffix, else text.")] = None,
    templates: Annotated[Path | None, typer.Option(
        "--templates", metavar="DIR", help="A folder of templates (.j2, .docx, "
        "authorities.yaml) overriding the built-in ones file by file.")] = None,
    force: Force = False,
    as_of: AsOf = None,
    policy: PolicyDirs = None,
    no_config: NoConfig = False,
) -> None:
    """Draft the decision-maker's note of reasons or a solicitor's representations."""
    config = configuration(no_config)
    policy = configured("policy", policy, config)
    templates = configured("templates", templates, config)
    from bailcheck.documents import drafts
    from bailcheck.engine import evaluate
    from bailcheck.files import check_writable
    from bailcheck.record.validate import load_record
    from bailcheck.render.templating import environment, render_with_checklist

    fmt = _format_from_suffix(output, format)
    today = parse_date(as_of)
    if fmt == "docx" and (output is None or str(output) == "-"):
        raise UsageError("a Word document needs a file: add -o NAME.docx")
    if templates is not None and not templates.is_dir():
        raise UsageError(f"{templates}: not a folder of templates")
    if output is not None:
        check_writable(output, force)
    rules = load_rules(policy, examples=False)
    loaded = load_record(record)
    made = drafts.build(loaded, evaluate(loaded, rules, today), rules, today,
                        audience=audience, templates=templates)
    env = environment(templates, "text" if fmt == "text" else "markdown")
    text = render_with_checklist(env, f"{made.name}.j2", made.context)
    if fmt == "docx":
        from bailcheck.render.docx_out import render_docx

        data = render_docx(text, made.name, made.context, today, templates)
    else:
        data = text.encode()
    _emit(output, data, force)


def _format_from_suffix(output: Path | None, asked: str | None = None) -> str:
    """The format: from --format, else the -o suffix, else text. A suffix bailcheck does not
    write, or one that contradicts --format, is an error naming the ones it does."""
    if output is None or str(output) == "-":
        return asked or "text"
    suffix = output.suffix.lower()
    known = ", ".join(DRAFT_FORMATS)
    if suffix not in DRAFT_FORMATS:
        raise UsageError(f"{output}: bailcheck writes drafts as {known} "
                         f"({', '.join(dict.fromkeys(DRAFT_FORMATS.values()))}); "
                         "name the file with one of those suffixes")
    if asked is not None and asked != DRAFT_FORMATS[suffix]:
        raise UsageError(f"{output}: the suffix {suffix} says {DRAFT_FORMATS[suffix]}, but "
                         f"--format says {asked}; make them agree")
    return DRAFT_FORMATS[suffix]


def _emit(output: Path | None, data: bytes, force: bool) -> None:
    """To the file asked for, or to the screen."""
    from bailcheck.files import write_file

    if output is None:
        write(data.decode())
    else:
        write_file(output, data, force)


@handled
def redact(
    record: Annotated[Path, typer.Argument(
        readable=False, help="A bail record with personal data.")],
    *,
    output: Output = None,
    reference: Annotated[str, typer.Option(help="The case reference to use instead.")] = "REDACTED",
    force: Force = False,
    policy: PolicyDirs = None,
    no_config: NoConfig = False,
) -> None:
    """Replace names, places, references and free text with placeholders, keeping every fact the
    rules read, so that a real case can be kept as a regression fixture."""
    config = configuration(no_config)
    policy = configured("policy", policy, config)
    from bailcheck.documents.redact import redact as redacted
    from bailcheck.files import check_writable
    from bailcheck.record.validate import load_record
    from bailcheck.record.write import to_yaml

    if output is not None:
        check_writable(output, force)
    rules = load_rules(policy, examples=False)
    text = to_yaml(redacted(load_record(record), rules, reference),
                   "# Redacted by bailcheck: names, places, references and free text replaced.\n")
    _emit(output, text.encode(), force)


@handled
def new(
    *,
    output: Output = None,
    template: Annotated[bool, typer.Option(
        "--template", help="Print a commented skeleton record to fill in, without questions."
    )] = False,
    force: Force = False,
) -> None:
    """Write a bail record by answering questions (or print a skeleton with --template)."""
    from bailcheck.documents import intake
    from bailcheck.files import check_writable

    if output is not None:  # before, not after, the questions
        check_writable(output, force)
    if template:
        text = intake.skeleton()
    else:
        def ask(prompt: str) -> str:
            # prompts go to stderr so that the record alone goes to stdout
            write(f"{prompt}: ", sys.stderr)
            line = sys.stdin.readline()
            if not line:
                raise UsageError("the questions stopped before the end; nothing was written")
            return line.rstrip("\n")

        text = intake.interview(ask, say)
    _emit(output, text.encode(), force)
    if output is not None and str(output) != "-":
        say(f"wrote {output}; check it with: bailcheck check {output}")


@handled
def record_schema() -> None:
    """Print the JSON Schema of the bail record, for editors with YAML support."""
    import json

    from bailcheck.record.jsonschema import record_schema as build

    write(json.dumps(build(), indent=2, ensure_ascii=False) + "\n")
