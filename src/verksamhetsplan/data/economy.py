"""Economy data: economy-data/<organisation>/*.csv, one amount in tkr a row (unit, period,
kind, amount, optional account and note), read and checked with located Swedish messages.

Amounts are read as Swedes and ekonomisystem exports write them (decimal comma, spaces
between thousands, U+2212 or parentheses for a negative) and turned to the one convention
vp computes with: a cost positive, a revenue negative (the files' `sign` says which they use).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..common.problems import Problem, Severity, suggest
from ..common.swedish import parse_amount
from ..plan.economy_model import BudgetProfile, EconomyUnit, Kind, Sign
from ..plan.load import PlanFile
from . import format as datafmt
from .layout import organisation

ECONOMY = "economy-data"
COLUMNS = ("unit", "period", "kind", "amount", "account", "note")
REQUIRED = ("unit", "period", "kind", "amount")
KINDS = {
    "budget": Kind.BUDGET,
    "outcome": Kind.OUTCOME,
    "utfall": Kind.OUTCOME,
    "forecast": Kind.FORECAST,
    "prognos": Kind.FORECAST,
}
PERIOD = re.compile(r"^[12][0-9]{3}(-(0[1-9]|1[0-2]|T[1-3]))?$")


@dataclass(frozen=True)
class EconomyRow:
    unit: str
    period: str
    kind: Kind
    amount: float  # tkr, a cost positive
    account: str
    note: str
    file: str
    line: int


@dataclass
class Units:
    """The economy units of an organisation's plans, with the plan that declares each and
    the years its plan covers."""

    units: dict[str, EconomyUnit]
    plans: dict[str, PlanFile]
    sign: dict[str, Sign]
    profile: dict[str, BudgetProfile] = field(default_factory=dict)  # how a yearly budget spreads

    # plans that declare the same unit again (the next period's plan) add their years
    more: dict[str, list[PlanFile]] = field(default_factory=dict)

    def years(self, unit: str) -> range:
        """The years of the plans declaring the unit, and the one before the first (last
        year's utfall spreads a budget)."""
        periods = [p.plan.period for p in (self.plans[unit], *self.more.get(unit, []))]
        return range(min(p.start for p in periods) - 1, max(p.end for p in periods) + 1)


def units_of(plan_files: Iterable[PlanFile]) -> dict[str | None, Units]:
    """Every organisation's economy units (the first plan to declare an id wins; one that
    declares it again alike adds its years)."""
    found: dict[str | None, Units] = {}
    for plan_file in plan_files:
        economy = plan_file.plan.economy
        if economy is None:
            continue
        org = organisation(Path(plan_file.file), "plans")
        table = found.setdefault(org, Units({}, {}, {}))
        for unit in economy.units:
            if unit.id in table.units and table.units[unit.id] == unit:
                table.more.setdefault(unit.id, []).append(plan_file)
            elif unit.id not in table.units:
                table.units[unit.id] = unit
                table.plans[unit.id] = plan_file
                table.sign[unit.id] = economy.sign
                table.profile[unit.id] = economy.budget_profile
    return found


def is_economy_file(path: Path) -> bool:
    return ECONOMY in path.absolute().parts[:-1]


def read_economy(
    path: Path, file: str, units: Units | None, raw: bytes | None = None
) -> tuple[list[EconomyRow], list[Problem]]:
    """A file's rows (from `raw` when it is not yet written), and every problem with it;
    with problems no row counts."""
    rows: list[EconomyRow] = []
    problems: list[Problem] = []
    try:
        text, _ = datafmt.decode(path.read_bytes() if raw is None else raw)
    except datafmt.MixedEncoding as mixed:
        return [], [
            Problem("VP002", "filen är UTF-8 men inte överallt", file=file, line=mixed.line)
        ]
    except OSError as error:
        return [], [Problem("VP009", f"filen kan inte läsas ({error.strerror})", file=file)]
    if not text.strip():
        return [], [Problem("VP003", "ekonomifilen är tom", file=file, line=1, column=1)]
    delimiter = datafmt.sniff_delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [cell.strip().lower() for cell in next(reader)]
        unknown = [c for c in header if c not in COLUMNS]
        missing = [c for c in REQUIRED if c not in header]
        if unknown or missing:
            said = ", ".join(
                [*(f"okänd kolumn {c!r}" for c in unknown), *(f"{c} saknas" for c in missing)]
            )
            hint = "Kolumnerna: " + ", ".join(COLUMNS) + " (account och note får saknas)."
            return [], [
                Problem(
                    "VP901",
                    f"fel kolumner i ekonomifilen: {said}",
                    file=file,
                    line=1,
                    column=1,
                    hint=hint,
                )
            ]
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            line = reader.line_num
            row, found = _row(
                dict(zip(header, cells, strict=False)), header, cells, file, line, units
            )
            problems.extend(found)
            if row is not None:
                rows.append(row)
    except csv.Error as error:
        problems.append(
            Problem(
                "VP308", f"raden kan inte läsas som CSV ({error})", file=file, line=reader.line_num
            )
        )
    return ([] if problems else rows), problems


def other_files(
    folder: Path, units: Units | None, but: set[Path]
) -> tuple[list[EconomyRow], list[Problem]]:
    """The rows of an organisation's economy files other than `but` (resolved paths), and
    their problems: what holds across files is checked with all of them. A link is not read."""
    from ..common.files import display_path, find_files

    rows: list[EconomyRow] = []
    problems: list[Problem] = []
    for other in find_files([folder], (".csv",)) if folder.is_dir() else []:
        if other.resolve() not in but and not other.is_symlink():
            found, said = read_economy(other, display_path(other), units)
            rows += found
            problems += said
    return rows, problems


def rows_problems(rows: list[EconomyRow]) -> list[Problem]:
    """What is wrong with an organisation's rows together, across its files: an amount
    given twice, a year's budget or utfall given both whole and by part, and a sign
    convention the data contradicts."""
    found = _duplicates(rows)
    return found or _granularity(rows) or sign_problems(rows)


def _row(
    values: dict[str, str],
    header: list[str],
    cells: list[str],
    file: str,
    line: int,
    units: Units | None,
) -> tuple[EconomyRow | None, list[Problem]]:
    def problem(column: str, code: str, message: str, hint: str | None = None) -> Problem:
        return Problem(
            code, message, file=file, line=line, column=header.index(column) + 1, hint=hint
        )

    if len(cells) != len(header):
        message = f"raden har {len(cells)} fält, rubriken {len(header)}"
        return None, [Problem("VP308", message, file=file, line=line, column=1)]
    found = []
    unit = values["unit"].strip()
    if units is not None and unit not in units.units:
        close = suggest(unit, list(units.units))
        hint = f"Menade du {close!r}?" if close else "Enheterna: " + ", ".join(units.units)
        found.append(problem("unit", "VP902", f"okänd enhet {unit!r}", hint))
    period = values["period"].strip()
    if not PERIOD.match(period):
        found.append(
            problem(
                "period",
                "VP903",
                f"ogiltig period {period!r}: skriv år (2018), månad (2018-03) eller "
                "tertial (2018-T1)",
            )
        )
    elif units is not None and unit in units.units and int(period[:4]) not in units.years(unit):
        years = units.years(unit)
        found.append(
            problem(
                "period",
                "VP903",
                f"perioden {period} ligger utanför åren {years.start}–{years.stop - 1} som "
                f"planerna med enheten {unit} gäller (med året före)",
            )
        )
    kind = KINDS.get(values["kind"].strip().lower())
    if kind is None:
        found.append(
            problem(
                "kind",
                "VP906",
                f"okänd typ {values['kind'].strip()!r}",
                "Tillåtna: budget, outcome (utfall), forecast (prognos).",
            )
        )
    try:
        amount = parse_amount(values["amount"])
    except ValueError as error:
        found.append(
            problem("amount", "VP904", str(error), "Beloppet i tkr, t.ex. 1 234,5 eller −120.")
        )
        amount = 0.0
    if found or kind is None:
        return None, found
    if units is not None and units.sign.get(unit) is Sign.COSTS_NEGATIVE:
        amount = -amount
    account = values.get("account", "").strip()
    return EconomyRow(
        unit, period, kind, amount, account, values.get("note", "").strip(), file, line
    ), []


def _duplicates(rows: list[EconomyRow]) -> list[Problem]:
    seen: dict[tuple[str, str, Kind, str], EconomyRow] = {}
    found = []
    for row in rows:
        key = (row.unit, row.period, row.kind, row.account)
        if key in seen:
            first = seen[key]
            found.append(
                Problem(
                    "VP905",
                    f"{row.unit} {row.period} {row.kind.value}"
                    f"{' ' + row.account if row.account else ''} finns redan på rad {first.line}",
                    file=row.file,
                    line=row.line,
                    column=1,
                    hint="Ett belopp per enhet, period, typ och kontogrupp.",
                )
            )
        seen.setdefault(key, row)
    return found


def _granularity(rows: list[EconomyRow]) -> list[Problem]:
    """Budget or utfall for a year given both by month (or tertial) and as a whole would be
    counted twice; a year's rows keep to one kind of period."""
    kinds: dict[tuple[str, str, Kind, str], dict[int, EconomyRow]] = {}
    for row in rows:
        if row.kind is Kind.FORECAST:
            continue
        key = (row.unit, row.period[:4], row.kind, row.account)
        kinds.setdefault(key, {}).setdefault(len(row.period), row)
    found = []
    for (unit, year, kind, _), by_length in kinds.items():
        if len(by_length) > 1:
            later = max(by_length.values(), key=lambda r: r.line)
            found.append(
                Problem(
                    "VP908",
                    f"{kind.value} för {unit} {year} står både per år, tertial eller månad",
                    file=later.file,
                    line=later.line,
                    column=1,
                    hint="Ange ett års belopp på ett sätt: per månad, per tertial eller för "
                    "hela året.",
                )
            )
    return found


def sign_problems(rows: list[EconomyRow]) -> list[Problem]:
    """Budget and utfall of opposite signs for every unit: the files' sign convention is the
    wrong one (a cost written as the convention's revenue)."""
    totals: dict[str, dict[Kind, float]] = {}
    for row in rows:
        totals.setdefault(row.unit, {}).setdefault(row.kind, 0.0)
        totals[row.unit][row.kind] += row.amount
    both = [t for t in totals.values() if t.get(Kind.BUDGET) and t.get(Kind.OUTCOME)]
    if both and all((t[Kind.BUDGET] > 0) != (t[Kind.OUTCOME] > 0) for t in both):
        first = rows[0]
        return [
            Problem(
                "VP907",
                "budget och utfall har motsatta tecken för varje enhet: teckenkonventionen "
                "stämmer inte med datan",
                Severity.ERROR,
                file=first.file,
                line=first.line,
                hint="Ange sign: costs_positive eller costs_negative under economy: i planen "
                "(eller under import: för exporten), så som filen skriver en kostnad.",
            )
        ]
    return []
