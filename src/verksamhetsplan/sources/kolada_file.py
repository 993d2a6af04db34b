"""Kolada's values as its files say them: API answers in v2/v3 JSON and CSV exports, read
into `KoladaValue`s with the place each came from. Nothing here knows the plans or writes."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..common.files import display_path, read_bytes
from ..common.problems import Refused
from ..data import format as datafmt


@dataclass(slots=True)  # a hundred thousand of them in one answer
class KoladaValue:
    kpi: str
    municipality: str
    period: str
    gender: str
    value: float | None
    status: str
    where: str  # where in the file, for messages
    municipality_name: str = ""

    ou: bool = False  # an organisational unit's value (oudata), not the municipality's

    @property
    def kommun(self) -> str:
        """The municipality id as Kolada writes it: four digits (a spreadsheet drops the
        leading zero of 0180)."""
        return kommun_id(self.municipality)

    @property
    def group(self) -> bool:
        """A comparison group's value (G…): an average of other municipalities."""
        return self.municipality.strip().upper().startswith("G")

    def is_municipality(self, wanted: str) -> bool:
        return kommun_id(wanted).casefold() in (
            self.kommun.casefold(),
            self.municipality_name.casefold(),
        )

    @property
    def municipality_label(self) -> str:
        return " ".join(filter(None, (self.municipality, self.municipality_name)))


@lru_cache(maxsize=1024)  # asked per value, of the few municipalities an answer holds
def kommun_id(text: str) -> str:
    """1862 -> 1862, 180 -> 0180 (the zero a spreadsheet dropped); other ids as they are."""
    text = text.strip()
    return text.zfill(4) if text.isdigit() and len(text) < 4 else text


# Kolada's gender as its exports and answers write it.
GENDER_WORDS = {
    "t": "T",
    "totalt": "T",
    "total": "T",
    "alla": "T",
    "k": "K",
    "kvinnor": "K",
    "kvinna": "K",
    "flickor": "K",
    "m": "M",
    "män": "M",
    "man": "M",
    "pojkar": "M",
}


def kolada_gender(text: Any) -> str:
    known = _AS_WRITTEN.get(text) if isinstance(text, str) or text is None else None
    if known is not None:
        return known
    word = str(text or "T").strip()
    return GENDER_WORDS.get(word.casefold(), word.upper())


# Kolada's API writes T, K and M; these are found at once, the rest by the words above.
_AS_WRITTEN: dict[str | None, str] = {None: "T", "": "T", "T": "T", "K": "K", "M": "M"}


KOLADA_HEADERS = {
    "kpi": "kpi",
    "kpi_id": "kpi",
    "kpi-id": "kpi",
    "nyckeltal": "kpi",
    "nyckeltals-id": "kpi",
    "id": "kpi",
    "municipality": "municipality",
    "municipality_id": "municipality",
    "kommun": "municipality_name",
    "kommunnamn": "municipality_name",
    "kommun-id": "municipality",
    "kommunid": "municipality",
    "kommun_id": "municipality",
    "period": "period",
    "year": "period",
    "år": "period",
    "ar": "period",
    "gender": "gender",
    "kön": "gender",
    "kon": "gender",
    "value": "value",
    "värde": "value",
    "varde": "value",
    "status": "status",
}


def read_kolada(path: Path) -> list[KoladaValue]:
    raw = read_bytes(path)
    file = display_path(path)
    stripped = raw.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"{", b"[")):
        return _kolada_json(raw, file)
    return _kolada_csv(raw, file)


def _kolada_json(raw: bytes, file: str) -> list[KoladaValue]:
    import json

    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise Refused(f"{file} är inte UTF-8; Koladas API svarar alltid i UTF-8") from None
    except json.JSONDecodeError as error:
        raise Refused(
            f"{file}:{error.lineno}:{error.colno}: ogiltig JSON ({error.msg})",
            hint="Spara svaret från Koladas API oförändrat (v2 eller v3, /data/…).",
        ) from None
    return kolada_records(document, file)


def kolada_records(document: Any, file: str) -> list[KoladaValue]:
    """The values of one answer (or page) of Kolada's API, parsed from JSON already."""
    records = document.get("values") if isinstance(document, dict) else document
    if not isinstance(records, list):
        raise Refused(
            f"{file}: hittar ingen lista 'values' som i Koladas svar",
            hint="Filen ska vara ett svar från Koladas API, t.ex. /v2/data/kpi/N00945/year/2018.",
        )
    found = []
    for index, record in enumerate(records):
        where = f"{file}: values[{index}]"
        if not isinstance(record, dict) or not {"kpi", "period", "values"} <= set(record):
            raise Refused(f"{where} saknar kpi, period eller values", usage=False)
        municipality = record.get("municipality") or record.get("ou") or ""
        ou = "ou" in record and not record.get("municipality")
        values = record["values"] or []
        if not isinstance(values, list) or not all(isinstance(v, dict) for v in values):
            raise Refused(f"{where}: values ska vara en lista med värden, som i Koladas svar")
        kpi, place, period = str(record["kpi"]), str(municipality), str(record["period"])
        for value in values:
            found.append(
                KoladaValue(
                    kpi,
                    place,
                    period,
                    kolada_gender(value.get("gender")),
                    _number(value.get("value"), where),
                    str(value.get("status") or ""),
                    where,
                    ou=ou,
                )
            )
    return found


def _number(value: Any, where: str) -> float | None:
    """A value from Kolada's JSON as a number; anything else is refused with its place."""
    if value is None:
        return None
    if type(value) is float and math.isfinite(value):  # nearly every value: nothing to say
        return value
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:39] + "…"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Refused(f"{where}: värdet {shown} är inte ett tal")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise Refused(f"{where}: värdet {shown} är för stort för att vara ett nyckeltalsvärde")
    return number


def _kolada_csv(raw: bytes, file: str) -> list[KoladaValue]:
    import csv

    try:
        text, _ = datafmt.decode(raw)
    except datafmt.MixedEncoding as mixed:
        raise Refused(f"{file}: {mixed}; spara filen som UTF-8 och försök igen") from None
    lines = text.splitlines()
    if not lines:
        raise Refused(f"{file} är tom")
    delimiter = datafmt.sniff_delimiter(lines[0])
    reader = csv.reader(lines, delimiter=delimiter)
    header = [KOLADA_HEADERS.get(cell.strip().lower()) for cell in next(reader)]
    missing = [c for c in ("kpi", "period", "value") if c not in header]
    if missing:
        raise Refused(
            f"{file}:1: kolumnen {', '.join(missing)} saknas",
            hint="En Kolada-export har kolumnerna kpi, kommun, år, kön och värde.",
        )
    found = []
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        row = dict(zip(header, cells, strict=False))
        try:
            value, why = datafmt.parse_value(row.get("value", ""))
        except ValueError as error:
            column = header.index("value") + 1
            raise Refused(f"{file}:{line}:{column}: {error}") from None
        found.append(
            KoladaValue(
                row.get("kpi", "").strip(),
                (row.get("municipality") or "").strip(),
                row.get("period", "").strip(),
                kolada_gender(row.get("gender")),
                value,
                (row.get("status") or why or "").strip(),
                f"{file}:{line}",
                (row.get("municipality_name") or "").strip(),
            )
        )
    return found
