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
