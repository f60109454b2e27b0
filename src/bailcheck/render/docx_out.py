"""A Word document from a draft rendered as Markdown, so templates stay the one source.

Only the Markdown our templates write is understood: `#` headings, `- ` bullets (indented for a
second level), paragraphs, and **bold** spans.
"""

from __future__ import annotations

import io
import re

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def markdown_to_docx(markdown: str) -> bytes:
    from docx import Document

    doc = Document()
    block: list[str] = []
    style = None

    def flush() -> None:
        nonlocal block, style
        if block:
            paragraph = doc.add_paragraph(style=style)
            _add_runs(paragraph, " ".join(line.strip() for line in block))
        block, style = [], None

    for line in markdown.splitlines():
        heading = re.match(r"^(#{1,3}) (.*)$", line)
        bullet = re.match(r"^( *)- (.*)$", line)
        if heading:
            flush()
            doc.add_heading(heading.group(2), level=len(heading.group(1)))
        elif bullet:
            flush()
            style = "List Bullet 2" if len(bullet.group(1)) >= 2 else "List Bullet"
            block = [bullet.group(2)]
        elif not line.strip():
            flush()
        else:
            block.append(line)
    flush()
    out = io.BytesIO()
    doc.core_properties.author = "bailcheck (draft)"
    doc.save(out)
    return out.getvalue()


def _add_runs(paragraph, text: str) -> None:  # type: ignore[no-untyped-def]
    pos = 0
    for match in _BOLD.finditer(text):
        if match.start() > pos:
            paragraph.add_run(text[pos:match.start()])
        paragraph.add_run(match.group(1)).bold = True
        pos = match.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])
