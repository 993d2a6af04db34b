"""An ekonomisystem's export (Excel or semicolon CSV with Swedish headers) read by the
column mapping the plan declares (economy: import:). What such exports look like: title
rows above the header (often merged across the sheet), the header itself, a row per amount,
and totals rows ("Summa", "Totalt") that are not amounts of a unit. Every cell keeps where it
stands, so a problem names it as a person finds it: `Blad1!D14` or `export.csv rad 14`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.files import display_path
from ..common.problems import Problem, Refused
from ..data import format as datafmt
from ..plan.economy_model import ImportMapping

TOTALS = ("summa", "totalt", "total", "delsumma", "s:a")
HEADER_SEARCH = 30  # title rows an export may have above its header


@dataclass(frozen=True)
class Place:
    file: str
    line: int
    column: int
    label: str  # as a person finds it: "Blad1!D14" or "rad 14"


@dataclass
class ExportRow:
    values: dict[str, Any]  # vp's column -> the cell's value (text or number)
    places: dict[str, Place]  # vp's column -> where its cell stands


def read_export(path: Path, mapping: ImportMapping) -> tuple[list[ExportRow], list[str]]:
    """The export's rows by vp's columns, and what was left out (totals rows), in words."""
    shown = display_path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        grid, where = _workbook(path, mapping.sheet, shown)
    else:
        grid, where = _csv(path, shown)
    wanted = {name.strip().casefold(): column for name, column in mapping.columns.items()}
    header_at = next(
        (
            row
            for row in sorted(grid)[:HEADER_SEARCH]
            if set(wanted) <= {str(v).strip().casefold() for v in grid[row].values()}
        ),
        None,
    )
    if header_at is None:
        raise Refused(
            f"{shown}: hittar ingen rubrikrad med kolumnerna "
            + ", ".join(mapping.columns)
            + " (bland de första raderna)",
            hint="Rubrikerna ska stå som under economy: import: columns i planen; rätta "
            "planen om exporten har bytt rubriker.",
        )
    columns: dict[int, str] = {}
    ignored = {name.strip().casefold() for name in mapping.ignore}
    problems = []
    for index, title in sorted(grid[header_at].items()):
        name = str(title).strip()
        if name.casefold() in wanted:
            columns[index] = wanted[name.casefold()].value
        elif name and name.casefold() not in ignored:
            place = where(header_at, index)
            problems.append(
                Problem(
                    "VP901",
                    f"okänd kolumn {name!r} i exporten ({place.label})",
                    file=place.file,
                    line=place.line,
                    column=place.column,
                    hint="Ange vad den är under economy: import: columns i planen, eller lägg "
                    "den under ignore: om den inte ska läsas.",
                )
            )
    if problems:
        raise Refused(f"{shown} har kolumner som planen inte känner", problems)
    rows, skipped = [], []
    for number in sorted(r for r in grid if r > header_at):
        cells = {columns[i]: v for i, v in grid[number].items() if i in columns}
        if not any(str(v).strip() for v in cells.values()):
            continue
        first = str(next(iter(grid[number].values()), "")).strip().casefold()
        unit = str(cells.get("unit", "")).strip().casefold()
        if unit.startswith(TOTALS) or (not unit and first.startswith(TOTALS)):
            skipped.append(f"summeringsraden {where(number, min(grid[number])).label} lästes inte")
            continue
        places = {name: where(number, i) for i, name in columns.items()}
        rows.append(ExportRow(cells, places))
    return rows, skipped


Where = Any  # (row, column) -> Place


def _csv(path: Path, shown: str) -> tuple[dict[int, dict[int, Any]], Where]:
    try:
        text, _ = datafmt.decode(path.read_bytes())
    except datafmt.MixedEncoding as mixed:
        raise Refused(f"{shown}: filen är UTF-8 men inte på rad {mixed.line}") from None
    lines = text.splitlines()
    delimiter = datafmt.sniff_delimiter(max(lines[:HEADER_SEARCH], key=_separators, default=""))
    grid: dict[int, dict[int, Any]] = {}
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            found = {i: c for i, c in enumerate(cells, 1) if c.strip()}
            if found:
                grid[reader.line_num] = found
    except csv.Error as error:
        raise Refused(f"{shown} rad {reader.line_num} kan inte läsas som CSV ({error})") from None

    def where(row: int, column: int) -> Place:
        return Place(shown, row, column, f"rad {row}")

    return grid, where


def _separators(line: str) -> int:
    return max(line.count(";"), line.count("\t"), line.count(","))


def _workbook(path: Path, sheet: str | None, shown: str) -> tuple[dict[int, dict[int, Any]], Where]:
    from openpyxl.utils import get_column_letter

    from .workbook import cells_of, open_sheet

    ws = open_sheet(path, sheet, shown)
    name = ws.title

    def where(row: int, column: int) -> Place:
        return Place(shown, row, column, f"{name}!{get_column_letter(column)}{row}")

    return cells_of(ws), where
