from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from verksamhetsplan.cli import app

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture
def run_vp():
    """Run the real CLI in-process; returns the result."""
    runner = CliRunner()

    def run(*args: str) -> Any:
        return runner.invoke(app, list(args), catch_exceptions=False)

    return run


@pytest.fixture
def validate_json(run_vp):
    def run(*paths: Path | str) -> tuple[int, dict[str, Any]]:
        result = run_vp("validate", "--format", "json", *map(str, paths))
        return result.exit_code, json.loads(result.stdout)

    return run


@pytest.fixture
def in_repo(monkeypatch):
    """The shipped repository as the working directory, with a wide terminal for tables."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "220")


@pytest.fixture
def repo_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the shipped plan repository to change, as the working directory."""
    import shutil

    for folder in ("plans", "indicators-data", "economy-data"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def served(tmp_path, monkeypatch) -> Path:
    """The shipped repository under git, with a reporter's and a secretary's account for
    vp serve (tests/web/serving.py)."""
    from serving import make_repository

    return make_repository(tmp_path / "forradet", monkeypatch)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root, byte for byte, to prove what a command left alone."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(root).parts
    }


def only_added_lines(before: bytes, after: bytes) -> list[str]:
    """The lines `after` adds to `before`; fails when anything of `before` changed."""
    import difflib

    old, new = before.decode("utf-8").splitlines(True), after.decode("utf-8").splitlines(True)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    added = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        assert op in ("equal", "insert"), f"{op}: {old[a1:a2]!r} -> {new[b1:b2]!r}"
        if op == "insert":
            added.extend(new[b1:b2])
    return added


# Property-based tests: a short run on every CI build, a long one on demand
# (pytest tests/fuzz --hypothesis-profile=long), as the benchmarks are run.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile("ci")
