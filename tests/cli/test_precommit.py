"""The pre-commit hook we offer, used from a separate plan repository as a municipality would."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import CASES, ROOT

HOOKS = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
BIN = Path(sys.executable).parent


def _plan_repository(tmp_path: Path) -> Path:
    repo = tmp_path / "kommunens-planer"
    shutil.copytree(ROOT / "plans", repo / "plans")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return repo


def _git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


def _break(repo: Path) -> None:
    shutil.copy(
        CASES / "invalid" / "VP101" / "unknown-key-near-miss.yaml", repo / "plans" / "ny.yaml"
    )


def test_hook_definition_checks_the_whole_plans_directory() -> None:
    assert [hook["id"] for hook in HOOKS] == ["vp-validate", "vp-lint"]
    for hook in HOOKS:
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False


@pytest.mark.parametrize("hook", HOOKS[:1], ids=lambda h: h["id"])
def test_hook_entry_passes_good_plans_and_stops_broken_ones(hook, tmp_path) -> None:
    repo = _plan_repository(tmp_path)
    command, *args = shlex.split(hook["entry"])
    entry = [str(BIN / command), *args]
    assert subprocess.run(entry, cwd=repo, capture_output=True, check=False).returncode == 0
    _break(repo)
    failed = subprocess.run(entry, cwd=repo, capture_output=True, text=True, check=False)
    assert failed.returncode == 1
    assert "plans/ny.yaml:21:5: fel VP101" in failed.stdout


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git saknas")
def test_pre_commit_runs_the_hook_from_this_repository(tmp_path) -> None:
    pre_commit = BIN / "pre-commit"
    if not pre_commit.exists():
        pytest.skip("pre-commit är inte installerat (pip install -e '.[dev]')")
    repo = _plan_repository(tmp_path)
    _break(repo)
    _git(repo, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}

    def try_repo() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(pre_commit), "try-repo", str(ROOT), "vp-validate", "--all-files"],
            cwd=repo,
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=900,
        )

    result = try_repo()
    assert result.returncode == 1, result.stdout + result.stderr
    assert "fel VP101: okänd nyckel 'indicatr'" in result.stdout
    (repo / "plans" / "ny.yaml").unlink()
    _git(repo, "add", "-A")
    result = try_repo()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "vp validate" in result.stdout and "Passed" in result.stdout
