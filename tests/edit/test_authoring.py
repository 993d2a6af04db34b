"""Plan work by command on a copy of the shipped repository (vp goal, vp measure,
vp indicator, vp activity add/remove, vp area): each change is exactly what it says, byte
for byte, and bad input changes nothing."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, only_added_lines, snapshot
from verksamhetsplan.edit.ids import slug
from verksamhetsplan.plan.yaml_reader import read_file

SN = Path("plans/degerfors/socialnamnden-2018-2019.yaml")
VOO = Path("plans/degerfors/vard-och-omsorg-2018-2019.yaml")
ANALYSIS = Path("analyses/degerfors-sn-2018-2019/2018-T2.md")


def _plan(path: Path = SN) -> dict:
    data, _ = read_file(path)
    return data


def _goal(goal_id: str) -> dict:
    return next(g for g in _plan()["goals"] if g["id"] == goal_id)


def _changed(before: dict[str, bytes], root: Path) -> set[str]:
    after = snapshot(root)
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def test_ids_are_made_from_swedish_text() -> None:
    assert slug("Ökad nöjdhet på särskilt boende") == "okad-nojdhet-pa-sarskilt-boende"
    assert slug("Andel brukare – nöjda (%)") == "andel-brukare-nojda"
    # Cut near 40 characters at a word, never ending on a small word.
    assert slug("Samverkan med Arbetsförmedlingen är etablerad i hela kommunen") == (
        "samverkan-med-arbetsformedlingen"
    )


def test_a_goal_with_two_measures_adds_only_its_lines(repo_copy, run_vp) -> None:
    before = snapshot(repo_copy)
    result = run_vp(
        "goal", "add", "--plan", "degerfors-sn-2018-2019", "--area", "integrationsplanen",
        "--year", "2019", "--text", "Minst 40 deltagare i All In och samverkan är etablerad.",
        "--short", "All In: 40 deltagare och samverkan",
        "--measure", "deltagare-all-in: minst 40",
        "--measure", "milstolpe: Samverkan med Arbetsförmedlingen är etablerad.",
        "--responsible", "Integrationschef",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Målet all-in-40-deltagare-och-samverkan-2019 är tillagt med 2 mått" in result.stdout
    assert _changed(before, repo_copy) == {SN.as_posix()}
    added = only_added_lines(before[SN.as_posix()], SN.read_bytes())
    assert added[0] == "  - id: all-in-40-deltagare-och-samverkan-2019\n"
    assert "      - id: deltagare-all-in\n" in added  # the file's own list indentation
    goal = _goal("all-in-40-deltagare-och-samverkan-2019")
    assert goal["measures"][0] == {
        "id": "deltagare-all-in",
        "indicator": "deltagare-all-in",
        "target": {"kind": "at_least", "value": 40},
    }
    assert goal["measures"][1]["id"] == "samverkan-med-arbetsformedlingen"
    assert goal["measures"][1]["target"]["criteria"] == [
        "Samverkan med Arbetsförmedlingen är etablerad."
    ]
    assert run_vp("validate", "--strict").exit_code == 0


def test_goal_edit_changes_only_the_given_fields(repo_copy, run_vp) -> None:
    before = SN.read_bytes()
    result = run_vp(
        "goal", "edit", "sjuktal-2019", "--target", "högst 6", "--responsible", "HR-chef"
    )
    assert result.exit_code == 0, result.output
    old, new = before.decode().splitlines(), SN.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(old, new, strict=False) if a != b]
    # The flow mapping is replaced where it stood; the responsible person is a new last key.
    assert changed[0] == (
        "    target: {kind: at_most, value: 6.5}",
        "    target:",
    )
    goal = _goal("sjuktal-2019")
    assert goal["target"] == {"kind": "at_most", "value": 6}
    assert goal["responsible"] == "HR-chef"
    assert goal["text"] == "Sjuktalet har minskat till 6,5 % inom förvaltningen."
    assert len(new) == len(old) + 3  # target: two lines more, responsible: one


def test_dry_run_prints_the_diff_and_writes_nothing(repo_copy, run_vp, tmp_path) -> None:
    before = snapshot(repo_copy)
    args = ("goal", "edit", "forsorjningsstod-2019", "--text", "Andelen minskar med 10 procent.")
    shown = run_vp(*args, "--dry-run")
    assert shown.exit_code == 0, shown.output
    assert snapshot(repo_copy) == before
    assert shown.stdout.startswith(f"--- a/{SN.as_posix()}\n+++ b/{SN.as_posix()}\n")
    assert "-    text: Andelen hushåll med försörjningsstöd (ej nyanlända) minskar med 10 %\n" in (
        shown.stdout
    )
    assert "Provkörning: ingenting har skrivits." in shown.stderr
    # The diff is the change: applied with git to the old file, it gives what the command writes.
    patch = tmp_path / "andring.diff"
    patch.write_text(shown.stdout, encoding="utf-8")
    subprocess.run(["git", "apply", str(patch)], cwd=repo_copy, check=True)
    applied = SN.read_bytes()
    SN.write_bytes(before[SN.as_posix()])
    assert run_vp(*args).exit_code == 0
    assert SN.read_bytes() == applied


def test_removing_a_named_goal_is_refused_with_the_references(repo_copy, run_vp) -> None:
    shutil.copytree(ROOT / "analyses", repo_copy / "analyses")
    before = snapshot(repo_copy)
    result = run_vp("goal", "remove", "forsorjningsstod-2018")
    assert result.exit_code == 1
    assert snapshot(repo_copy) == before
    assert f"{ANALYSIS.as_posix()}:" in result.stderr
    assert "analysen för 2018-T2 har ett avsnitt om målet" in result.stderr
    assert "används på 1 ställe; ingenting har ändrats" in result.stderr
    assert "--cascade" in result.stderr
    refused = run_vp("goal", "remove", "heltid-modell-2018")
    assert refused.exit_code == 1
    goals = "    goals: [heltid-modell-2018, heltid-okning-2019]"
    line = SN.read_text(encoding="utf-8").splitlines().index(goals) + 1
    assert f"{SN.as_posix()}:{line}:" in refused.stderr  # the activity's goals: line
    assert "aktiviteten heltidsmodell stödjer målet" in refused.stderr


def test_cascade_takes_the_references_out_too(repo_copy, run_vp) -> None:
    shutil.copytree(ROOT / "analyses", repo_copy / "analyses")
    before = snapshot(repo_copy)
    result = run_vp("goal", "remove", "degerfors-sn-2018-2019/koll-installerat-2018", "--cascade")
    assert result.exit_code == 0, result.output
    # The goal, the activity's reference to it and the Vård och omsorg goal's serves.
    assert _changed(before, repo_copy) == {SN.as_posix(), VOO.as_posix()}
    assert "koll-installerat-2018" not in {g["id"] for g in _plan()["goals"]}
    koll = next(a for a in _plan()["activities"] if a["id"] == "koll")
    assert koll["goals"] == ["koll-huvudverktyg-2018"]
    assert "goals: [koll-huvudverktyg-2018]" in SN.read_text(encoding="utf-8")  # still flow
    served = [ref for g in _plan(VOO)["goals"] for ref in g.get("serves", [])]
    assert "degerfors-sn-2018-2019/koll-installerat-2018" not in served
    assert run_vp("validate", "--strict").exit_code == 0


def test_cascade_removes_the_goals_analysis_section(repo_copy, run_vp) -> None:
    shutil.copytree(ROOT / "analyses", repo_copy / "analyses")
    old = ANALYSIS.read_text(encoding="utf-8")
    assert run_vp("goal", "remove", "forsorjningsstod-2018", "--cascade").exit_code == 0
    new = ANALYSIS.read_text(encoding="utf-8")
    assert "# forsorjningsstod-2018" in old and "# forsorjningsstod-2018" not in new
    assert "Minskningen hittills är 5,5 %" not in new
    assert new == old[: old.index("# forsorjningsstod-2018")].rstrip("\n") + "\n"


def test_a_measure_added_to_a_goal_with_its_own_target(repo_copy, run_vp) -> None:
    result = run_vp(
        "measure", "add", "sjuktal-2019", "--indicator", "sjukfranvaro-korttid",
        "--target", "högst 3", "--responsible", "HR-chef",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "dess eget målvärde blev måttet sjukfranvaro-total" in result.stdout
    goal = _goal("sjuktal-2019")
    assert "target" not in goal and "indicator" not in goal
    assert goal["measures"] == [
        {
            "id": "sjukfranvaro-total",
            "indicator": "sjukfranvaro-total",
            "target": {"kind": "at_most", "value": 6.5},
        },
        {
            "id": "sjukfranvaro-korttid",
            "indicator": "sjukfranvaro-korttid",
            "target": {"kind": "at_most", "value": 3},
            "responsible": "HR-chef",
        },
    ]
    removed = run_vp("measure", "remove", "sjuktal-2019", "sjukfranvaro-korttid")
    assert removed.exit_code == 0, removed.output
    last = run_vp("measure", "remove", "sjuktal-2019", "sjukfranvaro-total")
    assert last.exit_code == 2 and "målets enda mått" in last.stderr


def test_activity_add_remove_and_the_old_form(repo_copy, run_vp) -> None:
    before = SN.read_bytes()
    added = run_vp(
        "activity", "add", "--text", "Införa digital tillsyn på särskilt boende.",
        "--area", "kvalitet", "--goal", "trygg-utskrivning-2018", "--year", "2018",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "Aktiviteten infora-digital-tillsyn-pa-sarskilt är tillagd" in added.stdout
    updated = run_vp(
        "activity", "infora-digital-tillsyn-pa-sarskilt", "--status", "pågår",
        "--date", "2018-06-01",
    )  # fmt: skip
    assert updated.exit_code == 0, updated.output
    removed = run_vp("activity", "remove", "infora-digital-tillsyn-pa-sarskilt")
    assert removed.exit_code == 0, removed.output
    assert SN.read_bytes() == before


def test_indicator_and_area_by_command(repo_copy, run_vp) -> None:
    before = SN.read_bytes()
    area = run_vp(
        "area", "add", "--title", "Digital välfärd", "--parent", "kvalitet",
        "--plan", "degerfors-sn-2018-2019",
    )  # fmt: skip
    assert area.exit_code == 0, area.output
    indicator = run_vp(
        "indicator", "add", "--title", "Andel nöjda anhöriga", "--unit", "percent",
        "--frequency", "year", "--better", "higher", "--area", "digital-valfard",
        "--kolada", "U23471", "--plan", "degerfors-sn-2018-2019",
    )  # fmt: skip
    assert indicator.exit_code == 0, indicator.output
    edited = run_vp("indicator", "edit", "andel-nojda-anhoriga", "--frequency", "quarter")
    assert edited.exit_code == 0, edited.output
    added = only_added_lines(before, SN.read_bytes())
    assert added[:2] == ["      - id: digital-valfard\n", "        title: Digital välfärd\n"]
    data = _plan()
    kvalitet = next(a for a in data["areas"] if a["id"] == "kvalitet")
    assert kvalitet["areas"][-1] == {"id": "digital-valfard", "title": "Digital välfärd"}
    assert data["indicators"][-1] == {
        "id": "andel-nojda-anhoriga",
        "title": "Andel nöjda anhöriga",
        "area": "digital-valfard",
        "unit": "percent",
        "frequency": "quarter",
        "better": "higher",
        "source": {"kolada": "U23471"},
    }


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("goal", "edit", "sjuktal-2018", "--short", "x"), 2, "Menade du 'sjuktal-2019'?"),
        (("goal", "remove", "heltid-modell-2017"), 2, "Menade du 'heltid-modell-2018'?"),
        (("goal", "edit", "sjuktal-2019", "--target", "10 %"), 2, "går inte att läsa"),
        (
            ("goal", "add", "--area", "kvalitet", "--year", "2030", "--text", "Ett mål.",
             "--target", "minst 5", "--indicator", "antal-avvikelser"),
            1,
            "VP203",
        ),
        (
            ("goal", "add", "--area", "kvalitet", "--year", "2018", "--text", "KOLL används.",
             "--target", "milstolpe", "--criterion", "x", "--id", "koll-installerat-2018"),
            2,
            "id 'koll-installerat-2018' används redan",
        ),
        (("goal", "edit", "sjuktal-2019", "--indicator", "sjukfranvaro"), 1, "Menade du"),
        (("area", "add", "--title", "Nytt"), 2, "ange vilken plan med --plan"),
    ],
)  # fmt: skip
def test_bad_input_changes_nothing(repo_copy, run_vp, args, code, message) -> None:
    before = snapshot(repo_copy)
    result = run_vp(*args)
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert snapshot(repo_copy) == before


def test_a_read_only_plan_is_left_alone(repo_copy, run_vp) -> None:
    SN.chmod(0o444)
    before = snapshot(repo_copy)
    result = run_vp("goal", "edit", "sjuktal-2019", "--responsible", "HR-chef")
    assert result.exit_code == 1
    assert "är skrivskyddad; ingenting har ändrats" in result.stderr
    assert snapshot(repo_copy) == before


def test_status_counts_a_goal_added_by_command(repo_copy, run_vp) -> None:
    result = run_vp(
        "goal", "add", "--area", "kompetensforsorjning", "--year", "2018",
        "--text", "Korttidsfrånvaron är högst 3 procent.", "--indicator", "sjukfranvaro-korttid",
        "--target", "högst 3", "--responsible", "HR-chef",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    status = run_vp("status", "--plan", "degerfors-sn-2018-2019", "--year", "2018", "-f", "json")
    goals = {g["goal"]: g for g in json.loads(status.stdout)["plans"][0]["goals"]}
    assert goals["korttidsfranvaron-ar-hogst-3-procent-2018"]["target"] == 3


def test_a_value_outside_its_set_is_listed_in_swedish(repo_copy) -> None:
    """Through the installed command, as a user types it: click's messages in Swedish."""
    import sys

    vp = Path(sys.executable).parent / "vp"
    before = snapshot(repo_copy)
    result = subprocess.run(
        [str(vp), "indicator", "add", "--title", "X", "--unit", "procent", "--frequency",
         "year", "--better", "higher"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "'procent' är inte tillåtet; tillåtna värden: percent, count, fte" in result.stderr
    assert snapshot(repo_copy) == before


@pytest.mark.parametrize(
    ("words", "target"),
    [
        ("minst 60", {"kind": "at_least", "value": 60}),
        ("Minst 60 %", {"kind": "at_least", "value": 60}),
        ("högst 6,5", {"kind": "at_most", "value": 6.5}),
        ("öka 10 procent", {"kind": "relative_change", "percent": 10}),
        ("minska med 10 %", {"kind": "relative_change", "percent": -10}),
        ("-10 %", {"kind": "relative_change", "percent": -10}),
        ("öka 5 procentenheter", {"kind": "percentage_points", "points": 5}),
        ("minska 2,5 pe", {"kind": "percentage_points", "points": -2.5}),
    ],
)
def test_targets_as_people_say_them(words, target) -> None:
    from verksamhetsplan.edit.targets import parse_target

    assert parse_target(words) == target


def test_baselines_as_people_say_them() -> None:
    from verksamhetsplan.edit.targets import parse_baseline

    assert parse_baseline("2017") == {"period": 2017}
    assert parse_baseline("2017-t2") == {"period": "2017-T2"}
    assert parse_baseline("föregående år", "Mäts år för år.") == {
        "previous_year": True,
        "note": "Mäts år för år.",
    }
    assert parse_baseline("värde 5,2") == {"value": 5.2}


def test_indicator_edit_keeps_the_rest_of_the_source(repo_copy, run_vp) -> None:
    result = run_vp("indicator", "edit", "nojda-sarskilt-boende", "--system", "Enkätverktyget")
    assert result.exit_code == 0, result.output
    source = next(i for i in _plan()["indicators"] if i["id"] == "nojda-sarskilt-boende")["source"]
    assert source["kolada"] == "U23471" and source["system"] == "Enkätverktyget"
    assert source["note"].startswith("Brukarbedömning särskilt boende äldreomsorg")


@pytest.mark.parametrize(
    "args, file, line",
    [
        (("assess", "koll-huvudverktyg-2018", "-s", "delvis", "-c", "Används i fem enheter.",
          "--year", "2018", "--date", "2018-09-10"),
         SN, "+        comment: Används i fem enheter."),
        (("activity", "update", "koll", "-s", "pågår", "-c", "Införs.", "--date", "2018-06-01"),
         SN, "+        comment: Införs."),
        (("data", "add", "andel-heltider", "2020-Q1", "43,5"),
         Path("indicators-data/degerfors/personal.csv"), "+andel-heltider,2020-Q1,43.5,T,"),
    ],
)  # fmt: skip
def test_every_writing_command_has_a_dry_run(args, file, line, repo_copy, run_vp) -> None:
    before = snapshot(repo_copy)
    shown = run_vp(*args, "--dry-run")
    assert shown.exit_code == 0, shown.output
    assert snapshot(repo_copy) == before
    assert shown.stdout.startswith(f"--- a/{file.as_posix()}\n+++ b/{file.as_posix()}\n")
    assert line in shown.stdout
    assert "Provkörning: ingenting har skrivits." in shown.stderr
    # without --dry-run the same command writes what the diff showed
    assert run_vp(*args).exit_code == 0
    assert line[1:] in file.read_text(encoding="utf-8")


def test_an_import_has_a_dry_run_too(repo_copy, run_vp) -> None:
    before = snapshot(repo_copy)
    source = ROOT / "tests" / "cases" / "kolada" / "v2-degerfors.json"
    shown = run_vp("data", "import", str(source), "--dry-run")
    assert shown.exit_code == 0, shown.output
    assert snapshot(repo_copy) == before
    # a new file: the diff is against /dev/null
    assert shown.stdout.startswith("--- /dev/null\n+++ b/indicators-data/degerfors/kolada.csv\n")
    assert "+nojda-hemtjanst,2018,90,T,Kolada U21468" in shown.stdout
    assert "Provkörning: ingenting har skrivits." in shown.stderr


def test_a_quiet_import_gives_the_counts_without_the_skipped_reasons(repo_copy, run_vp) -> None:
    source = ROOT / "tests" / "cases" / "kolada" / "v2-group-ou-and-twice.json"
    quiet = run_vp("data", "import", str(source), "--quiet")
    assert quiet.exit_code == 0, quiet.output
    assert "Kolada: 1 tillagda, 0 ändrade, 0 redan aktuella, 3 överhoppade." in quiet.stdout
    assert "överhoppat (" not in quiet.stdout
    again = run_vp("data", "import", str(source))  # the value is there now: the reasons shown
    assert "överhoppat (1): U21468: en organisatorisk enhets värde" in again.stdout
