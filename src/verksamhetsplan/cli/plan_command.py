"""vp plan revise and vp plan next: the plan's yearly revision and the next period's plan."""

from __future__ import annotations

from typing import Annotated

import typer

from . import App, app
from .common import DryRun, change_files, parse_record_date, text_option

plan_app = App(
    help="Planens årscykel: skriv in en revidering, skriv nästa periods plan.",
    no_args_is_help=True,
)
app.add_typer(plan_app, name="plan")

PlanArg = Annotated[
    str | None,
    typer.Argument(metavar="[PLAN]", help="Planens id (behövs när det finns flera planer)."),
]


@plan_app.command("revise")
def revise(
    plan: PlanArg = None,
    note: Annotated[
        str, typer.Option("--note", help="Vad revideringen ändrade.", show_default=False)
    ] = "",
    reference: Annotated[
        str | None, typer.Option("--reference", help="Beslutet, t.ex. 'SN § 87' eller ett dnr.")
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Vem som beslutade.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Beslutsdatum (ÅÅÅÅ-MM-DD); standard: i dag.")
    ] = None,
    dry_run: DryRun = False,
) -> None:
    """Skriv in en revidering i planen (datum, vad som ändrades, beslutet). Ändra först målen
    med `vp goal edit`; `vp diff` och rapporten visar revideringen."""
    from ..common.problems import Refused
    from ..edit.plan_cycle import revise as revise_plan
    from .common import refused

    text = text_option(note, "--note", multiline=True) or ""
    if not text.strip():
        refused(Refused("revideringen behöver --note: vad som ändrades", usage=True))
    day = parse_record_date(date)
    reference = text_option(reference, "--reference")
    by = text_option(by, "--by")
    change_files(
        lambda repository: revise_plan(repository, plan, day, text, reference, by), dry_run
    )


@plan_app.command("next")
def next_(
    plan: PlanArg = None,
    all_goals: Annotated[
        bool, typer.Option("--all-goals", help="Ta med milstolpsmålen också.")
    ] = False,
    dry_run: DryRun = False,
) -> None:
    """Skriv nästa periods plan från den här: områden, nyckeltal och återkommande mål (de som
    mäts med nyckeltal) följer med med nya id och år, och basvärdena kedjas till föregående
    periods utfall. Bedömningar och aktiviteternas historik stannar i den gamla planen."""
    import datetime as dt

    from ..edit.plan_cycle import next_plan

    today = dt.date.today()
    change_files(lambda repository: next_plan(repository, plan, today, all_goals), dry_run)
