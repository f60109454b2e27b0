"""The report's charts, drawn from its aggregates with matplotlib's SVG backend.

Each chart is inline SVG for an offline page: text kept as text (readable, searchable, sized by
the page), no metadata or date, a fixed hash salt, and every id prefixed with the chart's name
so that several SVGs in one page never share one. Verdicts are told apart by hatching and by
label as well as by colour (Paul Tol's colour-blind-safe palette). Imported only by the report
command: matplotlib is slow to import.
"""

from __future__ import annotations

import functools
import io
import math
import re
from collections.abc import Callable
from typing import Any

from bailcheck.documents.report_funnel import LIMITS, binomial_limit
from bailcheck.findings import CONDITION_VERDICTS

STYLE = {  # verdict -> (fill, hatch, hatch colour)
    "unlawful": ("#882255", "xx", "#ffffff"),
    "disproportionate": ("#cc6677", "///", "#000000"),
    "unenforceable": ("#ddcc77", "||", "#000000"),
    "needs_justification": ("#88ccee", "\\\\", "#000000"),
    "ok": ("#dddddd", "", "#000000"),
}
RC: dict[str, Any] = {
    "svg.fonttype": "none",  # text as <text>, not glyph paths
    "text.parse_math": False,  # a `$` in a station's name is not TeX
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 0.8,
    "path.simplify": True,
}
METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
WIDTH = 7.0  # inches: the text width of an A4 page with 2 cm margins


def words(verdict: str) -> str:
    return verdict.replace("_", " ")


def chart_names(data: dict[str, Any]) -> list[str]:
    """The charts the aggregates call for (one with nothing to show is left out), decided
    without matplotlib so that the page can be laid out while they are drawn."""
    names = [name for name, key in (("by-type", "by_type"), ("by-month", "by_month"),
                                    ("rules", "rules")) if data[key]]
    return names + [f"funnel-{dim}" for dim, table in data["units"].items()
                    if table["units"] and table["conditions"]]


def all_charts(data: dict[str, Any], names: list[str] | None = None) -> dict[str, str]:
    """chart name -> SVG text, for `names` (default: every chart the aggregates call for)."""
    draw: dict[str, Callable[[Any, dict[str, Any]], str]] = {
        "by-type": _by_type, "by-month": _by_month, "rules": _rules}
    for dim in data["units"]:
        draw[f"funnel-{dim}"] = functools.partial(_funnel_of, dim)
    return {name: _svg(name, draw[name], data)
            for name in (chart_names(data) if names is None else names)}


def _svg(name: str, draw: Callable[[Any, dict[str, Any]], str], data: dict[str, Any]) -> str:
    import matplotlib
    from matplotlib.figure import Figure

    rc: Any = {**RC, "svg.hashsalt": f"bailcheck-report-{name}"}  # a fixed salt: same ids
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(WIDTH, 3.2))  # margins set by each chart: layout engines are slow
        title = draw(fig, data)
        if not title:
            return ""
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata=METADATA)
    return inline(buffer.getvalue(), name, title)


_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(url\(#|xlink:href="#|href="#)([^)"]+)')


def inline(svg: str, name: str, title: str) -> str:
    """An SVG document made fit to sit in an HTML page: no XML prologue or DOCTYPE, no
    metadata, ids unique to this chart, a role and a title for assistive technology."""
    from xml.sax.saxutils import escape, quoteattr

    svg = _METADATA.sub("", _PROLOGUE.sub("", svg, count=1))
    svg = _ID.sub(lambda m: f'id="{name}-{m.group(1)}"', svg)
    svg = _REF.sub(lambda m: f"{m.group(1)}{name}-{m.group(2)}", svg)
    head = (f'<svg role="img" aria-labelledby="{name}-title" class="chart" '
            f'data-chart={quoteattr(name)}')
    svg = svg.replace("<svg", head, 1)
    close = svg.index(">", svg.index("<svg")) + 1
    return (svg[:close] + f'\n <title id="{name}-title">{escape(title)}</title>'
            + svg[close:]).strip() + "\n"


def _boxes(ax: Any, verdict: str, boxes: list[tuple[float, float, float, float]],
           label: str = "") -> Any:
    """Rectangles (x, y, width, height) in one verdict's fill and hatching, as one artist:
    a collection draws far faster than a patch per bar."""
    from matplotlib.collections import PolyCollection

    fill, hatch, ink = STYLE.get(verdict, STYLE["ok"])
    verts = [[(x, y), (x + w, y), (x + w, y + h), (x, y + h)] for x, y, w, h in boxes if w and h]
    shapes = PolyCollection(verts, facecolors=fill, edgecolors="#333333", linewidths=0.5,
                            hatch=hatch or None, label=label)
    shapes.set_hatchcolor(ink)
    ax.add_collection(shapes, autolim=True)
    return shapes


def _key(verdict: str) -> Any:
    from matplotlib.patches import Patch

    fill, hatch, _ink = STYLE[verdict]
    return Patch(facecolor=fill, edgecolor="#333333", hatch=hatch or None, linewidth=0.5,
                 label=words(verdict))


def _stack(ax: Any, labels: list[str], rows: list[dict[str, int]], horizontal: bool) -> list[Any]:
    """Stacked bars, one segment per verdict, most severe first; returns the legend keys."""
    base = [0] * len(labels)
    keys = []
    for verdict in CONDITION_VERDICTS:
        values = [r.get(verdict, 0) for r in rows]
        if not any(values):
            continue
        boxes: list[tuple[float, float, float, float]] = [
            (b, i - 0.4, v, 0.8) if horizontal else (i - 0.4, b, 0.8, v)
            for i, (b, v) in enumerate(zip(base, values, strict=True))]
        _boxes(ax, verdict, boxes)
        keys.append(_key(verdict))
        base = [b + v for b, v in zip(base, values, strict=True)]
    top = max(base, default=1) or 1
    if horizontal:
        ax.set_yticks(range(len(labels)), labels)
        ax.set_ylim(-0.6, len(labels) - 0.4)
        ax.set_xlim(0, top * 1.05)
    else:
        ax.set_xlim(-0.6, len(labels) - 0.4)
        ax.set_ylim(0, top * 1.05)
    return keys


def _legend(ax: Any, handles: list[Any] | None = None, **kwargs: Any) -> None:
    if handles is None:
        ax.legend(frameon=False, fontsize=8, **kwargs)
    else:
        ax.legend(handles=handles, frameon=False, fontsize=8, **kwargs)


def _margins(fig: Any, labels: list[str], height: float, *, bottom: float = 0.45,
             top: float = 0.15, ylabel: bool = False) -> None:
    """Size the figure and leave room (in inches) for the longest y tick label, about 0.055 in
    a character at 8 points, and for an axis label of two lines."""
    fig.set_size_inches(WIDTH, height)
    left = 0.3 + 0.055 * max((len(s) for s in labels), default=4) + (0.4 if ylabel else 0)
    fig.subplots_adjust(left=min(0.45, left / WIDTH), right=1 - 0.15 / WIDTH,
                        bottom=bottom / height, top=1 - top / height)


def _by_type(fig: Any, data: dict[str, Any]) -> str:
    rows = list(reversed(data["by_type"]))  # largest at the top
    if not rows:
        return ""
    labels = [r["type"].replace("_", " ") for r in rows]
    _margins(fig, labels, 1.0 + 0.28 * len(rows))
    ax = fig.subplots()
    keys = _stack(ax, labels, [r["verdicts"] for r in rows], True)
    ax.set_xlabel("conditions")
    _legend(ax, keys, loc="lower right")
    return "Verdicts by condition type: stacked bars of conditions, one segment per verdict"


def _by_month(fig: Any, data: dict[str, Any]) -> str:
    rows = data["by_month"]
    if not rows:
        return ""
    _margins(fig, ["1000"], 3.4, bottom=1.0, top=0.45, ylabel=True)
    ax = fig.subplots()
    labels = [r["month"] for r in rows]
    keys = _stack(ax, labels, [r["verdicts"] for r in rows], False)
    step = max(1, math.ceil(len(labels) / 18))
    ax.set_xticks(range(0, len(labels), step), labels[::step], rotation=60, ha="right",
                  fontsize=7)
    ax.set_ylabel("conditions")
    ax.set_xlabel("month of decision (decision.made_at)")
    _legend(ax, keys, loc="lower left", bbox_to_anchor=(0, 1.01), ncols=5, borderaxespad=0)
    return "Verdicts by month of decision: stacked bars of conditions per month"


def _rules(fig: Any, data: dict[str, Any]) -> str:
    rows = data["rules"][:15]
    if not rows:
        return ""
    rows = list(reversed(rows))
    _margins(fig, [r["rule"] for r in rows], 0.9 + 0.24 * len(rows))
    ax = fig.subplots()
    for verdict in {r["verdict"] for r in rows}:
        _boxes(ax, verdict, [(0, i - 0.4, r["findings"], 0.8) for i, r in enumerate(rows)
                             if r["verdict"] == verdict])
    for i, r in enumerate(rows):
        ax.text(r["findings"], i, f" {r['findings']} ({words(r['verdict'])})", va="center",
                fontsize=7)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_yticks(range(len(rows)), [r["rule"] for r in rows], fontsize=7)
    ax.set_xlabel("findings (conditions, or records for record-level rules)")
    ax.set_xlim(0, max(r["findings"] for r in rows) * 1.35)
    return "The rules that fire most: findings per rule, labelled with its verdict"


def _funnel_of(dim: str, fig: Any, data: dict[str, Any]) -> str:
    return _funnel(fig, data["units"][dim])


def _funnel(fig: Any, table: dict[str, Any]) -> str:
    units = table["units"]
    if not units or not table["conditions"]:
        return ""
    _margins(fig, ["100"], 3.4, bottom=0.5, ylabel=True)
    ax = fig.subplots()
    p0 = table["flagged"] / table["conditions"]  # unrounded, as the flags were computed
    top = max(u["conditions"] for u in units)
    log = top >= 50  # drawn on log10(n) with our own ticks: matplotlib's log scale is slow

    def x(n: float) -> float:
        return math.log10(n) if log else n

    grid = sorted({max(1, round(math.exp(math.log(top * 1.15) * i / 120))) for i in range(121)})
    ax.axhline(100 * p0, color="#000000", linewidth=1, label=f"overall share {100 * p0:.1f}%")
    for (lo, hi), style, name in zip(LIMITS, ("--", ":"), ("95%", "99.8%"), strict=True):
        xs = [x(n) for n in grid]
        ax.plot(xs, [100 * binomial_limit(n, p0, hi) for n in grid], style, color="#444444",
                linewidth=1, label=f"{name} limits")
        ax.plot(xs, [100 * binomial_limit(n, p0, lo) for n in grid], style, color="#444444",
                linewidth=1)
    marks = {"": ("o", "#bbbbbb", "within the 99.8% limits"),
             "above": ("^", "#882255", "above the 99.8% limit"),
             "below": ("v", "#117733", "below the 99.8% limit")}
    for outside, (marker, colour, label) in marks.items():
        chosen = [u for u in units if u["outside"] == outside]
        if chosen:
            ax.scatter([x(u["conditions"]) for u in chosen], [100 * u["share"] for u in chosen],
                       marker=marker, s=30 if outside else 14, color=colour,
                       edgecolor="#000000", linewidth=0.5, label=label, zorder=3)
    for u in table["outliers"][:8]:
        ax.annotate(u["unit"], (x(u["conditions"]), 100 * u["share"]),
                    textcoords="offset points", xytext=(5, 4), fontsize=7)
    if log:
        powers = range(int(math.log10(top * 1.15)) + 1)
        ticks = [m * 10 ** p for p in powers for m in (1, 2, 5) if m * 10 ** p <= top * 1.15]
        ax.set_xticks([math.log10(t) for t in ticks], [f"{t:,}" for t in ticks])
        ax.set_xlim(-0.05, math.log10(top * 1.15))
    else:
        ax.set_xlim(0, top * 1.1)
    ax.set_ylim(-2, 102)
    ax.set_xlabel("conditions decided by the unit" + (" (log scale)" if log else ""))
    ax.set_ylabel("disproportionate or\nunlawful (%)", fontsize=8)
    _legend(ax, loc="upper right", ncols=2)
    return (f"Funnel plot by {table['label']}: share of disproportionate or unlawful conditions "
            "against the number of conditions, with 95% and 99.8% binomial control limits")
