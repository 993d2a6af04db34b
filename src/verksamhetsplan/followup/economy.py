"""The economy follow-up: per unit (and rolled up to the nämnd) the budget for the period,
the utfall, the avvikelse, the budget for the year, the latest prognos for the year and its
avvikelse; month by month for the chart; and the series a financial goal is judged by.

Every amount is tkr with a cost positive (data/economy.py turns the files' sign), so an
avvikelse is budget − utfall and positive means better than budget, as Swedish reports
print it. A report of a period knows the utfall of the months ended by the period's end and
the prognoses made by then; budgets are known from the start.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..data.economy import EconomyRow, Units, read_economy, units_of
from ..data.layout import organisation
from ..data.observation import Observation
from ..data.periods import period_end, period_order, period_start, periods_of_year
from ..plan.economy_model import BudgetProfile, EconomyUnit, Figure, Kind
from ..plan.load import PlanFile
from ..plan.vocabulary import Frequency
from .forecast import PROGNOS_SERIES

MONTHS = 12


@dataclass(frozen=True)
class Amount:
    """An amount with the rows it was summed from (the explanation) and a note."""

    value: float | None
    rows: tuple[EconomyRow, ...] = ()
    note: str | None = None


@dataclass
class UnitFollowUp:
    unit: EconomyUnit
    depth: int
    budget_period: Amount
    outcome_period: Amount
    budget_year: Amount
    forecast_year: Amount  # the latest prognos; once the year has ended, its utfall
    outcome_through: dt.date | None  # the last month the utfall covers without a gap
    budget_months: list[float] = field(default_factory=list)  # 12 monthly budgets
    outcome_months: list[float | None] = field(default_factory=list)  # known by the end

    @property
    def deviation_period(self) -> float | None:
        return _minus(self.budget_period.value, self.outcome_period.value)

    @property
    def deviation_year(self) -> float | None:
        return _minus(self.budget_year.value, self.forecast_year.value)


@dataclass
class EconomyFollowUp:
    plan_file: PlanFile
    year: int
    period: str | None
    end: dt.date  # what is known: the period's end, or the as-of date if earlier
    units: list[UnitFollowUp]

    @property
    def year_ended(self) -> bool:
        return self.end >= dt.date(self.year, 12, 31)


def _minus(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


def economy_rows(root: Path, plan_files: Sequence[PlanFile]) -> dict[str | None, list[EconomyRow]]:
    """Every organisation's economy rows (the files are valid: the repository checked them)."""
    from ..common.files import display_path, find_files

    tables = units_of(plan_files)
    folder = root / "economy-data"
    found: dict[str | None, list[EconomyRow]] = {}
    for path in find_files([folder], (".csv",)) if folder.is_dir() else []:
        org = organisation(path, "economy-data")
        rows, _ = read_economy(path, display_path(path), tables.get(org))
        found.setdefault(org, []).extend(rows)
    return found


class Ledger:
    """One organisation's rows, by unit, with each unit's descendants."""

    def __init__(self, rows: list[EconomyRow], units: Units) -> None:
        self.units = units
        self.by_unit: dict[str, list[EconomyRow]] = {}
        for row in rows:
            self.by_unit.setdefault(row.unit, []).append(row)

    def below(self, unit: str) -> list[str]:
        """The unit and every unit under it."""
        found = [unit]
        for child in (u.id for u in self.units.units.values() if u.parent == unit):
            found += self.below(child)
        return found

    def rows(self, unit: str, year: int, kind: Kind) -> list[EconomyRow]:
        return [
            r
            for u in self.below(unit)
            for r in self.by_unit.get(u, [])
            if r.kind is kind and r.period[:4] == str(year)
        ]

    def budget_months(self, unit: str, year: int) -> tuple[list[float], str | None]:
        """Twelve monthly budgets: months as given, a tertial evenly, a year by the profile."""
        months = [0.0] * MONTHS
        note = None
        for u in self.below(unit):
            own = [
                r
                for r in self.by_unit.get(u, [])
                if r.kind is Kind.BUDGET and r.period[:4] == str(year)
            ]
            for row in own:
                if len(row.period) == 7 and row.period[5] != "T":
                    months[int(row.period[5:]) - 1] += row.amount
                elif len(row.period) == 7:
                    first = (int(row.period[6]) - 1) * 4
                    for m in range(first, first + 4):
                        months[m] += row.amount / 4
                else:
                    profile = self.units.profile.get(u, BudgetProfile.EVEN)
                    shares, said = self._profile(u, year, profile)
                    note = note or said
                    for m in range(MONTHS):
                        months[m] += row.amount * shares[m]
        return months, note

    def _profile(
        self, unit: str, year: int, profile: BudgetProfile
    ) -> tuple[list[float], str | None]:
        even = [1 / MONTHS] * MONTHS
        if profile is BudgetProfile.EVEN:
            return even, None
        last = {
            r.period: r.amount
            for r in self.by_unit.get(unit, [])
            if r.kind is Kind.OUTCOME and r.period[:4] == str(year - 1)
        }
        values = [last.get(f"{year - 1}-{m:02d}") for m in range(1, MONTHS + 1)]
        total = sum(v for v in values if v is not None)
        if any(v is None for v in values) or total == 0:
            return (
                even,
                "årsbudgeten fördelas lika på månaderna: förra årets utfall per månad saknas "
                f"för {unit}",
            )
        return [v / total for v in values if v is not None], None

    def outcome(
        self, unit: str, year: int, end: dt.date
    ) -> tuple[Amount, dt.date | None, list[float | None]]:
        """Utfall of the periods ended by `end`; the last month covered without a gap; and
        the known utfall month by month (a tertial's or year's row at its last month)."""
        rows = [r for r in self.rows(unit, year, Kind.OUTCOME) if period_end(r.period) <= end]
        months: list[float | None] = [None] * MONTHS
        for row in rows:
            last = period_end(row.period).month - 1
            months[last] = (months[last] or 0.0) + row.amount
        covered = self._covered(unit, year, end)
        total = sum(r.amount for r in rows) if rows else None
        return Amount(total, tuple(rows)), covered, months

    def _covered(self, unit: str, year: int, end: dt.date) -> dt.date | None:
        """The last day every unit below (with utfall of its own) has utfall for, period
        after period from 1 January without a gap; None when there is none."""
        found: list[dt.date | None] = []
        for u in self.below(unit):
            own = [
                r
                for r in self.by_unit.get(u, [])
                if r.kind is Kind.OUTCOME and r.period[:4] == str(year)
            ]
            budgeted = any(
                r.kind is Kind.BUDGET and r.period[:4] == str(year) for r in self.by_unit.get(u, [])
            )
            if not own and not budgeted:
                continue  # a grouping unit without rows of its own
            day, reached = dt.date(year, 1, 1), None
            for e in sorted(period_end(r.period) for r in own if period_end(r.period) <= end):
                if e < day:
                    continue
                if day not in {period_start(r.period) for r in own if period_end(r.period) == e}:
                    break
                reached, day = e, e + dt.timedelta(days=1)
            found.append(reached)
        if not found or None in found:
            return None
        return min(d for d in found if d is not None)

    def forecast(self, unit: str, year: int, end: dt.date) -> Amount:
        """The full-year prognos made last by `end`, summed over the units below (each
        unit's latest one)."""
        total, used = 0.0, []
        for u in self.below(unit):
            made = [
                r
                for r in self.by_unit.get(u, [])
                if r.kind is Kind.FORECAST
                and r.period[:4] == str(year)
                and period_end(r.period) <= end
            ]
            if made:
                latest = max(made, key=lambda r: (period_order(r.period), r.line))
                total += latest.amount
                used.append(latest)
        if not used:
            return Amount(
                None, (), f"ingen prognos för {year} gjord till och med {end.isoformat()}"
            )
        return Amount(total, tuple(used))

    def forecasts_over_year(self, unit: str, year: int) -> list[tuple[str, Amount]]:
        """Each period a prognos was made in, with the unit's full-year prognos then."""
        periods = sorted({r.period for r in self.rows(unit, year, Kind.FORECAST)}, key=period_order)
        return [(p, self.forecast(unit, year, period_end(p))) for p in periods]


def follow_up(
    plan_file: PlanFile, ledger: Ledger, year: int, period: str | None, as_of: dt.date
) -> EconomyFollowUp:
    economy = plan_file.plan.economy
    assert economy is not None
    end = min(as_of, period_end(period)) if period else min(as_of, dt.date(year, 12, 31))
    units = []
    for unit, depth in _tree(economy.units):
        months, note = ledger.budget_months(unit.id, year)
        budget_rows = tuple(ledger.rows(unit.id, year, Kind.BUDGET))
        ended = sum(b for m, b in enumerate(months, 1) if period_end(f"{year}-{m:02d}") <= end)
        outcome, covered, outcome_months = ledger.outcome(unit.id, year, end)
        year_ended = end >= dt.date(year, 12, 31)
        forecast = outcome if year_ended else ledger.forecast(unit.id, year, end)
        has_budget = bool(budget_rows)
        units.append(
            UnitFollowUp(
                unit,
                depth,
                Amount(ended if has_budget else None, budget_rows, note),
                outcome,
                Amount(sum(months) if has_budget else None, budget_rows, note),
                forecast,
                covered,
                months,
                outcome_months,
            )
        )
    return EconomyFollowUp(plan_file, year, period, end, units)


def _tree(units: list[EconomyUnit]) -> list[tuple[EconomyUnit, int]]:
    ids = {u.id for u in units}
    found: list[tuple[EconomyUnit, int]] = []

    def walk(parent: str | None, depth: int) -> None:
        for unit in units:
            top = unit.parent is None or unit.parent not in ids
            if (parent is None and top) or (parent is not None and unit.parent == parent):
                found.append((unit, depth))
                walk(unit.id, depth + 1)

    walk(None, 0)
    return found


def indicator_series(
    ledger: Ledger, plan_file: PlanFile, years: set[int] | None
) -> dict[str, list[Observation]]:
    """The values of the plan's indicators computed from the economy, and their prognoses
    (under id + PROGNOS_SERIES), as the engine reads data."""
    found: dict[str, list[Observation]] = {}
    every = sorted({int(r.period[:4]) for rows in ledger.by_unit.values() for r in rows})
    chosen = [y for y in every if years is None or y in years]
    for indicator in plan_file.plan.indicators:
        source = indicator.economy
        if source is None:
            continue
        values: list[Observation] = []
        prognoses: list[Observation] = []
        for year in chosen:
            if source.figure is Figure.RATIO:
                assert source.numerator and source.denominator
                values += _ratio_year(ledger, source.numerator, source.denominator, year)
                prognoses += _ratio_prognoses(ledger, source.numerator, source.denominator, year)
                continue
            assert source.unit is not None
            budget, _ = ledger.budget_months(source.unit, year)
            if source.figure is Figure.DEVIATION and not ledger.rows(
                source.unit, year, Kind.BUDGET
            ):
                continue  # no budget, no avvikelse (last year's utfall only spreads a budget)
            _, through, months = ledger.outcome(source.unit, year, dt.date(year, 12, 31))
            rows = ledger.rows(source.unit, year, Kind.OUTCOME)
            for m, period in enumerate(periods_of_year(year, Frequency.MONTH)):
                spent = months[m]
                if spent is None or through is None or period_end(period) > through:
                    continue  # a month is known when every unit below has its utfall
                where = next((r for r in rows if r.period == period), None)
                value = budget[m] - spent if source.figure is Figure.DEVIATION else spent
                values.append(
                    Observation(
                        period, value, None, where.file if where else "", where.line if where else 0
                    )
                )
            for made, amount in ledger.forecasts_over_year(source.unit, year):
                if amount.value is None:
                    continue
                value = (
                    sum(budget) - amount.value
                    if source.figure is Figure.DEVIATION
                    else amount.value
                )
                first = amount.rows[0]
                prognoses.append(Observation(made, value, None, first.file, first.line))
        found[indicator.id] = values
        found[indicator.id + PROGNOS_SERIES] = prognoses
    return found


def _ratio_year(ledger: Ledger, numerator: str, denominator: str, year: int) -> list[Observation]:
    end = dt.date(year, 12, 31)
    top, covered_top, _ = ledger.outcome(numerator, year, end)
    bottom, covered_bottom, _ = ledger.outcome(denominator, year, end)
    if covered_top != end or covered_bottom != end or not top.rows or not bottom.value:
        return []
    assert top.value is not None
    first = top.rows[0]
    return [Observation(str(year), 100 * top.value / bottom.value, None, first.file, first.line)]


def _ratio_prognoses(
    ledger: Ledger, numerator: str, denominator: str, year: int
) -> list[Observation]:
    found = []
    made = sorted(
        {r.period for u in (numerator, denominator) for r in ledger.rows(u, year, Kind.FORECAST)},
        key=period_order,
    )
    for period in made:
        top = ledger.forecast(numerator, year, period_end(period))
        bottom = ledger.forecast(denominator, year, period_end(period))
        if top.value is not None and bottom.value:
            first = top.rows[0]
            found.append(
                Observation(period, 100 * top.value / bottom.value, None, first.file, first.line)
            )
    return found
