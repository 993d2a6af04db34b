"""The analysis text as the report will show it: the same safe Markdown model (no raw HTML,
no links to follow), so the preview is what the nämnd reads."""

from __future__ import annotations

from typing import Any


def markdown_preview(text: str) -> Any:
    from markupsafe import Markup

    from ..output.report.richtext import parse, to_html

    return Markup(to_html(parse(text), heading_level=2))
