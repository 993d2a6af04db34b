"""The `vp` command line. Each command lives in its own module and imports the core lazily,
so that `vp --help` starts without pydantic, pyarrow or jinja2."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from .swedish import SwedishCommand, SwedishGroup, install, show_usage_error

Command = TypeVar("Command", bound=Callable[..., Any])
INTERRUPTED = 130  # the exit code of a command stopped by Ctrl-C (128 + SIGINT)


class App(typer.Typer):
    """A typer app whose commands and groups speak Swedish (see swedish.py)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", SwedishGroup)
        super().__init__(**kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Command], Command]:
        kwargs.setdefault("cls", SwedishCommand)
        return super().command(*args, **kwargs)


install()
app = App(
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


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"vp {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        help="Visa vilken version av vp som är installerad och avsluta.",
        callback=_version,
        is_eager=True,
    ),
) -> None:
    """The options of vp itself; the commands are registered below."""


# Registering the commands; each module only declares its options at import time.
from . import (  # noqa: E402, F401
    activity_command,
    assess_command,
    authoring_command,
    completion_command,
    control_command,
    data_command,
    diff_command,
    due_command,
    economy_command,
    explain_command,
    init_command,
    items_command,
    lint_command,
    plan_command,
    remind_command,
    report_command,
    schema_command,
    serve_command,
    site_command,
    status_command,
    tree_command,
    validate_command,
)


def main() -> None:
    from typer._click.exceptions import NoArgsIsHelpError, UsageError

    # A command builds many objects that live until it exits and makes almost no cycles:
    # the cyclic collector would walk them again and again (a third of `vp validate` on a
    # thousand plans). The modules imported so far are frozen out of its sight, and it runs
    # a hundred times less often.
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)

    run: Any = app
    if "_VP_COMPLETE" in os.environ:  # the shell asks for completions (vp completion)
        from typer._completion_classes import completion_init

        from .complete import command_for

        completion_init()
        run = command_for(app, os.environ["_VP_COMPLETE"].removeprefix("complete_"))
    elif len(sys.argv) > 1:
        from .narrow import only_commands_for

        only_commands_for(app, sys.argv[1:])
    try:
        code = run(prog_name="vp", standalone_mode=False)
    except UsageError as error:
        if isinstance(error, NoArgsIsHelpError):
            print(error.format_message(), file=sys.stderr)
        else:
            show_usage_error(error)
        sys.exit(error.exit_code)
    except typer.Abort:
        print("vp: avbrutet", file=sys.stderr)
        sys.exit(1)
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
    if code == INTERRUPTED:  # typer turns Ctrl-C into this code, silently
        print("vp: avbrutet", file=sys.stderr)
    sys.exit(code if isinstance(code, int) else 0)
