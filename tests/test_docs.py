"""The documentation site: generated from README.md, the CLI's own help and the code's own
table of problem codes, built by MkDocs in strict mode. A command or code that the docs
lack fails here, so the docs cannot drift from vp."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "docs"))
from generate import generate

BIN = Path(sys.executable).parent


def _commands() -> list[str]:
    from typer.main import get_command

    from verksamhetsplan.cli import app

    found: list[str] = []

    def walk(command: object, path: list[str]) -> None:
        subs = getattr(command, "commands", {})
        if path and not subs:
            found.append(" ".join(path))
        for name, sub in subs.items():
            walk(sub, [*path, name])

    walk(get_command(app), [])
    return found


def test_every_command_and_problem_code_is_in_the_docs_and_they_build_strict(tmp_path) -> None:
    from verksamhetsplan.common.problems import CODES

    pages = tmp_path / "sidor"
    generate(pages)
    reference = (pages / "referens.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^## vp (.+)$", reference, re.M))
    assert set(_commands()) <= headings
    assert "Användning: vp report [FLAGGOR]" in reference  # the CLI's own help text
    codes = (pages / "koder.md").read_text(encoding="utf-8")
    assert [c for c in CODES if f"| {c} |" not in codes] == []
    start = (pages / "index.md").read_text(encoding="utf-8")
    assert "python3 -m venv .venv" in start and "[Problemkoder](koder.md)" in start
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: docs/sidor", "docs_dir: sidor").replace(
        "site_dir: .cache/docs-site", "site_dir: webb"
    )
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    built = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-3000:]
    page = (tmp_path / "webb" / "koder" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in page and "VP701" in page
    shutil.rmtree(tmp_path / "webb")


def test_no_manual_page_ends_inside_a_code_block() -> None:
    """Cutting the old README at its '## ' lines once cut inside an example (a Markdown
    analysis with its own '## Åtgärder'), leaving one page inside a code block."""
    for page in sorted((ROOT / "docs" / "manual").glob("*.md")):
        fences = [line for line in page.read_text("utf-8").splitlines() if line.startswith("```")]
        assert len(fences) % 2 == 0, page.name
