"""vp status as an Excel workbook: a sheet per plan, Swedish headers and words, numbers as
numbers, written by openpyxl alone (pandas only laid out rows it was handed, at the cost of
importing pandas, numpy and pyarrow): frozen header row, column widths, and number formats
that Excel shows with the reader's own decimal comma.

Plan text is data: every text is stored as a text cell, so '=HYPERLINK(…)' in a goal text is
shown, never run, and characters a workbook cannot hold (control characters pasted into a
plan) are shown as �."""

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
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    taken: set[str] = set()
    for record in records:
        sheet = book.create_sheet(sheet_name(record["plan"], taken))
        sheet.freeze_panes = "A2"
        for index, key in enumerate(COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(key, 14)
        sheet.append([_text_cell(WriteOnlyCell(sheet), title) for title in COLUMNS.values()])
        # One cell a column, filled anew for every row: a write-only sheet writes a row when
        # it is appended, and a number format set once is looked up once, not per cell.
        texts = {key: WriteOnlyCell(sheet) for key in COLUMNS}
        numbers = {key: WriteOnlyCell(sheet) for key in COLUMNS}
        for key, cell in numbers.items():
            if key in NUMBERS:
                cell.number_format = "0.00" if key == "progress" else "#,##0.0##"
        for goal in record["goals"]:
            for row in (goal, *goal["measures"]):
                cells: list[Any] = []
                for key in COLUMNS:
                    value = _words(key, row.get(key))
                    if value is None:
                        cells.append(None)
                    elif isinstance(value, str):
                        cells.append(_text(texts[key], value))
                    else:
                        cell = numbers[key]
                        cell.value = value
                        cells.append(cell)
                sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(cell: Any, text: str) -> Any:
    """A text for a row: as it is where openpyxl stores it as text anyway (handing it a cell
    costs an exception per cell in its append), else in a cell made to hold it as text."""
    from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    if text.startswith("=") or text in ERROR_CODES:
        return _text_cell(cell, text)
    return text


def _text_cell(cell: Any, text: str) -> Any:
    """A cell holding the text as text: never a formula, never a character Excel refuses."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    cell.data_type = "s"  # '=…', '+…', '@…' stay text
    return cell
