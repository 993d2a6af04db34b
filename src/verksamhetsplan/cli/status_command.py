"""vp status: where each goal stands."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from . import app
from .common import AsOf, open_repository_or_exit, parse_as_of, usage_error, year_option


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


@app.command()
def status(
    year: Annotated[int | None, year_option("planens senast påbörjade år")] = None,
    plan: Annotated[
        str | None, typer.Option("--plan", "-p", help="Bara planen med detta id.")
    ] = None,
    area: Annotated[
        str | None,
        typer.Option("--area", "-a", help="Bara målen i detta område (med underområden)."),
    ] = None,
    as_of: AsOf = None,
    output_format: Annotated[
        Format,
        typer.Option(
            "--format", "-f", help="table för terminalen, json eller csv för andra verktyg."
        ),
    ] = Format.TABLE,
) -> None:
    """Visa var varje mål står: basvärde, målvärde, utfall, status, trend och framsteg, per område.

    Planer och data kontrolleras först; med fel i dem beräknas ingenting (slutkod 1).
    """
    from ..repository import NotFound
    from ..statusview import render_table, to_csv, to_json

    when = parse_as_of(as_of)
    repository = open_repository_or_exit()
    try:
        chosen = [repository.plan(plan)] if plan else repository.with_goals()
    except NotFound:
        usage_error(
            f"planen {plan!r} finns inte",
            "Planernas id: " + ", ".join(p.plan.id for p in repository.plans),
        )
    follow_ups = []
    for plan_file in chosen:
        if (
            year is not None
            and not plan_file.plan.period.start <= year <= plan_file.plan.period.end
        ):
            if plan:
                p = plan_file.plan.period
                usage_error(f"{year} ligger utanför planperioden {p.start}–{p.end}")
            continue
        follow_up = repository.follow_up(plan_file, year, when)
        if area:
            matching = [a for a in follow_up.areas if a.area.id == area]
            if not matching:
                continue
            follow_up.evaluations = matching[0].evaluations
            follow_up.areas = [a for a in follow_up.areas if a.area.id == area or a in matching]
            from ..followup import Tally

            follow_up.tally = Tally.of([e.status for e in follow_up.evaluations])
            follow_up.areas[0].depth = 0
        follow_ups.append(follow_up)
    if not follow_ups:
        usage_error("inga mål att visa för det valda året, planen eller området")
    if output_format is Format.JSON:
        typer.echo(to_json(follow_ups), nl=False)
    elif output_format is Format.CSV:
        typer.echo(to_csv(follow_ups), nl=False)
    else:
        from rich.console import Console

        render_table(follow_ups, Console())
