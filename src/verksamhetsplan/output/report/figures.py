"""The report's key figures: every indicator marked key_figure, with its baseline, its
latest values, a small chart and, when fetched, Kolada's comparison."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...data.format import FREQUENCY_WORDS
from ...data.observation import Lookup
from ...data.periods import period_end
from ...followup.outcome import year_outcome
from ...followup.words import amount, comparison_text
from ...plan.model import Plan
from ..small_charts import sparkline


def key_figures(
    plan: Plan,
    area_titles: dict[str, str],
    lookup: Lookup,
    year: int,
    as_of: dt.date,
    comparisons: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    base = plan.follow_up.baseline_period
    rows = []
    goal_areas = _areas_of_goals(plan)
    for indicator in (i for i in plan.indicators if i.key_figure):
        values = [
            o
            for o in lookup(indicator.id, "T")
            if int(o.period[:4]) <= year and period_end(o.period) <= as_of
        ]
        if not any(o.value is not None and plan.period.start <= int(o.period[:4]) for o in values):
            continue  # nothing in the report's years: named in `without_values`, not a row
        # "Nuläge": the baseline year's value by the indicator's rule (a monthly figure has
        # no value for the period "2017", only for its months).
        baseline = year_outcome(values, indicator, int(base[:4]), as_of).value if base else None
        recent = [o for o in values if o.value is not None][-8:]
        rows.append(
            {
                "id": indicator.id,
                # under the area of the goal that uses it, else the indicator's own
                "area": area_titles.get(
                    goal_areas.get(indicator.id) or (indicator.area or "").rpartition("/")[2], "–"
                ),
                "title": indicator.title,
                "frequency": FREQUENCY_WORDS[indicator.frequency.value].capitalize(),
                "baseline": amount(baseline, indicator.unit)
                + (f" ({base[:4]})" if base and baseline is not None else ""),
                "recent": [
                    {"period": o.period, "value": amount(o.value, indicator.unit)} for o in recent
                ],
                "kolada": indicator.source.kolada if indicator.source else None,
                "comparison": (
                    comparison_text((comparisons or {})[indicator.id], indicator.unit)
                    if indicator.id in (comparisons or {})
                    else None
                ),
                "chart": sparkline([o.value for o in recent if o.value is not None]),
                "series": [o.value for o in recent if o.value is not None],
            }
        )
    return rows


def without_values(plan: Plan, rows: list[dict[str, Any]], year: int) -> str | None:
    """The one line naming the key figures left out of the table: no value in the report's
    years (the plan's first year up to the report's)."""
    shown = {row["id"] for row in rows}
    left = [i.title for i in plan.indicators if i.key_figure and i.id not in shown]
    if not left:
        return None
    years = str(year) if plan.period.start == year else f"{plan.period.start}–{year}"
    return f"Nyckeltal utan värden för {years}, som inte visas i tabellen: {', '.join(left)}."


def _areas_of_goals(plan: Plan) -> dict[str, str]:
    """Each indicator's area as the first goal (or measure) that uses it places it: the
    top-level area of that goal."""
    from ...followup.rollup import area_chain, area_parents

    parents = area_parents(plan.areas)
    found: dict[str, str] = {}
    for goal in plan.goals:
        top = area_chain(goal.area, parents)[-1]
        for ref in (goal.indicator, *(m.indicator for m in goal.measures)):
            if ref and "/" not in ref:
                found.setdefault(ref, top)
    return found
