"""Periods: which periods make up a year at a frequency, and when a period has ended."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from ..plan import fields
from ..plan.fields import period_end as period_end  # the plan's checks need it too
from ..plan.vocabulary import Frequency

PER_YEAR = {Frequency.YEAR: 1, Frequency.TERTIAL: 3, Frequency.QUARTER: 4, Frequency.MONTH: 12}


# The same few hundred period strings recur across millions of rows: compute each once.
@cache
def periods_of_year(year: int, frequency: Frequency) -> tuple[str, ...]:
    """The periods of a year at a frequency, in order (2018-01 … 2018-12)."""
    if frequency is Frequency.YEAR:
        return (str(year),)
    if frequency is Frequency.MONTH:
        return tuple(f"{year}-{month:02d}" for month in range(1, 13))
    letter = "Q" if frequency is Frequency.QUARTER else "T"
    return tuple(f"{year}-{letter}{n}" for n in range(1, PER_YEAR[frequency] + 1))


# How many months a follow-up period of each kind spans; a month is the rest.
MONTHS = {"Q": 3, "T": 4, "H": 6}


def period_start(period: str) -> dt.date:
    """The first day of a follow-up period (2018-T2 → 2018-05-01)."""
    year = int(period[:4])
    if len(period) == 4:
        return dt.date(year, 1, 1)
    last = period_end(period).month
    return dt.date(year, last - MONTHS.get(period[5], 1) + 1, 1)


@cache
def period_order(period: str) -> tuple[int, int]:
    """A sort key: year, then position of the period's end within the year."""
    end = period_end(period)
    return end.year, end.timetuple().tm_yday


# The periods a follow-up can be made for: the year, a month, a quarter, a tertial, a half-year.
FOLLOW_UP_PATTERN = re.compile(fields.FOLLOW_UP_PATTERN)
# The delårsrapport covers January–August, the second tertial.
ALIASES = {"delår": "T2", "delar": "T2", "delårsrapport": "T2"}


def follow_up_period(text: str) -> str | None:
    """A follow-up period as written by a person (2018-T2, 2018-delår), or None if it is not one."""
    year, _, part = text.strip().partition("-")
    period = f"{year}-{ALIASES.get(part.lower(), part)}" if part else year
    return period if FOLLOW_UP_PATTERN.match(period) else None


def within(period: str, follow_up: str) -> bool:
    """Whether a period ends inside a follow-up period's year, no later than its end."""
    return period[:4] == follow_up[:4] and period_end(period) <= period_end(follow_up)
