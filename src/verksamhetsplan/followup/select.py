"""Which plans, years and analyses a command follows up: the choices `vp status`, `vp report`
and `vp data fetch` make from their options, the same for the CLI, the Python API and the
web application. A choice that cannot be made is `Refused` with usage=True."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..common.problems import Problem, Refused, Severity, suggest
from ..plan.load import PlanFile
from ..plan.model import iter_areas

if TYPE_CHECKING:
    from .repository import Repository
    from .rollup import PlanFollowUp


def chosen_plans(repository: Repository, plan: str | None) -> list[PlanFile]:
    """The plan named by --plan, or every plan with goals; an unknown id is refused."""
    from .repository import NotFound

    try:
        return [repository.plan(plan)] if plan else list(repository.with_goals())
    except NotFound:
        known = [p.plan.id for p in repository.plans]
        close = suggest(str(plan), known)
        raise Refused(
            f"planen {plan!r} finns inte",
            hint=f"Menade du {close!r}?" if close else "Planernas id: " + ", ".join(known),
            usage=True,
        ) from None


def check_area(repository: Repository, area: str) -> None:
    """--area must name an area of the plans: if not, say so, with the nearest id."""
    known = sorted({a.id for p in repository.plans for a, _ in iter_areas(p.plan.areas)})
    if area in known:
        return
    close = suggest(area, known)
    raise Refused(
        f"området {area!r} finns inte i de valda planerna",
        hint=f"Menade du {close!r}?" if close else "Områdenas id: " + ", ".join(known),
        usage=True,
    )


def status_plans(
    repository: Repository, plan: str | None, year: int | None, area: str | None = None
) -> list[PlanFile]:
    """The plans `vp status` shows: the chosen ones that cover the year (all when no year);
    a year outside the one named plan's period is refused."""
    chosen = chosen_plans(repository, plan)
    if area:
        check_area(repository, area)
    if year is None:
        return chosen
    outside = [p for p in chosen if year not in p.plan.period.years]
    if plan and outside:
        span = outside[0].plan.period.text
        raise Refused(f"{year} ligger utanför planperioden {span}", usage=True)
    return [p for p in chosen if p not in outside]


def report_plans(
    repository: Repository, plan: str | None, year: int | None, as_of: dt.date
) -> list[tuple[PlanFile, int]]:
    """The plans `vp report` writes, each with its year: the given one, or the plan's
    latest begun year; plans that do not cover it are left out, and none left is refused."""
    from .rollup import default_year

    chosen = []
    for plan_file in chosen_plans(repository, plan):
        plan_year = year if year is not None else default_year(plan_file, as_of)
        if plan_year in plan_file.plan.period.years:
            chosen.append((plan_file, plan_year))
    if not chosen:
        raise Refused(f"ingen plan med mål gäller {year}", usage=True)
    return chosen


def report_follow_ups(
    repository: Repository,
    plan_file: PlanFile,
    year: int,
    period: str | None,
    as_of: dt.date,
    as_of_given: bool,
) -> list[PlanFollowUp]:
    """The follow-ups a report of `year` (or of `period` inside it) shows: the plan's years
    up to that one, the last being the report's own. A report knows nothing of the years
    after its own, and costs what the years asked for cost, not the whole plan period."""
    first = plan_file.plan.period.start
    return [
        repository.follow_up(plan_file, y, as_of, period if y == year else None, as_of_given)
        for y in range(first, year + 1)
    ]


@dataclass
class ReportAnalysis:
    """The period's analysis for a report, and what is wrong with it."""

    analysis: Any  # plan.analysis.Analysis, or None when there is no file
    path: str  # the file, as problems name it
    broken: list[Problem]  # errors in the file: no report is written
    lacking: Problem | None  # VP403, sections missing: an error with strict, else a warning
    stale: Problem | None = None  # VP405: written before the period's latest judgement or data


def report_analysis(
    root: Path, plan_file: PlanFile, follow_up: PlanFollowUp, key: str, strict: bool
) -> ReportAnalysis:
    """The period's analysis (analyses/<plan>/<key>.md) for a report, with the sections it
    lacks for the plan, its top areas and the year's goals."""
    from ..plan.analysis import PLAN_SUBJECT, analysis_path, known_subjects, load_analysis, missing

    plan = plan_file.plan
    analysis, problems = load_analysis(root, plan.id, key, known_subjects(plan))
    file = analysis_path(root, plan.id, key)
    path = file.as_posix()
    if problems:
        return ReportAnalysis(analysis, path, problems, None)
    subjects = [
        plan.id,
        *(a.area.id for a in follow_up.areas if a.depth == 0),
        *(e.goal.id for e in follow_up.evaluations),
    ]
    stale = _stale(root, plan_file, key, file) if analysis is not None else None
    lacking = missing(analysis, subjects)
    if not lacking:
        return ReportAnalysis(analysis, path, [], None, stale)
    names = ", ".join(PLAN_SUBJECT if s == plan.id else s for s in lacking)
    message = (
        f"analys saknas för {len(lacking)} av {len(subjects)} avsnitt: {names}"
        if analysis is not None
        else f"filen finns inte; analys saknas för alla {len(subjects)} avsnitt"
    )
    problem = Problem(
        "VP403",
        message,
        Severity.ERROR if strict else Severity.WARNING,
        file=path,
        hint=f"Skriv en rubrik på nivå 1 per avsnitt ({PLAN_SUBJECT!r} eller områdets "
        "eller målets id) med analysen under; se dokumentationen, Förvaltningens analys.",
    )
    return ReportAnalysis(analysis, path, [], problem, stale)


def _stale(root: Path, plan_file: PlanFile, key: str, file: Path) -> Problem | None:
    """VP405 when the analysis was last changed before the period's latest assessment or
    its organisation's data: the numbers it cites may have moved since it was written."""
    from ..common.files import display_path
    from ..common.git import last_changed
    from ..data.layout import DEFAULT_DATA, organisation
    from .assessment import assessment_counts_from

    written = last_changed(root, file)
    newer = []
    judged = [
        assessment_counts_from(a)
        for goal in plan_file.plan.goals
        for a in goal.assessments
        if a.period == key and a.date is not None
    ]
    if judged and max(judged) > written:
        newer.append(f"en bedömning från {max(judged).isoformat()}")
    org = organisation(Path(plan_file.file), "plans")
    folder = root / DEFAULT_DATA / (org or "")
    data = [f for f in sorted(folder.glob("*.csv")) if f.is_file()] if folder.is_dir() else []
    changed = [(last_changed(root, f), f) for f in data]
    later = [(day, f) for day, f in changed if day > written]
    if later:
        day, newest = max(later)
        newer.append(f"data i {display_path(newest)} från {day.isoformat()}")
    if not newer:
        return None
    return Problem(
        "VP405",
        f"analysen ändrades senast {written.isoformat()}, men det finns "
        + " och ".join(newer)
        + "; siffrorna i texten kan ha ändrats sedan",
        Severity.WARNING,
        file=file.as_posix(),
        hint="Läs analysen mot rapportens siffror och spara den (eller committa den) igen.",
    )
