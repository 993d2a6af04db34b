"""vp site: a static website of every plan and follow-up in the repository."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import app
from .common import HERE, AsOf, guard_output, open_repository_or_exit, parse_as_of, usage_error


@app.command()
def site(
    directory: Annotated[
        Path, typer.Argument(metavar="KATALOG", help="Katalogen att bygga webbplatsen i.")
    ],
    as_of: AsOf = None,
) -> None:
    """Bygg en statisk webbplats av alla planer och deras uppföljning: startsida, en sida per
    plan, mål, nyckeltal (med CSV och JSON) och KF-mål. Samma indata ger samma filer."""
    from ..common.files import write_bytes_atomic
    from ..output.report.render import site_renderer
    from ..output.site.pages import build_site

    guard_output(directory / "index.html")
    when = parse_as_of(as_of)
    repository = open_repository_or_exit()
    pages = build_site(repository, when, site_renderer(HERE / "templates"))
    try:
        for name, content in pages.items():
            write_bytes_atomic(directory / name, content)
    except OSError as error:
        usage_error(f"kan inte skriva i {directory}: {error.strerror}")
    typer.echo(f"Skrev {len(pages)} filer i {directory}", err=True)
