"""The report's outputs, all from the one aggregate document: HTML (one offline file, charts as
inline SVG, through a sandboxed autoescaping Jinja2 template), Markdown, JSON, and the CSV of
conditions, written row by row as records stream past."""

from __future__ import annotations

import csv
import functools
import io
import json
from pathlib import Path
from typing import Any, BinaryIO

from bailcheck.documents.report import RecordSummary, relative_link
from bailcheck.findings import CONDITION_VERDICTS

CSV_COLUMNS = ("path", "reference", "force", "station", "officer", "decision_date", "stage",
               "condition", "type", "verdict", "rules")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    return "'" + value if value.startswith(_FORMULA) else value


class ConditionCsv:
    """One row per condition, written to the file as records stream past (nothing is kept)."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
        self.writer = csv.writer(self.stream, lineterminator="\r\n")
        self.writer.writerow(CSV_COLUMNS)

    def add(self, s: RecordSummary) -> None:
        # the date, stage, type, verdict and rule ids are checked when read: never a formula
        head = [cell(s.path), cell(s.reference), cell(s.force), cell(s.station),
                cell(s.officer), s.decided, s.stage]
        self.writer.writerows([[*head, cell(c.id), c.type, c.verdict, " ".join(c.rules)]
                               for c in s.conditions])

    def close(self) -> None:
        """Flush the rows and let go of the file without closing it (its writer does that)."""
        self.stream.flush()
        self.stream.detach()


def as_json(doc: dict[str, Any]) -> bytes:
    return (json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=False) + "\n").encode()


def _linked(doc: dict[str, Any], base: Path) -> dict[str, Any]:
    """The document with an `href` beside each record path, relative to the report's folder
    (new rows in new lists: the document itself is left as it was)."""
    def linked(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**row, "href": relative_link(row["path"], base) if row["linkable"] else ""}
                for row in rows]

    review = doc["review"]
    return {**doc, "records": {**doc["records"], "rows": linked(doc["records"]["rows"])},
            "unreadable": {**doc["unreadable"], "rows": linked(doc["unreadable"]["rows"])},
            "review": {**review, "soon": linked(review["soon"]),
                       "overdue": linked(review["overdue"])}}


def _context(doc: dict[str, Any], base: Path) -> dict[str, Any]:
    return {"doc": _linked(doc, base), "verdicts": CONDITION_VERDICTS}


def _filters(env: Any) -> None:
    env.filters["words"] = lambda v: str(v).replace("_", " ")
    env.filters["pct"] = lambda v: f"{100 * v:.1f}%"
    env.filters["cell"] = lambda v: str(v).replace("|", "\\|").replace("\n", " ")


CHART_MARK = "<!--bailcheck-chart:{}-->"


def page_environment() -> Any:
    """The page's environment (report_template) with the report's filters."""
    from bailcheck.documents import report_template

    env = report_template.environment()
    _filters(env)
    return env


@functools.cache
def _html_template() -> Any:
    """The page template in a sandboxed, autoescaping environment (compiled ahead: see
    report_template)."""
    import jinja2

    from bailcheck.documents import report_template
    from bailcheck.errors import TemplateError

    try:
        return report_template.load(page_environment())
    except jinja2.TemplateError as exc:
        raise TemplateError(f"report.html.j2: {exc}") from None


def prepare() -> None:
    """Import what the page needs and load its template (done ahead, while records are being
    checked, by the process that will lay the page out)."""
    from bailcheck.documents import report_charts  # noqa: F401

    _html_template()


def as_html(doc: dict[str, Any], base: Path) -> bytes:
    """The page with its charts inline."""
    from bailcheck.documents.report_charts import all_charts, chart_names

    names = chart_names(doc)
    return _with_charts(_page(doc, names, base), all_charts(doc, names))


def _page(doc: dict[str, Any], names: list[str], base: Path) -> str:
    """The page, with a mark where each chart goes."""
    import jinja2
    from markupsafe import Markup

    from bailcheck.errors import TemplateError

    context = _context(doc, base)
    context["charts"] = {name: Markup(CHART_MARK.format(name)) for name in names}
    try:
        return str(_html_template().render(**context))
    except jinja2.TemplateError as exc:
        raise TemplateError(f"report.html.j2: template error: {exc}") from None


def _with_charts(page: str, charts: dict[str, str]) -> bytes:
    """The page with each chart's mark replaced by its SVG (text escaped by report_svg;
    record text never makes a mark, as the template escapes `<`)."""
    for name, svg in charts.items():
        page = page.replace(CHART_MARK.format(name), svg, 1)
    return page.encode("utf-8")


def as_markdown(doc: dict[str, Any], base: Path) -> bytes:
    from bailcheck.render.templating import environment, render

    env = environment(None, "markdown")
    _filters(env)
    return render(env, "report.md.j2", _context(doc, base)).encode("utf-8")
