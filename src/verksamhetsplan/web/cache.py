"""The repository and each person's work, computed once per state of the files.

Fifty people opening forms between two saves need the same repository and, mostly, the same
lists; computing them again for each request is what made a busy server slow. A state of the
files is `common.files.file_state` of every file vp reads; an edit made outside the server
changes at least a file's time. The cache is also emptied after every save the server
makes."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..common.files import file_state

# what the people report into, and what the server reads besides (the secretary's records)
SOURCES = ("plans", "indicators-data", "economy-data", "analyses", "internal-control")
WATCHED = (*SOURCES, "approvals")
KEPT = 64  # states × people × periods; a few megabytes at most


def state(root: Path) -> tuple[tuple[str, tuple[int, int, int] | None], ...]:
    """Every file vp reads, with its `file_state` (None: gone since it was listed)."""
    found = [
        (full, file_state(full))
        for folder in WATCHED
        for path, _, names in os.walk(root / folder)
        for full in (os.path.join(path, name) for name in names)
    ]
    return tuple(sorted(found, key=lambda entry: entry[0]))


class Cache:
    def __init__(self) -> None:
        self.kept: OrderedDict[Any, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Any, make: Callable[[], Any]) -> Any:
        with self.lock:
            if key in self.kept:
                self.kept.move_to_end(key)
                return self.kept[key]
        value = make()  # outside the lock: two requests may both make it, never wait on it
        with self.lock:
            self.kept[key] = value
            while len(self.kept) > KEPT:
                self.kept.popitem(last=False)
        return value

    def clear(self) -> None:
        with self.lock:
            self.kept.clear()
