"""The follow-up of an internkontrollplan on a day: each risk's value and place in the 4 × 4
matrix, each control's state per planned period, the deviations and the open actions.

A result counts from its date, like an assessment; a planned period that has ended without
one is "ej rapporterad", one that has not ended is "planerad". With a follow-up period
(2018-T2) the controls planned for later periods are left out, as the delårsrapport is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..data.periods import period_end, period_order, within
from ..plan.control import ControlFile, control_paths, load_control_plans
from ..plan.control_model import Action, Control, ControlPlan, Outcome, Result, Risk

# Risk value (probability × consequence, 1–16) → level, the usual four bands.
LEVELS = ((12, "mycket hög"), (8, "hög"), (4, "medel"), (1, "låg"))

# A control's state for a period, or for the year (the worst of its periods, in this order).
DEVIATION = "deviation"
MISSING = "missing"
NO_REMARK = "no_remark"
PLANNED = "planned"
ORDER = (DEVIATION, MISSING, NO_REMARK, PLANNED)


def level(value: int) -> str:
    return next(word for low, word in LEVELS if value >= low)


@dataclass
class ControlPeriod:
    period: str
    state: str
    result: Result | None = None


@dataclass
class ControlFollowUp:
    control: Control
    periods: list[ControlPeriod]

    @property
    def state(self) -> str:
        # The worst state of its periods; one still to come does not hide a result.
        states = {p.state for p in self.periods}
        return next((s for s in ORDER if s in states), PLANNED)


@dataclass
class RiskFollowUp:
    risk: Risk
    controls: list[ControlFollowUp]

    @property
    def value(self) -> int:
        return self.risk.value

    @property
    def level(self) -> str:
        return level(self.risk.value)


@dataclass
class OpenAction:
    action: Action
    origin: str  # the control id, or the risk id for a risk's own action
    period: str | None
    overdue: bool


@dataclass
class ControlPlanFollowUp:
    control_file: ControlFile
    as_of: dt.date
    period: str | None
    risks: list[RiskFollowUp] = field(default_factory=list)

    @property
    def plan(self) -> ControlPlan:
        return self.control_file.plan

    def matrix(self) -> list[list[list[str]]]:
        """Rows by probability 4 … 1, columns by consequence 1 … 4; each cell the risk ids."""
        cells: list[list[list[str]]] = [[[] for _ in range(4)] for _ in range(4)]
        for found in self.risks:
            risk = found.risk
            if 1 <= risk.probability <= 4 and 1 <= risk.consequence <= 4:
                cells[4 - risk.probability][risk.consequence - 1].append(risk.id)
        return cells

    def controls(self) -> list[tuple[RiskFollowUp, ControlFollowUp]]:
        return [(r, c) for r in self.risks for c in r.controls]

    def counts(self) -> dict[str, int]:
        """Control periods by state: what the nämnd reads first."""
        found = {state: 0 for state in ORDER}
        for _, control in self.controls():
            for period in control.periods:
                found[period.state] += 1
        return found

    def deviations(self) -> list[tuple[Control, Result]]:
        return [
            (c.control, p.result)
            for _, c in self.controls()
            for p in c.periods
            if p.result is not None and p.result.outcome is Outcome.DEVIATION
        ]

    def actions(self) -> list[OpenAction]:
        """Every action known on the day, with whether it is open and past its date."""
        found = []
        for risk in self.risks:
            for action in risk.risk.actions:
                found.append(self._action(action, risk.risk.id, None))
            for control in risk.controls:
                for period in control.periods:
                    if period.result is not None:
                        for action in period.result.actions:
                            found.append(self._action(action, control.control.id, period.period))
        return found

    def _action(self, action: Action, origin: str, period: str | None) -> OpenAction:
        overdue = action.open_on(self.as_of) and action.due < self.as_of
        return OpenAction(action, origin, period, overdue)


def follow_up(
    control_file: ControlFile, as_of: dt.date, period: str | None = None
) -> ControlPlanFollowUp:
    plan = control_file.plan
    results: dict[tuple[str, str], Result] = {
        (r.control, r.period): r for r in plan.results if r.date <= as_of
    }
    by_risk: dict[str, list[ControlFollowUp]] = {}
    for control in plan.controls:
        periods = []
        for planned in sorted(control.periods, key=period_order):
            if period is not None and not within(planned, period):
                continue
            result = results.get((control.id, planned))
            if result is not None:
                state = DEVIATION if result.outcome is Outcome.DEVIATION else NO_REMARK
            elif period_end(planned) < as_of:
                state = MISSING
            else:
                state = PLANNED
            periods.append(ControlPeriod(planned, state, result))
        by_risk.setdefault(control.risk, []).append(ControlFollowUp(control, periods))
    risks = [RiskFollowUp(risk, by_risk.get(risk.id, [])) for risk in plan.risks]
    risks.sort(key=lambda r: -r.value)  # the highest risks first, file order among equals
    return ControlPlanFollowUp(control_file, as_of, period, risks)


def control_plans(root: Path) -> list[ControlFile]:
    """The repository's internkontrollplaner that load (`vp validate` reports the others)."""
    loaded, _ = load_control_plans(control_paths(root))
    return loaded


def for_plan(root: Path, plan_id: str, year: int) -> list[ControlFile]:
    """The internkontrollplaner that belong to a verksamhetsplan's year."""
    return [c for c in control_plans(root) if c.plan.plan == plan_id and c.plan.year == year]


def chosen(root: Path, plan: str | None, year: int | None) -> list[ControlFile]:
    """The internkontrollplaner a command is about: by their own id or their board plan's,
    and the year; every one when nothing is named. None found is a usage error."""
    from ..common.problems import Refused, Severity
    from ..plan.control import check_control_plans

    every, problems = load_control_plans(control_paths(root))
    problems += check_control_plans(every, None, dt.date.today())
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise Refused("internkontrollplanerna har fel; rätta dem först (vp validate)", errors)
    found = [
        c for c in every if plan in (None, c.plan.id, c.plan.plan) and year in (None, c.plan.year)
    ]
    if found:
        return found
    if not every:
        raise Refused(
            "planförrådet har ingen internkontrollplan (eller ingen som går att läsa)",
            hint="Lägg den i internal-control/<organisation>/<namn>.yaml och kör vp validate.",
            usage=True,
        )
    names = ", ".join(f"{c.plan.id} ({c.plan.year})" for c in every)
    raise Refused("ingen internkontrollplan passar valet", hint=f"Planer: {names}.", usage=True)
