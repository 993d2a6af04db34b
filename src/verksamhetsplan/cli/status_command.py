"""vp status: where each goal stands."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from . import app
from .common import (
    AsOf,
    FollowUpPeriod,
    guard_output,
    open_repository_or_exit,
    parse_as_of,
    parse_period,
    refused,
    usage_error,
    write_output,
    year_option,
)


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


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
    period: FollowUpPeriod = None,
    as_of: AsOf = None,
    output_format: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="table för terminalen, json eller csv för andra verktyg, xlsx för Excel.",
        ),
    ] = Format.TABLE,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Filen att skriva (krävs för xlsx)."),
    ] = None,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help="CSV för svenska Excel: semikolon, decimalkomma och UTF-8 med BOM.",
        ),
    ] = False,
) -> None:
    """Visa var varje mål står: basvärde, målvärde, utfall, status, trend och framsteg, per område.

    Med --period (t.ex. 2018-T2) visas utfallet hittills, prognosen för helåret och
    prognosbedömningen (bedöms uppnås) bredvid den uppmätta statusen.

    Planer och data kontrolleras först; med fel i dem beräknas ingenting (slutkod 1).
    """
    from ..common.parallel import map_in_halves
    from ..common.problems import Refused
    from ..followup.rollup import PlanFollowUp, restrict_to_area
    from ..followup.select import status_plans
    from ..output.export.status import csv_rows, plan_record, to_csv, to_json
    from ..output.terminal.status_table import table_text
    from ..plan.load import PlanFile

    if excel and output_format is not Format.CSV:
        usage_error("--excel gäller bara --format csv")
    if output_format is Format.XLSX and output is None:
        usage_error("--format xlsx skriver en fil: ange den med -o", "Till exempel -o status.xlsx.")
    guard_output(output)
    when = parse_as_of(as_of)
    within = parse_period(period, year)
    if within is not None:
        year = int(within[:4])
    repository = open_repository_or_exit()
    try:
        chosen = status_plans(repository, plan, year, area)
    except Refused as error:
        refused(error)
    console: Any = None
    if output_format is Format.TABLE:
        from rich.console import Console

        console = Console()

    def render(follow_up: PlanFollowUp) -> Any:
        if output_format in (Format.JSON, Format.XLSX):
            return plan_record(follow_up)
        if output_format is Format.CSV:
            return csv_rows(follow_up)
        return table_text(follow_up, console)

    def work(plan_files: Sequence[PlanFile]) -> list[Any]:
        rendered = []
        for plan_file in plan_files:
            follow_up: PlanFollowUp | None = repository.follow_up(
                plan_file, year, when, within, as_of is not None
            )
            if area and follow_up is not None:
                follow_up = restrict_to_area(follow_up, area)
            if follow_up is not None:
                rendered.append(render(follow_up))
        return rendered

    # A council plan without goals of its own (fullmäktige's): what the boards contribute.
    councils = [p for p in chosen if p.plan.council_goals and not p.plan.goals]
    chosen = [p for p in chosen if p not in councils]
    parts = map_in_halves(chosen, work)  # two processes at national scale
    if councils and output_format in (Format.TABLE, Format.JSON):
        parts += _council_parts(repository, councils, year, when, within, output_format)
    if not parts:
        usage_error("inga mål att visa för det valda året, planen eller området")
    if output_format is Format.XLSX:
        from ..output.export.workbook import status_workbook

        write_output(status_workbook(parts), output)
        typer.echo(f"Skrev {output}", err=True)
        return
    if output_format is Format.JSON:
        text = to_json(parts)
    elif output_format is Format.CSV:
        text = to_csv([row for rows in parts for row in rows], excel)
    else:
        text = "".join(parts)
    write_output(text, output)


def _council_parts(
    repository: Any,
    councils: list[Any],
    year: int | None,
    when: Any,
    within: str | None,
    output_format: Format,
) -> list[Any]:
    """The council plans' goals with every board's contribution, as vp tree shows them."""
    import shutil

    from ..followup.council import council_chains
    from ..followup.rollup import default_year
    from ..output.terminal.tree import tree_record, tree_text

    parts: list[Any] = []
    for council in councils:
        chosen_year = year if year is not None else default_year(council, when)
        follow_ups = repository.follow_ups_of_year(chosen_year, when, within)
        chains = council_chains(council, follow_ups)
        if output_format is Format.JSON:
            record = tree_record(chains, chosen_year)["council_plans"][0]
            parts.append({**record, "title": council.plan.title, "goals": []})
        else:
            parts.append(tree_text(chains, shutil.get_terminal_size((80, 24)).columns))
    return parts
