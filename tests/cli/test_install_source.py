"""`vp init` writes a pre-commit hook and a workflow that install the same vp that wrote them
(PEP 610's direct_url.json), or what --vp-source says; tried end to end: vp installed from a
git URL, `vp init`, and `pre-commit run --all-files` in the new repository installing vp from
that URL at that commit."""

from __future__ import annotations

import os
import site
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from verksamhetsplan.edit.install_source import from_direct_url, given_source

BIN = Path(sys.executable).parent
SHA = "0123456789abcdef0123456789abcdef01234567"


def test_each_kind_of_install_gives_its_requirement() -> None:
    git = from_direct_url(
        {"url": "https://github.com/kommun/vp.git",
         "vcs_info": {"vcs": "git", "commit_id": SHA, "requested_revision": "v0.2.0"}}
    )  # fmt: skip
    assert git.requirement == f"verksamhetsplan @ git+https://github.com/kommun/vp.git@{SHA}"
    assert git.warning is None and "v0.2.0" in git.how
    wheel = from_direct_url({"url": "https://kommun.se/vp-0.2.0-py3-none-any.whl",
                             "archive_info": {}})  # fmt: skip
    assert wheel.requirement == "verksamhetsplan @ https://kommun.se/vp-0.2.0-py3-none-any.whl"
    folder = from_direct_url({"url": "file:///home/anna/vp", "dir_info": {"editable": True}})
    assert folder.requirement.startswith("verksamhetsplan==")
    assert "file:///home/anna/vp" in (folder.warning or "") and "--vp-source" in folder.warning


def test_vp_source_takes_a_version_a_requirement_or_an_address(tmp_path, run_vp) -> None:
    assert given_source("0.3.1").requirement == "verksamhetsplan==0.3.1"
    assert given_source("verksamhetsplan>=0.2,<0.3").requirement == "verksamhetsplan>=0.2,<0.3"
    address = "git+https://github.com/kommun/vp@v0.2.0"
    result = run_vp("init", str(tmp_path / "ny"), "--vp-source", address)
    assert result.exit_code == 0, result.output
    hook = (tmp_path / "ny" / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    flow = (tmp_path / "ny" / ".github" / "workflows" / "vp.yml").read_text(encoding="utf-8")
    assert f'additional_dependencies: ["verksamhetsplan @ {address}"]' in hook
    assert "run: pip install -r requirements-vp.txt" in flow
    assert (
        f"\nverksamhetsplan @ {address}\n" in (tmp_path / "ny" / "requirements-vp.txt").read_text()
    )
    bad = run_vp("init", str(tmp_path / "fel"), "--vp-source", 'x"; rm -rf ~')
    assert bad.exit_code == 2 and "--vp-source" in bad.stderr
    assert not (tmp_path / "fel").exists()


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
    }  # fmt: skip


@pytest.mark.slow
def test_a_vp_installed_from_git_writes_hooks_that_install_it_and_pass(tmp_path) -> None:
    # vp's own repository at its last commit, as the git URL a municipality would use
    source = ROOT
    commit = subprocess.run(["git", "-C", str(source), "rev-parse", "HEAD"], check=True,
                            capture_output=True, text=True).stdout.strip()  # fmt: skip
    url = f"git+{source.as_uri()}@{commit}"
    # a fresh environment with vp from the git URL; its dependencies come from this one's
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--upgrade-deps", str(venv)], check=True)
    packages = next(venv.glob("lib/python*/site-packages"))
    (packages / "deps.pth").write_text(site.getsitepackages()[0] + "\n", encoding="utf-8")
    subprocess.run([str(venv / "bin/python"), "-m", "pip", "install", "-q", "--no-deps",
                    f"verksamhetsplan @ {url}"], check=True)  # fmt: skip
    made = subprocess.run([str(venv / "bin/python"), "-m", "verksamhetsplan", "init",
                           str(tmp_path / "kommun")], capture_output=True, text=True,
                          env=_env())  # fmt: skip
    assert made.returncode == 0, made.stderr
    requirement = f"verksamhetsplan @ git+{source.as_uri()}@{commit}"
    hook = (tmp_path / "kommun" / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert f'additional_dependencies: ["{requirement}"]' in hook
    assert "en annan dator" in made.stderr  # a file: URL works here, not on another machine
    wanted = (tmp_path / "kommun" / "requirements-vp.txt").read_text("utf-8").splitlines()
    (line,) = [w for w in wanted if w and not w.startswith("#")]
    assert line == requirement
    # the workflow's install line resolves and builds in a fresh environment
    fresh = tmp_path / "fresh"
    # --upgrade-deps: the pip a venv starts with (23.2 here) cannot read "name @ git+file"
    subprocess.run([sys.executable, "-m", "venv", "--upgrade-deps", str(fresh)], check=True)
    dry = subprocess.run([str(fresh / "bin/python"), "-m", "pip", "install", "--dry-run",
                          "--no-deps", line], capture_output=True, text=True)  # fmt: skip
    assert dry.returncode == 0 and "verksamhetsplan" in dry.stdout, dry.stderr
    # and the hook installs that vp and passes on the new repository
    ran = subprocess.run([str(BIN / "pre-commit"), "run", "--all-files"],
                         cwd=tmp_path / "kommun", capture_output=True, text=True,
                         env=_env(), timeout=900)  # fmt: skip
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "vp validate" in ran.stdout and "Passed" in ran.stdout
