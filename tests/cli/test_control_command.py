"""`vp control`: recording a result and an action's status through the real CLI on a copy
of the shipped repository, and finding them in the status and the reports."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import ROOT, snapshot

FILE = "internal-control/degerfors/socialnamnden-2018.yaml"


@pytest.fixture
def control_repo(repo_copy):
    shutil.copytree(ROOT / "internal-control", repo_copy / "internal-control")
    return repo_copy


def record(run_vp, *extra: str):
    return run_vp(
        "control",
        "result",
        "lakemedel-avvikelser",
        "--period",
        "2018-T3",
        "--outcome",
        "avvikelse",
        "--by",
        "Medicinskt ansvarig sjuksköterska",
        "--date",
        "2018-12-20",
        "--comment",
        "Signeringslistan saknades i en grupp.",
        "--action",
        "Signeringslistor i alla grupper.",
        "--action-responsible",
        "Enhetschef hemtjänst",
        "--action-due",
        "2019-02-28",
        "--action-id",
        "signeringslistor",
        *extra,
    )


def test_a_deviation_with_an_action_is_recorded_and_reported(run_vp, control_repo) -> None:
    path = control_repo / FILE
    before = path.read_text(encoding="utf-8")
    result = record(run_vp)
    assert result.exit_code == 0, result.output
    assert "Skrev resultatet för lakemedel-avvikelser 2018-T3" in result.stdout
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)  # every byte before the new result is untouched
    added = after[len(before) :]
    assert "  - control: lakemedel-avvikelser\n    period: 2018-T3\n" in added
    assert "    outcome: deviation\n" in added and "due: 2019-02-28" in added
    assert run_vp("validate").exit_code == 0

    status = json.loads(run_vp("control", "status", "-y", "2018", "-f", "json").stdout)
    [plan] = status["plans"]
    counts = {row["state"]: row["count"] for row in plan["counts"]}
    assert counts == {"no_remark": 6, "deviation": 5, "missing": 0, "planned": 0}
    report = run_vp("control", "report", "-y", "2018", "-f", "md", "-o", "-").stdout
    assert (
        "**lakemedel-avvikelser, tertial 3 2018:** Signeringslistan saknades i en grupp." in report
    )
    assert (
        "Åtgärd: Signeringslistor i alla grupper. – Enhetschef hemtjänst, senast 28 februari 2019"
        in report
    )
    board = run_vp("report", "-y", "2018", "-p", "degerfors-sn-2018-2019", "-f", "md", "-o", "-")
    assert "Signeringslistan saknades i en grupp." in board.stdout


def test_dry_run_shows_the_change_and_writes_nothing(run_vp, control_repo) -> None:
    before = snapshot(control_repo)
    result = record(run_vp, "--dry-run")
    assert result.exit_code == 0
    assert "+  - control: lakemedel-avvikelser" in result.stdout
    assert snapshot(control_repo) == before


def test_a_second_result_for_the_period_replaces_the_first(run_vp, control_repo) -> None:
    assert record(run_vp).exit_code == 0
    again = run_vp(
        "control",
        "result",
        "lakemedel-avvikelser",
        "--period",
        "2018-T3",
        "--outcome",
        "utan-anmärkning",
        "--by",
        "Sjuksköterska",
        "--date",
        "2018-12-21",
    )
    assert again.exit_code == 0, again.output
    assert "Ändrade resultatet" in again.stdout
    text = (control_repo / FILE).read_text(encoding="utf-8")
    assert text.count("control: lakemedel-avvikelser\n    period: 2018-T3") == 1
    assert "Signeringslistan saknades" not in text


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["lakemedel", "--period", "2018-T3"], 2, "kontrollen 'lakemedel' finns inte"),
        (["lakemedel-avvikelser", "--period", "2018-T1"], 1, "VP802"),
        (["lakemedel-avvikelser", "--period", "2018-T3", "--date", "2999-01-01"], 2, "efter i dag"),
        (["lakemedel-avvikelser", "--period", "2018-T3", "--action", "X"], 2, "--action-due"),
        (["lakemedel-avvikelser", "--period", "2018-T9"], 2, "ogiltig period"),
    ],
)
def test_bad_input_is_refused_in_swedish_and_nothing_is_written(
    run_vp, control_repo, args, code, said
) -> None:
    before = snapshot(control_repo)
    result = run_vp("control", "result", *args, "--outcome", "avvikelse", "--by", "X")
    assert result.exit_code == code, result.output
    assert said in result.output
    assert "Traceback" not in result.output
    assert snapshot(control_repo) == before


def test_an_action_is_followed_up_by_its_id(run_vp, control_repo) -> None:
    result = run_vp(
        "control",
        "action",
        "attestforteckning",
        "--status",
        "genomförd",
        "--date",
        "2019-03-20",
        "--comment",
        "Förteckningen är uppdaterad.",
    )
    assert result.exit_code == 0, result.output
    text = (control_repo / FILE).read_text(encoding="utf-8")
    assert "        status: done\n        date: 2019-03-20\n" in text
    status = json.loads(run_vp("control", "status", "--as-of", "2019-04-01", "-f", "json").stdout)
    assert status["plans"][0]["open_actions"] == 0
    before = json.loads(run_vp("control", "status", "--as-of", "2019-03-19", "-f", "json").stdout)
    assert (before["plans"][0]["open_actions"], before["plans"][0]["overdue_actions"]) == (1, 0)


def test_status_in_the_terminal_shows_the_matrix_in_words(run_vp, in_repo) -> None:
    result = run_vp("control", "status", "--period", "2018-T2", "--as-of", "2018-09-30")
    assert result.exit_code == 0
    out = result.stdout
    assert "Riskmatris" in out and "12 mycket hög" in out and "dokumentation-sol" in out
    assert "Kontrolltillfällen: 3 utan anmärkning, 3 med avvikelse, 0 ej rapporterade" in out


def test_without_an_internkontrollplan_the_command_says_so(run_vp, repo_copy) -> None:
    result = run_vp("control", "status")
    assert result.exit_code == 2
    assert "ingen internkontrollplan" in result.output


def test_in_80_columns_every_id_stands_whole(run_vp, in_repo, monkeypatch) -> None:
    """The ids are what a person types next (vp control result ID): a narrow terminal lists
    them beneath the matrix and gives each risk its own lines, never an id cut in two."""
    monkeypatch.setenv("COLUMNS", "80")
    result = run_vp("control", "status", "--period", "2018-T2", "--as-of", "2018-09-30")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    words = {w.strip(",:;()") for line in lines for w in line.split()}
    from verksamhetsplan.plan.control import load_control_plan

    plan = load_control_plan(ROOT / FILE)[0]
    assert plan is not None
    for ident in [r.id for r in plan.plan.risks] + [c.id for c in plan.plan.controls]:
        assert ident in words, ident
    assert "  9 hög (3 × 3): utbetalning-fbs, informationssakerhet-treserva" in lines
