"""The analysis cites numbers vp cannot check, but vp can see when it was written before the
period's latest assessment or data changed, and warns the secretary (VP405)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from conftest import ROOT

ANALYSIS = Path("analyses/degerfors-sn-2018-2019/2018-T2.md")
DATA = Path("indicators-data/degerfors/integration.csv")
ARGS = ["--period", "2018-T2", "--plan", "degerfors-sn-2018-2019", "-o", "r.html"]


def _day(path: Path, day: dt.date) -> None:
    stamp = dt.datetime.combine(day, dt.time(12)).timestamp()
    os.utime(path, (stamp, stamp))


def test_an_analysis_older_than_the_data_is_flagged(repo_copy, run_vp) -> None:
    shutil.copytree(ROOT / "analyses", repo_copy / "analyses")  # outside git: file days count
    for path in Path("indicators-data").rglob("*.csv"):
        _day(path, dt.date(2018, 9, 1))
    _day(ANALYSIS, dt.date(2018, 9, 3))
    quiet = run_vp("report", *ARGS)
    assert quiet.exit_code == 0 and "VP405" not in quiet.stderr  # written after the data
    _day(DATA, dt.date(2018, 9, 20))  # a value corrected after the analysis was written
    result = run_vp("report", *ARGS)
    assert result.exit_code == 0  # a warning, the report is written
    said = " ".join(result.stderr.split())
    assert "varning VP405: analysen ändrades senast 2018-09-03" in said
    assert "data i indicators-data/degerfors/integration.csv från 2018-09-20" in said


def test_an_analysis_older_than_an_assessment_is_flagged(repo_copy, run_vp) -> None:
    shutil.copytree(ROOT / "analyses", repo_copy / "analyses")
    for path in Path("indicators-data").rglob("*.csv"):
        _day(path, dt.date(2018, 9, 1))
    _day(ANALYSIS, dt.date(2018, 9, 3))
    assessed = run_vp(
        "assess", "infocenter-2018", "--period", "2018-T2", "-s", "delvis", "-c", "Startat.",
        "--date", "2018-09-10",
    )  # fmt: skip
    assert assessed.exit_code == 0, assessed.output
    said = " ".join(run_vp("report", *ARGS).stderr.split())
    assert "analysen ändrades senast 2018-09-03, men det finns en bedömning från 2018-09-10" in said


def test_the_check_works_from_another_folder_too(repo_copy, monkeypatch) -> None:
    """The core is handed the repository's root, not the working folder (the web
    application's case): the analysis file is found under that root, once."""
    from verksamhetsplan.followup.repository import open_repository
    from verksamhetsplan.followup.select import report_analysis

    shutil.copytree(ROOT / "analyses", repo_copy / "analyses")
    for path in Path("indicators-data").rglob("*.csv"):
        _day(path, dt.date(2018, 9, 20))
    _day(ANALYSIS, dt.date(2018, 9, 3))
    monkeypatch.chdir(repo_copy.parent)
    root = Path(repo_copy.name)  # relative, and not "."
    repository, _ = open_repository(root)
    assert repository is not None
    plan_file = repository.plan("degerfors-sn-2018-2019")
    follow_up = repository.follow_up(plan_file, 2018, dt.date(2020, 1, 31), "2018-T2")
    found = report_analysis(root, plan_file, follow_up, "2018-T2", strict=False)
    assert found.analysis is not None
    assert found.stale is not None and "2018-09-03" in found.stale.message
    assert found.stale.file == (root / ANALYSIS).as_posix()
