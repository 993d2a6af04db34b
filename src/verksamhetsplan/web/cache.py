"""The repository and each person's work, computed once per state of the files.

Fifty people opening forms between two saves need the same repository and, mostly, the same
lists; computing them again for each request is what made a busy server slow. A state of the
files is the (inode, modification time, size) of every file vp reads: every save replaces a
file by renaming a new one into place, so its inode changes even within one clock tick, and
an edit made outside the server changes at least its time. The cache is also emptied after
every save the server makes."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

WATCHED = ("plans", "indicators-data", "economy-data", "analyses", "internal-control", "approvals")
KEPT = 64  # states × people × periods; a few megabytes at most


def state(root: Path) -> tuple[tuple[str, int, int, int], ...]:
    found = []
    for folder in WATCHED:
        for path, _, names in os.walk(root / folder):
            for name in names:
                full = os.path.join(path, name)
                try:
                    info = os.stat(full)
                except OSError:
                    continue  # gone between the listing and now: the next state has it
                found.append((full, info.st_ino, info.st_mtime_ns, info.st_size))
    return tuple(sorted(found))


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
