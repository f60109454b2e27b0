"""What `bailcheck check` does, given its options as plain values: one implementation for the
Typer command (cli/check.py) and for the fast path that parses the common command lines
without Typer (cli/fastpath.py). Nothing here imports Typer."""

from __future__ import annotations

import os
import sys
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from bailcheck import __version__
from bailcheck.cli.handler import flush, on_terminal, say, write
from bailcheck.cli.plain import configuration, load_rules, parse_date, record_paths, setting
from bailcheck.errors import UsageError
from bailcheck.findings import Tally, Verdict
from bailcheck.render.base import Options, RuleInfo, renderer

if TYPE_CHECKING:
    from bailcheck.config import Config
    from bailcheck.rules.policy import Policy

READERS = ("custody", "solicitor", "policy")
# formats whose document has no human-readable summary: the summary line goes to stderr
_SUMMARY_ON_STDERR = ("sarif", "gitlab", "junit")


def run_check(paths: list[Path], *, format: str, fail_on: str, as_of: str | None,
              policy: list[Path] | None, builtin: bool, jobs: int, explain: bool,
              condition: str | None, reader: str, quiet: bool, verbose: bool, no_config: bool,
              given: Collection[str]) -> int:
    """Judge every condition in each record and print the report; the exit code. The options'
    values are already checked; `given` names the options given on the command line (the
    configuration file's settings apply to the others)."""
    from bailcheck.batch import Rendered, compare_paths

    if quiet and verbose:
        raise UsageError("--quiet and --verbose cannot be used together")
    paths = record_paths(paths)
    config = configuration(no_config)
    if verbose:
        _describe_config(config, no_config)
    format = setting("format", format, config, "format" in given)
    fail_on = setting("fail_on", fail_on, config, "fail_on" in given)
    policy = setting("policy", policy, config, "policy" in given)
    jobs = setting("jobs", jobs, config, "jobs" in given)
    today = parse_date(as_of)
    rules = load_rules(policy, builtin, examples=False)
    if verbose:
        _describe_policy(rules, jobs)
    tally = Tally(Verdict.parse(fail_on))
    trace = explain or (reader == "policy" and format == "text")
    options = Options(
        meta={"version": __version__, "policy_digest": rules.digest,
              "policy_sources": len(rules.sources), "as_of": today.isoformat()},
        reader=reader, colour=on_terminal(sys.stdout) and not os.environ.get("NO_COLOR"),
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
    flush()
    return tally.exit_code



def _rule_infos(rules: Policy) -> tuple[RuleInfo, ...]:
    return tuple(RuleInfo(r.id, r.title, r.step, r.verdict.label, r.message, r.citations,
                          r.alternative) for r in rules.rules)


def _describe_config(config: Config | None, no_config: bool) -> None:
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


def _describe_policy(rules: Policy, jobs: int) -> None:
    say(f"bailcheck: rules from {', '.join(rules.sources)}: {len(rules.rules)} in force, "
        f"policy digest {rules.digest}; {jobs} process{'es' if jobs > 1 else ''}")
