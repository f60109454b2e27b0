"""A Word document from a draft: the draft's Markdown read back block by block, poured into a
Word template (docxtpl) that carries the styles, letterhead, header and footer.

The `.j2` template stays the one source of the words; the `.docx` template (built by
templates/make_docx_templates.py, editable in Word) decides how they look. It receives the
draft's whole context plus `blocks`, each `{style, rich}`: `style` is one of h1, h2, h3
(Heading 1–3), li1, li2 (List Bullet, List Bullet 2) or p (Normal); `rich` is the text with its
bold runs. It is rendered through the same sandbox as the text templates, with XML escaping.

Only the Markdown our block filters write is read: `#` headings, `- ` bullets (two spaces more
for the second level), one-line paragraphs, `**bold**` and backslash escapes.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from bailcheck import resources
from bailcheck.errors import TemplateError
from bailcheck.safe_text import xml_safe

MAX_DOCX_BYTES = 20_000_000  # a Word template larger than this is refused
_HEADING = re.compile(r"^(#{1,3}) (.*)$")
_BULLET = re.compile(r"^( *)- (.*)$")


@dataclass(frozen=True)
class Block:
    style: str  # h1 h2 h3 li1 li2 p
    runs: tuple[tuple[str, bool], ...]  # (text, bold)

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.runs)


def blocks(markdown: str) -> list[Block]:
    """The blocks of a draft's Markdown, in order."""
    out = []
    for line in markdown.splitlines():
        if not line.strip():
            continue
        heading, bullet = _HEADING.match(line), _BULLET.match(line)
        if heading:
            out.append(Block(f"h{len(heading.group(1))}", _runs(heading.group(2))))
        elif bullet:
            level = 2 if len(bullet.group(1)) >= 2 else 1
            out.append(Block(f"li{level}", _runs(bullet.group(2))))
        else:
            out.append(Block("p", _runs(line.strip())))
    return out


def _runs(text: str) -> tuple[tuple[str, bool], ...]:
    """Text with `**` toggling bold and backslash escapes undone."""
    runs: list[tuple[str, bool]] = []
    bold, buf, i = False, [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            buf.append(text[i + 1])
            i += 2
            continue
        if text.startswith("**", i):
            if buf:
                runs.append(("".join(buf), bold))
            bold, buf = not bold, []
            i += 2
            continue
        buf.append(ch)
        i += 1
    if buf:
        runs.append(("".join(buf), bold))
    return tuple(runs)


def template_path(name: str, override: Path | None) -> Path:
    """`NAME.docx` from the --templates folder if it has one, else the built-in."""
    if override is not None and (override / f"{name}.docx").is_file():
        return override / f"{name}.docx"
    return resources.builtin("templates") / f"{name}.docx"


def render_docx(markdown: str, name: str, context: dict[str, Any], as_of: date,
                override: Path | None = None) -> bytes:
    """The Word document for a draft: its Markdown, through the Word template `name`."""
    import jinja2
    from docxtpl import DocxTemplate, RichText

    from bailcheck.render.templating import template_errors, xml_environment

    path = template_path(name, override)
    try:
        size = path.stat().st_size
    except OSError:
        raise TemplateError(f"template not found: {path.name}") from None
    if size > MAX_DOCX_BYTES:
        raise TemplateError(f"{path}: Word template larger than {MAX_DOCX_BYTES:,} bytes; "
                            "refused")

    def rich(block: Block) -> Any:
        out = RichText()
        for text, bold in block.runs:
            out.add(xml_safe(text), bold=bold)
        return out

    found = blocks(markdown)
    values = {**context, "blocks": [{"style": b.style, "rich": rich(b), "text": xml_safe(b.text)}
                                    for b in found]}
    try:
        doc = DocxTemplate(str(path))
        with template_errors(str(path)):
            doc.render(values, jinja_env=xml_environment(), autoescape=True)
    except TemplateError:
        raise
    except (jinja2.TemplateError, ValueError, KeyError) as exc:
        raise TemplateError(f"{path}: cannot render the Word template: {exc}") from None
    except Exception as exc:  # a file that is not a Word document at all
        if type(exc).__name__ in ("PackageNotFoundError", "BadZipFile"):
            raise TemplateError(f"{path}: not a Word (.docx) file") from None
        raise
    props = doc.docx.core_properties
    moment = datetime.combine(as_of, time(0, 0))
    document = context.get("document", {})
    props.title = xml_safe(str(document.get("title", "")))
    props.subject = xml_safe(str(document.get("subject", "")))
    props.author = "bailcheck (draft)"
    props.last_modified_by = "bailcheck"
    props.keywords = "bail conditions; draft"
    props.comments = "Draft produced by bailcheck: check and complete before use."
    props.created = moment
    props.modified = moment
    props.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
