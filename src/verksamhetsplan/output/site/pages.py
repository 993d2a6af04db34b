"""`vp site`: a static website of every plan and its follow-up, built offline, for a
resident first: where the municipality stands in plain Swedish, the computation one click
away.

Pages are plain HTML with relative links (it works from file:// and any static host), no
JavaScript, the report's stylesheet and status symbols, and stable addresses made from
ids, so a link to a goal keeps working next year:

    index.html                                start page: every plan, where its goals stand
    om-uppfoljningen.html                     how the verdicts are made, in plain Swedish
    <plan>/index.html, <plan>/<year>.html     a plan's follow-up: the current year, each year
    <plan>/mal/<goal>.html                    a goal: promise, outcome, chart, analysis
    <plan>/nyckeltal/index.html               the plan's indicators
    <plan>/nyckeltal/<indicator>.html|.csv|.json   an indicator's values
    <kf-plan>/kf/<council-goal>.html          a council goal: what serves it

The same input gives byte-identical output: nothing depends on the time of the build
except through --as-of.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ...followup.attainment import Result
from ...followup.council import council_plans
from ...followup.words import (
    STATUS_ORDER,
    coverage_text,
    forecast_words,
    long_date,
    period_text,
    rule_text,
    status_words,
    summary_rule_text,
)
from ..report.goal_context import activity
from ..report.richtext import parse
from ..report.shown import status
from .catalog import Dataset, catalogue
from .council_page import council_files, list_page
from .goal_page import goal_page
from .indicator_page import (
    OWN_LICENCE,
    indicator_page,
    licence_of,
    open_data,
    rows_of,
    source_of,
)


def build_site(
    repository: Any, as_of: dt.date, templates: Any, base_url: str = ""
) -> Iterator[tuple[str, bytes]]:
    """Every file of the site with its relative path, a plan's at a time (kept whole, a site
    of every plan's open data needs memory for all of it); `base_url` makes the open-data
    catalogue's addresses absolute."""
    from ...followup.rollup import default_year
    from ..export.status import csv_rows, plan_record, to_csv, to_json

    files = _Emitted()
    datasets: list[Dataset] = []
    plans = sorted(repository.with_goals(), key=lambda p: p.plan.id)
    latest = {}
    for plan_file in plans:
        plan = plan_file.plan
        words = status_words(plan.follow_up)
        year = default_year(plan_file, as_of)
        # The years with goals (and the current one): a plan for 2026–2200 is not followed
        # up in 175 empty pages, and costs what its goals' years cost.
        years = {y for g in plan.goals for y in g.years if y in plan.period.years} | {year}
        history = [repository.follow_up(plan_file, y, as_of) for y in sorted(years)]
        current = next(f for f in history if f.year == year)
        latest[plan.id] = (current, words, history)
        lookup = repository.lookup_for(plan_file, None)
        base = f"{plan.id}/"
        analyses = {f.year: shown_analysis(repository.root, plan, f.year, as_of) for f in history}
        results = []
        for f in history:
            results += [f"{base}uppfoljning-{f.year}.csv", f"{base}uppfoljning-{f.year}.json"]
            files[results[-2]] = to_csv(csv_rows(f))
            files[results[-1]] = to_json([plan_record(f)])
            page = templates(
                "site_plan.html.j2",
                **_plan_page(f, words, analyses[f.year], _economy(repository, f, as_of)),
                years=[h.year for h in history],
                current=year,
            )
            files[f"{base}{f.year}.html"] = page
            if f.year == year:
                files[base + "index.html"] = page
        for goal in plan.goals:
            found = [(f, e) for f in history for e in f.evaluations if e.goal.id == goal.id]
            in_year = analyses[found[-1][0].year] if found else None
            text = in_year[1].text_for(goal.id) if in_year and in_year[1] else None
            files[f"{base}mal/{goal.id}.html"] = templates(
                "site_goal.html.j2",
                plan=_plan(plan),
                indicator=goal.indicator,
                **goal_page(
                    goal,
                    found,
                    lookup,
                    as_of,
                    words,
                    (period_text(in_year[0]), parse(text)) if in_year and text else None,
                    [
                        a
                        for a in plan.activities
                        if goal.id in {r.rpartition("/")[2] for r in a.goals}
                    ],
                    plan.roles,
                ),
            )
        datasets.append(
            Dataset(
                f"{base}index.html",
                f"Uppföljning av {plan.title}",
                f"Målen i {plan.title} med status, utfall, målvärde och basvärde per år "
                f"({plan.organisation}).",
                plan.organisation,
                OWN_LICENCE,
                results,
                ["verksamhetsplan", "måluppfyllelse", plan.board or plan.organisation],
                "year",
            )
        )
        users = _goals_using(plan)
        for indicator in plan.indicators:
            rows = rows_of(indicator, lookup)
            path = f"{base}nyckeltal/{indicator.id}"
            files[path + ".csv"], files[path + ".json"] = open_data(indicator, rows)
            datasets.append(
                Dataset(
                    path + ".html",
                    f"{indicator.title} ({plan.board or plan.organisation})",
                    f"Nyckeltalet {indicator.title} i {plan.title}, per period"
                    + (" och kön" if indicator.by_gender else "")
                    + f". Källa: {source_of(indicator)}.",
                    plan.organisation,
                    licence_of(indicator),
                    [path + ".csv", path + ".json"],
                    ["nyckeltal", plan.board or plan.organisation],
                    indicator.frequency.value,
                )
            )
            files[path + ".html"] = templates(
                "site_indicator.html.j2",
                plan=_plan(plan),
                **indicator_page(indicator, rows, users.get(indicator.id, [])),
            )
        files[f"{base}nyckeltal/index.html"] = templates(
            "site_indicators.html.j2",
            plan=_plan(plan),
            indicators=[
                {"id": i.id, "title": i.title, "source": source_of(i), "licence": licence_of(i)}
                for i in plan.indicators
            ],
        )
        yield from files.made()  # one plan's pages at a time
    councils = sorted(council_plans(repository.plans), key=lambda p: p.plan.id)
    council_pages: list[dict[str, Any]] = []
    current = [latest[p.plan.id][0] for p in plans]
    council_index = []
    for council in councils:
        has_goals = council.plan.id in latest
        yield from council_files(
            council, current, has_goals, templates, as_of, _plan(council.plan), council_pages
        )
        council_index.append(
            {"id": council.plan.id, "title": council.plan.title, "path": list_page(has_goals)}
        )
    organisations = sorted({f.plan_file.plan.organisation for f, _, _ in latest.values()})
    files["index.html"] = templates(
        "site_index.html.j2",
        organisations=organisations,
        as_of=long_date(as_of),
        plans=[
            {
                "id": pid,
                "title": f.plan_file.plan.title,
                "year": f.year,
                "years": [h.year for h in history],
                "board": f.plan_file.plan.board or f.plan_file.plan.organisation,
                "status": status(f.tally.summary, w),
                "coverage": coverage_text(f.tally),
                "bars": _bars(f, w),
                "data_through": long_date(f.data_through) if f.data_through else None,
            }
            for pid, (f, w, history) in sorted(latest.items())
        ],
        council=council_pages,
        councils=council_index,
        legend=[status(r, {}) for r in (*STATUS_ORDER, Result.NOT_ASSESSABLE)],
    )
    files["catalog.ttl"] = catalogue(
        f"Verksamhetsplaner och uppföljning – {', '.join(organisations)}",
        organisations,
        datasets,
        as_of,
        base_url,
    )
    files["oppna-data.html"] = templates(
        "site_open_data.html.j2",
        datasets=[
            {"page": d.page, "title": d.title, "files": d.files, "licence": d.licence}
            for d in datasets
        ],
    )
    files["om-uppfoljningen.html"] = templates(
        "site_about.html.j2",
        plans=[
            {
                "title": f.plan_file.plan.title,
                "partial": rule_text(f.rule, w),
                "summary": summary_rule_text(f.summing, w),
                "words": [status(r, w) for r in STATUS_ORDER],
                "kolada": any(i.source and i.source.kolada for i in f.plan_file.plan.indicators),
            }
            for f, w, _ in (latest[pid] for pid in sorted(latest))
        ],
        forecasts=[
            forecast_words({})[r] for r in (Result.ACHIEVED, Result.PARTIAL, Result.NOT_ACHIEVED)
        ],
    )
    yield from files.made()


class _Emitted:
    """The files made since made() last handed them on; set as into a dict."""

    def __init__(self) -> None:
        self._waiting: list[tuple[str, bytes]] = []

    def __setitem__(self, name: str, content: str | bytes) -> None:
        self._waiting.append((name, content if isinstance(content, bytes) else content.encode()))

    def made(self) -> Iterator[tuple[str, bytes]]:
        waiting, self._waiting = self._waiting, []
        yield from waiting


def shown_analysis(root: Path, plan: Any, year: int, as_of: dt.date) -> tuple[str, Any] | None:
    """The analysis of the follow-up the site shows for a year, and its period: the year's
    own file once it exists, else the latest period of that year known on the as-of day.
    Never an earlier year's: a resident reads the analysis beside 2019 as 2019's."""
    from ...data.periods import follow_up_period, period_end
    from ...plan.analysis import ANALYSES, known_subjects, load_analysis

    folder = root / ANALYSES / plan.id
    found = [follow_up_period(f.stem) for f in folder.glob("*.md")] if folder.is_dir() else []
    periods = sorted(
        (p for p in found if p and int(p[:4]) == year and period_end(p) <= as_of),
        key=period_end,
    )
    for period in reversed(periods):
        analysis, _ = load_analysis(root, plan.id, period, known_subjects(plan))
        if analysis is not None:
            return period, analysis
    return None


def _plan(plan: Any) -> dict[str, Any]:
    return {
        "id": plan.id,
        "title": plan.title,
        "organisation": plan.organisation,
        "board": plan.board or "",
    }


def _economy(repository: Any, f: Any, as_of: Any) -> Any:
    """The plan's economy for the year, as the report's Ekonomi section shows it."""
    if f.plan_file.plan.economy is None:
        return None
    from ...followup.economy import follow_up
    from ..report.economy_context import economy_section

    ledger = repository.ledger(f.plan_file)
    return economy_section(follow_up(f.plan_file, ledger, f.year, None, as_of))


def _plan_page(
    f: Any, words: Any, shown: tuple[str, Any] | None, economy: Any = None
) -> dict[str, Any]:
    from ..report.economy_context import with_economy_section
    from ..report.goal_context import free_sections

    plan = f.plan_file.plan
    analysis = shown[1] if shown else None
    text = analysis.text_for(plan.id) if analysis else None
    return {
        "plan": _plan(plan),
        "council": list_page(has_goals=True) if plan.council_goals else None,
        "year": f.year,
        "title": plan.title,
        "status": status(f.tally.summary, words),
        "coverage": coverage_text(f.tally),
        "bars": _bars(f, words),
        "data_through": long_date(f.data_through) if f.data_through else None,
        "analysis": parse(text) if text else None,
        "analysis_period": period_text(shown[0]) if shown else None,
        "free": free_sections(analysis, before=True)
        + with_economy_section(free_sections(analysis, before=False), economy)[0],
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
        "activities": [
            activity(a, {}, min(f.as_of, dt.date(f.year, 12, 31)), None, plan.roles)
            for a in plan.activities
        ],
    }


def _bars(f: Any, words: Any) -> Any:
    """Where the goals stand, as bars with their words and numbers, per area and in total."""
    from markupsafe import Markup

    from ..report.shown import counts
    from ..small_charts import status_bars

    rows = [
        (a.area.title, counts(a.tally, words)) for a in f.areas if a.depth == 0 and a.evaluations
    ]
    rows.append(("Totalt", counts(f.tally, words)))
    return Markup(status_bars(rows, f"lage-{f.plan_file.plan.id}-{f.year}"))


def _goals_using(plan: Any) -> dict[str, list[dict[str, str]]]:
    """The goals that measure each indicator, by itself or through a measure."""
    found: dict[str, list[dict[str, str]]] = {}
    for goal in plan.goals:
        refs = {goal.indicator} | {m.indicator for m in goal.measures}
        for ref in sorted(r for r in refs if r):
            found.setdefault(ref.rpartition("/")[2], []).append(
                {
                    "id": goal.id,
                    "text": (goal.short or goal.text).strip(),
                    "years": ", ".join(map(str, goal.years)),
                }
            )
    return found
