"""vp economy: budget, utfall and prognos per verksamhet; explain a unit's figures; import
an ekonomisystem's export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from . import App, app
from .common import (
    AsOf,
    DryRun,
    FollowUpPeriod,
    apply_changes,
    open_repository_for_editing,
    open_repository_or_exit,
    parse_as_of,
    parse_period,
    refused,
    usage_error,
    write_output,
)
from .status_command import Format

economy_app = App(
    help="Ekonomi: budget, utfall och prognos per verksamhet (vp economy status), förklaring "
    "av en verksamhets belopp och inläsning av ekonomisystemets export.",
    no_args_is_help=True,
)
app.add_typer(economy_app, name="economy")

PlanOption = Annotated[str | None, typer.Option("--plan", "-p", help="Bara planen med detta id.")]


def _follow_ups(
    plan: str | None, year: int | None, period: str | None, as_of: str | None
) -> list[Any]:
    from ..common.problems import Refused
    from ..followup.economy import follow_up
    from ..followup.rollup import default_year

    within = parse_period(period, year)
    if within is not None:
        year = int(within[:4])
    when = parse_as_of(as_of)
    repository = open_repository_or_exit()
    chosen = [
        p for p in repository.plans if p.plan.economy is not None and plan in (None, p.plan.id)
    ]
    if not chosen:
        with_economy = [p.plan.id for p in repository.plans if p.plan.economy is not None]
        hint = (
            f"Planer med ekonomi: {', '.join(with_economy)}."
            if with_economy
            else ("Ange economy: units: i nämndens plan och lägg beloppen i economy-data/.")
        )
        refused(Refused("ingen plan med ekonomi passar valet", hint=hint, usage=True))
    found = []
    for plan_file in chosen:
        chosen_year = year if year is not None else default_year(plan_file, when)
        ledger = repository.ledger(plan_file)
        found.append(follow_up(plan_file, ledger, chosen_year, within, when))
    return found


@economy_app.command("status")
def status(
    plan: PlanOption = None,
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="Året (standard: planens innevarande år).")
    ] = None,
    period: FollowUpPeriod = None,
    as_of: AsOf = None,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="table, json, csv eller xlsx.")
    ] = Format.TABLE,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Filen att skriva (krävs för xlsx).")
    ] = None,
    excel: Annotated[
        bool,
        typer.Option("--excel", help="CSV för svenska Excel: semikolon, decimalkomma och BOM."),
    ] = False,
) -> None:
    """Visa ekonomin per verksamhet och för nämnden: budget, utfall och avvikelse för
    perioden, budget och prognos för helåret och avvikelsen (positiv = bättre än budget)."""
    from ..output.economy_records import records
    from ..output.terminal import economy as render

    if output_format is Format.XLSX and output is None:
        usage_error(
            "--format xlsx skriver en fil: ange den med -o", "Till exempel -o ekonomi.xlsx."
        )
    found = [records(f) for f in _follow_ups(plan, year, period, as_of)]
    if output_format is Format.JSON:
        write_output(render.to_json(found), output)
    elif output_format is Format.CSV:
        write_output(render.to_csv(found, excel), output)
    elif output_format is Format.XLSX:
        from ..output.export.economy_workbook import economy_workbook

        write_output(economy_workbook(found), output)
        typer.echo(f"Skrev {output}", err=True)
    else:
        from rich.console import Console

        write_output(render.to_text(found, Console()), output)


@economy_app.command("explain")
def explain(
    unit: Annotated[
        str,
        typer.Argument(metavar="ENHET", help="Verksamhetens id, t.ex. voo.", show_default=False),
    ],
    plan: PlanOption = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="Året.")] = None,
    period: FollowUpPeriod = None,
    as_of: AsOf = None,
) -> None:
    """Visa hur en verksamhets belopp räknades: varje rad i ekonomifilerna med fil och rad,
    budgetens fördelning, utfallet, prognosen och avvikelserna."""
    from ..common.problems import Refused, suggest
    from ..output.economy_records import explained

    for found in _follow_ups(plan, year, period, as_of):
        if any(u.unit.id == unit for u in found.units):
            typer.echo("\n".join(explained(found, unit)))
            return
    every = [u.unit.id for f in _follow_ups(plan, year, period, as_of) for u in f.units]
    close = suggest(unit, every)
    hint = f"Menade du {close!r}?" if close else f"Enheter: {', '.join(every)}."
    refused(Refused(f"enheten {unit!r} finns inte", hint=hint, usage=True))


@economy_app.command("import")
def import_(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FIL...", help="Exporten: .xlsx eller .csv.", show_default=False),
    ],
    plan: PlanOption = None,
    target: Annotated[
        Path | None,
        typer.Option(
            "--to",
            help="Ekonomifilen att skriva i (standard: economy-data/<organisation>/<plan>.csv).",
        ),
    ] = None,
    dry_run: DryRun = False,
) -> None:
    """Läs in ekonomisystemets export (Excel eller CSV) med kolumnerna som planens
    economy: import: anger. Belopp med decimalkomma, tusentalsavgränsare, minus som − eller
    parenteser läses; raderna ersätter samma enhet, period, typ och kontogrupp i filen."""
    from ..common.problems import Refused
    from ..edit.economy_import import import_economy

    for file in files:
        if not file.is_file():
            usage_error(f"filen {file} finns inte")
    repository = open_repository_for_editing()
    try:
        changes = import_economy(repository, files, plan, target)
    except Refused as error:
        refused(error)
    apply_changes(changes, dry_run)
