"""Forked worker processes for `--jobs`: records shared out in blocks, results back in order.

The parent walks the files and hands each worker a block of paths at a time over a pipe; the
worker runs `work` on each path and sends the block's results back, pickled, over a pipe of its
own. The parent yields the results in file order. Each worker holds at most AHEAD blocks and no
block is handed out more than WINDOW blocks past the one awaited, so memory stays flat and a slow
worker holds up only the output, never the other workers. Workers inherit everything loaded
before the fork (the policy, `work` itself, even a closure), so only paths and results cross.
"""

from __future__ import annotations

import os
import pickle
import selectors
import signal
import struct
from collections.abc import Callable, Iterator
from contextlib import suppress
from itertools import islice
from typing import Any, TypeVar

T = TypeVar("T")

BLOCK = 16  # records per block: small enough to start output at once, large enough to be cheap
AHEAD = 2  # blocks a worker holds: one being worked on, one waiting, so it never idles
_HEADER = struct.Struct("!I")


class WorkerFailed(RuntimeError):
    """A worker process died or could not send a result: a bug, never a record's problem."""


class _Worker:
    __slots__ = ("commands", "held", "pid", "results")

    def __init__(self, pid: int, commands: int, results: int) -> None:
        self.pid, self.commands, self.results = pid, commands, results
        self.held = 0  # blocks handed to this worker and not yet returned


def forked_map(paths: Iterator[Any], work: Callable[[Any], T], jobs: int) -> Iterator[T]:
    """`work` on each path (a str or Path, handed to `work` as a str) in `jobs` forked processes;
    the results in the order of `paths`."""
    workers: list[_Worker] = []
    finished = False
    try:
        for _ in range(jobs):
            workers.append(_fork(work, workers))
        yield from _gather(paths, workers, window=2 * AHEAD * jobs)
        finished = True
    finally:
        _stop(workers, finished)


def _gather(paths: Iterator[Any], workers: list[_Worker], window: int) -> Iterator[Any]:
    done: dict[int, list[Any]] = {}
    by_fd = {w.results: w for w in workers}
    handed = awaited = 0  # the next block to hand out; the next block to yield
    exhausted = False
    selector = selectors.DefaultSelector()
    for w in workers:
        selector.register(w.results, selectors.EVENT_READ)

    def hand_out(w: _Worker) -> None:
        nonlocal handed, exhausted
        while not exhausted and w.held < AHEAD and handed < awaited + window:
            block = [os.fspath(p) for p in islice(paths, BLOCK)]  # strings pickle cheaply
            if not block:
                exhausted = True
                return
            try:
                _send(w.commands, pickle.dumps((handed, block), pickle.HIGHEST_PROTOCOL))
            except BrokenPipeError:  # never let it pass for our own output's reader going away
                raise WorkerFailed(f"a worker process (pid {w.pid}) ended unexpectedly") from None
            handed += 1
            w.held += 1

    try:
        for w in workers:
            hand_out(w)
        while awaited < handed:
            while awaited in done:
                yield from done.pop(awaited)
                awaited += 1
                for w in workers:  # the window has moved on
                    hand_out(w)
            if awaited >= handed:
                break
            for key, _ in selector.select():
                w = by_fd[key.fd]
                payload = _receive(w.results)
                if payload is None:
                    raise WorkerFailed(f"a worker process (pid {w.pid}) ended unexpectedly")
                index, results = pickle.loads(payload)
                if results is None:
                    raise WorkerFailed(f"a worker process failed ({index})")
                done[index] = results
                w.held -= 1
                hand_out(w)
    finally:
        selector.close()


def _fork(work: Callable[[Any], Any], earlier: list[_Worker]) -> _Worker:
    commands_r, commands_w = os.pipe()
    results_r, results_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: never returns into the parent's code
        status = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent alone answers Ctrl-C
            os.close(commands_w)
            os.close(results_r)
            for w in earlier:  # else a worker holds another's pipe open and it never sees EOF
                os.close(w.commands)
                os.close(w.results)
            _serve(work, commands_r, results_w)
            status = 0
        finally:
            os._exit(status)  # no atexit handlers, no flush of buffers inherited from the parent
    os.close(commands_r)
    os.close(results_w)
    return _Worker(pid, commands_w, results_r)


def _serve(work: Callable[[Any], Any], commands: int, results: int) -> None:
    while (payload := _receive(commands)) is not None:
        index, block = pickle.loads(payload)
        try:
            reply = pickle.dumps((index, [work(p) for p in block]),
                                 pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - work isolates each record: a bug; say which kind
            reply = pickle.dumps((type(exc).__name__, None))
        _send(results, reply)


def _stop(workers: list[_Worker], finished: bool) -> None:
    for w in workers:
        for fd in (w.commands, w.results):
            with suppress(OSError):
                os.close(fd)  # a worker sees EOF and leaves; one mid-send meets a broken pipe
        if not finished:
            with suppress(ProcessLookupError):
                os.kill(w.pid, signal.SIGTERM)
    for w in workers:
        with suppress(ChildProcessError):
            os.waitpid(w.pid, 0)


def _send(fd: int, payload: bytes) -> None:
    data = memoryview(_HEADER.pack(len(payload)) + payload)
    while data:
        data = data[os.write(fd, data):]


def _receive(fd: int) -> bytes | None:
    """One frame, or None at end of file."""
    header = _read(fd, _HEADER.size)
    if header is None:
        return None
    (size,) = _HEADER.unpack(header)
    payload = _read(fd, size)
    if payload is None:
        raise WorkerFailed("a pipe between processes closed in the middle of a message")
    return payload


def _read(fd: int, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            if left == size:
                return None
            raise WorkerFailed("a pipe between processes closed in the middle of a message")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
