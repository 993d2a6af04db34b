"""The report's key figures: every indicator marked key_figure, with its baseline, its
latest values, a small chart and, when fetched, Kolada's comparison."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...data.format import FREQUENCY_WORDS
from ...data.observation import Lookup
from ...data.periods import period_end
from ...followup.attainment import year_outcome
from ...followup.words import amount, comparison_text
from ...plan.model import Plan
from ..charts import sparkline


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
    for indicator in (i for i in plan.indicators if i.key_figure):
        values = [
            o
            for o in lookup(indicator.id, "T")
            if int(o.period[:4]) <= year and period_end(o.period) <= as_of
        ]
        # "Nuläge": the baseline year's value by the indicator's rule (a monthly figure has
        # no value for the period "2017", only for its months).
        baseline = year_outcome(values, indicator, int(base[:4]), as_of).value if base else None
        recent = [o for o in values if o.value is not None][-8:]
        rows.append(
            {
                "area": area_titles.get((indicator.area or "").rpartition("/")[2], "–"),
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
