"""The one error handler every command runs inside, and the one way text reaches the user.

User errors (BailcheckError) become their message on stderr and exit code 2; Ctrl-C one line
and 130; a closed pipe a quiet 141; anything else is a bug: one line and exit 3, without the
traceback (whose frames could show record data) unless BAILCHECK_DEBUG is set.

Typer is imported only to stop a Typer command: the fast path of `check` and `report`
(cli/fastpath.py) runs without it and takes the exit code from `guarded`.
"""

from __future__ import annotations

import codecs
import functools
import io
import os
import sys
from collections.abc import Callable
from typing import Any, TextIO, TypeVar

from bailcheck.errors import (
    EXIT_BROKEN_PIPE,
    EXIT_ERROR,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    BailcheckError,
    OutputError,
)
from bailcheck.files import discard_output, stdout_failed, through
from bailcheck.safe_text import visible

F = TypeVar("F", bound=Callable[..., Any])

# Typographic punctuation and its ASCII stand-in, for a stream that cannot encode it (LC_ALL=C).
_ASCII = str.maketrans({"—": "--", "–": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...",
                        "£": "GBP ", "§": "s."})


def write(text: str | bytes, stream: TextIO | None = None) -> None:
    """Write text whatever the stream's encoding: ASCII punctuation where it cannot hold ours,
    backslash escapes for anything else. Bytes are UTF-8 text already encoded (a renderer's
    cached pieces): they go straight to a UTF-8 stream's buffer, and as their text elsewhere.
    A stream that is closed or cannot take it (a full disk) is an OutputError: the user's
    setting, not a bug; a reader gone away stays a BrokenPipeError."""
    target = stream or sys.stdout
    if target is None:  # started with the descriptor closed
        raise stdout_failed(ValueError("closed"))
    through(_stderr_failed if target is sys.stderr else stdout_failed, _write, text, target)


def flush() -> None:
    """Flush standard output, with `write`'s errors."""
    if sys.stdout is None:
        raise stdout_failed(ValueError("closed"))
    through(stdout_failed, sys.stdout.flush)


def on_terminal(stream: TextIO | None) -> bool:
    """Whether a stream is a terminal (False where the process started with it closed)."""
    try:
        return stream is not None and stream.isatty()
    except ValueError:  # closed since
        return False


def output_failed(exc: OSError) -> int:
    """The exit code for help or usage text that could not be written (the reader went away,
    or standard output could not take it), said where it can be."""
    if isinstance(exc, BrokenPipeError):
        discard_output()  # else Python's final flush of stdout complains on stderr
        return EXIT_BROKEN_PIPE
    say(str(stdout_failed(exc)))
    return EXIT_ERROR


def _stderr_failed(exc: Exception) -> OutputError:
    return OutputError("standard error: cannot write")  # (nowhere to say it: see say)


def _write(text: str | bytes, stream: TextIO) -> None:
    if isinstance(text, bytes):
        raw = _raw(stream)
        if raw is not None:
            raw.write(text)
            if stream.line_buffering:  # a terminal sees each record as it comes, as ever
                raw.flush()
            return
        text = text.decode("utf-8")
    if _RAW[0] is stream:  # text may wait in the stream's own layer: bytes must flush it first
        _RAW[0] = None
    encoding = getattr(stream, "encoding", None) or "utf-8"
    if type(stream) is io.TextIOWrapper and stream.errors == "strict":
        # it encodes the whole text before writing any of it, so a failure writes nothing and
        # the text need not be encoded twice
        try:
            stream.write(text)
            return
        except UnicodeEncodeError:
            pass
    else:
        try:
            text.encode(encoding)
        except UnicodeEncodeError:
            pass
        else:
            stream.write(text)
            return
    stream.write(text.translate(_ASCII).encode(encoding, "backslashreplace").decode(encoding))


# The stream whose text layer was last flushed for bytes, and its buffer: bytes written to the
# buffer after that need no flush of their own until text is written to it again, through
# `write` (which is why nothing else may write to a stream that `write` has had bytes for).
_RAW: list[Any] = [None, None]


def _raw(stream: TextIO) -> Any:
    """The binary buffer under a plain UTF-8 text stream, with any text that waits in the
    stream's own layer flushed ahead of what comes; None for any other stream. (Its error
    handler does not matter: the bytes are strict UTF-8, which every handler writes alike.)"""
    if _RAW[0] is stream:
        return _RAW[1]
    if (type(stream) is not io.TextIOWrapper or codecs.lookup(stream.encoding).name != "utf-8"
            or os.linesep != "\n"):  # (where text has its newlines translated, bytes would not)
        return None
    stream.flush()
    _RAW[0], _RAW[1] = stream, stream.buffer
    return stream.buffer


def say(text: str) -> None:
    """A message for the user on stderr (never record text unneutralised). Where stderr is
    closed, full or gone there is nowhere left to say it, and the work and its output go on."""
    if sys.stderr is None:  # started with the descriptor closed (never stdout instead)
        return
    try:
        write(visible(text) + "\n", sys.stderr)
    except (OutputError, BrokenPipeError):
        discard_output(sys.stderr)  # or the interpreter's last flush of it fails again


def handled(fn: F) -> F:
    """Wrap a command in the error handler (each command is declared with it)."""
    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except BaseException as exc:
            code = _failure(exc)
            if code is None:
                raise
            import typer

            raise typer.Exit(code=code) from None
    return run  # type: ignore[return-value]


def guarded(fn: Callable[..., int], *args: Any, **kwargs: Any) -> int:
    """Run `fn` inside the same error handler, outside Typer: its exit code, or the handler's."""
    try:
        return fn(*args, **kwargs)
    except BaseException as exc:
        code = _failure(exc)
        if code is None:
            raise
        return code


def _failure(exc: BaseException) -> int | None:
    """Say what went wrong and give the exit code for it, or None to let it pass (a command's
    own exit, or a bug when BAILCHECK_DEBUG asks for the traceback)."""
    if isinstance(exc, BailcheckError):
        say(str(exc))
        return EXIT_ERROR
    if isinstance(exc, KeyboardInterrupt):
        say("bailcheck: interrupted; nothing more was written")
        return EXIT_INTERRUPTED
    if isinstance(exc, BrokenPipeError):  # the reader went away: the rest of our output is
        discard_output()  # sent to nowhere, so that Python's final flush does not complain
        return EXIT_BROKEN_PIPE
    if not isinstance(exc, Exception) or _stops_typer(exc):
        return None  # SystemExit and the like
    if os.environ.get("BAILCHECK_DEBUG"):
        return None
    say(f"bailcheck: internal error ({type(exc).__name__}). This is a bug in bailcheck, not in "
        "your input; run again with BAILCHECK_DEBUG=1 for details and report it.")
    return EXIT_INTERNAL


def _stops_typer(exc: BaseException) -> bool:
    """Whether `exc` is typer.Exit or typer.Abort (only possible once Typer is loaded)."""
    typer = sys.modules.get("typer")
    return typer is not None and isinstance(exc, (typer.Exit, typer.Abort))
