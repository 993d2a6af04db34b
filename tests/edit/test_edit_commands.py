"""vp assess and vp activity on a copy of the shipped repository: the plan file changes by
exactly the lines the command means to write, and bad input changes nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import only_added_lines, snapshot
from verksamhetsplan.plan.yaml_reader import read_file

SN = Path("plans/degerfors/socialnamnden-2018-2019.yaml")


def _goal(goal_id: str) -> dict:
    data, _ = read_file(SN)
    return next(g for g in data["goals"] if g["id"] == goal_id)


def _status(run_vp, goal_id: str, year: int, as_of: str | None = None) -> dict:
    when = ["--as-of", as_of] if as_of else []
    result = run_vp(
        "status", "--plan", "degerfors-sn-2018-2019", "--year", str(year), "--format", "json", *when
    )
    assert result.exit_code == 0, result.output
    goals = json.loads(result.stdout)["plans"][0]["goals"]
    return next(g for g in goals if g["goal"] == goal_id)


def test_assess_a_milestone_adds_exactly_the_assessment(repo_copy, run_vp) -> None:
    before = snapshot(repo_copy)
    result = run_vp(
        "assess",
        "medarbetarskap-projekt-2018",
        "--year",
        "2018",
        "--status",
        "uppnått",
        "--comment",
        "Projektet startade i maj: 12 enheter deltar.",
        "--by",
        "Anna Berg",
        "--date",
        "2019-01-15",
    )
    assert result.exit_code == 0, result.output
    assert "är tillagd" in result.stdout and "uppnått" in result.stdout
    after = snapshot(repo_copy)
    assert {k for k in before if before[k] != after[k]} == {SN.as_posix()}
    added = only_added_lines(before[SN.as_posix()], after[SN.as_posix()])
    assert [line.strip() for line in added] == [
        "assessments:",
        "- period: 2018",
        "status: achieved",
        "comment: 'Projektet startade i maj: 12 enheter deltar.'",
        "by: Anna Berg",
        "date: 2019-01-15",
    ]
    assert _status(run_vp, "medarbetarskap-projekt-2018", 2018)["status"] == "achieved"
    assert run_vp("validate", "--strict").exit_code == 0


def test_a_new_assessment_keeps_the_earlier_one_for_the_time_before(repo_copy, run_vp) -> None:
    assert _goal("heltid-modell-2018")["assessments"][0]["status"] == "achieved"
    args = ["assess", "heltid-modell-2018", "-y", "2018", "-s", "partial"]
    result = run_vp(*args, "-c", "Modellen är inte klar.", "--date", "2019-03-01")
    assert result.exit_code == 0, result.output
    assert "den tidigare från 2019-01-31 (uppnått) står kvar" in result.stdout
    assessments = _goal("heltid-modell-2018")["assessments"]
    assert [(a["period"], a["status"]) for a in assessments] == [
        (2018, "achieved"),
        (2018, "partial"),
    ]
    # Each day shows what was known then: nothing before 2019-01-31, then the first
    # assessment, from 2019-03-01 the second; later judgements never leak backwards.
    assert _status(run_vp, "heltid-modell-2018", 2018, "2019-01-30")["status"] == "no_data"
    assert _status(run_vp, "heltid-modell-2018", 2018, "2019-02-28")["status"] == "achieved"
    assert _status(run_vp, "heltid-modell-2018", 2018, "2019-03-01")["status"] == "partial"
    # A correction the same day replaces the entry of that day.
    again = run_vp(*args, "-c", "Rättat.", "--date", "2019-03-01")
    assert again.exit_code == 0, again.output
    assert "ersätter den från samma dag (delvis uppnått)" in again.stdout
    assert [a.get("comment") for a in _goal("heltid-modell-2018")["assessments"]][1] == "Rättat."


def test_assess_a_tertial_keeps_the_year_assessment(repo_copy, run_vp) -> None:
    result = run_vp(
        "assess", "koll-installerat-2018", "--period", "2018-T3", "-s", "delvis", "-c", "11 av 14."
    )
    assert result.exit_code == 0, result.output
    periods = [a["period"] for a in _goal("koll-installerat-2018")["assessments"]]
    assert periods == ["2018-T2", 2018, "2018-T3"]


def test_overriding_a_computed_status_needs_a_reason(repo_copy, run_vp) -> None:
    assert _status(run_vp, "subventionerade-40-2018", 2018)["status"] == "achieved"
    before = snapshot(repo_copy)
    args = ["assess", "subventionerade-40-2018", "-y", "2018", "-s", "partial", "-c", "Tveksamt."]
    refused = run_vp(*args)
    assert refused.exit_code == 2
    assert "beräknade statusen för 2018 är 'uppnått'" in refused.stderr
    assert "--reason" in refused.stderr
    assert snapshot(repo_copy) == before
    accepted = run_vp(*args, "--reason", "Tre av tjänsterna upphörde i december.")
    assert accepted.exit_code == 0, accepted.output
    assert "avviker från den beräknade statusen (uppnått)" in accepted.stdout
    shown = _status(run_vp, "subventionerade-40-2018", 2018)
    assert (shown["status"], shown["computed_status"]) == ("partial", "achieved")
    assert shown["override_reason"] == "Tre av tjänsterna upphörde i december."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["koll-huvudverkty", "-y", "2018", "-s", "achieved"],
            "Menade du 'koll-huvudverktyg-2018'?",
        ),
        (["koll-huvudverktyg-2018", "-y", "2018", "-s", "klart"], "Tillåtna: achieved, uppnått"),
        (["koll-huvudverktyg-2018", "-y", "2019", "-s", "achieved"], "gäller 2018, inte 2019"),
        (["koll-huvudverktyg-2018", "--period", "2018-X", "-s", "achieved"], "ingen period"),
        (
            ["koll-huvudverktyg-2018", "-y", "2018", "--period", "2018-T2", "-s", "achieved"],
            "antingen --year eller --period",
        ),
        (
            ["koll-huvudverktyg-2018", "--period", "2018-T4", "-s", "achieved"],
            "perioden '2018-T4' är ingen period",
        ),
        (
            ["koll-huvudverktyg-2018", "-y", "2018", "-s", "achieved", "--date", "2999-01-01"],
            "--date 2999-01-01 ligger efter i dag",
        ),
    ],
)
def test_bad_assess_input_is_refused_and_nothing_changes(repo_copy, run_vp, args, message) -> None:
    before = snapshot(repo_copy)
    result = run_vp("assess", *args, "-c", "x")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(repo_copy) == before


def test_activity_adds_dated_updates_and_as_of_judges_by_that_days_state(repo_copy, run_vp) -> None:
    before = snapshot(repo_copy)[SN.as_posix()]
    first = run_vp(
        "activity", "koll", "-s", "pågår", "-c", "Två enheter återstår.", "--date", "2018-10-01"
    )
    assert first.exit_code == 0, first.output
    assert "planerad → pågår från 2018-10-01" in first.stdout
    second = run_vp(
        "activity", "koll", "--status", "genomförd", "--date", "2018-12-15", "--by", "Anna Berg"
    )
    assert second.exit_code == 0, second.output
    assert "pågår → genomförd från 2018-12-15" in second.stdout
    # Only the history is added; the status as adopted stays as it was.
    added = only_added_lines(before, SN.read_bytes())
    assert [line.strip() for line in added] == [
        "history:",
        "- date: 2018-10-01",
        "status: ongoing",
        "comment: Två enheter återstår.",
        "- date: 2018-12-15",
        "status: done",
        "by: Anna Berg",
    ]
    # koll-huvudverktyg-2018 is a milestone judged by its one activity, koll: planned only
    # (no data) until 2018-10-01, ongoing (partial) until 2018-12-15, then done (achieved).
    goal = "koll-huvudverktyg-2018"
    assert _status(run_vp, goal, 2018, "2018-09-30")["status"] == "no_data"
    assert _status(run_vp, goal, 2018, "2018-10-01")["status"] == "partial"
    assert _status(run_vp, goal, 2018, "2018-12-14")["status"] == "partial"
    assert _status(run_vp, goal, 2018, "2018-12-31")["status"] == "achieved"
    assert run_vp("validate", "--strict").exit_code == 0


def test_a_bad_date_names_its_own_option(repo_copy, run_vp) -> None:
    result = run_vp("activity", "koll", "-s", "done", "--date", "2018-13-01")
    assert result.exit_code == 2
    assert "--date '2018-13-01' är inget datum" in result.stderr


def test_activity_unknown_id_and_status(repo_copy, run_vp) -> None:
    before = snapshot(repo_copy)
    unknown = run_vp("activity", "kol", "-s", "done")
    assert unknown.exit_code == 2 and "Menade du 'koll'?" in unknown.stderr
    bad = run_vp("activity", "koll", "-s", "färdig")
    assert bad.exit_code == 2 and "planned, planerad, ongoing" in bad.stderr
    assert snapshot(repo_copy) == before


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_a_read_only_plan_is_refused_and_left_alone(repo_copy, run_vp) -> None:
    SN.chmod(0o444)
    before = snapshot(repo_copy)
    result = run_vp("activity", "koll", "-s", "done")
    assert result.exit_code == 1
    assert "skrivskyddad" in result.stderr and "ingenting har ändrats" in result.stderr
    assert snapshot(repo_copy) == before
    assert oct(SN.stat().st_mode & 0o777) == "0o444"


def test_a_result_that_would_be_invalid_is_refused_with_its_problems(repo_copy) -> None:
    from verksamhetsplan.common.problems import Refused
    from verksamhetsplan.edit.plans import find, record_assessment
    from verksamhetsplan.followup.repository import open_repository

    repository, _ = open_repository(Path("."))
    assert repository is not None
    found = find(repository.index, "koll-installerat-2018", "goal", "målet")
    with pytest.raises(Refused) as refused:
        record_assessment(repository.plans, found, {"period": 2018, "status": "klar", "typo": 1})
    codes = {problem.code for problem in refused.value.problems}
    assert codes and all(p.file == SN.as_posix() and p.line for p in refused.value.problems)
    assert "ingenting har ändrats" in refused.value.message


def test_the_delarsrapport_period_is_recorded_as_the_second_tertial(repo_copy, run_vp) -> None:
    args = ["assess", "koll-huvudverktyg-2018", "--period", "2018-delår", "-s", "delvis"]
    result = run_vp(*args, "-c", "I 9 av 14 enheter.", "--date", "2018-09-10")
    assert result.exit_code == 0, result.output
    assert _goal("koll-huvudverktyg-2018")["assessments"][-1]["period"] == "2018-T2"
    plan = ["--plan", "degerfors-sn-2018-2019", "--format", "json"]
    shown = run_vp("status", "--period", "2018-T2", *plan, "--as-of", "2018-09-10")
    goals = {g["goal"]: g for g in json.loads(shown.stdout)["plans"][0]["goals"]}
    assert (
        goals["koll-huvudverktyg-2018"]["status"],
        goals["koll-huvudverktyg-2018"]["basis"],
    ) == (
        "partial",
        "assessment",
    )
    # A day earlier the assessment did not exist yet.
    before = run_vp("status", "--period", "2018-T2", *plan, "--as-of", "2018-09-09")
    goals = {g["goal"]: g for g in json.loads(before.stdout)["plans"][0]["goals"]}
    assert goals["koll-huvudverktyg-2018"]["basis"] == "outcome"


def test_year_is_optional_for_a_goal_of_one_year(repo_copy, run_vp) -> None:
    args = [
        "assess",
        "koll-huvudverktyg-2018",
        "-s",
        "uppnått",
        "-c",
        "Klart.",
        "--date",
        "2019-01-10",
    ]
    result = run_vp(*args)
    assert result.exit_code == 0, result.output
    assert _goal("koll-huvudverktyg-2018")["assessments"][-1]["period"] == 2018


def test_a_goal_of_several_years_asks_which(tmp_path, monkeypatch, run_vp) -> None:
    import shutil

    from conftest import ROOT

    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    result = run_vp("assess", "ekonomisk-medvetenhet", "-s", "delvis", "-c", "Pågår.")
    assert result.exit_code == 2
    assert "gäller 2010, 2011; ange vilket år" in result.stderr


def test_assessing_a_goal_with_measures_compares_with_their_combined_status(repo_copy, run_vp):
    # introduktionsanstallningar-2018 is computed as partly achieved (the milestone part has
    # no verdict, the count 8 of 10 is partial): achieved needs a reason, partial does not.
    goal = "introduktionsanstallningar-2018"
    assert _status(run_vp, goal, 2018)["status"] == "partial"
    refused = run_vp("assess", goal, "-s", "uppnått", "-c", "Klart.", "--date", "2019-02-01")
    assert refused.exit_code == 2
    assert "beräknade statusen för 2018 är 'delvis uppnått'" in refused.stderr
    agreed = run_vp(
        "assess", goal, "-s", "delvis", "-c", "Planen är på väg.", "--date", "2019-02-01"
    )
    assert agreed.exit_code == 0, agreed.output


@pytest.mark.parametrize(
    "pasted",
    ["Rad ett\u2028rad två", "Rad ett\x85rad två", "Rad ett\r\nrad två", "Rad ett\rrad två"],
)
def test_a_pasted_line_separator_becomes_a_line_break(repo_copy, run_vp, pasted) -> None:
    result = run_vp(
        "assess",
        "medarbetarskap-projekt-2018",
        "--year",
        "2018",
        "--status",
        "uppnått",
        "--comment",
        pasted,
        "--by",
        "Förvaltningschefen",
        "--date",
        "2019-01-15",
    )
    assert result.exit_code == 0, result.output
    (assessment,) = _goal("medarbetarskap-projekt-2018")["assessments"]
    assert assessment["comment"] == "Rad ett\nrad två"
    assert run_vp("validate", "--strict").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--comment", "Ok\x1fdolt"], "--comment innehåller det osynliga kontrolltecknet U+001F"),
        (["--comment", "Ok", "--by", "Anna\u2028Berg"], "--by får inte innehålla radbrytningar"),
        (["--comment", "Ok\x1b]0;titel\x07"], "kontrolltecknet U+001B"),
        (["--comment", "Ok\udc85"], "--comment innehåller byten 0x85 som inte är UTF-8"),
    ],
)
def test_control_characters_in_typed_text_are_refused_and_nothing_changes(
    repo_copy, run_vp, args, message
) -> None:
    before = snapshot(repo_copy)
    result = run_vp(
        "assess", "medarbetarskap-projekt-2018", "--year", "2018", "--status", "uppnått", *args
    )
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output and "internt fel" not in result.output
    assert snapshot(repo_copy) == before


def test_a_data_note_with_a_line_break_is_refused(repo_copy, run_vp) -> None:
    before = snapshot(repo_copy)
    result = run_vp("data", "add", "andel-heltider", "2019-Q1", "38", "--note", "a\rb")
    assert result.exit_code == 2
    assert "--note får inte innehålla radbrytningar (U+000D vid tecken 2)" in result.stderr
    assert snapshot(repo_copy) == before
