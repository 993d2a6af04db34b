"""`vp tree`: the chain from fullmäktige's goals through the boards' areas and goals to
their measures and activities, as indented text (wrapped to the terminal) or JSON."""

from __future__ import annotations

import textwrap
from typing import Any

from ...common.swedish import printable
from ...followup.council import CouncilChain
from ...followup.words import ACTIVITY_WORDS, coverage_text, status_text


def tree_text(chains: list[CouncilChain], width: int) -> str:
    lines: list[str] = []

    def put(indent: int, text: str) -> None:
        pieces = textwrap.wrap(printable(text), max(20, width - indent - 2), break_on_hyphens=False)
        for k, piece in enumerate(pieces or [""]):
            lines.append(" " * (indent + (2 if k else 0)) + piece)

    for council_plan in _plans(chains):
        plan = council_plan.plan
        put(0, f"{plan.board or plan.organisation}: {plan.title}")
        for chain in (c for c in chains if c.council_plan is council_plan):
            if not chain.contributions:
                put(0, f"{chain.council_goal.title}: ingen nämnd tjänar målet")
                if chain.absent:
                    put(2, "ombedda men utan bidrag: " + ", ".join(chain.absent))
                continue
            summary = status_text(chain.tally.summary)
            put(0, f"{summary}  {chain.council_goal.title} ({coverage_text(chain.tally)})")
            if chain.absent:
                put(2, "ombedda men utan bidrag: " + ", ".join(chain.absent))
            for contribution in chain.contributions:
                follow_up = contribution.follow_up
                own = follow_up.plan_file.plan
                verdict = status_text(contribution.tally.summary)
                coverage = coverage_text(contribution.tally)
                put(2, f"{contribution.board} – {own.title}: {verdict} ({coverage})")
                if contribution.areas:
                    put(4, "områden: " + ", ".join(a.title for a in contribution.areas))
                for e in contribution.evaluations:
                    put(4, f"{status_text(e.status)}  {e.goal.id}: {e.goal.short or e.goal.text}")
                    for below, serving in contribution.below.get(e.goal.id, []):
                        unit = below.plan_file.plan
                        put(6, f"{unit.administration or unit.board or unit.title}: {unit.title}")
                        for x in serving:
                            text = x.goal.short or x.goal.text
                            put(8, f"{status_text(x.status)}  {x.goal.id}: {text}")
                    for part in e.measures:
                        measure = part.measure.id if part.measure else ""
                        put(6, f"{status_text(part.status)}  mått {measure}")
                    for activity in own.activities_of(e.goal.id):
                        state = ACTIVITY_WORDS[activity.status_on(follow_up.as_of)]
                        put(6, f"aktivitet {activity.id}: {state}")
        lines.append("")
    return "\n".join(lines)


def _plans(chains: list[CouncilChain]) -> list[Any]:
    seen: list[Any] = []
    for chain in chains:
        if all(chain.council_plan is not p for p in seen):
            seen.append(chain.council_plan)
    return seen


def tree_record(chains: list[CouncilChain], year: int) -> dict[str, Any]:
    plans = []
    for council_plan in _plans(chains):
        goals = []
        for chain in (c for c in chains if c.council_plan is council_plan):
            goals.append(
                {
                    "council_goal": chain.ref,
                    "title": chain.council_goal.title,
                    "status": chain.tally.summary.value,
                    "measured": chain.tally.measured,
                    "due": chain.tally.due,
                    "absent_boards": chain.absent,
                    "contributions": [
                        {
                            "plan": c.follow_up.plan_file.plan.id,
                            "board": c.board,
                            "status": c.tally.summary.value,
                            "areas": [a.id for a in c.areas],
                            "goals": [
                                {
                                    "goal": e.goal.id,
                                    "status": e.status.value,
                                    "measures": [
                                        {
                                            "measure": p.measure.id if p.measure else None,
                                            "status": p.status.value,
                                        }
                                        for p in e.measures
                                    ],
                                    "served_by": [
                                        {
                                            "plan": below.plan_file.plan.id,
                                            "unit": below.plan_file.plan.administration
                                            or below.plan_file.plan.board,
                                            "goals": [
                                                {"goal": x.goal.id, "status": x.status.value}
                                                for x in serving
                                            ],
                                        }
                                        for below, serving in c.below.get(e.goal.id, [])
                                    ],
                                    "activities": [
                                        {
                                            "activity": a.id,
                                            "status": a.status_on(c.follow_up.as_of).value,
                                        }
                                        for a in c.follow_up.plan_file.plan.activities_of(e.goal.id)
                                    ],
                                }
                                for e in c.evaluations
                            ],
                        }
                        for c in chain.contributions
                    ],
                }
            )
        plans.append({"plan": council_plan.plan.id, "year": year, "council_goals": goals})
    return {"council_plans": plans}
