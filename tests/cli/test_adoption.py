"""A new municipality's first day: vp init, its GitHub workflow and its pre-commit hook,
checked as they would run: actionlint on the workflows, the workflow's own diff step run
by bash, and the hook run by pre-commit, which installs vp itself."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import ROOT
from verksamhetsplan import __version__

BIN = Path(sys.executable).parent
ACTIONLINT = shutil.which("actionlint", path=str(BIN)) or shutil.which("actionlint")
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@t",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@t",
}


def vp(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "vp"), *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_IDENTITY}
    done = subprocess.run(
        ["git", "-C", str(repo), *args], check=True, env=env, capture_output=True, text=True
    )
    return done.stdout


@pytest.fixture
def new_repo(tmp_path) -> Path:
    repo = tmp_path / "planer"
    result = vp("init", str(repo), "--kommun", "Testkommun", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return repo


def test_init_makes_the_first_commit_and_a_gitignore(new_repo):
    assert git(new_repo, "log", "--format=%s") == "Planförråd skapat med vp init\n"
    assert git(new_repo, "status", "--porcelain") == ""
    assert "reports/" in (new_repo / ".gitignore").read_text(encoding="utf-8").splitlines()
    # vp diff right after init has a base to compare with.
    assert vp("diff", cwd=new_repo).returncode == 0
    # A report written afterwards is ignored, not left as a change to commit.
    assert vp("report", "--format", "md", cwd=new_repo).returncode == 0
    assert git(new_repo, "status", "--porcelain") == ""


@pytest.mark.parametrize(
    ("kommun", "namnd"),
    [("Kommun: Test", "Nämnd #2"), ("Test", "Rad ett\nrad två"), ("yes", "'Citat' \"och\" \\")],
)
def test_whatever_the_user_types_gives_a_plan_that_validates(tmp_path, kommun, namnd):
    repo = tmp_path / "planer"
    assert vp("init", str(repo), "--kommun", kommun, "--namnd", namnd, cwd=tmp_path).returncode == 0
    assert vp("validate", "--strict", cwd=repo).returncode == 0
    status = json.loads(vp("status", "--format", "json", cwd=repo).stdout)
    assert status["plans"][0]["organisation"] == kommun


def test_the_workflows_pass_actionlint(new_repo):
    assert ACTIONLINT is not None, "actionlint saknas (pip install -e '.[dev]')"
    workflows = [new_repo / ".github/workflows/vp.yml", *sorted(ROOT.glob(".github/workflows/*"))]
    result = subprocess.run([ACTIONLINT, *map(str, workflows)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def workflow_step(repo: Path, name: str) -> dict:
    workflow = YAML(typ="safe").load((repo / ".github/workflows/vp.yml").read_text("utf-8"))
    job = workflow["jobs"]["planer"]
    return next(step for step in job["steps"] if step.get("name") == name)


def test_the_workflow_installs_a_pinned_vp_from_the_package_index(new_repo):
    install = workflow_step(new_repo, "Installera vp")["run"]
    assert install == "pip install -r requirements-vp.txt"
    wanted = (new_repo / "requirements-vp.txt").read_text("utf-8").splitlines()
    assert [line for line in wanted if not line.startswith("#")] == [
        f"verksamhetsplan=={__version__}"
    ]
    bot = YAML(typ="safe").load((new_repo / ".github/dependabot.yml").read_text("utf-8"))
    assert {u["package-ecosystem"] for u in bot["updates"]} == {"github-actions", "pip"}
    text = (new_repo / ".github/workflows/vp.yml").read_text("utf-8")
    assert "example.org" not in text and "fetch-depth: 0" in text
    assert "vp validate --strict --format github" in text


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("0000000000000000000000000000000000000000", "Ingen tidigare version att jämföra med."),
        ("", "Ingen tidigare version att jämföra med."),
        ("1234567890abcdef1234567890abcdef12345678", "Ingen tidigare version att jämföra med."),
        ("FIRST", "Ändringar i planerna"),
    ],
    ids=["first-push", "no-base", "base-not-in-a-shallow-clone", "a-real-base"],
)
def test_the_workflows_diff_step_handles_first_push_and_shallow_clones(
    new_repo, tmp_path, base, expected
):
    step = workflow_step(new_repo, "Ändringar mot basen")
    plan = next((new_repo / "plans").rglob("*.yaml"))
    plan.write_text(plan.read_text("utf-8").replace("Hållbar personalpolitik", "Hållbar personal"))
    git(new_repo, "commit", "-qam", "Nytt namn på området")
    if base == "FIRST":
        base = git(new_repo, "rev-list", "--max-parents=0", "HEAD").strip()
    summary = tmp_path / "summary.md"
    result = subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=new_repo,
        env={
            **os.environ,
            "BASE": base,
            "GITHUB_STEP_SUMMARY": str(summary),
            "PATH": f"{BIN}:{os.environ['PATH']}",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert expected in summary.read_text("utf-8")


@pytest.mark.slow
def test_pre_commit_installs_vp_itself_and_runs_the_hook(new_repo, tmp_path):
    # The released version is not on the package index from here: the hook gets the wheel
    # built from this checkout instead, as the one change to the file vp init wrote.
    wheels = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = wheels.glob("*.whl")
    config = new_repo / ".pre-commit-config.yaml"
    text = config.read_text("utf-8")
    pinned = f'"verksamhetsplan=={__version__}"'
    assert pinned in text and "language: python" in text
    config.write_text(text.replace(pinned, f'"{wheel}"'), encoding="utf-8")
    env = {**os.environ, **GIT_IDENTITY, "PRE_COMMIT_HOME": str(tmp_path / "cache")}

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / "pre-commit"), "run", "--all-files"],
            cwd=new_repo,
            capture_output=True,
            text=True,
            env=env,
            timeout=900,
        )

    passed = run()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "vp validate" in passed.stdout and "Passed" in passed.stdout
    plan = next((new_repo / "plans").rglob("*.yaml"))
    plan.write_text(plan.read_text("utf-8").replace("indicator:", "indicatr:", 1), "utf-8")
    failed = run()
    assert failed.returncode == 1
    assert "fel VP101: okänd nyckel 'indicatr'" in failed.stdout


def test_a_value_for_a_period_that_has_not_ended_is_taken_with_a_warning(new_repo):
    import datetime as dt

    year = dt.date.today().year
    added = vp("data", "add", "nojda-hemtjanst", str(year), "92", cwd=new_repo)
    assert added.returncode == 0, added.stderr
    assert (
        f"Obs: perioden {year} har inte slutat; värdet räknas i uppföljningen från "
        f"{year + 1}-01-01 och visas till dess som preliminärt." in added.stdout
    )
    status = json.loads(vp("status", "--format", "json", cwd=new_repo).stdout)
    goal = next(g for g in status["plans"][0]["goals"] if g["goal"] == f"nojda-hemtjanst-{year}")
    # Shown, as preliminary, rather than ignored until the year ends.
    assert (goal["so_far"], goal["preliminary"], goal["outcome"]) == (92.0, True, None)
    explained = vp("explain", f"nojda-hemtjanst-{year}", cwd=new_repo).stdout
    assert "preliminärt årsvärde = 92" in explained


def test_every_step_of_the_workflow_runs_by_hand(new_repo, tmp_path):
    """The workflow vp init writes, step by step as GitHub would run it (the installed vp
    stands in for its install step): validate, the diff summary, the report and the site."""
    flow = YAML(typ="safe").load((new_repo / ".github/workflows/vp.yml").read_text("utf-8"))
    steps = [s for s in flow["jobs"]["planer"]["steps"] if "run" in s]
    assert [s["name"] for s in steps] == [
        "Installera vp", "Validera planer och data", "Ändringar mot basen",
        "Uppföljningsrapport", "Webbplats",
    ]  # fmt: skip
    summary = tmp_path / "summary.md"
    env = {
        **os.environ, **GIT_IDENTITY,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_STEP_SUMMARY": str(summary), "BASE": git(new_repo, "rev-parse", "HEAD").strip(),
    }  # fmt: skip
    for step in steps[1:]:
        done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=new_repo, env=env,
                              capture_output=True, text=True)  # fmt: skip
        assert done.returncode == 0, (step["name"], done.stdout + done.stderr)
    assert next((new_repo / "reports").glob("*.html")).stat().st_size > 1000
    assert (new_repo / "public" / "index.html").is_file()
    assert (new_repo / "public" / "catalog.ttl").is_file()
    assert summary.read_text("utf-8").strip()  # the diff step wrote its summary
