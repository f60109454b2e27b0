"""`bailcheck check`: judge every condition in each record and print a report."""

# No `from __future__ import annotations` here: Typer reads the command's annotations on every
# start, and string annotations would each be compiled and evaluated then.

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bailcheck import __version__
from bailcheck.cli.handler import handled, say, write
from bailcheck.cli.options import (
    AsOf,
    Builtin,
    FailOn,
    Jobs,
    NoConfig,
    PolicyDirs,
    choice,
    completion,
    configuration,
    configured,
    load_rules,
    parse_date,
)
from bailcheck.errors import UsageError
from bailcheck.findings import Tally, Verdict
from bailcheck.render.base import FORMATS, Options, RuleInfo, renderer

if TYPE_CHECKING:

    from bailcheck.config import Config
    from bailcheck.rules.policy import Policy

READERS = ("custody", "solicitor", "policy")
# formats whose document has no human-readable summary: the summary line goes to stderr
_SUMMARY_ON_STDERR = ("sarif", "gitlab", "junit")


@handled
def check(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Record files or folders of records "
                                                "(`-`: one record on standard input).")],
    *,
    format: Annotated[str, typer.Option(
        "--format", "-f", callback=choice(*FORMATS["check"]),
        autocompletion=completion(*FORMATS["check"]),
        help="Output format: " + ", ".join(FORMATS["check"]) + ".")] = "text",
    fail_on: FailOn = "unenforceable",
    as_of: AsOf = None,
    policy: PolicyDirs = None,
    builtin: Builtin = True,
    jobs: Jobs = 1,
    explain: Annotated[bool, typer.Option(
        "--explain", help="After each record, explain every verdict: the rules considered, the "
        "facts read, their values and record lines.")] = False,
    condition: Annotated[str | None, typer.Option(
        "--condition", metavar="ID", help="With --explain, only this condition.")] = None,
    reader: Annotated[str, typer.Option(
        "--for", callback=choice(*READERS), autocompletion=completion(*READERS),
        help="Order and word the text report for its reader: " + ", ".join(READERS) + ".")] = "custody",
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Print only the summary and the records that cannot be read "
        "(no warnings); other formats' documents are unchanged.")] = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Also say which configuration file and rule folders were "
        "used.")] = False,
    no_config: NoConfig = False,
) -> None:
    """Judge every condition in each bail record; exit 0 (clean), 1 (findings) or 2 (errors)."""
    from bailcheck.batch import Rendered, compare_paths

    if quiet and verbose:
        raise UsageError("--quiet and --verbose cannot be used together")
    config = configuration(no_config)
    if verbose:
        _describe_config(config, no_config)
    format = configured("format", format, config, ctx)
    fail_on = configured("fail_on", fail_on, config, ctx)
    policy = configured("policy", policy, config, ctx)
    jobs = configured("jobs", jobs, config, ctx)
    today = parse_date(as_of)
    rules = load_rules(policy, builtin, examples=False)
    if verbose:
        _describe_policy(rules, jobs)
    tally = Tally(Verdict.parse(fail_on))
    trace = explain or (reader == "policy" and format == "text")
    options = Options(
        meta={"version": __version__, "policy_digest": rules.digest,
              "policy_sources": len(rules.sources), "as_of": today.isoformat()},
        reader=reader, colour=sys.stdout.isatty() and not os.environ.get("NO_COLOR"),
        explain=explain, only=condition, fail_on=fail_on,
        rules=_rule_infos(rules) if format == "sarif" else (), root=os.getcwd())
    out = renderer("check", format, options)
    if not quiet:
        for warning in rules.warnings(today):
            say(f"warning: {warning}")
    write(out.begin())
    for outcome, text, warnings in compare_paths(paths, (rules,), today, jobs=jobs,
                                                 finish=Rendered(out.encode), trace=trace):
        tally.add(outcome)
        if format != "text":  # the document holds them too, but a person watching needs them
            for problem in outcome.problems:
                say(problem)
        if not quiet:
            for warning in warnings:
                say(f"warning: {warning}")
        shown = text if not quiet or outcome.unreadable or format != "text" else ""
        write(out.piece(shown))
    if not tally.records:
        say("no records found: give .yaml files or folders holding them")
    write(out.end(tally))
    if format in _SUMMARY_ON_STDERR:
        from bailcheck.render.text import TextRenderer

        say(TextRenderer(options).end(tally).rstrip("\n"))
    sys.stdout.flush()
    raise typer.Exit(code=tally.exit_code)


def _rule_infos(rules: "Policy") -> tuple[RuleInfo, ...]:
    return tuple(RuleInfo(r.id, r.title, r.step, r.verdict.label, r.message, r.citations,
                          r.alternative) for r in rules.rules)


def _describe_config(config: "Config | None", no_config: bool) -> None:
    if no_config:
        say("bailcheck: configuration files ignored (--no-config)")
    elif config is None:
        say(f"bailcheck: no configuration file (looked for bailcheck.toml or [tool.bailcheck] in "
            f"pyproject.toml from {Path.cwd()} up)")
    else:
        settings = "; ".join(f"{k} = {', '.join(map(str, v)) if isinstance(v, list) else v}"
                             for k, v in config.values.items()) or "no settings"
        say(f"bailcheck: configuration from {config.path} ({settings}); options given on the "
            "command line win")


def _describe_policy(rules: "Policy", jobs: int) -> None:
    say(f"bailcheck: rules from {', '.join(rules.sources)}: {len(rules.rules)} in force, "
        f"policy digest {rules.digest}; {jobs} process{'es' if jobs > 1 else ''}")
