"""The judgement of god ekonomisk hushållning as the KF målavstämning and the
årsredovisning's section say it: the verdict in words, and the basis that led there."""

from __future__ import annotations

from typing import Any

from ...followup.good_management import Judgement
from ...followup.thresholds import Result
from ...followup.words import STATUS
from ..economy_records import tkr
from .shown import forecast, status

VERDICT = {
    Result.ACHIEVED: "God ekonomisk hushållning bedöms uppnås",
    Result.PARTIAL: "God ekonomisk hushållning bedöms delvis uppnås",
    Result.NOT_ACHIEVED: "God ekonomisk hushållning bedöms inte uppnås",
    Result.NO_DATA: "God ekonomisk hushållning kan inte bedömas ännu",
}


def good_management_context(found: Judgement | None, text: str | None) -> dict[str, Any] | None:
    if found is None:
        return None
    verdict = VERDICT[found.status] + (" (prognos för helåret)" if found.forecast else "")
    share = found.operational_met / found.operational_judged if found.operational_judged else None
    financial = []
    for e, counted in found.financial:
        value = e.outcome.current if e.outcome else None
        ahead = e.outcome.forecast if e.outcome and e.forecast else None
        financial.append(
            {
                "text": (e.goal.short or e.goal.text).strip(),
                "status": status(e.status, {}),
                "forecast": forecast(e.forecast_status, {}) if e.forecast else None,
                "counted": STATUS[counted][0] if counted else "kan inte bedömas",
                "value": _amount(value, e),
                "forecast_value": _amount(ahead, e),
            }
        )
    return {
        "status": {**status(found.status, {}), "word": verdict},
        "verdict": verdict,
        "reason": found.reason,
        "rule": text,
        "financial": financial,
        "operational": (
            f"{found.operational_met} av {found.operational_judged} bedömda verksamhetsmål är "
            f"helt eller delvis uppnådda ({round(100 * share)} %; regeln kräver mer än "
            f"{round(100 * found.share)} %)"
            if share is not None
            else "inga verksamhetsmål kunde bedömas"
        ),
        "forecast": found.forecast,
    }


def _amount(value: float | None, e: Any) -> str:
    if value is None:
        return "–"
    unit = e.indicator.unit.value if e.indicator is not None else ""
    if unit == "percent":
        from ...common.swedish import number

        return f"{number(value, 2)}\u00a0%"
    return f"{tkr(value)}\u00a0tkr"
