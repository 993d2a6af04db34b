"""The small charts: a key figure's development as a sparkline (SVG) or a small PNG line for
Word, and the goal-attainment summary as status bars (SVG and PNG), each with its numbers
in words beside it so that nothing depends on telling colours apart."""

from __future__ import annotations

import io
from typing import Any

from .charts import WIDTH, chart_font, element

CHART_WIDTH, CHART_HEIGHT = 160, 36  # the key-figure table's sparkline
SMALL_WIDTH, SMALL_HEIGHT, SCALE = 320, 120, 2  # the key-figure chart in Word, drawn at twice


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
    image.save(out, format="PNG", optimize=True)
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
    """The goal-attainment summary as bars: a row per area (and the total), each status's
    share of its goals as a segment, and the counts in words at the row's end, so that
    nothing depends on telling colours apart."""
    width, bar, gap = WIDTH, 14, 34
    height = 10 + gap * len(rows)
    out = [
        f'<svg role="img" class="status-bars" aria-labelledby="{ident}-t {ident}-d" '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px">',
        element("title", "Måluppfyllelse per målområde", id=f"{ident}-t"),
        element("desc", " ".join(f"{label}: {counts_said(counts)}." for label, counts in rows),
            id=f"{ident}-d"),
    ]  # fmt: skip
    for row, (label, counts) in enumerate(rows):
        y = 6 + row * gap
        total = sum(c["count"] for c in counts) or 1
        out.append(
            element("text", f"{label} – {counts_said(counts)}", class_="bar-label", x=0, y=y + 10)
        )
        x = 0.0
        for c in counts:
            share = c["count"] / total * (width - 2)
            if share:
                fill = FILLS.get(c["key"], "#cccccc")
                out.append(
                    element("rect", class_=f"bar bar-{c['key']}", x=x, y=y + 14, width=share,
                        height=bar, fill=fill, stroke="#1a1a1a", stroke_width=0.5)
                )  # fmt: skip
                x += share
    out.append("</svg>")
    return "".join(out).replace("<text ", '<text font-size="11" ')


def counts_said(counts: list[dict[str, Any]]) -> str:
    shown = [f"{c['symbol']} {c['count']} {c['word']}" for c in counts if c["count"]]
    return ", ".join(shown) or "inga mål"


def status_bars_png(rows: list[tuple[str, list[dict[str, Any]]]]) -> bytes:
    """The same summary bars as PNG, for Word."""
    from PIL import Image, ImageDraw

    width, bar, gap = WIDTH, 14, 34
    image = Image.new("RGB", (width * SCALE, (10 + gap * len(rows)) * SCALE), "white")
    draw = ImageDraw.Draw(image)
    font = chart_font(11 * SCALE)
    for row, (label, counts) in enumerate(rows):
        y = 6 + row * gap
        text = f"{label} – {counts_said(counts)}".replace("\u00a0", " ")
        draw.text((0, (y + 10) * SCALE), text, fill="#1a1a1a", font=font, anchor="ls")
        total = sum(c["count"] for c in counts) or 1
        x = 0.0
        for c in counts:
            share = c["count"] / total * (width - 2)
            if share:
                box = [x * SCALE, (y + 14) * SCALE, (x + share) * SCALE, (y + 14 + bar) * SCALE]
                draw.rectangle(box, fill=FILLS.get(c["key"], "#cccccc"), outline="#1a1a1a")
                x += share
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
