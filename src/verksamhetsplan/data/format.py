"""The indicator data format: what a value, a period and a header may look like.

Shared by the row reader (standard library only, for `vp validate` and small data) and
the pyarrow reader for large data, so both read a file the same way.

Files come from many places: our own long format (`indicator,period,value`), Excel in
Swedish (`;` separator, decimal comma, Windows-1252, thousands separated by spaces) and
Kolada, whose markers for a missing value are read as missing with the reason kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..common.swedish import parse_number
from ..plan.vocabulary import Frequency

COLUMNS = ("indicator", "period", "value", "gender", "note")
REQUIRED = ("indicator", "period", "value")
# Headers as people write them in Swedish spreadsheets.
HEADER_ALIASES = {
    "indicator": "indicator",
    "indikator": "indicator",
    "nyckeltal": "indicator",
    "kpi": "indicator",
    "period": "period",
    "år": "period",
    "ar": "period",
    "value": "value",
    "värde": "value",
    "varde": "value",
    "utfall": "value",
    "gender": "gender",
    "kön": "gender",
    "kon": "gender",
    "note": "note",
    "kommentar": "note",
    "anteckning": "note",
}
# Kolada's markers, and an empty cell.
MISSING_MARKERS = {
    "": "värde saknas",
    "-": "värde saknas",
    ".": "ej tillämpligt",
    "..": "sekretess",
}
GENDERS = {"K": "K", "M": "M", "T": "T", "": "T"}
PERIOD_PATTERNS = {
    # Years 1000–2999 in ASCII digits: 0000-01 and ٢٠١٨ are not periods.
    Frequency.YEAR: re.compile(r"^[12][0-9]{3}$"),
    Frequency.MONTH: re.compile(r"^[12][0-9]{3}-(0[1-9]|1[0-2])$"),
    Frequency.QUARTER: re.compile(r"^[12][0-9]{3}-Q[1-4]$"),
    Frequency.TERTIAL: re.compile(r"^[12][0-9]{3}-T[1-3]$"),
}
# How a frequency is said in a sentence ("redovisas per månad").
FREQUENCY_WORDS = {"month": "månad", "quarter": "kvartal", "tertial": "tertial", "year": "år"}
PERIOD_EXAMPLES = {
    Frequency.YEAR: "2018",
    Frequency.MONTH: "2018-03",
    Frequency.QUARTER: "2018-Q1",
    Frequency.TERTIAL: "2018-T1",
}


@dataclass(frozen=True)
class Dialect:
    encoding: str
    delimiter: str


class MixedEncoding(ValueError):
    """A UTF-8 file with a byte that is not UTF-8: a stray character from another program.
    Read as Windows-1252 instead, every å, ä and ö of the file would turn to garbage."""

    def __init__(self, line: int, column: int, byte: int) -> None:
        super().__init__(f"byte 0x{byte:02X} på rad {line} är inte UTF-8")
        self.line, self.column, self.byte = line, column, byte


# A letter outside ASCII as UTF-8 writes it (å is C3 A5): Windows-1252 text has none.
_UTF8_LETTER = re.compile(rb"[\xc3-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")


def decode(raw: bytes) -> tuple[str, str]:
    """Text and encoding: UTF-8 (with or without BOM), else Windows-1252 as Excel saves it.

    Raises MixedEncoding for a UTF-8 file with a stray byte that is not UTF-8.
    """
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as error:
        if _UTF8_LETTER.search(raw):
            start = error.start
            line_start = raw.rfind(b"\n", 0, start) + 1
            column = len(raw[line_start:start].decode("utf-8", errors="replace")) + 1
            raise MixedEncoding(raw.count(b"\n", 0, start) + 1, column, raw[start]) from None
        return raw.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(first_line: str) -> str:
    """The separator of the header line: semicolon from Swedish Excel, tab, or comma."""
    counts = {d: first_line.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def header_columns(cells: list[str]) -> tuple[list[str | None], list[str]]:
    """Our name for each header cell (None when unknown), and the required ones missing."""
    names = [HEADER_ALIASES.get(cell.strip().lower()) for cell in cells]
    missing = [c for c in REQUIRED if c not in names]

    return names, missing


def parse_value(text: str) -> tuple[float | None, str | None]:
    """A cell of the value column: (number, None), or (None, why it is missing).

    Raises ValueError with a Swedish message for text that is neither.
    """
    cell = text.strip()
    if cell in MISSING_MARKERS:
        return None, MISSING_MARKERS[cell]
    return parse_number(cell), None


def parse_gender(text: str) -> str | None:
    return GENDERS.get(text.strip().upper())


def period_fits(period: str, frequency: Frequency) -> bool:
    return PERIOD_PATTERNS[frequency].match(period) is not None
