"""Recording indicator values: one value by hand (`vp data add`) or a Kolada download
(`vp data import`). Values go into the data file that already holds the indicator's
series; every changed file is checked row by row before it becomes a safewrite.Change."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import datafmt
from .csvedit import NEW_FILE_COLUMNS, DataFile, find_row, new_data_file, open_data_file, upsert
from .datacheck import check_data_file
from .fmt import number
from .load import display_path
from .model import Frequency, Indicator
from .modelerrors import suggest
from .problems import Problem, Severity
from .safewrite import Change, Refused, read_bytes
from .validate import DEFAULT_DATA, indicator_tables, indicators_for, organisation


@dataclass
class Target:
    """An indicator as data rows name it, and the organisation whose data folder holds it."""

    indicator: Indicator
    org: str | None


def _targets(repository: Any) -> dict[str, list[Target]]:
    found: dict[str, list[Target]] = {}
    for plan_file in repository.plans:
        org = organisation(Path(plan_file.file), "plans")
        for indicator in plan_file.plan.indicators:
            known = found.setdefault(indicator.id, [])
            if all(t.org != org for t in known):
                known.append(Target(indicator, org))
    return found


def find_indicator(repository: Any, ident: str) -> Target:
    targets = _targets(repository)
    if ident not in targets:
        close = suggest(ident, list(targets))
        raise Refused(
            f"nyckeltalet {ident!r} finns inte i planerna",
            hint=f"Menade du {close!r}?"
            if close
            else "Nyckeltalen står under indicators: i planen.",
            usage=True,
        )
    if len(targets[ident]) > 1:
        orgs = ", ".join(str(t.org) for t in targets[ident])
        raise Refused(
            f"nyckeltalet {ident!r} finns hos flera organisationer ({orgs})",
            hint="Ange filen med --file.",
            usage=True,
        )
    return targets[ident][0]


@dataclass
class Session:
    """Data files opened for changing, with what was done to them."""

    repository: Any
    explicit: Path | None = None  # --file: every value goes here
    files: dict[Path, DataFile] = field(default_factory=dict)
    before: dict[Path, bytes | None] = field(default_factory=dict)
    done: dict[Path, list[str]] = field(default_factory=dict)

    def open(self, path: Path) -> DataFile:
        key = path.absolute()
        if key not in self.files:
            if path.exists():
                raw = read_bytes(path)
                self.before[key] = raw
                self.files[key] = open_data_file(path, raw)
                if None in (self.files[key].column(c) for c in datafmt.REQUIRED):
                    raise Refused(f"{display_path(path)} saknar kolumnerna {datafmt.REQUIRED}")
            else:
                self.before[key] = None
                self.files[key] = new_data_file(path, NEW_FILE_COLUMNS)
        return self.files[key]

    def file_for(self, target: Target, period: str, gender: str, new_name: str) -> DataFile:
        """The file for a value: --file, else the one with the series, else the only one."""
        if self.explicit is not None:
            return self.open(self.explicit)
        same_org = [
            f
            for f in self.repository.data_files
            if organisation(f, "indicators-data") == target.org or target.org is None
        ]
        holding = [self.open(f) for f in same_org if self.open(f).holds(target.indicator.id)]
        for data in holding:
            if find_row(data, target.indicator.id, period, gender) is not None:
                return data
        if holding:
            return holding[0]
        if len(same_org) == 1 and not new_name:
            return self.open(same_org[0])
        if len(same_org) > 1 and not new_name:
            names = ", ".join(display_path(f) for f in same_org)
            raise Refused(
                f"{target.indicator.id!r} har inga värden än och det finns flera datafiler",
                hint=f"Välj en med --file: {names}.",
                usage=True,
            )
        folder = DEFAULT_DATA / target.org if target.org else DEFAULT_DATA
        return self.open(folder / (new_name or "data.csv"))

    def changes(self) -> list[Change]:
        """Every changed file, checked as it would be written; errors refuse them all."""
        tables = indicator_tables(self.repository.plans)
        changes: list[Change] = []
        problems: list[Problem] = []
        for key, data in self.files.items():
            after = data.to_bytes()
            if after == self.before[key]:
                changes.append(Change(data.path, after, after, self.done.get(key, [])))
                continue
            file = display_path(data.path)
            found = check_data_file(data.path, file, indicators_for(key, tables), after)
            problems.extend(p for p in found if p.severity is Severity.ERROR)
            changes.append(Change(data.path, self.before[key], after, self.done.get(key, [])))
        if problems:
            raise Refused(
                "ändringen skulle göra datafilerna ogiltiga; ingenting har ändrats", problems
            )
        return changes


def check_value(target: Target, period: str, gender: str, value_text: str) -> float:
    """The value as a number, after checking period and gender against the indicator."""
    indicator = target.indicator
    if not datafmt.period_fits(period, indicator.frequency):
        raise Refused(
            f"perioden {period!r} passar inte {indicator.id!r}, som redovisas per "
            f"{datafmt.FREQUENCY_WORDS[indicator.frequency]}",
            hint=f"Skriv perioden som {datafmt.PERIOD_EXAMPLES[indicator.frequency]}.",
            usage=True,
        )
    if gender != "T" and not indicator.by_gender:
        raise Refused(
            f"{indicator.id!r} redovisas inte uppdelat på kön",
            hint="Utelämna --gender, eller sätt by_gender: true på nyckeltalet i planen.",
            usage=True,
        )
    try:
        value, missing = datafmt.parse_value(value_text)
    except ValueError as error:
        raise Refused(
            str(error), hint="Skriv ett tal, t.ex. 12,5 eller 12.5.", usage=True
        ) from None
    if value is None:
        raise Refused(f"värdet {value_text!r} är inget tal ({missing})", usage=True)
    return value


def add_value(
    repository: Any,
    ident: str,
    period: str,
    value_text: str,
    gender: str,
    file: Path | None,
    note: str,
) -> list[Change]:
    """`vp data add`: the validated change, saying whether a row was added or replaced."""
    target = find_indicator(repository, ident)
    value = check_value(target, period, gender, value_text)
    session = Session(repository, file)
    data = session.file_for(target, period, gender, "")
    if gender != "T" and data.column("gender") is None:
        raise Refused(
            f"{display_path(data.path)} har ingen kolumn för kön",
            hint="Lägg till kolumnen gender i filen, eller välj en annan fil med --file.",
            usage=True,
        )
    result = upsert(data, ident, period, gender, value, note)
    where = f"{display_path(data.path)}, rad {result.line}"
    label = f"{ident} {period}" + (f" ({gender})" if gender != "T" else "")
    shown = number(value, 6)
    message = {
        "added": f"Lade till {label} = {shown} ({where}).",
        "replaced": f"Ersatte {label}: {result.previous} → {shown} ({where}).",
        "unchanged": f"{label} är redan {result.previous} ({where}); ingenting är ändrat.",
    }[result.what]
    session.done.setdefault(data.path.absolute(), []).append(message)
    return session.changes()


# --- Kolada ---


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

    def is_municipality(self, wanted: str) -> bool:
        return wanted.casefold() in (
            self.municipality.casefold(),
            self.municipality_name.casefold(),
        )

    @property
    def municipality_label(self) -> str:
        return " ".join(filter(None, (self.municipality, self.municipality_name)))


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
        for value in record["values"] or []:
            number_value = value.get("value")
            if number_value is not None and not isinstance(number_value, (int, float)):
                raise Refused(f"{where}: värdet {number_value!r} är inte ett tal")
            found.append(
                KoladaValue(
                    str(record["kpi"]),
                    str(municipality),
                    str(record["period"]),
                    str(value.get("gender") or "T").upper(),
                    None if number_value is None else float(number_value),
                    str(value.get("status") or ""),
                    where,
                )
            )
    return found


def _kolada_csv(raw: bytes, file: str) -> list[KoladaValue]:
    import csv

    text, _ = datafmt.decode(raw)
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
                (datafmt.parse_gender(row.get("gender") or "") or "?"),
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
    repository: Any, source: Path, municipality: str | None, file: Path | None
) -> ImportReport:
    """`vp data import`: Kolada's values mapped to the indicators with that KPI id."""
    values = read_kolada(source)
    values = _for_municipality(values, municipality, display_path(source))
    by_kpi: dict[str, list[Target]] = {}
    for defined in _targets(repository).values():
        for target in defined:
            source_ = target.indicator.source
            if source_ is not None and source_.kolada:
                by_kpi.setdefault(source_.kolada, []).append(target)
    session = Session(repository, file)
    counts: Counter[str] = Counter()
    skipped: Counter[str] = Counter()
    for item in values:
        targets = by_kpi.get(item.kpi)
        if not targets:
            skipped[f"{item.kpi}: inget nyckeltal i planerna har detta Kolada-id"] += 1
            continue
        for target in targets:
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
                session.done.setdefault(data.path.absolute(), []).append(
                    f"{line} ({display_path(data.path)}:{result.line})"
                )
    return ImportReport(session.changes(), counts, skipped)


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
