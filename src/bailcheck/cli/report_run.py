"""What `bailcheck report` does, given its options as plain values: one implementation for the
Typer command (cli/report.py) and for the fast path that parses the common command lines
without Typer (cli/fastpath.py). Nothing here imports Typer.

Jinja2 is imported only inside this command (and the HTML page is made in a process of its own
that imports it and loads the page's template while the records are being checked), so that
`check` starts as quickly as before. The charts are SVG written by report_svg: no plotting
library, nothing written anywhere but the outputs asked for.
"""

from __future__ import annotations

import contextlib
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from bailcheck import __version__
from bailcheck.cli.handler import on_terminal, say
from bailcheck.cli.plain import load_rules, parse_date, record_paths
from bailcheck.errors import EXIT_ERROR, EXIT_INTERNAL, EXIT_OK, TemplateError, UsageError

REPORT_FORMATS = ("html", "json", "md")
SUFFIXES = {".html": "html", ".htm": "html", ".json": "json", ".md": "md"}  # -o's suffix


def run_report(paths: list[Path], *, output: Path | None, format: str | None, csv: Path | None,
               as_of: str | None, since: str | None, until: str | None,
               policy: list[Path] | None, builtin: bool, jobs: int, quiet: bool, force: bool
               ) -> int:
    """Check every record, aggregate as they stream past, write the report; the exit code.
    The options' values are already checked."""
    from bailcheck.documents.report import summaries
    from bailcheck.documents.report_monitor import Monitor
    from bailcheck.documents.report_output import ConditionCsv, as_json, as_markdown
    from bailcheck.files import check_writable, open_atomic, write_file

    paths = record_paths(paths)
    fmt = format or (SUFFIXES.get(output.suffix.lower(), "html") if output else "html")
    for target in (output, csv):
        if target is not None:
            check_writable(target, force)
    today = parse_date(as_of)
    first, last = (date.fromisoformat(d) if d else None for d in (since, until))
    if first and last and first > last:
        raise UsageError(f"--since {since} is after --until {until}")
    rules = load_rules(policy, builtin, examples=False)
    page = _PageProcess.start() if fmt == "html" else None
    with contextlib.ExitStack() as stack:  # the CSV file appears only if all goes well
        try:
            monitor = Monitor(rules, today, first, last)
            rows = None
            if csv is not None:  # the rows go to the file as records stream past
                rows = ConditionCsv(stack.enter_context(open_atomic(csv, force)))
                stack.callback(rows.close)
            bar = _Progress(paths) if on_terminal(sys.stderr) and not quiet else None
            for summary in summaries(paths, rules, today, jobs):
                if monitor.add(summary) and rows is not None:
                    rows.add(summary)
                if bar:
                    bar.step()
            if bar:
                bar.done()
            tally = monitor.tally
            if not tally.records:
                raise UsageError("no records found: give .yaml files or folders holding them"
                                 if not monitor.outside_period else
                                 f"no records decided in the period ({monitor.outside_period} "
                                 "outside it)")
            meta = {"version": __version__, "policy_digest": rules.digest,
                    "as_of": today.isoformat()}
            doc = monitor.as_record(meta)
            base = output.parent if output is not None and str(output) != "-" else Path(".")
            if fmt == "json":
                data = as_json(doc)
            elif fmt == "md":
                data = as_markdown(doc, base)
            else:
                assert page is not None
                data = page.make(doc, base)
        finally:
            if page is not None:
                page.close()
    write_file(output if output is not None else Path("-"), data, force)
    if tally.unreadable:
        say(f"bailcheck: {tally.unreadable} of {tally.records} records could not be read; the "
            "report lists them (`bailcheck check FILE` says why)")
    return EXIT_INTERNAL if tally.internal else EXIT_ERROR if tally.unreadable else EXIT_OK




class _Progress:
    """A progress bar on stderr (a terminal only), drawn at most ten times a second and only
    once a run has lasted half a second."""

    def __init__(self, paths: list[Path]) -> None:
        from bailcheck.documents.report import count_records

        self.total = count_records(paths)
        self.done_ = 0
        self.start = time.monotonic()
        self.drawn = 0.0

    def step(self) -> None:
        self.done_ += 1
        now = time.monotonic()
        if now - self.start >= 0.5 and now - self.drawn >= 0.1:
            self.drawn = now
            self._draw()

    def _draw(self) -> None:
        share = self.done_ / self.total if self.total else 1.0
        filled = int(30 * min(1.0, share))
        sys.stderr.write(f"\rchecking records [{'#' * filled}{'.' * (30 - filled)}] "
                         f"{self.done_:,}/{self.total:,}")
        sys.stderr.flush()

    def done(self) -> None:
        if self.drawn:
            sys.stderr.write("\r" + " " * 72 + "\r")
            sys.stderr.flush()


class _PageProcess:
    """Makes the HTML page in a forked process, which imports Jinja2 and loads the template
    (compiled ahead: documents/report_template.py) while the parent checks records, then draws
    the charts and lays out the page. Without fork, all is done here at the end."""

    def __init__(self, conn: Any = None, process: Any = None) -> None:
        self.conn, self.process = conn, process

    @classmethod
    def start(cls) -> _PageProcess:
        import multiprocessing

        if "fork" not in multiprocessing.get_all_start_methods():
            return cls()
        ctx = multiprocessing.get_context("fork")
        parent, child = ctx.Pipe()
        process = ctx.Process(target=_make_page, args=(child,), daemon=True)
        process.start()
        child.close()
        return cls(parent, process)

    def make(self, doc: dict[str, Any], base: Path) -> bytes:
        if self.conn is None:
            from bailcheck.documents.report_output import as_html

            return as_html(doc, base)
        self.conn.send((doc, base))
        status, value = self.conn.recv()
        if status == "template":
            raise TemplateError(value)
        if status != "ok":
            raise RuntimeError(f"making the HTML page failed ({value})")
        return value  # type: ignore[no-any-return]

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()  # a process still waiting for the aggregates stops
        if self.process is not None:
            self.process.join(timeout=10)
            if self.process.is_alive():
                self.process.terminate()


def _make_page(conn: Any) -> None:
    """The page process: prepare, wait for the aggregates, send back the page (or what went
    wrong, by name only); never print, never run the parent's exit handlers."""
    import os
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent alone answers Ctrl-C
    from bailcheck.documents import report_output

    failed: tuple[str, str] | None = None
    try:
        report_output.prepare()
    except TemplateError as exc:
        failed = ("template", str(exc))
    except Exception as exc:  # noqa: BLE001  (reported to the parent by name, never printed)
        failed = ("error", type(exc).__name__)
    try:
        doc, base = conn.recv()
        conn.send(failed or ("ok", report_output.as_html(doc, base)))
    except (EOFError, OSError):  # the parent stopped before the end
        pass
    except TemplateError as exc:
        conn.send(("template", str(exc)))
    except Exception as exc:  # noqa: BLE001  (reported to the parent by name, never printed)
        with contextlib.suppress(OSError):
            conn.send(("error", type(exc).__name__))
    finally:
        os._exit(0)
