"""A goal in the report's context: its status and numbers, its measures, assessments,
analysis and activities with their latest follow-up; and the analysis's free sections."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from ...common.swedish import number
from ...data.observation import Lookup, Observation
from ...data.periods import period_end, period_order
from ...followup.assessment import of_period
from ...followup.attainment import Evaluation, Result
from ...followup.forecast import METHOD_WORDS
from ...followup.outcome import year_outcome
from ...followup.thresholds import decimals_to_judge, edges
from ...followup.words import (
    ACTIVITY_WORDS,
    MET_AT_BASELINE,
    UNIT_SUFFIX,
    amount,
    comparison_text,
    long_date,
    no_value,
    target_shown,
    target_text,
    trend_text,
    verdict_text,
)
from ...plan.analysis import Analysis
from ...plan.goals import Assessment, Milestone
from ...plan.model import Activity, Indicator, Plan
from ...plan.publishing import as_published
from ...plan.vocabulary import ActivityStatus, Combine, Frequency
from .shown import Words, forecast, status


def goal_context(
    e: Evaluation,
    plan: Plan,
    areas: dict[str, str],
    words: Words,
    as_of: dt.date,
    analysis: Analysis | None = None,
    judged: dt.date | None = None,
    comparisons: dict[str, Any] | None = None,
    since: dt.date | None = None,
    lookup: Lookup | None = None,
) -> dict[str, Any]:
    unit = e.indicator.unit if e.indicator else None
    measured = unit is not None and not isinstance(e.goal.target, Milestone)

    def show(value: float | None) -> str:
        return amount(value, unit) if measured and unit is not None else "–"

    outcome = e.outcome
    running = outcome is not None and outcome.running
    compared = (comparisons or {}).get(e.indicator.id) if e.indicator else None
    activities = [
        activity(a, areas, as_of, since, plan.roles) for a in plan.activities_of(e.goal.id)
    ]
    return {
        "id": e.goal.id,
        "year": e.year,
        "text": e.goal.text.strip(),
        "short": e.goal.short or e.goal.text.strip(),
        "area": areas.get(e.goal.area.rpartition("/")[2], e.goal.area),
        "milestone": isinstance(e.goal.target, Milestone),
        "criteria": e.goal.target.criteria if isinstance(e.goal.target, Milestone) else [],
        "indicator": e.indicator.title if e.indicator else None,
        "baseline": _baseline_shown(show(e.baseline.value if e.baseline else None), e),
        "target": target_shown(e, show(e.target)),
        "outcome": _judged_amount(e, outcome.current if outcome else None, measured),
        "forecast": running,
        "preliminary": bool(outcome and outcome.preliminary),
        "forecast_value": show(outcome.forecast if outcome and running else None),
        "forecast_status": forecast(e.forecast_status, words),
        "forecast_method": METHOD_WORDS[outcome.method] if outcome and outcome.method else None,
        "forecast_note": (outcome.method_note or e.forecast_reason) if outcome else None,
        "baseline_note": e.goal.baseline.note if e.goal.baseline else None,
        "basis": e.basis,
        "progress": MET_AT_BASELINE
        if e.met_at_baseline
        else ("–" if e.progress is None else number(e.progress, 2)),
        "status": status(e.status, words),
        "computed": status(e.computed, words) if e.computed else None,
        "override_reason": e.override_reason,
        "reason": None if e.assessed else e.reason,
        "trend": trend_text(e.trend),
        "by_gender": [
            {
                "gender": g,
                "value": show(o.current),
                "forecast": show(o.forecast) if o.running else None,
            }
            for g, o in sorted(e.by_gender.items())
        ],
        "assessment": as_published((e.assessment_comment or "").strip(), plan.roles) or None,
        # Assessments of a period are made after it ends: those known on the as-of day count.
        "assessments": _assessments(e, words, judged or as_of, plan.roles),
        "analysis": analysis_blocks(analysis, e.goal.id),
        "override_ignored": e.override_without_reason,
        "activities": activities,
        "target_text": target_text(e),
        "verdict": verdict_text(e) if e.measures else None,
        "comparison": comparison_text(compared, unit) if compared is not None else None,
        "chart": goal_chart(e, lookup, as_of) if measured and lookup is not None else None,
        "measures": [
            {
                **goal_context(
                    part, plan, areas, words, as_of, comparisons=comparisons, since=since
                ),
                "activities": [],
                "assessments": [],
            }
            for part in e.measures
        ],
    }


def activity(
    a: Activity,
    areas: dict[str, str],
    day: dt.date,
    since: dt.date | None,
    roles: dict[str, str] | None = None,
) -> dict[str, Any]:
    """An activity as the report shows it: its status at the period's end (`day`), its latest
    follow-up with date and comment, and whether it has been followed up since `since`."""
    update = a.update_on(day)
    state = a.status_on(day)
    comment = (
        as_published(((update.comment if update else None) or "").strip(), roles or {}) or None
    )
    followed = long_date(update.date) if update else None
    stale = (
        since is not None
        and (update is None or update.date < since)
        and state not in (ActivityStatus.DONE, ActivityStatus.CANCELLED)
    )
    said = ACTIVITY_WORDS[state]
    if followed:
        said += f", uppföljd {followed}" + (f": {comment}" if comment else "")
    if stale:
        said += f"; inte uppföljd sedan {long_date(since)}" if since else ""
    return {
        "area": areas.get((a.area or "").rpartition("/")[2], "–"),
        "text": a.text.strip(),
        "status": ACTIVITY_WORDS[state],
        "responsible": a.responsible or "–",
        "followed_up": followed or "–",
        "comment": comment,
        "stale": stale,
        "follow_up": said,  # the status, the latest follow-up and its comment, in one phrase
    }


def _judged_amount(e: Evaluation, value: float | None, measured: bool) -> str:
    """An outcome with the decimals its judgement needs (two, or more near a limit)."""
    if not measured or value is None or e.indicator is None:
        return "–"
    decimals = 2
    if e.target is not None and e.direction is not None:
        base = e.baseline.value if e.baseline else None
        limits = edges(e.target, base, e.direction, e.rule)
        decimals = decimals_to_judge(value, limits)
    shown = amount(value, e.indicator.unit, decimals)
    years = e.outcome.mean_of if e.outcome else ()
    return f"{shown} (snitt {years[0].year}–{e.year})" if years else shown


def _baseline_shown(shown: str, e: Evaluation) -> str:
    """A baseline with the period it is of, so that two baselines of one indicator (the
    plan's 2017 and the year before a goal's year) never stand side by side unexplained."""
    if shown == "–" or e.baseline is None:
        return shown
    if e.baseline.how == "value":
        return f"{shown} (angivet)"
    return f"{shown} ({e.baseline.period})" if e.baseline.period else shown


def _assessments(
    e: Evaluation, words: Words, as_of: dt.date, roles: dict[str, str]
) -> list[dict[str, Any]]:
    """The assessments recorded for the follow-up's period (the year, or 2018-T2), as known
    on the as-of day, oldest first: the board sees who judged what, and when."""
    recorded: list[Assessment] = [
        a
        for a in of_period(e.goal.assessments, e.year, e.period)  # those the verdict heeds
        if a.date is None or a.date <= as_of
    ]
    return [
        {
            "date": long_date(a.date) if a.date else None,
            "by": roles.get(a.by) if a.by else None,  # a person only by their role
            "status": status(Result(a.status.value), words) if a.status else None,
            "comment": as_published((a.comment or "").strip(), roles) or None,
            "reason": a.reason,
            "measure": a.measure,
        }
        for a in sorted(recorded, key=lambda a: a.date or dt.date.min)
    ]


# Free sections of the analysis, in their customary places: what happened comes right after
# the summary; economy, staff and internal control after the goals; the future last.
FIRST_SECTIONS = ("viktiga händelser", "väsentliga händelser")
ORDERED_SECTIONS = ("ekonomi", "personal", "internkontroll", "intern kontroll")
LAST_SECTIONS = ("framtid", "förväntad utveckling", "framtida utveckling")


def free_sections(analysis: Analysis | None, before: bool) -> list[dict[str, Any]]:
    """The analysis's free sections ("Viktiga händelser", "Ekonomi" …) for one place in the
    report: before the goals, or after them (known headings first, then the file's order)."""
    from .richtext import parse

    if analysis is None:
        return []
    chosen = [f for f in analysis.free if (f.title.casefold() in FIRST_SECTIONS) == before]

    def place(title: str) -> int:
        key = title.casefold()
        if key in ORDERED_SECTIONS:
            return ORDERED_SECTIONS.index(key)
        return len(ORDERED_SECTIONS) + (1 if key in LAST_SECTIONS else 0)

    ordered = chosen if before else sorted(chosen, key=lambda f: place(f.title))
    return [
        {"title": f.title, "id": "avsnitt-" + _anchor(f.title), "blocks": parse(f.text)}
        for f in ordered
    ]


def _anchor(title: str) -> str:
    plain = title.casefold().translate(str.maketrans("åäöé", "aaoe"))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "avsnitt"


def analysis_blocks(analysis: Analysis | None, subject: str) -> Any:
    from .richtext import parse

    text = analysis.text_for(subject) if analysis else None
    return parse(text) if text else None


def goal_chart(e: Evaluation, lookup: Lookup, day: dt.date) -> dict[str, Any] | None:
    """A goal's chart: its indicator's values from the baseline's year to the goal's year as
    known on `day`, per gender where measured, with the baseline, the target and, in a
    running year, the forecast; None without two values to draw."""
    from markupsafe import Markup

    from ..charts import Chart, describe, svg

    indicator = e.indicator
    assert indicator is not None
    first = e.year - 1
    if e.baseline is not None and e.baseline.period:
        first = min(first, int(e.baseline.period[:4]))
    genders = ("T", "K", "M") if indicator.by_gender else ("T",)
    found = {
        g: {
            o.period: o.value
            for o in lookup(indicator.id, g)
            if first <= int(o.period[:4]) <= e.year and period_end(o.period) <= day
        }
        for g in genders
    }
    withheld = {  # values a small-cell limit keeps out: said, not just left blank
        (g, o.period): o.missing
        for g in genders
        for o in lookup(indicator.id, g)
        if o.value is None and o.missing and "visas inte" in o.missing
    }
    totals = indicator.combine is Combine.SUM and indicator.frequency is not Frequency.YEAR
    if totals:  # a month's cost beside a year's target says nothing: the years' sums instead
        found = {
            g: _year_sums(lookup(indicator.id, g), indicator, first, e.year, day) for g in genders
        }
    periods = sorted({p for values in found.values() for p in values}, key=period_order)
    forecast = e.outcome.forecast if e.outcome is not None and e.outcome.running else None
    if sum(v is not None for v in found["T"].values()) + (forecast is not None) < 2:
        return None
    unit = UNIT_SUFFIX[indicator.unit]
    series = {g: [found[g].get(p) for p in periods] for g in genders if any(found[g].values())}
    shown = {
        g: [
            amount(v, indicator.unit) if v is not None else no_value(withheld.get((g, p)))
            for p, v in zip(periods, values, strict=True)
        ]
        for g, values in series.items()
    }
    base = e.baseline
    chart = Chart(
        f"{indicator.title} {first}–{e.year}" + (", summa per år" if totals else ""),
        unit,
        periods,
        series,
        shown,
        baseline=(base.value, f"Basvärde {base.period or ''}: {amount(base.value, indicator.unit)}")
        if base is not None and base.value is not None
        else None,
        target=(float(e.target), f"Målvärde: {amount(float(e.target), indicator.unit)}")
        if e.target is not None
        else None,
        forecast=(forecast, f"Prognos {e.year}: {amount(forecast, indicator.unit)}")
        if forecast is not None
        else None,
    )
    from ..charts import SERIES_WORDS

    return {
        "svg": Markup(svg(chart, f"diagram-{e.goal.id}")),
        "text": describe(chart),
        "data": chart,
        # the chart's values, as the table beside it shows them
        "header": ["Period", *(SERIES_WORDS[g] for g in series)],
        "rows": [[period, *(shown[g][i] for g in series)] for i, period in enumerate(periods)],
    }


def _year_sums(
    series: Sequence[Observation], indicator: Indicator, first: int, last: int, day: dt.date
) -> dict[str, float | None]:
    """Each ended year's sum, as the goal judges it; a running year has none (its forecast
    is drawn instead)."""
    sums = {str(y): year_outcome(series, indicator, y, day) for y in range(first, last + 1)}
    return {year: o.value for year, o in sums.items() if not o.running and o.value is not None}
