"""A folder of files written for publishing (`vp site`): every name checked before anything
is written, nothing written through a link or into the repository's own inputs, and what an
earlier build wrote but this one does not (a renamed goal's page) taken away.

The folder's previous build is known from its list of files (`MANIFEST`): only files vp
wrote itself are ever removed, so a folder shared with other files keeps them.
"""

from __future__ import annotations

import os
from pathlib import Path

from .files import display_path, write_bytes_atomic
from .problems import Refused

MANIFEST = ".vp-webbplats"
NAME_MAX = 255  # bytes in one file or folder name, on every common file system
PATH_MAX = 4000  # bytes in a whole path, below Linux's 4096


def check_names(files: dict[str, bytes]) -> None:
    """Every name a file system takes, and no name both a file and a folder (a plan whose
    id is index.html)."""
    folders = {str(Path(name).parent) for name in files}
    for name in sorted(files):
        parts = Path(name).parts
        if Path(name).is_absolute() or "\0" in name:
            parts = ("",)  # never a name outside the folder
        for part in parts:
            if part in ("", ".", "..") or len(part.encode("utf-8", "surrogatepass")) > NAME_MAX:
                shown = part if len(part) <= 60 else part[:59] + "…"
                raise Refused(
                    f"webbplatsen skulle få sökvägen {shown!r}, som inget filsystem tar emot "
                    f"(längre än {NAME_MAX} byte eller tom); ingenting har skrivits",
                    hint="Korta id:t i planen (det blir filnamnet).",
                )
        if name in folders or any(name == str(p) for p in Path(name).parents):
            raise Refused(
                f"webbplatsen skulle ha både en fil och en katalog som heter {name!r}; "
                "ingenting har skrivits",
                hint="Ge planen ett id som inte är ett av webbplatsens egna filnamn "
                "(index.html, style.css …).",
            )


def write_folder(directory: Path, files: dict[str, bytes], keep_out: list[Path]) -> list[str]:
    """Write the files (relative names) into `directory`; returns the names of files an
    earlier build wrote that this one removed. Refused before anything is written when a
    name is impossible, a path runs through a link, or it lands in one of `keep_out`."""
    check_names(files)
    targets = {name: directory / name for name in files}
    if any(len(os.fsencode(os.path.abspath(t))) > PATH_MAX for t in targets.values()):
        raise Refused(
            f"webbplatsens sökvägar blir för långa i {display_path(directory)}; ingenting har "
            "skrivits",
            hint="Bygg i en katalog närmare roten, eller korta id:n i planen.",
        )
    guarded = [Path(os.path.abspath(k)) for k in keep_out]
    for name, target in targets.items():
        _check_target(directory, name, target, guarded)
    old = _previous(directory)
    _check_target(directory, MANIFEST, directory / MANIFEST, guarded)
    for name, target in targets.items():
        write_bytes_atomic(target, files[name])
    removed = []
    for name in sorted(old - set(files)):
        stale = directory / name
        try:
            _check_target(directory, name, stale, guarded)
        except Refused:
            continue  # not vp's to remove any more
        if stale.is_file():
            stale.unlink()
            removed.append(name)
    write_bytes_atomic(directory / MANIFEST, "".join(f"{n}\n" for n in sorted(files)).encode())
    return removed


def _check_target(directory: Path, name: str, target: Path, guarded: list[Path]) -> None:
    """The target and every folder on the way to it below `directory` are no links, and the
    target lies in none of the guarded folders."""
    where = Path(os.path.abspath(target))
    for folder in guarded:
        if where == folder or where.is_relative_to(folder):
            raise Refused(
                f"webbplatsen skulle skriva {display_path(target)} i {display_path(folder)}/, "
                "bland planförrådets indata; ingenting har skrivits",
                hint="Bygg webbplatsen i en egen katalog, t.ex. vp site public.",
            )
    step = directory
    for part in Path(name).parts:
        step = step / part
        if step.is_symlink():
            raise Refused(
                f"{display_path(step)} är en länk; vp skriver inte genom länkar, så "
                "ingenting har skrivits",
                hint="Ta bort länken, eller bygg webbplatsen i en tom katalog.",
            )
    if target.exists() and not target.is_file():
        raise Refused(
            f"{display_path(target)} finns redan och är ingen vanlig fil; ingenting har skrivits"
        )


def _previous(directory: Path) -> set[str]:
    manifest = directory / MANIFEST
    if manifest.is_symlink() or not manifest.is_file():
        return set()
    names = manifest.read_text(encoding="utf-8", errors="replace").splitlines()
    # Only plain relative names are vp's: a hand-edited list cannot reach outside the folder.
    return {n for n in names if n and not Path(n).is_absolute() and ".." not in Path(n).parts}
