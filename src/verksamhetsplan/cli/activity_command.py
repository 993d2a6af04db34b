"""vp activity: update a strategic activity's status and comment in the plan file."""

from __future__ import annotations

from typing import Annotated

import typer

from . import app
from .common import (
    apply_changes,
    open_repository_for_editing,
    parse_record_date,
    refused,
    text_option,
)


@app.command()
def activity(
    activity_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="Aktivitetens id, eller plan-id/aktivitets-id.", show_default=False
        ),
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
    comment: Annotated[
        str | None, typer.Option("--comment", "-c", help="Kommentar till uppföljningen.")
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Vem som följer upp.")] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", help="Från vilket datum statusen gäller (ÅÅÅÅ-MM-DD); standard: i dag."
        ),
    ] = None,
) -> None:
    """Följ upp en strategisk aktivitet: en daterad status (och kommentar) läggs till i
    aktivitetens historik i planfilen. Tidigare statusar står kvar, så att --as-of visar
    vad som gällde en viss dag."""
    from ..common.problems import Refused
    from ..edit.plans import change_activity

    comment = text_option(comment, "--comment", multiline=True)
    by = text_option(by, "--by")
    when = parse_record_date(date)
    repository = open_repository_for_editing()
    try:
        change = change_activity(repository, activity_id, status, comment, by, when)
    except Refused as error:
        refused(error)
    apply_changes([change])
