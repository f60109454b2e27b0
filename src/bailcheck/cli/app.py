"""The command line: the app, its commands (one module per group, each command inside the one
error handler of cli/handler.py) and `main`.

Heavy imports (Jinja2, calendar and document libraries) belong inside the commands that need
them, so that `bailcheck check` starts quickly at the custody desk. For the same reason `main`
builds only the command that the command line names (`bailcheck check ...` never imports or
builds the other commands); anything else (`bailcheck`, `--help`, `--version`, an unknown
command, shell completion) gets the whole app. Everything after the command's name is parsed by
that command alone, so the messages are the same either way (tests/test_startup_cli.py).

Commonest of all, `bailcheck check` or `bailcheck report` with plain options and record paths
does not even import Typer: cli/fastpath.py parses such a command line and runs the command;
anything unusual (help, a bad option or value) goes to Typer, so that its messages stay the
same.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from bailcheck.errors import EXIT_INTERRUPTED

if TYPE_CHECKING:
    import typer

# command name -> (module under bailcheck.cli, its function or Typer), in the order `--help`
# lists them
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("check", "check"),
    "regress": ("regress", "regress"),
    "report": ("report", "report"),
    "draft": ("documents", "draft"),
    "reminders": ("documents", "reminders"),
    "redact": ("documents", "redact"),
    "new": ("documents", "new"),
    "schema": ("documents", "record_schema"),
    "policy": ("policy", "policy_app"),
}


# what writing to a full, failing or closed stream raises (not, say, a missing file)
_OUTPUT_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EBADF, errno.EPIPE)

# the commands whose ordinary command lines cli/fastpath.py parses without Typer (its COMMANDS)
FAST_PATH = ("check", "report")


def build(only: str | None = None) -> typer.Typer:
    """The app with every command, or with `only` (a name in COMMANDS) alone."""
    from bailcheck.cli.whole import build as made

    return made(only)


def __getattr__(name: str) -> Any:
    """`app`, the whole app, built when first asked for (tests and `typer` tools use it)."""
    if name == "app":
        globals()["app"] = whole = build()
        return whole
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def for_arguments(args: list[str], environ: Mapping[str, str]) -> str | None:
    """The one command to build for this command line, or None for the whole app: the first
    argument when it names a command, unless a shell is asking for completions."""
    if not args or args[0] not in COMMANDS:
        return None
    if any(key.startswith("_") and key.endswith("_COMPLETE") for key in environ):
        return None
    return args[0]


def main(process: bool = False) -> None:
    """Run the CLI. Each command handles its own errors (cli/handler.py); what reaches here is
    Ctrl-C outside a command. `process` is for `entry` alone: see there."""
    try:
        only = for_arguments(sys.argv[1:], os.environ)
        if only in FAST_PATH:
            from bailcheck.cli.fastpath import run

            code = run(only, sys.argv[2:])
            if code is not None:
                if process and only == "check":
                    leave(code)
                sys.exit(code)
        build(only)()
    except KeyboardInterrupt:
        sys.stderr.write("bailcheck: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
    except OSError as exc:  # outside a command: help, usage and --version meeting full output
        from bailcheck.cli.handler import output_failed

        if exc.filename is not None or exc.errno not in _OUTPUT_ERRNOS:
            raise  # not writing to a stream: a bug, or a shell-completion file
        sys.exit(output_failed(exc))


def entry() -> None:
    """The `bailcheck` program itself (the console script and `python -m bailcheck`), where
    the process ends with the command; `main` is for callers that go on afterwards."""
    main(process=True)


def leave(code: int) -> None:
    """End the process once `check` is done and its output flushed, without the interpreter's
    teardown: freeing every module and object one by one costs a one-record check about a
    tenth of its start, and `check` holds nothing that needs closing (it writes only to
    stdout and stderr, and its workers have ended). A stream that cannot be flushed (closed,
    or a broken pipe) goes the ordinary way, so that it is reported as ever."""
    from bailcheck.errors import EXIT_BROKEN_PIPE
    from bailcheck.files import discard_output

    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away with output still to come
        discard_output()
        code = EXIT_BROKEN_PIPE
    except (OSError, ValueError, AttributeError):  # closed, or no stream at all
        sys.exit(code)
    try:
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # nowhere left to say anything
        discard_output(sys.stderr)
    os._exit(code)
