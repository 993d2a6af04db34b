"""The internkontroll follow-up in the reports: the "Intern kontroll" section of the nämnd's
report (in the place of the analysis's own "Internkontroll" section, whose text it carries),
the separate uppföljning av internkontrollplanen, and KS's sammanställning across boards."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...followup.control import follow_up
from ...followup.words import long_date
from ...plan.control import ControlFile
from ..control_records import METHOD_TEXT, records
from .context import period_context
from .goal_context import ORDERED_SECTIONS

TITLES = ("internkontroll", "intern kontroll")


def plan_records(
    controls: list[ControlFile], year: int, as_of: dt.date, period: str | None
) -> list[dict[str, Any]]:
    """Each internkontrollplan's records, with the period in words."""
    found = []
    for control_file in controls:
        record = records(follow_up(control_file, as_of, period))
        record["period_text"] = period_context(year, period)["text"]
        found.append(record)
    return found


def with_control_section(
    free_after: list[dict[str, Any]], plans: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The free sections after the goals, with "Intern kontroll" holding the follow-up: the
    analysis's own section becomes its text; without one, the section takes its place
    after Ekonomi and Personal."""
    if not plans:
        return free_after
    own = next((s for s in free_after if s["title"].casefold() in TITLES), None)
    section = {
        "title": "Intern kontroll",
        "id": "intern-kontroll",
        "blocks": own["blocks"] if own else [],
        "internal_control": plans,
    }
    if own is not None:
        return [section if s is own else s for s in free_after]
    after = ORDERED_SECTIONS.index("internkontroll")
    place = next(
        (
            i
            for i, s in enumerate(free_after)
            if s["title"].casefold() not in ORDERED_SECTIONS[:after]
        ),
        len(free_after),
    )
    return [*free_after[:place], section, *free_after[place:]]


def standalone(
    control_file: ControlFile, as_of: dt.date, period: str | None, analysis: Any, as_of_given: bool
) -> dict[str, Any]:
    """The uppföljning av internkontrollplanen: its own cover, the follow-up, the analysis."""
    from .goal_context import free_sections

    plan = control_file.plan
    record = plan_records([control_file], plan.year, as_of, period)[0]
    own = next((s for s in free_sections(analysis, False) if s["title"].casefold() in TITLES), None)
    adopted = plan.adopted
    return {
        "title": f"Uppföljning av internkontrollplan {plan.year}",
        "ic": record,
        "ic_analysis": own["blocks"] if own else None,
        "period": period_context(plan.year, period),
        "adopted": long_date(adopted.date) if adopted else None,
        "adopted_by": adopted.by if adopted else None,
        "reference": adopted.reference if adopted else None,
        "as_of": record["as_of_text"] if as_of_given else None,
        "method": METHOD_TEXT,
    }


def council_summary(
    controls: list[ControlFile], organisation: str, year: int, as_of: dt.date, period: str | None
) -> list[dict[str, Any]]:
    """KS's sammanställning: every board's internkontrollplan for the year in the
    municipality, with the controls that found deviations and the open actions."""
    mine = [c for c in controls if c.plan.organisation == organisation and c.plan.year == year]
    return plan_records(sorted(mine, key=lambda c: c.plan.board), year, as_of, period)
