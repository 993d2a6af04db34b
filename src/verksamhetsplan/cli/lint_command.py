"""vp lint: the auditor's checklist of goal quality; exit 1 when something is found."""

from __future__ import annotations

from typing import Annotated

import typer

from . import app
from .common import HERE, ProblemFormat, chosen_plans, open_repository_or_exit, refused


@app.command()
def lint(
    plan: Annotated[str | None, typer.Option("--plan", "-p", help="Bara denna plan.")] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Versionen i git att jämföra nyckeltalen med (standard: den första commit "
            "där planen har adopted:, alltså planen som den antogs).",
        ),
    ] = None,
    output_format: Annotated[
        ProblemFormat, typer.Option("--format", "-f", help="text, json eller github.")
    ] = ProblemFormat.TEXT,
) -> None:
    """Revisorns checklista: mål utan mätbart målvärde eller basvärde, procentmål på andelar
    som inte säger procent eller procentenheter, mål utan bestämt år, nyckeltal som ändrats
    sedan planen antogs (jämfört i git), KF-mål som ingen nämnd tjänar, fler mål än planens
    gräns och mått utan ansvarig; i internkontrollplanen höga risker utan kontroll, godtagna
    risker utan skäl och återkommande avvikelser utan åtgärd. Ett fynd som nämnden godtar
    skrivs med skälet under lint: i planen (eller risken). Slutkod 1 när något hittas."""
    from ..common.problems import Refused
    from ..output.terminal import lint as render
    from ..plan.lint import lint as run_lint

    repository = open_repository_or_exit()
    plans = chosen_plans(repository, plan) if plan else list(repository.plans)
    try:
        if since is not None:
            from ..common.git import check_repository, resolve

            check_repository(HERE)
            since = resolve(HERE, since)
        result = run_lint(HERE, plans, repository.plans, repository.index, since)
    except Refused as error:
        refused(error)
    files = [p.file for p in plans]
    text = {
        ProblemFormat.TEXT: render.to_text,
        ProblemFormat.JSON: render.to_json,
        ProblemFormat.GITHUB: render.to_github,
    }[output_format](result, files)
    typer.echo(text, nl=False)
    for note in result.notes:
        typer.echo(f"vp: {note}", err=True)
    raise typer.Exit(1 if result.findings else 0)
