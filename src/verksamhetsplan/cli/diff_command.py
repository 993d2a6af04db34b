"""vp diff: what changed in the plans between two git revisions."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import app
from .common import HERE, guard_output, refused, write_output


class DiffFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


@app.command()
def diff(
    rev_a: Annotated[
        str, typer.Argument(metavar="[REV_A]", help="Versionen att jämföra från (standard: HEAD).")
    ] = "HEAD",
    rev_b: Annotated[
        str | None,
        typer.Argument(
            metavar="[REV_B]", help="Versionen att jämföra till (standard: arbetskopian)."
        ),
    ] = None,
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="text, json eller markdown.")
    ] = DiffFormat.TEXT,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Fil att skriva till (standard: standard ut)."),
    ] = None,
) -> None:
    """Visa vad som ändrats i planerna mellan två versioner i git: mål som lagts till, tagits
    bort, formulerats om eller fått nytt målvärde, nyckeltal och aktiviteter. Utan argument:
    senaste commit jämfört med filerna som de är nu."""
    guard_output(output)
    from ..common.problems import Refused
    from ..output.terminal import plandiff
    from ..plan.plandiff import diff

    try:
        result = diff(HERE, rev_a, rev_b)
    except Refused as error:
        refused(error)
    render = {
        DiffFormat.TEXT: plandiff.to_text,
        DiffFormat.JSON: plandiff.to_json,
        DiffFormat.MARKDOWN: plandiff.to_markdown,
    }[output_format]
    write_output(render(result), output)
