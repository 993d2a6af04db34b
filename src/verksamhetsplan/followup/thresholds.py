"""Judging an outcome against a target by the plan's declared rule, in exact arithmetic.

Values are written as decimals (6,5; 7,6) and targets are computed from them (8,0 minus
10 % is 7,2). In binary floating point 7,6 is judged 0,49999… of the way from 8,0 to 7,2;
a verdict on a threshold must not depend on that noise. So every number is taken at its
decimal value (12 significant digits, more than any indicator has) and judged as a
fraction: a value exactly on a threshold lands on the side the rule says.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from ..common.swedish import rounded
from ..plan.model import FollowUp
from ..plan.vocabulary import Better, PartialKind, PartialRule


class Result(StrEnum):
    """A goal's status for a year: the four of the plan format, and not_due; not_assessable
    is only ever a summary's (too few of its goals measured)."""

    ACHIEVED = "achieved"
    PARTIAL = "partial"
    NOT_ACHIEVED = "not_achieved"
    NO_DATA = "no_data"
    NOT_DUE = "not_due"
    NOT_ASSESSABLE = "not_assessable"


# Worst to best, for roll-ups and for "moving the outcome never makes the status worse".
RANK = {Result.NOT_ACHIEVED: 0, Result.PARTIAL: 1, Result.ACHIEVED: 2}


@dataclass(frozen=True)
class Rule:
    """When a goal that is not achieved counts as partly achieved (delvis uppnått)."""

    kind: PartialKind
    percent: Fraction | None  # the threshold, inclusive; None for right_direction

    @property
    def code(self) -> str:
        """The rule's name in JSON: the plan format's short names where they apply."""
        for legacy, rule in LEGACY.items():
            if rule == self:
                return legacy.value
        return self.kind.value


LEGACY = {
    PartialRule.PROGRESS_HALF: Rule(PartialKind.SHARE_OF_WAY, Fraction(50)),
    PartialRule.TARGET_80: Rule(PartialKind.SHARE_OF_TARGET, Fraction(80)),
    PartialRule.RIGHT_DIRECTION: Rule(PartialKind.RIGHT_DIRECTION, None),
}
DEFAULT_RULE = LEGACY[PartialRule.PROGRESS_HALF]


def rule_of(follow_up: FollowUp) -> Rule:
    """The plan's declared rule: `partial:` with its own threshold, or a named `partial_rule`."""
    declared = follow_up.partial
    if declared is None:
        return LEGACY[follow_up.partial_rule]
    percent = None if declared.percent is None else exact(declared.percent)
    return Rule(declared.kind, percent)


def exact(value: float | Fraction) -> Fraction:
    """A number at its decimal value: 7.6 is 38/5, and 6.0 × 0.9 is 27/5, not 5.3999…"""
    if isinstance(value, Fraction):
        return value
    return Fraction(f"{value:.12g}")


@dataclass(frozen=True)
class Judgement:
    status: Result
    progress: Fraction | None  # share of the way from baseline to target; None when undefined
    met_at_baseline: bool = False  # the baseline already met the target: progress means nothing


def judge(
    outcome: float | Fraction,
    target: float | Fraction,
    baseline: float | Fraction | None,
    direction: Better,
    rule: Rule,
) -> Judgement:
    """Status and progress of an outcome against a target, by the rule, decided exactly."""
    outcome, target = exact(outcome), exact(target)
    base = None if baseline is None else exact(baseline)
    sign = 1 if direction is Better.HIGHER else -1
    met_at_baseline = base is not None and sign * (base - target) >= 0
    progress = None
    if base is not None and not met_at_baseline:
        progress = (outcome - base) / (target - base)
    if sign * (outcome - target) >= 0:
        return Judgement(Result.ACHIEVED, progress, met_at_baseline)
    share = rule.percent / 100 if rule.percent is not None else None
    if rule.kind is PartialKind.SHARE_OF_WAY:
        partial = progress is not None and share is not None and progress >= share
    elif rule.kind is PartialKind.SHARE_OF_TARGET:
        assert share is not None
        if direction is Better.HIGHER:
            partial = target > 0 and outcome >= share * target
        else:  # lower is better: the target is at least that share of the outcome
            partial = outcome > 0 and target >= share * outcome
    else:  # right direction: better than the baseline at all
        partial = base is not None and not met_at_baseline and sign * (outcome - base) > 0
    return Judgement(Result.PARTIAL if partial else Result.NOT_ACHIEVED, progress, met_at_baseline)


def judge_direction(
    outcome: float | Fraction, baseline: float | Fraction, direction: Better
) -> Judgement:
    """ "Ska öka" / "ska minska": achieved when the outcome has moved the right way from the
    baseline at all; unchanged is not achieved, and there is no level to be part of the way to."""
    sign = 1 if direction is Better.HIGHER else -1
    moved = sign * (exact(outcome) - exact(baseline)) > 0
    return Judgement(Result.ACHIEVED if moved else Result.NOT_ACHIEVED, None)


def edges(
    target: float | Fraction, baseline: float | Fraction | None, direction: Better, rule: Rule
) -> list[Fraction]:
    """The outcomes at which the verdict changes: the target, and where the declared rule
    starts calling a goal partly achieved."""
    target = exact(target)
    found = [target]
    base = None if baseline is None else exact(baseline)
    share = rule.percent / 100 if rule.percent is not None else None
    if rule.kind is PartialKind.SHARE_OF_WAY and base is not None and share is not None:
        found.append(base + share * (target - base))
    elif rule.kind is PartialKind.SHARE_OF_TARGET and share:
        found.append(share * target if direction is Better.HIGHER else target / share)
    elif rule.kind is PartialKind.RIGHT_DIRECTION and base is not None:
        found.append(base)
    return found


def decimals_to_judge(value: float, limits: list[Fraction], least: int = 2, most: int = 6) -> int:
    """The fewest decimals (at least `least`) with which the printed value lies on the same
    side of every limit as the value itself, so that a reader can redo the judgement: 0,364
    against 0,4 at 91 % is printed 0,364, not 0,36."""
    exact_value = exact(value)
    for decimals in range(least, most + 1):
        shown = Fraction(rounded(value, decimals))
        if all((shown >= limit) == (exact_value >= limit) for limit in limits):
            return decimals
    return most
