"""Every chart vp draws, for every format: a key figure's development as SVG polyline
points (HTML, PDF and the site) and as a small PNG line chart for formats without SVG (Word).

The PNG is drawn with Pillow (already there for WeasyPrint) rather than matplotlib, which would add
tens of megabytes for one line and two labels. The chart only shows the shape; the values
always stand in a table beside it, and the picture carries them as its description.
"""

from __future__ import annotations

import io

WIDTH, HEIGHT, SCALE = 320, 120, 2  # drawn at twice the size, for print
CHART_WIDTH, CHART_HEIGHT = 160, 36


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
    """PNG bytes of the values as a line, labelled with the first and last period."""
    if len(values) < 2:
        return None
    from PIL import Image, ImageDraw, ImageFont

    width, height = WIDTH * SCALE, HEIGHT * SCALE
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=11 * SCALE)
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
