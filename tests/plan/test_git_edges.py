"""vp diff and vp lint where git itself is unusual: a plan file with a Swedish name, a
shallow clone, a repository git refuses to read."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@vp.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@vp.invalid",
}


def git(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(
        ["git", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
        env={**os.environ, **GIT_ENV},
    )
    return done.stdout


@pytest.fixture
def committed(tmp_path, monkeypatch) -> Path:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    shutil.copytree(ROOT / "indicators-data", tmp_path / "indicators-data")
    monkeypatch.chdir(tmp_path)
    git("init", "-q")
    return tmp_path


def test_a_plan_file_with_a_swedish_name_is_compared_not_added(committed, run_vp) -> None:
    old = Path("plans/degerfors/socialnamnden-2018-2019.yaml")
    swedish = old.with_name("socialnämnd.yaml")
    old.rename(swedish)
    git("add", "-A")
    git("commit", "-qm", "Antagen plan")
    text = swedish.read_text(encoding="utf-8")
    swedish.write_text(
        text.replace(
            "    text: Infocenter används för föräldraskapsstöd.",
            "    text: Infocenter används för stöd till föräldrar.",
        ),
        encoding="utf-8",
    )
    result = run_vp("diff")
    assert result.exit_code == 0, result.output
    assert "~ infocenter-2018: omformulerat" in result.stdout
    assert "plans/degerfors/socialnämnd.yaml" in result.stdout
    assert "Ny plan" not in result.stdout and "+ degerfors-sn-2018-2019" not in result.stdout


def test_lint_in_a_shallow_clone_says_what_it_cannot_check(
    committed, tmp_path, run_vp, monkeypatch
):
    git("add", "-A")
    git("commit", "-qm", "Antagen plan")
    plan = Path("plans/degerfors/socialnamnden-2018-2019.yaml")
    plan.write_text(plan.read_text(encoding="utf-8") + "# reviderad\n", encoding="utf-8")
    git("commit", "-qam", "Revidering")
    git("clone", "-q", "--depth", "1", f"file://{committed}", str(tmp_path / "grund"))
    monkeypatch.chdir(tmp_path / "grund")
    result = run_vp("lint")
    assert "grund klon" in result.stderr and "VP505" in result.stderr
    assert "git fetch --unshallow" in result.stderr


def test_a_repository_git_refuses_is_not_called_no_repository(committed, run_vp) -> None:
    git("add", "-A")
    git("commit", "-qm", "Antagen plan")
    if os.geteuid() != 0:
        pytest.skip("bara root kan ge bort förrådet till en annan användare")  # CI runs as root
    for path in [committed, *committed.rglob("*")]:
        os.lchown(path, 12345, 12345)
    result = run_vp("diff")
    assert result.exit_code == 2
    assert "git kan inte läsa förrådet" in result.stderr
    assert "dubious ownership" in result.stderr
    assert "inget git-förråd" not in result.stderr
    assert "safe.directory" in result.stderr
    lint = run_vp("lint")
    assert "Git kan inte läsa förrådet" in lint.stderr and "VP505" in lint.stderr
