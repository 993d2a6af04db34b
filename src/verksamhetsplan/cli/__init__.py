"""The `vp` command line. Each command lives in its own module and imports the core lazily,
so that `vp --help` starts without pydantic, pyarrow or jinja2."""

from __future__ import annotations

import os
import sys

import typer

app = typer.Typer(
    name="vp",
    help="vp – verksamhetsplaner som versionshanterad YAML: validera planer, följ upp mål "
    "mot nyckeltal och skriv rapporten till nämnden.",
    no_args_is_help=True,
    add_completion=False,
    # Plain help: rendering it through rich costs more than the whole `vp --help` budget.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Registering the commands; each module only declares its options at import time.
from . import (  # noqa: E402, F401
    activity_command,
    assess_command,
    data_command,
    diff_command,
    explain_command,
    init_command,
    report_command,
    schema_command,
    status_command,
    validate_command,
)


def main() -> None:
    try:
        app()
    except Exception as error:  # a bug in vp: say so plainly, never show a traceback
        if os.environ.get("VP_DEBUG"):
            raise
        print(
            f"vp: internt fel ({type(error).__name__}: {error}). Det är ett fel i vp, inte i "
            "dina filer, och ingen fil har ändrats. Kör med VP_DEBUG=1 för detaljer och "
            "rapportera gärna felet.",
            file=sys.stderr,
        )
        sys.exit(70)
