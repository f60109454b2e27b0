"""Build the Word templates of the drafts: custody.docx, court.docx, solicitor.docx, rui.docx.

    python templates/make_docx_templates.py [FOLDER]     # default: the folder of this script

Each is an ordinary Word document that a force or a firm may open in Word and restyle: change
the fonts and colours of the Heading 1–3, List Bullet, List Bullet 2 and Normal styles, put a
letterhead or logo in the header, add a footer. Keep the `{%p … %}` paragraphs and the
`{{r b.rich }}` paragraphs (one per style) as they are: bailcheck pours the draft's blocks
through them. Any context value may also be used in the header, footer or body, e.g.
`{{ case.reference }}` or `{{ document.title }}` (see templates/README.md). Point bailcheck at a
folder holding your edited copy with `bailcheck draft --templates FOLDER`.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.shared import Pt

STYLES = (("h1", "Heading 1"), ("h2", "Heading 2"), ("h3", "Heading 3"),
          ("li1", "List Bullet"), ("li2", "List Bullet 2"), ("p", "Normal"))
DOCUMENTS = {
    "custody": ("Note of reasons for bail conditions", "{{ case.force or 'Police' }}"),
    "court": ("Note of the court's reasons for bail conditions", "The court"),
    "solicitor": ("Representations on bail conditions", "[Firm letterhead]"),
    "rui": ("Released under investigation", "{{ case.force or 'Police' }}"),
}


def build(name: str, title: str, letterhead: str) -> Document:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.text = f"{letterhead} | DRAFT | {{{{ case.reference }}}}"
    footer = section.footer.paragraphs[0]
    footer.text = ("{{ document.title }}. Draft produced by bailcheck {{ banner.version }} as of "
                   "{{ banner.as_of }}; not legal advice.")
    body = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    body.text = "{%p for b in blocks %}"
    for i, (key, style) in enumerate(STYLES):
        word = "if" if i == 0 else "elif"
        test = f'b.style == "{key}"'
        doc.add_paragraph(f"{{%p {word} {test} %}}" if key != "p" else "{%p else %}")
        doc.add_paragraph("{{r b.rich }}", style=style)
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    props = doc.core_properties
    props.title = title
    props.subject = f"bailcheck {name} template"
    props.author = "bailcheck"
    props.last_modified_by = "bailcheck"
    props.comments = "Word template for bailcheck drafts; see templates/README.md."
    props.created = props.modified = datetime(2026, 1, 1)
    props.revision = 1
    return doc


def main(folder: Path) -> None:
    for name, (title, letterhead) in DOCUMENTS.items():
        build(name, title, letterhead).save(str(folder / f"{name}.docx"))
        print(f"wrote {folder / (name + '.docx')}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent)
