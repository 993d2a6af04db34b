"""`vp lint`: the auditor's checklist. A plan can be valid and still be hard to follow up:
goals that cannot be measured or have no starting point, a share whose target does not say
per cent or percentage points, goals not bound to a year, key figures redefined after the
plan was adopted, council goals nobody serves, more goals than a board can steer by, and
measures nobody is responsible for. Each finding has a stable code (VP5xx), a Swedish
explanation and a location; a plan accepts a finding by giving its reason under `lint:`."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..common.problems import Problem, Severity
from .goals import Goal, Measure
from .load import PlanFile, located_problem
from .model import iter_areas
from .vocabulary import CouncilGoalKind, Unit
from .yaml_reader import Path_, parse

COUNCIL_WORDS = {
    CouncilGoalKind.COUNCIL_GOAL: "KF-målet",
    CouncilGoalKind.VISION_AREA: "visionsområdet",
    CouncilGoalKind.DEVELOPMENT_AREA: "utvecklingsområdet",
}


@dataclass
class Accepted:
    problem: Problem
    reason: str


@dataclass
class LintResult:
    findings: list[Problem] = field(default_factory=list)
    accepted: list[Accepted] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what could not be checked, and why


def _finding(plan_file: PlanFile, path: Path_, code: str, message: str, hint: str) -> Problem:
    return located_problem(plan_file, path, code, message, hint, Severity.WARNING)


def _words(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").casefold()))


Owned = tuple[Any, Problem]  # a finding with the goal, indicator or council goal it is about


def _goal_findings(plan_file: PlanFile, index: Any, i: int, goal: Goal) -> list[Owned]:
    plan = plan_file.plan
    here: Path_ = ("goals", i)
    found = []
    for j, part in enumerate(goal.parts()):
        where: Path_ = (*here, "measures", j) if goal.measures else here
        what = f"måttet {part.id} i målet {goal.id}" if goal.measures else f"målet {goal.id}"
        text = (part.text if goal.measures else None) or goal.text
        found.extend(_target_findings(plan_file, where, what, text, part, plan))
        found.extend(_share_findings(plan_file, index, where, goal, text, part))
        if not (part.responsible or goal.responsible):
            found.append(
                _finding(
                    plan_file,
                    (*where, "id"),
                    "VP508",
                    f"{what} saknar ansvarig",
                    "Den som ska se till att målet nås och rapportera det behöver ett namn: "
                    "ange responsible (vp goal edit --responsible).",
                )
            )
    if len(goal.years) > 1:
        years = ", ".join(map(str, goal.years))
        found.append(
            _finding(
                plan_file,
                (*here, "year"),
                "VP504",
                f"målet {goal.id} gäller {years} utan ett år då målvärdet ska vara nått",
                "Ett mål som gäller hela perioden kan inte bedömas som uppnått eller inte ett "
                "visst år; dela det i ett mål per år med målvärdet för det året.",
            )
        )
    return [(goal, problem) for problem in found]


def _target_findings(
    plan_file: PlanFile, where: Path_, what: str, text: str, part: Measure, plan: Any
) -> list[Problem]:
    target = part.target
    if target.kind == "milestone":
        names_number = re.search(r"\d", text) is not None
        if names_number or [_words(c) for c in target.criteria] == [_words(text)]:
            why = (
                "anger ett tal men bedöms som milstolpe"
                if names_number
                else "har bara sin egen text som kriterium"
            )
            return [
                _finding(
                    plan_file,
                    (*where, "target"),
                    "VP501",
                    f"{what} saknar ett mätbart målvärde: det {why}",
                    "Mät talet med ett nyckeltal och målvärde, eller skriv kriterier som går "
                    "att bedöma: vad ska finnas, vem ska ha gjort vad, när.",
                )
            ]
        return []
    found = []
    if part.baseline is None and plan.follow_up.baseline_period is None:
        found.append(
            _finding(
                plan_file,
                (*where, "target"),
                "VP502",
                f"{what} saknar basvärde",
                "Utan ett nuläge går det inte att se om verksamheten rör sig mot målet; ange "
                "baseline, eller planens follow_up.baseline_period, eller skälet under lint.",
            )
        )
    return found


def _share_findings(
    plan_file: PlanFile, index: Any, where: Path_, goal: Goal, text: str, part: Measure
) -> list[Problem]:
    """A change in a share, where the text does not say per cent or percentage points."""
    if part.target.kind not in ("relative_change", "percentage_points"):
        return []
    entry = index.resolve(part.indicator or "", "indicator", plan_file.plan.id)
    if entry is None or entry.value.unit is not Unit.PERCENT:
        return []
    words = _words(text)
    says_points = "procentenhet" in words
    says_percent = re.search(r"\bprocent\b", words) is not None
    points = part.target.kind == "percentage_points"
    if (points and says_points) or (not points and says_percent and not says_points):
        return []
    meant = "procentenheter" if points else "procent av basvärdet (relativ förändring)"
    return [
        _finding(
            plan_file,
            (*where, "target"),
            "VP503",
            f"målet {goal.id} ändrar en andel med '%' utan att säga procent eller "
            f"procentenheter; vp räknar {meant}",
            "På en andel betyder 'ökar med 10 %' antingen 10 procent av nuläget eller "
            "10 procentenheter. Skriv ut vilket i målets text.",
        )
    ]


def _limit_findings(plan_file: PlanFile) -> list[Owned]:
    plan = plan_file.plan
    limit = plan.follow_up.max_goals
    found = []
    for year in plan.period.years:
        count = sum(1 for g in plan.goals if year in g.years)
        if count > limit:
            problem = _finding(
                plan_file,
                ("goals",),
                "VP507",
                f"planen har {count} mål för {year}; gränsen är {limit}",
                "Fler mål än nämnden hinner följa upp och prioritera mellan gör styrningen "
                "svagare: välj de viktigaste, eller sätt follow_up.max_goals med skälet.",
            )
            found.append((None, problem))
    return found


def _unserved_findings(plan_files: list[PlanFile]) -> list[tuple[PlanFile, Any, Problem]]:
    served: set[tuple[str, str]] = set()
    for plan_file in plan_files:
        plan = plan_file.plan
        items = [a for a, _ in iter_areas(plan.areas)] + list(plan.goals) + plan.council_goals
        for item in items:
            for ref in item.serves:
                target_plan, _, local = ref.rpartition("/")
                served.add((target_plan or plan.id, local))
    found = []
    for plan_file in plan_files:
        for i, goal in enumerate(plan_file.plan.council_goals):
            if (plan_file.plan.id, goal.id) not in served:
                word = COUNCIL_WORDS[goal.kind]
                problem = _finding(
                    plan_file,
                    ("council_goals", i, "id"),
                    "VP506",
                    f"{word} {goal.id} ({goal.title}) tjänas inte av någon nämnds plan",
                    "Ett mål som ingen nämnd arbetar mot följs inte upp; låt ett område "
                    "eller mål i en nämnds plan tjäna det (serves).",
                )
                found.append((plan_file, goal, problem))
    return found


def _indicator_changes(plan_file: PlanFile, adopted: dict[str, Any], since: str) -> list[Owned]:
    """Key figures renamed, re-unitised or redefined since the adopted version."""
    before = {i.get("id"): i for i in adopted.get("indicators") or [] if isinstance(i, dict)}
    now = plan_file.plan.indicators
    found: list[Owned] = []
    for i, indicator in enumerate(now):
        old = before.get(indicator.id)
        if old is None:
            continue
        changed = []
        if old.get("unit") != indicator.unit.value:
            changed.append(f"enhet {old.get('unit')} → {indicator.unit.value}")
        if _words(old.get("description")) != _words(indicator.description):
            changed.append("definition (description)")
        old_kolada = (old.get("source") or {}).get("kolada")
        new_kolada = indicator.source.kolada if indicator.source else None
        if old_kolada != new_kolada:
            changed.append(f"Kolada-id {old_kolada or '–'} → {new_kolada or '–'}")
        if changed:
            problem = _finding(
                plan_file,
                ("indicators", i, "id"),
                "VP505",
                f"nyckeltalet {indicator.id} har ändrats sedan den antagna planen "
                f"({since}): {', '.join(changed)}",
                "Utfallen går då inte att jämföra med målet som antogs; låt nämnden "
                "besluta om ändringen (vp plan revise) och ange skälet under lint.",
            )
            found.append((indicator, problem))
    ids = {i.id for i in now}
    titles = {_words(i.title): i.id for i in now}
    for old_id, old in before.items():
        if old_id in ids:
            continue
        renamed = titles.get(_words(old.get("title")))
        message = (
            f"nyckeltalet {old_id} i den antagna planen ({since}) heter nu {renamed}"
            if renamed
            else f"nyckeltalet {old_id} i den antagna planen ({since}) finns inte längre"
        )
        problem = _finding(
            plan_file,
            ("indicators",),
            "VP505",
            message,
            "Data och mål som följer nyckeltalet tappar sin historik; låt nämnden besluta "
            "om ändringen (vp plan revise).",
        )
        found.append((next((i for i in now if i.id == renamed), None), problem))
    return found


def adopted_version(root: Path, path: Path, since: str | None) -> tuple[dict[str, Any] | None, str]:
    """The plan as adopted: at `since`, or the first commit of the file with `adopted`."""
    from ..common.git import git
    from .yaml_problems import decode

    name = Path(os.path.relpath(os.path.abspath(path), os.path.abspath(root))).as_posix()
    if since is not None:
        commits = [since]
    else:
        log = git(root, "log", "--reverse", "--format=%H", "--", name)
        commits = log.stdout.decode().split() if log.returncode == 0 else []
    for commit in commits:
        shown = git(root, "show", f"{commit}:./{name}")
        if shown.returncode != 0:
            continue
        try:
            data, _ = parse(decode(shown.stdout), record=False)
        except Exception:
            continue
        if isinstance(data, dict) and (since is not None or data.get("adopted")):
            return data, commit[:7]
    return None, ""


def lint(
    root: Path,
    plan_files: list[PlanFile],
    all_plans: list[PlanFile],
    index: Any,
    since: str | None,
) -> LintResult:
    """Every finding of the checklist for the chosen plans."""
    from ..common.git import is_shallow, repository_problem

    result = LintResult()
    found: list[tuple[PlanFile, Any, Problem]] = []
    unusable = repository_problem(root)
    in_git = unusable is None
    if unusable is not None:
        result.notes.append(
            f"{unusable[0].upper()}{unusable[1:]}, så ändrade nyckeltal sedan antagandet (VP505) "
            "kontrolleras inte."
        )
    elif since is None and is_shallow(root):
        result.notes.append(
            "Förrådet är en grund klon (git clone --depth), så historiken kan sakna planen som "
            "den antogs: ändrade nyckeltal sedan antagandet (VP505) kontrolleras bara mot den "
            "äldsta commit som finns. Hämta hela historiken med git fetch --unshallow, eller "
            "ange den antagna versionen med --since."
        )
    for plan_file in plan_files:
        owned = [
            pair
            for i, goal in enumerate(plan_file.plan.goals)
            for pair in _goal_findings(plan_file, index, i, goal)
        ]
        owned.extend(_limit_findings(plan_file))
        if in_git:
            adopted, commit = adopted_version(root, Path(plan_file.file), since)
            if adopted is not None:
                owned.extend(_indicator_changes(plan_file, adopted, commit))
        found.extend((plan_file, owner, problem) for owner, problem in owned)
    chosen = {p.file for p in plan_files}
    found.extend(item for item in _unserved_findings(all_plans) if item[0].file in chosen)
    for plan_file, owner, problem in found:
        accepted = owner.lint if owner is not None else plan_file.plan.lint
        reason = accepted.get(problem.code) or plan_file.plan.lint.get(problem.code)
        if reason:
            result.accepted.append(Accepted(problem, reason))
        else:
            result.findings.append(problem)
    _control_findings(root, plan_files, all_plans, result)
    return result


def _control_findings(
    root: Path, plan_files: list[PlanFile], all_plans: list[PlanFile], result: LintResult
) -> None:
    """The internkontrollplaner of the chosen plans (all of them when every plan is chosen)."""
    from .control import control_paths, load_control_plans
    from .control_lint import control_findings

    every = len(plan_files) == len(all_plans)
    chosen = {p.plan.id for p in plan_files}
    loaded, _ = load_control_plans(control_paths(root))
    for control_file in loaded:
        if not every and control_file.plan.plan not in chosen:
            continue
        for accepted, problem in control_findings(control_file):
            reason = accepted.get(problem.code) or control_file.plan.lint.get(problem.code)
            if reason:
                result.accepted.append(Accepted(problem, reason))
            else:
                result.findings.append(problem)
