"""`vp validate` as a function: check plan and data files and return every problem found."""

from __future__ import annotations

from pathlib import Path

from .checks import check_plans
from .datacheck import DATA_SUFFIXES, check_data_file
from .load import PLAN_SUFFIXES, PlanFile, display_path, find_files, load_plans
from .model import Indicator
from .problems import CheckResult

DEFAULT_PLANS = Path("plans")
DEFAULT_DATA = Path("indicators-data")


def default_paths() -> list[Path]:
    """What `vp validate` checks when given no path: the plans, and their data if any."""
    return [DEFAULT_PLANS] + ([DEFAULT_DATA] if DEFAULT_DATA.is_dir() else [])


def organisation(path: Path, folder: str) -> str | None:
    """The organisation a file belongs to: the folder right under plans/ or indicators-data/."""
    parts = path.resolve().parts
    for index, part in enumerate(parts[:-1]):
        if part == folder and index + 2 < len(parts):
            return parts[index + 1]
    return None


def indicators_for(data_file: Path, plans: list[PlanFile]) -> dict[str, Indicator]:
    """The indicators a data file's rows may name: those of its organisation's plans.

    Without a matching organisation folder every loaded plan counts. Several plans may
    define the same indicator (one series followed across plan periods); the first wins.
    """
    org = organisation(data_file, "indicators-data")
    same = [p for p in plans if org is not None and organisation(Path(p.file), "plans") == org]
    indicators: dict[str, Indicator] = {}
    for plan_file in same or plans:
        for indicator in plan_file.plan.indicators:
            indicators.setdefault(indicator.id, indicator)
    return indicators


def check(paths: list[Path]) -> tuple[CheckResult, list[PlanFile]]:
    """Schema, references and plan logic across all plans, then every data file's rows.

    Returns the problems and the plans that loaded. Raises load.MissingPath when a named
    path does not exist.
    """
    plan_paths = find_files(paths, PLAN_SUFFIXES)
    data_paths = find_files(paths, DATA_SUFFIXES)
    if data_paths and not plan_paths and DEFAULT_PLANS.is_dir():
        plan_paths = find_files([DEFAULT_PLANS], PLAN_SUFFIXES)  # data is checked against plans
    loaded = load_plans(plan_paths)
    result = CheckResult(files=loaded.files, problems=list(loaded.problems))
    result.problems.extend(check_plans(loaded.plans))
    for data_path in data_paths:
        file = display_path(data_path)
        result.files.append(file)
        indicators = indicators_for(data_path, loaded.plans)
        result.problems.extend(check_data_file(data_path, file, indicators))
    return result, loaded.plans


def validate(paths: list[Path]) -> CheckResult:
    return check(paths)[0]
