"""vp explain: how one goal's status was computed."""

from __future__ import annotations

from typing import Annotated

import typer

from . import app
from .common import (
    AsOf,
    FollowUpPeriod,
    open_repository_or_exit,
    parse_as_of,
    parse_period,
    refused,
    usage_error,
    year_option,
)


@app.command()
def explain(
    goal: Annotated[
        str, typer.Argument(help="Målets id, eller plan-id/mål-id.", show_default=False)
    ],
    year: Annotated[int | None, year_option("målets senast påbörjade år")] = None,
    period: FollowUpPeriod = None,
    as_of: AsOf = None,
) -> None:
    """Visa hela beräkningen för ett mål: värdena med period, fil och rad, basvärdet, formeln
    för målvärdet, framsteget, regeln och resultatet."""
    from ..common.problems import Refused
    from ..edit.plans import find
    from ..followup.words import status_words
    from ..output.terminal.explain import explain as explain_lines

    when = parse_as_of(as_of)
    within = parse_period(period, year)
    if within is not None:
        year = int(within[:4])
    repository = open_repository_or_exit()
    try:
        found = find(repository.index, goal, "goal", "målet")
    except Refused as error:
        refused(error)
    plan_file, chosen = found.plan_file, found.value
    goal_id = chosen.id
    years = chosen.years
    if year is None:
        begun = [y for y in years if y <= when.year]
        year = max(begun) if begun else min(years)
    elif year not in years:
        usage_error(
            f"målet {goal_id!r} gäller inte {year}", f"Målet gäller {', '.join(map(str, years))}."
        )
    follow_up = repository.follow_up(plan_file, year, when, within, as_of is not None)
    evaluation = next(e for e in follow_up.evaluations if e.goal.id == goal_id)
    words = status_words(plan_file.plan.follow_up)
    lines = explain_lines(evaluation, words)
    for part in (evaluation, *evaluation.measures):
        compared = follow_up.comparisons.get(part.indicator.id) if part.indicator else None
        if compared is not None:
            from ..followup.words import comparison_text

            lines.append(
                f"Jämförelse (Kolada, {compared.kpi}; plats 1 är bäst, ingen del av "
                f"måluppfyllelsen): {comparison_text(compared, part.indicator.unit)}."
            )
    typer.echo("\n".join(lines))
