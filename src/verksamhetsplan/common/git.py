"""git, for the commands that compare versions of the plans (vp diff, vp lint)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .problems import Refused


def git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """git run in the repository at `root`; paths in its arguments and answers are relative
    to that folder."""
    try:
        return subprocess.run(["git", *args], capture_output=True, cwd=root)
    except OSError:
        raise Refused("git finns inte på den här datorn; kommandot behöver git") from None


def check_repository(root: Path) -> None:
    if git(root, "rev-parse", "--is-inside-work-tree").returncode != 0:
        raise Refused(
            "katalogen är inget git-förråd",
            hint="Kör kommandot i planförrådet, eller starta ett med git init.",
            usage=True,
        )


def resolve(root: Path, revision: str) -> str:
    found = git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if found.returncode != 0:
        has_commits = git(root, "rev-parse", "--verify", "--quiet", "HEAD").returncode == 0
        raise Refused(
            f"revisionen {revision!r} finns inte",
            hint="Ange en commit, en gren eller en tagg, t.ex. HEAD~1 eller v2018."
            if has_commits
            else "Förrådet har inga commits än; gör en första commit.",
            usage=True,
        )
    return found.stdout.decode().strip()
