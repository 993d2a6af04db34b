"""vp report: the follow-up report for the nämnd, as HTML or Markdown."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import app
from .common import (
    AsOf,
    chosen_plans,
    guard_output,
    open_repository_or_exit,
    parse_as_of,
    usage_error,
    write_output,
)


class Format(StrEnum):
    HTML = "html"
    MD = "md"


@app.command()
def report(
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            help="Året som rapporten följer upp (standard: varje plans senast påbörjade år).",
        ),
    ] = None,
    plan: Annotated[
        str | None, typer.Option("--plan", "-p", help="Planen (standard: alla planer för året).")
    ] = None,
    as_of: AsOf = None,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="html (för utskick och PDF) eller md.")
    ] = Format.HTML,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Fil att skriva (standard: reports/<plan>-<år>); - för standard ut.",
        ),
    ] = None,
) -> None:
    """Skriv uppföljningsrapporten till nämnden: sammanfattning, målen per område, nyckeltal,
    aktiviteter, KF-målen och metoden, på svenska.

    En egen mall i planförrådets templates/ ersätter den inbyggda med samma namn.
    """
    guard_output(output)
    from jinja2 import TemplateError

    from ..followup.rollup import default_year
    from ..output.report import (
        TemplateOutside,
        build,
        plan_revision,
        render,
        template_error,
    )

    when = parse_as_of(as_of)
    repository = open_repository_or_exit()
    candidates = chosen_plans(repository, plan)
    years = {id(p): year if year is not None else default_year(p, when) for p in candidates}
    chosen = [p for p in candidates if years[id(p)] in p.plan.period.years]
    if not chosen:
        usage_error(f"ingen plan med mål gäller {year}")
    if output is not None and str(output) != "-" and len(chosen) > 1:
        usage_error(
            "flera planer gäller året; välj en med --plan när du anger -o",
            "Planer: " + ", ".join(p.plan.id for p in chosen),
        )
    for plan_file in chosen:
        period = plan_file.plan.period
        year_of_plan = years[id(plan_file)]
        given = as_of is not None
        follow_ups = [
            repository.follow_up(plan_file, y, when, as_of_given=given) for y in period.years
        ]
        lookup = repository.lookup_for(plan_file, set(range(period.start - 1, period.end + 1)))
        context = build(follow_ups, year_of_plan, lookup, plan_revision(Path(plan_file.file)))
        try:
            text = render(context, output_format.value, Path("templates"))
        except TemplateOutside as error:
            typer.echo(
                f"vp: mallen {error.path} är en länk till en fil utanför planförrådet och "
                "läses inte; ingen rapport skrevs.",
                err=True,
            )
            raise typer.Exit(1) from None
        except TemplateError as error:  # the sandbox's SecurityError too
            typer.echo(template_error(error), err=True)
            typer.echo("vp: fel i rapportmallen; ingen rapport skrevs.", err=True)
            raise typer.Exit(1) from None
        name = f"{plan_file.plan.id}-{year_of_plan}.{output_format.value}"
        target = output or Path("reports") / name
        write_output(text, target)
        if str(target) != "-":
            typer.echo(f"Skrev {target}", err=True)
