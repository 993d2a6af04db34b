"""The economy follow-up as plain records in Swedish, the same for the terminal, JSON, CSV,
the report in every format and the site: a row per unit with budget, utfall and avvikelse
for the period and for the year, the accumulated chart, and each figure's explanation to the
line of the file it came from."""

from __future__ import annotations

from typing import Any

from ..common.swedish import number
from ..data.periods import period_end
from ..followup.economy import Amount, EconomyFollowUp, UnitFollowUp
from ..followup.words import MONTHS, long_date, period_text
from .charts import Chart

COLUMNS = (
    ("budget_period", "Budget perioden"),
    ("outcome_period", "Utfall perioden"),
    ("deviation_period", "Avvikelse perioden"),
    ("budget_year", "Budget helår"),
    ("forecast_year", "Prognos helår"),
    ("deviation_year", "Avvikelse helår"),
)


def tkr(value: float | None) -> str:
    return "–" if value is None else number(round(value), 0)


def unit_record(found: EconomyFollowUp, unit: UnitFollowUp) -> dict[str, Any]:
    exact = {
        "budget_period": unit.budget_period.value,
        "outcome_period": unit.outcome_period.value,
        "deviation_period": unit.deviation_period,
        "budget_year": unit.budget_year.value,
        "forecast_year": unit.forecast_year.value,
        "deviation_year": unit.deviation_year,
    }
    # to the krona: sums of floats carry noise (−2 800,000000000058) no reader should see
    values = {k: None if v is None else round(v, 3) for k, v in exact.items()}
    notes = [a.note for a in (unit.budget_period, unit.forecast_year) if a.note]
    followed = unit.budget_year.value is not None  # a series without budget has no months
    if followed and (unit.outcome_through is None or unit.outcome_through < found.end):
        through = unit.outcome_through.isoformat() if unit.outcome_through else "ingen månad"
        notes.append(f"utfallet är känt till och med {through}")
    return {
        "id": unit.unit.id,
        "title": unit.unit.title,
        "depth": unit.depth,
        "values": values,
        "shown": {key: tkr(value) for key, value in values.items()},
        "deficit": unit.deviation_year is not None and unit.deviation_year < 0,
        "notes": notes,
    }


def records(found: EconomyFollowUp) -> dict[str, Any]:
    """The follow-up of one plan's economy for a year or a period inside it."""
    plan = found.plan_file.plan
    columns = [
        {
            "key": key,
            "title": "Utfall helår" if key == "forecast_year" and found.year_ended else title,
        }
        for key, title in COLUMNS
    ]
    if found.year_ended:  # the year is the period: one column each
        columns = [c for c in columns if not c["key"].endswith("_period")]
    units = [unit_record(found, u) for u in found.units]
    top = found.units[0] if found.units else None
    return {
        "plan": plan.id,
        "board": plan.board or plan.title,
        "year": found.year,
        "period": found.period,
        "period_text": period_text(found.period) if found.period else str(found.year),
        "end": found.end.isoformat(),
        "year_ended": found.year_ended,
        "columns": columns,
        "units": units,
        "deficit": bool(units and units[0]["deficit"]),
        "chart": chart(found, top) if top is not None else None,
        "summary": summary(found, top) if top is not None else "",
    }


def summary(found: EconomyFollowUp, top: UnitFollowUp) -> str:
    """The nämnd's economy in one sentence, as the report's section opens."""
    year = found.year
    if top.budget_year.value is None:  # series without a budget (a municipality's result)
        word = "utfall" if found.year_ended else "prognos för helåret"
        known = [u for u in found.units if u.forecast_year.value is not None]
        parts = [f"{u.unit.title}: {word} {tkr(u.forecast_year.value)} tkr" for u in known]
        return "; ".join(parts) + "." if parts else ""
    if found.year_ended:
        said = f"{top.unit.title} redovisar för {year} ett utfall på "
        said += f"{tkr(top.forecast_year.value)} tkr"
        said += f" mot en budget på {tkr(top.budget_year.value)} tkr"
        return said + f", en avvikelse på {tkr(top.deviation_year)} tkr."
    said = (
        f"Till och med {period_text(found.period) if found.period else long_date(found.end)} är "
        f"utfallet {tkr(top.outcome_period.value)} tkr mot en budget på "
        f"{tkr(top.budget_period.value)} tkr, en avvikelse på {tkr(top.deviation_period)} tkr."
    )
    if top.forecast_year.value is None:
        return said + " Ingen helårsprognos är gjord."
    return said + (
        f" Prognosen för helåret är {tkr(top.forecast_year.value)} tkr mot en budget på "
        f"{tkr(top.budget_year.value)} tkr, en avvikelse på {tkr(top.deviation_year)} tkr."
    )


def chart(found: EconomyFollowUp, top: UnitFollowUp) -> Chart:
    """Accumulated utfall against accumulated budget month by month, with the prognos."""
    budget: list[float | None] = []
    spent: list[float | None] = []
    acc_b, acc_s = 0.0, 0.0
    known = True
    for month in range(12):
        acc_b += top.budget_months[month] if top.budget_months else 0.0
        budget.append(acc_b)
        value = top.outcome_months[month] if top.outcome_months else None
        if value is None:
            known = False
        acc_s += value or 0.0
        spent.append(acc_s if known else None)
    forecast = None
    if not found.year_ended and top.forecast_year.value is not None:
        forecast = (
            top.forecast_year.value / 1000,
            f"Prognos helår: {tkr(top.forecast_year.value)} tkr",
        )
    # drawn in miljoner kronor, so that the axis's numbers fit beside it; said in tkr
    return Chart(
        title=f"{top.unit.title} {found.year}: utfall och budget ackumulerat per månad",
        unit=" mnkr",
        periods=[MONTHS[m][:3] for m in range(12)],
        series={
            "T": [None if v is None else v / 1000 for v in spent],
            "K": [None if v is None else v / 1000 for v in budget],
        },
        shown={"T": [f"{tkr(v)} tkr" for v in spent], "K": [f"{tkr(v)} tkr" for v in budget]},
        forecast=forecast,
        words={"T": "Utfall", "K": "Budget"},
    )


def explained(found: EconomyFollowUp, unit_id: str) -> list[str]:
    """Every figure of a unit, and the rows of the files it was summed from."""
    unit = next(u for u in found.units if u.unit.id == unit_id)
    lines = [
        f"{unit.unit.title} ({unit.unit.id}), {found.year}; "
        f"känt till och med {found.end.isoformat()}"
    ]

    def rows(label: str, amount: Amount) -> None:
        lines.append(f"{label}: {tkr(amount.value)} tkr")
        for row in amount.rows:
            lines.append(
                f"    {row.unit:<8} {row.period:<8} {row.kind.value:<9} "
                f"{number(row.amount, 1):>12}   {row.file} rad {row.line}"
            )
        if amount.note:
            lines.append(f"    ({amount.note})")

    rows("Budget helår", unit.budget_year)
    if not found.year_ended:
        counted = [m for m in range(1, 13) if period_end(f"{found.year}-{m:02d}") <= found.end]
        span = f"januari–{MONTHS[counted[-1] - 1]}" if counted else "inga månader ännu"
        lines.append(
            f"Budget perioden: {tkr(unit.budget_period.value)} tkr = budgeten per månad, {span}"
        )
        rows("Utfall perioden", unit.outcome_period)
        lines.append(f"Avvikelse perioden = budget − utfall = {tkr(unit.deviation_period)} tkr")
        rows("Prognos helår", unit.forecast_year)
    else:
        rows("Utfall helår", unit.forecast_year)
    lines.append(
        f"Avvikelse helår = budget − {'utfall' if found.year_ended else 'prognos'} = "
        f"{tkr(unit.deviation_year)} tkr (positiv: bättre än budget)"
    )
    return lines
