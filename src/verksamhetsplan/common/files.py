"""Files as every layer needs them: found, shown as a path, read, and written atomically
(a command that is interrupted never leaves half a file)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .problems import Refused


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private; keep the old file's mode, or the usual one for a new file.
        os.chmod(temporary, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise Refused(f"kan inte läsa {display_path(path)} ({error.strerror})") from None
