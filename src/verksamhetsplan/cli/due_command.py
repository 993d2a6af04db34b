"""vp due: what must be done before a period's report; exit 1 when something is."""

from __future__ import annotations

from typing import Annotated

import typer

from . import app
from .common import ProblemFormat, any_period, chosen_plans, open_repository_or_exit, parse_as_of


@app.command()
def due(
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="Rapportens period: 2018-T2 (delåret), 2018-Q3, 2018-05 eller 2018 (helåret); "
            "standard: planens innevarande år.",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Aktiviteter ska ha en uppföljning från detta datum (ÅÅÅÅ-MM-DD); standard: "
            "periodens första dag.",
        ),
    ] = None,
    plan: Annotated[str | None, typer.Option("--plan", "-p", help="Bara denna plan.")] = None,
    output_format: Annotated[
        ProblemFormat, typer.Option("--format", "-f", help="text, json eller github.")
    ] = ProblemFormat.TEXT,
) -> None:
    """Visa vad som måste göras före en periods rapport: värden som saknas för perioder som
    har slutat, mål utan bedömning eller analys, aktiviteter utan uppföljning sedan ett
    datum, mål och mått utan ansvarig, och i internkontrollplanen kontroller utan resultat
    och försenade åtgärder. Slutkod 1 när något återstår, så att ett CI-jobb kan påminna."""
    import datetime as dt

    from ..followup.due import due as find_due
    from ..output.terminal import due as render

    chosen = None
    if period is not None:
        chosen = any_period(period)
    since = parse_as_of(date, "--date") if date is not None else None
    repository = open_repository_or_exit()
    plans = [p for p in chosen_plans(repository, plan) if p.plan.goals or p.plan.activities]
    found = find_due(repository, plans, chosen, since, dt.date.today())
    text = {
        ProblemFormat.TEXT: render.to_text,
        ProblemFormat.JSON: render.to_json,
        ProblemFormat.GITHUB: render.to_github,
    }[output_format](found)
    typer.echo(text, nl=False)
    raise typer.Exit(1 if any(p.items for p in found) else 0)
