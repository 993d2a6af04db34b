"""The site's pages of a council plan (kommunfullmäktiges mål): one per council goal with
what the boards' goals contribute, and the plan's list of them."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Iterator
from typing import Any

from ...followup.council import council_chains
from ...followup.words import coverage_text, status_words
from ..report.shown import status


def list_page(has_goals: bool) -> str:
    """Where a council plan's list of its goals stands in the plan's folder: index.html, or
    kf/index.html beside the goals' pages when the plan has goals of its own (Bromölla's),
    whose follow-up is index.html."""
    return "kf/index.html" if has_goals else "index.html"


def council_files(
    council: Any,
    current: list[Any],
    has_goals: bool,
    templates: Callable[..., str],
    as_of: dt.date,
    shown_plan: dict[str, Any],
    listed: list[dict[str, Any]],
) -> Iterator[tuple[str, bytes]]:
    """The pages of one council plan, given every board plan's current follow-up; each
    council goal is added to `listed` for the start page; the list is at list_page()."""
    from ...followup.rollup import default_year

    ident = council.plan.id
    year = default_year(council, as_of)
    words = status_words(council.plan.follow_up)
    index = f"{ident}/{list_page(has_goals)}"
    first = len(listed)
    for chain in council_chains(council, [f for f in current if f.year == year]):
        path = f"{ident}/kf/{chain.council_goal.id}.html"
        listed.append(
            {
                "path": path,
                "title": chain.council_goal.title,
                "status": status(chain.tally.summary, words),
                "served": bool(chain.contributions),
            }
        )
        page = templates(
            "site_council.html.j2",
            plan=shown_plan,
            plan_index=posixpath.relpath(index, posixpath.dirname(path)),
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
            year=year,
        )
        yield path, page.encode("utf-8")
    here = posixpath.dirname(index)
    page = templates(
        "site_council_plan.html.j2",
        plan=shown_plan,
        root_path="../" * index.count("/"),
        year=year,
        goals=[{**c, "path": posixpath.relpath(c["path"], here)} for c in listed[first:]],
    )
    yield index, page.encode("utf-8")
