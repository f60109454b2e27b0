"""The one Jinja2 environment: sandboxed, strict, with a few date and list filters.

Templates are files a policy team may edit, so they run in a sandbox; `StrictUndefined` makes a
misspelt variable an error naming the template and line. Record text only ever reaches a template
as data in its context, never as template source, so `{{ 7*7 }}` in a record prints literally.
Imported only by the commands that render templates.
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from bailcheck import resources
from bailcheck.errors import Problem, TemplateError
from bailcheck.facts.words import join_and, words


def _long_date(value: date | str) -> str:
    when = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{when.day} {when:%B %Y}"


def _join_and(items: list[Any]) -> str:
    return join_and([str(i) for i in items])


def _wrap(text: str, width: int = 88, indent: int = 0) -> str:
    pad = " " * indent
    return "\n".join(textwrap.fill(p, width, initial_indent=pad, subsequent_indent=pad,
                                   break_on_hyphens=False) for p in str(text).split("\n"))


def _bullet(text: str, width: int = 88, indent: int = 0) -> str:
    pad = " " * indent
    return textwrap.fill(str(text), width, initial_indent=pad + "- ",
                         subsequent_indent=pad + "  ", break_on_hyphens=False)


def _heading_for(fmt: str) -> Any:
    def heading(text: str, level: int = 1) -> str:
        if fmt == "markdown":
            return f"{'#' * level} {text}"
        return _wrap(str(text).upper() if level == 1 else str(text))
    return heading


def _strong_for(fmt: str) -> Any:
    def strong(text: str) -> str:
        return f"**{text}**" if fmt == "markdown" else str(text)
    return strong


def environment(override: Path | None = None, fmt: str = "text") -> SandboxedEnvironment:
    """Templates from `override` first (file by file), then the built-in folder.

    `fmt` is `text` (plain, for pasting into a custody system) or `markdown`; the `heading` and
    `strong` filters follow it, so one template serves both.
    """
    folders = [str(override)] if override else []
    folders.append(str(resources.builtin("templates")))
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(folders),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # plain text and Markdown, not HTML
    )
    env.filters.update(long_date=_long_date, join_and=_join_and, wrap=_wrap, words=words,
                       bullet=_bullet, heading=_heading_for(fmt), strong=_strong_for(fmt))
    env.globals["fmt"] = fmt
    return env


def render(env: SandboxedEnvironment, name: str, context: dict[str, Any]) -> str:
    """Render one template, turning Jinja2's errors into a TemplateError with file and line."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError([Problem(exc.filename or name, exc.lineno or 1, 1,
                                     f"template syntax error: {exc.message}")]) from None
    except jinja2.UndefinedError as exc:
        raise TemplateError([Problem(*_where(exc, name), f"template error: {exc.message}",
                                     "check the variable's spelling against the documented "
                                     "context")]) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template not found: {exc.name}") from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(f"{name}: template tried something unsafe: {exc}") from None


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
