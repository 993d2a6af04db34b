"""A goal followed up by several measures (mått): each judged on its own, then combined by
the rule the plan declares (all, any, at least N of M, or a person's assessment informed by
them). A goal with one target is a goal with one measure and is judged as before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..data.observation import Lookup
from ..plan.goals import Goal, Measure
from ..plan.model import Indicator
from ..plan.vocabulary import ActivityStatus, ForecastMethod, VerdictRule
from .assessment import assessment_for
from .attainment import Evaluation, evaluate, with_assessment
from .thresholds import DEFAULT_RULE, RANK, Result, Rule

Resolve = Callable[[str], Indicator | None]  # an indicator reference to its definition


def evaluate_goal(
    goal: Goal,
    year: int,
    resolve: Resolve,
    lookup: Lookup,
    as_of: dt.date,
    rule: Rule = DEFAULT_RULE,
    activity_statuses: Sequence[ActivityStatus] = (),
    *,
    period: str | None = None,
    forecast_method: ForecastMethod = ForecastMethod.SEASONAL,
) -> Evaluation:
    """A goal's status for a year (or a period inside it) as known on the as-of date, with
    its measures under it."""

    def judged(one: Goal, ref: str | None) -> Evaluation:
        indicator = resolve(ref) if ref else None
        return evaluate(
            one,
            year,
            indicator,
            lookup,
            as_of,
            rule,
            activity_statuses,
            period=period,
            forecast_method=forecast_method,
        )

    if not goal.measures:
        alone = [a for a in goal.assessments if not a.measure]
        return replace(
            judged(goal.model_copy(update={"assessments": alone}), goal.indicator), goal=goal
        )
    if dt.date(year, 1, 1) > as_of:
        why = f"året {year} har inte börjat"
        return Evaluation(goal, year, Result.NOT_DUE, rule=rule, reason=why)
    parts = tuple(
        replace(judged(_as_goal(goal, measure, resolve), measure.indicator), measure=measure)
        for measure in goal.measures
    )
    verdict = goal.verdict.rule if goal.verdict else VerdictRule.ALL
    count = goal.verdict.count if goal.verdict else None
    goal_level = [a for a in goal.assessments if not a.measure]
    assessed, reason, comment = assessment_for(goal_level, year, as_of, period)
    combined = Evaluation(
        goal,
        year,
        Result.NO_DATA,
        rule=rule,
        measures=parts,
        forecast=any(p.forecast for p in parts),
        assessment_comment=comment,
        period=period,
    )
    if verdict is VerdictRule.ASSESSMENT:
        if assessed is None:
            why = "målet bedöms av en person med måtten som underlag, och bedömning saknas"
            return replace(combined, reason=why)
        return replace(
            combined,
            status=Result(assessed.value),
            reason="bedömning",
            assessed=True,
            basis="assessment",
        )
    status, why = combine(verdict, count, [(p.measure, p.status) for p in parts])
    combined = replace(combined, status=status, reason=why)
    if combined.forecast:
        # The goal's forecast verdict: each measure's forecast verdict where it has one, its
        # measured status where it has none (a milestone).
        expected = [(p.measure, p.forecast_status or p.status) for p in parts]
        combined = replace(combined, forecast_status=combine(verdict, count, expected)[0])
    return with_assessment(combined, assessed, reason)


def _as_goal(goal: Goal, measure: Measure, resolve: Resolve) -> Goal:
    """A measure judged as a goal of its own: its target, its indicator, its assessments,
    and its own text, or else its indicator's name (never the whole goal's text, which would
    read as if the measure promised all of it)."""
    indicator = resolve(measure.indicator) if measure.indicator else None
    return goal.model_copy(
        update={
            "id": measure.id,
            "text": measure.text or (indicator.title if indicator else measure.id),
            "short": measure.text,
            "indicator": measure.indicator,
            "gender": measure.gender,
            "target": measure.target,
            "baseline": measure.baseline,
            "measures": [],
            "verdict": None,
            "assessments": [a for a in goal.assessments if a.measure == measure.id],
        }
    )


def combine(
    verdict: VerdictRule, count: int | None, judged: Sequence[tuple[Measure | None, Result]]
) -> tuple[Result, str]:
    """The goal's status from its measures' statuses, by the declared rule, and why."""
    total = len(judged)
    achieved = sum(1 for _, s in judged if s is Result.ACHIEVED)
    moving = sum(1 for _, s in judged if s in (Result.ACHIEVED, Result.PARTIAL))
    # Named as the plan words them, where it does: the reason is read in the board's report.
    unknown = [_name(m) for m, s in judged if s not in RANK]
    needed = {VerdictRule.ALL: total, VerdictRule.ANY: 1}.get(verdict, count or total)
    rule_words = {
        VerdictRule.ALL: f"alla {total} mått ska nås",
        VerdictRule.ANY: "något av måtten ska nås",
    }.get(verdict, f"minst {needed} av {total} mått ska nås")

    def status(reached: int, moved: int) -> Result:
        if reached >= needed:
            return Result.ACHIEVED
        return Result.PARTIAL if moved else Result.NOT_ACHIEVED

    # Measures without a verdict decide only if they could: judge the best and worst case.
    worst = status(achieved, moving)
    best = status(achieved + len(unknown), moving + len(unknown))
    if worst is not best:
        which = "måttet" if len(unknown) == 1 else "måtten"
        return Result.NO_DATA, f"{rule_words}, och {which} {', '.join(unknown)} saknar underlag"
    if worst is Result.NOT_ACHIEVED:
        return worst, f"inget mått nått eller delvis nått; {rule_words}"
    return worst, f"{achieved} av {total} mått nådda; {rule_words}"


def _name(measure: Measure | None) -> str:
    if measure is None:
        return "?"
    if measure.text:
        return f"”{' '.join(measure.text.split())}”"
    return measure.id
