"""Run work over a list in two processes when the list is long: status at national scale."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items a second process costs more than it saves.
PARALLEL_FROM = 32


def map_in_halves(
    items: Sequence[Item], work: Callable[[Sequence[Item]], list[Result]]
) -> list[Result]:
    """work(items), with the second half done in a forked child; the order is kept.

    Evaluating goals is pure Python, so threads would not help; a forked child inherits
    the loaded plans and data without copying them and sends back only the results.
    """
    if len(items) < PARALLEL_FROM or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return work(items)
    half = len(items) // 2
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # the child: never returns, never runs the parent's exit handlers
        os.close(read_end)
        try:
            payload = pickle.dumps(("ok", work(items[half:])))
        except BaseException as error:  # reported by the parent as its own failure
            payload = pickle.dumps(("error", f"{type(error).__name__}: {error}"))
        with os.fdopen(write_end, "wb") as out:
            out.write(payload)
        os._exit(0)
    os.close(write_end)
    try:
        first = work(items[:half])
    finally:
        with os.fdopen(read_end, "rb") as received:
            data = received.read()
        os.waitpid(child, 0)
    kind, second = pickle.loads(data) if data else ("error", "the child process died")
    if kind != "ok":
        raise RuntimeError(f"parallel work failed: {second}")
    return first + list(second)
