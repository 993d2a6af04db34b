"""`vp status` output: a rich table per area for people, JSON and CSV as a stable contract."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..common.swedish import number
from ..followup.attainment import Evaluation, Result
from ..followup.rollup import PlanFollowUp
from ..followup.summary import Tally
from ..followup.words import (
    FORECAST_WORDS,
    MET_AT_BASELINE,
    STATUS,
    STATUS_ORDER,
    amount,
    coverage_text,
    data_line,
    forecast_text,
    period_text,
    rule_text,
    status_text,
    status_words,
    target_text,
    trend_text,
    verdict_text,
)
from ..plan.goals import Milestone

CSV_FIELDS = [
    "plan",
    "year",
    "period",
    "area",
    "goal",
    "measure",
    "text",
    "indicator",
    "unit",
    "gender",
    "target_kind",
    "target_text",
    "baseline",
    "target",
    "outcome",
    "so_far",
    "forecast",
    "forecast_method",
    "forecast_status",
    "status",
    "basis",
    "computed_status",
    "override_reason",
    "progress",
    "progress_note",
    "trend",
    "reason",
]


def goal_record(plan_id: str, evaluation: Evaluation) -> dict[str, Any]:
    """One goal's status as plain data: the fields documented in README (JSON and CSV),
    with its measures under `measures` when it has several."""
    record = _record(plan_id, evaluation)
    record["measures"] = [
        {
            **_record(plan_id, part),
            "area": evaluation.goal.area,
            "goal": evaluation.goal.id,
            "measure": part.measure.id if part.measure else None,
        }
        for part in evaluation.measures
    ]
    return record


def _record(plan_id: str, evaluation: Evaluation) -> dict[str, Any]:
    outcome = evaluation.outcome
    target = evaluation.goal.target
    return {
        "plan": plan_id,
        "year": evaluation.year,
        "period": evaluation.period,
        "area": evaluation.goal.area,
        "goal": evaluation.goal.id,
        "measure": None,
        "text": evaluation.goal.text,
        "indicator": evaluation.indicator.id if evaluation.indicator else None,
        "unit": evaluation.indicator.unit.value if evaluation.indicator else None,
        "gender": evaluation.goal.gender.value,
        "target_kind": "measures" if evaluation.measures else (target.kind if target else None),
        "target_text": target_text(evaluation),
        "baseline": evaluation.baseline.value if evaluation.baseline else None,
        "target": evaluation.target,
        "outcome": outcome.value if outcome else None,
        "so_far": outcome.so_far if outcome and outcome.running else None,
        "forecast": outcome.forecast if outcome and outcome.running else None,
        "forecast_method": outcome.method.value if outcome and outcome.method else None,
        "forecast_status": (
            evaluation.forecast_status.value if evaluation.forecast_status else None
        ),
        "status": evaluation.status.value,
        "basis": evaluation.basis,
        "computed_status": evaluation.computed.value if evaluation.computed else None,
        "override_reason": evaluation.override_reason,
        "progress": evaluation.progress,
        "progress_note": MET_AT_BASELINE if evaluation.met_at_baseline else None,
        "trend": evaluation.trend.value if evaluation.trend else None,
        "reason": evaluation.reason,
        "by_gender": {g: o.value for g, o in evaluation.by_gender.items()},
    }


def _tally(tally: Tally) -> dict[str, Any]:
    return {
        "counts": {r.value: tally.counts.get(r, 0) for r in STATUS_ORDER},
        "summary": tally.summary.value,
        "measured": tally.measured,
        "due": tally.due,
        "forecast_counts": {r.value: n for r, n in tally.forecasts.items()},
    }


def plan_record(f: PlanFollowUp) -> dict[str, Any]:
    """One plan's follow-up as the JSON contract documented in README."""
    plan = f.plan_file.plan
    return {
        "plan": plan.id,
        "title": plan.title,
        "organisation": plan.organisation,
        "year": f.year,
        "period": f.period,
        "as_of": f.as_of.isoformat(),
        "data_through": f.data_through.isoformat() if f.data_through else None,
        "partial_rule": f.rule.code,
        "partial_percent": None if f.rule.percent is None else float(f.rule.percent),
        **_tally(f.tally),
        "goals": [goal_record(plan.id, e) for e in f.evaluations],
        "areas": [
            {"area": a.area.id, "title": a.area.title, "depth": a.depth, **_tally(a.tally)}
            for a in f.areas
        ],
        "council_goals": [
            {
                "council_goal": c.ref,
                "title": c.council_goal.title,
                "served_by": [a.id for a in c.areas],
                **_tally(c.tally),
            }
            for c in f.council
        ],
    }


def to_json(records: list[dict[str, Any]]) -> str:
    # No indent: with one, json falls back to its pure-Python encoder (slow for a country).
    return json.dumps({"plans": records}, ensure_ascii=False) + "\n"


def _safe_cell(value: Any) -> Any:
    """Plan text is data: a cell that a spreadsheet would run as a formula is quoted."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_rows(f: PlanFollowUp) -> list[dict[str, Any]]:
    """One plan's goals as CSV rows, cells a spreadsheet would run as formulas quoted."""
    rows = []
    for e in f.evaluations:
        record = goal_record(f.plan_file.plan.id, e)
        for row in (record, *record["measures"]):
            rows.append({k: _safe_cell(v) for k, v in row.items() if k in CSV_FIELDS})
    return rows


def to_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def counts_text(tally: Tally, words: dict[Result, str] | None = None) -> str:
    named = {**{r: w for r, (w, _, _) in STATUS.items()}, **(words or {})}
    parts = [f"{tally.counts[r]} {named[r]}" for r in STATUS_ORDER if tally.counts.get(r)]
    if not parts:
        return "inga mål"
    return f"{coverage_text(tally)}: " + ", ".join(parts)


def _cells(e: Evaluation) -> list[str]:
    if e.measures:
        basis = "bedömning" if e.assessed else "–"
        return ["–", verdict_text(e), basis]
    unit = e.indicator.unit if e.indicator else None
    if isinstance(e.goal.target, Milestone) or unit is None:
        basis = "bedömning" if e.assessed else "–"
        return ["–", "milstolpe", basis]
    baseline = amount(e.baseline.value if e.baseline else None, unit)
    target = amount(e.target, unit)
    if e.outcome and e.outcome.running and e.outcome.so_far is not None:
        outcome = f"{amount(e.outcome.so_far, unit)} (hittills)"
    else:
        outcome = amount(e.outcome.value if e.outcome else None, unit)
    return [baseline, target, outcome]


def _forecast_cell(e: Evaluation) -> str:
    """The full-year forecast and its verdict, beside (never instead of) the status."""
    if e.forecast_status is None:
        return "–"
    unit = e.indicator.unit if e.indicator else None
    value = e.outcome.forecast if e.outcome else None
    shown = f"≈{amount(value, unit)}\n" if unit is not None and value is not None else ""
    return shown + forecast_text(e.forecast_status)


def table_text(f: PlanFollowUp, like: Any) -> str:
    """One plan's tables as text, rendered as the console `like` would render them."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=like.width,
        color_system=like.color_system,
        force_terminal=like.is_terminal,
        highlight=False,
    )
    render_table([f], console)
    return buffer.getvalue()


def render_table(follow_ups: list[PlanFollowUp], console: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    for f in follow_ups:
        plan = f.plan_file.plan
        who = " – ".join(x for x in (plan.organisation, plan.board or plan.administration) if x)
        console.print(f"[bold]{who}: {plan.title}[/bold]")
        words = status_words(plan.follow_up)
        forecasts = any(e.forecast for e in f.evaluations)
        console.print(f"{follow_up_heading(f)}. Regel: {rule_text(f.rule, words)}.")
        for area in (a for a in f.areas if a.depth == 0 and a.evaluations):
            summary = status_text(area.tally.summary, words)
            table = Table(
                title=f"{area.area.title} – {summary} ({counts_text(area.tally, words)})",
                title_justify="left",
                expand=False,
            )
            for header, justify in (
                ("Mål", "left"),
                ("Basvärde", "right"),
                ("Målvärde", "right"),
                ("Utfall", "right"),
                ("Status", "left"),
                ("Trend", "left"),
                ("Framsteg", "right"),
                *([("Prognos helår", "left")] if forecasts else []),
            ):
                table.add_column(header, justify=justify)  # type: ignore[arg-type]
            for e in area.evaluations:
                table.add_row(e.goal.short or e.goal.text, *_row(e, words, forecasts))
                for part in e.measures:
                    text = Text(f"  · {part.goal.text}", style="dim")
                    table.add_row(text, *_row(part, words, forecasts))
            console.print(table)
        tally = counts_text(f.tally, words)
        summary = status_text(f.tally.summary, words)
        console.print(f"Summering {f.year}: {len(f.evaluations)} mål – {summary} ({tally}).")
        if f.tally.forecasts:
            expected = ", ".join(
                f"{n} {FORECAST_WORDS[r]}" for r in STATUS_ORDER if (n := f.tally.forecasts.get(r))
            )
            console.print(f"Prognos för helåret (räknas för sig, inte som utfall): {expected}.")
        gaps = [c for c in f.council if not c.areas and not c.evaluations]
        if gaps:
            titles = "; ".join(c.council_goal.title for c in gaps)
            console.print(f"KF-mål som inget område i planen tjänar: {titles}.")
        console.print()


def _row(e: Evaluation, words: dict[Result, str], forecasts: bool) -> list[Any]:
    """A goal's or a measure's cells after its text: numbers, status, trend, progress."""
    from rich.text import Text

    status = Text(status_text(e.status, words), style=STATUS[e.status][2])
    if e.computed is not None:
        status.append(f"\n(beräknat: {status_text(e.computed, words)})", style="dim")
    if e.override_without_reason:
        status.append("\n(bedömningen saknar skäl och har inte ändrat statusen)", style="dim")
    progress = "–" if e.progress is None else number(e.progress, 2)
    if e.met_at_baseline:
        progress = MET_AT_BASELINE
    cells = [*_cells(e), status, trend_text(e.trend), progress]
    return [*cells, _forecast_cell(e)] if forecasts else cells


def follow_up_heading(f: PlanFollowUp) -> str:
    """ "Uppföljning tertial 2 2018 (januari–augusti, delåret). Data till och med …"."""
    what = period_text(f.period) if f.period else str(f.year)
    return f"Uppföljning {what}. {data_line(f.data_through, f.as_of, f.as_of_given)}"
