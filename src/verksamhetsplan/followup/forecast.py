"""Full-year forecasts for a running year, by the method the plan declares.

- seasonal (the default): this year's values so far against the same periods last year,
  that ratio applied to last year's full-year outcome. Sick leave peaks in winter; a
  straight line through January–June would carry the spring's fall on into the autumn.
- linear: a least-squares line through this year's values, continued to the year's end.
- last: the latest value carried forward to every period left.
- none: no forecast; a person's assessment only.

A seasonal forecast without last year's values for the same periods falls back to a
straight line, and says so. A forecast is never an outcome: it is shown as "prognos" and
judged apart ("bedöms uppnås").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..data.observation import Observation
from ..plan.vocabulary import Combine, ForecastMethod

METHOD_WORDS = {
    ForecastMethod.SEASONAL: "säsongsprognos (årets värden hittills mot samma perioder förra "
    "året, tillämpat på förra årets helårsutfall)",
    ForecastMethod.LINEAR: "rät linje genom årets värden hittills",
    ForecastMethod.LAST: "senaste värdet för resten av året",
    ForecastMethod.NONE: "ingen prognos (bedöms av en person)",
    ForecastMethod.PROGNOS: "ekonomins senaste helårsprognos",
}
# The economy's forecasts reach the engine as this indicator's sibling series.
PROGNOS_SERIES = "#prognos"


@dataclass(frozen=True)
class Forecast:
    value: float | None
    method: ForecastMethod  # the method used (after any fallback)
    note: str | None = None  # why another method than the declared one was used, or none


def combined(values: Sequence[float], combine: Combine) -> float:
    if combine is Combine.LAST:
        return values[-1]
    if combine is Combine.MEAN:
        return sum(values) / len(values)
    return sum(values)


def forecast(
    method: ForecastMethod,
    used: Sequence[Observation],
    periods: Sequence[str],
    combine: Combine,
    last_year: dict[str, float],
    last_year_outcome: float | None,
) -> Forecast:
    """The year-end value from the values so far (`used`, periods of this year)."""
    if method is ForecastMethod.LAST and not used:
        # Nothing this year yet (always so for a yearly indicator): last year's outcome.
        return Forecast(last_year_outcome, method)
    if method in (ForecastMethod.NONE, ForecastMethod.PROGNOS) or not used:
        return Forecast(None, method)
    if method is ForecastMethod.SEASONAL:
        value = _seasonal(used, periods, combine, last_year, last_year_outcome)
        if value is not None:
            return Forecast(value, method)
        note = "förra årets värden för samma perioder saknas, så en rät linje används"
        return Forecast(_linear(used, periods, combine), ForecastMethod.LINEAR, note)
    if method is ForecastMethod.LAST:
        return Forecast(_carried(used, periods, combine), method)
    return Forecast(_linear(used, periods, combine), method)


def _same_period_last_year(period: str) -> str:
    return f"{int(period[:4]) - 1}{period[4:]}"


def _seasonal(
    used: Sequence[Observation],
    periods: Sequence[str],
    combine: Combine,
    last_year: dict[str, float],
    last_year_outcome: float | None,
) -> float | None:
    earlier = [last_year.get(_same_period_last_year(o.period)) for o in used]
    if last_year_outcome is None or any(v is None for v in earlier):
        return None
    now = [o.value for o in used if o.value is not None]
    then = [v for v in earlier if v is not None]
    if combine is Combine.LAST:
        now, then = now[-1:], then[-1:]
    if sum(then) == 0:
        return None
    return last_year_outcome * sum(now) / sum(then)


def _linear(used: Sequence[Observation], periods: Sequence[str], combine: Combine) -> float:
    """A least-squares line through the known values, continued to the year's end."""
    index = {p: i for i, p in enumerate(periods)}
    xs = [index[o.period] for o in used]
    ys = [o.value for o in used if o.value is not None]
    if len(xs) > 1:
        mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
        spread = sum((x - mean_x) ** 2 for x in xs)
        slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    else:
        mean_x, mean_y, slope = float(xs[0]), ys[0], 0.0
    known = dict(zip(xs, ys, strict=True))
    full = [known.get(i, mean_y + slope * (i - mean_x)) for i in range(len(periods))]
    return combined(full, combine)


def _carried(used: Sequence[Observation], periods: Sequence[str], combine: Combine) -> float:
    """The latest value carried forward to every period after it."""
    values = [o.value for o in used if o.value is not None]
    after = len(periods) - 1 - list(periods).index(used[-1].period)
    return combined(values + [values[-1]] * after, combine)


def declared(prognoses: Sequence[Observation], year: int, as_of: dt.date) -> Forecast:
    """The latest full-year forecast the economy made for the year by the as-of date (each
    dated by the period it was made in: 2018-08 is August's forecast)."""
    from ..data.periods import period_end, period_order

    known = [
        o
        for o in prognoses
        if o.period[:4] == str(year) and o.value is not None and period_end(o.period) <= as_of
    ]
    if not known:
        return Forecast(None, ForecastMethod.PROGNOS, f"ingen helårsprognos för {year} ännu")
    latest = max(known, key=lambda o: period_order(o.period))
    return Forecast(latest.value, ForecastMethod.PROGNOS, f"prognosen från {latest.period}")
