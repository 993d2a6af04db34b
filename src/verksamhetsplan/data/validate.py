"""`vp validate` as a function: check plan and data files and return every problem found."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..common.files import display_path, find_files
from ..common.problems import CheckResult, Problem, Severity
from ..plan.analysis import check_analyses
from ..plan.checks import Index, check_plans
from ..plan.control import is_control_file
from ..plan.load import PLAN_SUFFIXES, PlanFile, load_plans
from ..plan.model import Indicator
from .duplicates import across_files
from .economy import is_economy_file
from .economy_checks import check_economy_files, check_economy_plans
from .layout import DEFAULT_PLANS, indicator_tables, indicators_for, organisation
from .rows import DATA_SUFFIXES, check_data_file, read_series

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
    tables: dict[str | None, Any] | None = None  # arrow.Table per organisation, large data only


def check(paths: list[Path], root: Path) -> Checked:
    """Schema, references and plan logic across all plans, then every data file's rows, in
    the repository at `root` (where a plan for data is looked up, and links may lead).

    Raises common.files.MissingPath when a named path does not exist.
    """
    yaml_paths = find_files(paths, PLAN_SUFFIXES)
    control_paths = [p for p in yaml_paths if is_control_file(p)]
    plan_paths = [p for p in yaml_paths if p not in control_paths]
    csv_paths = find_files(paths, DATA_SUFFIXES)
    economy_paths = [p for p in csv_paths if is_economy_file(p)]
    data_paths = [p for p in csv_paths if p not in economy_paths]
    # analyses/<plan>/<period>.md; other Markdown (a README) is no analysis
    analysis_paths = [p for p in find_files(paths, (".md",)) if p.parent.parent.name == "analyses"]
    workbooks = [p for p in find_files(paths, (".xlsx", ".xlsm", ".xls")) if _in_data(p)]
    needs_plans = data_paths or analysis_paths or control_paths or economy_paths
    if needs_plans and not plan_paths and (root / DEFAULT_PLANS).is_dir():
        # data is checked against plans
        plan_paths = find_files([root / DEFAULT_PLANS], PLAN_SUFFIXES)
    inside = root.resolve()
    links = [
        p
        for p in (*plan_paths, *data_paths, *control_paths, *economy_paths)
        if _links_outside(p, inside)
    ]
    plan_paths = [p for p in plan_paths if p not in links]
    control_paths = [p for p in control_paths if p not in links]
    economy_paths = [p for p in economy_paths if p not in links]
    data_paths = [p for p in data_paths if p not in links]
    large = sum(path.stat().st_size for path in data_paths) >= LARGE_DATA_BYTES
    if large:
        from .arrow import start_parsing

        parsing = dict(zip(data_paths, start_parsing(data_paths), strict=True))
    loaded = load_plans(plan_paths)
    result = CheckResult(files=loaded.files, problems=list(loaded.problems))
    for link in links:
        # Its content is never read: a message quoting it would show a file from elsewhere.
        result.files.append(display_path(link))
        result.problems.append(
            Problem(
                "VP309",
                f"{display_path(link)} är en länk till en fil utanför planförrådet och läses inte",
                file=display_path(link),
                hint="Kopiera filen in i förrådet i stället för att länka till den.",
            )
        )
    index = Index(loaded.plans)
    every_plan_read = len(loaded.plans) == len(plan_paths)
    result.problems.extend(check_plans(loaded.plans, index, every_plan_read))
    result.files.extend(display_path(p) for p in analysis_paths)
    for workbook in workbooks:  # never ignored in silence
        result.files.append(display_path(workbook))
        result.problems.append(
            Problem(
                "VP310",
                "Excel-arbetsboken läses inte som data; vp läser bara CSV under indicators-data/",
                Severity.WARNING,
                file=display_path(workbook),
                hint=f"Läs in den: vp data import {display_path(workbook)} (värdena hamnar i "
                "CSV-filerna), och flytta arbetsboken ur indicators-data/.",
            )
        )
    result.problems.extend(check_analyses(analysis_paths, loaded.plans, root, every_plan_read))
    result.problems.extend(_check_controls(control_paths, loaded.plans, every_plan_read, result))
    result.problems.extend(check_economy_plans(loaded.plans, every_plan_read))
    if economy_paths:
        result.files.extend(display_path(p) for p in economy_paths)
        result.problems.extend(
            check_economy_files(economy_paths, loaded.plans, every_plan_read, root)[0]
        )
    indicator_sets = indicator_tables(loaded.plans)
    unread = _unread_organisations(plan_paths, loaded.plans)
    files = []
    for path in data_paths:
        org = organisation(path, "indicators-data")
        if org in unread or None in unread:
            unread.setdefault(org, []).append(path)
        else:
            files.append((path, display_path(path)))
    result.problems.extend(_not_checked(unread))
    result.files.extend(display_path(path) for paths in unread.values() for path in paths)
    result.files.extend(file for _, file in files)
    checked = Checked(result, loaded.plans, index, [path for path, _ in files])
    if not large:
        clean: dict[str | None, list[tuple[Path, str]]] = {}
        for path, file in files:
            problems = check_data_file(path, file, indicators_for(path, indicator_sets))
            result.problems.extend(problems)
            if not problems:
                clean.setdefault(organisation(path, "indicators-data"), []).append((path, file))
        for group in clean.values():
            if len(group) > 1:
                result.problems.extend(_duplicates_in_rows(group))
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
    from .arrow import add_rows, read_table

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
                indicators = indicators_for(path, indicator_sets)
                problems = _check_rows(path, file, indicators, table.suspicious[path])
                result.problems.extend(problems)
                if not problems:
                    passed.append((path, file))
        add_rows(table, passed)  # files with errors are never read: nothing is computed
        sources: list[tuple[Any, Any]] = [
            (frame.groups().keys(), _frame_reader(frame)) for frame in table.frames
        ]
        sources += [_series_source(read_series([entry])) for entry in passed]
        result.problems.extend(across_files(sources))
        tables[org] = table
    return tables


def _check_controls(
    paths: list[Path], plans: list[PlanFile], every_plan_read: bool, result: CheckResult
) -> list[Problem]:
    """The internkontrollplaner, against the plans they name and today's date."""
    if not paths:
        return []
    import datetime as dt

    from ..plan.control import check_control_plans, load_control_plans

    result.files.extend(display_path(p) for p in paths)
    loaded, problems = load_control_plans(paths)
    years = {p.plan.id: p.plan.period.years for p in plans} if every_plan_read else None
    return problems + check_control_plans(loaded, years, dt.date.today())


def _in_data(path: Path) -> bool:
    return "indicators-data" in path.absolute().parts


def _check_rows(
    path: Path, file: str, indicators: dict[str, Indicator], lines: Any
) -> list[Problem]:
    """The row checker on the rows pyarrow doubted (with the header), or on the whole file.
    A bad value in two million rows costs its line, not the file."""
    if lines is not None:
        from .arrow import line_bytes

        raw = path.read_bytes()
        numbers = [1, *lines.tolist()]
        some = b"".join(
            part if part.endswith(b"\n") else part + b"\n" for part in line_bytes(raw, numbers)
        )
        problems = check_data_file(path, file, indicators, some, numbers)
        if problems:
            return problems
    return check_data_file(path, file, indicators)


def _duplicates_in_rows(group: list[tuple[Path, str]]) -> list[Problem]:
    return across_files([_series_source(read_series([entry])) for entry in group])


def _series_source(series: Any) -> tuple[Any, Any]:
    return series.keys(), series.__getitem__


def _frame_reader(frame: Any) -> Any:
    return lambda key: frame.observations(key[0], key[1], None)


def _links_outside(path: Path, inside: Path) -> bool:
    """A file reached through a link that leads outside the repository."""
    resolved = path.resolve()
    linked = resolved != Path(os.path.abspath(path))
    return linked and not resolved.is_relative_to(inside)


def _unread_organisations(
    plan_paths: list[Path], plans: list[PlanFile]
) -> dict[str | None, list[Path]]:
    """Organisations with a plan file that did not load: their data cannot be checked
    against indicators nobody could read (every row would be an unknown indicator)."""
    loaded = {Path(p.file).resolve() for p in plans}
    return {organisation(path, "plans"): [] for path in plan_paths if path.resolve() not in loaded}


def _not_checked(unread: dict[str | None, list[Path]]) -> list[Problem]:
    """One message per organisation whose data was left unchecked, instead of one per row."""
    problems = []
    for org, paths in unread.items():
        if not paths:
            continue
        where = f"indicators-data/{org}/" if org else "indicators-data/"
        problems.append(
            Problem(
                "VP301",
                severity=Severity.WARNING,
                message=f"{len(paths)} datafiler i {where} kontrollerades inte, eftersom en "
                "plan för organisationen inte gick att läsa",
                file=display_path(paths[0]),
                hint="Rätta felet i planen först; sedan kontrolleras datan mot dess nyckeltal.",
            )
        )
    return problems


def validate(paths: list[Path], root: Path) -> CheckResult:
    return check(paths, root).result
