"""`vp due`: what must be done before a period's report, as located items a person or a CI
job can act on: values of ended periods that are missing, goals nobody has assessed or
analysed for the period, activities without a status update since a date, and goals and
measures without a responsible person."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.problems import Problem, Severity
from ..data.periods import period_end, period_start, periods_of_year, within
from ..plan.analysis import known_subjects, load_analysis
from ..plan.goals import Goal
from ..plan.load import PlanFile, located_problem
from ..plan.vocabulary import ActivityStatus, VerdictRule
from ..plan.yaml_reader import Path_
from .rollup import default_year


@dataclass
class PlanDue:
    plan_file: PlanFile
    period: str
    since: dt.date
    items: list[Problem]


def _item(plan_file: PlanFile, path: Path_, code: str, message: str, hint: str) -> Problem:
    return located_problem(plan_file, path, code, message, hint, Severity.WARNING)


def _needs_assessment(goal: Goal) -> bool:
    """A milestone, or measures judged by a person: nothing but an assessment gives a status."""
    if goal.verdict is not None and goal.verdict.rule is VerdictRule.ASSESSMENT:
        return True
    return any(part.target.kind == "milestone" for part in goal.parts())


def due(
    repository: Any,
    plan_files: list[PlanFile],
    period: str | None,
    since: dt.date | None,
    today: dt.date,
) -> list[PlanDue]:
    """What is due for each plan whose period includes the follow-up period."""
    found = []
    for plan_file in plan_files:
        chosen = period or str(default_year(plan_file, today))
        if int(chosen[:4]) not in plan_file.plan.period.years:
            continue
        start = since or period_start(chosen)
        items = [
            *_missing_values(repository, plan_file, chosen, today),
            *_unjudged_goals(plan_file, chosen, today, repository.root),
            *_stale_activities(plan_file, chosen, start, today),
            *_without_responsible(plan_file, chosen),
            *_internal_control(repository.root, plan_file, chosen, today),
        ]
        found.append(PlanDue(plan_file, chosen, start, items))
    return found


def _goals_of(plan_file: PlanFile, period: str) -> list[tuple[int, Goal]]:
    year = int(period[:4])
    return [(i, g) for i, g in enumerate(plan_file.plan.goals) if year in g.years]


def _missing_values(
    repository: Any, plan_file: PlanFile, period: str, today: dt.date
) -> list[Problem]:
    year = int(period[:4])
    used = {
        part.indicator
        for _, goal in _goals_of(plan_file, period)
        for part in goal.parts()
        if part.indicator
    }
    lookup = repository.lookup_for(plan_file, {year})
    items = []
    for ref in sorted(used):
        entry = repository.index.resolve(ref, "indicator", plan_file.plan.id)
        if entry is None:
            continue
        indicator = entry.value
        ended = [
            p
            for p in periods_of_year(year, indicator.frequency)
            if within(p, period) and period_end(p) < today
        ]
        known = {o.period for gender in ("T", "K", "M") for o in lookup(indicator.id, gender)}
        missing = [p for p in ended if p not in known]
        if missing:
            items.append(
                _item(
                    entry.plan_file,
                    (*entry.path, "id"),
                    "VP601",
                    f"nyckeltalet {indicator.id} saknar värde för {', '.join(missing)}",
                    f"Registrera med `vp data add {indicator.id} {missing[0]} VÄRDE`, eller "
                    "hämta från Kolada med `vp data fetch`.",
                )
            )
    return items


def _unjudged_goals(plan_file: PlanFile, period: str, today: dt.date, root: Path) -> list[Problem]:
    plan = plan_file.plan
    analysis, _ = load_analysis(root, plan.id, period, known_subjects(plan))
    items = []
    for i, goal in _goals_of(plan_file, period):
        assessed = any(
            a.period == period and (a.date is None or a.date <= today) for a in goal.assessments
        )
        if assessed:
            continue
        if _needs_assessment(goal):
            items.append(
                _item(
                    plan_file,
                    ("goals", i, "id"),
                    "VP602",
                    f"milstolpen {goal.id} saknar bedömning för {period}",
                    f"Skriv in den med `vp assess {goal.id} --period {period} --status … "
                    f'--comment "…"`.',
                )
            )
        elif analysis is None or analysis.text_for(goal.id) is None:
            items.append(
                _item(
                    plan_file,
                    ("goals", i, "id"),
                    "VP603",
                    f"målet {goal.id} saknar bedömning och analys för {period}",
                    f"Skriv ett avsnitt '# {goal.id}' i analyses/{plan.id}/{period}.md, eller "
                    "en bedömning med `vp assess`.",
                )
            )
    return items


def _stale_activities(
    plan_file: PlanFile, period: str, since: dt.date, today: dt.date
) -> list[Problem]:
    year = int(period[:4])
    items = []
    for i, activity in enumerate(plan_file.plan.activities):
        if activity.year is not None and activity.year != year:
            continue
        if activity.status_on(today) in (ActivityStatus.DONE, ActivityStatus.CANCELLED):
            continue
        latest = activity.update_on(today)
        if latest is not None and latest.date >= since:
            continue
        last = f"senast {latest.date.isoformat()}" if latest else "aldrig"
        items.append(
            _item(
                plan_file,
                ("activities", i, "id"),
                "VP604",
                f"aktiviteten {activity.id} är inte uppföljd sedan {since.isoformat()} ({last})",
                f'Följ upp med `vp activity {activity.id} --status … --comment "…"`.',
            )
        )
    return items


def _without_responsible(plan_file: PlanFile, period: str) -> list[Problem]:
    items = []
    for i, goal in _goals_of(plan_file, period):
        if goal.responsible:
            continue
        hint = f'Ange en ansvarig med `vp goal edit {goal.id} --responsible "…"`.'
        if not goal.measures:
            message = f"målet {goal.id} saknar ansvarig"
            items.append(_item(plan_file, ("goals", i, "id"), "VP605", message, hint))
            continue
        for j, measure in enumerate(goal.measures):
            if not measure.responsible:
                message = f"måttet {measure.id} i målet {goal.id} saknar ansvarig"
                path = ("goals", i, "measures", j, "id")
                items.append(_item(plan_file, path, "VP605", message, hint))
    return items


def _internal_control(
    root: Path, plan_file: PlanFile, period: str, today: dt.date
) -> list[Problem]:
    """Controls of the board's internkontrollplan not reported for a period that has ended,
    and actions past their date."""
    from .control import MISSING, follow_up, for_plan

    items = []
    for control_file in for_plan(root, plan_file.plan.id, int(period[:4])):
        found = follow_up(control_file, today, period)
        index = {c.id: i for i, c in enumerate(control_file.plan.controls)}
        for _, control in found.controls():
            missing = [p.period for p in control.periods if p.state == MISSING]
            if missing:
                items.append(
                    located_problem(
                        control_file,
                        ("controls", index[control.control.id], "id"),
                        "VP606",
                        f"kontrollen {control.control.id} saknar resultat för {', '.join(missing)}",
                        f"Skriv in det med `vp control result {control.control.id} --period "
                        f'{missing[0]} --outcome … --comment "…"`.',
                        Severity.WARNING,
                    )
                )
        for item in found.actions():
            if item.overdue:
                items.append(
                    located_problem(
                        control_file,
                        _action_path(control_file, item.action),
                        "VP607",
                        f"åtgärden {item.action.id or _short(item.action.what)} ({item.origin}) "
                        f"skulle vara klar {item.action.due.isoformat()}",
                        "Följ upp den: sätt status och datum på åtgärden.",
                        Severity.WARNING,
                    )
                )
    return items


def _action_path(control_file: Any, action: Any) -> Path_:
    plan = control_file.plan
    for i, risk in enumerate(plan.risks):
        for j, found in enumerate(risk.actions):
            if found is action:
                return ("risks", i, "actions", j, "due")
    for i, result in enumerate(plan.results):
        for j, found in enumerate(result.actions):
            if found is action:
                return ("results", i, "actions", j, "due")
    return ("id",)


def _short(text: str) -> str:
    words = text.split()
    return " ".join(words[:6]) + (" …" if len(words) > 6 else "")
