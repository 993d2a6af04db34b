"""Summing goals up per area, plan and council goal, honestly: with counts per status, the
coverage ("1 av 4 mål bedömda"), and no summary status where too few goals are measured.

A summary that rests on one measured goal of four is not the area's status: it is
"ej bedömbar", and the coverage says why. Goals without data are counted and shown, never
dropped. Weights (a goal's `weight`) count in the coverage.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from ..plan.goals import Goal
from ..plan.model import RollupRule
from .thresholds import RANK, Result, exact

DEFAULT_SHARE = Fraction(50)


@dataclass(frozen=True)
class Summing:
    """The plan's roll-up rule: the share of due goals (by weight) that must be measured."""

    measured_share: Fraction = DEFAULT_SHARE

    @classmethod
    def of(cls, rule: RollupRule) -> Summing:
        return cls(exact(rule.measured_share))


DEFAULT_SUMMING = Summing()


@dataclass
class Tally:
    """Counts per status, the coverage, and the summary status by the plan's rule."""

    counts: dict[Result, int] = field(default_factory=dict)
    summary: Result = Result.NO_DATA
    measured: int = 0  # goals with a verdict: achieved, partial or not achieved
    due: int = 0  # goals whose year has begun
    forecasts: dict[Result, int] = field(default_factory=dict)  # forecast verdicts, apart
    # (measured weight, due weight) when goals weigh differently: the coverage that decides
    weights: tuple[float, float] | None = None

    @classmethod
    def of(cls, judged: Sequence[tuple[Goal, Result]], summing: Summing = DEFAULT_SUMMING) -> Tally:
        statuses = [status for _, status in judged]
        due = [(goal, status) for goal, status in judged if status is not Result.NOT_DUE]
        measured = [(goal, status) for goal, status in due if status in RANK]
        weighed = any(exact(goal.weight) != 1 for goal, _ in due)
        return cls(
            dict(Counter(statuses)),
            summary_status(judged, summing),
            len(measured),
            len(due),
            weights=(
                float(sum(exact(goal.weight) for goal, _ in measured)),
                float(sum(exact(goal.weight) for goal, _ in due)),
            )
            if weighed
            else None,
        )


def summary_status(
    judged: Sequence[tuple[Goal, Result]], summing: Summing = DEFAULT_SUMMING
) -> Result:
    """The roll-up rule, printed in every report.

    Goals not yet due are left out. If less than the declared share of the rest (by weight)
    is measured, the summary is not assessable. Of the measured goals: all achieved gives
    achieved, none achieved or partial gives not achieved, anything between gives partial.
    With nothing due the summary is not_due (or no_data when there are no goals at all).
    """
    due = [(goal, status) for goal, status in judged if status is not Result.NOT_DUE]
    if not due:
        return Result.NOT_DUE if judged else Result.NO_DATA
    measured = [status for goal, status in due if status in RANK]
    if not measured:
        return Result.NO_DATA
    due_weight = sum(exact(goal.weight) for goal, _ in due)
    measured_weight = sum(exact(goal.weight) for goal, status in due if status in RANK)
    if measured_weight * 100 < summing.measured_share * due_weight:
        return Result.NOT_ASSESSABLE
    if all(s is Result.ACHIEVED for s in measured):
        return Result.ACHIEVED
    if all(s is Result.NOT_ACHIEVED for s in measured):
        return Result.NOT_ACHIEVED
    return Result.PARTIAL
