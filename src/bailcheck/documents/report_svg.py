"""A small SVG writer for the report's charts: rectangles, lines, markers and text as text.

Each chart is one SVG element fit to sit inline in the offline page: no prologue, metadata or
date, a role and a title for assistive technology, and every id prefixed with the chart's name
so that several SVGs in one page never share one. Verdicts are told apart by hatching (an SVG
pattern each) and by label as well as by colour (Paul Tol's colour-blind-safe palette). Text
is escaped, control characters made visible, and its width estimated from its length: the page
sets the font, so the layout leaves room rather than measuring glyphs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from bailcheck.safe_text import visible, xml_attribute, xml_escape, xml_safe

INK, MUTED, GRID, EDGE = "#1a1a1a", "#4d4d4d", "#d9d9d9", "#333333"
FONT = "DejaVu Sans, Segoe UI, Arial, Helvetica, sans-serif"
EM = 0.62  # the widest average advance of DejaVu Sans, in ems: text is estimated, not measured
STYLE = {  # verdict -> (fill, hatch path in an 8 x 8 tile, hatch colour)
    "unlawful": ("#882255", "M0,0L8,8M8,0L0,8", "#ffffff"),
    "disproportionate": ("#cc6677", "M-2,2L2,-2M0,8L8,0M6,10L10,6", "#000000"),
    "unenforceable": ("#ddcc77", "M2,0V8M6,0V8", "#000000"),
    "needs_justification": ("#88ccee", "M-2,6L2,10M0,0L8,8M6,-2L10,2", "#000000"),
    "ok": ("#dddddd", "", "#000000"),
    "note": ("#ffffff", "", "#000000"),
}


def words(verdict: str) -> str:
    return verdict.replace("_", " ")


def clean(text: object) -> str:
    """Text an SVG inside HTML can hold and show: controls and bidi overrides made visible."""
    return xml_safe(visible(str(text)))


def attr(text: object) -> str:
    return xml_attribute(clean(text))


def width_of(text: str, size: float) -> float:
    return len(text) * size * EM


def clipped(text: str, size: float, room: float) -> str:
    """Text cut with an ellipsis to fit `room` user units (the whole text goes in a tooltip)."""
    if width_of(text, size) <= room + 0.5:
        return text
    most = max(4, int(room / (size * EM)))
    return text[:most - 1].rstrip() + "…"


def num(value: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros, never `-0`."""
    out = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if out in ("-0", "") else out


class Canvas:
    """One chart being drawn, in user units (the page scales it to its column)."""

    def __init__(self, name: str, width: float, height: float) -> None:
        self.name, self.width, self.height = name, width, height
        self.parts: list[str] = []
        self.hatches: dict[str, str] = {}

    def fill(self, verdict: str) -> str:
        """The fill attributes of a verdict: its colour, and its hatching on top."""
        colour, hatch, ink = STYLE.get(verdict, STYLE["ok"])
        if not hatch:
            return f'fill="{colour}"'
        pid = f"{self.name}-hatch-{verdict}"
        self.hatches.setdefault(pid, (
            f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<rect width="8" height="8" fill="{colour}"/>'
            f'<path d="{hatch}" stroke="{ink}" stroke-width="1"/></pattern>'))
        return f'fill="url(#{pid})"'

    def rect(self, x: float, y: float, w: float, h: float, verdict: str, *, tip: str = ""
             ) -> None:
        if w <= 0 or h <= 0:
            return
        self.parts.append(
            f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" '
            f'{self.fill(verdict)} stroke="{EDGE}" stroke-width="0.6">'
            + (f"<title>{xml_escape(clean(tip))}</title>" if tip else "") + "</rect>")

    def swatch(self, x: float, y: float, verdict: str) -> None:
        self.rect(x, y, 14, 14, verdict)

    def text(self, x: float, y: float, text: str, *, size: float = 12, anchor: str = "start",
             rotate: float = 0, colour: str = INK, bold: bool = False) -> None:
        turn = f' transform="rotate({num(rotate)} {num(x)} {num(y)})"' if rotate else ""
        weight = ' font-weight="bold"' if bold else ""
        self.parts.append(
            f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}" text-anchor="{anchor}" '
            f'fill="{colour}"{weight}{turn}>{xml_escape(clean(text))}</text>')

    def line(self, points: Iterable[tuple[float, float]], *, colour: str = INK,
             width: float = 1, dash: str = "") -> None:
        coords = " ".join(f"{num(x)},{num(y)}" for x, y in points)
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" '
                          f'stroke-width="{num(width)}"{dashes}/>')

    def marker(self, shape: str, x: float, y: float, size: float, *, colour: str,
               tip: str = "") -> None:
        """A circle, or a triangle pointing up (`^`) or down (`v`), centred on (x, y)."""
        title = f"<title>{xml_escape(clean(tip))}</title>" if tip else ""
        edge = f'fill="{colour}" stroke="#000000" stroke-width="0.7"'
        if shape == "o":
            self.parts.append(f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(size)}" {edge}>'
                              f"{title}</circle>")
            return
        s = -size if shape == "^" else size
        d = (f"M{num(x)},{num(y + s)}L{num(x + size)},{num(y - s * 0.7)}"
             f"L{num(x - size)},{num(y - s * 0.7)}Z")
        self.parts.append(f'<path d="{d}" {edge}>{title}</path>')

    def svg(self, title: str) -> str:
        """The finished SVG element, titled for assistive technology."""
        name = self.name
        head = (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
                f'aria-labelledby="{name}-title" class="chart" data-chart={attr(name)} '
                f'viewBox="0 0 {num(self.width)} {num(self.height)}" width="{num(self.width)}" '
                f'height="{num(self.height)}" font-family="{FONT}">')
        out = [head, f'<title id="{name}-title">{xml_escape(clean(title))}</title>']
        if self.hatches:
            out += ["<defs>", *self.hatches.values(), "</defs>"]
        out += self.parts
        out.append("</svg>")
        return "\n".join(out) + "\n"


def ticks(top: float, most: int = 6) -> list[float]:
    """Round tick values from 0 past `top` (1, 2 or 5 times a power of ten apart)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / most
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    if step < 1:
        step = 1.0  # counts: whole numbers only
    return [i * step for i in range(math.ceil(top / step - 1e-9) + 1)]


def count(value: float) -> str:
    return f"{value:,.0f}"


class Axes:
    """A plot area on a canvas (left, top, right, bottom) showing x0..x1 and y0..y1."""

    def __init__(self, canvas: Canvas, box: tuple[float, float, float, float],
                 xs: tuple[float, float], ys: tuple[float, float]) -> None:
        self.c = canvas
        self.left, self.top, self.right, self.bottom = box
        self.x0, self.x1 = xs
        self.y0, self.y1 = ys

    def x(self, value: float) -> float:
        return self.left + (value - self.x0) / ((self.x1 - self.x0) or 1) * (
            self.right - self.left)

    def y(self, value: float) -> float:
        return self.bottom - (value - self.y0) / ((self.y1 - self.y0) or 1) * (
            self.bottom - self.top)

    def x_axis(self, at: list[tuple[float, str]], title: str, *, grid: bool = True) -> None:
        """Tick labels under the plot (and light grid lines up it), then the axis title."""
        c = self.c
        for value, label in at:
            x = self.x(value)
            if grid:
                c.line([(x, self.top), (x, self.bottom)], colour=GRID)
            c.line([(x, self.bottom), (x, self.bottom + 4)], colour=INK)
            c.text(x, self.bottom + 17, label, size=11, anchor="middle", colour=MUTED)
        c.line([(self.left, self.bottom), (self.right, self.bottom)], colour=INK)
        c.text((self.left + self.right) / 2, self.bottom + 36, title, size=12, anchor="middle")

    def y_axis(self, at: list[tuple[float, str]], title: str) -> None:
        """Tick labels left of the plot, light grid lines across it, the title turned up."""
        c = self.c
        for value, label in at:
            y = self.y(value)
            c.line([(self.left, y), (self.right, y)], colour=GRID)
            c.line([(self.left - 4, y), (self.left, y)], colour=INK)
            c.text(self.left - 7, y + 4, label, size=11, anchor="end", colour=MUTED)
        c.line([(self.left, self.top), (self.left, self.bottom)], colour=INK)
        middle = (self.top + self.bottom) / 2
        c.text(14, middle, title, size=12, anchor="middle", rotate=-90)

    def categories(self, labels: list[str], room: float) -> None:
        """One label per row, right-aligned left of the plot (each row one unit tall)."""
        for i, label in enumerate(labels):
            self.c.text(self.left - 7, self.y(i + 0.5) + 4, clipped(label, 11, room), size=11,
                        anchor="end")
        self.c.line([(self.left, self.top), (self.left, self.bottom)], colour=INK)


LegendItem = tuple[str, str, str]  # (kind: verdict | line | marker, style, label)


def legend_height(items: list[LegendItem], width: float) -> float:
    return 20.0 * len(_legend_rows(items, width))


def legend(canvas: Canvas, items: list[LegendItem], x: float, y: float, width: float) -> None:
    """Keys in rows from (x, y): a hatched swatch per verdict, a line or a marker, labelled."""
    for r, row in enumerate(_legend_rows(items, width)):
        top = y + 20 * r
        for offset, (kind, style, label) in row:
            left = x + offset
            if kind == "verdict":
                canvas.swatch(left, top, style)
            elif kind == "line":
                canvas.line([(left, top + 7), (left + 24, top + 7)], width=1.5, dash=style,
                            colour="#000000" if not style else MUTED)
            else:
                shape, _sep, colour = style.partition(" ")
                canvas.marker(shape, left + 7, top + 7, 4.5 if shape != "o" else 3.5, colour=colour)
            canvas.text(left + _key_width(kind) + 5, top + 11, label, size=11)


def _key_width(kind: str) -> float:
    return 24 if kind == "line" else 14


def _legend_rows(items: list[LegendItem], width: float
                 ) -> list[list[tuple[float, LegendItem]]]:
    rows: list[list[tuple[float, LegendItem]]] = [[]]
    offset = 0.0
    for item in items:
        size = _key_width(item[0]) + 5 + width_of(item[2], 11) + 16
        if offset and offset + size > width:
            rows.append([])
            offset = 0.0
        rows[-1].append((offset, item))
        offset += size
    return rows
