"""Find plan files and load them into Plan models, collecting located problems."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .model import Plan
from .modelerrors import problems_from_error
from .problems import Problem
from .yamlread import Positions, YamlProblem, parse, read_document

PLAN_SUFFIXES = (".yaml", ".yml")


class MissingPath(Exception):
    """A path named by the user does not exist: a usage error, not a plan error."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


@dataclass
class PlanFile:
    """A plan with the file it came from; where each part stands is worked out on demand."""

    file: str
    plan: Plan
    text: str
    _positions: Positions | None = field(default=None, repr=False)

    @property
    def positions(self) -> Positions:
        if self._positions is None:
            self._positions = parse(self.text)[1]
        return self._positions


@dataclass
class LoadResult:
    files: list[str] = field(default_factory=list)
    plans: list[PlanFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def display_path(path: Path) -> str:
    """The path as a person and a CI annotation want it: relative to here when inside."""
    try:
        return Path(os.path.relpath(path)).as_posix() if path.is_absolute() else path.as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def find_files(paths: list[Path], suffixes: tuple[str, ...]) -> list[Path]:
    """Files with one of the suffixes, named directly or found below the named directories,
    in a stable order. Hidden folders (.git) are skipped."""
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise MissingPath(path)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix in suffixes
                    and p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.suffix in suffixes:
            found.append(path)
    return list(dict.fromkeys(found))


Read = tuple[str, Any] | YamlProblem  # a file's text and data, or why it cannot be read


def _read(path: Path) -> Read:
    try:
        return read_document(path)
    except YamlProblem as problem:
        return problem


def load_plan(path: Path, read: Read | None = None) -> tuple[PlanFile | None, list[Problem]]:
    file = display_path(path)
    read = _read(path) if read is None else read
    if isinstance(read, YamlProblem):
        line, column = read.position or (None, None)
        problem = Problem(
            read.code, read.message, file=file, line=line, column=column, hint=read.hint
        )
        return None, [problem]
    text, data = read
    if not isinstance(data, dict):
        return None, [
            Problem(
                "VP008",
                "en planfil ska bestå av nycklar och värden (id:, kind:, title: …), "
                f"inte {'en lista' if isinstance(data, list) else 'ett enskilt värde'}",
                file=file,
                line=1,
                column=1,
            )
        ]
    try:
        plan = Plan.model_validate(data)
    except ValidationError as error:
        return None, problems_from_error(error, data, parse(text)[1], file, Plan)
    return PlanFile(file, plan, text), []


def load_plans(files: list[Path]) -> LoadResult:
    """Load the given plan files (see find_files)."""
    result = LoadResult()
    for path in files:
        read = _read(path)
        result.files.append(display_path(path))
        plan_file, problems = load_plan(path, read)
        result.problems.extend(problems)
        if plan_file is not None:
            result.plans.append(plan_file)
    return result
