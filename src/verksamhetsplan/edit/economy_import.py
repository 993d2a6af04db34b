"""`vp economy import`: an ekonomisystem's export into economy-data/<organisation>/, by the
mapping the plan declares. Each amount replaces the row with the same unit, period, kind and
account in the target file, or is added; the whole file is checked as `vp validate` checks
it before anything is written, and every refusal names the cell."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from ..common.files import read_bytes
from ..common.problems import Problem, Refused, Severity
from ..common.swedish import parse_amount, plain_number
from ..data.economy import (
    COLUMNS,
    ECONOMY,
    PERIOD,
    Units,
    other_files,
    read_economy,
    rows_problems,
    units_of,
)
from ..data.layout import organisation
from ..plan.economy_model import ImportMapping, Kind
from ..plan.load import PlanFile
from ..sources.economy_export import ExportRow, Place, read_export
from .safe_write import Change

_YEAR_MONTH = re.compile(r"^([12][0-9]{3})-?(0[1-9]|1[0-2])$")


def _plan(repository: Any, plan: str | None) -> PlanFile:
    chosen: list[PlanFile] = [
        p
        for p in repository.plans
        if p.plan.economy is not None
        and p.plan.economy.import_ is not None
        and plan in (None, p.plan.id)
    ]
    if len(chosen) == 1:
        return chosen[0]
    names = ", ".join(p.plan.id for p in chosen)
    if chosen:
        raise Refused(
            "flera planer läser ekonomiexporter; välj en med --plan", hint=names, usage=True
        )
    raise Refused(
        "ingen plan anger hur ekonomisystemets export läses",
        hint="Ange economy: import: columns: i nämndens plan (se dokumentationen, Ekonomi).",
        usage=True,
    )


def import_economy(
    repository: Any, files: list[Path], plan: str | None, target: Path | None
) -> list[Change]:
    plan_file = _plan(repository, plan)
    economy = plan_file.plan.economy
    assert economy is not None and economy.import_ is not None
    mapping = economy.import_
    org = organisation(Path(plan_file.file), "plans")
    path = target or repository.root / ECONOMY / (org or "") / f"{plan_file.plan.id}.csv"
    if not path.name.endswith(".csv") or ECONOMY not in path.absolute().parts:
        raise Refused(f"{path} ligger inte under {ECONOMY}/ eller är ingen .csv-fil", usage=True)
    units = units_of(repository.plans).get(org)
    assert units is not None  # the plan declares units
    problems: list[Problem] = []
    found: list[tuple[dict[str, str], Place]] = []
    said: list[str] = []
    for file in files:
        rows, skipped = read_export(file, mapping)
        said += [f"{file.name}: {s}" for s in skipped]
        for row in rows:
            entry, wrong = _entry(row, mapping, units, economy.sign != mapping.sign)
            problems += wrong
            if entry is not None:
                found.append((entry, row.places["amount"]))
    problems += _duplicates(found)
    if problems:
        raise Refused("exporten har fel; ingenting har skrivits", problems)
    before = read_bytes(path) if path.is_file() else None
    after = _merged(before, [entry for entry, _ in found])
    _check(path, after, units)
    from ..common.files import display_path

    done = [f"Läste {len(found)} belopp till {display_path(path)}"]
    return [Change(path, before, after, done + said)]


def _entry(
    row: ExportRow, mapping: ImportMapping, units: Units, flip: bool
) -> tuple[dict[str, str] | None, list[Problem]]:
    problems = []
    values = row.values

    def problem(column: str, code: str, message: str, hint: str | None = None) -> None:
        place = row.places.get(column) or next(iter(row.places.values()))
        problems.append(
            Problem(
                code,
                f"{message} ({place.label})",
                Severity.ERROR,
                place.file,
                place.line,
                place.column,
                hint,
            )
        )

    code = str(values.get("unit", "")).strip()
    unit = mapping.units.get(code, code)
    if unit not in units.units:
        problem(
            "unit",
            "VP902",
            f"okänd enhet {code!r}",
            "Ange koden under economy: import: units i planen.",
        )
    period = _period(values.get("period"))
    if period is not None and unit in units.units and int(period[:4]) not in units.years(unit):
        years = units.years(unit)
        said = f"perioden {period} ligger utanför planens år {years.start}–{years.stop - 1}"
        problem("period", "VP903", said)
        period = None
    elif period is None:
        problem(
            "period",
            "VP903",
            f"ogiltig period {values.get('period')!r}",
            "År, månad (2018-03 eller 201803) eller tertial (2018-T1).",
        )
    kind: Kind | None = mapping.kind
    if kind is None:
        word = str(values.get("kind", "")).strip()
        kinds = {k.casefold(): v for k, v in mapping.kinds.items()}
        kind = kinds.get(word.casefold())
        if kind is None:
            problem(
                "kind", "VP906", f"okänd typ {word!r}", "Typerna: " + ", ".join(mapping.kinds) + "."
            )
    raw = values.get("amount")
    try:
        amount = (
            float(raw)
            if isinstance(raw, int | float) and not isinstance(raw, bool)
            else parse_amount(str(raw or ""))
        )
    except ValueError as error:
        problem("amount", "VP904", str(error))
        amount = 0.0
    if problems or kind is None or period is None:
        return None, problems
    entry = {
        "unit": unit,
        "period": period,
        "kind": kind.value,
        "amount": plain_number(-amount if flip else amount),
        "account": str(values.get("account", "") or "").strip(),
        "note": str(values.get("note", "") or "").strip(),
    }
    return entry, []


def _period(value: Any) -> str | None:
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}-{value.month:02d}"
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    text = str(value or "").strip()
    match = _YEAR_MONTH.match(text)
    if match:
        return f"{match[1]}-{match[2]}"
    return text if PERIOD.match(text) else None


def _duplicates(found: list[tuple[dict[str, str], Place]]) -> list[Problem]:
    seen: dict[tuple[str, ...], Place] = {}
    problems = []
    for entry, place in found:
        key = (entry["unit"], entry["period"], entry["kind"], entry["account"])
        if key in seen:
            what = " ".join(k for k in key if k)
            message = f"{what} står två gånger ({seen[key].label} och {place.label})"
            problems.append(
                Problem("VP905", message, Severity.ERROR, place.file, place.line, place.column)
            )
        seen.setdefault(key, place)
    return problems


def _merged(before: bytes | None, entries: list[dict[str, str]]) -> bytes:
    """The target file with each entry in place of the row with its key, or added."""
    rows: list[dict[str, str]] = []
    if before is not None:
        text = before.decode("utf-8-sig")
        rows = [
            {k: (v or "") for k, v in r.items() if k}
            for r in csv.DictReader(io.StringIO(text, newline=""))
        ]
    index = {
        (r.get("unit"), r.get("period"), r.get("kind"), r.get("account", "")): i
        for i, r in enumerate(rows)
    }
    for entry in entries:
        key = (entry["unit"], entry["period"], entry["kind"], entry["account"])
        if key in index:
            rows[index[key]] = entry
        else:
            index[key] = len(rows)
            rows.append(entry)
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=list(COLUMNS), lineterminator="\n", extrasaction="ignore"
    )
    writer.writeheader()
    writer.writerows(rows)
    bom = codecs.BOM_UTF8 if before is not None and before.startswith(codecs.BOM_UTF8) else b""
    return bom + out.getvalue().encode("utf-8")


def _check(path: Path, after: bytes, units: Any) -> None:
    """The file as it would be, with the organisation's other economy files, checked as vp
    validate checks them."""
    from ..common.files import display_path

    rows, problems = other_files(path.parent, units, {path.resolve()})
    found, said = read_economy(path, display_path(path), units, after)
    rows += found
    problems += said or rows_problems(rows)
    if problems:
        raise Refused(f"beloppen skulle göra {path.name} ogiltig; ingenting har skrivits", problems)
