"""An indicator value with where it came from: what data readers give the engine."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple


class Observation(NamedTuple):
    """One value of an indicator, with where it came from.

    A NamedTuple rather than a dataclass: national data makes hundreds of thousands.
    """

    period: str
    value: float | None
    missing: str | None = None  # why the value is missing (Kolada's markers)
    file: str = ""
    line: int = 0


Lookup = Callable[[str, str], Sequence[Observation]]  # (indicator id, gender) -> values
