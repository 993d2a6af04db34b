"""The nämnd report: a plan's follow-up as plain data for the templates, and its rendering.

Numbers, dates and statuses are formatted here, in Swedish with Babel, so that templates
only place text and a municipality's own template cannot get the formatting wrong.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.dates import format_date

from ...common.swedish import number
from ...data.observation import Lookup
from ...data.periods import period_end
from ...followup.attainment import Evaluation, Result
from ...followup.forecast import METHOD_WORDS
from ...followup.rollup import PlanFollowUp, area_chain, area_parents
from ...followup.summary import Tally
from ...followup.thresholds import decimals_to_judge, edges
from ...followup.words import (
    ACTIVITY_WORDS,
    MET_AT_BASELINE,
    MONTHS,
    STATUS,
    STATUS_ORDER,
    amount,
    comparison_text,
    coverage_text,
    forecast_words,
    period_text,
    rule_text,
    status_words,
    summary_rule_text,
    target_text,
    trend_text,
    verdict_text,
)
from ...plan.analysis import Analysis
from ...plan.goals import Assessment, Milestone
from ...plan.model import Plan, iter_areas
from .figures import key_figures, without_values

KIND_WORDS = {
    "verksamhetsplan": "verksamhetsplan",
    "handlingsplan": "handlingsplan",
    "mal_och_budget": "mål och budget",
    "strategisk_plan": "strategisk plan",
    "verksamhetsberattelse": "verksamhetsberättelse",
}
KOLADA_ATTRIBUTION = (
    "Nyckeltal märkta med Kolada-id kommer från Kolada (RKA), www.kolada.se, och används "
    "enligt licensen CC BY 4.0."
)


def long_date(day: dt.date) -> str:
    """29 november 2017."""
    return str(format_date(day, format="long", locale="sv_SE"))


Words = dict[Result, str]


def status(result: Result, words: Words) -> dict[str, str]:
    word, symbol, colour = STATUS[result]
    word = words.get(result, word)
    return {"key": result.value, "word": word, "symbol": symbol, "colour": colour}


def forecast(result: Result | None, words: Words) -> dict[str, str] | None:
    """A forecast verdict as the templates show it: "bedöms delvis uppnås", never a status."""
    return {**status(result, words), "word": forecast_words(words)[result]} if result else None


def forecast_counts(tally: Tally, words: Words) -> list[dict[str, Any]]:
    """How many goals each forecast verdict has, in the usual order, the empty ones left out."""
    return [
        {**status(r, words), "word": forecast_words(words)[r], "count": n}
        for r in STATUS_ORDER
        if (n := tally.forecasts.get(r))
    ]


def counts(tally: Tally, words: Words) -> list[dict[str, Any]]:
    return [{**status(r, words), "count": tally.counts.get(r, 0)} for r in STATUS_ORDER]


@dataclass(frozen=True)
class Revision:
    commit: str
    date: dt.date


def plan_revision(path: Path) -> Revision | None:
    """The git commit that last changed the plan file, when it is in a git repository."""
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%H %cs", "--", path.name],
            cwd=path.parent,
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    parts = done.stdout.split()
    if done.returncode != 0 or len(parts) != 2:
        return None
    return Revision(parts[0], dt.date.fromisoformat(parts[1]))


def _goal(
    e: Evaluation,
    plan: Plan,
    areas: dict[str, str],
    words: Words,
    as_of: dt.date,
    analysis: Analysis | None = None,
    judged: dt.date | None = None,
    comparisons: dict[str, Any] | None = None,
) -> dict[str, Any]:
    unit = e.indicator.unit if e.indicator else None
    measured = unit is not None and not isinstance(e.goal.target, Milestone)

    def show(value: float | None) -> str:
        return amount(value, unit) if measured and unit is not None else "–"

    outcome = e.outcome
    running = outcome is not None and outcome.running
    compared = (comparisons or {}).get(e.indicator.id) if e.indicator else None
    activities = [
        {
            "text": a.text.strip(),
            "status": ACTIVITY_WORDS[a.status_on(as_of)],
            "responsible": a.responsible or "–",
        }
        for a in plan.activities_of(e.goal.id)
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
        "target": show(e.target),
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
        "assessment": (e.assessment_comment or "").strip() or None,
        # Assessments of a period are made after it ends: those known on the as-of day count.
        "assessments": _assessments(e, words, judged or as_of),
        "analysis": _analysis(analysis, e.goal.id),
        "override_ignored": e.override_without_reason,
        "activities": activities,
        "target_text": target_text(e),
        "verdict": verdict_text(e) if e.measures else None,
        "comparison": comparison_text(compared, unit) if compared is not None else None,
        "measures": [
            {
                **_goal(part, plan, areas, words, as_of, comparisons=comparisons),
                "activities": [],
                "assessments": [],
            }
            for part in e.measures
        ],
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
    return amount(value, e.indicator.unit, decimals)


def _baseline_shown(shown: str, e: Evaluation) -> str:
    """A baseline with the period it is of, so that two baselines of one indicator (the
    plan's 2017 and the year before a goal's year) never stand side by side unexplained."""
    if shown == "–" or e.baseline is None:
        return shown
    if e.baseline.how == "value":
        return f"{shown} (angivet)"
    return f"{shown} ({e.baseline.period})" if e.baseline.period else shown


def _assessments(e: Evaluation, words: Words, as_of: dt.date) -> list[dict[str, Any]]:
    """The assessments recorded for the follow-up's period (the year, or 2018-T2), as known
    on the as-of day, oldest first: the board sees who judged what, and when."""
    key = e.period or str(e.year)
    recorded: list[Assessment] = [
        a for a in e.goal.assessments if a.period == key and (a.date is None or a.date <= as_of)
    ]
    return [
        {
            "date": long_date(a.date) if a.date else None,
            "by": a.by,
            "status": status(Result(a.status.value), words) if a.status else None,
            "comment": (a.comment or "").strip() or None,
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


def _free(analysis: Analysis | None, before: bool) -> list[dict[str, Any]]:
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


def _analysis(analysis: Analysis | None, subject: str) -> Any:
    from .richtext import parse

    text = analysis.text_for(subject) if analysis else None
    return parse(text) if text else None


def period_context(year: int, period: str | None) -> dict[str, Any]:
    """What a report says of the stretch it follows up: the year, or "andra tertialet 2018"."""
    return {
        "key": period or str(year),
        "text": period_text(period) if period else str(year),
        "partial": period is not None,
    }


def report_title(plan: Plan, year: int, period: str | None) -> str:
    """What the report is: "Delårsrapport januari–augusti 2018", "Verksamhetsberättelse 2018"."""
    if period is None:
        council = plan.kind.value in ("mal_och_budget", "strategisk_plan")
        return f"{'Årsredovisning' if council else 'Verksamhetsberättelse'} {year}"
    part = period[5:]
    if part.isdigit():
        return f"Månadsrapport januari–{MONTHS[int(part) - 1]} {year}"
    kind, n = part[0], int(part[1])
    months = {"T": 4, "Q": 3, "H": 6}[kind]
    name = {"T": "Tertialrapport", "Q": "Kvartalsrapport", "H": "Halvårsrapport"}[kind]
    if part == "T2":
        name = "Delårsrapport"
    return f"{name} januari–{MONTHS[n * months - 1]} {year}"


def revision_text(revision: Any) -> str:
    """A revision as the cover states it: date, decision and what changed."""
    parts = [long_date(revision.date)]
    decided = ", ".join(x for x in (revision.by, revision.reference) if x)
    if decided:
        parts.append(f"({decided})")
    text = " ".join(parts)
    return f"{text}: {revision.note.rstrip('. ')}" if revision.note else text


def build(
    follow_ups: list[PlanFollowUp],
    year: int,
    lookup: Lookup,
    revision: Revision | None,
    analysis: Analysis | None = None,
) -> dict[str, Any]:
    """Everything a report template needs, for the follow-up of `year` (in follow_ups; a
    period follow-up, 2018-T2, when the report is about part of the year)."""
    current = next(f for f in follow_ups if f.year == year)
    plan = current.plan_file.plan
    area_titles = {area.id: area.title for area, _ in iter_areas(plan.areas)}
    words = status_words(plan.follow_up)
    # A period report knows what was known at the period's end, nothing later.
    cutoff = min(current.as_of, period_end(current.period)) if current.period else current.as_of
    goals = [
        _goal(e, plan, area_titles, words, cutoff, analysis, current.as_of, current.comparisons)
        for e in current.evaluations
    ]
    by_area: dict[str, list[dict[str, Any]]] = {}
    parents = area_parents(plan.areas)
    for goal, e in zip(goals, current.evaluations, strict=True):
        top = area_chain(e.goal.area, parents)[-1]
        by_area.setdefault(top, []).append(goal)
    sections = []
    for summary in (a for a in current.areas if a.depth == 0):
        sections.append(
            {
                "id": summary.area.id,
                "title": summary.area.title,
                "status": status(summary.tally.summary, words),
                "coverage": coverage_text(summary.tally),
                "counts": counts(summary.tally, words),
                "goals": by_area.get(summary.area.id, []),
                "analysis": _analysis(analysis, summary.area.id),
            }
        )
    data_through = long_date(current.data_through) if current.data_through else None
    as_of = long_date(current.as_of) if current.as_of_given else None
    version = (
        f"planen i versionen från {long_date(revision.date)} ({revision.commit[:7]})"
        if revision
        else "planen utan versionshantering"
    )
    figures = key_figures(plan, area_titles, lookup, year, cutoff, current.comparisons)
    return {
        # the colophon: the version facts, apart from the method's plain Swedish
        "version_text": f"Om rapporten: {version}; data till och med {data_through or '–'}; "
        f"beräknad per {long_date(current.as_of)}.",
        "title": report_title(plan, year, current.period),
        "subtitle": f"Uppföljning av {KIND_WORDS[plan.kind.value]} {plan.period.text}",
        "period": period_context(year, current.period),
        "analysis": _analysis(analysis, plan.id),
        "free_before": _free(analysis, before=True),
        "free_after": _free(analysis, before=False),
        "plan": {
            "id": plan.id,
            "title": plan.title,
            "organisation": plan.organisation,
            "board": plan.board or plan.administration or "",
            "period": plan.period.text,
            "adopted": long_date(plan.adopted.date) if plan.adopted else None,
            "adopted_by": plan.adopted.by if plan.adopted else None,
            "reference": plan.adopted.reference if plan.adopted else None,
            "revisions": [revision_text(r) for r in plan.revisions if r.date <= current.as_of],
            "vision": plan.vision,
        },
        "year": year,
        "data_through": data_through,
        "as_of": as_of,
        "forecast_counts": forecast_counts(current.tally, words),
        "revision": (
            {"commit": revision.commit[:7], "date": long_date(revision.date)} if revision else None
        ),
        "summary": {
            "status": status(current.tally.summary, words),
            "coverage": coverage_text(current.tally),
            "counts": counts(current.tally, words),
            "total": len(current.evaluations),
            # assessments that changed a computed status: marked in the counts they are in
            "overrides": [
                f"{(e.goal.short or e.goal.text).strip()}: bedömt {words[e.status]}, "
                f"beräknat {words[e.computed]}"
                for e in current.evaluations
                if e.computed is not None
            ],
        },
        "matrix": _matrix(follow_ups, plan, words),
        "areas": sections,
        "key_figures": figures,
        "key_figures_left_out": without_values(plan, figures, year),
        "activities": [
            {
                "area": area_titles.get((a.area or "").rpartition("/")[2], "–"),
                "text": a.text.strip(),
                "status": ACTIVITY_WORDS[a.status_on(cutoff)],
                "responsible": a.responsible or "–",
            }
            for a in plan.activities
        ],
        "council": [
            {
                "title": c.council_goal.title,
                "number": c.council_goal.number,
                "areas": [a.title for a in c.areas],
                "status": status(c.tally.summary, words),
                "coverage": coverage_text(c.tally),
                "goals": len(c.evaluations),
            }
            for c in current.council
        ],
        "council_gaps": [c.council_goal.title for c in current.council if not c.areas],
        "method": {
            "achieved": words[Result.ACHIEVED],
            "not_achieved": words[Result.NOT_ACHIEVED],
            "forecasts": ", ".join(
                forecast_words(words)[r]
                for r in (Result.ACHIEVED, Result.PARTIAL, Result.NOT_ACHIEVED)
            ),
            "partial_rule": rule_text(current.rule, words),
            "summary_rule": summary_rule_text(current.summing, words),
            "kolada": KOLADA_ATTRIBUTION
            if any(i.source and i.source.kolada for i in plan.indicators)
            else None,
            "sources": sorted(
                {i.source.system for i in plan.indicators if i.source and i.source.system}
            ),
        },
    }


def _matrix(follow_ups: list[PlanFollowUp], plan: Plan, words: Words) -> dict[str, Any]:
    """Area × year, like the seed's "Sammanställning av mål"."""
    years = sorted(f.year for f in follow_ups)
    by_year = {f.year: {e.goal.id: e for e in f.evaluations} for f in follow_ups}
    rows = []
    for area in plan.areas:
        ids = {a.id for a, _ in iter_areas([area])}
        cells = []
        for year in years:
            found = [e for e in by_year[year].values() if e.goal.area.rpartition("/")[2] in ids]
            cells.append(
                [
                    {
                        "text": (e.goal.short or e.goal.text).strip()
                        + (f" (bedömt; beräknat {words[e.computed]})" if e.computed else ""),
                        "status": status(e.status, words),
                        "forecast_status": forecast(e.forecast_status, words),
                    }
                    for e in found
                ]
            )
        rows.append({"area": area.title, "cells": cells})
    return {"years": years, "rows": rows}
