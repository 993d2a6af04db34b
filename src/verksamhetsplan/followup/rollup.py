"""A plan's follow-up for a year: every goal evaluated, rolled up per area and council goal."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..data.observation import Lookup, Observation
from ..data.periods import period_end
from ..plan.checks import Index
from ..plan.load import PlanFile
from ..plan.model import Area, CouncilGoal, Indicator, iter_areas
from ..plan.vocabulary import ActivityStatus
from .attainment import Evaluation
from .measures import evaluate_goal
from .summary import DEFAULT_SUMMING, Summing, Tally
from .thresholds import DEFAULT_RULE, Rule, rule_of


@dataclass
class AreaFollowUp:
    area: Area
    depth: int
    evaluations: list[Evaluation]  # goals of this area and its sub-areas
    tally: Tally


@dataclass
class CouncilFollowUp:
    council_goal: CouncilGoal
    ref: str
    areas: list[Area]  # areas of this plan that serve it
    evaluations: list[Evaluation]
    tally: Tally


@dataclass
class PlanFollowUp:
    plan_file: PlanFile
    year: int
    as_of: dt.date
    evaluations: list[Evaluation]
    areas: list[AreaFollowUp]
    council: list[CouncilFollowUp]
    tally: Tally
    rule: Rule = DEFAULT_RULE
    summing: Summing = DEFAULT_SUMMING
    period: str | None = None  # a follow-up period inside the year (2018-T2), if any
    as_of_given: bool = False  # the as-of date was asked for (and is shown), not today
    # Kolada's comparison beside the verdicts, by indicator id
    comparisons: dict[str, Any] = field(default_factory=dict)

    @property
    def data_through(self) -> dt.date | None:
        """The end of the last period with a value the follow-up used: what "data till och
        med" means, never the as-of date."""
        cutoff = min(self.as_of, period_end(self.period)) if self.period else self.as_of
        return data_through(self.evaluations, cutoff)


def data_through(evaluations: Sequence[Evaluation], as_of: dt.date) -> dt.date | None:
    """The end of the last ended period whose value the evaluations used. A yearly value
    given before its year ends (preliminary) does not make the data run to 31 December."""
    ends = [
        end
        for e in evaluations
        for part in (e.measures or (e,))
        if part.outcome is not None
        for o in part.outcome.used
        if (end := period_end(o.period)) <= as_of
    ]
    return max(ends) if ends else None


def default_year(plan_file: PlanFile, as_of: dt.date) -> int:
    """The year a follow-up is about when none is asked for: the latest begun year of the plan."""
    period = plan_file.plan.period
    return max(period.start, min(period.end, as_of.year))


def follow_up(
    plan_file: PlanFile,
    index: Index,
    year: int,
    as_of: dt.date,
    lookup: Lookup,
    period: str | None = None,
) -> PlanFollowUp:
    """Every goal of the plan for the year, or for a period inside it (2018-T2: values up
    to its end, its assessments, forecast verdicts); index resolves references across all
    plans."""
    plan = plan_file.plan
    rule = rule_of(plan.follow_up)
    summing = Summing.of(plan.follow_up.rollup)
    activities: dict[str, list[ActivityStatus]] = {}
    for activity in plan.activities:
        for ref in activity.goals:
            state = activity.status_on(min(as_of, period_end(period)) if period else as_of)
            activities.setdefault(ref.rpartition("/")[2], []).append(state)

    def resolve(ref: str) -> Indicator | None:
        entry = index.resolve(ref, "indicator", plan.id)
        return entry.value if entry else None

    evaluations = [
        evaluate_goal(
            goal,
            year,
            resolve,
            lookup,
            as_of,
            rule,
            activities.get(goal.id, ()),
            period=period,
            forecast_method=plan.follow_up.forecast,
        )
        for goal in plan.goals
        if year in goal.years
    ]
    parents = area_parents(plan.areas)
    by_area: dict[str, list[Evaluation]] = {}
    for evaluation in evaluations:
        for area_id in area_chain(evaluation.goal.area, parents):
            by_area.setdefault(area_id, []).append(evaluation)
    areas = [
        AreaFollowUp(
            area,
            len(path) // 2 - 1,
            by_area.get(area.id, []),
            tally_of(by_area.get(area.id, []), summing),
        )
        for area, path in iter_areas(plan.areas)
    ]
    council = _council(plan_file, index, evaluations, parents, summing)
    return PlanFollowUp(
        plan_file,
        year,
        as_of,
        evaluations,
        areas,
        council,
        tally_of(evaluations, summing),
        rule,
        summing,
        period,
    )


def area_parents(areas: list[Area]) -> dict[str, str | None]:
    """Each area's parent area (None for a top-level area), nested ones included."""
    parents: dict[str, str | None] = {}

    def walk(children: list[Area], parent: str | None) -> None:
        for child in children:
            parents[child.id] = parent
            walk(child.areas, child.id)

    walk(areas, None)
    return parents


def _council(
    plan_file: PlanFile,
    index: Index,
    evaluations: list[Evaluation],
    parents: dict[str, str | None],
    summing: Summing,
) -> list[CouncilFollowUp]:
    """Council goals this plan defines or serves, with the areas and goals serving each.

    A council goal that no area serves stays in the list with no areas: that is the
    coverage gap a board must see.
    """
    plan = plan_file.plan
    areas = {area.id: area for area, _ in iter_areas(plan.areas)}
    refs: list[str] = [goal.id for goal in plan.council_goals]
    for area in areas.values():
        refs.extend(ref for ref in area.serves if ref not in refs)
    # A goal may serve a council goal itself, without its area doing so.
    for e in evaluations:
        refs.extend(
            ref
            for ref in e.goal.serves
            if ref not in refs and index.resolve(ref, "council_goal", plan.id) is not None
        )
    result = []
    for ref in refs:
        entry = index.resolve(ref, "council_goal", plan.id)
        if entry is None:
            continue
        # References are compared as written: local ids, or plan-id/id across files.
        serving = [a for a in areas.values() if ref in a.serves]
        served_ids = {a.id for a in serving}
        chosen = [
            e
            for e in evaluations
            if ref in e.goal.serves or served_ids & set(area_chain(e.goal.area, parents))
        ]
        result.append(
            CouncilFollowUp(
                entry.value,
                ref,
                serving,
                chosen,
                tally_of(chosen, summing),
            )
        )
    return result


def area_chain(area_ref: str, parents: dict[str, str | None]) -> list[str]:
    """An area and the areas above it, innermost first; the last is the top-level area."""
    chain: list[str] = []
    current: str | None = area_ref.rpartition("/")[2]
    while current is not None:
        chain.append(current)
        current = parents.get(current)
    return chain


def lookup_from(series: dict[tuple[str, str], list[Observation]]) -> Lookup:
    def lookup(indicator: str, gender: str) -> list[Observation]:
        return series.get((indicator, gender), [])

    return lookup


def restrict_to_area(follow_up: PlanFollowUp, area_id: str) -> PlanFollowUp | None:
    """The follow-up of one area (with its sub-areas), or None if the plan has no such area."""
    matching = [a for a in follow_up.areas if a.area.id == area_id]
    if not matching:
        return None
    area = replace(matching[0], depth=0)
    return replace(
        follow_up,
        evaluations=area.evaluations,
        areas=[area],
        tally=tally_of(area.evaluations, follow_up.summing),
    )


def tally_of(evaluations: Sequence[Evaluation], summing: Summing) -> Tally:
    """The roll-up of some goals, with their forecast verdicts counted apart."""
    tally = Tally.of([(e.goal, e.status) for e in evaluations], summing)
    tally.forecasts = dict(Counter(e.forecast_status for e in evaluations if e.forecast_status))
    return tally
