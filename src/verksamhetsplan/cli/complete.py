"""Tab completion of ids (plans, goals, areas, indicators, activities) from the repository.

Completion runs vp once per key press, so it reads the plan files with the position-free
YAML reader and looks only at ids: no pydantic, no data stack, well under 0.2 s.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# Which ids a parameter takes, by the parameter's name.
KINDS = {
    "goal": "goals",
    "plan": "plan",
    "area": "areas",
    "indicator": "indicators",
    "activity_id": "activities",
}


def _areas(areas: Any) -> list[str]:
    found = []
    for area in areas if isinstance(areas, list) else []:
        if isinstance(area, dict):
            found.append(str(area.get("id", "")))
            found.extend(_areas(area.get("areas")))
    return found


def ids(kind: str, root: Path = Path(".")) -> list[str]:
    """Every id of a kind in the repository's plans; files that do not read are skipped."""
    from ..plan.yaml_problems import YamlProblem
    from ..plan.yaml_reader import read_document

    found: list[str] = []
    for path in sorted((root / "plans").rglob("*.y*ml")):
        try:
            _, data = read_document(path)
        except YamlProblem:
            continue
        if not isinstance(data, dict):
            continue
        if kind == "plan":
            found.append(str(data.get("id", "")))
        elif kind == "areas":
            found.extend(_areas(data.get("areas")))
        else:
            items = data.get(kind)
            found.extend(str(i.get("id", "")) for i in items or [] if isinstance(i, dict))
    return sorted({i for i in found if i})


def completer(kind: str) -> Any:
    def complete(ctx: Any, param: Any, incomplete: str) -> list[str]:
        return [i for i in ids(kind) if i.startswith(incomplete)]

    return complete


def narrow(app: Any, shell: str) -> None:
    """Leave in `app` only the commands the words being completed can be in, before typer
    builds them: building every command's parameters is half of what a key press costs, and
    `vp explain <TAB>` needs only explain's. The words are read as typer's own completion
    class for the shell reads them."""
    from typer._click.shell_completion import get_completion_class

    kind = get_completion_class(shell)
    if kind is None:
        return
    args, incomplete = kind(None, {}, "vp", "_VP_COMPLETE").get_completion_args()  # type: ignore[arg-type]
    _narrow(app, args, incomplete)


def _narrow(app: Any, args: list[str], incomplete: str) -> None:
    from typer.main import get_command_name

    commands = {
        info.name or get_command_name(info.callback.__name__): info
        for info in app.registered_commands
    }
    groups = {info.name: info for info in app.registered_groups}
    if args and args[0].startswith("-"):
        return  # an option of vp itself first: let typer read the words as they are
    if args:
        app.registered_commands = [commands[args[0]]] if args[0] in commands else []
        app.registered_groups = [groups[args[0]]] if args[0] in groups else []
        if args[0] in groups:
            _narrow(groups[args[0]].typer_instance, args[1:], incomplete)
        elif args[0] not in commands:  # not a command: typer says so, as without narrowing
            app.registered_commands, app.registered_groups = (
                list(commands.values()),
                list(groups.values()),
            )
        return
    app.registered_commands = [i for n, i in commands.items() if n.startswith(incomplete)]
    app.registered_groups = [i for n, i in groups.items() if n.startswith(incomplete)]
