"""vp tree: fullmäktige's goals through the boards' plans, as text at 80 columns and JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT

ARGS = ["--year", "2018", "--as-of", "2020-01-31"]


def vp(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "verksamhetsplan", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
        check=False,
    )


def test_tree_shows_what_each_board_does_for_each_council_goal_at_80_columns() -> None:
    result = vp("tree", *ARGS)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    text = "\n".join(lines)
    assert lines[0] == "Kommunfullmäktige: Vision och strategisk inriktning 2018–2019"
    assert "Ökande befolkning i en bra boendemiljö: ingen nämnd tjänar målet" in text
    start = text.index("Goda livsvillkor genom hela livet")
    assert text[start - 18 : start] == "◐ delvis uppnått  "
    assert "Socialnämnden – Verksamhetsplan för Socialnämnden 2018–2019" in text[start:]


def test_tree_json_lists_the_contributions_and_agrees_with_status() -> None:
    record = json.loads(vp("tree", *ARGS, "--format", "json").stdout)
    (kf,) = record["council_plans"]
    assert kf["plan"] == "degerfors-kf-2018-2019"
    goals = {g["council_goal"].rpartition("/")[2]: g for g in kf["council_goals"]}
    assert len(goals) == 8
    served = {k for k, g in goals.items() if g["contributions"]}
    assert served == {
        "attraktivitet",
        "kvalitet",
        "integration",
        "goda-livsvillkor",
        "ekonomi-i-balans",  # by Vård och Omsorg's budget goal
    }
    (contribution,) = goals["goda-livsvillkor"]["contributions"]
    assert contribution["board"] == "Socialnämnden"
    assert [g["goal"] for g in contribution["goals"]] == [
        "forsorjningsstod-2018",
        "barnhushall-forsorjningsstod-2018",
        "infocenter-2018",
        "individuell-plan-2018",
    ]
    status = json.loads(
        vp("status", "--plan", "degerfors-sn-2018-2019", *ARGS, "--format", "json").stdout
    )["plans"][0]
    council = {c["council_goal"]: c for c in status["council_goals"]}
    # Ekonomi i balans is served by Vård och Omsorg's plan alone, not by the nämnd's
    (economy,) = goals["ekonomi-i-balans"]["contributions"]
    assert [g["goal"] for g in economy["goals"]] == ["budget-i-balans-2018"]
    assert "degerfors-kf-2018-2019/ekonomi-i-balans" not in council
    for ref, goal in (
        (g["council_goal"], g)
        for g in kf["council_goals"]
        if g["contributions"] and g["council_goal"] in council
    ):
        assert (goal["status"], goal["measured"], goal["due"]) == (
            council[ref]["summary"],
            council[ref]["measured"],
            council[ref]["due"],
        )


def test_tree_filters_by_council_goal_and_board() -> None:
    one = json.loads(vp("tree", *ARGS, "-k", "attraktivitet", "--format", "json").stdout)
    assert [g["title"] for g in one["council_plans"][0]["council_goals"]] == ["Attraktivitet"]
    nobody = json.loads(vp("tree", *ARGS, "--board", "Kultur", "--format", "json").stdout)
    assert all(not g["contributions"] for g in nobody["council_plans"][0]["council_goals"])
    wrong = vp("tree", *ARGS, "-k", "finns-inte")
    assert wrong.returncode == 2 and "KF-målet 'finns-inte' finns inte" in wrong.stderr


def test_status_on_the_council_plan_shows_what_the_boards_contribute() -> None:
    table = vp("status", "--plan", "degerfors-kf-2018-2019", *ARGS)
    assert table.returncode == 0, table.stderr
    assert "Socialnämnden – Verksamhetsplan för Socialnämnden 2018–2019" in table.stdout
    assert "Ökande befolkning i en bra boendemiljö: ingen nämnd tjänar målet" in table.stdout
    record = json.loads(
        vp("status", "--plan", "degerfors-kf-2018-2019", *ARGS, "--format", "json").stdout
    )["plans"][0]
    served = [g for g in record["council_goals"] if g["contributions"]]
    # the Socialnämnden plan serves four of the eight, Vård och Omsorg's budget goal a fifth
    assert len(served) == 5


def test_three_levels_kf_to_namnd_to_verksamhetsomrade() -> None:
    record = json.loads(vp("tree", *ARGS, "-k", "kvalitet", "--format", "json").stdout)
    (goal,) = record["council_plans"][0]["council_goals"]
    (namnd,) = goal["contributions"]
    by_goal = {g["goal"]: g for g in namnd["goals"]}
    assert by_goal["trygg-utskrivning-2018"]["served_by"] == [
        {
            "plan": "degerfors-voo-2018-2019",
            "unit": "Vård och Omsorg",
            "goals": [{"goal": "utskrivning-rutin-2018", "status": "achieved"}],
        }
    ]
    assert by_goal["koll-huvudverktyg-2018"]["served_by"] == []
    text = " ".join(vp("tree", *ARGS, "-k", "kvalitet").stdout.split())
    assert "✔ uppnått utskrivning-rutin-2018: Gemensam rutin för trygg hemgång" in text


def test_a_goal_serving_an_unknown_goal_of_another_plan_is_a_located_error(
    repo_copy, run_vp
) -> None:
    plan = repo_copy / "plans" / "degerfors" / "vard-och-omsorg-2018-2019.yaml"
    plan.write_text(
        plan.read_text("utf-8").replace(
            "degerfors-sn-2018-2019/trygg-utskrivning-2018",
            "degerfors-sn-2018-2019/trygg-utskrivning",
        ),
        "utf-8",
    )
    result = run_vp("validate", "--format", "json")
    assert result.exit_code == 1
    problem = json.loads(result.stdout)["problems"][0]
    assert problem["code"] == "VP202" and problem["file"].endswith("vard-och-omsorg-2018-2019.yaml")


def test_a_board_asked_to_serve_a_kf_goal_that_does_not_is_a_gap(repo_copy, run_vp) -> None:
    plan = repo_copy / "plans" / "degerfors" / "kommunfullmaktige-2018-2019.yaml"
    text = plan.read_text("utf-8")
    plan.write_text(
        text.replace(
            "    title: God tillgänglighet\n",
            "    title: God tillgänglighet\n    boards: [Socialnämnden, Tekniska nämnden]\n",
        ).replace(
            "    title: Attraktivitet\n",
            "    title: Attraktivitet\n    boards: [Socialnämnden, Kultur- och fritidsnämnden]\n",
        ),
        "utf-8",
    )
    record = json.loads(run_vp("tree", *ARGS, "--format", "json").stdout)
    goals = {g["title"]: g for g in record["council_plans"][0]["council_goals"]}
    assert goals["God tillgänglighet"]["absent_boards"] == ["Socialnämnden", "Tekniska nämnden"]
    assert goals["Attraktivitet"]["absent_boards"] == ["Kultur- och fritidsnämnden"]
    report = run_vp("report", "--plan", "degerfors-kf-2018-2019", *ARGS, "-f", "md", "-o", "-")
    assert (
        "**Nämnder som ombetts bidra men inte tjänar målet:** God tillgänglighet: "
        "Socialnämnden, Tekniska nämnden; Attraktivitet: Kultur- och fritidsnämnden."
        in report.stdout
    )


def test_a_goal_serving_a_kf_goal_itself_is_counted_there(repo_copy, run_vp) -> None:
    # 40 subventionerade heltider 2018 serves "Ett jämställt Degerfors" by its own serves:, no area
    # of the board does: it is the KF goal's one contribution.
    plan = repo_copy / "plans" / "degerfors" / "socialnamnden-2018-2019.yaml"
    text = plan.read_text("utf-8")
    anchor = "  - id: subventionerade-40-2018\n"
    assert anchor in text
    plan.write_text(
        text.replace(
            anchor, anchor + "    serves: [degerfors-kf-2018-2019/jamstallt-och-mangfald]\n"
        ),
        "utf-8",
    )
    assert run_vp("validate").exit_code == 0
    record = json.loads(run_vp("tree", *ARGS, "--format", "json").stdout)
    goals = {g["title"]: g for g in record["council_plans"][0]["council_goals"]}
    served = goals["Ett jämställt Degerfors med berikande mångfald"]
    assert [c["board"] for c in served["contributions"]] == ["Socialnämnden"]
    assert [g["goal"] for g in served["contributions"][0]["goals"]] == ["subventionerade-40-2018"]
    report = run_vp("report", "--plan", "degerfors-kf-2018-2019", *ARGS, "-f", "md", "-o", "-")
    assert "Ett jämställt Degerfors med berikande mångfald" in report.stdout
    assert "KF-mål som ingen nämnd tjänar:** Ökande befolkning" in report.stdout
    gaps = report.stdout[report.stdout.index("KF-mål som ingen nämnd tjänar") :].splitlines()[0]
    assert "Ett jämställt Degerfors" not in gaps


def test_tree_for_one_board_does_not_call_a_serving_board_absent(repo_copy, run_vp) -> None:
    plan = repo_copy / "plans" / "degerfors" / "kommunfullmaktige-2018-2019.yaml"
    plan.write_text(
        plan.read_text("utf-8").replace(
            "    title: Attraktivitet\n",
            "    title: Attraktivitet\n    boards: [Socialnämnden, Kultur- och fritidsnämnden]\n",
        ),
        "utf-8",
    )
    social = run_vp("tree", *ARGS, "--board", "Socialnämnden").stdout
    block = social[social.index("Attraktivitet") :].split("\n◐")[0]
    assert "ombedda men utan bidrag" not in block  # it does serve Attraktivitet
    culture = run_vp("tree", *ARGS, "--board", "Kultur", "--format", "json").stdout
    goals = {g["title"]: g for g in json.loads(culture)["council_plans"][0]["council_goals"]}
    assert goals["Attraktivitet"]["absent_boards"] == ["Kultur- och fritidsnämnden"]
    assert goals["Attraktivitet"]["contributions"] == []
