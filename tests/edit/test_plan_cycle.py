"""The year's plan work by command on the shipped Degerfors repository: a goal with two
measures, its revision, the 2020–2021 plan from the 2018–2019 one, what is due before T2,
and the auditor's checklist; byte for byte, nothing else changes."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, snapshot
from verksamhetsplan.plan.yaml_reader import read_file

SN = Path("plans/degerfors/socialnamnden-2018-2019.yaml")
NEXT = Path("plans/degerfors/socialnamnden-2020-2021.yaml")
KF_NEXT = Path("plans/degerfors/kommunfullmaktige-2020-2021.yaml")
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Anna Berg",
    "GIT_AUTHOR_EMAIL": "anna@example.se",
    "GIT_COMMITTER_NAME": "Anna Berg",
    "GIT_COMMITTER_EMAIL": "anna@example.se",
}


@pytest.fixture
def git_repo(repo_copy, monkeypatch) -> Path:
    """The shipped repository with its analyses, committed as the adopted plan."""
    shutil.copytree(ROOT / "analyses", repo_copy / "analyses")
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(repo_copy.parent))
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(["git", "add", "-A"], check=True)
    subprocess.run(["git", "commit", "-qm", "Antagen plan"], check=True)
    return repo_copy


def _changes(before: bytes, after: bytes) -> list[tuple[str, list[str], list[str]]]:
    old, new = before.decode().splitlines(True), after.decode().splitlines(True)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [
        (op, old[a1:a2], new[b1:b2])
        for op, a1, a2, b1, b2 in matcher.get_opcodes()
        if op != "equal"
    ]


def test_the_months_and_the_years_work_by_commands_alone(git_repo, run_vp) -> None:
    before = snapshot(git_repo)
    goal = "all-in-40-deltagare-och-samverkan-2019"
    steps = [
        (
            "goal", "add", "--plan", "degerfors-sn-2018-2019", "--area", "integrationsplanen",
            "--year", "2019", "--text", "Minst 40 deltagare i All In och samverkan är etablerad.",
            "--short", "All In: 40 deltagare och samverkan",
            "--measure", "deltagare-all-in: minst 40",
            "--measure", "milstolpe: Samverkan med Arbetsförmedlingen är etablerad.",
            "--responsible", "Integrationschef",
        ),
        ("goal", "edit", goal, "--text", "Minst 45 deltagare i All In och samverkan är etablerad."),
        ("measure", "remove", goal, "deltagare-all-in"),
        ("measure", "add", goal, "--indicator", "deltagare-all-in", "--target", "minst 45"),
        (
            "plan", "revise", "degerfors-sn-2018-2019", "--note", "All In-målet höjt till 45.",
            "--reference", "SN § 87", "--by", "Socialnämnden", "--date", "2018-11-28",
        ),
    ]  # fmt: skip
    for step in steps:
        result = run_vp(*step)
        assert result.exit_code == 0, (step, result.output)
    # Only the plan file changed, and in it only lines were added, except `revisions: []`.
    assert {n for n, b in snapshot(git_repo).items() if before.get(n) != b} == {SN.as_posix()}
    changes = _changes(before[SN.as_posix()], SN.read_bytes())
    replaced = [(old, new) for op, old, new in changes if op != "insert"]
    assert replaced == [
        (
            ["revisions: []\n"],
            [
                "revisions:\n",
                "  - date: 2018-11-28\n",
                "    note: All In-målet höjt till 45.\n",
                "    reference: SN § 87\n",
                "    by: Socialnämnden\n",
            ],
        )
    ]
    data, _ = read_file(SN)
    added = next(g for g in data["goals"] if g["id"] == goal)
    assert [m["id"] for m in added["measures"]] == [
        "samverkan-med-arbetsformedlingen",
        "deltagare-all-in",
    ]
    assert added["measures"][1]["target"] == {"kind": "at_least", "value": 45}

    diff = run_vp("diff")
    assert diff.exit_code == 0, diff.output
    assert "Revidering 2018-11-28 (Socialnämnden, SN § 87): All In-målet höjt till 45." in (
        diff.stdout
    )
    assert f"+ {goal}" in diff.stdout

    subprocess.run(["git", "commit", "-qam", "Revidering 2018"], check=True)
    written = run_vp("plan", "next", "degerfors-sn-2018-2019")
    assert written.exit_code == 0, written.output
    assert run_vp("validate", "--strict").exit_code == 0
    assert (
        subprocess.run(
            ["git", "status", "--porcelain"], capture_output=True, text=True, check=True
        ).stdout
        == f"?? {NEXT.as_posix()}\n"
    )

    due = run_vp("due", "--period", "2018-T2", "--plan", "degerfors-sn-2018-2019")
    assert due.exit_code == 1
    assert "milstolpen heltid-modell-2018 saknar bedömning för 2018-T2" in due.stdout
    lint = run_vp("lint", "--plan", "degerfors-sn-2018-2019", "--format", "json")
    assert lint.exit_code == 1
    codes = {f["code"] for f in json.loads(lint.stdout)["problems"]}
    assert {"VP501", "VP503", "VP508"} <= codes
    assert "VP505" not in codes  # no key figure changed since adoption


def test_plan_next_carries_recurring_goals_with_chained_baselines(repo_copy, run_vp) -> None:
    before = snapshot(repo_copy)
    result = run_vp("plan", "next", "degerfors-sn-2018-2019")
    assert result.exit_code == 0, result.output
    after = snapshot(repo_copy)
    assert {n for n in after if before.get(n) != after[n]} == {NEXT.as_posix()}
    assert "13 områden, 21 nyckeltal, 13 mål och 13 aktiviteter" in result.stdout
    assert "Milstolpsmål som inte följer med (12" in result.stdout
    new, _ = read_file(NEXT)
    old, _ = read_file(SN)
    assert new["id"] == "degerfors-sn-2020-2021"
    assert new["title"] == "Verksamhetsplan för Socialnämnden 2020–2021"
    assert new["period"] == {"start": 2020, "end": 2021}
    assert new["revisions"] == [] and "adopted" not in new and "sections" not in new
    assert new["follow_up"]["baseline_period"] == 2019
    assert new["indicators"] == old["indicators"]  # same ids: the data goes on
    goals = {g["id"]: g for g in new["goals"]}
    assert len(goals) == 13 and "heltid-modell-2020" not in goals
    assert all("assessments" not in g for g in goals.values())
    # The 2017 baseline of a 2018 goal becomes 2019 for 2020; a previous year stays so.
    assert goals["forsorjningsstod-2020"]["year"] == 2020
    assert goals["forsorjningsstod-2020"]["baseline"]["period"] == 2019
    assert goals["forsorjningsstod-2021"]["baseline"]["previous_year"] is True
    assert goals["heltid-okning-2021"]["baseline"]["period"] == 2020
    activities = {a["id"]: a for a in new["activities"]}
    assert activities["heltidsmodell"]["goals"] == ["heltid-okning-2021"]
    assert "goals" not in activities["koll"]  # both its goals were milestones
    assert activities["dialogutbildning"]["year"] == 2021
    # The baseline of forsorjningsstod-2020 is the 2019 outcome: the mean of the twelve
    # monthly values 5,13 … 4,72 in socialtjanst.csv is 58,91 / 12 = 4,90917; −10 % is 4,41825.
    status = run_vp("status", "--plan", "degerfors-sn-2020-2021", "--year", "2020", "-f", "json")
    goal = next(
        g for g in json.loads(status.stdout)["plans"][0]["goals"]
        if g["goal"] == "forsorjningsstod-2020"
    )  # fmt: skip
    assert goal["baseline"] == pytest.approx(58.91 / 12, abs=1e-6)
    assert goal["target"] == pytest.approx(58.91 / 12 * 0.9, abs=1e-6)
    again = run_vp("plan", "next", "degerfors-sn-2018-2019")
    assert again.exit_code == 2 and "finns redan" in again.stderr


def test_plan_next_points_at_the_councils_next_plan(repo_copy, run_vp) -> None:
    first = run_vp("plan", "next", "degerfors-sn-2018-2019")
    assert "hänvisar fortfarande till degerfors-kf-2018-2019" in first.stdout
    NEXT.unlink()
    assert run_vp("plan", "next", "degerfors-kf-2018-2019").exit_code == 0
    assert run_vp("plan", "next", "degerfors-sn-2018-2019").exit_code == 0
    new, _ = read_file(NEXT)
    assert new["areas"][0]["serves"] == ["degerfors-kf-2020-2021/attraktivitet"]
    assert run_vp("validate", "--strict").exit_code == 0


def test_a_revision_is_on_the_reports_cover(repo_copy, run_vp, tmp_path) -> None:
    result = run_vp(
        "plan", "revise", "degerfors-sn-2018-2019", "--note", "Målen för 2019 reviderade.",
        "--reference", "SN § 87", "--date", "2018-11-28",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    out = tmp_path / "r.md"
    report = run_vp(
        "report", "--year", "2018", "--plan", "degerfors-sn-2018-2019", "-f", "md", "-o", str(out)
    )
    assert report.exit_code == 0, report.output
    text = out.read_text(encoding="utf-8")
    assert "- Planen reviderades 28 november 2018 (SN § 87): Målen för 2019 reviderade.\n" in text
    # A delårsrapport from before the revision does not know of it.
    early = run_vp(
        "report", "--period", "2018-T2", "--plan", "degerfors-sn-2018-2019", "-f", "md",
        "-o", str(out), "--as-of", "2018-09-15",
    )  # fmt: skip
    assert early.exit_code == 0, early.output
    assert "reviderades" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--note", " "), "behöver --note"),
        (("--note", "x", "--date", "2999-01-01"), "ligger efter i dag"),
        (("--note", "x", "--date", "2017-01-01"), "VP213"),
    ],
)
def test_a_bad_revision_changes_nothing(repo_copy, run_vp, args, message) -> None:
    before = snapshot(repo_copy)
    result = run_vp("plan", "revise", "degerfors-sn-2018-2019", *args)
    assert result.exit_code in (1, 2)
    assert message in result.output
    assert snapshot(repo_copy) == before


def test_the_init_readme_tells_how_to_work_by_command(tmp_path, run_vp) -> None:
    assert run_vp("init", str(tmp_path / "ny"), "--as-of", "2026-03-15").exit_code == 0
    readme = (tmp_path / "ny" / "README.md").read_text(encoding="utf-8")
    for command in ("vp goal add", "vp measure add", "vp plan revise", "vp plan next", "vp due"):
        assert command in readme
    assert "vp lint" in readme and "--dry-run" in readme
    assert os.path.exists(tmp_path / "ny" / ".pre-commit-config.yaml")
