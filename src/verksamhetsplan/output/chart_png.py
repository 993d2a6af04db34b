"""A goal's chart as PNG, for Word (which shows no SVG everywhere): the same layout as the
SVG in `charts`, drawn with Pillow (already there for WeasyPrint) rather than matplotlib,
which would add tens of megabytes for some lines and labels."""

from __future__ import annotations

import io
import itertools
import math
from functools import lru_cache
from typing import Any

from .charts import (
    BOTTOM,
    RIGHT,
    SCALE,
    SERIES_WORDS,
    STYLES,
    TICK_GAP,
    TOP,
    Chart,
    drawing_order,
    forecast_line,
    label_heights,
    labelled,
    layout,
)


def png(chart: Chart) -> bytes:
    """The same chart as PNG bytes, drawn at twice the size for print."""
    from PIL import Image, ImageDraw

    lay = layout(chart)
    image = Image.new("RGB", (lay.width * SCALE, lay.height * SCALE), "white")
    draw = ImageDraw.Draw(image)
    font = chart_font(12 * SCALE)
    ink = "#1a1a1a"

    def p(x: float, y: float) -> tuple[float, float]:
        return x * SCALE, y * SCALE

    def text(x: float, y: float, words: str, anchor: str = "la", halo: bool = False) -> None:
        # Pillow's own font has no glyph for the no-break space before % and tkr
        words = words.replace("\u00a0", " ")
        width = 3 * SCALE if halo else 0
        draw.text(p(x, y), words, fill=ink, font=font, anchor=anchor, stroke_width=width,
                  stroke_fill="white")  # fmt: skip

    left, right, bottom = lay.x_of(0), lay.width - RIGHT, lay.height - BOTTOM
    draw.line([p(left, TOP), p(left, bottom)], fill=ink, width=SCALE)
    draw.line([p(left, bottom), p(right, bottom)], fill=ink, width=SCALE)
    for tick, label in zip(lay.y_ticks, lay.tick_labels, strict=True):
        y = lay.scale_y(tick)
        draw.line([p(left - 4, y), p(left, y)], fill=ink, width=SCALE)
        text(left - TICK_GAP, y, label, "rm")
    for index, period in labelled(chart.periods):
        text(lay.x_of(index), bottom + 16, period, "ms")  # on one baseline, as in the SVG
    for line, y, label_y, style in label_heights(chart, lay):
        gap = int(style.split("|")[0].split()[0]) + 1
        _dashed(draw, (p(left, y), p(right, y)), gap * SCALE, "#444444", SCALE)
        text(left + 4, label_y - 3, line[1], "ls", halo=True)
    for key, values in drawing_order(chart):
        dash, marker, colour = STYLES[key]
        points = [p(lay.x_of(i), lay.scale_y(v)) for i, v in enumerate(values) if v is not None]
        for a, b in itertools.pairwise(points):
            _stroke(draw, (a, b), dash, colour)
        for x, y in points:
            r = 3 * SCALE
            if marker == "square":
                draw.rectangle([x - r, y - r, x + r, y + r], fill=colour)
            elif marker == "triangle":
                draw.polygon([(x, y - r - 1), (x - r, y + r), (x + r, y + r)], fill=colour)
            else:
                draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    ends = forecast_line(chart, lay)
    if ends is not None and chart.forecast is not None:
        a, b = p(*ends[0]), p(*ends[1])
        _dashed(draw, (a, b), 3 * SCALE, ink, SCALE)
        draw.ellipse([b[0] - 8, b[1] - 8, b[0] + 8, b[1] + 8], outline=ink, width=SCALE)
        text(ends[1][0] - 6, ends[1][1] - 8, chart.forecast[1], "rs", halo=True)
    if len(chart.series) > 1:
        for row, key in enumerate(chart.series):
            dash, _, colour = STYLES[key]
            x, y = left + row * 100, 12
            _stroke(draw, (p(x, y), p(x + 24, y)), dash, colour)
            text(x + 30, y, chart.words.get(key, SERIES_WORDS[key]), "lm")
    out = io.BytesIO()
    # zlib's level 3 packs a chart a twentieth larger in half the time of its default 6 (and a
    # fifth of optimize=True's): encoding was an eighth of a Word report.
    image.save(out, format="PNG", compress_level=3)
    return out.getvalue()


def _stroke(draw: Any, ends: tuple[Any, Any], dash: str, colour: str) -> None:
    if dash:
        _dashed(draw, ends, int(dash.split()[0]) * SCALE, colour, 2 * SCALE)
    else:
        draw.line(list(ends), fill=colour, width=2 * SCALE)


def _dashed(draw: Any, ends: tuple[Any, Any], dash: float, fill: str, width: int) -> None:
    """A dashed line from one end to the other (Pillow draws only solid ones)."""
    a, b = ends
    length = math.dist(a, b)
    if length == 0:
        return
    for i in range(int(length // (dash * 2)) + 1):
        start, end = i * 2 * dash / length, min(1.0, (i * 2 + 1) * dash / length)
        if start >= 1:
            break
        at = [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t) for t in (start, end)]
        draw.line(at, fill=fill, width=width)


@lru_cache(maxsize=8)
def chart_font(size: int) -> Any:
    """DejaVu Sans (Debian's fonts-dejavu-core), which has å, ä, ö, – and the status symbols;
    Pillow's own font has none of them, so it is the fallback only. Debian's path is tried
    first and each size loaded once: for a bare name Pillow walks every font folder."""
    from PIL import ImageFont

    for name in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)
