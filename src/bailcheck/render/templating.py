"""The one Jinja2 environment: sandboxed, strict, limited, with a few date and list filters.

Templates are files a policy team or a firm may edit, so they run in a sandbox with limits:
`StrictUndefined` makes a misspelt variable an error naming the template and line; rendered
output, template files, string and list repetition and call depth are capped. Record text only
ever reaches a template as data in its context, never as template source, so `{{ 7*7 }}` in a
record prints literally.

One template serves plain text and Markdown: the block filters (`heading`, `para`, `bullet`)
follow the format. In Markdown every character that could start markup is escaped, so record
text can never become a heading, a list, a link or emphasis; only `strong` adds emphasis.
The Word path renders the Markdown and reads it back block by block (render/docx_out.py), so
the `.j2` template is the one source of the words.

Imported only by the commands that render templates.
"""

from __future__ import annotations

import re
import textwrap
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from bailcheck import resources
from bailcheck.errors import Problem, TemplateError
from bailcheck.facts.words import join_and, words

MAX_TEMPLATE_BYTES = 1_000_000  # a template file larger than this is refused
MAX_OUTPUT_CHARS = 20_000_000  # rendering stops with an error past this
MAX_CALL_DEPTH = 64  # macro and function calls nested deeper than this stop rendering
MAX_REPEAT = 100_000  # `"x" * n` and `[x] * n` may not build anything longer

STRONG_OPEN, STRONG_CLOSE = "\ue000", "\ue001"  # `strong` marks; turned into ** or dropped
# a line may break inside one, even between "to" and "complete"
PLACEHOLDER = re.compile(r"\[to\s+complete:\s+([^\]]+?)\s*\]")


class LimitExceeded(jinja2.exceptions.SecurityError):
    """A template went past one of the limits above."""


class LimitedTemplate(jinja2.Template):
    """A template whose output is counted as it is produced, so a runaway loop stops early."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        out: list[str] = []
        size = 0
        for chunk in self.generate(*args, **kwargs):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise LimitExceeded(f"the output passed {MAX_OUTPUT_CHARS:,} characters")
            out.append(chunk)
        return "".join(out)


class LimitedSandbox(SandboxedEnvironment):
    """The sandbox, with repetition and call-depth limits and size-checked template files."""

    intercepted_binops = frozenset(["*", "**"])
    template_class = LimitedTemplate

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._depth = 0

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(right, int | float) and abs(right) > 64:
                raise LimitExceeded("an exponent above 64")
            return left**right
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, str | list | tuple) and isinstance(times, int) \
                    and len(seq) * max(times, 0) > MAX_REPEAT:
                raise LimitExceeded(f"a repetition longer than {MAX_REPEAT:,}")
        return left * right

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_CALL_DEPTH:
                raise LimitExceeded(f"calls nested more than {MAX_CALL_DEPTH} deep")
            return super().call(context, obj, *args, **kwargs)
        finally:
            self._depth -= 1


class _Loader(jinja2.FileSystemLoader):
    def get_source(self, environment: jinja2.Environment, template: str
                   ) -> tuple[str, str, Any]:
        try:
            source, filename, uptodate = super().get_source(environment, template)
        except UnicodeDecodeError as exc:  # a --templates file saved in another encoding
            raise TemplateError([self._not_utf8(template, exc)]) from None
        if len(source) > MAX_TEMPLATE_BYTES:
            raise TemplateError(f"{filename}: template larger than {MAX_TEMPLATE_BYTES:,} "
                                "bytes; refused")
        return source, filename, uptodate

    def _not_utf8(self, template: str, exc: UnicodeDecodeError) -> Problem:
        """Where the first byte that is not UTF-8 is, in the file the search path gives."""
        path = next((p for folder in self.searchpath if (p := Path(folder) / template).is_file()),
                    Path(template))
        before = exc.object[:exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return Problem(str(path), line, column, "template is not UTF-8 text",
                       "save it as UTF-8 text")


# ------------------------------------------------------------------ filters

def _long_date(value: date | str) -> str:
    when = date.fromisoformat(str(value)[:10]) if not isinstance(value, date) else value
    return f"{when.day} {when:%B %Y}"


def _join_and(items: list[Any]) -> str:
    return join_and([str(i) for i in items])


def _bare(text: Any) -> str:
    """Text without its closing full stop, for use inside a sentence: "(Report weekly)"."""
    return str(text).rstrip().rstrip(".").rstrip()


def todo(what: str) -> str:
    """A placeholder for something the record does not hold and a person must add."""
    return f"[to complete: {what}]"


_MD_INLINE = re.compile(r"([\\`*_<>&~|])|(\](?=[(\[:]))")
_MD_BLOCK_START = re.compile(r"^(\s*)([#>+=\-]|\d+[.)])")


def md_escape(text: str) -> str:
    """Text that CommonMark shows literally: inline markup characters escaped, and anything at
    the start that could open a block (heading, quote, list, rule) escaped too."""
    out = _MD_INLINE.sub(lambda m: "\\" + m.group(0), text)
    return _MD_BLOCK_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), out, count=1)


def _escape_marker(marker: str) -> str:
    return marker[:-1] + "\\" + marker[-1] if marker[-1] in ".)" else "\\" + marker


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())


class _Format:
    """The block filters for one output format."""

    def __init__(self, fmt: str) -> None:
        self.markdown = fmt == "markdown"

    def inline(self, text: Any) -> str:
        flat = _one_line(text)
        if not self.markdown:
            return flat.replace(STRONG_OPEN, "").replace(STRONG_CLOSE, "")
        return md_escape(flat).replace(STRONG_OPEN, "**").replace(STRONG_CLOSE, "**")

    def heading(self, text: Any, level: int = 1) -> str:
        if self.markdown:
            return f"{'#' * level} {self.inline(text)}"
        plain = self.inline(text)
        return self.para(plain.upper() if level == 1 else plain)

    def para(self, text: Any, width: int = 88, indent: int = 0) -> str:
        if self.markdown:
            return self.inline(text)
        pad = " " * indent
        return textwrap.fill(self.inline(text), width, initial_indent=pad,
                             subsequent_indent=pad, break_on_hyphens=False,
                             break_long_words=False)

    def bullet(self, text: Any, width: int = 88, indent: int = 0) -> str:
        pad = " " * indent
        if self.markdown:
            return f"{pad}- {self.inline(text)}"
        return textwrap.fill(self.inline(text), width, initial_indent=pad + "- ",
                             subsequent_indent=pad + "  ", break_on_hyphens=False,
                             break_long_words=False)

    @staticmethod
    def strong(text: Any) -> str:
        return f"{STRONG_OPEN}{text}{STRONG_CLOSE}"


def environment(override: Path | None = None, fmt: str = "text") -> LimitedSandbox:
    """Templates from `override` first (file by file), then the built-in folder.

    `fmt` is `text` (plain, wrapped, for pasting into a custody system) or `markdown`; the block
    filters follow it, so one template serves both.
    """
    folders = [str(override)] if override else []
    folders.append(str(resources.builtin("templates")))
    env = LimitedSandbox(
        loader=_Loader(folders),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # plain text and Markdown; Markdown is escaped by the block filters
    )
    blocks = _Format(fmt)
    env.filters.update(long_date=_long_date, join_and=_join_and, words=words, bare=_bare,
                       heading=blocks.heading, para=blocks.para, wrap=blocks.para,
                       bullet=blocks.bullet, strong=blocks.strong)
    env.globals.update(fmt=fmt, todo=todo)
    return env


def xml_environment() -> LimitedSandbox:
    """The sandbox for Word templates (docxtpl): the same limits and filters, with XML escaping
    of every value and StrictUndefined."""
    env = LimitedSandbox(undefined=jinja2.StrictUndefined, autoescape=True)
    env.filters.update(long_date=_long_date, join_and=_join_and, words=words, bare=_bare)
    env.globals.update(todo=todo)
    return env


def render(env: SandboxedEnvironment, name: str, context: dict[str, Any]) -> str:
    """Render one template, turning Jinja2's errors into a TemplateError with file and line."""
    with template_errors(name):
        return env.get_template(name).render(**context)


def render_with_checklist(env: SandboxedEnvironment, name: str, context: dict[str, Any]
                          ) -> str:
    """Render twice: the second time with `checklist`, every placeholder the first produced,
    so that a template can list them again at its end."""
    first = render(env, name, {**context, "checklist": []})
    return render(env, name, {**context, "checklist": placeholders(first)})


def placeholders(text: str) -> list[str]:
    """Each distinct `[to complete: …]` in `text`, in order of first appearance."""
    seen: dict[str, None] = {}
    for m in PLACEHOLDER.finditer(text.replace("\\", "")):
        seen.setdefault(_one_line(m.group(1)), None)
    return list(seen)


class template_errors:  # a context manager: reads as a phrase
    """Jinja2's errors (and our limits) as a TemplateError naming the template and line."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> Literal[False]:
        if exc is None:
            return False
        name = self.name
        if isinstance(exc, jinja2.TemplateSyntaxError):
            raise TemplateError([Problem(exc.filename or name, exc.lineno or 1, 1,
                                         f"template syntax error: {exc.message}")]) from None
        if isinstance(exc, jinja2.UndefinedError):
            raise TemplateError([Problem(*_where(exc, name), f"template error: {exc.message}",
                                         "check the variable's spelling against the documented "
                                         "context")]) from None
        if isinstance(exc, jinja2.TemplateNotFound):
            raise TemplateError(f"template not found: {exc.name}") from None
        if isinstance(exc, LimitExceeded):
            raise TemplateError(f"{name}: template stopped: {exc}") from None
        if isinstance(exc, jinja2.exceptions.SecurityError):
            raise TemplateError(f"{name}: template tried something unsafe: {exc}") from None
        if isinstance(exc, RecursionError):
            raise TemplateError(f"{name}: template stopped: recursion too deep") from None
        if isinstance(exc, jinja2.TemplateError):
            raise TemplateError(f"{name}: template error: {exc}") from None
        return False


def _where(exc: BaseException, name: str) -> tuple[str, int, int]:
    """The template file and line an error was raised from, read off the traceback."""
    tb = exc.__traceback__
    found = (name, 1, 1)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".jinja")):
            found = (filename, tb.tb_lineno, 1)
        tb = tb.tb_next
    return found
