"""vp validate: check plan files, for people and for CI."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from . import app
from .common import HERE, ProblemFormat, Quiet, usage_error


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Planfiler, datafiler (.csv) eller kataloger att kontrollera "
            "(standard: plans/ och indicators-data/).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ProblemFormat,
        typer.Option(
            "--format",
            "-f",
            help="text för människor, json för verktyg, github för annoteringar i GitHub Actions.",
        ),
    ] = ProblemFormat.TEXT,
    strict: Annotated[
        bool, typer.Option("--strict", help="Låt även varningar ge felkod 1.")
    ] = False,
    quiet: Quiet = False,
) -> None:
    """Kontrollera planfiler och nyckeltalsdata: schema, id, referenser mellan filer, år,
    målvärden, perioder och värden.

    Slutkod 0 när planerna är giltiga, 1 när något är fel, 2 vid felaktig användning.
    """
    from ..common.files import MissingPath
    from ..data.layout import default_paths
    from ..data.validate import check
    from ..output.terminal.problems import to_github, to_json, to_text
    from ..plan.publishing import publishing_problems

    targets = paths or default_paths(HERE)
    try:
        checked = check(targets, HERE)
    except MissingPath as missing:
        usage_error(
            f"sökvägen {missing.path} finns inte",
            "Ange en planfil eller katalog, t.ex. vp validate plans/"
            if paths
            else "Kör vp validate i planförrådets rot eller ange katalogen med planerna.",
        )
    result = checked.result
    if strict:  # and what the site and the report would publish
        result.problems += publishing_problems(HERE, checked.plans)
    if output_format is ProblemFormat.JSON:
        typer.echo(to_json(result), nl=False)
    elif output_format is ProblemFormat.GITHUB:
        typer.echo(to_github(result), nl=False)
    else:
        colours = {"error": typer.colors.RED, "warning": typer.colors.YELLOW}
        if quiet:  # the summary is to_text's last line
            typer.echo(to_text(result).splitlines()[-1])
            raise typer.Exit(result.exit_code(strict))
        typer.echo(
            to_text(
                result,
                # NO_COLOR (no-color.org) set to anything but "": plain text, as rich does
                None
                if os.environ.get("NO_COLOR")
                else lambda word, severity: typer.style(word, fg=colours[severity]),
            ),
            nl=False,
        )
    raise typer.Exit(result.exit_code(strict))
