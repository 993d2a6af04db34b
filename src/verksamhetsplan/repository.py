"""A plan repository opened for computing: validated plans and their data, per organisation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .attainment import Lookup
from .datacheck import DATA_SUFFIXES, Series, read_series
from .followup import PlanFollowUp, default_year, follow_up, lookup_from
from .load import PlanFile, display_path, find_files
from .problems import CheckResult
from .validate import DEFAULT_DATA, DEFAULT_PLANS, check, organisation

# Above this much data pandas reads faster than the row reader, even counting its import
# (half a second here); below it, importing pandas would be most of `vp status`'s time.
PANDAS_FROM_BYTES = 2 * 1024 * 1024


def load_series(files: list[tuple[Path, str]]) -> Series:
    """Observations per indicator and gender; both readers give the same (tests/test_data.py)."""
    if sum(path.stat().st_size for path, _ in files) < PANDAS_FROM_BYTES:
        return read_series(files)
    from .data import load_series as load_with_pandas

    return load_with_pandas(files)


class NotFound(Exception):
    """A plan, goal or area id that the repository does not have."""


@dataclass
class Repository:
    plans: list[PlanFile]
    data_files: list[Path]
    _lookups: dict[str | None, Lookup] = field(default_factory=dict)

    def lookup_for(self, plan_file: PlanFile) -> Lookup:
        """The data of a plan's organisation (indicators-data/<org>/ for plans/<org>/)."""
        org = organisation(Path(plan_file.file), "plans")
        if org not in self._lookups:
            same = [f for f in self.data_files if organisation(f, "indicators-data") == org]
            chosen = [
                (path, display_path(path)) for path in same or ([] if org else self.data_files)
            ]
            self._lookups[org] = lookup_from(load_series(chosen))
        return self._lookups[org]

    def plan(self, plan_id: str) -> PlanFile:
        for plan_file in self.plans:
            if plan_file.plan.id == plan_id:
                return plan_file
        raise NotFound(plan_id)

    def with_goals(self) -> list[PlanFile]:
        return [p for p in self.plans if p.plan.goals]

    def follow_up(self, plan_file: PlanFile, year: int | None, as_of: dt.date) -> PlanFollowUp:
        chosen = year if year is not None else default_year(plan_file, as_of)
        return follow_up(plan_file, self.plans, chosen, as_of, self.lookup_for(plan_file))


def open_repository(root: Path = Path(".")) -> tuple[Repository | None, CheckResult]:
    """Validate the repository's plans and data; open it only when nothing is in error."""
    plans_dir, data_dir = root / DEFAULT_PLANS, root / DEFAULT_DATA
    paths = [plans_dir] + ([data_dir] if data_dir.is_dir() else [])
    result, plans = check(paths)
    if result.errors:
        return None, result
    data_files = find_files([data_dir], DATA_SUFFIXES) if data_dir.is_dir() else []
    return Repository(plans, data_files), result
