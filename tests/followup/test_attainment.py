"""The attainment engine, with expectations computed by hand in the comments."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verksamhetsplan.data.observation import Observation
from verksamhetsplan.followup.attainment import (
    RANK,
    Result,
    Trend,
    evaluate,
    judge,
)
from verksamhetsplan.followup.outcome import year_outcome
from verksamhetsplan.followup.thresholds import LEGACY, Rule
from verksamhetsplan.plan.goals import Goal
from verksamhetsplan.plan.model import Indicator
from verksamhetsplan.plan.vocabulary import (
    ActivityStatus,
    Better,
    ForecastMethod,
    PartialKind,
    PartialRule,
)

AFTER = dt.date(2026, 1, 1)


def indicator(**changes: Any) -> Indicator:
    data = {
        "id": "andel",
        "title": "Andel",
        "unit": "percent",
        "frequency": "year",
        "combine": "last",
        "better": "lower",
    }
    return Indicator.model_validate({**data, **changes})


def goal(target: dict[str, Any], year: int = 2018, **changes: Any) -> Goal:
    data = {
        "id": "mal",
        "area": "omrade",
        "year": year,
        "text": "Mål.",
        "indicator": "andel",
        "target": target,
    }
    return Goal.model_validate({**data, **changes})


def yearly(**values: float | None) -> list[Observation]:
    return [Observation(p.removeprefix("y"), v) for p, v in values.items()]


def lookup_of(observations: list[Observation], gender: str = "T"):
    def lookup(_: str, wanted: str) -> list[Observation]:
        return observations if wanted == gender else []

    return lookup


def run(g: Goal, ind: Indicator, observations: list[Observation], **kw: Any):
    return evaluate(
        g,
        2018 if isinstance(g.year, int) and g.year == 2018 else g.years[0],
        ind,
        lookup_of(observations),
        kw.pop("as_of", AFTER),
        **kw,
    )


def test_relative_decrease_on_a_share_is_per_cent_of_the_baseline() -> None:
    # "Andelen hushåll med försörjningsstöd minskar med 10 %": 6,0 × 0,9 = 5,4.
    g = goal({"kind": "relative_change", "percent": -10}, baseline={"period": 2017})
    e = run(g, indicator(), yearly(y2017=6.0, y2018=5.5))
    assert e.target == pytest.approx(5.4)
    # progress = (5,5 − 6,0) / (5,4 − 6,0) = 0,8333 -> partial by the default rule
    assert e.progress == pytest.approx(0.5 / 0.6)
    assert e.status is Result.PARTIAL
    e = run(g, indicator(), yearly(y2017=6.0, y2018=5.4))
    assert e.status is Result.ACHIEVED  # 6,0 × 0,9 meets 5,4 despite floating point


def test_percentage_points_and_per_cent_differ_on_a_share() -> None:
    up = indicator(better="higher")
    data = yearly(y2017=40.0, y2018=43.0)
    points = run(
        goal({"kind": "percentage_points", "points": 5}, baseline={"period": 2017}), up, data
    )
    relative = run(
        goal({"kind": "relative_change", "percent": 5}, baseline={"period": 2017}), up, data
    )
    # 40 + 5 procentenheter = 45, progress (43 − 40) / 5 = 0,6; 40 × 1,05 = 42, reached.
    assert (points.target, points.status) == (45.0, Result.PARTIAL)
    assert points.progress == pytest.approx(0.6)
    assert relative.target == pytest.approx(42.0)
    assert relative.status is Result.ACHIEVED


def test_at_most_level_with_previous_year_as_default_baseline() -> None:
    # "Sjuktalet har minskat till 6,5 %": monthly sick rates, combined by mean.
    sick = indicator(frequency="month", combine="mean")
    months = [Observation(f"2017-{m:02d}", 7.4) for m in range(1, 13)]
    months += [Observation(f"2018-{m:02d}", 6.8) for m in range(1, 13)]
    e = run(goal({"kind": "at_most", "value": 6.5}), sick, months)
    assert e.baseline is not None and e.baseline.how == "previous_year_default"
    assert e.baseline.value == pytest.approx(7.4)
    # (6,8 − 7,4) / (6,5 − 7,4) = 0,667
    assert e.progress == pytest.approx(0.6 / 0.9)
    assert e.status is Result.PARTIAL
    assert e.trend is Trend.BETTER


def test_count_reached_without_any_earlier_data() -> None:
    count = indicator(unit="count", better="higher", frequency="month")
    e = run(goal({"kind": "at_least", "value": 30}), count, [Observation("2018-12", 34.0)])
    assert (e.status, e.progress) == (Result.ACHIEVED, None)
    e = run(goal({"kind": "at_least", "value": 30}), count, [Observation("2018-12", 29.0)])
    assert e.status is Result.NOT_ACHIEVED  # no baseline, so no progress to be partial by


def test_repeated_goal_measures_from_last_years_outcome() -> None:
    g2019 = goal(
        {"kind": "relative_change", "percent": -10}, year=2019, baseline={"previous_year": True}
    )
    e = evaluate(g2019, 2019, indicator(), lookup_of(yearly(y2018=5.0, y2019=4.6)), AFTER)
    # 5,0 × 0,9 = 4,5; 4,6 is (4,6 − 5,0) / (4,5 − 5,0) = 0,8 of the way
    assert e.baseline is not None and e.baseline.value == 5.0
    assert e.target == pytest.approx(4.5)
    assert e.progress == pytest.approx(0.8)


def test_relative_change_on_a_zero_baseline_is_no_data_not_a_crash() -> None:
    g = goal({"kind": "relative_change", "percent": 10}, baseline={"value": 0})
    e = run(g, indicator(better="higher"), yearly(y2018=3.0))
    assert e.status is Result.NO_DATA
    assert e.reason is not None and "basvärdet är 0" in e.reason


def test_missing_baseline_names_what_is_missing() -> None:
    g = goal({"kind": "relative_change", "percent": -10}, baseline={"period": 2017})
    e = run(g, indicator(), yearly(y2018=5.0))
    assert e.status is Result.NO_DATA
    assert e.reason is not None and "2017" in e.reason


def test_missing_months() -> None:
    months = [Observation(f"2018-{m:02d}", float(m)) for m in range(1, 13) if m not in (4, 5)]
    mean = year_outcome(months, indicator(frequency="month", combine="mean"), 2018, AFTER)
    # mean of 1..12 without 4 and 5: (78 − 9) / 10 = 6,9, and the gap is named
    assert mean.value == pytest.approx(6.9)
    assert mean.missing_periods == ("2018-04", "2018-05")
    total = year_outcome(months, indicator(frequency="month", combine="sum"), 2018, AFTER)
    assert total.value is None
    assert total.reason is not None and "2018-04, 2018-05" in total.reason
    last = year_outcome(months[:-1], indicator(frequency="month", combine="last"), 2018, AFTER)
    assert last.value == 11.0


@pytest.mark.parametrize(("combine", "expected"), [("last", 4.0), ("mean", 2.5), ("sum", 10.0)])
def test_quarterly_values_combine_into_a_year(combine: str, expected: float) -> None:
    quarters = [Observation(f"2018-Q{q}", float(q)) for q in range(1, 5)]
    ind = indicator(frequency="quarter", combine=combine)
    assert year_outcome(quarters, ind, 2018, AFTER).value == expected


@pytest.mark.parametrize(("combine", "forecast"), [("last", 12.0), ("mean", 6.5), ("sum", 78.0)])
def test_running_year_gets_a_forecast_never_an_outcome(combine: str, forecast: float) -> None:
    # January..June = 1..6 lie on a line that reaches 12 in December.
    months = [Observation(f"2018-{m:02d}", float(m)) for m in range(1, 13)]
    ind = indicator(frequency="month", combine=combine)
    outcome = year_outcome(months, ind, 2018, dt.date(2018, 7, 15), ForecastMethod.LINEAR)
    assert outcome.running and outcome.value is None
    assert outcome.forecast == pytest.approx(forecast)
    # The values so far are shown as such: last 6, mean 3,5, sum 21.
    assert outcome.so_far == {"last": 6.0, "mean": 3.5, "sum": 21.0}[combine]
    assert [o.period for o in outcome.used][-1] == "2018-06"  # later values not yet known


def test_as_of_makes_a_past_follow_up_reproducible() -> None:
    g = goal({"kind": "at_least", "value": 5})
    ind = indicator(better="higher", frequency="month")
    data = [Observation("2018-03", 4.0), Observation("2018-11", 9.0)]
    early = run(g, ind, data, as_of=dt.date(2018, 6, 30))
    assert early.forecast and early.outcome is not None and early.outcome.forecast == 4.0
    assert early.status is Result.NOT_ACHIEVED
    assert run(g, ind, data).status is Result.ACHIEVED


def test_a_goal_whose_year_has_not_begun_is_not_due() -> None:
    e = run(goal({"kind": "at_least", "value": 5}), indicator(), [], as_of=dt.date(2017, 12, 31))
    assert e.status is Result.NOT_DUE


def test_gender_only_data() -> None:
    g = goal({"kind": "at_most", "value": 6.5})
    data = {"K": [Observation("2018", 7.0)], "M": [Observation("2018", 5.0)]}
    e = evaluate(g, 2018, indicator(by_gender=True), lambda _, gender: data.get(gender, []), AFTER)
    assert e.status is Result.NO_DATA  # T cannot be made from K and M without weights
    assert {k: o.value for k, o in e.by_gender.items()} == {"K": 7.0, "M": 5.0}
    women = goal({"kind": "at_most", "value": 6.5}, gender="K")
    assert (
        evaluate(
            women, 2018, indicator(by_gender=True), lambda _, gender: data.get(gender, []), AFTER
        ).status
        is Result.NOT_ACHIEVED
    )


def test_assessment_overrides_only_with_a_reason() -> None:
    base = {"kind": "at_most", "value": 6.5}
    data = yearly(y2017=7.4, y2018=7.3)  # progress 0,11: not achieved
    with_reason = goal(
        base, assessments=[{"period": 2018, "status": "partial", "reason": "Nytt mätsätt."}]
    )
    e = run(with_reason, indicator(), data)
    assert (e.status, e.computed, e.override_reason) == (
        Result.PARTIAL,
        Result.NOT_ACHIEVED,
        "Nytt mätsätt.",
    )
    without = goal(base, assessments=[{"period": 2018, "status": "achieved"}])
    e = run(without, indicator(), data)
    assert (e.status, e.computed, e.override_without_reason) == (Result.NOT_ACHIEVED, None, True)


def test_milestone_by_latest_assessment_then_by_activities() -> None:
    milestone = {"kind": "milestone", "criteria": ["Infört."]}
    assessed = goal(
        milestone,
        assessments=[
            {"period": "2018-T1", "status": "not_achieved"},
            {"period": "2018-T3", "status": "achieved"},
        ],
    )
    assert run(assessed, indicator(), []).status is Result.ACHIEVED
    plain = goal(milestone)
    cases = [
        ((), Result.NO_DATA),
        ((ActivityStatus.PLANNED,), Result.NO_DATA),
        ((ActivityStatus.DONE, ActivityStatus.DONE), Result.ACHIEVED),
        ((ActivityStatus.DONE, ActivityStatus.PLANNED), Result.PARTIAL),
        ((ActivityStatus.CANCELLED,), Result.NOT_ACHIEVED),
    ]
    for statuses, expected in cases:
        assert run(plain, indicator(), [], activity_statuses=statuses).status is expected


@pytest.mark.parametrize(
    ("rule", "outcome", "expected"),
    [
        # target 100 from baseline 50 (higher is better)
        (PartialRule.PROGRESS_HALF, 75.0, Result.PARTIAL),
        (PartialRule.PROGRESS_HALF, 74.0, Result.NOT_ACHIEVED),
        (PartialRule.TARGET_80, 80.0, Result.PARTIAL),  # 80 % of the target value
        (PartialRule.TARGET_80, 79.0, Result.NOT_ACHIEVED),
        (PartialRule.RIGHT_DIRECTION, 51.0, Result.PARTIAL),
        (PartialRule.RIGHT_DIRECTION, 50.0, Result.NOT_ACHIEVED),
    ],
)
def test_partial_rules(rule: PartialRule, outcome: float, expected: Result) -> None:
    assert judge(outcome, 100.0, 50.0, Better.HIGHER, LEGACY[rule]).status is expected


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
share = st.floats(min_value=-1.0, max_value=2.0, allow_nan=False)


@given(
    baseline=finite,
    gap=st.floats(min_value=1e-3, max_value=1e6).flatmap(lambda g: st.sampled_from([g, -g])),
    first=share,
    second=share,
    known_baseline=st.booleans(),
    rule=st.one_of(
        st.sampled_from(list(LEGACY.values())),
        st.builds(
            Rule,
            st.sampled_from([PartialKind.SHARE_OF_TARGET, PartialKind.SHARE_OF_WAY]),
            st.fractions(min_value=Fraction(1, 100), max_value=100),
        ),
    ),
)
def test_a_better_outcome_never_gets_a_worse_status(
    baseline: float,
    gap: float,
    first: float,
    second: float,
    known_baseline: bool,
    rule: Rule,
) -> None:
    # Outcomes are placed as shares of the way from baseline to target, where statuses change.
    target = baseline + gap
    direction = Better.HIGHER if gap > 0 else Better.LOWER
    worse, better = sorted((first, second))
    given_baseline = baseline if known_baseline else None
    before = judge(baseline + worse * gap, target, given_baseline, direction, rule).status
    after = judge(baseline + better * gap, target, given_baseline, direction, rule).status
    assert RANK[after] >= RANK[before]
