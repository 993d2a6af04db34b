"""The documentation site's pages, generated so that they cannot drift from vp itself:
the manual from README.md's sections, the command reference from the CLI's own help, and the
problem codes from the code's own table. Run before `mkdocs build --strict`:

    .venv/bin/python docs/generate.py && .venv/bin/mkdocs build --strict
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "docs" / "sidor"
# README's sections as pages, in the site's order (the file name is the page's address).
SECTIONS = {
    "Kommandon": "kommandon.md",
    "Åtgärder": "analys.md",
    "Analys": "analys.md",
    "Ändra planer och data": "andra.md",
    "Planförrådet": "planformatet.md",
    "Nyckeltalsdata": "planformatet.md",
    "Planformatet": "planformatet.md",
    "Kontroll i CI och före varje commit": "ci.md",
    "Utveckling": "utveckling.md",
}


def manual(readme: str) -> dict[str, str]:
    """README.md cut at its level-2 headings into pages; the text before them is the start."""
    parts = re.split(r"^## ", readme, flags=re.M)
    pages: dict[str, str] = {"index.md": _links(parts[0])}
    for part in parts[1:]:
        title = part.splitlines()[0].strip()
        name = SECTIONS.get(title, "ovrigt.md")
        pages[name] = pages.get(name, "") + "# " + _links(part) + "\n"
    pages["index.md"] += (
        "\n## Innehåll\n\n"
        + "\n".join(f"- [{title}]({name})" for title, name in SECTIONS.items() if name in pages)
        + "\n- [Kommandoreferens](referens.md)\n- [Problemkoder](koder.md)\n"
    )
    return pages


def _links(text: str) -> str:
    """Links to files of the repository become plain names: the site holds only its pages."""
    text = re.sub(r"\[([^\]]+)\]\((?!https?://|#)([^)]+)\)", r"\1", text)
    return text.replace("](#", "](#")


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
    pages = manual((ROOT / "README.md").read_text(encoding="utf-8"))
    pages["referens.md"] = reference()
    pages["koder.md"] = codes()
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in pages.items():
        (target / name).write_text(text, encoding="utf-8")
        written.append(target / name)
    return written


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    print("\n".join(str(p.relative_to(ROOT)) for p in generate()))
