"""vp site: a static website of every plan and follow-up in the repository."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from . import app
from .common import (
    HERE,
    INPUT_FOLDERS,
    AsOf,
    guard_output,
    guard_publication,
    open_repository_or_exit,
    parse_as_of,
    refused,
    say_withheld,
    usage_error,
)


@app.command()
def site(
    directory: Annotated[
        Path, typer.Argument(metavar="KATALOG", help="Katalogen att bygga webbplatsen i.")
    ],
    as_of: AsOf = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            metavar="ADRESS",
            help="Webbplatsens adress när den är publicerad (https://…/); gör adresserna i "
            "öppna data-katalogen catalog.ttl absoluta, som dataportal.se vill ha dem.",
        ),
    ] = None,
) -> None:
    """Bygg en statisk webbplats av alla planer och deras uppföljning: startsida, en sida per
    plan, mål, nyckeltal (med CSV och JSON) och KF-mål. Samma indata ger samma filer."""
    from jinja2 import TemplateError

    from ..common.problems import Refused
    from ..common.publish import write_folder
    from ..output.report.render import TemplateFailure, site_renderer, template_failure
    from ..output.site.pages import build_site

    guard_output(directory / "index.html")
    if base_url is not None and not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", base_url):
        usage_error(
            f"--base-url {base_url!r} är ingen webbadress; skriv t.ex. https://kommun.se/plan/"
        )
    when = parse_as_of(as_of)
    repository = open_repository_or_exit()
    guard_publication(repository.plans)
    repository.published = True
    pages = build_site(repository, when, site_renderer(HERE / "templates"), base_url or "")
    try:
        written, removed = write_folder(directory, pages, [HERE / f for f in INPUT_FOLDERS])
    except (TemplateFailure, TemplateError) as error:
        typer.echo(template_failure(error), err=True)
        typer.echo("vp: fel i webbplatsens mall; ingenting har skrivits.", err=True)
        raise typer.Exit(1) from None
    except Refused as error:
        refused(error)
    except OSError as error:
        usage_error(f"kan inte skriva i {directory}: {error.strerror}")
    typer.echo(f"Skrev {written} filer i {directory}", err=True)
    say_withheld(repository)
    if removed:
        typer.echo(
            f"Tog bort {len(removed)} sidor som förra bygget skrev men som inte finns längre: "
            + ", ".join(removed[:10])
            + (" …" if len(removed) > 10 else ""),
            err=True,
        )
