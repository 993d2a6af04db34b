"""A console that writes to a buffer as the given console would write to the terminal
(width, colours, terminal or not): tables are rendered to text and printed by the CLI."""

from __future__ import annotations

import io
from typing import Any


def buffered(like: Any) -> tuple[Any, io.StringIO]:
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=like.width,
        color_system=like.color_system,
        force_terminal=like.is_terminal,
        highlight=False,
    )
    return console, buffer
