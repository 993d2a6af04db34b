"""The one way every command changes a file: checked first, written atomically, or not at all.

A command reads the files it will change, builds their new content in memory, has it
validated, and only then calls `write_changes`. Nothing is written unless every file can
be, and a file that someone saved in between is left alone, up to the last instant
(`common.files.replace_all_if_unchanged`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..common.files import ChangedMeanwhile, display_path, replace_all_if_unchanged
from ..common.problems import Refused


@dataclass
class Change:
    path: Path
    before: bytes | None  # None for a file that does not exist yet
    after: bytes
    done: list[str] = field(default_factory=list)  # what the change does, a line each

    @property
    def changes_anything(self) -> bool:
        return self.after != self.before


def why_not_writable(path: Path) -> str | None:
    """Why a file cannot be replaced, in Swedish, or None when it can.

    The write bits count even for root: a file or folder made read-only was made so on
    purpose. A file with a second hard link is refused: replacing it would split it from
    the other name, which would keep the old content.
    """
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if target.exists():
        info = target.stat()
        if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
            return f"{display_path(path)} är skrivskyddad"
        if info.st_nlink > 1:
            return (
                f"{display_path(path)} har {info.st_nlink} hårda länkar; vp ändrar inte en fil "
                "som delas under flera namn"
            )
        directory = target.parent
    else:
        directory = target.parent
        while not directory.exists():
            directory = directory.parent
    if not directory.stat().st_mode & 0o222 or not os.access(directory, os.W_OK | os.X_OK):
        return f"katalogen {display_path(directory)} går inte att skriva i"
    return None


def write_changes(changes: list[Change]) -> None:
    """Write every changed file atomically, after making sure all of them can be written."""
    pending = [change for change in changes if change.changes_anything]
    for change in pending:
        why = why_not_writable(change.path)
        if why:
            raise Refused(
                f"{why}; ingenting har ändrats", hint="Ändra behörigheten och försök igen."
            )
        now = change.path.read_bytes() if change.path.exists() else None
        if now != change.before:
            raise Refused(
                f"{display_path(change.path)} har ändrats av något annat medan vp arbetade; "
                "ingenting har ändrats",
                hint="Kör kommandot igen.",
            )
    try:
        replace_all_if_unchanged([(c.path, c.before, c.after) for c in pending])
    except ChangedMeanwhile as changed:
        raise Refused(
            f"{display_path(changed.path)} har ändrats av något annat medan vp arbetade; "
            "ingenting har ändrats",
            hint="Kör kommandot igen.",
        ) from None
    except OSError as error:
        raise Refused(
            f"kan inte skriva {display_path(Path(error.filename or ''))} ({error.strerror}); "
            "ingenting har ändrats"
        ) from None
