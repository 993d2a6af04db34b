"""vp schema: the plan format as JSON Schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import app
from .common import guard_output, write_output


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Fil att skriva till (standard: standard ut)."),
    ] = None,
    internal_control: Annotated[
        bool,
        typer.Option(
            "--internal-control", help="Internkontrollplanens format i stället för planens."
        ),
    ] = False,
) -> None:
    """Skriv planformatets JSON Schema, för editorer (YAML language server) och andra
    validerare; med --internal-control internkontrollplanens."""
    guard_output(output)
    from ..plan.schema import control_schema_text, schema_text

    write_output(control_schema_text() if internal_control else schema_text(), output)
