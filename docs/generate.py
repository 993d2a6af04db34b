"""The documentation site's pages: the manual as written (docs/manual/), and what is
generated so that it cannot drift from vp itself: the command reference from the CLI's own
help and the problem codes from the code's own table. Run before `mkdocs build --strict`:

    .venv/bin/python docs/generate.py && .venv/bin/mkdocs build --strict
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "docs" / "sidor"
MANUAL = ROOT / "docs" / "manual"


def manual() -> dict[str, str]:
    """The written pages; links to the repository's own files become plain names, since
    the site holds only its pages."""
    return {
        page.name: re.sub(r"\[([^\]]+)\]\((?:\.\./)+[^)]+\)", r"\1", page.read_text("utf-8"))
        for page in sorted(MANUAL.glob("*.md"))
    }


def reference() -> str:
    """Every command's help, as `vp … --help` prints it."""
    from typer.main import get_command
    from typer.testing import CliRunner

    from verksamhetsplan.cli import app

    out = [
        "# Kommandoreferens\n",
        "Hjälptexten för varje kommando, som `vp … --help` skriver den.\n",
    ]
    runner = CliRunner()

    def walk(command: object, path: list[str]) -> None:
        if path:
            shown = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "100"}).stdout
            out.append(f"## vp {' '.join(path)}\n\n```text\n{shown.rstrip()}\n```\n")
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, [*path, name])

    walk(get_command(app), [])
    return "\n".join(out)


def codes() -> str:
    from verksamhetsplan.common.problems import CODES

    rows = "\n".join(f"| {code} | {meaning} |" for code, meaning in sorted(CODES.items()))
    return (
        "# Problemkoder\n\nVarje kod som `vp validate`, `vp lint`, `vp due` och publiceringen "
        "kan ge, ur vp:s egen tabell.\n\n| kod | betyder |\n|---|---|\n" + rows + "\n"
    )


def generate(target: Path = PAGES) -> list[Path]:
    os.environ.setdefault("NO_COLOR", "1")
    pages = manual()
    pages["referens.md"] = reference()
    pages["koder.md"] = codes()
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("*.md"):  # a page no longer written must not linger on the site
        old.unlink()
    written = []
    for name, text in pages.items():
        (target / name).write_text(text, encoding="utf-8")
        written.append(target / name)
    return written


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    print("\n".join(str(p.relative_to(ROOT)) for p in generate()))
