"""`vp validate` on the economy: the units the plans declare (parents that exist, no circle,
one id per organisation), the indicators computed from economy data, and every file under
economy-data/ against its organisation's units and plan period."""

from __future__ import annotations

from pathlib import Path

from ..common.files import display_path
from ..common.problems import Problem
from ..plan.economy_model import Figure
from ..plan.load import PlanFile, located_problem
from ..plan.vocabulary import Combine, Frequency
from .economy import ECONOMY, EconomyRow, Units, other_files, read_economy, rows_problems, units_of
from .layout import organisation


def check_economy_plans(plan_files: list[PlanFile], every_plan_read: bool = True) -> list[Problem]:
    """The units and economy indicators; a unit an indicator names is judged only when
    every plan was read (it may be declared in the one that was not)."""
    problems: list[Problem] = []
    tables = units_of(plan_files)
    for plan_file in plan_files:
        economy = plan_file.plan.economy
        org = organisation(Path(plan_file.file), "plans")
        table = tables.get(org)
        if economy is not None and table is not None:
            problems += _unit_problems(plan_file, table)
        for i, indicator in enumerate(plan_file.plan.indicators):
            if indicator.economy is not None:
                problems += _indicator_problems(plan_file, i, table, every_plan_read)
    return problems


def _unit_problems(plan_file: PlanFile, table: Units) -> list[Problem]:
    economy = plan_file.plan.economy
    assert economy is not None
    problems = []
    own = [u.id for u in economy.units]
    for i, unit in enumerate(economy.units):
        path = ("economy", "units", i)
        same = table.plans[unit.id] is plan_file or plan_file in table.more.get(unit.id, [])
        if not same or own.index(unit.id) != i:
            where = table.plans[unit.id].file
            message = f"enheten {unit.id!r} finns redan i {where}"
            problems.append(located_problem(plan_file, (*path, "id"), "VP201", message))
        if unit.parent is not None and unit.parent not in table.units:
            message = f"enheten {unit.id} ingår i en enhet som inte finns: {unit.parent!r}"
            problems.append(located_problem(plan_file, (*path, "parent"), "VP202", message))
        seen, at = {unit.id}, unit.parent
        while at is not None and at in table.units:
            if at in seen:
                message = f"enheten {unit.id} ingår i sig själv genom sina överordnade"
                problems.append(located_problem(plan_file, (*path, "parent"), "VP214", message))
                break
            seen.add(at)
            at = table.units[at].parent
    return problems


def _indicator_problems(
    plan_file: PlanFile, i: int, table: Units | None, every_plan_read: bool
) -> list[Problem]:
    indicator = plan_file.plan.indicators[i]
    source = indicator.economy
    assert source is not None
    path = ("indicators", i, "economy")
    problems = []
    names = ("numerator", "denominator") if source.figure is Figure.RATIO else ("unit",)
    for name in names:
        unit = getattr(source, name)
        if unit is None:
            message = f"nyckeltalet {indicator.id} räknas ur ekonomin men saknar {name}"
            problems.append(located_problem(plan_file, (*path, "figure"), "VP102", message))
        elif (table is None or unit not in table.units) and every_plan_read:
            known = ", ".join(table.units) if table else "inga (ange economy: units: i en plan)"
            message = f"nyckeltalet {indicator.id} räknas för en okänd enhet {unit!r}"
            problems.append(
                located_problem(plan_file, (*path, name), "VP202", message, f"Enheter: {known}.")
            )
    if source.figure is Figure.RATIO:
        wanted, combine = Frequency.YEAR, Combine.LAST
    else:
        wanted, combine = Frequency.MONTH, Combine.SUM
    if indicator.frequency is not wanted or indicator.combine is not combine:
        message = (
            f"nyckeltalet {indicator.id} ({source.figure.value}) ska ha frequency: "
            f"{wanted.value} och combine: {combine.value}"
        )
        problems.append(
            located_problem(plan_file, ("indicators", i, "frequency"), "VP106", message)
        )
    return problems


def check_economy_files(
    paths: list[Path], plan_files: list[PlanFile], every_plan_read: bool, root: Path | None = None
) -> tuple[list[Problem], dict[str | None, list[EconomyRow]]]:
    """Every economy file against its organisation's units; the rows of the clean ones. What
    holds across files (a duplicate, a year given twice) is checked with the organisation's
    other files under `root` too, named or not: a commit that changes one file can break it."""
    tables = units_of(plan_files)
    problems: list[Problem] = []
    rows: dict[str | None, list[EconomyRow]] = {}
    for path in paths:
        org = organisation(path, "economy-data")
        table = tables.get(org)
        file = display_path(path)
        if table is None and every_plan_read:
            problems.append(
                Problem(
                    "VP902",
                    f"ingen plan för {org or 'organisationen'} anger ekonomins enheter",
                    file=file,
                    hint=f"Ange economy: units: i en plan under plans/{org or ''}.",
                )
            )
            continue
        found, said = read_economy(path, file, table if every_plan_read else None)
        problems += said
        rows.setdefault(org, []).extend(found)
    named = {p.resolve() for p in paths}
    for org, org_rows in rows.items():
        if root is not None and org:
            # the other files' own problems are theirs to report when they are named
            org_rows = org_rows + other_files(root / ECONOMY / org, tables.get(org), named)[0]
        problems += rows_problems(org_rows)
    return problems, rows
