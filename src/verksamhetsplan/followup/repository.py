"""A plan repository opened for computing: validated plans and their data, per organisation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..common.files import display_path
from ..common.problems import CheckResult
from ..data.economy import ECONOMY
from ..data.layout import DEFAULT_DATA, DEFAULT_PLANS, organisation
from ..data.observation import Lookup, Observation
from ..data.rows import Series, read_series
from ..data.validate import check
from ..plan.checks import Index
from ..plan.load import PlanFile

if TYPE_CHECKING:
    from .rollup import PlanFollowUp


class NotFound(Exception):
    """A plan, goal or area id that the repository does not have."""


@dataclass
class Repository:
    root: Path  # the repository's folder; every path below is found from it
    plans: list[PlanFile]
    index: Index  # every id across the plans, for resolving references
    data_files: list[Path]
    tables: dict[str | None, Any] | None = None  # data.arrow.Table per organisation (large data)
    _series: dict[str | None, Series] = field(default_factory=dict)
    _economy: dict[str | None, Any] | None = None  # economy rows per organisation, once read
    _compared: dict[str | None, Any] = field(default_factory=dict)
    # For a report or the site: values under an indicator's small-cell limit are withheld
    # (kept as missing, with the reason) and listed in `withheld`.
    published: bool = False
    withheld: set[tuple[str, str, str]] = field(default_factory=set)

    def ledger(self, plan_file: PlanFile) -> Any:
        """The economy of the plan's organisation (followup.economy.Ledger), or None."""
        from ..data.economy import units_of
        from .economy import Ledger, economy_rows

        if self._economy is None:
            self._economy = economy_rows(self.root, self.plans)
        org = organisation(Path(plan_file.file), "plans")
        units = units_of(self.plans).get(org)
        return None if units is None else Ledger(self._economy.get(org, []), units)

    def lookup_for(self, plan_file: PlanFile, years: set[int] | None) -> Lookup:
        """The data of a plan's organisation (indicators-data/<org>/ for plans/<org>/), and
        the indicators it computes from its economy (economy-data/<org>/)."""
        found = self._lookup_for(plan_file, years)
        if any(i.economy is not None for i in plan_file.plan.indicators):
            found = self._with_economy(found, plan_file, years)
        limits = {i.id: i.small_cell_limit for i in plan_file.plan.indicators if i.small_cell_limit}
        if not self.published or not limits:
            return found
        return _withholding(found, limits, self.withheld)

    def _with_economy(self, data: Lookup, plan_file: PlanFile, years: set[int] | None) -> Lookup:
        from .economy import indicator_series

        ledger = self.ledger(plan_file)
        series = {} if ledger is None else indicator_series(ledger, plan_file, years)

        def lookup(indicator: str, gender: str) -> Sequence[Observation]:
            if indicator in series:
                return series[indicator] if gender == "T" else ()
            return data(indicator, gender)

        return lookup

    def _lookup_for(self, plan_file: PlanFile, years: set[int] | None) -> Lookup:
        org = organisation(Path(plan_file.file), "plans")
        if self.tables is not None:
            table = self.tables.get(org) or (None if org else self.tables.get(None))
            if table is not None:
                lookup: Lookup = table.lookup(years)
                return lookup
            from .rollup import lookup_from

            return lookup_from({})
        if org not in self._series:
            same = [f for f in self.data_files if organisation(f, "indicators-data") == org]
            chosen = same or ([] if org else self.data_files)
            self._series[org] = read_series([(path, display_path(path)) for path in chosen])
        from .rollup import lookup_from

        return lookup_from(self._series[org])

    def plan(self, plan_id: str) -> PlanFile:
        for plan_file in self.plans:
            if plan_file.plan.id == plan_id:
                return plan_file
        raise NotFound(plan_id)

    def with_goals(self) -> list[PlanFile]:
        return [p for p in self.plans if p.plan.goals]

    def follow_ups_of_year(
        self, year: int, as_of: dt.date, period: str | None = None, as_of_given: bool = False
    ) -> list[PlanFollowUp]:
        """Every plan with goals for the year, followed up: what a council plan rolls up."""
        return [
            self.follow_up(p, year, as_of, period, as_of_given)
            for p in self.with_goals()
            if year in p.plan.period.years
        ]

    def follow_up(
        self,
        plan_file: PlanFile,
        year: int | None,
        as_of: dt.date,
        period: str | None = None,
        as_of_given: bool = False,
    ) -> PlanFollowUp:
        """The plan's follow-up for a year, or for a period inside one (which sets the year)."""
        if period is not None:
            year = int(period[:4])
        # Imported here: the editing commands open a repository but compute nothing.
        from .rollup import default_year, follow_up

        chosen = year if year is not None else default_year(plan_file, as_of)
        lookup = self.lookup_for(plan_file, years_needed(plan_file, chosen))
        result = follow_up(plan_file, self.index, chosen, as_of, lookup, period)
        return replace(
            result, as_of_given=as_of_given, comparisons=self._comparisons(plan_file, result)
        )

    def _comparisons(self, plan_file: PlanFile, result: PlanFollowUp) -> dict[str, Any]:
        """Kolada's comparison of every indicator with a Kolada KPI for the year, when vp
        data fetch --compare has fetched it; beside the verdicts, never in them."""
        from .comparison import load_comparisons

        plan = plan_file.plan
        if plan.kolada_id is None:
            return {}
        org = organisation(Path(plan_file.file), "plans")
        if org not in self._compared:
            self._compared[org] = load_comparisons(self.root, org)
        loaded = self._compared[org]
        if loaded is None:
            return {}
        found: dict[str, Any] = {}
        for indicator in plan.indicators:
            if indicator.source is None or not indicator.source.kolada:
                continue
            compared = loaded.compare(
                indicator.source.kolada,
                result.year,
                plan.kolada_id,
                indicator.better,
                plan.follow_up.compare_with,
            )
            if compared is not None:
                found[indicator.id] = compared
        return found


def _withholding(lookup: Lookup, limits: dict[str, int], withheld: set[Any]) -> Lookup:
    """The lookup with every value over 0 and under its indicator's limit made missing."""

    def wrapped(indicator: str, gender: str) -> Sequence[Observation]:
        found = lookup(indicator, gender)
        limit = limits.get(indicator)
        if limit is None:
            return found
        kept = []
        for o in found:
            if o.value is not None and 0 < o.value < limit:
                withheld.add((indicator, o.period, gender))
                o = o._replace(value=None, missing=f"färre än {limit}, visas inte")
            kept.append(o)
        return kept

    return wrapped


def years_needed(plan_file: PlanFile, year: int) -> set[int]:
    """The years whose values a follow-up of `year` reads: it, the one before, baselines."""
    years = {year, year - 1}
    for goal in plan_file.plan.goals:
        for part in goal.parts():
            if part.baseline is not None and part.baseline.period is not None:
                years.add(int(part.baseline.period[:4]))
    return years


def open_repository(root: Path) -> tuple[Repository | None, CheckResult]:
    """Validate the repository's plans and data; open it only when nothing is in error."""
    plans_dir, data_dir, economy_dir = root / DEFAULT_PLANS, root / DEFAULT_DATA, root / ECONOMY
    paths = [plans_dir] + [d for d in (data_dir, economy_dir) if d.is_dir()]
    checked = check(paths, root)
    if checked.result.errors:
        return None, checked.result
    repository = Repository(root, checked.plans, checked.index, checked.data_files, checked.tables)
    return repository, checked.result
