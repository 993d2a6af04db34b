"""Period follow-up and forecasts, with a seasonal series worked out by hand.

Sick leave, monthly, the year's value the mean of the months, lower is better:
    2017: 8 8 7 6 5 5 4 5 6 7 8 8         sum 77, mean 77/12 = 6,41667
    2018: 0,95 × 2017 for January–June:   7,6 7,6 6,65 5,7 4,75 4,75, sum 37,05
The goal: at most 6,0 %, baseline 2017 (6,41667); the rule: half the way.

In July 2018 the year so far is 37,05 / 6 = 6,175: (6,175 − 6,41667) / (6,0 − 6,41667) =
0,58 of the way, partly achieved. The full year, by each method:
- seasonal: 6,41667 × 37,05 / 39 = 6,09583; (6,09583 − 6,41667) / −0,41667 = 0,77: partly.
- linear: the line through January–June (slope −0,678571 a month from 6,175 at x = 2,5)
  gives July–December 3,8 3,12143 2,44286 1,76429 1,08571 0,40714, a mean of
  (37,05 + 12,62143) / 12 = 4,13929: achieved, as the spring's fall is carried into autumn.
- last: June's 4,75 for July–December: (37,05 + 28,5) / 12 = 5,4625: achieved.
Only the seasonal forecast keeps the winter peak, and with it the honest verdict.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from verksamhetsplan.data.observation import Observation
from verksamhetsplan.followup.attainment import evaluate
from verksamhetsplan.followup.outcome import year_outcome
from verksamhetsplan.followup.thresholds import Result
from verksamhetsplan.plan.goals import Goal
from verksamhetsplan.plan.model import Indicator
from verksamhetsplan.plan.vocabulary import ForecastMethod

Y2017 = [8, 8, 7, 6, 5, 5, 4, 5, 6, 7, 8, 8]
Y2018 = [7.6, 7.6, 6.65, 5.7, 4.75, 4.75]
SERIES = [Observation(f"2017-{m:02d}", float(v)) for m, v in enumerate(Y2017, 1)] + [
    Observation(f"2018-{m:02d}", v) for m, v in enumerate(Y2018, 1)
]
JULY = dt.date(2018, 7, 15)


def sick_leave(**changes) -> Indicator:
    data = {"id": "sjuktal", "title": "Sjuktal", "unit": "percent", "frequency": "month"}
    return Indicator.model_validate({**data, "combine": "mean", "better": "lower", **changes})


GOAL = Goal.model_validate(
    {
        "id": "sjuktal-2018",
        "area": "personal",
        "year": 2018,
        "text": "Sjuktalet är högst 6 %.",
        "indicator": "sjuktal",
        "target": {"kind": "at_most", "value": 6.0},
        "baseline": {"period": 2017},
    }
)


@pytest.mark.parametrize(
    ("method", "forecast", "verdict"),
    [
        (ForecastMethod.SEASONAL, 6.095833, Result.PARTIAL),
        (ForecastMethod.LINEAR, 4.139286, Result.ACHIEVED),
        (ForecastMethod.LAST, 5.4625, Result.ACHIEVED),
    ],
)
def test_forecast_methods_on_a_seasonal_series(method, forecast, verdict):
    e = evaluate(GOAL, 2018, sick_leave(), lambda i, g: SERIES, JULY, forecast_method=method)
    assert e.outcome is not None and e.outcome.value is None  # never called an outcome
    assert e.outcome.so_far == pytest.approx(6.175)
    assert e.outcome.forecast == pytest.approx(forecast, abs=1e-6)
    assert e.outcome.method is method
    # The measured status rests on the year so far, 0,58 of the way: partly achieved.
    assert (e.status, e.basis) == (Result.PARTIAL, "outcome")
    assert e.progress == pytest.approx(0.58)
    assert e.forecast_status is verdict


def test_the_default_method_is_seasonal_and_an_indicator_can_choose_its_own():
    default = evaluate(GOAL, 2018, sick_leave(), lambda i, g: SERIES, JULY)
    assert default.outcome is not None and default.outcome.method is ForecastMethod.SEASONAL
    own = evaluate(GOAL, 2018, sick_leave(forecast="none"), lambda i, g: SERIES, JULY)
    assert own.forecast_status is None and own.forecast_reason is not None
    assert "bedöms av en person" in own.forecast_reason


def test_seasonal_without_last_year_falls_back_to_a_line_and_says_so():
    this_year_only = [o for o in SERIES if o.period.startswith("2018")]
    outcome = year_outcome(this_year_only, sick_leave(), 2018, JULY, ForecastMethod.SEASONAL)
    assert outcome.method is ForecastMethod.LINEAR
    assert outcome.method_note is not None and "förra årets värden" in outcome.method_note
    assert outcome.forecast == pytest.approx(4.139286, abs=1e-6)


def test_a_period_counts_values_up_to_its_end_only():
    # Q1 2018 seen in December: only January–March count. So far (7,6 + 7,6 + 6,65) / 3 =
    # 7,28333, worse than the baseline 6,41667: not achieved. Seasonal: 6,41667 × 21,85 / 23
    # = 6,09583 (the same 0,95), partly achieved.
    e = evaluate(
        GOAL, 2018, sick_leave(), lambda i, g: SERIES, dt.date(2018, 12, 1), period="2018-Q1"
    )
    assert e.outcome is not None and [o.period for o in e.outcome.used][-1] == "2018-03"
    assert e.outcome.so_far == pytest.approx(7.283333, abs=1e-6)
    assert e.status is Result.NOT_ACHIEVED
    assert e.outcome.forecast == pytest.approx(6.095833, abs=1e-6)
    assert e.forecast_status is Result.PARTIAL


def test_period_follow_up_on_the_shipped_plan(in_repo, run_vp):
    result = run_vp(
        "status", "--period", "2018-T2", "--plan", "degerfors-sn-2018-2019", "-f", "json"
    )
    assert result.exit_code == 0, result.output
    (plan,) = json.loads(result.stdout)["plans"]
    assert (plan["period"], plan["year"], plan["data_through"]) == ("2018-T2", 2018, "2018-08-31")
    goals = {g["goal"]: g for g in plan["goals"]}
    # The T2 assessment of KOLL (partial, dated 2018-08-31) belongs to the delårsrapport; the
    # year's (achieved, 2019-01-31) does not.
    assert (goals["koll-installerat-2018"]["status"], goals["koll-installerat-2018"]["basis"]) == (
        "partial",
        "assessment",
    )
    expected = [g for g in plan["goals"] if g["forecast_status"]]
    assert expected, "a delårsrapport has forecast verdicts"
    measured = [g for g in expected if g["target_kind"] != "measures"]
    for g in measured:
        assert g["outcome"] is None and g["so_far"] is not None and g["forecast"] is not None
    assert sum(plan["forecast_counts"].values()) == len(expected)
    assert {g["period"] for g in plan["goals"]} == {"2018-T2"}
    table = run_vp("status", "--period", "2018-delår", "--plan", "degerfors-sn-2018-2019").stdout
    assert "Uppföljning tertial 2 2018 (januari–augusti, delåret)" in " ".join(table.split())
    assert "Prognos för helåret (räknas för sig, inte som utfall)" in " ".join(table.split())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2018-T4"], "--period '2018-T4' är ingen period inom ett år"),
        (["--period", "2018"], "ingen period inom ett år"),
        (["--period", "2018-T2", "--year", "2018"], "antingen --year eller --period"),
    ],
)
def test_bad_periods_are_usage_errors(in_repo, run_vp, args, message):
    result = run_vp("status", *args)
    assert result.exit_code == 2
    assert message in result.stderr
