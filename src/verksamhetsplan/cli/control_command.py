"""vp control: the internkontrollplan's follow-up: status, results, actions and the report."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from . import App, app
from .common import (
    HERE,
    AsOf,
    DryRun,
    FollowUpPeriod,
    apply_changes,
    guard_output,
    guard_publication,
    open_repository_for_editing,
    open_repository_or_exit,
    parse_as_of,
    parse_period,
    parse_record_date,
    refused,
    text_option,
    usage_error,
    write_output,
)
from .report_command import Format as ReportFormat

control_app = App(
    help="Intern kontroll: internkontrollplanens risker, kontroller, resultat och åtgärder.",
    no_args_is_help=True,
)
app.add_typer(control_app, name="control")

PlanOption = Annotated[
    str | None,
    typer.Option(
        "--plan", "-p", help="Internkontrollplanens id, eller id:t för nämndens verksamhetsplan."
    ),
]


class StatusFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def _chosen(plan: str | None, year: int | None) -> list[Any]:
    from ..common.problems import Refused
    from ..followup.control import chosen

    open_repository_or_exit()  # plans and data valid first, as for every computation
    try:
        return chosen(HERE, plan, year)
    except Refused as error:
        refused(error)


@control_app.command("status")
def status(
    plan: PlanOption = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="Året.")] = None,
    period: FollowUpPeriod = None,
    as_of: AsOf = None,
    output_format: Annotated[
        StatusFormat, typer.Option("--format", "-f", help="table eller json.")
    ] = StatusFormat.TABLE,
) -> None:
    """Visa internkontrollplanens uppföljning: riskmatrisen, varje risk med värde och beslut,
    varje kontroll med resultat per period, avvikelser och åtgärder."""
    from ..followup.control import follow_up
    from ..output.control_records import records
    from ..output.terminal.control import to_json, to_text

    within = parse_period(period, year)
    if within is not None:
        year = int(within[:4])
    when = parse_as_of(as_of)
    found = [records(follow_up(c, when, within)) for c in _chosen(plan, year)]
    if output_format is StatusFormat.JSON:
        typer.echo(to_json(found), nl=False)
        return
    from rich.console import Console

    typer.echo(to_text(found, Console()), nl=False)


@control_app.command("result")
def result(
    control: Annotated[
        str,
        typer.Argument(
            metavar="KONTROLL",
            help="Kontrollens id (eller plan-id/kontroll-id).",
            show_default=False,
        ),
    ],
    period: Annotated[
        str,
        typer.Option(
            "--period", help="Perioden kontrollen gällde, t.ex. 2018-T2.", show_default=False
        ),
    ],
    outcome: Annotated[
        str,
        typer.Option(
            "--outcome",
            "-s",
            help="no_remark eller deviation (eller utan-anmärkning, avvikelse).",
            show_default=False,
        ),
    ],
    by: Annotated[
        str, typer.Option("--by", help="Vem som genomförde kontrollen.", show_default=False)
    ],
    comment: Annotated[
        str | None, typer.Option("--comment", "-c", help="Vad som kom fram.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="När kontrollen gjordes (ÅÅÅÅ-MM-DD); standard: i dag."),
    ] = None,
    action: Annotated[
        list[str] | None,
        typer.Option("--action", help="En åtgärd vid avvikelse: vad som ska göras (kan upprepas)."),
    ] = None,
    action_responsible: Annotated[
        list[str] | None,
        typer.Option(
            "--action-responsible", help="Vem som ansvarar för åtgärden, i samma ordning."
        ),
    ] = None,
    action_due: Annotated[
        list[str] | None,
        typer.Option(
            "--action-due", help="När åtgärden ska vara klar (ÅÅÅÅ-MM-DD), i samma ordning."
        ),
    ] = None,
    action_id: Annotated[
        list[str] | None,
        typer.Option("--action-id", help="Åtgärdens id, för att följa upp den senare (valfritt)."),
    ] = None,
    dry_run: DryRun = False,
) -> None:
    """Skriv in resultatet av en kontroll för en period, med åtgärderna vid en avvikelse.
    Ett tidigare resultat för samma kontroll och period ersätts."""
    import datetime as dt

    from ..common.problems import Refused
    from ..data.periods import follow_up_period
    from ..edit.control import record_result

    chosen_period = follow_up_period(period)
    if chosen_period is None:
        usage_error(
            f"ogiltig period {period!r}",
            "Till exempel 2018, 2018-T2, 2018-H1, 2018-Q3 eller 2018-05.",
        )
    actions = _actions(action or [], action_responsible or [], action_due or [], action_id or [])
    by_text = text_option(by, "--by") or ""
    comment = text_option(comment, "--comment", multiline=True)
    when = parse_record_date(date)
    repository = open_repository_for_editing()
    try:
        change = record_result(
            repository,
            control,
            chosen_period,
            outcome,
            comment,
            by_text,
            when,
            actions,
            dt.date.today(),
        )
    except Refused as error:
        refused(error)
    apply_changes([change], dry_run)


def _actions(
    what: list[str], who: list[str], due: list[str], ids: list[str]
) -> list[dict[str, Any]]:
    if not (len(what) == len(who) == len(due)) or len(ids) > len(what):
        usage_error(
            "varje --action behöver en --action-responsible och en --action-due",
            "Ange dem i samma ordning, en av varje per åtgärd.",
        )
    actions = []
    for index, (text, person, day) in enumerate(zip(what, who, due, strict=True)):
        entry: dict[str, Any] = {}
        if index < len(ids):
            entry["id"] = ids[index]
        entry["what"] = text_option(text, "--action")
        entry["responsible"] = text_option(person, "--action-responsible")
        entry["due"] = parse_as_of(day, "--action-due")
        actions.append(entry)
    return actions


@control_app.command("action")
def action(
    action_id: Annotated[
        str, typer.Argument(metavar="ID", help="Åtgärdens id.", show_default=False)
    ],
    status: Annotated[
        str,
        typer.Option(
            "--status",
            "-s",
            help="planned, ongoing, done, cancelled eller delayed (eller planerad, pågår, "
            "genomförd, avbruten, försenad).",
            show_default=False,
        ),
    ],
    comment: Annotated[str | None, typer.Option("--comment", "-c", help="Kommentar.")] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="Från vilket datum statusen gäller; standard: i dag."),
    ] = None,
    dry_run: DryRun = False,
) -> None:
    """Följ upp en åtgärd: dess status (och kommentar) från ett datum."""
    import datetime as dt

    from ..common.problems import Refused
    from ..edit.control import update_action

    comment = text_option(comment, "--comment", multiline=True)
    when = parse_record_date(date)
    repository = open_repository_for_editing()
    try:
        change = update_action(repository, action_id, status, comment, when, dt.date.today())
    except Refused as error:
        refused(error)
    apply_changes([change], dry_run)


@control_app.command("report")
def report(
    plan: PlanOption = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="Året.")] = None,
    period: FollowUpPeriod = None,
    as_of: AsOf = None,
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="html (webben), md (Markdown), docx (Word) eller pdf."),
    ] = ReportFormat.HTML,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Fil att skriva (standard: reports/<plan>-<period>.<format>); - för standard ut.",
        ),
    ] = None,
) -> None:
    """Skriv uppföljningen av internkontrollplanen till nämnden: riskmatrisen, riskerna,
    kontrollerna med resultat, avvikelser och åtgärder och förvaltningens analys (avsnittet
    Internkontroll i analyses/<verksamhetsplan>/<period>.md)."""
    guard_output(output)
    within = parse_period(period, year)
    if within is not None:
        year = int(within[:4])
    when = parse_as_of(as_of)
    chosen = _chosen(plan, year)
    if output is not None and str(output) != "-" and len(chosen) > 1:
        usage_error(
            "flera internkontrollplaner passar; välj en med --plan när du anger -o",
            "Planer: " + ", ".join(c.plan.id for c in chosen),
        )
    guard_publication(chosen)
    for control_file in chosen:
        content = _report(control_file, when, within, as_of is not None, output_format)
        key = within or str(control_file.plan.year)
        target = output or Path("reports") / f"{control_file.plan.id}-{key}.{output_format.value}"
        write_output(content, target)
        if str(target) != "-":
            typer.echo(f"Skrev {target}", err=True)


def _report(
    control_file: Any, when: Any, within: str | None, given: bool, output_format: ReportFormat
) -> Any:
    from ..common.problems import Refused
    from ..output.report.control_context import standalone
    from ..plan.analysis import load_analysis

    analysis = None
    plan_id = control_file.plan.plan
    if plan_id:
        analysis, _ = load_analysis(HERE, plan_id, within or str(control_file.plan.year), [])
    context = standalone(control_file, when, within, analysis, given)
    try:
        if output_format is ReportFormat.DOCX:
            from ..output.report.word_control import control_to_docx

            return control_to_docx(context)
        from ..output.report.render import render

        text = render(
            context,
            "control-" + ("md" if output_format is ReportFormat.MD else "html"),
            HERE / "templates",
        )
        if output_format is ReportFormat.PDF:
            from ..output.report.pdf import to_pdf

            return to_pdf(text)
        return text
    except Refused as error:
        refused(error)
