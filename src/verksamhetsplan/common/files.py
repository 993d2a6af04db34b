"""Files as every layer needs them: found, shown as a path, read, and written atomically
(a command that is interrupted never leaves half a file)."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .problems import Refused


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename it into place.

    A symbolic link is followed: the file it points at is replaced, and the link stays a
    link. The new file keeps the old one's mode and owner; the folder is synced after the
    rename, so the new name survives a power cut. The temporary file never outlives a
    failure that Python sees.
    """
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    temporary = _beside(target, data)
    try:
        os.replace(temporary, target)
        sync_folder(target.parent)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _beside(target: Path, data: bytes) -> Path:
    """The data in a synced temporary file beside the target, with the target's mode and
    owner (or the usual ones for a new file)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.stat() if target.exists() else None
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private; keep the old file's mode, or the usual one for a new file.
        if old is None:
            os.chmod(temporary, 0o666 & ~_umask())
        else:
            take_mode(temporary, old)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def take_mode(path: str | Path, old: os.stat_result) -> None:
    """The file that is to replace another gets its mode, and its owner where vp may give it
    (only root may give a file away; others keep their own ownership)."""
    os.chmod(path, old.st_mode & 0o7777)
    if (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
        with contextlib.suppress(PermissionError):
            os.chown(path, old.st_uid, old.st_gid)


class ChangedMeanwhile(Exception):
    """A file that another program wrote after vp read it: nothing of vp's was kept."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def replace_all_if_unchanged(files: list[tuple[Path, bytes | None, bytes]]) -> None:
    """Put new content in place of each (path, content it had when read, new content), or
    none of them: raises ChangedMeanwhile when any file was written by someone else since.

    There is no moment between checking and replacing in which another program's write can
    be lost: each new file is swapped in with one atomic exchange (renameat2 on Linux),
    after which what was swapped out is compared with what vp read. If any differs, every
    swap is undone, and the other program's content is where it was. A new file is linked
    into place only if no file of that name has appeared. Where the exchange is not
    available, the check is made just before each rename.
    """
    done: list[tuple[Path, Path | None]] = []  # (target, what was swapped out, or None: new)
    try:
        for path, before, after in files:
            target = Path(os.path.realpath(path)) if path.is_symlink() else path
            temporary = _beside(target, after)
            if before is None:
                try:
                    os.link(temporary, target)  # fails if the name was taken meanwhile
                except FileExistsError:
                    temporary.unlink()
                    raise ChangedMeanwhile(path) from None
                temporary.unlink()
                done.append((target, None))
            elif _exchange(temporary, target):
                done.append((target, temporary))
                if temporary.read_bytes() != before:
                    raise ChangedMeanwhile(path)
            else:  # no atomic exchange here: the narrowest window there is
                if not target.exists() or target.read_bytes() != before:
                    temporary.unlink()
                    raise ChangedMeanwhile(path)
                os.replace(temporary, target)
    except BaseException:
        for target, swapped in reversed(done):
            if swapped is None:
                target.unlink(missing_ok=True)
            else:
                _exchange(swapped, target)
                swapped.unlink(missing_ok=True)
        raise
    for _, swapped in done:
        if swapped is not None:
            swapped.unlink(missing_ok=True)
    for folder in {Path(os.path.realpath(path)).parent for path, _, _ in files}:
        sync_folder(folder)  # the new names survive a power cut


_RENAME_EXCHANGE = 2


def _exchange(one: Path, other: Path) -> bool:
    """Swap two names in one step (Linux's renameat2 with RENAME_EXCHANGE); False where the
    system or file system cannot."""
    libc = _libc()
    renameat2 = getattr(libc, "renameat2", None) if libc is not None else None
    if renameat2 is None:
        return False
    at_cwd = -100
    result = renameat2(at_cwd, os.fsencode(one), at_cwd, os.fsencode(other), _RENAME_EXCHANGE)
    return bool(result == 0)


@functools.cache
def _libc() -> Any:
    if sys.platform != "linux":
        return None
    import ctypes
    import ctypes.util

    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None


def sync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        # Some file systems cannot sync a folder; the rename itself is done.
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_text_atomic(path: Path, text: str, encoding: str = "utf-8") -> None:
    write_bytes_atomic(path, text.encode(encoding))


class MissingPath(Exception):
    """A path named by the user does not exist: a usage error, not a plan error."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def display_path(path: Path) -> str:
    """The path as a person and a CI annotation want it: relative to here when inside."""
    try:
        return Path(os.path.relpath(path)).as_posix() if path.is_absolute() else path.as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def find_files(paths: list[Path], suffixes: tuple[str, ...]) -> list[Path]:
    """Files with one of the suffixes, named directly or found below the named directories,
    in a stable order. Hidden folders (.git) are skipped."""
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise MissingPath(path)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix in suffixes
                    and p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.suffix in suffixes:
            found.append(path)
    return list(dict.fromkeys(found))


def file_state(path: str | Path) -> tuple[int, int, int] | None:
    """What tells a file's versions apart for a cache: inode, modification time and size
    (every write renames a new file into place, so the inode changes even within a clock
    tick); None when there is no file."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_ino, info.st_mtime_ns, info.st_size


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise Refused(f"kan inte läsa {display_path(path)} ({error.strerror})") from None


@contextlib.contextmanager
def repository_lock(root: Path, wait: float = 30.0) -> Iterator[None]:
    """Hold the repository for one editing command, from reading its files to renaming the
    new ones into place, so that two commands at once never lose each other's change.

    On POSIX the lock is an flock on the repository folder itself (no lock file is left
    behind); elsewhere a lock file beside the plans is created exclusively.
    """
    deadline = time.monotonic() + wait
    try:
        import fcntl
    except ImportError:  # not POSIX
        fcntl = None  # type: ignore[assignment]
    if fcntl is not None:
        descriptor = os.open(root, os.O_RDONLY)
        try:
            while True:
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise Refused(_BUSY, hint="Försök igen om en stund.") from None
                    time.sleep(0.02)
            yield
        finally:
            os.close(descriptor)  # closing the folder releases the lock
        return
    lock = root / ".vp.lock"
    while True:
        try:
            os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            break
        except FileExistsError:
            if time.monotonic() > deadline:
                raise Refused(_BUSY, hint=f"Finns inget vp som arbetar: ta bort {lock}.") from None
            time.sleep(0.02)
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)


_BUSY = "ett annat vp-kommando ändrar förrådet just nu; ingenting har ändrats"
