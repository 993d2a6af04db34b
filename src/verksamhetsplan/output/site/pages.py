"""`vp site`: a static website of every plan and its follow-up, built offline.

Pages are plain HTML with relative links (it works from file:// and any static host), no
JavaScript, the report's stylesheet and status symbols, and stable addresses made from
ids, so a link to a goal keeps working next year:

    index.html                                start page: every plan and its verdicts
    <plan>/index.html                         a plan: areas, goals, activities, analysis
    <plan>/mal/<goal>.html                    a goal: verdict per year, the computation
    <plan>/nyckeltal/<indicator>.html|.csv|.json   an indicator's values
    <kf-plan>/kf/<council-goal>.html          a council goal: what serves it

The same input gives byte-identical output: nothing depends on the time of the build
except through --as-of.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from ...common.swedish import number
from ...followup.council import council_chains, council_plans
from ...followup.words import coverage_text, status_words
from ..report.goal_context import activity, goal_chart
from ..report.shown import status
from ..small_charts import sparkline
from ..terminal.explain import explain


def build_site(repository: Any, as_of: dt.date, templates: Any) -> dict[str, bytes]:
    """Every file of the site by its relative path."""
    from ...followup.rollup import default_year

    files: dict[str, str | bytes] = {}
    plans = sorted(repository.with_goals(), key=lambda p: p.plan.id)
    latest = {}
    for plan_file in plans:
        plan = plan_file.plan
        words = status_words(plan.follow_up)
        year = default_year(plan_file, as_of)
        history = [repository.follow_up(plan_file, y, as_of) for y in plan.period.years]
        current = next(f for f in history if f.year == year)
        latest[plan.id] = (current, words)
        lookup = repository.lookup_for(plan_file, None)
        base = f"{plan.id}/"
        files[base + "index.html"] = templates(
            "site_plan.html.j2",
            **_plan_page(current, words),
            **_latest_analysis(repository.root, plan, year),
        )
        for goal in plan.goals:
            rows = []
            newest = None  # the goal's evaluation in its latest year
            for f in history:
                found = [e for e in f.evaluations if e.goal.id == goal.id]
                if found:
                    e = newest = found[0]
                    rows.append(
                        {
                            "year": f.year,
                            "status": status(e.status, words),
                            "lines": explain(e, words),
                        }
                    )
            series = (
                [o for o in lookup(goal.indicator.rpartition("/")[2], "T") if o.value is not None]
                if goal.indicator
                else []
            )[-8:]
            files[f"{base}mal/{goal.id}.html"] = templates(
                "site_goal.html.j2",
                plan=_plan(plan),
                goal=_goal_text(goal),
                rows=rows,
                indicator=goal.indicator,
                title=(goal.short or goal.text).strip(),
                # the goal's chart as the report draws it, for its latest year
                chart=goal_chart(newest, lookup, as_of)
                if newest is not None and newest.indicator is not None and newest.target is not None
                else None,
                values=[{"period": o.period, "shown": number(o.value, 6)} for o in series],
            )
        for indicator in plan.indicators:
            values = sorted(
                (o.period, gender, o.value, o.missing)
                for gender in ("T", "K", "M")
                for o in lookup(indicator.id, gender)
            )
            table = [{"period": p, "gender": g, "value": v, "missing": m} for p, g, v, m in values]
            path = f"{base}nyckeltal/{indicator.id}"
            files[path + ".json"] = (
                json.dumps(
                    {"indicator": indicator.id, "title": indicator.title, "values": table},
                    ensure_ascii=False,
                    indent=1,
                )
                + "\n"
            )
            files[path + ".csv"] = _csv(table)
            totals = [v for p, g, v, m in values if g == "T" and v is not None]
            files[path + ".html"] = templates(
                "site_indicator.html.j2",
                plan=_plan(plan),
                indicator=indicator,
                rows=[
                    {
                        **r,
                        "shown": "–" if r["value"] is None else number(r["value"], 6),
                    }
                    for r in table
                ],
                chart=sparkline(totals[-8:]),
                kolada=bool(indicator.source and indicator.source.kolada),
            )
    councils = sorted(council_plans(repository.plans), key=lambda p: p.plan.id)
    council_pages = []
    for council in councils:
        year = default_year(council, as_of)
        follow_ups = [latest[p.plan.id][0] for p in plans if latest[p.plan.id][0].year == year]
        for chain in council_chains(council, follow_ups):
            words = status_words(council.plan.follow_up)
            path = f"{council.plan.id}/kf/{chain.council_goal.id}.html"
            council_pages.append(
                {
                    "path": path,
                    "title": chain.council_goal.title,
                    "status": status(chain.tally.summary, words),
                    "served": bool(chain.contributions),
                }
            )
            files[path] = templates(
                "site_council.html.j2",
                plan=_plan(council.plan),
                goal=chain.council_goal,
                status=status(chain.tally.summary, words),
                coverage=coverage_text(chain.tally),
                contributions=[
                    {
                        "board": c.board,
                        "plan": c.follow_up.plan_file.plan.id,
                        "goals": [
                            {
                                "id": e.goal.id,
                                "text": (e.goal.short or e.goal.text).strip(),
                                "status": status(e.status, words),
                            }
                            for e in c.evaluations
                        ],
                    }
                    for c in chain.contributions
                ],
                absent=chain.absent,
            )
    files["index.html"] = templates(
        "site_index.html.j2",
        plans=[
            {
                "id": pid,
                "title": f.plan_file.plan.title,
                "year": f.year,
                "board": f.plan_file.plan.board or f.plan_file.plan.organisation,
                "status": status(f.tally.summary, w),
                "coverage": coverage_text(f.tally),
            }
            for pid, (f, w) in sorted(latest.items())
        ],
        council=council_pages,
    )
    return {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in sorted(files.items())}


def _latest_analysis(root: Path, plan: Any, year: int) -> dict[str, Any]:
    """The administration's most recent analysis of the plan as a whole, up to the year."""
    from ...data.periods import follow_up_period, period_end
    from ...followup.words import period_text
    from ...plan.analysis import ANALYSES, load_analysis
    from ..report.richtext import parse

    folder = root / ANALYSES / plan.id
    found = [follow_up_period(f.stem) for f in folder.glob("*.md")] if folder.is_dir() else []
    periods = sorted((p for p in found if p and int(p[:4]) <= year), key=period_end)
    for period in reversed(periods):
        # known: the plan alone; the other sections (areas, goals) are not shown here
        analysis, _ = load_analysis(root, plan.id, period, [plan.id])
        text = analysis.text_for(plan.id) if analysis is not None else None
        if text:
            return {"analysis": parse(text), "analysis_period": period_text(period)}
    return {"analysis": None, "analysis_period": None}


def _plan(plan: Any) -> dict[str, Any]:
    return {
        "id": plan.id,
        "title": plan.title,
        "organisation": plan.organisation,
        "board": plan.board or "",
    }


def _goal_text(goal: Any) -> dict[str, Any]:
    return {"id": goal.id, "text": goal.text.strip(), "years": goal.years}


def _plan_page(f: Any, words: Any) -> dict[str, Any]:
    plan = f.plan_file.plan
    return {
        "plan": _plan(plan),
        "year": f.year,
        "title": plan.title,
        "status": status(f.tally.summary, words),
        "coverage": coverage_text(f.tally),
        "areas": [
            {
                "title": a.area.title,
                "goals": [
                    {
                        "id": e.goal.id,
                        "text": (e.goal.short or e.goal.text).strip(),
                        "status": status(e.status, words),
                        "measures": [
                            {
                                "text": (
                                    (p.measure.text or p.measure.id) if p.measure else ""
                                ).strip(),
                                "status": status(p.status, words),
                            }
                            for p in e.measures
                        ],
                    }
                    for e in a.evaluations
                ],
            }
            for a in f.areas
            if a.depth == 0 and a.evaluations
        ],
        "indicators": [{"id": i.id, "title": i.title} for i in plan.indicators],
        # each with its latest follow-up and comment, as the report shows them
        "activities": [activity(a, {}, f.as_of, None) for a in plan.activities],
    }


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, ["period", "gender", "value", "missing"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
