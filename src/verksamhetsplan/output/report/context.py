"""The nämnd report: a plan's follow-up as plain data for the templates, and its rendering.

Numbers, dates and statuses are formatted here, in Swedish, so that templates
only place text and a municipality's own template cannot get the formatting wrong.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...data.observation import Lookup
from ...data.periods import period_end, period_start
from ...followup.attainment import Result
from ...followup.rollup import PlanFollowUp, area_chain, area_parents
from ...followup.words import (
    MONTHS,
    coverage_text,
    forecast_words,
    long_date,
    period_text,
    rule_text,
    status_words,
    summary_rule_text,
)
from ...plan.analysis import Analysis
from ...plan.model import Plan, iter_areas
from .figures import key_figures, without_values
from .goal_context import activity, analysis_blocks, free_sections, goal_context
from .shown import Words, counts, forecast, forecast_counts, status

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
    controls: list[Any] | None = None,
    economy: Any = None,
) -> dict[str, Any]:
    """Everything a report template needs, for the follow-up of `year` (in follow_ups; a
    period follow-up, 2018-T2, when the report is about part of the year), with the board's
    internkontrollplaner (plan.control.ControlFile) for the year and its economy
    (followup.economy.EconomyFollowUp), if any."""
    current = next(f for f in follow_ups if f.year == year)
    plan = current.plan_file.plan
    area_titles = {area.id: area.title for area, _ in iter_areas(plan.areas)}
    words = status_words(plan.follow_up)
    # A period report knows what was known at the period's end, nothing later.
    cutoff = min(current.as_of, period_end(current.period)) if current.period else current.as_of
    # Activities not followed up since the period began are marked (the year: since 1 January).
    since = period_start(current.period) if current.period else dt.date(current.year, 1, 1)
    goals = [
        goal_context(
            e,
            plan,
            area_titles,
            words,
            cutoff,
            analysis,
            current.as_of,
            current.comparisons,
            since,
            lookup,
        )
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
                "analysis": analysis_blocks(analysis, summary.area.id),
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
    free_after, economy_warning = _free_after(
        analysis, controls, economy, year, current.as_of, current.period
    )
    return {
        # the colophon: the version facts, apart from the method's plain Swedish
        "version_text": f"Om rapporten: {version}; data till och med {data_through or '–'}; "
        f"beräknad per {long_date(current.as_of)}.",
        "title": report_title(plan, year, current.period),
        "subtitle": f"Uppföljning av {KIND_WORDS[plan.kind.value]} {plan.period.text}",
        "period": period_context(year, current.period),
        "analysis": analysis_blocks(analysis, plan.id),
        "free_before": free_sections(analysis, before=True),
        # Results count from their date like assessments: a T2 control is reported after T2.
        "free_after": free_after,
        "economy_warning": economy_warning,
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
            "bars": _status_bars(sections, counts(current.tally, words)),
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
            activity(a, area_titles, cutoff, since, plan.roles) for a in plan.activities
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


def _free_after(
    analysis: Analysis | None,
    controls: Any,
    economy: Any,
    year: int,
    as_of: dt.date,
    period: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    """The sections after the goals: the analysis's own, with Ekonomi and Intern kontroll
    holding their follow-ups; and the warning of a deficit without åtgärder."""
    from .control_context import plan_records, with_control_section
    from .economy_context import economy_section, with_economy_section

    free, warning = with_economy_section(
        free_sections(analysis, before=False), economy_section(economy)
    )
    return with_control_section(free, plan_records(controls or [], year, as_of, period)), warning


def _status_bars(sections: list[dict[str, Any]], total: list[dict[str, Any]]) -> Any:
    """The summary's counts as a chart: a bar per area and one for the whole plan."""
    from markupsafe import Markup

    from ..small_charts import status_bars

    rows = [(area["title"], area["counts"]) for area in sections] + [("Totalt", total)]
    return {"svg": Markup(status_bars(rows, "maluppfyllelse")), "rows": rows}


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
