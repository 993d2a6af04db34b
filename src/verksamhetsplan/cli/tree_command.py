"""vp tree: fullmäktige's goals through every board, down to measures and activities."""

from __future__ import annotations

import json
import shutil
from enum import StrEnum
from typing import Annotated

import typer

from . import app
from .common import (
    AsOf,
    FollowUpPeriod,
    open_repository_or_exit,
    parse_as_of,
    parse_period,
    usage_error,
    year_option,
)


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


@app.command()
def tree(
    year: Annotated[int | None, year_option("KF-planens senast påbörjade år")] = None,
    period: FollowUpPeriod = None,
    plan: Annotated[
        str | None, typer.Option("--plan", "-p", help="KF- eller KS-planen (standard: alla).")
    ] = None,
    council_goal: Annotated[
        str | None,
        typer.Option("--council-goal", "-k", metavar="KF-MÅL", help="Bara detta KF-mål (dess id)."),
    ] = None,
    board: Annotated[
        str | None, typer.Option("--board", "-b", help="Bara denna nämnd (namn eller del av).")
    ] = None,
    as_of: AsOf = None,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="text för terminalen eller json.")
    ] = Format.TEXT,
) -> None:
    """Visa kedjan från kommunfullmäktiges mål genom varje nämnds områden och mål till mått
    och aktiviteter, med status, och KF-mål som ingen nämnd tjänar."""
    from ..followup.council import council_chains, council_plans, for_board
    from ..followup.rollup import default_year
    from ..output.terminal.tree import tree_record, tree_text

    when = parse_as_of(as_of)
    within = parse_period(period, year)
    if within is not None:
        year = int(within[:4])
    repository = open_repository_or_exit()
    councils = [p for p in council_plans(repository.plans) if plan in (None, p.plan.id)]
    if not councils:
        known = ", ".join(p.plan.id for p in council_plans(repository.plans)) or "inga"
        usage_error(f"ingen KF- eller KS-plan {plan or ''}".strip(), f"KF-planer: {known}.")
    chains = []
    chosen_year = year if year is not None else default_year(councils[-1], when)
    councils = [p for p in councils if chosen_year in p.plan.period.years]
    if not councils:
        usage_error(f"ingen KF- eller KS-plan gäller {chosen_year}")
    follow_ups = repository.follow_ups_of_year(chosen_year, when, within, as_of is not None)
    for council in councils:
        chains += council_chains(council, follow_ups)
    if council_goal is not None:
        chains = [c for c in chains if council_goal in (c.council_goal.id, c.ref)]
        if not chains:
            usage_error(f"KF-målet {council_goal!r} finns inte")
    if board is not None:
        chains = for_board(chains, board)
    if output_format is Format.JSON:
        typer.echo(json.dumps(tree_record(chains, chosen_year), ensure_ascii=False))
    else:
        typer.echo(tree_text(chains, shutil.get_terminal_size((80, 24)).columns), nl=False)
