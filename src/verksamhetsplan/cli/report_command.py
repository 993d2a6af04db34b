"""vp report: the follow-up report for the nämnd, as HTML, Markdown, Word or PDF."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from . import app
from .common import (
    HERE,
    AsOf,
    FollowUpPeriod,
    guard_output,
    guard_publication,
    open_repository_or_exit,
    parse_as_of,
    parse_period,
    refused,
    say_withheld,
    usage_error,
    write_output,
)


class Format(StrEnum):
    HTML = "html"
    MD = "md"
    DOCX = "docx"
    PDF = "pdf"


@app.command()
def report(
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            help="Året som rapporten följer upp: verksamhetsberättelsen eller årsredovisningen "
            "(standard: varje plans senast påbörjade år).",
        ),
    ] = None,
    period: FollowUpPeriod = None,
    plan: Annotated[
        str | None, typer.Option("--plan", "-p", help="Planen (standard: alla planer för året).")
    ] = None,
    as_of: AsOf = None,
    output_format: Annotated[
        Format,
        typer.Option("--format", "-f", help="html (webben), md (Markdown), docx (Word) eller pdf."),
    ] = Format.HTML,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="Kommunens egen Word-mall (.docx) med formatmallar, typsnitt och logotyp; "
            "standard: templates/report.docx i planförrådet om den finns.",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Avbryt när analys saknas för ett område eller mål under perioden."
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Fil att skriva (standard: reports/<plan>-<period>.<format>); - för standard ut.",
        ),
    ] = None,
) -> None:
    """Skriv uppföljningsrapporten till nämnden: sammanfattning, förvaltningens analys,
    målen per område, nyckeltal, aktiviteter, KF-målen och metoden, på svenska.

    Med --period (t.ex. 2018-T2) blir det en delårsrapport med utfallet hittills och
    prognosen för helåret. Förvaltningens analys läses ur analyses/<plan>/<period>.md.
    En egen mall i planförrådets templates/ ersätter den inbyggda med samma namn.
    """
    guard_output(output)
    within = parse_period(period, year)
    if within is not None:
        year = int(within[:4])
    if template is not None and output_format is not Format.DOCX:
        usage_error("--template gäller bara --format docx")
    if template is not None and not template.is_file():
        usage_error(f"Word-mallen {template} finns inte")

    from ..common.problems import Refused
    from ..followup.select import report_plans

    when = parse_as_of(as_of)
    repository = open_repository_or_exit()
    repository.published = True
    try:
        chosen = report_plans(repository, plan, year, when)
    except Refused as error:
        refused(error)
    if output is not None and str(output) != "-" and len(chosen) > 1:
        usage_error(
            "flera planer gäller året; välj en med --plan när du anger -o",
            "Planer: " + ", ".join(p.plan.id for p, _ in chosen),
        )
    own = HERE / "templates" / "report.docx"
    if output_format is Format.DOCX and template is None and own.is_file():
        template = own
    for plan_file, plan_year in chosen:
        _one_report(
            repository,
            plan_file,
            plan_year,
            within,
            when,
            as_of,
            strict,
            output_format,
            template,
            output,
        )
    say_withheld(repository)


def _one_report(
    repository: Any,
    plan_file: Any,
    year: int,
    within: str | None,
    when: Any,
    as_of: str | None,
    strict: bool,
    output_format: Format,
    template: Path | None,
    output: Path | None,
) -> None:
    from ..followup.control import control_plans
    from ..output.report.context import build, plan_revision

    council = bool(plan_file.plan.council_goals and not plan_file.plan.goals)
    # the internkontrollplaner the report shows: the board's for the year, or every board's
    controls = [
        c
        for c in control_plans(HERE)
        if c.plan.year == year and (council or c.plan.plan == plan_file.plan.id)
    ]
    guard_publication([plan_file, *(repository.with_goals() if council else []), *controls])
    if council:
        _council_report(
            repository,
            plan_file,
            year,
            within,
            when,
            as_of,
            output_format,
            template,
            output,
            controls,
        )
        return
    from ..followup.select import report_follow_ups

    follow_ups = report_follow_ups(repository, plan_file, year, within, when, as_of is not None)
    analysis = _analysis(plan_file, follow_ups[-1], within or str(year), strict)
    lookup = repository.lookup_for(plan_file, set(range(plan_file.plan.period.start - 1, year + 1)))
    economy = None
    if plan_file.plan.economy is not None:
        from ..followup.economy import follow_up

        economy = follow_up(plan_file, repository.ledger(plan_file), year, within, when)
    context = build(
        follow_ups, year, lookup, plan_revision(Path(plan_file.file)), analysis, controls, economy
    )
    if context["economy_warning"]:
        typer.echo(f"vp: varning: {context['economy_warning']}", err=True)
    content = _render(context, output_format, template)
    _write(content, plan_file, within or str(year), output_format, output)


def _council_report(
    repository: Any,
    plan_file: Any,
    year: int,
    within: str | None,
    when: Any,
    as_of: str | None,
    output_format: Format,
    template: Path | None,
    output: Path | None,
    controls: list[Any],
) -> None:
    """Kommunstyrelsens målavstämning: what every board does for the council's goals, and
    the sammanställning of every board's internal control."""
    from ..followup.council import council_chains
    from ..output.report.council import build_council

    follow_ups = repository.follow_ups_of_year(year, when, within, as_of is not None)
    context = build_council(plan_file, council_chains(plan_file, follow_ups), year, within)
    from ..output.report.control_context import council_summary

    organisation = plan_file.plan.organisation
    context["internal_control"] = council_summary(controls, organisation, year, when, within)
    from ..followup.good_management import judge
    from ..output.report.good_management import good_management_context

    rule = plan_file.plan.good_management
    context["good_management"] = good_management_context(
        judge(plan_file, repository, follow_ups, year, within, when), rule.text if rule else None
    )
    content = _render(context, output_format, template, council=True)
    _write(content, plan_file, within or str(year), output_format, output)


def _write(
    content: Any, plan_file: Any, period: str, output_format: Format, output: Path | None
) -> None:
    target = output or Path("reports") / f"{plan_file.plan.id}-{period}.{output_format.value}"
    write_output(content, target)
    if str(target) != "-":
        typer.echo(f"Skrev {target}", err=True)


def _analysis(plan_file: Any, follow_up: Any, key: str, strict: bool) -> Any:
    """The period's analysis; what it lacks is listed, and with --strict stops the report."""
    from ..common.problems import CheckResult
    from ..followup.select import report_analysis
    from ..output.terminal.problems import to_text

    found = report_analysis(HERE, plan_file, follow_up, key, strict)
    if found.broken:
        typer.echo(to_text(CheckResult([found.path], found.broken)), err=True, nl=False)
        typer.echo("vp: rätta analysen först; ingen rapport skrevs.", err=True)
        raise typer.Exit(1)
    said = [p for p in (found.stale, found.lacking) if p is not None]
    if said:  # one list, one summary line
        typer.echo(to_text(CheckResult([found.path], said)), err=True, nl=False)
    if found.lacking is not None and strict:
        typer.echo("vp: --strict: ingen rapport skrevs.", err=True)
        raise typer.Exit(1)
    return found.analysis


def _render(
    context: dict[str, Any], output_format: Format, template: Path | None, council: bool = False
) -> Any:
    """The report in its format; every problem with a template is a Swedish message."""
    from jinja2 import TemplateError

    from ..common.problems import Refused
    from ..output.report.render import TemplateFailure, render, template_failure

    try:
        if output_format is Format.DOCX:
            from ..output.report.word import to_docx

            notes: list[str] = []
            if council:
                from ..output.report.word_council import council_to_docx

                document = council_to_docx(context, template, notes)
            else:
                method = render(context, "text", HERE / "templates").strip()
                document = to_docx({**context, "method_text": method}, template, notes)
            for note in notes:
                typer.echo(f"vp: {note}.", err=True)
            return document
        kind = ("council-" if council else "") + ("md" if output_format is Format.MD else "html")
        text = render(context, kind, HERE / "templates")
        if output_format is Format.PDF:
            from ..output.report.pdf import to_pdf

            return to_pdf(text)
        return text
    except Refused as error:
        typer.echo(f"vp: {error.message}; ingen rapport skrevs.", err=True)
        if error.hint:
            typer.echo(f"    tips: {error.hint}", err=True)
        raise typer.Exit(1) from None
    except (TemplateFailure, TemplateError) as error:  # the sandbox's SecurityError too
        typer.echo(template_failure(error), err=True)
        typer.echo("vp: fel i rapportmallen; ingen rapport skrevs.", err=True)
        raise typer.Exit(1) from None
