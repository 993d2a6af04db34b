"""vp init: start a new plan repository from a working example."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import app
from .common import apply_changes, parse_as_of, refused, text_option, usage_error


@app.command()
def init(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="Katalogen för det nya planförrådet.")
    ] = Path("."),
    organisation: Annotated[
        str, typer.Option("--kommun", help="Kommunens namn, t.ex. Degerfors kommun.")
    ] = "Exempelkommun",
    board: Annotated[
        str, typer.Option("--namnd", help="Nämndens namn, t.ex. Socialnämnden.")
    ] = "Socialnämnden",
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Skapa exemplet som om det vore detta datum (ÅÅÅÅ-MM-DD)."),
    ] = None,
    lint: Annotated[
        bool, typer.Option("--lint", help="Kör också vp lint (revisorns checklista) före commit.")
    ] = False,
    vp_source: Annotated[
        str | None,
        typer.Option(
            "--vp-source",
            metavar="KÄLLA",
            help="Varifrån kroken och CI-flödet installerar vp: en version (0.2.0), ett "
            "paketkrav eller en adress (git+https://…/vp@v0.2.0). Standard: samma källa som "
            "det vp som körs installerades från.",
        ),
    ] = None,
) -> None:
    """Skapa ett nytt planförråd: en exempelplan med data, pre-commit-krok, ett exempel på
    CI-flöde och en README på svenska. Det validerar och visar status direkt. Befintliga
    filer skrivs aldrig över."""
    from ..common.files import display_path
    from ..edit.scaffold import first_commit, plan_changes, scaffold, start_git

    today = parse_as_of(as_of)
    organisation = text_option(organisation, "--kommun", multiline=True) or organisation
    board = text_option(board, "--namnd", multiline=True) or board
    from ..common.problems import Refused
    from ..edit.install_source import given_source, installed_source

    try:
        source = given_source(vp_source) if vp_source is not None else installed_source()
    except Refused as error:
        refused(error)
    hold_folder(directory)
    create, kept = plan_changes(directory, scaffold(organisation, board, today, lint, source))
    if source.warning:
        typer.echo(f"vp: varning: {source.warning}", err=True)
    for path in kept:
        typer.echo(f"Finns redan, lämnas orörd: {path.relative_to(directory).as_posix()}")
    for change in create:
        change.done.append(f"Skapade {change.path.relative_to(directory).as_posix()}")
    apply_changes(create)
    if start_git(directory):
        created = [change.path.relative_to(directory) for change in create]
        committed = first_commit(directory, created)
        typer.echo(
            f"Startade ett git-förråd i {display_path(directory)}"
            + (
                " och gjorde den första commiten."
                if committed
                else "; gör den första commiten själv."
            )
        )
    typer.echo(
        f"\nNästa steg: cd {display_path(directory)} && vp validate && vp status\n"
        "Läs README.md där för hur planen följs upp."
    )


def hold_folder(directory: Path) -> None:
    """The new repository's folder, made and held until this command ends: a second vp init
    into the same folder waits, then finds every file made, so the first commit has them."""
    from typer._click.globals import get_current_context

    from ..common.files import repository_lock
    from ..common.problems import Refused

    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        usage_error(f"kan inte skapa {directory}: {error.strerror}")
    try:
        get_current_context().with_resource(repository_lock(directory))
    except Refused as error:
        refused(error)
