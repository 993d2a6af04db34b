"""Build only the command a run needs: typer makes the click command of every registered
command, with all its parameters, before it runs one, which is 40 ms of every `vp` run
and half of a completion key press."""

from __future__ import annotations

from typing import Any


def only_commands_for(app: Any, args: list[str], incomplete: str = "") -> None:
    """Leave in `app` (and in the group the words name, recursively) only the command the
    words `args` run, or, when they name none yet, the commands `incomplete` can begin. An
    option of vp itself first, or a word that is no command, leaves every command, so that
    `vp --help` lists them all and a mistyped command gets typer's own answer."""
    from typer.main import get_command_name

    if args and args[0].startswith("-"):
        return
    commands = {
        info.name or get_command_name(info.callback.__name__): info
        for info in app.registered_commands
    }
    groups = {info.name: info for info in app.registered_groups}
    if not args:
        app.registered_commands = [i for n, i in commands.items() if n.startswith(incomplete)]
        app.registered_groups = [i for n, i in groups.items() if n.startswith(incomplete)]
    elif args[0] in commands:
        app.registered_commands, app.registered_groups = [commands[args[0]]], []
    elif args[0] in groups:
        app.registered_commands, app.registered_groups = [], [groups[args[0]]]
        only_commands_for(groups[args[0]].typer_instance, args[1:], incomplete)
