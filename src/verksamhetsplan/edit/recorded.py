"""A change made by a person through `vp serve`: written by the one safe path and committed
with them as its author, so git's log is the audit trail of who recorded what."""

from __future__ import annotations

import os
from pathlib import Path

from ..common.files import display_path
from ..common.git import commit
from ..common.problems import Refused
from .safe_write import Change, write_changes


def inside(root: Path, path: Path) -> None:
    """Refuse a file outside the repository, or one reached through a link: a request can
    name a plan or a period, and neither may lead the server anywhere else."""
    top = Path(os.path.realpath(root))
    absolute = Path(os.path.abspath(path))
    if not absolute.is_relative_to(Path(os.path.abspath(root))):
        raise Refused(f"{display_path(path)} ligger utanför planförrådet; ingenting har sparats")
    here = absolute
    while here != Path(os.path.abspath(root)):
        if here.is_symlink():
            raise Refused(f"{display_path(here)} är en länk; vp serve skriver inte genom länkar")
        here = here.parent
    if not Path(os.path.realpath(absolute)).is_relative_to(top):
        raise Refused(f"{display_path(path)} ligger utanför planförrådet; ingenting har sparats")


def save(root: Path, changes: list[Change], author: str, subject: str) -> bool:
    """Write the changes and commit them; False when there was nothing to change.
    The caller holds the repository's lock from reading to here."""
    pending = [c for c in changes if c.changes_anything]
    if not pending:
        return False
    for change in pending:
        inside(root, change.path)
    write_changes(pending)
    body = "\n".join(line for change in pending for line in change.done)
    message = f"{subject}\n\n{body}\n\nSparat i vp serve." if body else subject
    commit(root, [c.path for c in pending], message, author)
    return True
