"""What several commands share: output helpers and the usage-error exit."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import typer

USAGE_ERROR = 2


def usage_error(message: str, hint: str | None = None) -> NoReturn:
    typer.echo(f"vp: {message}", err=True)
    if hint:
        typer.echo(f"    tips: {hint}", err=True)
    raise typer.Exit(USAGE_ERROR)


def write_output(text: str, output: Path | None) -> None:
    """Write to a file atomically, or to standard output when no file (or '-') is given."""
    if output is None or str(output) == "-":
        typer.echo(text, nl=False)
        return
    from ..atomic import write_text_atomic

    try:
        write_text_atomic(output, text)
    except OSError as error:
        usage_error(f"kan inte skriva {output}: {error.strerror}")
