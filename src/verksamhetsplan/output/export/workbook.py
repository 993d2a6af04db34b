"""vp status as an Excel workbook: a sheet per plan, Swedish headers and words, numbers as
numbers. pandas lays the table out and openpyxl (its Excel engine) formats it: frozen
header row, column widths, and number formats that Excel shows with the reader's own
decimal comma."""

from __future__ import annotations

import io
import re
from typing import Any

from ...followup.attainment import Result, Trend
from ...followup.words import STATUS, TREND

# The JSON record's fields, in order, as a Swedish spreadsheet names them.
COLUMNS = {
    "goal": "Mål",
    "measure": "Mått",
    "area": "Område",
    "text": "Målet",
    "indicator": "Nyckeltal",
    "gender": "Kön",
    "target_text": "Målvärde i ord",
    "baseline": "Basvärde",
    "target": "Målvärde",
    "outcome": "Utfall",
    "so_far": "Utfall hittills",
    "forecast": "Prognos helår",
    "forecast_status": "Prognosbedömning",
    "status": "Status",
    "progress": "Framsteg",
    "trend": "Trend",
    "reason": "Kommentar",
    "year": "År",
    "period": "Period",
}
NUMBERS = {"baseline", "target", "outcome", "so_far", "forecast", "progress"}
WIDTHS = {"text": 60, "target_text": 34, "reason": 50, "area": 24, "goal": 28, "measure": 24}


def _words(key: str, value: Any) -> Any:
    if value is None:
        return None
    if key == "status":
        return STATUS[Result(value)][0]
    if key == "forecast_status":
        from ...followup.words import FORECAST_WORDS

        return FORECAST_WORDS.get(Result(value), value)
    if key == "trend":
        return TREND[Trend(value)][0]
    return value


def sheet_name(plan_id: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", "-", plan_id)[:31] or "Plan"
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def status_workbook(records: list[dict[str, Any]]) -> bytes:
    """The plans' status records (as `vp status --format json` gives them) as .xlsx."""
    import pandas as pd
    from openpyxl.utils import get_column_letter

    out = io.BytesIO()
    taken: set[str] = set()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for record in records:
            rows = [
                {COLUMNS[k]: _words(k, row.get(k)) for k in COLUMNS}
                for goal in record["goals"]
                for row in (goal, *goal["measures"])
            ]
            frame = pd.DataFrame(rows, columns=list(COLUMNS.values()))
            name = sheet_name(record["plan"], taken)
            frame.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            sheet.freeze_panes = "A2"
            for index, key in enumerate(COLUMNS, start=1):
                letter = get_column_letter(index)
                sheet.column_dimensions[letter].width = WIDTHS.get(key, 14)
                if key in NUMBERS:
                    for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                        cell.number_format = "0.00" if key == "progress" else "#,##0.0##"
    return out.getvalue()
