"""`vp data import FILE.xlsx`: indicator values from an Excel workbook.

Two layouts are read, from the first sheet or a named one:
- long: a row per value, with the columns indicator (vp's ids) or kpi (Kolada's ids),
  period (or år), value (or värde) and optionally gender (kön) and kommun;
- wide: Kolada's own export, a row per KPI (and kommun and kön) with the years as columns.

openpyxl (pandas' Excel engine) reads the cells, because every problem must name its
cell, as a person finds it in Excel: `Blad1!C14`.

A workbook may come from any program, so nothing in it is trusted: the package is measured
before it is unpacked (a 1 MB file may hold a 1 GiB string), only the cells that exist are
visited (one cell at XFD1048576 does not make a sheet of 17 billion), a number must be
finite, a formula without a value Excel saved is refused at its cell, and a period that
Excel turned into a date (2022-01 → 2022-01-01, or 44562) is read as the period it was.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..common.files import display_path
from ..common.problems import Refused
from ..data import format as datafmt
from .kolada_file import GENDER_WORDS, KOLADA_HEADERS, KoladaValue, kolada_gender

OWN_HEADERS = {"indicator": "indicator", "indikator": "indicator", "nyckeltal": "indicator"}
_YEAR = re.compile(r"^[12][0-9]{3}$")


MAX_PART = 256 * 1024 * 1024  # bytes one part of the package may unpack to
MAX_UNPACKED = 1024 * 1024 * 1024  # bytes the whole package may unpack to


@dataclass
class OwnValue:
    """A value for one of vp's own indicators (by its id), with its cell and, for problems
    with the indicator, the period or the gender, the cells of those."""

    indicator: str
    period: str
    gender: str
    value: float
    where: str
    places: dict[str, str] = field(default_factory=dict)

    def place(self, what: str) -> str:
        return self.places.get(what, self.where)


def read_workbook(path: Path, sheet: str | None) -> list[KoladaValue] | list[OwnValue]:
    """The workbook's values: Kolada's (by KPI) or vp's own (by indicator id)."""
    from openpyxl.utils import get_column_letter

    shown = display_path(path)
    ws = open_sheet(path, sheet, shown)
    name = ws.title
    cells = cells_of(ws)
    if not cells:
        raise Refused(f"{shown}: bladet {name!r} är tomt")
    first = min(cells)
    for merged in ws.merged_cells.ranges:
        if merged.min_row <= first <= merged.max_row:
            raise Refused(
                f"{shown}: {name}!{merged.coord} är sammanfogade celler i rubrikraden",
                hint="Dela upp de sammanfogade cellerna så att varje kolumn har en egen rubrik.",
            )
    width = max(cells[first])
    header = [_text(cells[first].get(c)) for c in range(1, width + 1)]

    def where(row: int, column: int) -> str:
        return f"{shown}: {name}!{get_column_letter(column + 1)}{row}"

    formulas = _Formulas(path, name)
    kolada = [KOLADA_HEADERS.get(h.lower()) for h in header]
    own = [OWN_HEADERS.get(h.lower()) or datafmt.HEADER_ALIASES.get(h.lower()) for h in header]
    years = [i for i, h in enumerate(header) if _YEAR.match(h)]
    body = []
    for number in sorted(r for r in cells if r > first):
        row = [cells[number].get(c) for c in range(1, width + 1)]
        if any(c not in (None, "") for c in row):
            body.append(_Row(number, row, formulas, where))
    if "kpi" in kolada and years:
        return _wide(body, kolada, years, header)
    if "kpi" in kolada:
        return _long_kolada(body, kolada)
    if "indicator" in own:
        return _long_own(body, own)
    raise Refused(
        f"{shown}: bladet {name!r} har varken kolumnen indicator (vp:s id) eller kpi "
        "(Koladas id) i rubrikraden",
        hint="Långt format: indicator, period, value, gender. Koladas export: kpi, kommun, "
        "kön och ett år per kolumn.",
    )


def open_sheet(path: Path, sheet: str | None, shown: str) -> Any:
    """The named sheet (or the first) of a workbook measured before it is unpacked; every
    way it cannot be read is a Swedish refusal."""
    from openpyxl import load_workbook

    _check_package(path, shown)
    try:
        book = load_workbook(path, data_only=True)
    except Exception as error:  # openpyxl raises zip, XML and key errors alike
        bad = _unreadable_number(path) if isinstance(error, ValueError) else None
        if bad is not None:
            raise Refused(
                f"{shown}: cellen {bad[0]} har värdet {bad[1]!r}, som inte är ett tal",
                hint="Skriv ett tal i cellen, eller lämna den tom för ett värde som saknas.",
            ) from None
        raise Refused(
            f"{shown} går inte att läsa som Excel-arbetsbok ({type(error).__name__})",
            hint="Spara filen som Excel-arbetsbok (.xlsx) och försök igen.",
        ) from None
    if sheet is not None and sheet not in book.sheetnames:
        raise Refused(
            f"{shown} har inget blad {sheet!r}",
            hint="Bladen: " + ", ".join(book.sheetnames) + ".",
            usage=True,
        )
    return book[sheet] if sheet is not None else book.worksheets[0]


def _check_package(path: Path, shown: str) -> None:
    """The workbook's parts measured before anything is unpacked."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise Refused(
            f"{shown} går inte att läsa som Excel-arbetsbok ({type(error).__name__})",
            hint="Spara filen som Excel-arbetsbok (.xlsx) och försök igen.",
        ) from None
    largest = max(parts, key=lambda part: part.file_size, default=None)
    total = sum(part.file_size for part in parts)
    if largest is not None and (largest.file_size > MAX_PART or total > MAX_UNPACKED):
        mib = 1024 * 1024
        raise Refused(
            f"{shown} packar upp till {total // mib} MiB ({largest.filename}: "
            f"{largest.file_size // mib} MiB); vp läser arbetsböcker upp till "
            f"{MAX_UNPACKED // mib} MiB och {MAX_PART // mib} MiB per del",
            hint="Dela upp arbetsboken, eller spara värdena som CSV och lägg dem under "
            "indicators-data/.",
        )


_NUMBER_CELL = re.compile(
    rb'<c r="([A-Z]+[0-9]+)"(?:(?! t=")[^>])*(?: t="n"[^>]*)?>\s*<v>([^<]*)</v>'
)


def _unreadable_number(path: Path) -> tuple[str, str] | None:
    """The first number cell whose stored text is no number (NaN, which openpyxl cannot
    read at all), found in the sheets' XML, so the refusal can name its cell."""
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if not name.startswith("xl/worksheets/"):
                continue
            for found in _NUMBER_CELL.finditer(package.read(name)):
                text = found.group(2).decode("utf-8", "replace")
                try:
                    float(text)
                    if text.strip().lower() in ("nan", "inf", "-inf", "infinity"):
                        raise ValueError
                except ValueError:
                    return found.group(1).decode(), text
    return None


def cells_of(ws: Any) -> dict[int, dict[int, Any]]:
    """The sheet's cells that hold something, by row and column (1-based): only the cells
    that exist, never the rectangle the sheet's dimensions claim."""
    found: dict[int, dict[int, Any]] = {}
    for (row, column), cell in ws._cells.items():  # openpyxl's own store of existing cells
        if cell.value not in (None, ""):
            found.setdefault(row, {})[column] = cell.value
    return found


class _Formulas:
    """The formulas of a sheet, read only when a cell turns out to have no saved value."""

    def __init__(self, path: Path, sheet: str) -> None:
        self.path, self.sheet = path, sheet
        self.cells: dict[tuple[int, int], str] | None = None

    def at(self, row: int, column: int) -> str | None:
        if self.cells is None:
            from openpyxl import load_workbook

            ws = load_workbook(self.path)[self.sheet]
            self.cells = {
                key: str(cell.value)
                for key, cell in ws._cells.items()
                if cell.data_type == "f" or str(cell.value or "").startswith("=")
            }
        return self.cells.get((row, column + 1))


@dataclass
class _Row:
    number: int  # as Excel numbers it
    cells: list[Any]
    formulas: _Formulas
    where: Any

    def place(self, column: int) -> str:
        return str(self.where(self.number, column))

    def number_at(self, column: int) -> tuple[float | None, str | None]:
        cell, place = self.cells[column], self.place(column)
        if cell is None or cell == "":
            formula = self.formulas.at(self.number, column)
            if formula is not None:
                raise Refused(
                    f"{place}: cellen har formeln {formula[:60]} men inget sparat värde",
                    hint="Öppna arbetsboken i Excel eller LibreOffice och spara den igen, så "
                    "sparas värdena; eller klistra in värdena i stället för formlerna.",
                )
            return None, "värde saknas"
        if isinstance(cell, bool):
            raise Refused(f"{place}: {cell!r} är inget tal")
        if isinstance(cell, (int, float)):
            if not math.isfinite(cell):
                raise Refused(f"{place}: {cell!r} är inget ändligt tal")
            return float(cell), None
        try:
            value, why = datafmt.parse_value(str(cell))
        except ValueError as error:
            raise Refused(f"{place}: {error}", hint="Skriv ett tal, t.ex. 12,5.") from None
        return value, why

    def period_at(self, column: int) -> str:
        """A period, also when Excel made a date of it: 2022-01 became 2022-01-01 (or the
        day number 44562 in a cell without a date format)."""
        cell = self.cells[column]
        if isinstance(cell, (int, float)) and not isinstance(cell, bool) and cell > 2999:
            from openpyxl.utils.datetime import from_excel

            try:
                cell = from_excel(cell)
            except (ValueError, OverflowError):
                raise Refused(f"{self.place(column)}: {cell!r} är ingen period") from None
        if isinstance(cell, (dt.datetime, dt.date)):
            if cell.day != 1:
                raise Refused(
                    f"{self.place(column)}: {cell:%Y-%m-%d} är ett datum, ingen period",
                    hint="Skriv perioden som text: 2022, 2022-01, 2022-Q1 eller 2022-T1 "
                    "(formatera kolumnen som Text innan du skriver i Excel).",
                )
            return f"{cell.year}-{cell.month:02d}"
        return _text(cell)


def _text(cell: Any) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "" if cell is None else str(cell).strip()


def _columns(columns: list[Any]) -> dict[str, int]:
    """Where each known column stands; a long sheet without period or value is refused."""
    at = {name: i for i, name in enumerate(columns) if name}
    missing = [c for c in ("period", "value") if c not in at]
    if missing:
        raise Refused(f"kolumnen {', '.join(missing)} saknas i rubrikraden")
    return at


def _kolada_value(row: _Row, at: dict[str, int], period: str, column: int) -> KoladaValue:
    """One of Kolada's values from a row, its number in `column`."""
    value, why = row.number_at(column)
    cells = row.cells
    return KoladaValue(
        _text(cells[at["kpi"]]),
        _text(cells[at["municipality"]]) if "municipality" in at else "",
        period,
        kolada_gender(cells[at["gender"]]) if "gender" in at else "T",
        value,
        why or "",
        row.place(column),
        _text(cells[at["municipality_name"]]) if "municipality_name" in at else "",
    )


def _wide(
    body: list[_Row], columns: list[Any], years: list[int], header: list[str]
) -> list[KoladaValue]:
    at = {name: i for i, name in enumerate(columns) if name}
    return [_kolada_value(row, at, header[column], column) for row in body for column in years]


def _long_kolada(body: list[_Row], columns: list[Any]) -> list[KoladaValue]:
    at = _columns(columns)
    return [_kolada_value(row, at, row.period_at(at["period"]), at["value"]) for row in body]


def _long_own(body: list[_Row], columns: list[Any]) -> list[OwnValue]:
    at = _columns(columns)
    found = []
    for row in body:
        value, _ = row.number_at(at["value"])
        if value is None:
            continue  # an empty cell is no value to record
        gender = "T"
        if "gender" in at:
            # Kvinnor, Män, Totalt as well as K, M, T, as the README promises
            word = _text(row.cells[at["gender"]]) or "T"
            gender = GENDER_WORDS.get(word.casefold(), word.upper())
            if gender not in ("K", "M", "T"):
                raise Refused(
                    f"{row.place(at['gender'])}: könet {word!r} är inte K, M eller T",
                    hint="Skriv K (kvinnor), M (män) eller T (totalt).",
                )
        places = {"indicator": row.place(at["indicator"]), "period": row.place(at["period"])}
        if "gender" in at:
            places["gender"] = row.place(at["gender"])
        found.append(
            OwnValue(
                _text(row.cells[at["indicator"]]),
                row.period_at(at["period"]),
                gender,
                value,
                row.place(at["value"]),
                places,
            )
        )
    return found
