"""A change to files as the unified diff a person or `git apply` reads (`--dry-run`)."""

from __future__ import annotations

import difflib


def _lines(raw: bytes | None) -> list[str]:
    return [] if raw is None else raw.decode("utf-8-sig").splitlines(keepends=True)


def unified_diff(changes: list[tuple[str, bytes | None, bytes]]) -> str:
    """`--- a/file`/`+++ b/file` hunks for every file that changes; new files from /dev/null."""
    parts = []
    for name, before, after in changes:
        if before == after:
            continue
        lines = difflib.unified_diff(
            _lines(before),
            _lines(after),
            "/dev/null" if before is None else f"a/{name}",
            f"b/{name}",
        )
        for line in lines:
            parts.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(parts)
