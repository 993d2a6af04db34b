"""`vp init`: a new plan repository that validates and shows a status at once."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import subprocess
from pathlib import Path
from typing import Any

from .. import __version__
from . import ids
from .install_source import InstallSource, from_index
from .safe_write import Change


def slug(text: str) -> str:
    """`Socialnämnden Degerfors` -> `socialnamnden-degerfors`, for ids and file names."""
    return ids.slug(text) or "plan"


# Text that is safe as a plain YAML scalar: letters first, then letters, digits and calm
# punctuation (no ': ', no ' #', no quotes, no line breaks).
_PLAIN = re.compile(r"[^\W\d_][\w .,()–-]*")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}


def yaml_text(text: str) -> str:
    """Whatever a person types (a colon, a #, a line break) as a YAML string that stays text."""
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def example_data(year: int, today: dt.date) -> str:
    """Invented values: last year's sick leave per month, this year's ended months, and
    two years of Kolada's satisfaction figure per gender."""
    rows = ["indicator,period,value,gender,note"]
    for y in (year - 1, year):
        for month in range(1, 13):
            if dt.date(y, month, 1) >= today.replace(day=1):
                break
            seasonal = 0.8 * math.cos((month - 1) / 12 * 2 * math.pi)
            level = 7.4 if y < year else 6.8
            rows.append(f"sjukfranvaro,{y}-{month:02d},{level + seasonal:.1f},T,påhittat")
    for offset, values in ((2, (88, 84, 86)), (1, (91, 86, 89))):
        for gender, value in zip("KMT", values, strict=True):
            rows.append(f"nojda-hemtjanst,{year - offset},{value},{gender},påhittat")
    return "\n".join(rows) + "\n"


def scaffold(
    organisation: str,
    board: str,
    today: dt.date,
    lint: bool = False,
    source: InstallSource | None = None,
) -> dict[Path, str]:
    """The new repository's files, by their paths inside it."""
    from importlib.resources import files

    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from ..plan.schema import schema_text

    year = today.year
    org = slug(organisation)
    plan_path = Path("plans") / org / f"{slug(board)}-{year}-{year + 1}.yaml"
    data_path = Path("indicators-data") / org / "exempel.csv"
    environment = Environment(
        loader=FileSystemLoader(str(files("verksamhetsplan.templates") / "init")),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters["yaml"] = yaml_text
    environment.filters["line"] = lambda text: " ".join(str(text).split())
    values: dict[str, Any] = {
        "organisation": organisation,
        "board": board,
        "year": year,
        "today": today.isoformat(),
        "plan_id": f"{org}-{slug(board)}-{year}-{year + 1}",
        "plan_path": plan_path.as_posix(),
        "data_path": data_path.as_posix(),
        "version": __version__,
        "requirement": (source or from_index()).requirement,
        "source_how": (source or from_index()).how,
        "lint": lint,
    }

    def render(name: str) -> str:
        return environment.get_template(name).render(values)

    return {
        plan_path: render("plan.yaml.j2"),
        data_path: example_data(year, today),
        data_path.parent / "README.md": render("data-README.md.j2"),
        Path("schema/plan.schema.json"): schema_text(),
        Path(".pre-commit-config.yaml"): render("pre-commit-config.yaml.j2"),
        Path(".github/workflows/vp.yml"): render("workflow.yml.j2"),
        Path(".github/dependabot.yml"): render("dependabot.yml.j2"),
        Path("requirements-vp.txt"): render("requirements-vp.txt.j2"),
        Path(".gitignore"): render("gitignore.j2"),
        Path("README.md"): render("README.md.j2"),
    }


def plan_changes(directory: Path, files: dict[Path, str]) -> tuple[list[Change], list[Path]]:
    """The files to create, and those left alone because they exist already."""
    create, kept = [], []
    for relative, text in files.items():
        path = directory / relative
        if path.exists() or path.is_symlink():
            kept.append(path)
        else:
            create.append(Change(path, None, text.encode("utf-8")))
    return create, kept


def start_git(directory: Path) -> bool:
    """`git init` when the directory is not inside a repository already; False without git."""
    try:
        inside = subprocess.run(
            ["git", "-C", str(directory), "rev-parse", "--is-inside-work-tree"],
            capture_output=True,
            text=True,
        )
        if inside.returncode == 0:
            return False
        subprocess.run(["git", "init", "-q", str(directory)], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return False
    return True


def first_commit(directory: Path, paths: list[Path]) -> bool:
    """Commit what vp init created, so that `vp diff` and CI have a base from the start.

    A machine without a git identity gets one for this commit only (vp init).
    """
    identity = subprocess.run(
        ["git", "-C", str(directory), "config", "user.email"], capture_output=True, text=True
    )
    who = (
        []
        if identity.stdout.strip()
        else ["-c", "user.name=vp init", "-c", "user.email=vp@localhost"]
    )
    try:
        subprocess.run(
            ["git", "-C", str(directory), "add", "--", *(str(p) for p in paths)],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                "git",
                "-C",
                str(directory),
                *who,
                "commit",
                "-q",
                "-m",
                "Planförråd skapat med vp init",
            ],
            check=True,
            capture_output=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return False
    return True
