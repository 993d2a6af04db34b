"""Taking a goal, a measure or an activity out of a plan. What refers to it is found first:
activities that name a goal, goals of other plans that serve it, sections of the
administration's analyses about it, assessments of a measure. Removal is refused with that
list, unless the caller asks for the references to go too (--cascade)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ..common.files import display_path, read_bytes
from ..common.problems import Problem, Refused, suggest
from ..plan.analysis import ANALYSES, known_subjects, parse_analysis
from ..plan.load import PlanFile
from ..plan.yaml_reader import Path_
from .plans import Opened, change_plan, edit, find, finish_all, open_document
from .safe_write import Change
from .yaml_splice import Document


@dataclass
class Reference:
    plan_file: PlanFile | None  # None for an analysis file
    path: Path_ | None  # where in the plan file
    file: str
    line: int | None
    what: str  # in Swedish: "aktiviteten koll nämner målet"
    span: tuple[int, int] | None = None  # an analysis section's lines (0-based, end excluded)


def _names(ref: str, plan_file: PlanFile, plan_id: str, ident: str) -> bool:
    target_plan, _, local = ref.rpartition("/")
    return local == ident and (target_plan or plan_file.plan.id) == plan_id


def _located(plan_file: PlanFile, path: Path_, what: str) -> Reference:
    position = plan_file.positions.of_value(path)
    return Reference(plan_file, path, plan_file.file, position[0] if position else None, what)


def goal_references(repository: Any, plan_id: str, goal_id: str) -> list[Reference]:
    """Everything in the repository that names the goal."""
    found: list[Reference] = []
    for plan_file in repository.plans:
        plan = plan_file.plan
        for i, activity in enumerate(plan.activities):
            for j, ref in enumerate(activity.goals):
                if _names(ref, plan_file, plan_id, goal_id):
                    what = f"aktiviteten {activity.id} stödjer målet"
                    found.append(_located(plan_file, ("activities", i, "goals", j), what))
        for i, goal in enumerate(plan.goals):
            for j, ref in enumerate(goal.serves):
                if _names(ref, plan_file, plan_id, goal_id):
                    what = f"målet {goal.id} i {plan.id} tjänar målet"
                    found.append(_located(plan_file, ("goals", i, "serves", j), what))
    found.extend(_analysis_sections(repository, plan_id, goal_id))
    return found


def _analysis_sections(repository: Any, plan_id: str, subject: str) -> list[Reference]:
    plan_file = repository.index.plans[plan_id]
    found = []
    for path in sorted((repository.root / ANALYSES / plan_id).glob("*.md")):
        text = read_bytes(path).decode("utf-8-sig")
        analysis, _ = parse_analysis(text, path, plan_id, known_subjects(plan_file.plan))
        section = analysis.sections.get(subject)
        if section is None:
            continue
        starts = sorted(s.line - 1 for s in analysis.sections.values())
        later = [start for start in starts if start > section.line - 1]
        end = later[0] if later else len(text.splitlines())
        what = f"analysen för {path.stem} har ett avsnitt om målet"
        found.append(
            Reference(None, None, display_path(path), section.line, what, (section.line - 1, end))
        )
    return found


def _refused(kind: str, ident: str, references: list[Reference]) -> Refused:
    problems = [
        Problem("VP215", ref.what, file=ref.file, line=ref.line, column=1 if ref.line else None)
        for ref in references
    ]
    count = len(references)
    return Refused(
        f"{kind} {ident} används på {count} {'ställe' if count == 1 else 'ställen'}; "
        "ingenting har ändrats",
        problems,
        hint="Ta bort hänvisningarna först, eller kör igen med --cascade så tas de bort med.",
    )


def remove_goal(repository: Any, ref: str, cascade: bool) -> list[Change]:
    """`vp goal remove`: the goal and, with cascade, everything that names it."""
    found = find(repository.index, ref, "goal", "målet")
    plan_id, goal_id = found.plan_file.plan.id, found.value.id
    references = goal_references(repository, plan_id, goal_id)
    if references and not cascade:
        raise _refused("målet", goal_id, references)
    removals: dict[int, tuple[PlanFile, list[Path_]]] = {}
    removals[id(found.plan_file)] = (found.plan_file, [found.path])
    for reference in references:
        if reference.plan_file is not None and reference.path is not None:
            entry = removals.setdefault(id(reference.plan_file), (reference.plan_file, []))
            entry[1].append(reference.path)
    opened: list[Opened] = []
    for plan_file, paths in removals.values():
        path, raw, document = open_document(plan_file)
        edit(document, partial(_remove_paths, document, paths))
        opened.append((plan_file, path, raw, document))
    changes = finish_all(repository.plans, opened)
    changes.extend(_without_sections(references))
    changes[0].done.append(f"Målet {goal_id} är borttaget ur {found.plan_file.file}.")
    for reference in references:
        changes[0].done.append(f"  Borttaget med --cascade: {reference.what} ({reference.file}).")
    return changes


def _remove_paths(document: Document, paths: list[Path_]) -> None:
    # Later items first, so that the earlier paths still point where they did.
    for item in sorted(paths, key=_sort_key, reverse=True):
        document.remove(item)


def _sort_key(path: Path_) -> tuple[tuple[int, str], ...]:
    return tuple((0, part) if isinstance(part, str) else (1, f"{part:09d}") for part in path)


def _without_sections(references: list[Reference]) -> list[Change]:
    """The analysis files without the sections about what is removed."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for reference in references:
        if reference.span is not None:
            spans.setdefault(reference.file, []).append(reference.span)
    changes = []
    for file, cut in spans.items():
        path = Path(file)
        raw = read_bytes(path)
        lines = raw.decode("utf-8-sig").splitlines(keepends=True)
        kept = [line for i, line in enumerate(lines) if not any(a <= i < b for a, b in cut)]
        text = "".join(kept)
        if any(b >= len(lines) for _, b in cut):  # the file now ends where a section ended
            text = text.rstrip("\r\n") + ("\r\n" if "\r\n" in text else "\n")
        bom = raw[:3] if raw.startswith(b"\xef\xbb\xbf") else b""
        changes.append(Change(path, raw, bom + text.encode("utf-8")))
    return changes


def remove_measure(repository: Any, goal_ref: str, measure_id: str, cascade: bool) -> Change:
    """`vp measure remove`: a measure, and with cascade the assessments of it."""
    found = find(repository.index, goal_ref, "goal", "målet")
    goal = found.value
    ids = [m.id for m in goal.measures]
    if measure_id not in ids:
        close = suggest(measure_id, ids)
        raise Refused(
            f"målet {goal.id} har inget mått {measure_id!r}",
            hint=f"Menade du {close!r}?" if close else f"Målets mått: {', '.join(ids) or 'inga'}.",
            usage=True,
        )
    if len(ids) == 1:
        raise Refused(
            f"{measure_id} är målets enda mått; utan det saknar målet målvärde",
            hint=f"Ge målet ett eget målvärde med `vp goal edit {goal.id} --target …`, eller ta "
            "bort målet.",
            usage=True,
        )
    references = [
        _located(
            found.plan_file,
            (*found.path, "assessments", j),
            f"bedömningen för {assessment.period} av måttet",
        )
        for j, assessment in enumerate(goal.assessments)
        if assessment.measure == measure_id
    ]
    if references and not cascade:
        raise _refused("måttet", measure_id, references)
    paths: list[Path_] = [(*found.path, "measures", ids.index(measure_id))]
    paths.extend(r.path for r in references if r.path is not None)
    change = change_plan(
        repository.plans, found.plan_file, lambda document: _remove_paths(document, paths)
    )
    change.done.append(
        f"Måttet {measure_id} är borttaget ur målet {goal.id} i {found.plan_file.file}."
    )
    for reference in references:
        change.done.append(f"  Borttaget med --cascade: {reference.what}.")
    return change


def remove_activity(repository: Any, ref: str) -> Change:
    """`vp activity remove`: nothing in a plan refers to an activity, so it just goes."""
    found = find(repository.index, ref, "activity", "aktiviteten")
    change = change_plan(repository.plans, found.plan_file, lambda d: d.remove(found.path))
    change.done.append(f"Aktiviteten {found.value.id} är borttagen ur {found.plan_file.file}.")
    return change
