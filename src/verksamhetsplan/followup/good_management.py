"""God ekonomisk hushållning (KL 11 kap. 1 och 5 §§, LKBR 11 kap. 12 §, RKR R15): the
summary judgement fullmäktige's plan declares, from its financial goals and the boards'
verksamhetsmål together.

The rule: uppnås when every financial goal is achieved and more than the declared share
(default half) of the verksamhetsmål that could be judged are at least partly achieved;
delvis when one of the two holds; inte when neither. In a running year (a delårsrapport,
RKR R17) each goal counts by its forecast verdict where it has one, and the judgement is a
forecast ("bedöms …"). A financial goal without an outcome or forecast leaves the judgement
open, said why. Goals measured by an economy indicator are financial goals, not
verksamhetsmål, wherever they stand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..plan.load import PlanFile
from .attainment import Evaluation, Result
from .measures import evaluate_goal

MET = (Result.ACHIEVED, Result.PARTIAL)
JUDGED = (Result.ACHIEVED, Result.PARTIAL, Result.NOT_ACHIEVED)


@dataclass
class Judgement:
    status: Result  # achieved, partial, not_achieved, or no_data when it cannot be made
    forecast: bool  # made from forecasts in a running year
    financial: list[tuple[Evaluation, Result | None]] = field(default_factory=list)
    operational_met: int = 0
    operational_judged: int = 0
    share: float = 0.5
    reason: str | None = None


def counted(e: Evaluation) -> Result | None:
    """The status a goal counts with: its forecast verdict in a running year, else its own."""
    if e.forecast and e.forecast_status is not None:
        return e.forecast_status
    return e.status if e.status in JUDGED else None


def _financial(e: Evaluation) -> bool:
    parts = e.measures or (e,)
    return any(p.indicator is not None and p.indicator.economy is not None for p in parts)


def judge(
    council: PlanFile,
    repository: Any,
    follow_ups: list[Any],
    year: int,
    period: str | None,
    as_of: dt.date,
) -> Judgement | None:
    rule = council.plan.good_management
    if rule is None:
        return None
    index = repository.index
    plan_id = council.plan.id

    def resolve(ref: str) -> Any:
        entry = index.resolve(ref, "indicator", plan_id)
        return entry.value if entry is not None else None

    lookup = repository.lookup_for(council, set(range(council.plan.period.start - 1, year + 1)))
    financial = [
        evaluate_goal(goal, year, resolve, lookup, as_of, period=period)
        for goal in rule.financial_goals
        if year in goal.years
    ]
    boards = [e for f in follow_ups for e in f.evaluations]
    financial += [e for e in boards if _financial(e)]
    operational = [counted(e) for e in boards if not _financial(e)]
    judged = [r for r in operational if r is not None]
    met = sum(1 for r in judged if r in MET)
    running = any(e.forecast for e in financial + boards)
    found = Judgement(
        Result.NO_DATA,
        running,
        [(e, counted(e)) for e in financial],
        met,
        len(judged),
        rule.operational_share,
    )
    open_goals = [e.goal.id for e, r in found.financial if r is None]
    if not financial or open_goals or not judged:
        found.reason = (
            "inga finansiella mål för året"
            if not financial
            else f"de finansiella målen {', '.join(open_goals)} kan inte bedömas ännu"
            if open_goals
            else "inga verksamhetsmål kan bedömas ännu"
        )
        return found
    financial_ok = all(r is Result.ACHIEVED for _, r in found.financial)
    operational_ok = met / len(judged) > rule.operational_share
    found.status = (
        Result.ACHIEVED
        if financial_ok and operational_ok
        else Result.PARTIAL
        if financial_ok or operational_ok
        else Result.NOT_ACHIEVED
    )
    return found
