"""Honest roll-ups: coverage, the declared share of measured goals, weights, exact boundary."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from verksamhetsplan.followup.summary import Summing, Tally, summary_status
from verksamhetsplan.followup.thresholds import Result
from verksamhetsplan.plan.goals import Goal

A, P, N, D, DUE = (
    Result.ACHIEVED,
    Result.PARTIAL,
    Result.NOT_ACHIEVED,
    Result.NO_DATA,
    Result.NOT_DUE,
)


def goals(*statuses: Result, weights: list[float] | None = None) -> list[tuple[Goal, Any]]:
    weights = weights or [1.0] * len(statuses)
    return [
        (
            Goal.model_validate(
                {
                    "id": f"mal-{i}",
                    "area": "omrade",
                    "year": 2018,
                    "text": "Mål.",
                    "target": {"kind": "milestone", "criteria": ["Klart."]},
                    "weight": weight,
                }
            ),
            status,
        )
        for i, (status, weight) in enumerate(zip(statuses, weights, strict=True))
    ]


def test_the_rule_among_measured_goals():
    assert summary_status(goals(A, A, D)) is A  # 2 of 3 measured (67 % ≥ 50 %), all achieved
    assert summary_status(goals(N, N, D)) is N
    assert summary_status(goals(A, N)) is P
    assert summary_status(goals(D, D)) is D  # nothing measured at all
    assert summary_status(goals(DUE, DUE)) is DUE
    assert summary_status([]) is D


def test_a_mostly_unmeasured_area_is_not_called_achieved():
    # 1 of 4 measured is 25 %, under the default 50 %: not assessable, however good that one.
    tally = Tally.of(goals(A, D, D, D))
    assert tally.summary is Result.NOT_ASSESSABLE
    assert (tally.measured, tally.due, tally.counts) == (1, 4, {A: 1, D: 3})


def test_the_share_is_inclusive_and_not_due_goals_do_not_count():
    # 2 of 4 due goals measured is exactly 50 %: assessable. The not-due goal is left out.
    assert summary_status(goals(A, A, D, D, DUE)) is A
    # 2 of 5 is 40 %: not assessable.
    assert summary_status(goals(A, A, D, D, D)) is Result.NOT_ASSESSABLE


def test_a_declared_share_and_weights():
    strict = Summing(Fraction(75))
    # 3 of 4 measured is exactly 75 %: assessable; 2 of 4 is not.
    assert summary_status(goals(A, P, A, D), strict) is P
    assert summary_status(goals(A, A, D, D), strict) is Result.NOT_ASSESSABLE
    # By weight: the measured goal weighs 3 of 3 + 1 + 1 = 5, that is 60 %: assessable at
    # 50 %, not at 75 %.
    weighted = goals(A, D, D, weights=[3, 1, 1])
    assert summary_status(weighted) is A
    assert summary_status(weighted, strict) is Result.NOT_ASSESSABLE
    # Share 0: one measured goal of any number decides.
    assert summary_status(goals(N, D, D, D, D), Summing(Fraction(0))) is N
