"""Fullmäktige's goals followed through every board: for each council goal of a council
plan (KF or KS), the areas and goals of every other plan in the repository that serve it,
and a consolidated verdict by the council plan's own roll-up rule, with its coverage."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..plan.load import PlanFile
from ..plan.model import Area, CouncilGoal
from .attainment import Evaluation
from .rollup import CouncilFollowUp, PlanFollowUp, tally_of
from .summary import Summing, Tally


@dataclass
class Contribution:
    """What one board's plan does for a council goal."""

    follow_up: PlanFollowUp
    areas: list[Area]
    evaluations: list[Evaluation]
    tally: Tally
    # the level below: plans whose goals serve one of these goals, by goal id
    below: dict[str, list[tuple[PlanFollowUp, list[Evaluation]]]] = field(default_factory=dict)

    @property
    def board(self) -> str:
        plan = self.follow_up.plan_file.plan
        return plan.board or plan.administration or plan.title


@dataclass
class CouncilChain:
    council_plan: PlanFile
    council_goal: CouncilGoal
    ref: str  # plan-id/goal-id
    contributions: list[Contribution]
    tally: Tally  # every contributing goal, by the council plan's rule
    absent: list[str] = field(default_factory=list)  # boards asked (`boards`) that give nothing


def for_board(chains: list[CouncilChain], board: str) -> list[CouncilChain]:
    """The chains as one board's part of them (`vp tree --board`): its contributions, and
    the board among the absent only if it is absent itself."""
    wanted = board.casefold()
    return [
        replace(
            chain,
            contributions=[c for c in chain.contributions if wanted in c.board.casefold()],
            absent=[b for b in chain.absent if wanted in b.casefold()],
        )
        for chain in chains
    ]


def council_plans(plans: list[PlanFile]) -> list[PlanFile]:
    return [p for p in plans if p.plan.council_goals]


def council_chains(council_plan: PlanFile, follow_ups: list[PlanFollowUp]) -> list[CouncilChain]:
    """Every council goal of the plan with what the boards' follow-ups contribute to it; a
    goal nobody serves keeps an empty list: the gap the council must see."""
    summing = Summing.of(council_plan.plan.follow_up.rollup)
    chains = []
    for council_goal in council_plan.plan.council_goals:
        ref = f"{council_plan.plan.id}/{council_goal.id}"
        contributions = []
        for follow_up in follow_ups:  # the council plan's own goals too, if it has any
            for served in follow_up.council:
                if _full(served, follow_up) == ref and (served.areas or served.evaluations):
                    contribution = Contribution(
                        follow_up, served.areas, served.evaluations, served.tally
                    )
                    contribution.below = _below(follow_up, served.evaluations, follow_ups)
                    contributions.append(contribution)
        every = [e for c in contributions for e in c.evaluations]
        present = {c.board.casefold() for c in contributions}
        absent = [b for b in council_goal.boards if b.casefold() not in present]
        chains.append(
            CouncilChain(
                council_plan, council_goal, ref, contributions, tally_of(every, summing), absent
            )
        )
    return chains


def _below(
    follow_up: PlanFollowUp, evaluations: list[Evaluation], follow_ups: list[PlanFollowUp]
) -> dict[str, list[tuple[PlanFollowUp, list[Evaluation]]]]:
    """The goals of other plans (a verksamhetsområde's) that serve these goals: the third
    level. Shown under the goal they serve, not counted again in the council's verdict."""
    plan_id = follow_up.plan_file.plan.id
    found: dict[str, list[tuple[PlanFollowUp, list[Evaluation]]]] = {}
    for e in evaluations:
        key = f"{plan_id}/{e.goal.id}"
        for other in follow_ups:
            serving = [x for x in other.evaluations if key in x.goal.serves]
            if serving and other is not follow_up:
                found.setdefault(e.goal.id, []).append((other, serving))
    return found


def _full(served: CouncilFollowUp, follow_up: PlanFollowUp) -> str:
    """A reference as written (local, or plan-id/id across files) made whole."""
    return served.ref if "/" in served.ref else f"{follow_up.plan_file.plan.id}/{served.ref}"
