"""`vp data import FILE.xlsx`: indicator values from an Excel workbook.

Two layouts are read, from the first sheet or a named one:
- long: a row per value, with the columns indicator (vp's ids) or kpi (Kolada's ids),
  period (or år), value (or värde) and optionally gender (kön) and kommun;
- wide: Kolada's own export, a row per KPI (and kommun and kön) with the years as columns.

openpyxl (pandas' Excel engine) reads the cells, because every problem must name its
cell, as a person finds it in Excel: `Blad1!C14`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.files import display_path
from ..common.problems import Refused
from ..data import format as datafmt
from .kolada_file import KOLADA_HEADERS, KoladaValue, kolada_gender

OWN_HEADERS = {"indicator": "indicator", "indikator": "indicator", "nyckeltal": "indicator"}
_YEAR = re.compile(r"^[12][0-9]{3}$")


@dataclass
class OwnValue:
    """A value for one of vp's own indicators (by its id), with its cell."""

    indicator: str
    period: str
    gender: str
    value: float
    where: str


def read_workbook(path: Path, sheet: str | None) -> list[KoladaValue] | list[OwnValue]:
    """The workbook's values: Kolada's (by KPI) or vp's own (by indicator id)."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    shown = display_path(path)
    try:
        book = load_workbook(path, data_only=True)
    except Exception as error:  # openpyxl raises zip, XML and key errors alike
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
    ws = book[sheet] if sheet is not None else book.worksheets[0]
    name = ws.title
    rows = list(ws.iter_rows(values_only=True))
    first = next((i for i, row in enumerate(rows) if any(c not in (None, "") for c in row)), None)
    if first is None:
        raise Refused(f"{shown}: bladet {name!r} är tomt")
    for merged in ws.merged_cells.ranges:
        if merged.min_row <= first + 1 <= merged.max_row:
            raise Refused(
                f"{shown}: {name}!{merged.coord} är sammanfogade celler i rubrikraden",
                hint="Dela upp de sammanfogade cellerna så att varje kolumn har en egen rubrik.",
            )
    header = [str(c).strip() if c is not None else "" for c in rows[first]]

    def where(row: int, column: int) -> str:
        return f"{shown}: {name}!{get_column_letter(column + 1)}{row + 1}"

    kolada = [KOLADA_HEADERS.get(h.lower()) for h in header]
    own = [OWN_HEADERS.get(h.lower()) or datafmt.HEADER_ALIASES.get(h.lower()) for h in header]
    years = [i for i, h in enumerate(header) if _YEAR.match(h)]
    body = [(first + 1 + k, row) for k, row in enumerate(rows[first + 1 :])]
    body = [(n, row) for n, row in body if any(c not in (None, "") for c in row)]
    if "kpi" in kolada and years:
        return _wide(body, kolada, years, header, where)
    if "kpi" in kolada:
        return _long_kolada(body, kolada, where)
    if "indicator" in own:
        return _long_own(body, own, where)
    raise Refused(
        f"{shown}: bladet {name!r} har varken kolumnen indicator (vp:s id) eller kpi "
        "(Koladas id) i rubrikraden",
        hint="Långt format: indicator, period, value, gender. Koladas export: kpi, kommun, "
        "kön och ett år per kolumn.",
    )


def _number(cell: Any, place: str) -> tuple[float | None, str | None]:
    if cell is None or cell == "":
        return None, "värde saknas"
    if isinstance(cell, bool):
        raise Refused(f"{place}: {cell!r} är inget tal")
    if isinstance(cell, (int, float)):
        return float(cell), None
    try:
        return datafmt.parse_value(str(cell))
    except ValueError as error:
        raise Refused(f"{place}: {error}", hint="Skriv ett tal, t.ex. 12,5.") from None


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


def _kolada_value(
    row: Any, at: dict[str, int], period: str, column: int, place: str
) -> KoladaValue:
    """One of Kolada's values from a row, its number in `column`."""
    value, why = _number(row[column], place)
    return KoladaValue(
        _text(row[at["kpi"]]),
        _text(row[at["municipality"]]) if "municipality" in at else "",
        period,
        kolada_gender(row[at["gender"]]) if "gender" in at else "T",
        value,
        why or "",
        place,
        _text(row[at["municipality_name"]]) if "municipality_name" in at else "",
    )


def _wide(
    body: list[Any], columns: list[Any], years: list[int], header: list[str], where: Any
) -> list[KoladaValue]:
    at = {name: i for i, name in enumerate(columns) if name}
    return [
        _kolada_value(row, at, header[column], column, where(row_number, column))
        for row_number, row in body
        for column in years
    ]


def _long_kolada(body: list[Any], columns: list[Any], where: Any) -> list[KoladaValue]:
    at = _columns(columns)
    return [
        _kolada_value(
            row, at, _text(row[at["period"]]), at["value"], where(row_number, at["value"])
        )
        for row_number, row in body
    ]


def _long_own(body: list[Any], columns: list[Any], where: Any) -> list[OwnValue]:
    at = _columns(columns)
    found = []
    for row_number, row in body:
        place = where(row_number, at["value"])
        value, _ = _number(row[at["value"]], place)
        if value is None:
            continue  # an empty cell is no value to record
        gender = datafmt.parse_gender(_text(row[at["gender"]])) if "gender" in at else "T"
        if gender is None:
            raise Refused(f"{where(row_number, at['gender'])}: könet är inte K, M eller T")
        found.append(
            OwnValue(_text(row[at["indicator"]]), _text(row[at["period"]]), gender, value, place)
        )
    return found
