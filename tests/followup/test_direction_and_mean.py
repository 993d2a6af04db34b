"""Two targets a real municipality writes (Vårgårda 2023): "ska öka" / "ska minska" with no
level, judged against the year before, and a level on the mean over several years ("under
åren i snitt minst 2 %"). Expected values worked out by hand in each test."""

from __future__ import annotations

import datetime as dt

import pytest

from verksamhetsplan.data.observation import Observation
from verksamhetsplan.followup.attainment import Result, Trend, evaluate
from verksamhetsplan.followup.words import target_text
from verksamhetsplan.plan.goals import Goal
from verksamhetsplan.plan.model import Indicator

AFTER = dt.date(2026, 1, 1)


def indicator(better: str = "higher", frequency: str = "year") -> Indicator:
    return Indicator.model_validate(
        {
            "id": "andel",
            "title": "Andel",
            "unit": "percent",
            "frequency": frequency,
            "combine": "last" if frequency == "year" else "mean",
            "better": better,
        }
    )


def goal(target: dict, year: int = 2018) -> Goal:
    return Goal.model_validate(
        {"id": "mal", "area": "omrade", "year": year, "text": "Mål.", "indicator": "andel",
         "target": target}
    )  # fmt: skip


def evaluate_with(g: Goal, values: dict[str, float], better: str = "higher", **kw):
    observations = [Observation(period, value) for period, value in values.items()]
    return evaluate(
        g, g.years[0], indicator(better, kw.pop("frequency", "year")),
        lambda _, gender: observations if gender == "T" else [], kw.pop("as_of", AFTER), **kw,
    )  # fmt: skip


INCREASE = {"kind": "direction", "direction": "increase"}
DECREASE = {"kind": "direction", "direction": "decrease"}


def test_ska_oka_is_achieved_by_any_rise_from_the_year_before() -> None:
    e = evaluate_with(goal(INCREASE), {"2017": 92, "2018": 92.1})
    assert e.status is Result.ACHIEVED
    assert target_text(e) == "öka från 92\u00a0% (2017)"
    assert e.progress is None and not e.met_at_baseline


def test_unchanged_or_falling_is_not_achieved_and_never_worded_as_a_change_of_zero() -> None:
    same = evaluate_with(goal(INCREASE), {"2017": 92, "2018": 92})
    fell = evaluate_with(goal(INCREASE), {"2017": 92, "2018": 91.5})
    assert same.status is Result.NOT_ACHIEVED and same.trend is Trend.UNCHANGED
    assert fell.status is Result.NOT_ACHIEVED  # no level, so nothing to be partly at
    for e in (same, fell):
        assert "med 0" not in target_text(e) and "procentenheter" not in target_text(e)


def test_ska_minska_on_a_lower_is_better_indicator() -> None:
    e = evaluate_with(goal(DECREASE), {"2017": 6.0, "2018": 5.9}, better="lower")
    assert e.status is Result.ACHIEVED
    assert target_text(e) == "minska från 6\u00a0% (2017)"
    assert evaluate_with(goal(DECREASE), {"2017": 6.0, "2018": 6.1}, "lower").status is (
        Result.NOT_ACHIEVED
    )


def test_a_direction_without_last_years_value_has_no_data() -> None:
    e = evaluate_with(goal(INCREASE), {"2018": 93})
    assert e.status is Result.NO_DATA
    assert target_text(e) == "öka från basvärdet, som saknas"


def test_a_direction_in_a_running_year_judges_the_outcome_so_far_and_the_forecast() -> None:
    # Monthly means: 2017 = 50; 2018 so far (Jan–Apr) = 51. The forecast keeps 51 for the
    # rest of the year, so both say "öka" is reached.
    months = {f"2017-{m:02d}": 50 for m in range(1, 13)} | {
        f"2018-{m:02d}": 51 for m in range(1, 5)
    }
    e = evaluate_with(goal(INCREASE), months, frequency="month", as_of=dt.date(2018, 5, 10))
    assert e.forecast and e.outcome.so_far == 51
    assert e.status is Result.ACHIEVED and e.forecast_status is Result.ACHIEVED


MEAN = {"kind": "at_least", "value": 2, "mean_since": 2016}


def test_a_level_on_the_mean_judges_the_mean_of_every_year_since_the_first() -> None:
    # (1,5 + 2,1 + 2,3) / 3 = 5,9 / 3 = 1,9667 < 2, although 2018 alone (2,3) is above 2.
    e = evaluate_with(goal(MEAN), {"2016": 1.5, "2017": 2.1, "2018": 2.3})
    assert e.outcome.value == pytest.approx(59 / 30)
    assert [o.year for o in e.outcome.mean_of] == [2016, 2017, 2018]
    # Progress runs from the mean of the years before, (1,5 + 2,1) / 2 = 1,8:
    # (1,9667 − 1,8) / (2 − 1,8) = 0,8333, at least half the way: delvis.
    assert e.baseline.value == pytest.approx(1.8) and e.baseline.period == "2016–2017"
    assert e.progress == pytest.approx(5 / 6)
    assert e.status is Result.PARTIAL
    assert target_text(e) == "minst 2\u00a0% i snitt 2016–2018"
    assert e.trend is Trend.BETTER  # the trend stays year on year: 2,3 against 2,1


def test_a_mean_exactly_on_the_level_is_achieved() -> None:
    # 1,4 + 2,8 + 1,8 = 6,0, and 6,0 / 3 = 2 exactly; in binary floating point the mean is
    # 1,9999999999999998, which would fall short.
    assert (1.4 + 2.8 + 1.8) / 3 < 2
    e = evaluate_with(goal(MEAN), {"2016": 1.4, "2017": 2.8, "2018": 1.8})
    assert e.status is Result.ACHIEVED


def test_a_missing_year_leaves_the_mean_without_a_value_said_why() -> None:
    e = evaluate_with(goal(MEAN), {"2016": 1.5, "2018": 2.4})
    assert e.status is Result.NO_DATA
    assert e.reason == "snittet kan inte räknas: inga värden för 2017"


def test_at_most_on_the_mean_and_a_first_year_that_is_the_goals_own() -> None:
    at_most = goal({"kind": "at_most", "value": 6.5, "mean_since": 2017})
    # (7,0 + 6,2) / 2 = 6,6 > 6,5: not achieved, though 2018 alone is below the level.
    e = evaluate_with(at_most, {"2017": 7.0, "2018": 6.2}, better="lower")
    assert e.outcome.value == pytest.approx(6.6) and e.status is not Result.ACHIEVED
    alone = goal({"kind": "at_least", "value": 2, "mean_since": 2018})
    one = evaluate_with(alone, {"2017": 9.0, "2018": 2.0})
    assert one.outcome.value == 2.0 and one.status is Result.ACHIEVED
    assert target_text(one) == "minst 2\u00a0% i snitt från 2018"
