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


def command_for(app: Any, shell: str) -> Any:
    """The click command that answers the shell: only the commands the words can be in
    (see narrow), and its parameters' words left as written."""
    from typer import core
    from typer.main import get_command

    narrow(app, shell)
    # Completion needs the words, not their values. typer 0.29 coerces every parameter,
    # the help option included, through a pydantic TypeAdapter it builds on first use:
    # importing and building them was a quarter of a key press. This process only
    # completes and exits; older typer has no such step and is left as it is.
    parameter = getattr(core, "_TyperParameter", None)
    if parameter is not None and hasattr(parameter, "get_runtime_param"):
        parameter.get_runtime_param = lambda self: _AS_WRITTEN
    return get_command(app)


class _AsWritten:
    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        return value


_AS_WRITTEN = _AsWritten()


def narrow(app: Any, shell: str) -> None:
    """Leave in `app` only the commands the words being completed can be in (see
    cli.narrow); the words are read as typer's own completion class for the shell reads them."""
    from typer._click.shell_completion import get_completion_class

    from .narrow import only_commands_for

    kind = get_completion_class(shell)
    if kind is None:
        return
    reader = kind(None, {}, "vp", "_VP_COMPLETE")  # type: ignore[arg-type]
    args, incomplete = reader.get_completion_args()
    only_commands_for(app, args, incomplete)
