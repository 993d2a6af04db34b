"""Goal attainment (måluppfyllelse): pure functions from a goal, its data and a date to a status.

Nothing here prints or reads files. Every result carries what it was computed from, so
that `vp explain` can show each number with its period, file and line.

Three judgements are kept apart, as DESIGN.md requires: attainment (against the target),
trend (against the previous year) and, later, comparison with other municipalities.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from fractions import Fraction

from ..data.observation import Lookup, Observation
from ..data.periods import period_end
from ..plan.goals import (
    AtLeast,
    AtMost,
    Direction,
    Goal,
    Measure,
    Milestone,
    PointsChange,
    RelativeChange,
)
from ..plan.model import Indicator
from ..plan.vocabulary import ActivityStatus, Better, Combine, ForecastMethod, Status
from .assessment import assessment_for
from .forecast import PROGNOS_SERIES
from .outcome import Outcome as Outcome
from .outcome import mean_outcome, year_outcome
from .thresholds import DEFAULT_RULE, Judgement, Rule, exact, judge, judge_direction
from .thresholds import RANK as RANK
from .thresholds import Result as Result


class Trend(StrEnum):
    BETTER = "better"
    UNCHANGED = "unchanged"
    WORSE = "worse"
    CHANGED = "changed"  # the indicator has no better direction


@dataclass(frozen=True)
class BaselineValue:
    value: float | None
    how: str  # "period", "previous_year", "value", "previous_year_default", "previous_mean"
    outcome: Outcome | None = None
    period: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Evaluation:
    """A goal's attainment for one year, with everything needed to explain it."""

    goal: Goal
    year: int
    status: Result
    indicator: Indicator | None = None
    outcome: Outcome | None = None
    baseline: BaselineValue | None = None
    target: float | None = None
    direction: Better | None = None
    progress: float | None = None
    met_at_baseline: bool = False  # the baseline already met the target: no progress to show
    rule: Rule = DEFAULT_RULE
    reason: str | None = None
    computed: Result | None = None  # before a person's assessment, when one overrides
    override_reason: str | None = None
    override_without_reason: bool = False
    assessment_comment: str | None = None
    assessed: bool = False  # the status is a person's assessment (milestones)
    trend: Trend | None = None
    previous: Outcome | None = None
    by_gender: dict[str, Outcome] = field(default_factory=dict)
    forecast: bool = False  # the year is running: the outcome is so far, and there may be a
    # forecast verdict beside the measured status
    forecast_status: Result | None = None  # the forecast verdict ("bedöms uppnås")
    forecast_reason: str | None = None  # why there is no forecast verdict
    basis: str = "outcome"  # what `status` rests on: outcome or assessment
    period: str | None = None  # the follow-up period inside the year (2018-T2), if any
    measure: Measure | None = None  # set on the evaluation of one of a goal's measures
    measures: tuple[Evaluation, ...] = ()  # a goal followed up by several measures


def _baseline(
    goal: Goal,
    year: int,
    indicator: Indicator,
    series: Sequence[Observation],
    as_of: dt.date,
    previous: Outcome,
) -> BaselineValue:
    baseline = goal.baseline
    if baseline is not None and baseline.value is not None:
        return BaselineValue(baseline.value, "value")
    if baseline is not None and baseline.period is not None:
        period = baseline.period
        if len(period) == 4:
            outcome = year_outcome(series, indicator, int(period), as_of)
            return BaselineValue(outcome.value, "period", outcome, period, outcome.reason)
        found = next((o for o in series if o.period == period), None)
        if found is None or found.value is None:
            why = f"inget värde för basperioden {period}"
            return BaselineValue(None, "period", None, period, why)
        single = Outcome(int(period[:4]), found.value, indicator.combine, (found,))
        return BaselineValue(found.value, "period", single, period)
    how = "previous_year" if baseline is not None else "previous_year_default"
    if previous.mean_of:
        span = f"{previous.mean_of[0].year}–{year - 1}"
        return BaselineValue(previous.value, "previous_mean", previous, span, previous.reason)
    return BaselineValue(previous.value, how, previous, str(year - 1), previous.reason)


def target_value(goal: Goal, baseline: float | None) -> tuple[Fraction | None, str | None]:
    """The number the outcome is measured against (exact), or why there is none."""
    target = goal.target
    if isinstance(target, (AtLeast, AtMost)):
        return exact(target.value), None
    if baseline is None:
        return None, "basvärde saknas"
    if isinstance(target, Direction):
        return exact(baseline), None
    if isinstance(target, RelativeChange):
        if baseline == 0:
            return None, (
                "basvärdet är 0, och en förändring i procent av 0 går inte att räkna; "
                "ange målet som en nivå (at_least/at_most) eller i procentenheter"
            )
        return exact(baseline) * (1 + exact(target.percent) / 100), None
    if isinstance(target, PointsChange):
        return exact(baseline) + exact(target.points), None
    return None, "milstolpar har inget målvärde"


def direction_of(goal: Goal, indicator: Indicator) -> Better:
    target = goal.target
    if isinstance(target, AtLeast):
        return Better.HIGHER
    if isinstance(target, AtMost):
        return Better.LOWER
    if isinstance(target, Direction):
        return Better.HIGHER if target.direction == "increase" else Better.LOWER
    change = target.percent if isinstance(target, RelativeChange) else getattr(target, "points", 0)
    if change > 0:
        return Better.HIGHER
    if change < 0:
        return Better.LOWER
    return indicator.better if indicator.better is not Better.NONE else Better.HIGHER


def trend_of(current: float | None, previous: float | None, better: Better) -> Trend | None:
    if current is None or previous is None:
        return None
    if exact(current) == exact(previous):
        return Trend.UNCHANGED
    if better is Better.NONE:
        return Trend.CHANGED
    up = current > previous
    return Trend.BETTER if up == (better is Better.HIGHER) else Trend.WORSE


def _from_activities(statuses: Sequence[ActivityStatus]) -> tuple[Result, str]:
    followed = [s for s in statuses if s is not ActivityStatus.PLANNED]
    if not statuses or not followed:
        return Result.NO_DATA, "ingen bedömning, och de kopplade aktiviteterna har inte följts upp"
    if all(s is ActivityStatus.DONE for s in statuses):
        return Result.ACHIEVED, "alla kopplade aktiviteter är genomförda"
    if any(s in (ActivityStatus.DONE, ActivityStatus.ONGOING) for s in statuses):
        return Result.PARTIAL, "en del av de kopplade aktiviteterna är genomförda eller pågår"
    return Result.NOT_ACHIEVED, "de kopplade aktiviteterna är inställda eller försenade"


def evaluate(
    goal: Goal,
    year: int,
    indicator: Indicator | None,
    lookup: Lookup,
    as_of: dt.date,
    rule: Rule = DEFAULT_RULE,
    activity_statuses: Sequence[ActivityStatus] = (),
    *,
    period: str | None = None,
    forecast_method: ForecastMethod = ForecastMethod.SEASONAL,
) -> Evaluation:
    """A goal's status for a year, as known on the as-of date.

    With a follow-up period inside the year (2018-T2) the values count up to the period's
    end, the assessments are those recorded for that period, and beside the measured status
    stands the forecast verdict for the full year.
    """
    if dt.date(year, 1, 1) > as_of:
        why = f"året {year} har inte börjat"
        return Evaluation(goal, year, Result.NOT_DUE, indicator, rule=rule, reason=why)
    assessed, reason, comment = assessment_for(goal.assessments, year, as_of, period)
    if isinstance(goal.target, Milestone):
        if assessed is not None:
            return Evaluation(
                goal,
                year,
                Result(assessed.value),
                indicator,
                rule=rule,
                assessment_comment=comment,
                reason="bedömning",
                assessed=True,
                basis="assessment",
                period=period,
            )
        status, basis = _from_activities(activity_statuses)
        return Evaluation(goal, year, status, indicator, rule=rule, reason=basis, period=period)
    assert indicator is not None  # vp validate requires an indicator for measurable goals
    cutoff = min(as_of, period_end(period)) if period else as_of
    economy = ForecastMethod.PROGNOS if indicator.economy is not None else forecast_method
    method = indicator.forecast or economy
    series = lookup(indicator.id, goal.gender.value)
    prognoses = (
        lookup(indicator.id + PROGNOS_SERIES, "T") if method is ForecastMethod.PROGNOS else ()
    )
    own = year_outcome(series, indicator, year, cutoff, method, prognoses)
    outcome = _mean_if_asked(goal, own, series, indicator, cutoff)
    previous = year_outcome(series, indicator, year - 1, cutoff)
    # A level on the mean measures its progress from the mean of the years before.
    before = _mean_if_asked(goal, previous, series, indicator, cutoff)
    baseline = _baseline(goal, year, indicator, series, cutoff, before)
    direction = direction_of(goal, indicator)
    target, target_problem = target_value(goal, baseline.value)
    by_gender = {}
    if goal.gender.value == "T":
        for gender in ("K", "M"):
            split = lookup(indicator.id, gender)
            if split:
                alone = year_outcome(split, indicator, year, cutoff, method)
                by_gender[gender] = _mean_if_asked(goal, alone, split, indicator, cutoff)
    base = Evaluation(
        goal,
        year,
        Result.NO_DATA,
        indicator,
        outcome,
        baseline,
        None if target is None else float(target),
        direction,
        rule=rule,
        previous=previous,
        by_gender=by_gender,
        forecast=outcome.running,
        trend=trend_of(own.value, previous.value, indicator.better),
        assessment_comment=comment,
        period=period,
    )
    current = outcome.current
    if target is None:
        missing_baseline = f"basvärde saknas: {baseline.reason}" if baseline.reason else None
        return with_assessment(
            replace(base, reason=missing_baseline or target_problem), assessed, reason
        )
    computed = _with_forecast_verdict(base, target, baseline.value, direction, rule)
    if current is None:
        computed = replace(computed, reason=outcome.reason)
    elif outcome.running and outcome.combine is Combine.SUM:
        why = "summan för året finns först när året är slut; prognosen visas bredvid"
        computed = replace(computed, reason=why)
    else:
        judged = _judge(goal, current, target, baseline.value, direction, rule)
        computed = replace(
            computed,
            status=judged.status,
            progress=None if judged.progress is None else float(judged.progress),
            met_at_baseline=judged.met_at_baseline,
        )
    return with_assessment(computed, assessed, reason)


def _mean_if_asked(
    goal: Goal,
    own: Outcome,
    series: Sequence[Observation],
    indicator: Indicator,
    cutoff: dt.date,
) -> Outcome:
    """The year's outcome, or for a level on the mean of the years ("i snitt") the mean of
    every year's outcome from the first one named."""
    since = getattr(goal.target, "mean_since", None)
    if since is None or since >= own.year:
        return own
    earlier = [year_outcome(series, indicator, y, cutoff) for y in range(since, own.year)]
    return mean_outcome(own, earlier)


def _with_forecast_verdict(
    e: Evaluation, target: Fraction, baseline: float | None, direction: Better, rule: Rule
) -> Evaluation:
    """A running year's forecast verdict, judged by the same rule as the outcome."""
    outcome = e.outcome
    if outcome is None or not outcome.running:
        return e
    if outcome.forecast is None:
        why = (
            "ingen prognos: planen anger att målet bedöms av en person"
            if outcome.method is ForecastMethod.NONE
            else "ingen prognos: inga värden för året än"
        )
        return replace(e, forecast_reason=why)
    judged = _judge(e.goal, outcome.forecast, target, baseline, direction, rule)
    return replace(e, forecast_status=judged.status)


def _judge(
    goal: Goal,
    value: float,
    target: Fraction,
    baseline: float | None,
    direction: Better,
    rule: Rule,
) -> Judgement:
    if isinstance(goal.target, Direction):
        return judge_direction(value, target, direction)  # the target is the baseline
    return judge(value, target, baseline, direction, rule)


def with_assessment(
    computed: Evaluation, assessed: Status | None, reason: str | None
) -> Evaluation:
    """A person's status replaces the computed one only with a written reason; both are kept."""
    if assessed is None or Result(assessed.value) is computed.status:
        return computed
    if not reason:
        return replace(computed, override_without_reason=True)
    return replace(
        computed,
        status=Result(assessed.value),
        computed=computed.status,
        override_reason=reason,
        basis="assessment",
    )
