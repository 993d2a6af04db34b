"""Find plan files and load them into Plan models, collecting located problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..common.files import display_path
from ..common.problems import Problem, Severity
from .model import Plan
from .model_errors import problems_from_error
from .yaml_problems import YamlProblem
from .yaml_reader import Path_, Positions, parse, read_document

PLAN_SUFFIXES = (".yaml", ".yml")


class Located:
    """A file read into a model: its name and text, and where each part of it stands,
    worked out on demand (problems are placed by it, `located_problem`)."""

    file: str
    text: str
    _positions: Positions | None

    @property
    def positions(self) -> Positions:
        if self._positions is None:
            self._positions = parse(self.text)[1]
        return self._positions


@dataclass
class PlanFile(Located):
    """A plan with the file it came from."""

    file: str
    plan: Plan
    text: str
    _positions: Positions | None = field(default=None, repr=False)


@dataclass
class LoadResult:
    files: list[str] = field(default_factory=list)
    plans: list[PlanFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


Read = tuple[str, Any] | YamlProblem  # a file's text and data, or why it cannot be read


def _read(path: Path) -> Read:
    try:
        return read_document(path)
    except YamlProblem as problem:
        return problem


def load_plan(path: Path, read: Read | None = None) -> tuple[PlanFile | None, list[Problem]]:
    shape = "en planfil ska bestå av nycklar och värden (id:, kind:, title: …)"
    loaded, problems = load_model(path, Plan, shape, read)
    return (PlanFile(display_path(path), *loaded) if loaded else None), problems


Model = TypeVar("Model", bound=BaseModel)


def load_model(
    path: Path, model: type[Model], shape: str, read: Read | None = None
) -> tuple[tuple[Model, str] | None, list[Problem]]:
    """A YAML file validated as the model, with its text; or every problem, located. `shape`
    says what the file must be, for a file that is a list or a single value."""
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
                f"{shape}, inte {'en lista' if isinstance(data, list) else 'ett enskilt värde'}",
                file=file,
                line=1,
                column=1,
            )
        ]
    try:
        validated = model.model_validate(data)
    except ValidationError as error:
        return None, problems_from_error(error, data, parse(text)[1], file, model)
    return (validated, text), []


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


def located_problem(
    plan_file: Located,
    path: Path_,
    code: str,
    message: str,
    hint: str | None = None,
    severity: Severity = Severity.ERROR,
) -> Problem:
    """A problem at the value `path` in the file, with its line and column."""
    position = plan_file.positions.of_value(path)
    return Problem(
        code=code,
        message=message,
        severity=severity,
        file=plan_file.file,
        line=position[0] if position else None,
        column=position[1] if position else None,
        hint=hint,
    )
