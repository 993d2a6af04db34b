"""The economy follow-up worked out by hand on a small repository: a nämnd (n) with two
verksamheter (a, b), yearly budgets spread evenly, monthly utfall and prognoses. Budget for
the period, utfall, avvikelse (positive = better), budget and prognos for the year, the
roll-up, exactly on budget, and a deficit that only the prognos shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

PLAN = """id: ekoplan
kind: verksamhetsplan
title: Testplan
organisation: Testkommun
board: Testnämnden
period: {start: 2018, end: 2019}
areas:
  - id: ekonomi
    title: Ekonomi
indicators:
  - id: avvikelse-n
    title: Budgetavvikelse, nämnden
    unit: tsek
    frequency: month
    combine: sum
    better: higher
    economy: {figure: deviation, unit: n}
  - id: avvikelse-a
    title: Budgetavvikelse, a
    unit: tsek
    frequency: month
    combine: sum
    better: higher
    economy: {figure: deviation, unit: a}
  - id: avvikelse-b
    title: Budgetavvikelse, b
    unit: tsek
    frequency: month
    combine: sum
    better: higher
    economy: {figure: deviation, unit: b}
goals:
  - {id: n-2018, area: ekonomi, year: 2018, text: Inom ramen., indicator: avvikelse-n,
     target: {kind: at_least, value: 0}}
  - {id: a-2018, area: ekonomi, year: 2018, text: Inom ramen., indicator: avvikelse-a,
     target: {kind: at_least, value: 0}}
  - {id: b-2019, area: ekonomi, year: 2019, text: Inom ramen., indicator: avvikelse-b,
     target: {kind: at_least, value: 0}}
economy:
  units:
    - {id: n, title: Nämnden}
    - {id: a, title: Verksamhet A, parent: n}
    - {id: b, title: Verksamhet B, parent: n}
  budget_profile: even
"""


def data() -> str:
    rows = ["unit;period;kind;amount;account;note"]
    rows += ["a;2018;budget;1 200;;", "b;2018;budget;600;;", "a;2019;budget;1200;;"]
    rows += ["b;2019;budget;600;;"]
    rows += [f"a;2018-{m:02d};outcome;100;;" for m in range(1, 13)]  # on budget every month
    rows += [f"b;2018-{m:02d};outcome;55,0;;" for m in range(1, 9)]  # 5 over a month
    rows += ["a;2018-T2;forecast;1 200;;", "b;2018-T2;forecast;640;;"]
    rows += [f"b;2019-{m:02d};outcome;45;;" for m in range(1, 9)]  # 5 under a month
    rows += ["b;2019-T2;forecast;620;;"]
    return "\n".join(rows) + "\n"


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "economy-data").mkdir()
    (tmp_path / "economy-data" / "ekonomi.csv").write_text(data(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def economy(run_vp, *args: str) -> dict:
    result = run_vp("economy", "status", "-f", "json", *args)
    assert result.exit_code == 0, result.output
    [plan] = json.loads(result.stdout)["plans"]
    return {u["id"]: u["values"] for u in plan["units"]}


def test_the_delar_figures_by_hand(run_vp, repo) -> None:
    units = economy(run_vp, "--period", "2018-T2", "--as-of", "2018-09-30")
    # a: budget 1 200 a year, 100 a month; eight months ended: 800; utfall 8 × 100
    assert units["a"] == {
        "budget_period": 800.0,
        "outcome_period": 800.0,
        "deviation_period": 0.0,
        "budget_year": 1200.0,
        "forecast_year": 1200.0,
        "deviation_year": 0.0,
    }
    # b: 50 a month budgeted, 55 spent: −40 so far; prognos 640 against 600: −40
    assert units["b"]["deviation_period"] == pytest.approx(-40)
    assert units["b"]["deviation_year"] == pytest.approx(-40)
    # the nämnd is the sum of both
    assert units["n"]["budget_period"] == pytest.approx(1200)
    assert units["n"]["outcome_period"] == pytest.approx(1240)
    assert units["n"]["forecast_year"] == pytest.approx(1840)
    assert units["n"]["deviation_year"] == pytest.approx(-40)


def test_before_the_prognos_was_made_there_is_none(run_vp, repo) -> None:
    units = economy(run_vp, "--period", "2018-T1", "--as-of", "2018-09-30")
    assert units["b"]["budget_period"] == pytest.approx(200)  # four months of 50
    assert units["b"]["forecast_year"] is None  # the T2 prognos came later


def test_exactly_on_budget_is_achieved_and_a_deficit_is_not(run_vp, repo) -> None:
    result = run_vp("status", "-y", "2018", "-f", "json", "--as-of", "2019-01-31")
    goals = {g["goal"]: g for p in json.loads(result.stdout)["plans"] for g in p["goals"]}
    assert goals["a-2018"]["outcome"] == 0 and goals["a-2018"]["status"] == "achieved"
    # n: b's utfall ends in August, so the year's sum cannot be made: no data, said why
    assert goals["n-2018"]["status"] == "no_data"


def test_a_deficit_only_in_the_prognos_is_judged_by_it(run_vp, repo) -> None:
    units = economy(run_vp, "--period", "2019-T2", "--as-of", "2019-09-30")
    assert units["b"]["deviation_period"] == pytest.approx(40)  # under budget so far
    assert units["b"]["deviation_year"] == pytest.approx(-20)  # the prognos: 620 against 600
    result = run_vp("status", "--period", "2019-T2", "-f", "json", "--as-of", "2019-09-30")
    goals = {g["goal"]: g for p in json.loads(result.stdout)["plans"] for g in p["goals"]}
    assert goals["b-2019"]["so_far"] == pytest.approx(40)
    assert goals["b-2019"]["forecast"] == pytest.approx(-20)
    assert goals["b-2019"]["forecast_status"] == "not_achieved"


def test_explain_names_every_row_it_summed(run_vp, repo) -> None:
    result = run_vp("economy", "explain", "b", "--period", "2018-T2", "--as-of", "2018-09-30")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "Budget perioden: 400 tkr = budgeten per månad, januari–augusti" in lines
    assert "Utfall perioden: 440 tkr" in lines
    outcome = [line for line in lines if " outcome " in line]
    assert len(outcome) == 8 and outcome[0].endswith("economy-data/ekonomi.csv rad 18")
    assert "Avvikelse helår = budget − prognos = −40 tkr (positiv: bättre än budget)" in lines


def test_last_years_profile_spreads_a_yearly_budget() -> None:
    from verksamhetsplan.data.economy import EconomyRow, Units
    from verksamhetsplan.followup.economy import Ledger
    from verksamhetsplan.plan.economy_model import BudgetProfile, EconomyUnit, Kind

    last = [10, 10, 10, 10, 10, 10, 30, 10, 10, 10, 10, 30]  # 160: July and December heavy
    rows = [
        EconomyRow("x", f"2017-{m:02d}", Kind.OUTCOME, v, "", "", "f", m)
        for m, v in enumerate(last, 1)
    ]
    rows.append(EconomyRow("x", "2018", Kind.BUDGET, 320, "", "", "f", 13))
    unit = {"x": EconomyUnit(id="x", title="X")}
    ledger = Ledger(rows, Units(unit, {}, {}, {"x": BudgetProfile.LAST_YEAR}))
    months, note = ledger.budget_months("x", 2018)
    assert note is None
    assert months == pytest.approx([20, 20, 20, 20, 20, 20, 60, 20, 20, 20, 20, 60])
    even, _ = Ledger(rows, Units(unit, {}, {}, {"x": BudgetProfile.EVEN})).budget_months("x", 2018)
    assert even == pytest.approx([320 / 12] * 12)
    # without last year's every month, the budget is spread evenly and the note says why
    gap = Ledger(rows[1:], Units(unit, {}, {}, {"x": BudgetProfile.LAST_YEAR}))
    months, note = gap.budget_months("x", 2018)
    assert months == pytest.approx([320 / 12] * 12) and "fördelas lika" in (note or "")


def test_the_as_of_day_is_respected(run_vp, repo) -> None:
    units = economy(run_vp, "--year", "2018", "--as-of", "2018-06-15")
    # May is the last month ended on 15 June: five months of budget and utfall
    assert units["a"]["budget_period"] == pytest.approx(500)
    assert units["b"]["outcome_period"] == pytest.approx(275)
