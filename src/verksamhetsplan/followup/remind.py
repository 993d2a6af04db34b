"""`vp remind`: who is reminded of what, and when, for a period's deadline.

A plan declares each period's last day (`follow_up.deadlines`). For a period of a month or
more (every follow-up period is) the people are reminded 28 days before it, 7 days before
it, and on the day after it when something is still missing. Each person gets one digest:
what `vp serve`'s Mitt arbete lists as due for them, plan by plan. A secretary's digest is
what is missing in each plan, by whom.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .work import PlanWork, work

# days before the deadline (negative: after it), and what the reminder is called
SCHEDULE = ((28, "first"), (7, "second"), (-1, "late"))


@dataclass
class Digest:
    account: Any
    kind: str  # first, second or late
    # each plan with something missing, its deadline, and the lines that say what
    plans: list[tuple[PlanWork, dt.date, list[str]]] = field(default_factory=list)


def reminder_days(deadline: dt.date) -> list[tuple[dt.date, str]]:
    return [(deadline - dt.timedelta(days=days), kind) for days, kind in SCHEDULE]


def kind_on(deadline: dt.date, today: dt.date) -> str | None:
    return next((kind for day, kind in reminder_days(deadline) if day == today), None)


def deadlines(repository: Any, period: str) -> dict[str, dt.date]:
    """Each plan's deadline for the period, by plan id."""
    return {
        p.plan.id: d.date
        for p in repository.plans
        for d in p.plan.follow_up.deadlines
        if str(d.period) == period
    }


def next_reminder(repository: Any, period: str, today: dt.date) -> dt.date | None:
    days = [
        day
        for deadline in deadlines(repository, period).values()
        for day, _ in reminder_days(deadline)
        if day > today
    ]
    return min(days, default=None)


def digests(
    repository: Any, accounts: list[Any], period: str, today: dt.date, force: bool = False
) -> list[Digest]:
    """The digests to send today: for each plan whose reminder day it is (or every plan with
    a deadline, `force`), each person with something missing there."""
    due_today = {}
    for plan_id, deadline in deadlines(repository, period).items():
        kind = kind_on(deadline, today)
        if kind or force:  # forced on another day: late after the deadline, else the first
            due_today[plan_id] = (deadline, kind or ("late" if today > deadline else "first"))
    if not due_today:
        return []
    found = []
    everything = work(repository, period, None, today)
    urgency = [kind for _, kind in SCHEDULE]
    for account in accounts:
        if account.sees_everything:
            theirs = everything
        elif account.responsible:
            theirs = work(repository, period, list(account.responsible), today)
        else:
            continue
        digest = Digest(account, "first")
        for here in theirs:
            plan_id = here.plan_file.plan.id
            if plan_id in due_today and here.due:
                deadline, kind = due_today[plan_id]
                digest.plans.append((here, deadline, [p.message for p in here.due]))
                digest.kind = max(digest.kind, kind, key=urgency.index)
        if digest.plans:
            found.append(digest)
    return found
