"""vp status and vp explain on the shipped repository, as a verksamhetsutvecklare runs them."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from conftest import ROOT
from verksamhetsplan.followup.words import STATUS, amount
from verksamhetsplan.output.export.status import CSV_FIELDS
from verksamhetsplan.plan.vocabulary import Unit

SN = "degerfors-sn-2018-2019"


def status_json(run_vp, *args: str) -> dict:
    result = run_vp("status", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(("year", "count"), [(2018, 13), (2019, 12)])
def test_every_degerfors_goal_gets_a_status(in_repo, run_vp, year: int, count: int) -> None:
    (plan,) = status_json(run_vp, "--plan", SN, "--year", str(year))["plans"]
    assert len(plan["goals"]) == count
    assert sum(plan["counts"].values()) == count
    assert {g["status"] for g in plan["goals"]} <= {s.value for s in STATUS}
    parts = [m for g in plan["goals"] for m in (g["measures"] or [g])]
    measurable = [m for m in parts if m["target_kind"] != "milestone"]
    assert all(m["target"] is not None or m["status"] == "no_data" for m in measurable)
    assert all(g["reason"] for g in plan["goals"] if g["status"] == "no_data")


def test_bromolla_goals_and_coverage_gap(in_repo, run_vp) -> None:
    (plan,) = status_json(run_vp, "--plan", "bromolla-sf-2010-2011", "--year", "2010")["plans"]
    assert len(plan["goals"]) == 15
    unserved = [c["council_goal"] for c in plan["council_goals"] if not c["served_by"]]
    assert unserved == ["valdeltagande", "trygghet"]


def test_default_shows_every_plan_with_goals(in_repo, run_vp) -> None:
    plans = status_json(run_vp)["plans"]
    assert [p["plan"] for p in plans] == ["bromolla-sf-2010-2011", SN, "degerfors-voo-2018-2019"]
    assert [p["year"] for p in plans] == [2011, 2019, 2019]  # each plan's latest begun year


def test_table_shows_every_goal_with_word_symbol_and_rule(in_repo, run_vp) -> None:
    result = run_vp("status", "--plan", SN, "--year", "2019")
    assert result.exit_code == 0
    out = result.stdout
    assert "Uppföljning 2019" in out and "minst halva vägen" in out
    for word, symbol, _ in STATUS.values():
        if word in out:
            assert f"{symbol} {word}" in out
    assert (
        # 8 of 12 measured (67 % ≥ 50 %), some achieved and some not: partly achieved.
        "Summering 2019: 12 mål – ◐ delvis uppnått (8 av 12 mål bedömda: 3 uppnått, "
        "3 delvis uppnått, 2 ej uppnått, 4 ej mätbart)." in out
    )
    assert "4,95\u00a0%" in out  # Swedish number with a non-breaking space before %
    assert "beräknat: ✘ ej uppnått" in out  # an override shows what was computed


def test_area_filter(in_repo, run_vp) -> None:
    (plan,) = status_json(run_vp, "--plan", SN, "--year", "2018", "--area", "attraktivitet")[
        "plans"
    ]
    assert {g["goal"] for g in plan["goals"]} == {"heltid-modell-2018", "subventionerade-40-2018"}


def test_csv_is_the_documented_contract(in_repo, run_vp) -> None:
    result = run_vp("status", "--format", "csv", "--plan", SN, "--year", "2018")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == CSV_FIELDS
    # 13 goals, and a row for each measure of the two goals with two measures each.
    assert len(rows) == 13 + 4
    all_in = [(r["goal"], r["measure"], r["status"]) for r in rows if r["goal"] == "all-in-2018"]
    assert all_in == [
        ("all-in-2018", "", "no_data"),
        ("all-in-2018", "all-in-etablerat", "no_data"),
        ("all-in-2018", "all-in-deltagare", "achieved"),
    ]


def test_as_of_gives_a_forecast_for_the_running_year(in_repo, run_vp) -> None:
    (plan,) = status_json(run_vp, "--plan", SN, "--year", "2019", "--as-of", "2019-06-30")["plans"]
    heltid = next(g for g in plan["goals"] if g["goal"] == "heltid-okning-2019")
    assert heltid["outcome"] is None and heltid["forecast"] is not None
    (later,) = status_json(run_vp, "--plan", SN, "--year", "2019", "--as-of", "2019-06-30")["plans"]
    assert later == plan  # the same date gives the same answer


def test_explain_accounts_for_every_number_status_shows(in_repo, run_vp) -> None:
    (plan,) = status_json(run_vp, "--plan", SN, "--year", "2019")["plans"]
    for goal in plan["goals"]:
        result = run_vp("explain", goal["goal"], "--year", "2019")
        assert result.exit_code == 0
        text = result.stdout
        assert goal["text"].strip() in text
        if goal["unit"]:
            unit = Unit(goal["unit"])
            for field in ("baseline", "target", "outcome"):
                if goal[field] is not None:
                    assert amount(goal[field], unit) in text, (goal["goal"], field)
        for shown in (goal["status"], goal["computed_status"]):  # an override shows both
            if shown is not None:
                word, symbol, _ = STATUS[shown]
                assert f"{symbol} {word}" in text


def test_explain_shows_values_with_file_and_line(in_repo, run_vp) -> None:
    text = run_vp("explain", "forsorjningsstod-2018").stdout
    assert "2018-01" in text and "indicators-data/degerfors/socialtjanst.csv rad 26" in text
    assert "basvärde × (1 − 10 %) = 6 × 0,9 = 5,4\u00a0%" in text


def test_explain_unknown_goal_suggests(in_repo, run_vp) -> None:
    result = run_vp("explain", "forsorjningstod-2018")
    assert result.exit_code == 2
    assert "Menade du 'forsorjningsstod-2018'?" in result.stderr


@pytest.mark.parametrize("args", [["--as-of", "30/6"], ["--plan", "finns-inte"]])
def test_usage_errors(in_repo, run_vp, args) -> None:
    result = run_vp("status", *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_bad_data_stops_status_with_the_place_and_changes_nothing(
    run_vp, tmp_path, monkeypatch
) -> None:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    shutil.copytree(ROOT / "indicators-data", tmp_path / "indicators-data")
    target = tmp_path / "indicators-data" / "degerfors" / "integration.csv"
    lines = target.read_text(encoding="utf-8").splitlines()
    cells = lines[4].split(",")
    cells[2] = "fem"  # the value column
    lines[4] = ",".join(cells)
    broken = "\n".join(lines) + "\n"
    target.write_text(broken, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_vp("status")
    assert result.exit_code == 1
    assert "indicators-data/degerfors/integration.csv:5:3: fel VP305" in result.stderr
    assert "ingenting har beräknats" in result.stderr
    assert target.read_text(encoding="utf-8") == broken


def test_status_is_the_same_whichever_reader_loads_the_data(in_repo, run_vp, monkeypatch) -> None:
    from verksamhetsplan.data import validate

    small = status_json(run_vp, "--as-of", "2020-01-31")
    monkeypatch.setattr(validate, "LARGE_DATA_BYTES", 0)  # as if it were a whole country
    assert status_json(run_vp, "--as-of", "2020-01-31") == small


@pytest.mark.parametrize("output", ["json", "csv", "table"])
def test_two_processes_give_the_same_output(in_repo, run_vp, monkeypatch, output) -> None:
    from verksamhetsplan.common import parallel

    args = ["status", "--format", output, "--as-of", "2020-01-31"]
    alone = run_vp(*args)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)  # the two shipped plans, one each
    together = run_vp(*args)
    assert (together.exit_code, together.stdout) == (alone.exit_code, alone.stdout)
    assert "degerfors" in together.stdout.lower() and "brom" in together.stdout.lower()


def test_a_failure_in_the_second_process_is_reported() -> None:
    from verksamhetsplan.common.parallel import map_in_halves

    def work(items):
        if 99 in items:
            raise ValueError("trasigt")
        return [i * 2 for i in items]

    assert map_in_halves(list(range(40)), work) == [i * 2 for i in range(40)]
    with pytest.raises(RuntimeError, match="ValueError: trasigt"):
        map_in_halves(list(range(60, 100)), work)


def _table_at(run_vp, monkeypatch, width: int) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    result = run_vp("status", "--plan", SN, "--year", "2019", "--as-of", "2019-09-15")
    assert result.exit_code == 0, result.output
    return result.stdout


def test_at_80_columns_each_goal_is_a_block_with_id_text_and_units(in_repo, run_vp, monkeypatch):
    text = _table_at(run_vp, monkeypatch, 80)
    assert max(len(line) for line in text.splitlines()) <= 80
    (plan,) = status_json(run_vp, "--plan", SN, "--year", "2019", "--as-of", "2019-09-15")["plans"]
    lines = [line.strip() for line in text.splitlines()]
    for goal in plan["goals"]:
        assert any(line.endswith(goal["goal"]) for line in lines), goal["goal"]
    # The short text whole, and the numbers with their units.
    nbsp = "\u00a0"  # between a number and its unit, and in thousands
    assert "Andelen heltider ökar med 10 %" in lines
    assert f"basvärde 40{nbsp}% · målvärde 44{nbsp}%" in lines
    assert f"basvärde 4{nbsp}799{nbsp}tkr · målvärde 4{nbsp}319,1{nbsp}tkr" in lines
    assert f"prognos helår ≈42,92{nbsp}%: ◐ bedöms delvis uppnås" in lines


def test_a_wide_terminal_gets_the_table_with_goal_ids(in_repo, run_vp, monkeypatch):
    text = _table_at(run_vp, monkeypatch, 160)
    assert "┃ Mål" in text and "│ heltid-okning-2019" in text


def test_plan_text_is_not_read_as_terminal_markup(repo_copy, run_vp, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    plan = repo_copy / "plans/degerfors/socialnamnden-2018-2019.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace(
        "title: Verksamhetsplan för Socialnämnden 2018–2019", "title: Plan [reviderad 2019] [/]", 1
    )
    text = text.replace("short: Andelen heltider ökar med 10 %", "short: Heltider [bold]ökar[/]", 1)
    plan.write_text(text, encoding="utf-8")
    result = run_vp("status", "--plan", SN, "--year", "2019")
    assert result.exit_code == 0, result.output
    assert "Plan [reviderad 2019] [/]" in result.stdout
    assert "Heltider [bold]ökar[/]" in result.stdout


def test_csv_and_json_numbers_have_no_float_noise(in_repo, run_vp) -> None:
    import json as json_module

    args = (
        "status",
        "--plan",
        "degerfors-sn-2018-2019",
        "--period",
        "2018-T2",
        "--as-of",
        "2020-01-31",
    )
    record = json_module.loads(run_vp(*args, "--format", "json").stdout)["plans"][0]
    goals = {g["goal"]: g for g in record["goals"]}
    # 6.0016666… and 5.4015000000030…: the seeds' baseline mean and target, six decimals
    assert goals["forsorjningsstod-2018"]["baseline"] == 6.001667
    assert goals["forsorjningsstod-2018"]["target"] == 5.4015
    assert goals["subventionerade-40-2018"]["forecast"] == 39.310345
    text = run_vp(*args, "--format", "csv").stdout
    assert "5.401500000003" not in text and ",5.4015," in text


def test_csv_for_swedish_excel(in_repo, run_vp) -> None:
    result = run_vp(
        "status",
        "--plan",
        "degerfors-sn-2018-2019",
        "--period",
        "2018-T2",
        "--as-of",
        "2020-01-31",
        "--format",
        "csv",
        "--excel",
    )
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("\ufeffplan;year;period;")
    row = next(line for line in text.splitlines() if "subventionerade-40-2018" in line)
    cells = row.split(";")
    assert cells[12:17] == ["30", "40", "", "38", "39,310345"]
    wrong = run_vp("status", "--excel")
    assert wrong.exit_code == 2 and "--excel gäller bara --format csv" in wrong.stderr
