"""vp economy status as an Excel workbook: a sheet per plan, a row per unit, the amounts as
numbers in tkr (Excel shows them with the reader's own separators), titles as text cells."""

from __future__ import annotations

import io
from typing import Any

from ..economy_records import COLUMNS
from .workbook import _text_cell, sheet_name


def economy_workbook(records: list[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    taken: set[str] = set()
    for record in records:
        sheet = book.create_sheet(sheet_name(record["plan"], taken))
        sheet.freeze_panes = "B2"
        sheet.column_dimensions["A"].width = 34
        header = ["Verksamhet", *(f"{title} (tkr)" for _, title in COLUMNS), "Period"]
        sheet.append([_text_cell(WriteOnlyCell(sheet), title) for title in header])
        for unit in record["units"]:
            cells = [_text_cell(WriteOnlyCell(sheet), "  " * unit["depth"] + unit["title"])]
            for key, _ in COLUMNS:
                cell = WriteOnlyCell(sheet)
                cell.value = unit["values"].get(key)
                cell.number_format = "#,##0"
                cells.append(cell)
            cells.append(_text_cell(WriteOnlyCell(sheet), record["period_text"]))
            sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
