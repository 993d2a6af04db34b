"""Declared thresholds, exact boundaries and progress that cannot mislead.

Every expected value is worked out by hand in the comment beside it. Many boundaries are
ones binary floating point gets wrong: (0,2 − 0,1) / (0,3 − 0,1) is 0,49999999999999994
in floats, 0,91 × 100 is 91,00000000000001.
"""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from pathlib import Path

import pytest

from verksamhetsplan.common.swedish import number
from verksamhetsplan.data.observation import Observation
from verksamhetsplan.followup.attainment import evaluate
from verksamhetsplan.followup.thresholds import LEGACY, Result, Rule, judge, rule_of
from verksamhetsplan.followup.words import rule_text
from verksamhetsplan.plan.goals import Goal
from verksamhetsplan.plan.model import FollowUp, Indicator
from verksamhetsplan.plan.vocabulary import Better, PartialKind, PartialRule

HALF_WAY = LEGACY[PartialRule.PROGRESS_HALF]
VANSBRO = Rule(PartialKind.SHARE_OF_TARGET, Fraction(80))
HELSINGBORG = Rule(PartialKind.SHARE_OF_TARGET, Fraction(91))
RIGHT_WAY = LEGACY[PartialRule.RIGHT_DIRECTION]
UP, DOWN = Better.HIGHER, Better.LOWER
A, P, N = Result.ACHIEVED, Result.PARTIAL, Result.NOT_ACHIEVED


@pytest.mark.parametrize(
    ("outcome", "target", "baseline", "direction", "rule", "status", "progress"),
    [
        # From 8,0 down 10 %: target 7,2; 7,6 is (7,6 − 8) / (7,2 − 8) = −0,4 / −0,8 = 0,5.
        (7.6, 7.2, 8.0, DOWN, HALF_WAY, P, Fraction(1, 2)),
        # 7,61: −0,39 / −0,8 = 0,4875, under half way.
        (7.61, 7.2, 8.0, DOWN, HALF_WAY, N, Fraction(39, 80)),
        # Exactly on the target is achieved: progress 1.
        (7.2, 7.2, 8.0, DOWN, HALF_WAY, A, Fraction(1)),
        # A share from 0,1 to 0,3: 0,2 is exactly half way (floats say 0,49999…).
        (0.2, 0.3, 0.1, UP, HALF_WAY, P, Fraction(1, 2)),
        # Vansbro, at least 80 % of the target value: 48 of 60 is 0,8 exactly.
        (48.0, 60.0, 40.0, UP, VANSBRO, P, Fraction(2, 5)),
        (47.99, 60.0, 40.0, UP, VANSBRO, N, Fraction(799, 2000)),  # 7,99 / 20
        # A decrease: 5,4 is 80 % of 6,75, so 6,75 is partly achieved; 6,76 is not.
        (6.75, 5.4, 8.0, DOWN, VANSBRO, P, Fraction(125, 260)),
        (6.76, 5.4, 8.0, DOWN, VANSBRO, N, Fraction(124, 260)),
        # Helsingborg, 91–99 %: 91 of 100 is partial (0,91 × 100 is 91,00000000000001).
        (91.0, 100.0, None, UP, HELSINGBORG, P, None),
        (90.99, 100.0, None, UP, HELSINGBORG, N, None),
        (99.99, 100.0, None, UP, HELSINGBORG, P, None),
        # Right direction: equal to the baseline is not a move; any better value is.
        (50.0, 60.0, 50.0, UP, RIGHT_WAY, N, Fraction(0)),
        (50.01, 60.0, 50.0, UP, RIGHT_WAY, P, Fraction(1, 1000)),
        # Percentage points: 60,1 + 5 = 65,1 exactly; 65,1 is achieved.
        (65.1, 65.1, 60.1, UP, HALF_WAY, A, Fraction(1)),
        # At most 6,5: exactly 6,5 is achieved, 6,51 is not (baseline 7,5: 0,99 of the way).
        (6.5, 6.5, 7.5, DOWN, HALF_WAY, A, Fraction(1)),
        (6.51, 6.5, 7.5, DOWN, HALF_WAY, P, Fraction(99, 100)),
        # At least 0,3 reached by a mean of 0,1 and 0,5 (0,30000000000000004 in floats).
        ((0.1 + 0.5) / 2, 0.3, None, UP, HALF_WAY, A, None),
        # At least 30 participants: 30 is achieved, 29 with no baseline is not partial.
        (30.0, 30.0, None, UP, HALF_WAY, A, None),
        (29.0, 30.0, None, UP, HALF_WAY, N, None),
    ],
)
def test_exact_boundaries(outcome, target, baseline, direction, rule, status, progress):
    judged = judge(outcome, target, baseline, direction, rule)
    assert judged.status is status
    assert judged.progress == progress


def test_baseline_already_meeting_the_target_has_no_progress():
    # At least 60, baseline 62: there is no way to go, so no progress, either way it moves.
    kept = judge(61.0, 60.0, 62.0, UP, HALF_WAY)
    assert (kept.status, kept.progress, kept.met_at_baseline) == (A, None, True)
    # Worse than the target: not achieved, and the drop is not shown as positive progress.
    dropped = judge(59.0, 60.0, 62.0, UP, HALF_WAY)
    assert (dropped.status, dropped.progress, dropped.met_at_baseline) == (N, None, True)
    # Right direction cannot call a drop from an already met baseline partial.
    assert judge(59.0, 60.0, 62.0, UP, RIGHT_WAY).status is N


def test_worsening_is_negative_progress_and_never_partial():
    # From 8,0 towards 7,2, an outcome of 8,4 is (8,4 − 8) / (7,2 − 8) = 0,4 / −0,8 = −0,5.
    judged = judge(8.4, 7.2, 8.0, DOWN, HALF_WAY)
    assert (judged.status, judged.progress) == (N, Fraction(-1, 2))


def test_achieved_and_progress_never_contradict():
    # Achieved exactly when progress reaches 1, on a grid of outcomes around the target.
    for tenth in range(60, 90):
        outcome = tenth / 10  # 6,0 … 8,9 against 8,0 → 7,2
        judged = judge(outcome, 7.2, 8.0, DOWN, HALF_WAY)
        assert (judged.status is A) == (judged.progress >= 1), outcome


def indicator() -> Indicator:
    return Indicator.model_validate(
        {"id": "andel", "title": "Andel", "unit": "percent", "frequency": "year", "better": "lower"}
    )


def test_a_relative_target_is_computed_exactly_and_judged_on_the_boundary():
    # Baseline 2017 = 8,0, minus 10 % → 7,2; outcome 2018 = 7,6 is exactly half way.
    goal = Goal.model_validate(
        {
            "id": "mal",
            "area": "omrade",
            "year": 2018,
            "text": "Andelen minskar med 10 %.",
            "indicator": "andel",
            "target": {"kind": "relative_change", "percent": -10},
            "baseline": {"period": 2017},
        }
    )
    series = [Observation("2017", 8.0), Observation("2018", 7.6)]
    e = evaluate(goal, 2018, indicator(), lambda i, g: series, dt.date(2019, 6, 1), HALF_WAY)
    assert e.target == 7.2
    assert e.progress == 0.5
    assert e.status is P


def test_the_rule_is_read_from_the_plan_and_said_in_swedish():
    vansbro = rule_of(
        FollowUp.model_validate({"partial": {"kind": "share_of_target", "percent": 80}})
    )
    assert vansbro == VANSBRO and vansbro.code == "target_80"
    assert rule_text(vansbro) == (
        "delvis uppnått när utfallet är minst 80\u00a0% av målvärdet (för ett mål som ska "
        "minska: när målvärdet är minst 80\u00a0% av utfallet)"
    )
    own = rule_of(FollowUp.model_validate({"partial": {"kind": "share_of_way", "percent": 75}}))
    assert own.code == "share_of_way"
    assert "minst 75\u00a0% av vägen" in rule_text(own) and "framsteg ≥ 0,75" in rule_text(own)
    assert rule_of(FollowUp()) == HALF_WAY


def test_human_numbers_use_the_minus_sign_and_round_half_up():
    assert number(-0.37) == "\u22120,37"
    assert number(-1234.5) == "\u22121\u00a0234,5"
    assert number(72.225) == "72,23"  # 80,25 × 0,9: half up, as people round
    assert number(-0.001) == "0"  # no "−0"


PLAN = """\
id: helsingborg-test
kind: verksamhetsplan
title: Testplan
organisation: Testkommun
period: {start: 2018, end: 2018}
follow_up:
  partial: {kind: share_of_target, percent: 91}
  status_words: {achieved: uppfyllt, partial: delvis uppfyllt, not_achieved: ej uppfyllt}
areas:
  - id: omrade
    title: Område
indicators:
  - id: nojdhet
    title: Nöjdhet
    unit: percent
    frequency: year
    better: higher
goals:
  - id: nojdhet-91
    area: omrade
    year: 2018
    text: Minst 100 % nöjda.
    indicator: nojdhet
    target: {kind: at_least, value: 100}
"""


def plan_repository(root: Path, value: str) -> None:
    (root / "plans" / "test").mkdir(parents=True)
    (root / "plans" / "test" / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (root / "indicators-data" / "test").mkdir(parents=True)
    (root / "indicators-data" / "test" / "data.csv").write_text(
        f"indicator,period,value\nnojdhet,2018,{value}\n", encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("value", "status", "word"),
    [
        ("91", "partial", "delvis uppfyllt"),
        ("90.99", "not_achieved", "ej uppfyllt"),
        ("100", "achieved", "uppfyllt"),
    ],
)
def test_a_plans_own_threshold_and_words_in_status_and_explain(
    tmp_path, monkeypatch, run_vp, value, status, word
):
    plan_repository(tmp_path, value)
    monkeypatch.chdir(tmp_path)
    data = json.loads(run_vp("status", "--format", "json", "--as-of", "2019-03-01").stdout)
    record = data["plans"][0]
    assert record["partial_rule"] == "share_of_target"
    assert record["partial_percent"] == 91.0
    assert record["goals"][0]["status"] == status
    table = run_vp("status", "--as-of", "2019-03-01").stdout
    # split() folds the NBSP and the lines rich wraps.
    assert "delvis uppfyllt när utfallet är minst 91 % av målvärdet" in " ".join(table.split())
    assert word in table
    explained = run_vp("explain", "nojdhet-91", "--as-of", "2019-03-01").stdout
    assert f"Resultat: {'◐✘✔'[['partial', 'not_achieved', 'achieved'].index(status)]} {word}" in (
        explained
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1e30, "1" + "\u00a0000" * 10),
        (-1e40, "\u221210" + "\u00a0000" * 13),  # 41 digits: 10 and 13 groups of three
        (float("inf"), "∞"),
        (float("nan"), "ej ett tal"),
    ],
)
def test_numbers_of_any_size_are_written_not_crashed_on(value, shown):
    assert number(value) == shown
