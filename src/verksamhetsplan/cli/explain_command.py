"""vp explain: how one goal's status was computed."""

from __future__ import annotations

from typing import Annotated

import typer

from . import app
from .common import AsOf, open_repository_or_exit, parse_as_of, usage_error, year_option


@app.command()
def explain(
    goal: Annotated[
        str, typer.Argument(help="Målets id, eller plan-id/mål-id.", show_default=False)
    ],
    year: Annotated[int | None, year_option("målets senast påbörjade år")] = None,
    as_of: AsOf = None,
) -> None:
    """Visa hela beräkningen för ett mål: värdena med period, fil och rad, basvärdet, formeln
    för målvärdet, framsteget, regeln och resultatet."""
    from ..explain import explain as explain_lines
    from ..modelerrors import suggest

    when = parse_as_of(as_of)
    repository = open_repository_or_exit()
    plan_id, _, goal_id = goal.rpartition("/")
    found = [
        (plan_file, g)
        for plan_file in repository.plans
        for g in plan_file.plan.goals
        if g.id == goal_id and (not plan_id or plan_file.plan.id == plan_id)
    ]
    if not found:
        ids = [g.id for p in repository.plans for g in p.plan.goals]
        close = suggest(goal_id, ids)
        usage_error(f"målet {goal!r} finns inte", f"Menade du {close!r}?" if close else None)
    if len(found) > 1:
        usage_error(
            f"flera planer har målet {goal_id!r}",
            "Skriv plan-id/mål-id: " + ", ".join(f"{p.plan.id}/{goal_id}" for p, _ in found),
        )
    plan_file, chosen = found[0]
    years = chosen.years
    if year is None:
        begun = [y for y in years if y <= when.year]
        year = max(begun) if begun else min(years)
    elif year not in years:
        usage_error(
            f"målet {goal_id!r} gäller inte {year}", f"Målet gäller {', '.join(map(str, years))}."
        )
    follow_up = repository.follow_up(plan_file, year, when)
    evaluation = next(e for e in follow_up.evaluations if e.goal.id == goal_id)
    typer.echo("\n".join(explain_lines(evaluation)))
