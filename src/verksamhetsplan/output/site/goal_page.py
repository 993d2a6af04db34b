"""A goal's page on the site, for a resident: the goal as adopted, what it promised and how
it went in plain Swedish, the chart and its values, the administration's analysis of the goal
and the activities behind it. The full computation (`vp explain`) stands behind a disclosure
under each year, never as the page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...followup.attainment import Evaluation, Result
from ...followup.words import (
    amount,
    forecast_words,
    long_date,
    period_text,
    target_text,
    verdict_text,
)
from ...plan.goals import Milestone
from ...plan.publishing import as_published
from ..report.goal_context import activity, goal_chart
from ..report.shown import Words, status
from ..terminal.explain import explain


def how_it_went(e: Evaluation, words: Words) -> str:
    """The year's verdict as a sentence: "Utfallet 2018 blev 5,5 %: delvis uppnått."."""
    word = words[e.status]
    if e.status is Result.NOT_DUE:
        return f"Året {e.year} har inte börjat än."
    if e.measures:
        return f"{word.capitalize()}: {verdict_text(e)}."
    if isinstance(e.goal.target, Milestone):
        if e.assessed:
            return f"Bedömt som {word}."
        return f"{word.capitalize()}: {e.reason}." if e.reason else f"{word.capitalize()}."
    said = _measured(e, words)
    if e.computed is not None:
        said += (
            f" Förvaltningen har bedömt målet som {word} i stället för det beräknade "
            f"{words[e.computed]}: {e.override_reason}"
        )
    return said


def _measured(e: Evaluation, words: Words) -> str:
    word = words[e.status]
    outcome, unit = e.outcome, e.indicator.unit if e.indicator else None
    if outcome is None or unit is None:
        return f"{word.capitalize()}."
    years = f"Snittet {outcome.mean_of[0].year}–{e.year}" if outcome.mean_of else None
    if outcome.running and outcome.so_far is not None:
        said = f"{years or 'Utfallet'} hittills {e.year} är {amount(outcome.so_far, unit)}: "
        said += f"{word} hittills."
        if e.forecast_status is not None and outcome.forecast is not None:
            forecast_word = forecast_words(words)[e.forecast_status]
            said += (
                f" Prognosen för helåret är {amount(outcome.forecast, unit)}: målet "
                f"{forecast_word}."
            )
        return said
    if outcome.value is not None:
        return f"{years or 'Utfallet'} {e.year} blev {amount(outcome.value, unit)}: {word}."
    return f"Inget utfall för {e.year} än ({e.reason or 'inga värden'})."


def goal_page(
    goal: Any,
    history: list[tuple[Any, Evaluation]],
    lookup: Any,
    as_of: dt.date,
    words: Words,
    analysis: tuple[str, Any] | None,
    activities: list[Any],
    roles: dict[str, str],
) -> dict[str, Any]:
    """What the goal page shows; `history` is (follow-up, evaluation) per year the goal is
    in, `analysis` the shown follow-up's text about the goal and its period."""
    newest = history[-1][1] if history else None
    chart = None
    if newest is not None and newest.indicator is not None and newest.target is not None:
        chart = goal_chart(newest, lookup, as_of)
    return {
        "goal": {"id": goal.id, "text": goal.text.strip(), "years": goal.years},
        "title": (goal.short or goal.text).strip(),
        "promise": target_text(newest) if newest is not None else None,
        "years": [
            {
                "year": e.year,
                "period": period_text(f.period) if f.period else str(e.year),
                "status": status(e.status, words),
                "said": how_it_went(e, words),
                "assessment": as_published((e.assessment_comment or "").strip(), roles) or None,
                "measures": [
                    {
                        "text": ((p.measure.text or p.measure.id) if p.measure else "").strip()
                        or goal.text.strip(),
                        "status": status(p.status, words),
                        "promise": target_text(p),
                        "said": how_it_went(p, words),
                    }
                    for p in e.measures
                ],
                "lines": [as_published(line, roles) for line in explain(e, words)],
                "data_through": _through(e, f.as_of),
            }
            for f, e in reversed(history)  # the newest year first
        ],
        "chart": chart,
        "analysis": analysis,
        "activities": [activity(a, {}, as_of, None, roles) for a in activities],
    }


def _through(e: Evaluation, as_of: dt.date) -> str | None:
    """The end of the last period this goal's values come from."""
    from ...followup.rollup import data_through

    day = data_through([e], as_of)
    return long_date(day) if day else None
