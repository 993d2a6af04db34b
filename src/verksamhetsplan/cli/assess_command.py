"""vp assess: record a person's judgement of a goal in the plan file."""

from __future__ import annotations

from typing import Annotated

import typer

from . import app
from .common import (
    DryRun,
    apply_changes,
    open_repository_for_editing,
    parse_record_date,
    refused,
    text_option,
    usage_error,
)


@app.command()
def assess(
    goal: Annotated[
        str, typer.Argument(help="Målets id, eller plan-id/mål-id.", show_default=False)
    ],
    status: Annotated[
        str,
        typer.Option(
            "--status",
            "-s",
            help="achieved, partial, not_achieved eller no_data (eller uppnått, delvis, "
            "ej uppnått, ej mätbart).",
            show_default=False,
        ),
    ],
    comment: Annotated[
        str, typer.Option("--comment", "-c", help="Analys och kommentar.", show_default=False)
    ],
    year: Annotated[
        int | None,
        typer.Option(
            "--year", "-y", help="Året bedömningen avser (behövs bara för mål med flera år)."
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option("--period", help="En del av året i stället, t.ex. 2018-T2 eller 2018-Q3."),
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason", help="Skälet, när bedömningen avviker från den beräknade statusen."
        ),
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Vem som bedömer.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Bedömningens datum (ÅÅÅÅ-MM-DD); standard: i dag.")
    ] = None,
    dry_run: DryRun = False,
) -> None:
    """Skriv in en bedömning av ett mål i planfilen: ett milstolpsmål som uppnått, eller en
    bedömning som avviker från den beräknade statusen (kräver --reason). En tidigare
    bedömning för samma period står kvar och gäller för tiden före den nya; bara en från
    samma dag ersätts."""
    from ..common.problems import Refused
    from ..data.periods import follow_up_period
    from ..edit.plans import assess as assess_goal
    from ..edit.plans import find

    if year is not None and period is not None:
        usage_error("ange antingen --year eller --period", "--period anger också året.")
    comment = text_option(comment, "--comment", multiline=True) or ""
    reason = text_option(reason, "--reason", multiline=True)
    by = text_option(by, "--by")
    chosen = None
    if year is not None or period is not None:
        chosen = follow_up_period(str(year) if period is None else period)
        if chosen is None:
            usage_error(
                f"perioden {period!r} är ingen period",
                "Skriv 2018, 2018-T2 (delåret, även 2018-delår), 2018-Q3, 2018-H1 eller 2018-03.",
            )
    when = parse_record_date(date)
    repository = open_repository_for_editing()
    try:
        if chosen is None:
            # A goal of one year needs no --year; one of several years does.
            years = find(repository.index, goal, "goal", "målet").value.years
            if len(years) > 1:
                usage_error(
                    f"målet {goal!r} gäller {', '.join(map(str, years))}; ange vilket år",
                    f"Till exempel --year {years[0]}.",
                )
            chosen = str(years[0])
        change = assess_goal(repository, goal, chosen, status, comment, reason, by, when)
    except Refused as error:
        refused(error)
    apply_changes([change], dry_run)
