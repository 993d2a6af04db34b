"""`vp validate` as a function: check plan and data files and return every problem found."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .checks import Index, check_plans
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
    parts = path.absolute().parts
    for index, part in enumerate(parts[:-1]):
        if part == folder and index + 2 < len(parts):
            return parts[index + 1]
    return None


def indicator_tables(plans: list[PlanFile]) -> dict[str | None, dict[str, Indicator]]:
    """The indicators data rows may name, per organisation (None: every plan's).

    Several plans may define the same indicator (one series followed across plan
    periods); the first definition wins.
    """
    tables: dict[str | None, dict[str, Indicator]] = {None: {}}
    for plan_file in plans:
        org = organisation(Path(plan_file.file), "plans")
        for indicator in plan_file.plan.indicators:
            tables[None].setdefault(indicator.id, indicator)
            if org is not None:
                tables.setdefault(org, {}).setdefault(indicator.id, indicator)
    return tables


def indicators_for(
    data_file: Path, tables: dict[str | None, dict[str, Indicator]]
) -> dict[str, Indicator]:
    """A data file's indicators: its organisation's plans', or every plan's without one."""
    org = organisation(data_file, "indicators-data")
    return tables.get(org) or tables[None]


# Above this much data (a whole region or the country) files are read with pyarrow and
# numpy; below it, importing them would take longer than reading the rows one by one.
LARGE_DATA_BYTES = 2 * 1024 * 1024


@dataclass
class Checked:
    """What a check found, and what it loaded on the way, for commands that go on to compute."""

    result: CheckResult
    plans: list[PlanFile]
    index: Index
    data_files: list[Path] = field(default_factory=list)
    tables: dict[str | None, Any] | None = None  # data.Table per organisation, large data only


def check(paths: list[Path]) -> Checked:
    """Schema, references and plan logic across all plans, then every data file's rows.

    Raises load.MissingPath when a named path does not exist.
    """
    plan_paths = find_files(paths, PLAN_SUFFIXES)
    data_paths = find_files(paths, DATA_SUFFIXES)
    if data_paths and not plan_paths and DEFAULT_PLANS.is_dir():
        plan_paths = find_files([DEFAULT_PLANS], PLAN_SUFFIXES)  # data is checked against plans
    large = sum(path.stat().st_size for path in data_paths) >= LARGE_DATA_BYTES
    if large:
        from .data import start_parsing

        parsing = dict(zip(data_paths, start_parsing(data_paths), strict=True))
    loaded = load_plans(plan_paths)
    result = CheckResult(files=loaded.files, problems=list(loaded.problems))
    index = Index(loaded.plans)
    result.problems.extend(check_plans(loaded.plans, index))
    indicator_sets = indicator_tables(loaded.plans)
    files = [(path, display_path(path)) for path in data_paths]
    result.files.extend(file for _, file in files)
    checked = Checked(result, loaded.plans, index, data_paths)
    if not large:
        for path, file in files:
            result.problems.extend(
                check_data_file(path, file, indicators_for(path, indicator_sets))
            )
        return checked
    checked.tables = _check_large_data(files, indicator_sets, parsing, result)
    return checked


def _check_large_data(
    files: list[tuple[Path, str]],
    indicator_sets: dict[str | None, dict[str, Indicator]],
    parsing: dict[Path, Any],
    result: CheckResult,
) -> dict[str | None, Any]:
    """Read large data per organisation; files the fast checks doubt get the row checker."""
    from .data import add_rows, read_table

    tables: dict[str | None, Any] = {}
    by_org: dict[str | None, list[tuple[Path, str]]] = {}
    for path, file in files:
        by_org.setdefault(organisation(path, "indicators-data"), []).append((path, file))
    for org, group in by_org.items():
        table = read_table(
            [(path, file, indicators_for(path, indicator_sets)) for path, file in group],
            [parsing[path] for path, _ in group],
        )
        passed = []
        for path, file in group:
            if path in table.suspicious:
                problems = check_data_file(path, file, indicators_for(path, indicator_sets))
                result.problems.extend(problems)
                if not problems:
                    passed.append((path, file))
        add_rows(table, passed)  # files with errors are never read: nothing is computed
        tables[org] = table
    return tables


def validate(paths: list[Path]) -> CheckResult:
    return check(paths).result
