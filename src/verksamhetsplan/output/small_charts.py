"""The small charts: a key figure's development as a sparkline (SVG) or a small PNG line for
Word, and the goal-attainment summary as status bars (SVG and PNG), each with its numbers
in words beside it so that nothing depends on telling colours apart."""

from __future__ import annotations

import io
from typing import Any

from .chart_png import chart_font
from .charts import SCALE, WIDTH

CHART_WIDTH, CHART_HEIGHT = 160, 36  # the key-figure table's sparkline
SMALL_WIDTH, SMALL_HEIGHT = 320, 120  # the key-figure chart in Word, drawn at SCALE


def sparkline(values: list[float]) -> str | None:
    """SVG polyline points for a small chart of values over time (None for fewer than two)."""
    if len(values) < 2:
        return None
    low, high = min(values), max(values)
    spread = (high - low) or 1.0
    step = (CHART_WIDTH - 8) / (len(values) - 1)
    return " ".join(
        f"{4 + i * step:.1f},{CHART_HEIGHT - 4 - (v - low) / spread * (CHART_HEIGHT - 8):.1f}"
        for i, v in enumerate(values)
    )


def line_chart(values: list[float], first: str, last: str) -> bytes | None:
    """The key-figure table's small chart for Word: the values as a line between their first
    and last period (the values stand in the table beside it)."""
    if len(values) < 2:
        return None
    from PIL import Image, ImageDraw

    width, height = SMALL_WIDTH * SCALE, SMALL_HEIGHT * SCALE
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = chart_font(11 * SCALE)
    left, right, top, bottom = 8 * SCALE, width - 8 * SCALE, 8 * SCALE, height - 22 * SCALE
    draw.line([(left, bottom), (right, bottom)], fill="#6b6b6b", width=SCALE)
    low, high = min(values), max(values)
    spread = (high - low) or 1.0
    step = (right - left) / (len(values) - 1)
    points = [
        (left + i * step, bottom - 6 * SCALE - (v - low) / spread * (bottom - top - 6 * SCALE))
        for i, v in enumerate(values)
    ]
    draw.line(points, fill="#1a1a1a", width=2 * SCALE, joint="curve")
    radius = 2.5 * SCALE
    for x, y in points:
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill="#0d47a1")
    draw.text((left, bottom + 4 * SCALE), first, fill="#1a1a1a", font=font)
    draw.text((right, bottom + 4 * SCALE), last, fill="#1a1a1a", font=font, anchor="ra")
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=3)  # see chart_png.png
    return out.getvalue()


# Fills for the statuses in the summary chart; the symbol and word always stand beside.
FILLS = {
    "achieved": "#2e7d32",
    "partial": "#f9a825",
    "not_achieved": "#c62828",
    "no_data": "#90a4ae",
    "not_due": "#e0e0e0",
}


def status_bars(rows: list[tuple[str, list[dict[str, Any]]]], ident: str) -> str:
    """The goal-attainment summary as bars, in HTML (so that the words wrap on a phone): a
    row per area (and the total), the counts in words and symbols above a bar of each
    status's share, so that nothing depends on telling colours apart."""
    from html import escape

    out = [f'<ul class="status-bars" id="{ident}">']
    for label, counts in rows:
        total = sum(c["count"] for c in counts) or 1
        segments = "".join(
            f'<span class="bar-{c["key"]}" style="width:{100 * c["count"] / total:.2f}%;'
            f'background:{FILLS.get(c["key"], "#cccccc")}"></span>'
            for c in counts
            if c["count"]
        )
        out.append(
            f'<li><span class="bar-label">{escape(label)} – {escape(counts_said(counts))}</span>'
            f'<span class="bar" aria-hidden="true">{segments}</span></li>'
        )
    out.append("</ul>")
    return "".join(out)


def counts_said(counts: list[dict[str, Any]]) -> str:
    shown = [f"{c['symbol']} {c['count']} {c['word']}" for c in counts if c["count"]]
    return ", ".join(shown) or "inga mål"


def status_bars_png(rows: list[tuple[str, list[dict[str, Any]]]]) -> bytes:
    """The same summary bars as PNG, for Word."""
    from PIL import Image, ImageDraw

    # the area's name, then its counts, each wrapped to the width, and the bar beneath
    width, bar, line_height = WIDTH, 14, 13
    font = chart_font(11 * SCALE)
    laid = [
        (_wrapped(label, font, width) + _wrapped(counts_said(counts), font, width), counts)
        for label, counts in rows
    ]
    height = 10 + sum(line_height * len(lines) + 22 for lines, _ in laid)
    image = Image.new("RGB", (width * SCALE, height * SCALE), "white")
    draw = ImageDraw.Draw(image)
    y = 6
    for lines, counts in laid:
        for line, words in enumerate(lines):
            draw.text((0, (y + 10 + line * line_height) * SCALE), words, fill="#1a1a1a",
                      font=font, anchor="ls")  # fmt: skip
        total = sum(c["count"] for c in counts) or 1
        x = 0.0
        top = y + 2 + line_height * len(lines)
        y = top + 20
        for c in counts:
            share = c["count"] / total * (width - 2)
            if share:
                box = [x * SCALE, top * SCALE, (x + share) * SCALE, (top + bar) * SCALE]
                draw.rectangle(box, fill=FILLS.get(c["key"], "#cccccc"), outline="#1a1a1a")
                x += share
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=3)  # see chart_png.png
    return out.getvalue()


def _wrapped(words: str, font: Any, width: int) -> list[str]:
    """The words in lines no wider than the image (at SCALE): a long area name is not cut."""
    lines: list[str] = []
    line = ""
    for word in words.replace("\u00a0", " ").split(" "):  # Pillow's font has no U+00A0
        trial = f"{line} {word}" if line else word
        if line and font.getlength(trial) > (width - 2) * SCALE:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line]
