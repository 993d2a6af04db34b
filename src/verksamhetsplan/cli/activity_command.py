"""vp activity: update a strategic activity's status and comment in the plan file."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from . import App, app
from .common import (
    DryRun,
    apply_changes,
    change_files,
    open_repository_for_editing,
    parse_record_date,
    refused,
    text_option,
)
from .swedish import SwedishGroup


class ActivityGroup(SwedishGroup):
    """`vp activity ID --status …` as before, and `vp activity add|remove|update`: anything
    that is not a subcommand's name is an activity's id for `update`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["update", *args]
        return super().parse_args(ctx, args)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        """The subcommands, and the activities' ids for `vp activity ID --status …`."""
        from typer._click.shell_completion import CompletionItem

        from .complete import ids

        found = [i for i in ids("activities") if i.startswith(incomplete)]
        return [*super().shell_complete(ctx, incomplete), *map(CompletionItem, found)]


activity_app = App(
    cls=ActivityGroup,
    help="Strategiska aktiviteter: följ upp (vp activity ID --status …), lägg till, ta bort.",
    no_args_is_help=True,
)
app.add_typer(activity_app, name="activity")


@activity_app.command("update")
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
    dry_run: DryRun = False,
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
    apply_changes([change], dry_run)


@activity_app.command("add")
def add(
    text: Annotated[str, typer.Option("--text", "-t", help="Aktiviteten som den står i planen.")],
    area: Annotated[str | None, typer.Option("--area", "-a", help="Området.")] = None,
    goal: Annotated[
        list[str] | None, typer.Option("--goal", help="Mål som aktiviteten stödjer (kan upprepas).")
    ] = None,
    responsible: Annotated[
        str | None, typer.Option("--responsible", "-r", help="Ansvarig.")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="År då den genomförs.")] = None,
    plan: Annotated[str | None, typer.Option("--plan", "-p", help="Planens id.")] = None,
    ident: Annotated[str | None, typer.Option("--id", help="Id; standard: av texten.")] = None,
    dry_run: DryRun = False,
) -> None:
    """Lägg till en strategisk aktivitet i planen."""
    from ..edit.authoring import add_entry

    fields = {
        "id": ident,
        "area": area,
        "text": text_option(text, "--text", multiline=True),
        "goals": list(goal or []),
        "responsible": text_option(responsible, "--responsible"),
        "year": year,
    }
    change_files(lambda repository: add_entry(repository, plan, "activity", fields, None), dry_run)


@activity_app.command("remove")
def remove(
    activity_id: Annotated[
        str, typer.Argument(metavar="ID", help="Aktivitetens id.", show_default=False)
    ],
    cascade: Annotated[
        bool, typer.Option("--cascade", help="(Inget i planen hänvisar till en aktivitet.)")
    ] = False,
    dry_run: DryRun = False,
) -> None:
    """Ta bort en strategisk aktivitet ur planen, med dess historik."""
    from ..edit.removal import remove_activity

    change_files(lambda repository: remove_activity(repository, activity_id), dry_run)
