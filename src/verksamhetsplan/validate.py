"""`vp validate` as a function: check plan files and return every problem found."""

from __future__ import annotations

from pathlib import Path

from .checks import check_plans
from .load import load_plans
from .problems import CheckResult


def validate(paths: list[Path]) -> CheckResult:
    """Schema, then references and plan logic across all plans that loaded.

    Raises load.MissingPath when a named path does not exist.
    """
    loaded = load_plans(paths)
    result = CheckResult(files=loaded.files, problems=list(loaded.problems))
    result.problems.extend(check_plans(loaded.plans))
    return result
