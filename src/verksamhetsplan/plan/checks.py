"""Checks across plans: unique ids, references that resolve, and plan logic.

The schema says what a single file may contain; these checks say whether the
plans make sense together: every reference points at something that exists
(also in another plan file), years fall inside the plan period, targets agree
with their indicators.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from ..common.problems import Problem, suggest
from .goal_checks import activity_logic, dated_before_adoption, goal_logic, known_ids
from .load import PlanFile, located_problem
from .model import iter_areas
from .vocabulary import ForecastMethod, Frequency
from .yaml_reader import Path_

KIND_WORDS = {
    "area": "området",
    "indicator": "nyckeltalet",
    "goal": "målet",
    "council_goal": "KF-målet",
    "activity": "aktiviteten",
}


class Entry(NamedTuple):
    """Something with an id in a plan, and where it is defined. A NamedTuple: a region's
    thousand plans make a hundred thousand of them."""

    plan_file: PlanFile
    path: Path_
    value: Any


class Index:
    """Everything with an id, by plan and kind, so references can be resolved."""

    def __init__(self, plan_files: list[PlanFile]) -> None:
        self.plans: dict[str, PlanFile] = {}
        self.entries: dict[tuple[str, str], dict[str, Entry]] = {}
        self.duplicates: list[tuple[PlanFile, Path_, str, str, Entry]] = []
        for plan_file in plan_files:
            plan = plan_file.plan
            if plan.id in self.plans:
                first = self.plans[plan.id]
                self.duplicates.append(
                    (plan_file, ("id",), "plan", plan.id, Entry(first, ("id",), first.plan))
                )
                continue
            self.plans[plan.id] = plan_file
            for kind, path, value in _identified(plan_file):
                table = self.entries.setdefault((plan.id, kind), {})
                if value.id in table:
                    self.duplicates.append((plan_file, path, kind, value.id, table[value.id]))
                else:
                    table[value.id] = Entry(plan_file, path, value)

    def resolve(self, ref: str, kind: str, plan_id: str) -> Entry | None:
        target_plan, _, local = ref.rpartition("/")
        return self.entries.get((target_plan or plan_id, kind), {}).get(local)

    def candidates(self, ref: str, kind: str, plan_id: str) -> list[str]:
        target_plan, _, _ = ref.rpartition("/")
        ids = list(self.entries.get((target_plan or plan_id, kind), {}))
        return [f"{target_plan}/{i}" for i in ids] if target_plan else ids


def _identified(plan_file: PlanFile) -> Iterator[tuple[str, Path_, Any]]:
    plan = plan_file.plan
    for area, path in iter_areas(plan.areas):
        yield "area", path, area
    for kind, items in (
        ("indicator", plan.indicators),
        ("goal", plan.goals),
        ("council_goal", plan.council_goals),
        ("activity", plan.activities),
    ):
        for index, item in enumerate(items):
            yield kind, (f"{kind}s" if kind != "activity" else "activities", index), item


def check_plans(
    plan_files: list[PlanFile], index: Index | None = None, every_plan_read: bool = True
) -> list[Problem]:
    """Problems across the plans; pass the index when the caller has built it already.
    When a plan file could not be read, a reference into another plan is not judged: that
    plan may be the unreadable one, whose own error is shown."""
    index = Index(plan_files) if index is None else index
    problems = [_duplicate(*duplicate) for duplicate in index.duplicates]
    problems.extend(_council_cycles(index))
    for plan_file in plan_files:
        if index.plans.get(plan_file.plan.id) is not plan_file:
            continue  # a duplicate plan id: its references would resolve against the other
        problems.extend(_references(plan_file, index, every_plan_read))
        problems.extend(goal_logic(plan_file, index))
        problems.extend(activity_logic(plan_file))
        for j, revision in enumerate(plan_file.plan.revisions):
            problems.extend(
                dated_before_adoption(
                    plan_file, ("revisions", j, "date"), revision.date, "revideringen"
                )
            )
        problems.extend(_forecast_logic(plan_file))
    return problems


def _council_cycles(index: Index) -> Iterator[Problem]:
    """Council goals that serve each other in a circle: a roll-up along them never ends."""
    serves: dict[tuple[str, str], list[tuple[tuple[str, str], Entry, int]]] = {}
    for (plan_id, kind), table in index.entries.items():
        if kind != "council_goal":
            continue
        for goal_id, entry in table.items():
            targets = serves.setdefault((plan_id, goal_id), [])
            for j, ref in enumerate(entry.value.serves):
                found = index.resolve(ref, "council_goal", plan_id)
                if found is not None:
                    targets.append(((found.plan_file.plan.id, found.value.id), entry, j))
    done: set[tuple[str, str]] = set()
    for start in sorted(serves):
        chain: list[tuple[str, str]] = []
        node: tuple[str, str] | None = start
        while node is not None and node not in done and node not in chain:
            chain.append(node)
            nexts = serves.get(node, [])
            node = nexts[0][0] if nexts else None
        if node is not None and node in chain:
            circle = chain[chain.index(node) :]
            _, entry, j = serves[circle[-1]][0]
            names = " → ".join(goal for _, goal in [*circle, node])
            yield located_problem(
                entry.plan_file,
                (*entry.path, "serves", j),
                "VP214",
                f"KF-målen tjänar varandra i en cirkel: {names}",
                hint="Ett mål tjänar ett överordnat mål; ta bort en av hänvisningarna.",
            )
        done.update(chain)


def _forecast_logic(plan_file: PlanFile) -> Iterator[Problem]:
    """A yearly indicator has no values inside the year for a line or a season to follow."""
    for i, indicator in enumerate(plan_file.plan.indicators):
        method = indicator.forecast
        if indicator.frequency is Frequency.YEAR and method in (
            ForecastMethod.LINEAR,
            ForecastMethod.SEASONAL,
        ):
            yield located_problem(
                plan_file,
                ("indicators", i, "forecast"),
                "VP106",
                f"prognosmetoden {method.value} kräver värden under året, men "
                f"{indicator.id!r} redovisas per år",
                hint="Välj last (förra årets värde) eller none för ett årsnyckeltal.",
            )


def _duplicate(plan_file: PlanFile, path: Path_, kind: str, ident: str, first: Entry) -> Problem:
    where = first.plan_file.positions.of_value((*first.path, "id") if kind != "plan" else ("id",))
    place = f"{first.plan_file.file}:{where[0]}" if where else first.plan_file.file
    word = "planen" if kind == "plan" else KIND_WORDS[kind]
    return located_problem(
        plan_file,
        (*path, "id") if kind != "plan" else path,
        "VP201",
        f"id {ident!r} används redan för {word} på {place}",
        hint="Varje id ska vara unikt; byt namn på det ena.",
    )


def _references(plan_file: PlanFile, index: Index, every_plan_read: bool) -> Iterator[Problem]:
    plan = plan_file.plan
    refs: list[tuple[Path_, str, str]] = []
    for area, path in iter_areas(plan.areas):
        refs.extend(
            ((*path, "serves", i), ref, "council_goal") for i, ref in enumerate(area.serves)
        )
    for i, council_goal in enumerate(plan.council_goals):
        refs.extend(
            (("council_goals", i, "serves", j), ref, "council_goal")
            for j, ref in enumerate(council_goal.serves)
        )
    for i, indicator in enumerate(plan.indicators):
        if indicator.area is not None:
            refs.append((("indicators", i, "area"), indicator.area, "area"))
    for i, goal in enumerate(plan.goals):
        refs.append((("goals", i, "area"), goal.area, "area"))
        if goal.indicator is not None:
            refs.append((("goals", i, "indicator"), goal.indicator, "indicator"))
        for k, measure in enumerate(goal.measures):
            if measure.indicator is not None:
                refs.append(
                    (("goals", i, "measures", k, "indicator"), measure.indicator, "indicator")
                )
        refs.extend(
            (("goals", i, "serves", j), ref, "council_goal") for j, ref in enumerate(goal.serves)
        )
    for i, activity in enumerate(plan.activities):
        if activity.area is not None:
            refs.append((("activities", i, "area"), activity.area, "area"))
        refs.extend(
            (("activities", i, "goals", j), ref, "goal") for j, ref in enumerate(activity.goals)
        )
    for path, ref, kind in refs:
        if index.resolve(ref, kind, plan.id) is not None:
            continue
        serves_goal = path[0] == "goals" and "serves" in path and "/" in ref
        if serves_goal and index.resolve(ref, "goal", plan.id) is not None:
            continue  # a goal of another plan: a verksamhetsområde serves its nämnd
        other_plan = ref.rpartition("/")[0]
        if other_plan and other_plan not in index.plans and not every_plan_read:
            continue
        if other_plan and other_plan not in index.plans:
            yield located_problem(
                plan_file,
                path,
                "VP202",
                f"planen {other_plan!r} i referensen {ref!r} finns inte bland de lästa planfilerna",
                hint="Validera hela katalogen plans/ så att planer som refererar till varandra "
                "läses tillsammans.",
            )
            continue
        choices = index.candidates(ref, kind, plan.id)
        close = suggest(ref, choices)
        hint = f"Menade du {close!r}?" if close else known_ids(choices)
        yield located_problem(
            plan_file, path, "VP202", f"{KIND_WORDS[kind]} {ref!r} finns inte", hint=hint
        )
