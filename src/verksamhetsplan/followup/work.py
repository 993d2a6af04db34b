"""Mitt arbete: what one person records for a follow-up period, plan by plan.

A person answers for what the plans name them responsible for (`responsible:` on a goal, a
measure or an activity); the indicators of their goals are theirs to record. Each item
carries what `vp status` would say beside it (the computed status and the forecast) and what
`vp due` finds missing, by the same rules (`followup.due`), so the web form and the CLI never
disagree about what is due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..common.problems import Problem
from ..data.periods import period_end, periods_of_year, within
from ..plan.analysis import known_subjects, load_analysis
from ..plan.goals import Goal
from ..plan.load import PlanFile
from ..plan.model import Activity, Indicator
from .attainment import Evaluation
from .due import due


@dataclass
class IndicatorWork:
    indicator: Indicator
    # every period of the follow-up so far: its value (None when missing) and whether it has ended
    periods: list[tuple[str, float | None, bool]]
    # the values by gender too, for an indicator reported by gender: (period, K|M) → value
    by_gender: dict[tuple[str, str], float] = field(default_factory=dict)

    @property
    def genders(self) -> tuple[str, ...]:
        return ("T", "K", "M") if self.indicator.by_gender else ("T",)

    def value(self, period: str, gender: str) -> float | None:
        if gender == "T":
            return next((v for p, v, _ in self.periods if p == period), None)
        return self.by_gender.get((period, gender))

    @property
    def missing(self) -> list[str]:
        return [p for p, value, ended in self.periods if ended and value is None]


@dataclass
class GoalWork:
    goal: Goal
    evaluation: Evaluation | None
    analysis: str  # the goal's section of the period's analysis, "" if none
    assessed: bool  # an assessment for the period exists


@dataclass
class PlanWork:
    plan_file: PlanFile
    period: str
    goals: list[GoalWork] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    indicators: list[IndicatorWork] = field(default_factory=list)
    due: list[Problem] = field(default_factory=list)  # `vp due`'s items that are this person's

    @property
    def empty(self) -> bool:
        return not (self.goals or self.activities or self.indicators)


def _theirs(responsible: str | None, names: set[str] | None) -> bool:
    return names is None or (responsible is not None and responsible.casefold() in names)


def goal_is_theirs(goal: Goal, names: set[str] | None) -> bool:
    return _theirs(goal.responsible, names) or any(
        _theirs(m.responsible, names) for m in goal.measures
    )


def responsible_names(plan: Any) -> list[str]:
    """Everyone the plan names responsible for a goal, a measure or an activity, as written."""
    found = [g.responsible for g in plan.goals]
    found += [m.responsible for g in plan.goals for m in g.measures]
    found += [a.responsible for a in plan.activities]
    return sorted({n for n in found if n})


def work(
    repository: Any,
    period: str,
    responsible: list[str] | None,
    today: dt.date,
    evaluate: bool = True,
) -> list[PlanWork]:
    """Each plan's items for the period that the person answers for; `responsible=None` is
    everything (the secretary's view). Plans with nothing for the person are left out.
    Without `evaluate` the items are listed as they stand, without the computed status and
    `vp due`'s list: what a save needs to check who may change what, at a fraction of the
    cost."""
    names = None if responsible is None else {r.casefold() for r in responsible}
    year = int(period[:4])
    found = []
    for plan_file in [p for p in repository.plans if year in p.plan.period.years]:
        plan = plan_file.plan
        goals = [g for g in plan.goals if year in g.years and goal_is_theirs(g, names)]
        activities = [
            a
            for a in plan.activities
            if _theirs(a.responsible, names) and (a.year is None or a.year == year)
        ]
        here = PlanWork(plan_file, period, activities=activities)
        if goals:
            here.goals = _goals(repository, plan_file, period, goals, today, evaluate)
            here.indicators = _indicators(repository, plan_file, period, goals, today)
        if not here.empty:
            found.append(here)
    if not evaluate:
        return found
    # what is due only for the plans the person has something in: the costly part
    listed = due(repository, [w.plan_file for w in found], period, None, today)
    for here, plan_due in zip(found, listed, strict=True):
        mine = {g.goal.id for g in here.goals} | {a.id for a in here.activities}
        mine |= {i.indicator.id for i in here.indicators}
        here.due = [
            item
            for item in plan_due.items
            if names is None or any(f" {ident} " in f" {item.message} " for ident in mine)
        ]
    return found


def _goals(
    repository: Any,
    plan_file: PlanFile,
    period: str,
    goals: list[Goal],
    today: dt.date,
    evaluate: bool,
) -> list[GoalWork]:
    plan = plan_file.plan
    evaluations = {}
    if evaluate:
        as_of = min(today, period_end(period))
        follow_up = repository.follow_up(plan_file, None, as_of, period)
        evaluations = {e.goal.id: e for e in follow_up.evaluations}
    analysis, _ = load_analysis(repository.root, plan.id, period, known_subjects(plan))
    return [
        GoalWork(
            goal,
            evaluations.get(goal.id),
            (analysis.text_for(goal.id) or "") if analysis is not None else "",
            any(str(a.period) == period for a in goal.assessments),
        )
        for goal in goals
    ]


def _indicators(
    repository: Any, plan_file: PlanFile, period: str, goals: list[Goal], today: dt.date
) -> list[IndicatorWork]:
    year = int(period[:4])
    used = sorted({part.indicator for g in goals for part in g.parts() if part.indicator})
    lookup = repository.lookup_for(plan_file, {year})
    found = []
    for ref in used:
        entry = repository.index.resolve(ref, "indicator", plan_file.plan.id)
        if entry is None or entry.value.economy is not None:
            continue  # an economy figure is computed, never recorded by hand
        indicator = entry.value
        known = {o.period: o.value for o in lookup(indicator.id, "T")}
        periods = [
            (p, known.get(p), period_end(p) < today)
            for p in periods_of_year(year, indicator.frequency)
            if within(p, period)
        ]
        by_gender = {
            (o.period, gender): o.value
            for gender in ("K", "M")
            if indicator.by_gender
            for o in lookup(indicator.id, gender)
        }
        found.append(IndicatorWork(indicator, periods, by_gender))
    return found
