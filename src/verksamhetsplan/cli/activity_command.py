"""vp activity: update a strategic activity's status and comment in the plan file."""

from __future__ import annotations

from typing import Annotated

import typer

from . import app
from .common import apply_changes, open_repository_or_exit, refused


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
        str | None, typer.Option("--comment", "-c", help="Kommentar; ersätter den tidigare.")
    ] = None,
) -> None:
    """Uppdatera en strategisk aktivitet i planfilen: status och kommentar."""
    from ..common.problems import Refused
    from ..edit.plans import change_activity

    repository = open_repository_or_exit()
    try:
        change = change_activity(repository, activity_id, status, comment)
    except Refused as error:
        refused(error)
    apply_changes([change])
