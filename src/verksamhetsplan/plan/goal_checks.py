"""The logic of goals, measures and activities inside one plan: years inside the plan
period, baselines and targets that agree with their indicators, assessments of measures
that exist, dates after adoption. Part of the checks across plans (`checks`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..common.problems import Problem, Severity, suggest
from .fields import period_end
from .goals import (
    AtLeast,
    AtMost,
    Direction,
    Goal,
    Measure,
    Milestone,
    PointsChange,
    RelativeChange,
)
from .load import PlanFile, located_problem
from .model import period_year
from .vocabulary import Better, Gender, Unit
from .yaml_reader import Path_

if TYPE_CHECKING:
    from .checks import Index


def goal_logic(plan_file: PlanFile, index: Index) -> Iterator[Problem]:
    plan = plan_file.plan
    start, end = plan.period.start, plan.period.end
    yield from _deadline_logic(plan_file)
    for i, goal in enumerate(plan.goals):
        here: Path_ = ("goals", i)
        for year in goal.years:
            if not start <= year <= end:
                yield located_problem(
                    plan_file,
                    (*here, "year"),
                    "VP203",
                    f"målåret {year} ligger utanför planperioden {plan.period.text}",
                )
        # A single-target goal is checked as its own measure: it has the same fields.
        parts: list[tuple[Path_, Measure | Goal]] = (
            [(here, goal)]
            if not goal.measures
            else [((*here, "measures", k), measure) for k, measure in enumerate(goal.measures)]
        )
        for where, part in parts:
            yield from _part_logic(plan_file, index, where, goal, part)
        measure_ids = [m.id for m in goal.measures]
        count = goal.verdict.count if goal.verdict else None
        if count is not None and count > len(goal.measures):
            yield located_problem(
                plan_file,
                (*here, "verdict", "count"),
                "VP106",
                f"regeln kräver {count} av {len(goal.measures)} mått, fler än målet har",
                hint="Sänk count eller lägg till mått.",
            )
        for k, measure in enumerate(goal.measures):
            if measure.id in measure_ids[:k]:
                yield located_problem(
                    plan_file,
                    (*here, "measures", k, "id"),
                    "VP201",
                    f"måttet {measure.id!r} finns redan i målet {goal.id!r}",
                )
        for j, assessment in enumerate(goal.assessments):
            yield from dated_before_adoption(
                plan_file, (*here, "assessments", j, "date"), assessment.date, "bedömningen"
            )
            if assessment.measure is not None and assessment.measure not in measure_ids:
                close = suggest(assessment.measure, measure_ids)
                yield located_problem(
                    plan_file,
                    (*here, "assessments", j, "measure"),
                    "VP202",
                    f"målet {goal.id!r} har inget mått {assessment.measure!r}",
                    hint=f"Menade du {close!r}?" if close else known_ids(measure_ids),
                )
            if period_year(assessment.period) not in goal.years:
                yield located_problem(
                    plan_file,
                    (*here, "assessments", j, "period"),
                    "VP210",
                    f"bedömningen avser {assessment.period}, men målet gäller "
                    f"{', '.join(map(str, goal.years))}",
                )
        if plan.follow_up.requires_method and not goal.method:
            yield located_problem(
                plan_file,
                here,
                "VP208",
                f"målet {goal.id!r} saknar metod, som planen kräver",
                severity=Severity.WARNING,
            )


def _part_logic(
    plan_file: PlanFile, index: Index, where: Path_, goal: Goal, part: Measure | Goal
) -> Iterator[Problem]:
    """The checks of one measure (or a single-target goal's own target) at its place."""
    plan = plan_file.plan
    target = part.target
    what = f"målet {goal.id!r}" if not goal.measures else f"måttet {part.id!r} i {goal.id!r}"
    if isinstance(target, Milestone):
        if not target.criteria:
            yield located_problem(
                plan_file,
                (*where, "target"),
                "VP205",
                f"milstolpen i {what} saknar kriterier",
                hint="Ange under target.criteria vad som ska vara uppfyllt, så att "
                "bedömningen kan göras mot något.",
            )
    elif part.indicator is None:
        yield located_problem(
            plan_file,
            where,
            "VP207",
            f"{what} har ett mätbart målvärde men inget nyckeltal (indicator)",
            hint="Ange indicator:, eller gör målet till en milstolpe (kind: milestone).",
        )
    if isinstance(target, (RelativeChange, PointsChange)) and part.baseline is None:
        yield located_problem(
            plan_file,
            (*where, "target"),
            "VP204",
            f"förändringsmålet i {what} saknar basvärde (baseline)",
            hint="Ange baseline: {period: 2017}, {previous_year: true} eller {value: …}.",
        )
    since = getattr(target, "mean_since", None)
    if since is not None and since > min(goal.years):
        yield located_problem(
            plan_file,
            (*where, "target", "mean_since"),
            "VP203",
            f"snittet i {what} börjar {since}, efter målåret {min(goal.years)}",
            hint="mean_since är det första året i snittet och får inte ligga efter målets år.",
        )
    baseline_period = part.baseline.period if part.baseline else None
    if baseline_period is not None and period_year(baseline_period) >= min(goal.years):
        yield located_problem(
            plan_file,
            (*where, "baseline", "period"),
            "VP204",
            f"basvärdets period {baseline_period} ligger inte före målåret {min(goal.years)}",
        )
    entry = index.resolve(part.indicator, "indicator", plan.id) if part.indicator else None
    if entry is not None:
        yield from _against_indicator(plan_file, where, part, entry.value)


def _against_indicator(
    plan_file: PlanFile, here: Path_, goal: Measure | Goal, indicator: Any
) -> Iterator[Problem]:
    target = goal.target
    direction = None
    if isinstance(target, RelativeChange) and target.percent:
        direction = Better.HIGHER if target.percent > 0 else Better.LOWER
    elif isinstance(target, PointsChange) and target.points:
        direction = Better.HIGHER if target.points > 0 else Better.LOWER
    elif isinstance(target, AtLeast):
        direction = Better.HIGHER
    elif isinstance(target, AtMost):
        direction = Better.LOWER
    elif isinstance(target, Direction):
        direction = Better.HIGHER if target.direction == "increase" else Better.LOWER
    if direction is not None and indicator.better not in (Better.NONE, direction):
        wanted = "höjas" if direction is Better.HIGHER else "sänkas"
        better = "högre" if indicator.better is Better.HIGHER else "lägre"
        yield located_problem(
            plan_file,
            (*here, "target"),
            "VP206",
            f"målet vill att {indicator.id!r} ska {wanted}, men för nyckeltalet är "
            f"{better} värde bättre",
            hint="Kontrollera tecknet på målvärdet eller nyckeltalets better:.",
            severity=Severity.WARNING,
        )
    if isinstance(target, PointsChange) and indicator.unit is not Unit.PERCENT:
        yield located_problem(
            plan_file,
            (*here, "target"),
            "VP209",
            f"procentenheter passar bara andelar, men {indicator.id!r} har enheten "
            f"{indicator.unit.value}",
            hint="Använd relative_change för en förändring i procent av basvärdet.",
            severity=Severity.WARNING,
        )
    if goal.gender is not Gender.T and not indicator.by_gender:
        yield located_problem(
            plan_file,
            (*here, "gender"),
            "VP212",
            f"målet gäller kön {goal.gender.value}, men {indicator.id!r} redovisas inte per kön",
            hint="Sätt by_gender: true på nyckeltalet eller ta bort gender: från målet.",
        )


def activity_logic(plan_file: PlanFile) -> Iterator[Problem]:
    plan = plan_file.plan
    start, end = plan.period.start, plan.period.end
    for i, activity in enumerate(plan.activities):
        first = activity.start.year if activity.start else activity.year
        last = activity.end.year if activity.end else activity.year
        # An activity begun before the period and still running in it belongs to the plan.
        outside = (first is not None and first > end) or (last is not None and last < start)
        if outside:
            yield located_problem(
                plan_file,
                ("activities", i),
                "VP203",
                f"aktiviteten {activity.id!r} ligger helt utanför planperioden {plan.period.text}",
                severity=Severity.WARNING,
            )
        for j, update in enumerate(activity.history):
            yield from dated_before_adoption(
                plan_file, ("activities", i, "history", j, "date"), update.date, "uppföljningen"
            )
        if activity.start and activity.end and activity.end < activity.start:
            yield located_problem(
                plan_file,
                ("activities", i, "end"),
                "VP106",
                "aktivitetens slutdatum ligger före startdatumet",
            )


def dated_before_adoption(
    plan_file: PlanFile, path: Path_, day: dt.date | None, what: str
) -> Iterator[Problem]:
    """A judgement of a plan cannot be made before the plan exists: most often a typo."""
    adopted = plan_file.plan.adopted
    if day is not None and adopted is not None and day < adopted.date:
        yield located_problem(
            plan_file,
            path,
            "VP213",
            f"{what} är daterad {day.isoformat()}, före planens antagande "
            f"{adopted.date.isoformat()}",
            hint="Kontrollera datumet (ÅÅÅÅ-MM-DD).",
        )


def known_ids(choices: list[str]) -> str | None:
    if not choices:
        return None
    shown = ", ".join(choices[:12]) + (" …" if len(choices) > 12 else "")
    return f"Kända id: {shown}."


def _deadline_logic(plan_file: PlanFile) -> Iterator[Problem]:
    """A deadline for a period the plan has, after the period has ended, and one a period."""
    plan = plan_file.plan
    seen: set[str] = set()
    for i, deadline in enumerate(plan.follow_up.deadlines):
        here: Path_ = ("follow_up", "deadlines", i)
        year = int(deadline.period[:4])
        if year not in plan.period.years:
            yield located_problem(
                plan_file,
                (*here, "period"),
                "VP203",
                f"perioden {deadline.period} ligger utanför planperioden {plan.period.text}",
            )
        elif deadline.date <= period_end(deadline.period):
            yield located_problem(
                plan_file,
                (*here, "date"),
                "VP216",
                f"sista dagen {deadline.date.isoformat()} ligger inte efter perioden "
                f"{deadline.period}, som slutar {period_end(deadline.period).isoformat()}",
                hint="En period rapporteras när den har slutat.",
            )
        if deadline.period in seen:
            yield located_problem(
                plan_file,
                (*here, "period"),
                "VP217",
                f"perioden {deadline.period} har redan en sista dag",
            )
        seen.add(deadline.period)
