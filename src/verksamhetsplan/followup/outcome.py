"""An indicator's value for a year, combined from its period values as known on a date,
and the mean of such values over several years."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..data.observation import Observation
from ..data.periods import period_end, periods_of_year
from ..plan.model import Indicator
from ..plan.vocabulary import Combine, ForecastMethod, Frequency
from .forecast import combined, declared, forecast
from .thresholds import exact


@dataclass(frozen=True)
class Outcome:
    """An indicator's value for a year, combined from its period values."""

    year: int
    value: float | None
    combine: Combine
    used: tuple[Observation, ...] = ()
    missing_periods: tuple[str, ...] = ()  # ended periods without a value
    running: bool = False  # the year has not ended at the as-of date
    forecast: float | None = None  # year-end forecast for a running year
    reason: str | None = None  # why there is no value
    so_far: float | None = None  # a running year's values so far, combined: not an outcome
    method: ForecastMethod | None = None  # how the forecast was made
    method_note: str | None = None  # why another method than the declared one was used
    preliminary: bool = False  # a yearly value given before its year has ended
    mean_of: tuple[Outcome, ...] = ()  # the yearly outcomes this is the mean of ("i snitt")

    @property
    def current(self) -> float | None:
        """The measured value: the year's outcome, or in a running year the outcome so far
        (never the forecast)."""
        return self.so_far if self.running else self.value


def year_outcome(
    observations: Sequence[Observation],
    indicator: Indicator,
    year: int,
    as_of: dt.date,
    method: ForecastMethod = ForecastMethod.NONE,
    prognoses: Sequence[Observation] = (),
) -> Outcome:
    """Combine a year's values by the indicator's rule; known values only, as of a date.
    With the method `prognos`, the forecast is the economy's own (`prognoses`)."""
    periods = periods_of_year(year, indicator.frequency)
    ended = [p for p in periods if period_end(p) <= as_of]
    known = {
        o.period: o for o in observations if o.period in periods and period_end(o.period) <= as_of
    }
    used = tuple(known[p] for p in periods if p in known and known[p].value is not None)
    missing = tuple(p for p in ended if p not in known or known[p].value is None)
    running = len(ended) < len(periods)
    preliminary = False
    if running and not used and indicator.frequency is Frequency.YEAR and not indicator.economy:
        # A value for a year that has not ended is preliminary: shown as such, not ignored
        # (an economy's year is known only when it ends; before, its prognos speaks).
        early = [o for o in observations if o.period == str(year) and o.value is not None]
        used, preliminary = tuple(early[-1:]), bool(early)
    combine = indicator.combine
    if not used:
        reasons = sorted(
            {str(known[p].missing) for p in missing if p in known and known[p].missing}
        )
        why = f"inga värden för {year}" + (f" ({', '.join(reasons)})" if reasons else "")
        if running and method is ForecastMethod.PROGNOS:  # a yearly figure: only the forecast
            made = declared(prognoses, year, as_of)
            return Outcome(
                year,
                None,
                combine,
                (),
                missing,
                running,
                made.value,
                why,
                method=made.method,
                method_note=made.note,
            )
        return Outcome(year, None, combine, (), missing, running, None, why)
    values = [o.value for o in used if o.value is not None]
    if combine is Combine.SUM and missing and not running:
        return Outcome(
            year,
            None,
            combine,
            used,
            missing,
            running,
            None,
            f"summan för {year} kan inte räknas: värden saknas för {', '.join(missing)}",
        )
    value = combined(values, combine)
    if not running:
        return Outcome(year, value, combine, used, missing)
    last_year = {o.period: o.value for o in observations if o.value is not None}
    previous = year_outcome(observations, indicator, year - 1, as_of).value
    if method is ForecastMethod.PROGNOS:
        made = declared(prognoses, year, as_of)
    else:
        made = forecast(method, used, periods, combine, last_year, previous)
    return Outcome(
        year,
        None,
        combine,
        used,
        missing,
        True,
        made.value,
        so_far=value,
        method=made.method,
        method_note=made.note,
        preliminary=preliminary,
    )


def mean_outcome(own: Outcome, earlier: Sequence[Outcome]) -> Outcome:
    """The mean of the earlier years' outcomes and this year's (its outcome so far and its
    forecast while it runs), for a level that holds "i snitt" over the years. An earlier
    year without a value leaves the mean without one, said why."""
    years = (*earlier, own)
    used = tuple(o for one in years for o in one.used)
    missing = tuple(p for one in years for p in one.missing_periods)
    gap = next((one for one in earlier if one.value is None), None)
    if gap is not None:
        why = f"snittet kan inte räknas: {gap.reason or f'inget värde för {gap.year}'}"
        return Outcome(
            own.year, None, own.combine, used, missing, own.running, None, why, mean_of=years
        )
    before = [exact(one.value) for one in earlier if one.value is not None]

    def mean(last: float | None) -> float | None:
        return None if last is None else float((sum(before) + exact(last)) / len(years))

    return Outcome(
        own.year,
        mean(own.value),
        own.combine,
        used,
        missing,
        own.running,
        mean(own.forecast),
        own.reason,
        mean(own.so_far),
        own.method,
        own.method_note,
        own.preliminary,
        years,
    )
