"""The third judgement: the municipality's value beside all municipalities' and a
comparison group's, from Kolada. Direction-aware (Kolada itself warns that its red can mean
good): rank 1 is the best value, whichever way is better. Never part of a verdict."""

from __future__ import annotations

import csv
import math
import statistics
from dataclasses import dataclass
from pathlib import Path

from ..plan.vocabulary import Better

COMPARISONS = Path("comparisons")


@dataclass(frozen=True)
class Comparison:
    kpi: str
    year: int
    value: float  # the municipality's own
    rank: int  # 1 = best among all municipalities with a value
    count: int
    quartile: int  # 1 = the best quarter
    group_median: float | None
    group_size: int


@dataclass
class KoladaComparisons:
    """All municipalities' values per (KPI, year), and the comparison groups' members."""

    values: dict[tuple[str, int], dict[str, float]]
    groups: dict[str, set[str]]

    def compare(
        self, kpi: str, year: int, own: str, better: Better, compare_with: list[str]
    ) -> Comparison | None:
        everyone = self.values.get((kpi, year), {})
        if own not in everyone or better is Better.NONE:
            return None
        value = everyone[own]
        higher = better is Better.HIGHER
        ahead = sum(1 for v in everyone.values() if (v > value if higher else v < value))
        rank = ahead + 1
        count = len(everyone)
        members: set[str] = set()
        for entry in compare_with:
            members |= self.groups.get(entry, set()) if entry.startswith("G") else {entry}
        group = [everyone[m] for m in sorted(members - {own}) if m in everyone]
        return Comparison(
            kpi,
            year,
            value,
            rank,
            count,
            min(4, math.ceil(rank / count * 4)),
            statistics.median(group) if group else None,
            len(group),
        )


def comparison_path(root: Path, org: str | None) -> Path:
    return root / COMPARISONS / (org or "") / "kolada.csv"


def groups_path(root: Path, org: str | None) -> Path:
    return root / COMPARISONS / (org or "") / "groups.csv"


def load_comparisons(root: Path, org: str | None) -> KoladaComparisons | None:
    """What vp data fetch --compare wrote for the organisation, if anything."""
    path = comparison_path(root, org)
    if not path.is_file():
        return None
    values: dict[tuple[str, int], dict[str, float]] = {}
    with path.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            if row.get("gender", "T") != "T" or not row.get("value"):
                continue
            try:
                key = (row["kpi"], int(row["period"]))
                values.setdefault(key, {})[row["kommun"]] = float(row["value"])
            except (KeyError, ValueError):
                continue  # a hand-edited line vp did not write: left out of the comparison
    groups: dict[str, set[str]] = {}
    if groups_path(root, org).is_file():
        with groups_path(root, org).open(encoding="utf-8", newline="") as stream:
            for row in csv.DictReader(stream):
                groups.setdefault(row.get("group", ""), set()).add(row.get("kommun", ""))
    return KoladaComparisons(values, groups)
