"""Everything vp prints is Swedish: no English word from click's and typer's own texts in
any command's help or in a usage error.

The catalogue is read from the installed typer's source (its vendored click), so a newer
typer with a new English message fails this test until vp says it in Swedish.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from conftest import ROOT
from verksamhetsplan.cli import app

SOURCES = [
    "_click/exceptions.py",
    "_click/parser.py",
    "_click/formatting.py",
    "_click/decorators.py",
    "_click/core.py",
    "core.py",
    "_coercion.py",
    "_param_types.py",
]
# English words that vp's Swedish text uses as names from the plan format or the shell.
VP_OWN = {"true", "false", "mean", "file", "type", "list", "map", "sub", "env", "var", "one"}
# vp's command names are names, like option names (`vp control action ID --status …`).
VP_OWN |= {"action"}


def english_catalogue() -> set[str]:
    """Words of the user-facing string literals in typer and its click (not docstrings)."""
    root = Path(typer.__file__).parent
    words: set[str] = set()
    for name in SOURCES:
        if not (root / name).is_file():  # an older typer in the range vp allows lacks it
            continue
        tree = ast.parse((root / name).read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if id(node) in docstrings:
                    continue
                if " " in text.strip() or text.strip().endswith((":", ".")):
                    words.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", text))
    # "Argument" is a Swedish word as well (the heading vp uses).
    return words - VP_OWN - {"argument"}


CATALOGUE = english_catalogue()


def english_words(text: str) -> set[str]:
    # Option names (--help, --format) and quoted input are names, not prose.
    text = re.sub(r"(?<![\w-])--?[\w-]+", " ", text)
    text = re.sub(r"'[^']*'", " ", text)
    # Identifiers (not_achieved, by_gender) are names from the plan format, whole.
    return {w for w in re.findall(r"[^\W\d]{3,}", text) if w.lower() in CATALOGUE}


def test_the_catalogue_knows_clicks_english():
    # The check below is only as good as the words it looks for.
    assert {"usage", "show", "message", "missing", "invalid", "unexpected", "such"} <= CATALOGUE


def all_commands() -> list[list[str]]:
    from typer.main import get_command

    found: list[list[str]] = []

    def walk(command, path):
        found.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(get_command(app), [])
    return found


def vp(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "verksamhetsplan", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.parametrize("path", all_commands(), ids=lambda p: " ".join(p) or "vp")
def test_every_help_page_is_swedish(path):
    result = vp(*path, "--help")
    assert result.returncode == 0, result.stderr
    assert "Användning: vp" in result.stdout
    assert english_words(result.stdout) == set(), result.stdout
    assert not re.search(r"<(str|int|list|Path|bool)", result.stdout), result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["stat"], "okänt kommando 'stat'"),
        (["status", "--yaer", "2018"], "okänd flagga --yaer"),
        (["explain"], "argumentet MÅL saknas"),
        (["assess", "koll-installerat-2018", "-c", "x"], "flaggan --status saknas"),
        (["status", "--year", "tjugo"], "ogiltigt värde för --year: värdet ska vara ett heltal"),
        (["status", "--format", "xml"], "'xml' är inte tillåtet; tillåtna värden: table"),
        (["status", "extra"], "oväntat argument: 'extra'"),
        (["status", "--year"], "flaggan --year kräver ett värde"),
        (["data", "ad"], "okänt kommando 'ad'"),
        (["validate", "--strict=ja"], "flaggan --strict tar inget värde"),
    ],
)
def test_usage_errors_are_swedish_with_a_suggestion(args, message):
    result = vp(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert english_words(result.stderr) == set(), result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["stat"], "Menade du 'status'?"),
        (["status", "--yaer", "2018"], "Menade du --year?"),
        (["data", "ad"], "Menade du 'add'?"),
    ],
)
def test_a_near_miss_is_suggested(args, hint):
    assert hint in vp(*args).stderr


def test_version():
    from verksamhetsplan import __version__

    result = vp("--version")
    assert (result.returncode, result.stdout) == (0, f"vp {__version__}\n")


@pytest.mark.parametrize("path", all_commands(), ids=lambda p: " ".join(p) or "vp")
def test_a_short_flag_means_the_same_in_every_command(path) -> None:
    """-f is --format wherever it exists (data's --file has no short form), -n --dry-run."""
    from typer.main import get_command

    from verksamhetsplan.cli import app

    command = get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    meanings = {"-f": "--format", "-n": "--dry-run", "-o": "--output", "-y": "--year",
                "-q": "--quiet"}  # fmt: skip
    for parameter in command.params:
        for short in (o for o in parameter.opts if len(o) == 2 and o in meanings):
            assert meanings[short] in parameter.opts, (path, parameter.opts)
