"""Internkontrollplaner: finding their files under internal-control/, loading them into
models with located problems, and the checks a model cannot make alone (scales, references
between risks, controls and results, periods inside the year, dates not in the future)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..common.files import display_path, find_files
from ..common.problems import Problem
from .control_model import ControlPlan
from .load import PLAN_SUFFIXES, Located, load_model, located_problem
from .yaml_reader import Path_, Positions

FOLDER = "internal-control"


@dataclass
class ControlFile(Located):
    """An internkontrollplan with the file it came from."""

    file: str
    plan: ControlPlan
    text: str
    _positions: Positions | None = field(default=None, repr=False)


def is_control_file(path: Path) -> bool:
    return FOLDER in path.absolute().parts[:-1]


def control_paths(root: Path) -> list[Path]:
    folder = root / FOLDER
    return find_files([folder], PLAN_SUFFIXES) if folder.is_dir() else []


def load_control_plan(
    path: Path, read: tuple[str, Any] | None = None
) -> tuple[ControlFile | None, list[Problem]]:
    shape = "en internkontrollplan ska bestå av nycklar och värden (id:, board:, risks: …)"
    loaded, problems = load_model(path, ControlPlan, shape, read)
    return (ControlFile(display_path(path), *loaded) if loaded else None), problems


def load_control_plans(paths: list[Path]) -> tuple[list[ControlFile], list[Problem]]:
    loaded, problems = [], []
    for path in paths:
        control_file, found = load_control_plan(path)
        problems.extend(found)
        if control_file is not None:
            loaded.append(control_file)
    return loaded, problems


def check_control_plans(
    control_files: list[ControlFile], plan_ids: dict[str, range] | None, today: dt.date
) -> list[Problem]:
    """The checks across each file; `plan_ids` maps every verksamhetsplan's id to its years
    (None when some plan could not be read, so references to plans are not judged)."""
    problems: list[Problem] = []
    seen: dict[str, ControlFile] = {}
    for control_file in control_files:
        plan = control_file.plan
        if plan.id in seen:
            problems.append(
                located_problem(
                    control_file,
                    ("id",),
                    "VP201",
                    f"id {plan.id!r} används redan av {seen[plan.id].file}",
                )
            )
        seen.setdefault(plan.id, control_file)
        if plan_ids is not None and plan.plan is not None:
            if plan.plan not in plan_ids:
                problems.append(
                    located_problem(
                        control_file,
                        ("plan",),
                        "VP202",
                        f"verksamhetsplanen {plan.plan!r} finns inte",
                        "Ange id:t för nämndens plan under plans/.",
                    )
                )
            elif plan.year not in plan_ids[plan.plan]:
                problems.append(
                    located_problem(
                        control_file,
                        ("year",),
                        "VP203",
                        f"året {plan.year} ligger utanför planperioden för {plan.plan}",
                    )
                )
        problems.extend(_check_one(control_file, today))
    return problems


def _check_one(control_file: ControlFile, today: dt.date) -> list[Problem]:
    plan = control_file.plan
    problems = []
    for kind, key, ids_in_order in (
        ("risken", "risks", [r.id for r in plan.risks]),
        ("kontrollen", "controls", [c.id for c in plan.controls]),
    ):
        ids: set[str] = set()
        for i, ident in enumerate(ids_in_order):
            if ident in ids:
                message = f"{kind} {ident!r} finns redan i filen"
                problems.append(located_problem(control_file, (key, i, "id"), "VP201", message))
            ids.add(ident)
    for i, risk in enumerate(plan.risks):
        for name, scale in (
            ("probability", plan.scales.probability),
            ("consequence", plan.scales.consequence),
        ):
            value = getattr(risk, name)
            if not 1 <= value <= 4:
                steps = ", ".join(f"{n} {label}" for n, label in enumerate(scale, 1))
                word = "sannolikheten" if name == "probability" else "konsekvensen"
                problems.append(
                    located_problem(
                        control_file,
                        ("risks", i, name),
                        "VP801",
                        f"{word} {value} ligger utanför skalan 1–4 för risken {risk.id}",
                        f"Skalan: {steps}.",
                    )
                )
        for j, action in enumerate(risk.actions):
            problems.extend(
                _check_action(control_file, ("risks", i, "actions", j), action, plan.year)
            )
    risks = {risk.id for risk in plan.risks}
    controls = {control.id: control for control in plan.controls}
    for i, control in enumerate(plan.controls):
        if control.risk not in risks:
            problems.append(
                located_problem(
                    control_file,
                    ("controls", i, "risk"),
                    "VP202",
                    f"kontrollen {control.id} gäller en risk som inte finns: {control.risk!r}",
                    "Risker: " + (", ".join(sorted(risks)) or "inga"),
                )
            )
        for j, period in enumerate(control.periods):
            if int(period[:4]) != plan.year:
                problems.append(
                    located_problem(
                        control_file,
                        ("controls", i, "periods", j),
                        "VP203",
                        f"perioden {period} ligger utanför planens år {plan.year}",
                    )
                )
    reported: set[tuple[str, str]] = set()
    for i, result in enumerate(plan.results):
        planned = controls.get(result.control)
        if planned is None:
            problems.append(
                located_problem(
                    control_file,
                    ("results", i, "control"),
                    "VP202",
                    f"resultatet gäller en kontroll som inte finns: {result.control!r}",
                    "Kontroller: " + (", ".join(sorted(controls)) or "inga"),
                )
            )
        elif result.period not in planned.periods:
            problems.append(
                located_problem(
                    control_file,
                    ("results", i, "period"),
                    "VP802",
                    f"kontrollen {planned.id} är inte planerad för {result.period}",
                    "Planerad för: " + ", ".join(planned.periods),
                )
            )
        if (result.control, result.period) in reported:
            problems.append(
                located_problem(
                    control_file,
                    ("results", i, "period"),
                    "VP804",
                    f"kontrollen {result.control} har redan ett resultat för {result.period}",
                    "Ett resultat per kontroll och period; rätta det som finns.",
                )
            )
        reported.add((result.control, result.period))
        if result.date > today:
            problems.append(
                located_problem(
                    control_file,
                    ("results", i, "date"),
                    "VP803",
                    f"resultatet är daterat {result.date.isoformat()}, i framtiden",
                    "Ett resultat skrivs in när kontrollen är gjord.",
                )
            )
        for j, action in enumerate(result.actions):
            path = ("results", i, "actions", j)
            problems.extend(_check_action(control_file, path, action, plan.year))
    return problems


def _check_action(control_file: ControlFile, path: Path_, action: Any, year: int) -> list[Problem]:
    if action.due.year < year:
        message = f"åtgärden ska vara klar {action.due.isoformat()}, före planens år {year}"
        return [located_problem(control_file, (*path, "due"), "VP203", message)]
    return []
