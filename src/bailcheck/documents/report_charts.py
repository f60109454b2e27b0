"""The report's charts, drawn from its aggregates as inline SVG (report_svg): stacked bars by
condition type and by month, the rules that fire most, and funnel plots by force, station and
decision-maker with exact binomial control limits.

Plain Python writing SVG text: a chart costs a millisecond or so, imports nothing heavy and
writes nowhere (a plotting library would cost a second of start-up and keep a font cache in the
user's home). Every number drawn is in a table beside the chart, and every bar and point
carries its numbers in a tooltip.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from bailcheck.documents.report_funnel import LIMITS, binomial_counts
from bailcheck.documents.report_svg import (
    MUTED,
    Axes,
    Canvas,
    LegendItem,
    clipped,
    count,
    legend,
    legend_height,
    ticks,
    width_of,
    words,
)
from bailcheck.findings import CONDITION_VERDICTS

WIDTH = 720.0  # user units; the page scales the chart to its column (A4 text width in print)
ROW = 24.0  # a bar's row in the horizontal bar charts


def chart_names(data: dict[str, Any]) -> list[str]:
    """The charts the aggregates call for (one with nothing to show is left out)."""
    names = [name for name, key in (("by-type", "by_type"), ("by-month", "by_month"),
                                    ("rules", "rules")) if data[key]]
    return names + [f"funnel-{dim}" for dim, table in data["units"].items()
                    if table["units"] and table["conditions"]]


def all_charts(data: dict[str, Any], names: list[str] | None = None) -> dict[str, str]:
    """chart name -> SVG text, for `names` (default: every chart the aggregates call for)."""
    return {name: chart(name, data) for name in (chart_names(data) if names is None else names)}


def chart(name: str, data: dict[str, Any]) -> str:
    """One chart, by name: by-type, by-month, rules, or funnel-DIM for a unit dimension."""
    if name.startswith("funnel-"):
        return _funnel(name, data["units"][name.removeprefix("funnel-")])
    draw: dict[str, Callable[[str, Any], str]] = {"by-type": _by_type, "by-month": _by_month,
                                                   "rules": _rules}
    return draw[name](name, data[name.replace("-", "_")])


def _verdict_keys(rows: list[dict[str, int]]) -> list[LegendItem]:
    return [("verdict", v, words(v)) for v in CONDITION_VERDICTS
            if any(r.get(v, 0) for r in rows)]


def _tip(label: str, n: int, verdict: str, total: int) -> str:
    return f"{label}: {n:,} {words(verdict)} of {total:,} conditions"


def _by_type(name: str, rows: list[dict[str, Any]]) -> str:
    """Horizontal stacked bars, one per condition type (most conditions at the top)."""
    labels = [r["type"].replace("_", " ") for r in rows]
    totals = [r["conditions"] for r in rows]
    keys = _verdict_keys([r["verdicts"] for r in rows])
    room = min(WIDTH * 0.3, max(width_of(s, 11) for s in labels))
    left, right = 14 + room, WIDTH - 16 - width_of(count(max(totals)), 11)
    top = 12 + legend_height(keys, WIDTH - 24) + 8
    height = top + ROW * len(rows) + 48
    c = Canvas(name, WIDTH, height)
    legend(c, keys, 12, 12, WIDTH - 24)
    scale = ticks(max(totals))
    ax = Axes(c, (left, top, right, top + ROW * len(rows)), (0, scale[-1]), (len(rows), 0))
    ax.x_axis([(t, count(t)) for t in scale], "conditions")
    for i, (label, r) in enumerate(zip(labels, rows, strict=True)):
        base = 0
        for v in CONDITION_VERDICTS:
            n = r["verdicts"].get(v, 0)
            c.rect(ax.x(base), ax.y(i + 0.15), ax.x(base + n) - ax.x(base), ROW * 0.7, v,
                   tip=_tip(label, n, v, r["conditions"]))
            base += n
        c.text(ax.x(base) + 4, ax.y(i + 0.5) + 4, count(base), size=11)
    ax.categories(labels, room)
    return c.svg("Verdicts by condition type: stacked bars of conditions, one segment per "
                 "verdict, told apart by hatching and colour")


def _by_month(name: str, rows: list[dict[str, Any]]) -> str:
    """Vertical stacked bars, one per month of decision."""
    keys = _verdict_keys([r["verdicts"] for r in rows])
    top = 12 + legend_height(keys, WIDTH - 24) + 10
    height = top + 220 + 84
    c = Canvas(name, WIDTH, height)
    legend(c, keys, 12, 12, WIDTH - 24)
    scale = ticks(max(r["conditions"] for r in rows))
    ax = Axes(c, (62, top, WIDTH - 12, top + 220), (0, len(rows)), (0, scale[-1]))
    ax.y_axis([(t, count(t)) for t in scale], "conditions")
    step = max(1, math.ceil(len(rows) / 24))
    for i, r in enumerate(rows):
        base = 0
        for v in CONDITION_VERDICTS:
            n = r["verdicts"].get(v, 0)
            c.rect(ax.x(i + 0.1), ax.y(base + n), ax.x(0.8) - ax.x(0), ax.y(base) - ax.y(base + n),
                   v, tip=_tip(r["month"], n, v, r["conditions"]))
            base += n
        if i % step == 0:
            x, y = ax.x(i + 0.5) + 4, ax.bottom + 10
            c.text(x, y, r["month"], size=11, anchor="end", rotate=-60)
    c.line([(ax.left, ax.bottom), (ax.right, ax.bottom)])
    c.text((ax.left + ax.right) / 2, height - 12, "month of decision (decision.made_at)",
           size=12, anchor="middle")
    return c.svg("Verdicts by month of decision: stacked bars of conditions per month, one "
                 "segment per verdict")


def _rules(name: str, rules: list[dict[str, Any]]) -> str:
    """Horizontal bars: the 15 rules with most findings, each labelled with its verdict."""
    rows = rules[:15]
    labels = [f"{r['findings']:,} ({words(r['verdict'])})" for r in rows]
    room = min(WIDTH * 0.42, max(width_of(r["rule"], 11) for r in rows))
    left = 14 + room
    right = WIDTH - 16 - max(width_of(s, 11) for s in labels)
    top = 12.0
    height = top + ROW * len(rows) + 48
    c = Canvas(name, WIDTH, height)
    scale = ticks(max(r["findings"] for r in rows))
    ax = Axes(c, (left, top, right, top + ROW * len(rows)), (0, scale[-1]), (len(rows), 0))
    ax.x_axis([(t, count(t)) for t in scale],
              "findings (conditions, or records for record-level rules)")
    for i, (r, label) in enumerate(zip(rows, labels, strict=True)):
        c.rect(ax.x(0), ax.y(i + 0.15), ax.x(r["findings"]) - ax.x(0), ROW * 0.7, r["verdict"],
               tip=f"{r['rule']}: {label}, {r['title']}")
        c.text(ax.x(r["findings"]) + 4, ax.y(i + 0.5) + 4, label, size=11)
    ax.categories([r["rule"] for r in rows], room)
    return c.svg("The rules that fire most: findings per rule, labelled with its verdict")


MARKS = {"": ("o", "#bbbbbb", "within the 99.8% limits"),
         "above": ("^", "#882255", "above the 99.8% limit"),
         "below": ("v", "#117733", "below the 99.8% limit")}


def _funnel(name: str, table: dict[str, Any]) -> str:
    """Each unit's share of flagged conditions against its number of conditions, with the
    overall share and exact binomial 95% and 99.8% limits around it."""
    units = table["units"]
    p0 = table["flagged"] / table["conditions"]  # unrounded, as the flags were computed
    most = max(u["conditions"] for u in units)
    log = most >= 50  # a log scale, so that the many small units are not crowded at the left
    shown = {u["outside"] for u in units}
    keys: list[LegendItem] = [("line", "", f"overall share {100 * p0:.1f}%"),
                              ("line", "6 3", "95% limits"), ("line", "1.5 2.5", "99.8% limits")]
    keys += [("marker", f"{shape} {colour}", label)
             for outside, (shape, colour, label) in MARKS.items() if outside in shown]
    top = 12 + legend_height(keys, WIDTH - 24) + 10
    height = top + 250 + 52
    c = Canvas(name, WIDTH, height)
    legend(c, keys, 12, 12, WIDTH - 24)
    end = most * 1.15
    ax = Axes(c, (76, top, WIDTH - 16, top + 250),
              (-0.05, math.log10(end)) if log else (0, end), (-2, 102))

    def x(n: float) -> float:
        return ax.x(math.log10(n) if log else n)

    if log:
        at = [m * 10 ** p for p in range(int(math.log10(end)) + 1) for m in (1, 2, 5)
              if m * 10 ** p <= end]
        ax.x_axis([(math.log10(t), count(t)) for t in at],
                  "conditions decided by the unit (log scale)")
    else:
        ax.x_axis([(t, count(t)) for t in ticks(end) if t <= end],
                  "conditions decided by the unit")
    ax.y_axis([(t, f"{t:.0f}%") for t in range(0, 101, 20)], "disproportionate or unlawful")
    grid = sorted({max(1, round(math.exp(math.log(end) * i / 120))) for i in range(121)})
    bounds = [binomial_counts(n, p0, [q for pair in LIMITS for q in pair]) for n in grid]
    for j, dash in enumerate(("6 3", "1.5 2.5")):
        for side in (0, 1):
            c.line([(x(n), ax.y(100 * b[2 * j + side] / n)) for n, b in zip(grid, bounds,
                                                                             strict=True)],
                   colour=MUTED, width=1.2, dash=dash)
    c.line([(ax.left, ax.y(100 * p0)), (ax.right, ax.y(100 * p0))], colour="#000000", width=1.2)
    for outside in ("", "below", "above"):  # outliers drawn last, on top
        shape, colour, label = MARKS[outside]
        for u in units:
            if u["outside"] == outside:
                c.marker(shape, x(u["conditions"]), ax.y(100 * u["share"]),
                         3.5 if shape == "o" else 5.5, colour=colour,
                         tip=f"{u['unit']}: {u['flagged']:,} of {u['conditions']:,} "
                         f"({100 * u['share']:.1f}%), {label}")
    for u in table["outliers"][:8]:
        px, py = x(u["conditions"]), ax.y(100 * u["share"])
        right = px + 8 + min(240, width_of(u["unit"], 11)) < ax.right
        c.text(px + 8 if right else px - 8, max(ax.top + 10, py - 6), clipped(u["unit"], 11, 240),
               size=11,
               anchor="start" if right else "end", bold=True)
    return c.svg(f"Funnel plot by {table['label']}: share of disproportionate or unlawful "
                 "conditions against the number of conditions, with 95% and 99.8% binomial "
                 "control limits")
