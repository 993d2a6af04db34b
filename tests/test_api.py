"""verksamhetsplan.api: the follow-up and the data as pandas DataFrames for analysts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import ROOT
from verksamhetsplan import api


def test_status_frame_has_a_row_per_goal_and_measure_as_the_json(in_repo, run_vp) -> None:
    frame = api.status(ROOT, year=2018, plan="degerfors-sn-2018-2019", as_of=dt.date(2020, 1, 31))
    record = json.loads(
        run_vp(
            "status",
            "--year",
            "2018",
            "--plan",
            "degerfors-sn-2018-2019",
            "--as-of",
            "2020-01-31",
            "--format",
            "json",
        ).stdout
    )["plans"][0]
    goals = record["goals"]
    measures = [m for g in goals for m in g["measures"]]
    assert len(frame) == len(goals) + len(measures)
    assert list(frame[frame.measure.isna()].goal) == [g["goal"] for g in goals]
    row = frame.set_index("goal").loc["barnhushall-forsorjningsstod-2018"]
    assert row.status == "achieved"
    assert row.target == pytest.approx(72.225)


def test_status_works_from_any_working_directory(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # an analyst's notebook folder, far from the plans
    frame = api.status(ROOT, year=2018, plan="degerfors-sn-2018-2019", as_of=dt.date(2020, 1, 31))
    row = frame.set_index("goal").loc["barnhushall-forsorjningsstod-2018"]
    assert row.status == "achieved"
    assert row.target == pytest.approx(72.225)
    assert Path.cwd() == tmp_path  # the API leaves the working directory alone


def test_indicator_data_frame_names_file_and_line(in_repo) -> None:
    frame = api.indicator_data(ROOT, plan="degerfors-sn-2018-2019")
    row = frame[(frame.indicator == "andel-heltider") & (frame.period == "2016-Q1")].iloc[0]
    assert (row.value, row.gender, row.file, row.line) == (
        35.0,
        "T",
        "indicators-data/degerfors/personal.csv",
        2,
    )


def test_a_repository_with_errors_raises_with_the_problems(repo_copy) -> None:
    plan = repo_copy / "plans" / "degerfors" / "socialnamnden-2018-2019.yaml"
    plan.write_text(plan.read_text("utf-8").replace("kind: verksamhetsplan", "kind: okänd"))
    with pytest.raises(api.RepositoryError) as raised:
        api.status(repo_copy)
    assert "VP104" in str(raised.value)
    assert raised.value.problems


def test_without_pandas_the_api_says_which_extra_to_install(monkeypatch) -> None:
    import sys

    import pytest

    from verksamhetsplan import api

    monkeypatch.setitem(sys.modules, "pandas", None)  # as if not installed
    with pytest.raises(ImportError, match=r'pip install "verksamhetsplan\[api\]"'):
        api.status(ROOT, year=2018)
