"""Kommunstyrelsens målavstämning: the council plan's report, for the year or a period.
Per council goal the consolidated verdict, the forecast for the full year, every board's
goals with their verdicts (and the verksamhetsområden's beneath them), and the gaps."""

from __future__ import annotations

from typing import Any

from ...followup.council import CouncilChain
from ...followup.words import coverage_text, long_date, status_words
from ...plan.load import PlanFile
from .context import period_context, report_title
from .shown import forecast, forecast_counts, status


def build_council(
    council_plan: PlanFile, chains: list[CouncilChain], year: int, period: str | None
) -> dict[str, Any]:
    plan = council_plan.plan
    words = status_words(plan.follow_up)
    goals = []
    for chain in chains:
        goals.append(
            {
                "id": chain.council_goal.id,
                "title": chain.council_goal.title,
                "status": status(chain.tally.summary, words),
                "coverage": coverage_text(chain.tally),
                "forecasts": forecast_counts(chain.tally, words),
                "absent": chain.absent,
                "boards": [
                    {
                        "board": c.board,
                        "plan": c.follow_up.plan_file.plan.title,
                        "status": status(c.tally.summary, words),
                        "coverage": coverage_text(c.tally),
                        "goals": [
                            {
                                "id": e.goal.id,
                                "text": (e.goal.short or e.goal.text).strip(),
                                "status": status(e.status, words),
                                "forecast": forecast(e.forecast_status, words),
                                "below": [
                                    {
                                        "unit": f.plan_file.plan.administration
                                        or f.plan_file.plan.board
                                        or f.plan_file.plan.title,
                                        "goals": [
                                            {
                                                "text": (x.goal.short or x.goal.text).strip(),
                                                "status": status(x.status, words),
                                            }
                                            for x in serving
                                        ],
                                    }
                                    for f, serving in c.below.get(e.goal.id, [])
                                ],
                            }
                            for e in c.evaluations
                        ],
                    }
                    for c in chain.contributions
                ],
            }
        )
    title = report_title(plan, year, period)
    return {
        "title": f"Målavstämning – {title[0].lower()}{title[1:]}",
        "subtitle": f"Kommunfullmäktiges mål {plan.period.text}",
        "plan": {
            "title": plan.title,
            "organisation": plan.organisation,
            "board": plan.board or "",
            "adopted": long_date(plan.adopted.date) if plan.adopted else None,
        },
        "period": period_context(year, period),
        "goals": goals,
        "served": sum(1 for g in goals if g["boards"]),
        "gaps": [g["title"] for g in goals if not g["boards"]],
        "absent": [
            f"{chain.council_goal.title}: {', '.join(chain.absent)}"
            for chain in chains
            if chain.absent
        ],
    }
