"""Reading and writing the files the user names: the one reader and the one writer.

Reading: only regular files (or `-` for standard input), never more than MAX_BYTES whatever
`stat` says, so a FIFO, a device or a growing file can neither hang nor exhaust memory.
Writing: only where the user asked, never over a device, FIFO, socket or directory, via a
temporary file in the same folder that is fsynced and renamed, and removed on any failure or
signal; every OS error becomes one line and exit code 2.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from bailcheck.errors import InputError, OutputError, Problem

MAX_BYTES = 1_000_000
STDIN = "-"


def display(path: Path | str) -> str:
    """A path as it is shown: `<stdin>` for `-`, bytes that are not UTF-8 as backslash escapes
    (so JSON and terminals always get valid text)."""
    text = str(path)
    if text == STDIN:
        return "<stdin>"
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def read_bytes(path: Path | str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file or of standard input, refusing anything else or anything
    larger than `limit`; raises InputError naming the path."""
    name = display(path)
    if str(path) == STDIN:
        return _bounded(sys.stdin.buffer, name, limit)
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not hang before we can refuse it
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError([Problem(name, 1, 1, f"cannot read file: {exc.strerror or exc}",
                                  "check the path and that you may read it")]) from None
    try:
        status = os.fstat(fd)
        kind = _kind(status.st_mode)
        if kind:
            raise InputError([Problem(name, 1, 1, f"not a regular file ({kind})",
                                      "give a bail record saved as a .yaml file")])
        return _read_regular(fd, name, limit, status.st_size)
    except OSError as exc:
        raise InputError([Problem(name, 1, 1, f"cannot read file: {exc.strerror or exc}")]) from None
    finally:
        os.close(fd)


def _bounded(handle: object, name: str, limit: int) -> bytes:
    """At most limit + 1 bytes of a stream (standard input), refused past the limit."""
    data = handle.read(limit + 1)  # type: ignore[attr-defined]
    if len(data) > limit:
        raise _too_big(name, limit)
    return bytes(data)


def _read_regular(fd: int, name: str, limit: int, size: int) -> bytes:
    """At most limit + 1 bytes of a regular file, read straight from its descriptor (a buffered
    file object around it costs more than the read itself). O_NONBLOCK does not affect a regular
    file. The first read asks for the size stat gave and one byte more; a file that has grown
    since is read on, in small steps, up to the limit."""
    parts, total = [], 0
    ask = size + 1 if 0 <= size < limit else limit + 1
    while total <= limit:
        part = os.read(fd, min(ask, limit + 1 - total))
        if not part:
            break
        parts.append(part)
        total += len(part)
        if len(part) < ask and total <= limit:  # a regular file gives less only at its end
            break
        ask = 1 << 16
    if total > limit:
        raise _too_big(name, limit)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _too_big(name: str, limit: int) -> InputError:
    return InputError([Problem(name, 1, 1, f"over the {limit:,}-byte limit",
                               "a bail record is a few KB; check this is the right file")])


def _kind(mode: int) -> str:
    """What a non-regular file is, in words ("" for a regular file)."""
    if stat.S_ISREG(mode):
        return ""
    for test, words in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
                        (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
                        (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return words
    return "not a regular file"


def read_text(path: Path | str, limit: int = MAX_BYTES) -> str:
    """A file as UTF-8 text, refusing binary and invalid UTF-8 with the position."""
    name = display(path)
    data = read_bytes(path, limit)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # a UTF-16 byte-order mark (some editors' "Unicode")
        raise InputError([Problem(name, 1, 1, "file is UTF-16 text, not UTF-8",
                                  "save the file as UTF-8")])
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _position(data, nul)
        raise InputError([Problem(name, line, col, "file is binary, not YAML text (it holds a "
                                  "NUL byte here)", "give a bail record written as YAML")])
    try:
        # a leading byte-order mark dropped by hand, as the utf-8-sig codec would (positions
        # stay as it gave them), since that codec is a module imported for every start
        return (data[3:] if data[:3] == b"\xef\xbb\xbf" else data).decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        raise InputError([Problem(name, line, col, "file is not valid UTF-8 text",
                                  "save the file as UTF-8")]) from None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """The line and column (1-based, in bytes) of a byte offset."""
    return (data[:offset].count(b"\n") + 1,
            offset - (data.rfind(b"\n", 0, offset) + 1) + 1)


def check_writable(path: Path, force: bool = False) -> None:
    """Refuse, before any work is done, a path the writer would refuse."""
    if str(path) == STDIN:
        return
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(f"{display(path)}: cannot write: {exc.strerror or exc}") from None
    if mode is not None:
        kind = _kind(mode)
        if kind:
            raise OutputError(f"{display(path)}: is {kind}, not a file; give a file name")
        if not force:
            raise OutputError(f"{display(path)}: already exists; use --force to replace it")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{display(parent)}: no such folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"{display(parent)}: cannot write in this folder (permission denied)")


def through(failed: Callable[[Exception], OutputError], call: Callable[..., Any], *args: Any,
            **kwargs: Any) -> Any:
    """`call(*args, **kwargs)`, its OS errors (and a closed stream's ValueError, "I/O operation
    on closed file") raised as the error `failed` makes of them; a reader gone away stays a
    BrokenPipeError, which has its own exit code."""
    try:
        return call(*args, **kwargs)
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:
        raise failed(exc) from None


def stdout_failed(exc: Exception) -> OutputError:
    """Standard output could not be written (closed, or a full disk): the error to report.
    What is still buffered goes to nowhere, or the interpreter's last flush would fail again
    and say so."""
    discard_output()
    return OutputError(f"standard output: cannot write: {_why(exc, 'it is closed')}; the output "
                       "is incomplete (send it to a file, or to somewhere that can take it)")


def _why(exc: Exception, otherwise: str) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else otherwise


def discard_output(stream: Any = None) -> None:
    """Send whatever standard output (or `stream`) still holds to nowhere."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, (sys.stdout if stream is None else stream).fileno())
    except (OSError, ValueError, AttributeError):  # no descriptor (tests), or no stream at all
        pass


def write_file(path: Path, data: bytes, force: bool = False) -> None:
    """Write `data` to `path` (`-`: standard output) atomically, with the umask's mode."""
    with open_atomic(path, force) as handle:
        handle.write(data)


@contextmanager
def open_atomic(path: Path, force: bool = False) -> Iterator[BinaryIO]:
    """A file to write as the work goes (`-`: standard output) that appears at `path` only
    when the block ends without error: a temporary file in the same folder, fsynced, renamed.
    Only the writing is the writer's to report (an OutputError); anything else the block
    raises goes through as it is."""
    if str(path) == STDIN:
        if sys.stdout is None:  # started with the descriptor closed
            raise stdout_failed(ValueError("closed"))
        through(stdout_failed, sys.stdout.flush)  # text written before goes first
        out = _Guarded(sys.stdout.buffer, stdout_failed)
        yield out  # type: ignore[misc]  # (a binary stream in all but name)
        out.flush()
        return
    import tempfile  # only writing needs it: not on `check`'s path

    def failed(exc: Exception) -> OutputError:
        return OutputError(f"{display(path)}: cannot write: {_why(exc, str(exc))}")

    check_writable(path, force)
    tmp = ""
    try:
        fd, tmp = through(failed, tempfile.mkstemp, prefix=f".{path.name}.", suffix=".tmp",
                          dir=path.parent)
        # mkstemp makes 0600; a user's file follows the umask
        through(failed, os.fchmod, fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            out = _Guarded(handle, failed)
            yield out  # type: ignore[misc]
            out.flush()
            through(failed, os.fsync, handle.fileno())
        through(failed, os.replace, tmp, path)
        tmp = ""
    finally:  # any failure, KeyboardInterrupt included, leaves no temporary file behind
        if tmp:
            Path(tmp).unlink(missing_ok=True)


class _Guarded(io.BufferedIOBase):
    """A binary stream that writes through to another and turns its OS errors into the
    writer's own error, so that they and only they are reported as "cannot write". Closing it
    flushes and lets go: the stream beneath belongs to the writer (or is standard output)."""

    def __init__(self, stream: BinaryIO, failed: Callable[[Exception], OutputError]) -> None:
        super().__init__()
        self._stream = stream
        self._failed = failed

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        written: int = through(self._failed, self._stream.write, data)
        return written

    def flush(self) -> None:
        through(self._failed, self._stream.flush)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
