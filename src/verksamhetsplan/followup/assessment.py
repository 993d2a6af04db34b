"""A person's assessment of a goal (bedömning): which one counts on a given day, for the
year or for a period inside it. Everything dated counts from its date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..data.periods import period_end, period_order
from ..plan.goals import Assessment
from ..plan.vocabulary import Status


def assessment_counts_from(assessment: Assessment) -> dt.date:
    """The day an assessment is known from: its date, or the end of its period if undated."""
    return assessment.date or period_end(assessment.period)


def assessment_for(
    assessments: Sequence[Assessment], year: int, as_of: dt.date, period: str | None = None
) -> tuple[Status | None, str | None, str | None]:
    """The latest assessment known on the as-of date for the period it was made for: in a
    follow-up of a period inside the year, that period; for the year, the year's own, or
    else one of a period that ends with the year (2018-T3, 2018-Q4, 2018-12: how things stood
    when the year ended). A delår assessment (2019-T2) says nothing of the whole year 2019.
    Status, reason and comment."""
    known = [a for a in assessments if assessment_counts_from(a) <= as_of]
    found = of_period(known, year, period)
    if not found:
        return None, None, None
    latest = max(found, key=lambda a: (period_order(a.period), assessment_counts_from(a)))
    return latest.status, latest.reason, latest.comment


def of_period(
    assessments: Sequence[Assessment], year: int, period: str | None = None
) -> list[Assessment]:
    """The assessments that speak for a follow-up: of its period inside the year, or for the
    year, the year's own, or else those of a period that ends with the year."""
    if period:
        return [a for a in assessments if a.period == period]
    return [a for a in assessments if a.period == str(year)] or [
        a
        for a in assessments
        if a.period[:4] == str(year) and period_end(a.period) == dt.date(year, 12, 31)
    ]
