"""git, for the commands that compare versions of the plans (vp diff, vp lint)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from .problems import Refused
from .swedish import printable


def git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """git run in the repository at `root`; paths in its arguments and answers are relative
    to that folder."""
    try:
        return subprocess.run(["git", *args], capture_output=True, cwd=root)
    except OSError:
        raise Refused("git finns inte på den här datorn; kommandot behöver git") from None


def repository_problem(root: Path) -> str | None:
    """Why git cannot be used at `root`, in Swedish with git's own words; None when it can.
    A folder outside any repository is told apart from one git refuses (a repository owned
    by another user, a broken .git)."""
    answer = git(root, "rev-parse", "--is-inside-work-tree")
    if answer.returncode == 0:
        return None
    said = printable(answer.stderr.decode("utf-8", "replace")).strip().splitlines()
    reason = next((line for line in said if line.startswith("fatal:")), said[0] if said else "")
    if not reason or "not a git repository" in reason:
        return "katalogen är inget git-förråd"
    return f"git kan inte läsa förrådet: {reason.removeprefix('fatal:').strip()}"


def check_repository(root: Path) -> None:
    problem = repository_problem(root)
    if problem is not None:
        hint = (
            "Kör kommandot i planförrådet, eller starta ett med git init."
            if problem.startswith("katalogen")
            else "Rätta det git säger (till exempel git config --global --add safe.directory "
            "för ett förråd som ägs av en annan användare) och försök igen."
        )
        raise Refused(problem, hint=hint, usage=True)


def is_shallow(root: Path) -> bool:
    """A clone made with --depth: the commits before its history begins are missing."""
    answer = git(root, "rev-parse", "--is-shallow-repository")
    return answer.returncode == 0 and answer.stdout.strip() == b"true"


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


def last_changed(root: Path, path: Path) -> dt.date:
    """The day a file last changed: its last commit's date when git has it unchanged, else
    the day it was last written on this disk (a checkout gives every file the same day)."""
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    try:
        unchanged = git(root, "diff", "--quiet", "HEAD", "--", relative).returncode == 0
        logged = git(root, "log", "-1", "--format=%cs", "--", relative)
    except Refused:  # no git on this machine
        unchanged, logged = False, None
    if unchanged and logged is not None and logged.returncode == 0 and logged.stdout.strip():
        return dt.date.fromisoformat(logged.stdout.decode().strip())
    return dt.date.fromtimestamp(path.stat().st_mtime)


def commit(root: Path, paths: list[Path], message: str, author: str) -> None:
    """Commit exactly these files (nothing else staged goes with them) as `author`
    ("Namn <e-post>"). The committer is vp serve itself, so
    that the log tells the person who wrote from the program that wrote for them."""
    relative = [os.path.relpath(os.path.abspath(p), os.path.abspath(root)) for p in paths]
    environment = {
        **os.environ,
        "GIT_COMMITTER_NAME": "vp serve",
        "GIT_COMMITTER_EMAIL": "vp-serve@localhost",
    }
    for args in (
        ["add", "--", *relative],
        ["commit", "--quiet", "--no-verify", "-m", message, f"--author={author}", "--", *relative],
    ):
        try:
            done = subprocess.run(["git", *args], capture_output=True, cwd=root, env=environment)
        except OSError:
            raise Refused("git finns inte på den här datorn; vp serve behöver git") from None
        if done.returncode != 0:
            said = printable(done.stderr.decode("utf-8", "replace")).strip()
            raise Refused(f"git kunde inte spara ändringen: {said or 'okänt fel'}")
