"""A goal's chart, for every format: one layout, drawn as SVG here (HTML, PDF and the site)
and as PNG in `chart_png` (Word, which shows no SVG everywhere). The small charts (key-figure
lines, the summary's status bars) are in `small_charts`.

A chart a nämnd can read: a y-axis with its unit and round ticks, the periods along the
x-axis, the baseline and the target as labelled lines, K and M as series of their own
beside the total (told apart by dash and marker, never by colour alone), and the forecast
drawn dashed to the year's end. The y-range always holds the baseline, the target and
zero-ish room around the values, so two close values are not stretched from floor to
ceiling. Every chart has a text alternative, and its values stand in a table beside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from typing import Any

WIDTH, HEIGHT = 440, 240  # a goal's chart, in CSS pixels (PNG at twice that)
SCALE = 2  # PNG is drawn at twice the size, for print
# Room for the ticks at the left (at least; more when a tick's label is longer, as
# "45 heltider"), the periods below (half the last one's width at the right) and the legend
# above; the baseline's and target's labels stand inside the plot at its left (the
# forecast's is at the right), so that a phone's narrow screen shrinks the chart little.
LEFT, RIGHT, TOP, BOTTOM = 64, 30, 34, 40
TICK_GAP = 6  # between a tick's label and the axis
# A character's width in DejaVu Sans, in ems (browsers' sans fonts are narrower): enough to
# make room for the ticks' labels without measuring them in a font the SVG may not get.
_NARROW, _WIDE = set(" \u00a0\u202f.,:;'|ijlf"), set("%mwMW\u2212#&+<=>@^~")
# Told apart by dash and marker; the colours only add to that.
STYLES = {
    "T": ("", "circle", "#1a1a1a"),
    "K": ("6 3", "square", "#0d47a1"),
    "M": ("2 3", "triangle", "#8a3b00"),
}
SERIES_WORDS = {"T": "Totalt", "K": "Kvinnor", "M": "Män"}


@dataclass
class Chart:
    """What a goal's chart shows; values are plain numbers, labels are already in Swedish."""

    title: str
    unit: str  # the unit as a suffix, e.g. " %" or " tkr" (empty for a plain number)
    periods: list[str]  # along the x-axis, oldest first
    series: dict[str, list[float | None]]  # "T", "K", "M": a value per period, or None
    shown: dict[str, list[str]] = field(default_factory=dict)  # the values as printed
    baseline: tuple[float, str] | None = None  # value and label ("Basvärde 2017: 6 %")
    target: tuple[float, str] | None = None  # value and label ("Målvärde: 5,4 %")
    forecast: tuple[float, str] | None = None  # the year-end forecast and its label
    words: dict[str, str] = field(default_factory=dict)  # a series' name, if not a gender


def ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round numbers spanning low..high (1, 2 or 5 times a power of ten apart)."""
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / max(1, count - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    found = [round(first, 10)]
    while found[-1] < high:  # up to the first tick at or above the highest value
        found.append(round(found[-1] + step, 10))
    return found


@dataclass
class Layout:
    scale_y: Any
    x_of: Any
    y_ticks: list[float]
    width: int
    height: int
    tick_labels: list[str]


def text_width(text: str, size: float = 12) -> float:
    """About how wide a text is in DejaVu Sans at `size` pixels, never less than it is."""
    ems = sum(
        0.36 if c in _NARROW else 1.0 if c in _WIDE else 0.8 if c.isupper() else 0.64 for c in text
    )
    return ems * size


def layout(chart: Chart, width: int = WIDTH, height: int = HEIGHT) -> Layout:
    values = [v for s in chart.series.values() for v in s if v is not None]
    values += [line[0] for line in (chart.baseline, chart.target, chart.forecast) if line]
    low, high = min(values), max(values)
    # Room around the values: at least a fifth of their level, so two close values do not
    # fill the chart from floor to ceiling, and zero when the values are near it.
    pad = max((high - low) * 0.1, abs(high) * 0.05, 1e-9)
    low, high = low - pad, high + pad
    if (min(values) >= 0 and low < 0) or 0 < low < (high - low):
        low = 0.0
    y_ticks = ticks(low, high)
    bottom, top = min(y_ticks[0], low), max(y_ticks[-1], high)
    labels = [_number(t) + chart.unit for t in y_ticks]
    # A label wider than the room at the left would be cut at the chart's edge ("5 heltider"
    # for 45): the plot moves right to make room for it.
    left = max(LEFT, math.ceil(max(map(text_width, labels)) + TICK_GAP + 2))
    plot_h = height - TOP - BOTTOM
    plot_w = width - left - RIGHT
    n = max(1, len(chart.periods) - 1 + (1 if chart.forecast else 0))

    def scale_y(value: float) -> float:
        return TOP + plot_h - (value - bottom) / (top - bottom) * plot_h

    def x_of(index: float) -> float:
        return left + index / n * plot_w

    shown = [(t, label) for t, label in zip(y_ticks, labels, strict=True) if bottom <= t <= top]
    return Layout(
        scale_y, x_of, [t for t, _ in shown], width, height, [label for _, label in shown]
    )


def describe(chart: Chart) -> str:
    """The chart in words: its text alternative."""
    parts = [f"{chart.title}."]
    for key, values in chart.series.items():
        shown = chart.shown.get(key) or [str(v) for v in values]
        pairs = [
            f"{p} {s}"
            for p, s, v in zip(chart.periods, shown, values, strict=False)
            if v is not None
        ]
        if pairs:
            parts.append(f"{chart.words.get(key, SERIES_WORDS[key])}: " + ", ".join(pairs) + ".")
    for line in (chart.baseline, chart.target, chart.forecast):
        if line:
            parts.append(f"{line[1]}.")
    return " ".join(parts)


def element(tag: str, text: str | None = None, **attrs: Any) -> str:
    """One SVG element; attribute names with _ are written with -, every value escaped
    (a number needs none: a site draws millions of coordinates)."""
    shown = "".join(
        f' {_attribute(name)}="{_coord(value) if _is_number(value) else escape(str(value))}"'
        for name, value in attrs.items()
        if value is not None
    )
    return f"<{tag}{shown}/>" if text is None else f"<{tag}{shown}>{escape(text)}</{tag}>"


def _is_number(value: Any) -> bool:
    return type(value) in (float, int)


@lru_cache(maxsize=64)
def _attribute(name: str) -> str:
    return name.rstrip("_").replace("_", "-")


def _coord(value: Any) -> str:
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def svg(chart: Chart, ident: str) -> str:
    """The chart as an accessible SVG element (role img, title and description)."""
    lay = layout(chart)
    ink = "#1a1a1a"
    out = [
        f'<svg role="img" class="chart" aria-labelledby="{ident}-t {ident}-d" '
        f'viewBox="0 0 {lay.width} {lay.height}" width="100%" style="max-width:{lay.width}px">',
        element("title", chart.title, id=f"{ident}-t"),
        element("desc", describe(chart), id=f"{ident}-d"),
    ]
    left, right, bottom = lay.x_of(0), lay.width - RIGHT, lay.height - BOTTOM
    out.append(element("line", class_="axis", x1=left, y1=TOP, x2=left, y2=bottom, stroke=ink))
    out.append(element("line", class_="axis", x1=left, y1=bottom, x2=right, y2=bottom, stroke=ink))
    for tick, label in zip(lay.y_ticks, lay.tick_labels, strict=True):
        y = lay.scale_y(tick)
        out.append(element("line", x1=left - 4, y1=y, x2=left, y2=y, stroke=ink))
        out.append(
            element("text", label, class_="tick", x=left - TICK_GAP, y=y + 4, text_anchor="end")
        )
    for index, period in labelled(chart.periods):
        x = lay.x_of(index)
        out.append(
            element("text", period, class_="period", x=x, y=bottom + 16, text_anchor="middle")
        )
    for line, y, label_y, style in label_heights(chart, lay):
        dash, name = style.split("|")
        out.append(
            element("line", class_=name, x1=left, y1=y, x2=right, y2=y, stroke="#444",
                stroke_dasharray=dash)
        )  # fmt: skip
        out.extend(_haloed(line[1], class_=f"{name}-label", x=left + 4, y=label_y - 3))
    for key, values in drawing_order(chart):
        dash, marker, colour = STYLES[key]
        points = [(lay.x_of(i), lay.scale_y(v)) for i, v in enumerate(values) if v is not None]
        if len(points) > 1:
            coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            out.append(
                element("polyline", class_=f"series series-{key}", fill="none", stroke=colour,
                    stroke_width=2, stroke_dasharray=dash or None, points=coords)
            )  # fmt: skip
        out.extend(_marker_svg(marker, x, y, colour) for x, y in points)
    ends = forecast_line(chart, lay)
    if ends is not None:
        (x0, y0), (x1, y1) = ends
        out.append(
            element("line", class_="forecast", x1=x0, y1=y0, x2=x1, y2=y1, stroke=ink,
                stroke_dasharray="3 3")
        )  # fmt: skip
        out.append(element("circle", cx=x1, cy=y1, r=4, fill="white", stroke=ink))
        assert chart.forecast is not None
        out.extend(
            _haloed(chart.forecast[1], class_="forecast-label", x=x1 - 6, y=y1 - 8,
                    text_anchor="end")
        )  # fmt: skip
    if len(chart.series) > 1:  # the legend above the plot, in words and line styles
        for row, key in enumerate(chart.series):
            dash, marker, colour = STYLES[key]
            x, y = left + row * 100, 12
            out.append(
                element("line", x1=x, y1=y, x2=x + 24, y2=y, stroke=colour, stroke_width=2,
                    stroke_dasharray=dash or None)
            )  # fmt: skip
            out.append(_marker_svg(marker, x + 12, y, colour))
            word = chart.words.get(key, SERIES_WORDS[key])
            out.append(element("text", word, class_="legend", x=x + 30, y=y + 4))
    out.append("</svg>")
    # every text in the chart the size of a table's: set once, on the element
    return "".join(out).replace("<text ", '<text font-size="12" ')


def drawing_order(chart: Chart) -> list[tuple[str, list[float | None]]]:
    """The series, the first (the total, or the outcome beside its budget) drawn last, on
    top: where the lines meet, what was measured is what shows."""
    return list(chart.series.items())[::-1]


def _haloed(words: str, **attrs: Any) -> list[str]:
    """A label over lines: a white outline of the words drawn first, then the words. Two
    elements rather than paint-order, which WeasyPrint ignores (the PDF's labels were white)."""
    outline = {name: value for name, value in attrs.items() if name != "class_"}
    return [
        element("text", words, stroke="white", stroke_width=3, fill="white", aria_hidden="true",
                **outline),
        element("text", words, **attrs),
    ]  # fmt: skip


def label_heights(chart: Chart, lay: Layout) -> list[tuple[Any, float, float, str]]:
    """The baseline and target lines with where their labels stand: at the line, or moved
    apart when the two lines are too close for two lines of text."""
    lines = [
        (line, lay.scale_y(line[0]), dash, name)
        for line, dash, name in (
            (chart.baseline, "2 4", "baseline"),
            (chart.target, "8 4", "target"),
        )
        if line
    ]
    placed = [[line, y, y, dash, name] for line, y, dash, name in lines]
    if len(placed) == 2 and abs(placed[0][2] - placed[1][2]) < 13:
        upper, lower = sorted(placed, key=lambda item: item[2])
        middle = (upper[2] + lower[2]) / 2
        upper[2], lower[2] = middle - 7, middle + 7
    return [(line, y, label_y, f"{dash}|{name}") for line, y, label_y, dash, name in placed]


def labelled(periods: list[str]) -> list[tuple[int, str]]:
    """The periods the x-axis names: all of a few, else at most six spread evenly, so that
    no two labels of a month ("2018-04") touch (every period stands in the table beside the
    chart)."""
    every = max(1, math.ceil(len(periods) / 6))
    last = len(periods) - 1
    chosen = [i for i in range(len(periods)) if i % every == 0]
    if last not in chosen:  # the latest period is named, unless a label stands too close
        chosen = [i for i in chosen if last - i >= every] + [last]
    return [(i, periods[i]) for i in chosen]


def forecast_line(chart: Chart, lay: Layout) -> tuple[Any, Any] | None:
    """From the last measured total to the year-end forecast, one step to the right."""
    totals = chart.series.get("T") or []
    last = max((i for i, v in enumerate(totals) if v is not None), default=None)
    if chart.forecast is None or last is None:
        return None
    start = (lay.x_of(last), lay.scale_y(totals[last] or 0.0))
    return start, (lay.x_of(len(chart.periods)), lay.scale_y(chart.forecast[0]))


def _marker_svg(kind: str, x: float, y: float, colour: str) -> str:
    """What element() writes for a marker, written at once: a chart of ten years of monthly
    values by gender has hundreds of them, and a site thousands of charts."""
    fill = escape(colour)
    if kind == "square":
        at = f'x="{_coord(x - 3)}" y="{_coord(y - 3)}"'
        return f'<rect {at} width="6" height="6" fill="{fill}"/>'
    if kind == "triangle":
        corners = f"{x:.1f},{y - 4:.1f} {x - 4:.1f},{y + 3:.1f} {x + 4:.1f},{y + 3:.1f}"
        return f'<polygon points="{corners}" fill="{fill}"/>'
    return f'<circle cx="{_coord(x)}" cy="{_coord(y)}" r="3" fill="{fill}"/>'


def _number(value: float) -> str:
    from ..common.swedish import number

    return number(value, 2)
