"""vp data add and vp data import: record indicator values without editing CSV by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from . import App, app
from .common import (
    DryRun,
    Quiet,
    apply_changes,
    gender_option,
    inside_repository,
    open_repository_for_editing,
    open_repository_or_exit,
    progress_bar,
    refused,
    text_option,
    usage_error,
)

data_app = App(
    help="Registrera nyckeltalsvärden: ett i taget, från Kolada-filer eller över Koladas API.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(data_app, name="data")

FileOption = Annotated[
    Path | None,
    typer.Option(
        "--file",  # no -f: that is --format in every command
        help="Datafilen att skriva i; standard: filen som redan har nyckeltalets värden.",
    ),
]


@data_app.command("add")
def add(
    indicator: Annotated[str, typer.Argument(help="Nyckeltalets id.", show_default=False)],
    period: Annotated[
        str, typer.Argument(help="Perioden, t.ex. 2018, 2018-03, 2018-Q1.", show_default=False)
    ],
    value: Annotated[
        str, typer.Argument(help="Värdet, med decimalkomma eller punkt.", show_default=False)
    ],
    gender: Annotated[
        str, typer.Option("--gender", "-g", help="Kön: K, M eller T (totalt).")
    ] = "T",
    note: Annotated[str, typer.Option("--note", help="Kommentar på raden, om den är ny.")] = "",
    file: FileOption = None,
    dry_run: DryRun = False,
) -> None:
    """Registrera ett värde: läggs till i rätt datafil, eller ersätter värdet för samma
    period och kön (vp säger vilket). Filens avgränsare, decimaltecken och teckenkodning
    behålls."""
    from ..common.problems import Refused
    from ..edit.data import add_value

    chosen = gender_option(gender)
    note = text_option(note, "--note") or ""
    outside_file(file)
    repository = open_repository_for_editing()
    try:
        changes = add_value(repository, indicator, period.strip(), value, chosen, file, note)
    except Refused as error:
        refused(error)
    apply_changes(changes, dry_run)


@data_app.command("remove")
def remove_(
    indicator: Annotated[str, typer.Argument(help="Nyckeltalets id.", show_default=False)],
    period: Annotated[str, typer.Argument(help="Perioden, t.ex. 2018-03.", show_default=False)],
    gender: Annotated[
        str, typer.Option("--gender", "-g", help="Kön: K, M eller T (totalt).")
    ] = "T",
    file: FileOption = None,
    dry_run: DryRun = False,
) -> None:
    """Ta bort ett felaktigt värde: raden för nyckeltalet, perioden och könet tas ur sin
    datafil, och allt annat i filen lämnas orört."""
    from ..common.problems import Refused
    from ..edit.data import remove_value

    chosen = gender_option(gender)
    outside_file(file)
    repository = open_repository_for_editing()
    try:
        changes = remove_value(repository, indicator, period.strip(), chosen, file)
    except Refused as error:
        refused(error)
    apply_changes(changes, dry_run)


@data_app.command("import")
def import_(
    sources: Annotated[
        list[Path],
        typer.Argument(
            metavar="FIL…",
            help="Svar från Koladas API (v2 eller v3, JSON), Kolada-exporter (CSV) eller "
            "Excel-arbetsböcker (.xlsx); flera filer går bra.",
            show_default=False,
        ),
    ],
    kommun: Annotated[
        str | None,
        typer.Option("--kommun", help="Kommunens id hos Kolada (t.ex. 1862), om filen har flera."),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet", metavar="BLAD", help="Bladet i en Excel-arbetsbok (standard: det första)."
        ),
    ] = None,
    file: FileOption = None,
    quiet: Quiet = False,
    dry_run: DryRun = False,
) -> None:
    """Läs in värden från Kolada till de nyckeltal vars source.kolada är KPI:ns id. Visar vad
    som lades till, ändrades och hoppades över; att köra samma import igen ändrar ingenting."""
    from ..common.problems import Refused
    from ..edit.kolada import import_kolada

    for source in sources:
        if not source.is_file():
            refused(Refused(f"filen {source} finns inte", usage=True))
    outside_file(file)
    repository = open_repository_for_editing()
    try:
        with progress_bar("Skriver in värdena") as progress:
            report = import_kolada(repository, sources, kommun, file, sheet, progress)
    except Refused as error:
        refused(error)
    apply_changes(report.changes, dry_run)
    if not dry_run:
        _summary(report, quiet)


def _summary(report: Any, quiet: bool = False) -> None:
    from ..common.swedish import printable

    counts = report.counts
    typer.echo(
        f"{report.source}: {counts['added']} tillagda, {counts['replaced']} ändrade, "
        f"{counts['unchanged']} redan aktuella, {sum(report.skipped.values())} överhoppade."
    )
    for why, count in [] if quiet else sorted(report.skipped.items()):
        # the reasons quote the server's and the file's words: shown, never obeyed
        typer.echo(printable(f"  överhoppat ({count}): {why}"))


@data_app.command("fetch")
def fetch(
    plan: Annotated[
        str | None, typer.Option("--plan", "-p", help="Planen (standard: alla med Kolada-id).")
    ] = None,
    kommun: Annotated[
        str | None,
        typer.Option("--kommun", help="Kommunens id hos Kolada, om planen inte anger kolada_id."),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option(
            "--api-url",
            metavar="URL",
            help="Koladas API (standard: https://api.kolada.se/v3, eller VP_KOLADA_URL), "
            "t.ex. en spegel bakom kommunens proxy.",
        ),
    ] = None,
    compare: Annotated[
        bool,
        typer.Option(
            "--compare",
            help="Hämta också alla kommuners värden och jämförelsegruppens medlemmar "
            "(follow_up.compare_with), för jämförelsen i status och rapporter.",
        ),
    ] = False,
    file: FileOption = None,
    quiet: Quiet = False,
    dry_run: DryRun = False,
) -> None:
    """Hämta värden från Koladas API för planernas nyckeltal med Kolada-id (source.kolada):
    kommunens (kolada_id i planen, eller --kommun) värden för planperiodens år och basåret.
    Alla sidor hämtas; värdena skrivs som med vp data import, och att hämta igen ändrar
    ingenting."""
    from ..common.problems import Refused
    from ..edit.fetch import fetch_for_plans, fetched_changes

    outside_file(file)
    repository = open_repository_or_exit()
    try:
        fetched = fetch_for_plans(repository, plan, kommun, url, compare, typer.echo)
    except Refused as error:
        refused(error)
    # Only now, with the answers in hand, is the repository held, and read again as it is.
    repository = open_repository_for_editing()
    try:
        report = fetched_changes(repository, fetched, kommun, file)
    except Refused as error:
        refused(error)
    apply_changes(report.changes, dry_run)
    if not dry_run:
        _summary(report, quiet)


def outside_file(file: Path | None) -> None:
    """--file names a data file of this repository, never one elsewhere on the disk."""
    if file is not None and not inside_repository(file):
        usage_error(
            f"--file {file} ligger utanför planförrådet",
            "Ange en datafil under indicators-data/ i förrådet.",
        )
