"""`vp status` output: a rich table per area for people, JSON and CSV as a stable contract."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ...common.swedish import spreadsheet_number
from ...followup.attainment import Evaluation
from ...followup.rollup import PlanFollowUp
from ...followup.summary import Tally
from ...followup.words import (
    MET_AT_BASELINE,
    STATUS_ORDER,
    target_text,
)

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


def tidy(value: float | None) -> float | None:
    """A computed number as people and spreadsheets want it: six decimals at most, so that
    7.3999999999999995 is 7.4 (the exact computation is in vp explain)."""
    if value is None:
        return None
    rounded = round(value, 6)
    return 0.0 if rounded == 0 else rounded


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
        "baseline": tidy(evaluation.baseline.value if evaluation.baseline else None),
        "target": tidy(evaluation.target),
        "outcome": tidy(outcome.value if outcome else None),
        "so_far": tidy(outcome.so_far if outcome and outcome.running else None),
        "preliminary": bool(outcome and outcome.preliminary),
        "forecast": tidy(outcome.forecast if outcome and outcome.running else None),
        "forecast_method": outcome.method.value if outcome and outcome.method else None,
        "forecast_status": (
            evaluation.forecast_status.value if evaluation.forecast_status else None
        ),
        "status": evaluation.status.value,
        "basis": evaluation.basis,
        "computed_status": evaluation.computed.value if evaluation.computed else None,
        "override_reason": evaluation.override_reason,
        "progress": tidy(evaluation.progress),
        "progress_note": MET_AT_BASELINE if evaluation.met_at_baseline else None,
        "trend": evaluation.trend.value if evaluation.trend else None,
        "reason": evaluation.reason,
        # as the report shows them: the outcome, or in a running year the outcome so far
        "by_gender": {g: tidy(o.current) for g, o in evaluation.by_gender.items()},
        "by_gender_forecast": {
            g: tidy(o.forecast) for g, o in evaluation.by_gender.items() if o.running
        },
    }


def _compared(record: dict[str, Any], comparisons: dict[str, Any]) -> dict[str, Any]:
    """Kolada's comparison beside each goal's and measure's verdict (`comparison`)."""
    for row in (record, *record["measures"]):
        found = comparisons.get(row["indicator"] or "")
        row["comparison"] = None if found is None else comparison_record(found)
    return record


def comparison_record(found: Any) -> dict[str, Any]:
    return {
        "kpi": found.kpi,
        "year": found.year,
        "value": tidy(found.value),
        "rank": found.rank,
        "count": found.count,
        "quartile": found.quartile,
        "group_median": tidy(found.group_median),
        "group_size": found.group_size,
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
        "goals": [_compared(goal_record(plan.id, e), f.comparisons) for e in f.evaluations],
        "comparisons": {k: comparison_record(c) for k, c in sorted(f.comparisons.items())},
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


def to_csv(rows: list[dict[str, Any]], excel: bool = False) -> str:
    """The rows as CSV; `excel` for Swedish Excel, which opens it with a double click:
    semicolons, decimal commas and UTF-8 with a byte order mark (without it, Excel reads
    å, ä and ö as Windows-1252)."""
    out = io.StringIO()
    writer = csv.DictWriter(
        out, CSV_FIELDS, lineterminator="\r\n" if excel else "\n", delimiter=";" if excel else ","
    )
    writer.writeheader()
    if excel:
        rows = [
            {k: spreadsheet_number(v) if isinstance(v, float) else v for k, v in row.items()}
            for row in rows
        ]
    writer.writerows(rows)
    return ("\ufeff" if excel else "") + out.getvalue()
