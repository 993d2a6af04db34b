"""`vp data import`: values from Kolada (API answers in v2/v3 JSON, CSV exports) written into
the data files of the indicators that carry the Kolada KPI id, through the same session as
`vp data add`."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.files import display_path, read_bytes
from ..common.problems import Refused
from ..common.swedish import number
from ..data import format as datafmt
from ..plan.model import Indicator
from ..plan.vocabulary import Frequency
from .csv_file import upsert
from .data import Session, Target, indicator_targets
from .safe_write import Change


@dataclass
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
    word = str(text or "T").strip()
    return GENDER_WORDS.get(word.casefold(), word.upper())


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
        for value in values:
            number_value = _number(value.get("value"), where)
            found.append(
                KoladaValue(
                    str(record["kpi"]),
                    str(municipality),
                    str(record["period"]),
                    kolada_gender(value.get("gender")),
                    number_value,
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


@dataclass
class ImportReport:
    changes: list[Change]
    counts: Counter[str]
    skipped: Counter[str]


def import_kolada(
    repository: Any,
    sources: list[Path],
    municipality: str | None,
    file: Path | None,
    sheet: str | None = None,
) -> ImportReport:
    """`vp data import`: Kolada's values mapped to the indicators with that KPI id, and a
    workbook's values for vp's own indicators by their ids."""
    from .workbook_in import OwnValue, read_workbook

    values: list[KoladaValue] = []
    own: list[OwnValue] = []
    for source in sources:
        if source.suffix.lower() in (".xlsx", ".xlsm"):
            found = read_workbook(source, sheet)
            if found and isinstance(found[0], OwnValue):
                own.extend(v for v in found if isinstance(v, OwnValue))
            else:
                values.extend(v for v in found if isinstance(v, KoladaValue))
        else:
            values.extend(read_kolada(source))
    origin = ", ".join(display_path(source) for source in sources)
    session = Session(repository, file)
    report = import_values(repository, values, municipality, file, origin, session)
    if own:
        from .data import put_values

        report.counts.update(
            put_values(session, [(v.indicator, v.period, v.gender, v.value, v.where) for v in own])
        )
    report.changes = session.changes()
    return report


def kolada_ids(repository: Any) -> dict[str | None, str]:
    """The municipality id each organisation's plans declare (kolada_id), by organisation."""
    from ..data.layout import organisation

    found: dict[str | None, str] = {}
    for plan_file in repository.plans:
        if plan_file.plan.kolada_id:
            found[organisation(Path(plan_file.file), "plans")] = plan_file.plan.kolada_id
    return found


def import_values(
    repository: Any,
    values: list[KoladaValue],
    municipality: str | None,
    file: Path | None,
    origin: str,
    session: Session | None = None,
) -> ImportReport:
    """Kolada's values written into the data of the organisation they belong to: only the
    municipality's own (a group's average or an organisational unit's value is no value of
    the municipality), and only where the plans' kolada_id (or --kommun) says so."""
    skipped: Counter[str] = Counter()
    own = []
    for item in values:
        if item.group:
            skipped[
                f"{item.kpi}: jämförelsegruppens värde ({item.municipality}), inte kommunens"
            ] += 1
        elif item.ou:
            skipped[f"{item.kpi}: en organisatorisk enhets värde, inte kommunens"] += 1
        else:
            own.append(item)
    ids = kolada_ids(repository)
    if municipality is not None or not ids:
        own = _for_municipality(own, municipality, origin)
    own = _without_duplicates(own, skipped)
    by_kpi: dict[str, list[Target]] = {}
    for defined in indicator_targets(repository).values():
        for target in defined:
            source_ = target.indicator.source
            if source_ is not None and source_.kolada:
                by_kpi.setdefault(source_.kolada, []).append(target)
    values = own
    finish = session is None
    session = session or Session(repository, file)
    counts: Counter[str] = Counter()
    for item in values:
        targets = by_kpi.get(item.kpi)
        if not targets:
            skipped[f"{item.kpi}: inget nyckeltal i planerna har detta Kolada-id"] += 1
            continue
        for target in targets:
            declared = ids.get(target.org)
            if declared is not None and item.kommun != declared:
                skipped[f"{item.kpi}: värden för andra kommuner än {declared}"] += 1
                continue
            why = _skip_reason(item, target.indicator)
            if why:
                skipped[f"{item.kpi} → {target.indicator.id}: {why}"] += 1
                continue
            assert item.value is not None
            data = session.file_for(target, item.period, item.gender, "kolada.csv")
            if item.gender != "T" and data.column("gender") is None:
                skipped[f"{display_path(data.path)} har ingen kolumn för kön"] += 1
                continue
            result = upsert(
                data,
                target.indicator.id,
                item.period,
                item.gender,
                item.value,
                f"Kolada {item.kpi}",
            )
            counts[result.what] += 1
            if result.what != "unchanged":
                label = f"{target.indicator.id} {item.period} {item.gender}"
                shown = number(item.value, 6)
                line = (
                    f"  + {label} = {shown}"
                    if result.what == "added"
                    else f"  ~ {label}: {result.previous} → {shown}"
                )
                session.note_row(data, line, result.row)
    return ImportReport(session.changes() if finish else [], counts, skipped)


def _without_duplicates(values: list[KoladaValue], skipped: Counter[str]) -> list[KoladaValue]:
    """The same KPI, municipality, year and gender twice in one answer: neither is written,
    and both places are named (which one Kolada meant cannot be told)."""
    first: dict[tuple[str, str, str, str], KoladaValue] = {}
    twice: set[tuple[str, str, str, str]] = set()
    for item in values:
        key = (item.kpi, item.kommun, item.period, item.gender)
        if key in first:
            twice.add(key)
            skipped[
                f"{item.kpi} {item.period} {item.gender}: står två gånger ({first[key].where} och "
                f"{item.where})"
            ] += 1
        else:
            first[key] = item
    return [v for v in values if (v.kpi, v.kommun, v.period, v.gender) not in twice]


def _for_municipality(
    values: list[KoladaValue], wanted: str | None, file: str
) -> list[KoladaValue]:
    present = sorted({v.municipality_label for v in values})
    if wanted is not None:
        chosen = [v for v in values if v.is_municipality(wanted)]
        if not chosen:
            raise Refused(
                f"{file} har inga värden för kommunen {wanted!r}",
                hint="Kommunerna i filen: " + (", ".join(present) or "inga") + ".",
                usage=True,
            )
        return chosen
    if len(present) > 1:
        raise Refused(
            f"{file} har värden för flera kommuner",
            hint="Välj en med --kommun: " + ", ".join(present) + ".",
            usage=True,
        )
    return values


def _skip_reason(item: KoladaValue, indicator: Indicator) -> str | None:
    if item.value is None:
        return "värde saknas i Kolada" + (f" ({item.status})" if item.status else "")
    if indicator.frequency is not Frequency.YEAR and not datafmt.period_fits(
        item.period, indicator.frequency
    ):
        return (
            "Kolada redovisar per år, nyckeltalet per "
            + datafmt.FREQUENCY_WORDS[indicator.frequency]
        )
    if not datafmt.period_fits(item.period, indicator.frequency):
        return f"perioden {item.period!r} är inget år"
    if item.gender not in ("K", "M", "T"):
        return f"okänt kön {item.gender!r}"
    if item.gender != "T" and not indicator.by_gender:
        return "uppdelat på kön, men nyckeltalet redovisas inte per kön"
    return None
