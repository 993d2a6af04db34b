"""The internkontroll follow-up as plain records in Swedish, the same for the terminal, JSON,
the report in every format and the KS sammanställning: risks with value, level and matrix
place, controls with their periods' results, deviations and actions. A person named in the
file is shown by the role the plan gives (as in the goal report)."""

from __future__ import annotations

from typing import Any

from ..followup.control import (
    DEVIATION,
    LEVELS,
    MISSING,
    NO_REMARK,
    PLANNED,
    ControlPlanFollowUp,
    level,
)
from ..followup.words import ACTIVITY_WORDS, long_date, period_name
from ..plan.control_model import Action, Category, Decision, Method
from ..plan.publishing import as_published
from ..plan.vocabulary import ActivityStatus
from .terminal.problems import plural

METHOD_TEXT = (
    "Riskvärdet är sannolikhet × konsekvens på planens fyrgradiga skalor (1–16): 1–3 låg, "
    "4–7 medel, 8–11 hög, 12–16 mycket hög. Ett kontrolltillfälle är utan anmärkning eller har "
    "en avvikelse när resultatet är inskrivet; ett tillfälle vars period har slutat utan "
    "resultat är ej rapporterat, ett som inte har slutat är planerat. En åtgärd är försenad när "
    "den inte är genomförd eller avbruten efter sitt slutdatum. Resultat och åtgärder räknas "
    "från sina datum."
)
STATE_WORDS = {
    DEVIATION: "avvikelse",
    MISSING: "ej rapporterad",
    NO_REMARK: "utan anmärkning",
    PLANNED: "planerad",
}
# Words and symbols, never colour alone: the report's status badges use the same classes.
STATE_SYMBOLS = {DEVIATION: "✗", MISSING: "?", NO_REMARK: "✓", PLANNED: "○"}
STATE_CLASSES = {
    DEVIATION: "not_achieved",
    MISSING: "no_data",
    NO_REMARK: "achieved",
    PLANNED: "not_due",
}
CATEGORY_WORDS = {
    Category.OPERATIONS: "verksamhet",
    Category.FINANCE: "ekonomi",
    Category.LEGAL: "lagefterlevnad",
    Category.IT: "IT",
    Category.REPORTING: "rapportering",
    Category.STAFF: "personal",
    Category.EXTERNAL: "omvärld",
}
DECISION_WORDS = {
    Decision.ACCEPT: "godtas",
    Decision.CONTROL: "kontrolleras",
    Decision.ACT: "åtgärdas",
}
METHOD_WORDS = {
    Method.SAMPLE: "stickprov",
    Method.REVIEW: "genomgång",
    Method.RECONCILIATION: "avstämning",
    Method.OTHER: "annan metod",
}
# An action's states are an activity's; a cancelled action is "avbruten" (an activity is
# "inställd"), as the method text says.
ACTION_WORDS = {**ACTIVITY_WORDS, ActivityStatus.CANCELLED: "avbruten"}


def state(key: str) -> dict[str, str]:
    """A state as the report's status badges take it (`key` is the badge's look)."""
    return {
        "state": key,
        "key": STATE_CLASSES[key],
        "word": STATE_WORDS[key],
        "symbol": STATE_SYMBOLS[key],
    }


def records(found: ControlPlanFollowUp) -> dict[str, Any]:
    """Everything a reader of the follow-up sees, worked out once."""
    plan = found.plan
    roles = plan.roles

    def person(name: str) -> str:
        return as_published(name, roles) or name

    scales = plan.scales
    risks = []
    for risk_found in found.risks:
        risk = risk_found.risk
        risks.append(
            {
                "id": risk.id,
                "process": risk.process,
                "text": risk.text.strip(),
                "category": CATEGORY_WORDS[risk.category],
                "probability": risk.probability,
                "probability_word": _label(scales.probability, risk.probability),
                "consequence": risk.consequence,
                "consequence_word": _label(scales.consequence, risk.consequence),
                "value": risk_found.value,
                "level": risk_found.level,
                "decision": DECISION_WORDS[risk.decision],
                "reason": (risk.reason or "").strip() or None,
                "actions": [_action(a, found, person) for a in risk.actions],
                "controls": [c.control.id for c in risk_found.controls],
            }
        )
    controls = []
    for risk_found, control_found in found.controls():
        control = control_found.control
        controls.append(
            {
                "id": control.id,
                "risk": risk_found.risk.id,
                "risk_process": risk_found.risk.process,
                "what": control.what.strip(),
                "method": METHOD_WORDS[control.method],
                "responsible": person(control.responsible),
                "state": state(control_found.state),
                "periods": [
                    {
                        "period": p.period,
                        "period_name": period_name(p.period),
                        "state": state(p.state),
                        "date": p.result.date.isoformat() if p.result else None,
                        "date_text": long_date(p.result.date) if p.result else None,
                        "by": roles.get(p.result.by) if p.result else None,  # only by role
                        "comment": as_published((p.result.comment or "").strip(), roles) or None
                        if p.result
                        else None,
                        "actions": [_action(a, found, person) for a in p.result.actions]
                        if p.result
                        else [],
                    }
                    for p in control_found.periods
                ],
            }
        )
    counts = found.counts()
    actions = found.actions()
    record = {
        "id": plan.id,
        "title": plan.title,
        "board": plan.board,
        "organisation": plan.organisation,
        "year": plan.year,
        "period": found.period,
        "as_of": found.as_of.isoformat(),
        "as_of_text": long_date(found.as_of),
        "scales": {"probability": scales.probability, "consequence": scales.consequence},
        "control_from": scales.control_from,
        "matrix": _matrix(found),
        "risks": risks,
        "controls": controls,
        "counts": [
            {
                **state(key),
                "count": counts[key],
                "text": plural(counts[key], "kontrolltillfälle", "kontrolltillfällen"),
            }
            for key in (NO_REMARK, DEVIATION, MISSING, PLANNED)
        ],
        "deviations": [
            {
                "control": control.id,
                "what": control.what.strip(),
                "period": result.period,
                "period_name": period_name(result.period),
                "comment": as_published((result.comment or "").strip(), roles) or None,
                "actions": [_action(a, found, person) for a in result.actions],
            }
            for control, result in found.deviations()
        ],
        "open_action_list": [
            {**_action(a.action, found, person), "origin": a.origin}
            for a in actions
            if a.action.open_on(found.as_of)
        ],
        "open_actions": sum(1 for a in actions if a.action.open_on(found.as_of)),
        "overdue_actions": sum(1 for a in actions if a.overdue),
    }
    record["summary"] = summary_text(record)
    return record


def summary_text(record: dict[str, Any]) -> str:
    """The follow-up in one sentence: control occasions by result, and the open actions."""
    counts = {row["state"]: row["count"] for row in record["counts"]}
    parts = [
        f"{counts[NO_REMARK]} utan anmärkning",
        f"{counts[DEVIATION]} med avvikelse",
        f"{counts[MISSING]} ej {'rapporterat' if counts[MISSING] == 1 else 'rapporterade'}",
        f"{counts[PLANNED]} {'planerat' if counts[PLANNED] == 1 else 'planerade'}",
    ]
    open_count, overdue = record["open_actions"], record["overdue_actions"]
    actions = f"Öppna åtgärder: {open_count}"
    if overdue:
        actions += f", varav {overdue} {'försenad' if overdue == 1 else 'försenade'}"
    return f"Kontrolltillfällen: {', '.join(parts)}. {actions}."


def _label(scale: list[str], step: int) -> str:
    return scale[step - 1] if 1 <= step <= len(scale) else str(step)


def _action(action: Action, found: ControlPlanFollowUp, person: Any) -> dict[str, Any]:
    known = action.date is None or action.date <= found.as_of
    status = action.status if known else ActivityStatus.PLANNED
    overdue = action.open_on(found.as_of) and action.due < found.as_of
    return {
        "id": action.id,
        "what": action.what.strip(),
        "responsible": person(action.responsible),
        "due": action.due.isoformat(),
        "due_text": long_date(action.due),
        "status": ACTION_WORDS[status]
        + (", försenad" if overdue and status is not ActivityStatus.DELAYED else ""),
        "overdue": overdue,
        "comment": (action.comment or "").strip() or None if known else None,
    }


def _matrix(found: ControlPlanFollowUp) -> dict[str, Any]:
    """The 4 × 4 grid, probability from the top, with each cell's value, level and risks."""
    scales = found.plan.scales
    rows = []
    for r, cells in enumerate(found.matrix()):
        probability = 4 - r
        rows.append(
            {
                "probability": probability,
                "label": scales.probability[probability - 1],
                "cells": [
                    {
                        "consequence": c + 1,
                        "value": probability * (c + 1),
                        "level": level(probability * (c + 1)),
                        "css": f"level-{_band(probability * (c + 1))}",
                        "risks": ids,
                    }
                    for c, ids in enumerate(cells)
                ],
            }
        )
    return {
        "rows": rows,
        "columns": [{"step": i + 1, "label": w} for i, w in enumerate(scales.consequence)],
    }


def _band(value: int) -> int:
    """1 (låg) … 4 (mycket hög), for the matrix's shading."""
    return 4 - next(i for i, (low, _) in enumerate(LEVELS) if value >= low)
