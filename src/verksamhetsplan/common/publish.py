"""A folder of files written for publishing (`vp site`): every name checked before anything
is written, nothing written through a link or into the repository's own inputs, and what an
earlier build wrote but this one does not (a renamed goal's page) taken away.

The folder's previous build is known from its list of files (`MANIFEST`): only files vp
wrote itself are ever removed, so a folder shared with other files keeps them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .files import display_path, sync_folder, take_mode, write_bytes_atomic
from .problems import Refused

MANIFEST = ".vp-webbplats"
NAME_MAX = 255  # bytes in one file or folder name, on every common file system
PATH_MAX = 4000  # bytes in a whole path, below Linux's 4096


class Names:
    """The names of a site's files as they come, each checked as it is added: one no file
    system takes, or a name both a file and a folder (a plan whose id is index.html), is
    refused before anything is written."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self._files: set[str] = set()
        self._folders: set[str] = set()

    def add(self, name: str) -> None:
        if name in self._files:
            return  # made again: the later content is what is written, as in a dict
        path = Path(name)
        parts = path.parts
        if path.is_absolute() or "\0" in name:
            parts = ("",)  # never a name outside the folder
        for part in parts:
            if part in ("", ".", "..") or len(part.encode("utf-8", "surrogatepass")) > NAME_MAX:
                shown = part if len(part) <= 60 else part[:59] + "…"
                raise Refused(
                    f"webbplatsen skulle få sökvägen {shown!r}, som inget filsystem tar emot "
                    f"(längre än {NAME_MAX} byte eller tom); ingenting har skrivits",
                    hint="Korta id:t i planen (det blir filnamnet).",
                )
        parents = [str(p) for p in path.parents if str(p) != "."]
        clash = (
            name if name in self._folders else next((p for p in parents if p in self._files), None)
        )
        if clash is not None:
            raise Refused(
                f"webbplatsen skulle ha både en fil och en katalog som heter {clash!r}; "
                "ingenting har skrivits",
                hint="Ge planen ett id som inte är ett av webbplatsens egna filnamn "
                "(index.html, style.css …).",
            )
        self._folders.update(parents)
        self._files.add(name)
        self.files.append(name)


def write_folder(
    directory: Path, files: Iterable[tuple[str, bytes]], keep_out: list[Path]
) -> tuple[int, list[str]]:
    """Write the files (relative names, as they are made) into `directory`; returns how
    many were written and the names of files an earlier build wrote that this one removed.

    Each file goes to a private folder inside `directory` as soon as it is made, so a site
    of any size costs the memory of one page, not of all of them; only when every file is
    made and every name and target checked are they renamed into place. A name that is
    impossible, a path through a link, a target among `keep_out`, or an error while the
    files are made (a template's) leaves `directory` as it was."""
    targets = _Targets(directory, keep_out)
    targets.check(MANIFEST)
    made = not directory.exists()
    directory.mkdir(parents=True, exist_ok=True)
    staging = tempfile.mkdtemp(dir=directory, prefix=".vp-bygge-")
    folders: set[str] = set()  # made already, in the staging folder and in `directory`
    try:
        names = Names()
        for name, data in files:
            names.add(name)
            _stage(os.path.join(staging, name), data, folders)
        if any(len(os.fsencode(os.path.abspath(directory / n))) > PATH_MAX for n in names.files):
            raise Refused(
                f"webbplatsens sökvägar blir för långa i {display_path(directory)}; ingenting "
                "har skrivits",
                hint="Bygg i en katalog närmare roten, eller korta id:n i planen.",
            )
        for name in names.files:
            targets.check(name)
        old = _previous(directory)
        for name in names.files:
            target = os.path.join(directory, name)
            _folder(os.path.dirname(target), folders)
            if os.path.lexists(target):
                take_mode(os.path.join(staging, name), os.stat(target))
            os.replace(os.path.join(staging, name), target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if made:
            shutil.rmtree(directory, ignore_errors=True)
        raise
    shutil.rmtree(staging, ignore_errors=True)
    for folder in sorted(f for f in folders if not f.startswith(staging)):
        sync_folder(Path(folder))  # the new names survive a power cut
    removed = []
    for name in sorted(old - set(names.files)):
        stale = directory / name
        try:
            targets.check(name)
        except Refused:
            continue  # not vp's to remove any more
        if stale.is_file():
            stale.unlink()
            removed.append(name)
    listed = "".join(f"{n}\n" for n in sorted(names.files)).encode()
    write_bytes_atomic(directory / MANIFEST, listed)
    return len(names.files), removed


def _folder(folder: str, made: set[str]) -> None:
    if folder not in made:  # a folder holds many files: made (or found) once
        os.makedirs(folder, exist_ok=True)
        made.add(folder)


def _stage(path: str, data: bytes, folders: set[str]) -> None:
    """A file in the private staging folder, synced, with the usual mode of a new file."""
    _folder(os.path.dirname(path), folders)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o666)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


class _Targets:
    """Where the files of `directory` may be written: no file or folder on the way below
    `directory` is a link, no target lies in a guarded folder, and no target is anything but
    a regular file. A folder found to be no link is not asked about again for its next file
    (a site has tens of thousands of files in a few hundred folders)."""

    def __init__(self, directory: Path, guarded: list[Path]) -> None:
        self.directory = os.fspath(directory)
        self.guarded = [os.path.abspath(k) for k in guarded]
        self.checked: set[str] = set()

    def check(self, name: str) -> None:
        target = os.path.join(self.directory, name)
        where = os.path.abspath(target)
        for folder in self.guarded:
            if where == folder or where.startswith(folder.rstrip(os.sep) + os.sep):
                raise Refused(
                    f"webbplatsen skulle skriva {display_path(Path(target))} i "
                    f"{display_path(Path(folder))}/, bland planförrådets indata; ingenting "
                    "har skrivits",
                    hint="Bygg webbplatsen i en egen katalog, t.ex. vp site public.",
                )
        step = self.directory
        for part in Path(name).parts:
            step = os.path.join(step, part)
            if step in self.checked:
                continue
            if os.path.islink(step):
                raise Refused(
                    f"{display_path(Path(step))} är en länk; vp skriver inte genom länkar, så "
                    "ingenting har skrivits",
                    hint="Ta bort länken, eller bygg webbplatsen i en tom katalog.",
                )
            if step != target:
                self.checked.add(step)
        if os.path.exists(target) and not os.path.isfile(target):
            raise Refused(
                f"{display_path(Path(target))} finns redan och är ingen vanlig fil; ingenting "
                "har skrivits"
            )


def _previous(directory: Path) -> set[str]:
    manifest = directory / MANIFEST
    if manifest.is_symlink() or not manifest.is_file():
        return set()
    names = manifest.read_text(encoding="utf-8", errors="replace").splitlines()
    # Only plain relative names are vp's: a hand-edited list cannot reach outside the folder.
    return {n for n in names if n and not Path(n).is_absolute() and ".." not in Path(n).parts}
