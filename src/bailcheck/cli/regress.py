"""`bailcheck regress`: past cases against their `expect` blocks, and decision drift."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bailcheck.cli.handler import handled, write
from bailcheck.cli.options import (
    AsOf,
    Builtin,
    Jobs,
    NoConfig,
    PolicyDirs,
    configuration,
    configured,
    load_rules,
    parse_date,
    record_paths,
)
from bailcheck.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UsageError
from bailcheck.safe_text import visible

if TYPE_CHECKING:
    from bailcheck.regress import CaseResult, Drift
    from bailcheck.rules.policy import Policy


@handled
def regress(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(
        readable=False, help="Past-case records or folders of them.")],
    *,
    junit: Annotated[Path | None, typer.Option(
        "--junit", metavar="FILE", help="Also write the results as JUnit XML.")] = None,
    keyword: Annotated[str | None, typer.Option(
        "-k", metavar="TEXT", help="Only records whose file name or case reference contains "
        "TEXT.")] = None,
    baseline: Annotated[list[Path] | None, typer.Option(
        "--baseline-policy", metavar="DIR", help="Also list the conditions whose verdict "
        "differs under this policy set (repeatable; layered like --policy).")] = None,
    fail_on_drift: Annotated[bool, typer.Option(
        help="Exit 1 when any verdict drifts from the baseline.")] = False,
    force: Annotated[bool, typer.Option(help="Replace an existing --junit file.")] = False,
    as_of: AsOf = None,
    policy: PolicyDirs = None,
    builtin: Builtin = True,
    jobs: Jobs = 1,
    no_config: NoConfig = False,
) -> None:
    """Check past cases against their `expect` blocks; exit 1 on any mismatch."""
    from bailcheck import regress as past
    from bailcheck.batch import compare_paths
    from bailcheck.files import check_writable, write_file

    paths = record_paths(paths)
    config = configuration(no_config)
    policy = configured("policy", policy, config)
    jobs = configured("jobs", jobs, config, ctx)
    today = parse_date(as_of)
    if junit is not None:  # refuse now, not after every case has run
        check_writable(junit, force)
    policies: tuple[Policy, ...] = (load_rules(policy, builtin, examples=False),)
    if baseline:
        policies += (load_rules(baseline, builtin, examples=False),)
    known = {r.id for r in policies[0].rules}
    run = past.Run()
    for results in compare_paths(paths, policies, today, jobs=jobs):
        run.read += 1
        if keyword and not past.selected(results[0], keyword):
            continue
        case = run.add(results, known)
        if case is not None and not case.passed:
            write(past.describe_case(case))
    if not run.read:  # a CI job pointed at the wrong folder must not pass
        raise UsageError("no records found: give .yaml files or folders holding them")
    if not run.cases and run.skipped:  # nor one pointed at records that expect nothing
        which = f"selected by -k {keyword!r} " if keyword else ""
        counted = f"{run.selected} selected of {run.read} read" if keyword else f"{run.read} read"
        raise UsageError(f"no record {which}has an `expect` block ({counted}), so nothing was "
                         "compared: give past cases with `expect:`, or use `bailcheck check`")
    if keyword and not run.selected:
        raise UsageError(f"-k {keyword!r} selects no record: no file name or case reference "
                         "contains it")
    _drift(run.drifts, bool(baseline))
    write(run.summary_line() + "\n")
    if junit is not None:
        write_file(junit, past.junit(run.cases, run.skipped), force)
    raise typer.Exit(code=_exit(run.cases, run.drifts if fail_on_drift else []))


def _drift(drifts: list[Drift], shown: bool) -> None:
    for d in drifts:
        changes = [f"+{r}" for r in d.added] + [f"-{r}" for r in d.removed]
        write(f"DRIFT {visible(d.path)} ({visible(d.reference)}) {visible(d.condition)}: "
              f"{d.before} -> {d.after} [{', '.join(changes)}]\n")
    if shown:
        write(f"{len(drifts)} condition(s) in {len({d.path for d in drifts})} case(s) change "
              "verdict against the baseline policy\n")


def _exit(cases: list[CaseResult], drifts: list[Drift]) -> int:
    if any(c.error for c in cases):
        return EXIT_ERROR
    return EXIT_FINDINGS if any(not c.passed for c in cases) or drifts else EXIT_OK
