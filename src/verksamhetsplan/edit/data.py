"""Recording indicator values (`vp data add`, and the session `vp data import` uses): values
go into the data file that already holds the indicator's series; every changed file is
checked row by row before it becomes a safe_write.Change."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..common.files import display_path, read_bytes
from ..common.problems import Problem, Refused, Severity
from ..common.swedish import number
from ..data import format as datafmt
from ..data.layout import DEFAULT_DATA, indicator_tables, indicators_for, organisation
from ..data.periods import period_end
from ..data.rows import check_data_file
from ..plan.model import Indicator
from .csv_file import (
    NEW_FILE_COLUMNS,
    DataFile,
    Row,
    find_row,
    new_data_file,
    open_data_file,
    remove,
    upsert,
)
from .data_targets import (
    Target,
    check_gender,
    check_period,
    check_value,
    find_indicator,
    indicator_targets,
)
from .safe_write import Change

ROW_LINES = 20  # rows an import lists one by one per file


@dataclass
class Session:
    """Data files opened for changing, with what was done to them."""

    repository: Any
    explicit: Path | None = None  # --file: every value goes here
    files: dict[Path, DataFile] = field(default_factory=dict)
    before: dict[Path, bytes | None] = field(default_factory=dict)
    done: dict[Path, list[str]] = field(default_factory=dict)
    # a line per row written, finished with the row's place when the file is laid out
    rows_done: dict[Path, list[tuple[str | Callable[[], str], Row]]] = field(default_factory=dict)
    # told (values done, values in all) as a long import goes, for a progress bar
    progress: Callable[[int, int], None] | None = None
    # Looked up once, not per value: Path.absolute() asks the system for the working folder
    # each time, and an import of 100 000 values spent half its time there.
    _keys: dict[Path, Path] = field(default_factory=dict)
    _same_org: dict[str | None, list[Path]] = field(default_factory=dict)
    _holding: dict[tuple[str | None, str], list[DataFile]] = field(default_factory=dict)

    def _key(self, path: Path) -> Path:
        key = self._keys.get(path)
        if key is None:
            key = self._keys[path] = path.absolute()
        return key

    def tick(self, done: int, total: int) -> None:
        if self.progress is not None and (done % 500 == 0 or done == total):
            self.progress(done, total)

    def note_row(self, data: DataFile, text: str | Callable[[], str], row: Row) -> None:
        """Say what was written on a row; its line number is added in changes(), when
        every value is in (a later one may be inserted above it). The text may be a function
        that makes it: only the first rows are listed, so most are never made."""
        self.rows_done.setdefault(self._key(data.path), []).append((text, row))

    def open(self, path: Path) -> DataFile:
        key = self._key(path)
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
        same_org = self._same_org.get(target.org)
        if same_org is None:
            same_org = self._same_org[target.org] = [
                f
                for f in self.repository.data_files
                if organisation(f, "indicators-data") == target.org or target.org is None
            ]
        wanted = (target.org, target.indicator.id)
        holding = self._holding.get(wanted)
        if holding is None:  # a file that holds the series keeps holding it as values come
            holding = [self.open(f) for f in same_org if self.open(f).holds(wanted[1])]
            if holding:
                self._holding[wanted] = holding
        if len(holding) == 1:  # nearly always: one file holds a series
            return holding[0]
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
        data = self.repository.root / DEFAULT_DATA
        folder = data / target.org if target.org else data
        opened = self.open(folder / (new_name or "data.csv"))
        self._holding[wanted] = [opened]  # the series' next values go to the same new file
        return opened

    def changes(self) -> list[Change]:
        """Every changed file, checked as it would be written; errors refuse them all."""
        tables = indicator_tables(self.repository.plans)
        changes: list[Change] = []
        problems: list[Problem] = []
        written: dict[Path, tuple[list[str], set[int]]] = {}
        for key, data in list(self.files.items()):
            lines, changed, places = data.written()
            written[key] = (lines, changed)
            rows = self.rows_done.pop(key, [])
            self.done.setdefault(key, []).extend(
                f"{text() if callable(text) else text} "
                f"({display_path(data.path)}:{places[(row.line, row.slot)] + 1})"
                for text, row in rows[:ROW_LINES]
            )
            if len(rows) > ROW_LINES:  # a million rows are summed up, not listed
                self.done[key].append(
                    f"  … och {number(len(rows) - ROW_LINES)} rader till i "
                    f"{display_path(data.path)}"
                )
            after = data.to_bytes(lines)
            if after == self.before[key]:
                changes.append(Change(data.path, after, after, self.done.get(key, [])))
                continue
            file = display_path(data.path)
            found = _check_change(
                data, file, indicators_for(key, tables), after, self.before[key], written[key]
            )
            problems.extend(p for p in found if p.severity is Severity.ERROR)
            changes.append(Change(data.path, self.before[key], after, self.done.get(key, [])))
        problems.extend(self._clashes(written))
        if problems:
            raise Refused(
                "ändringen skulle göra datafilerna ogiltiga; ingenting har ändrats", problems
            )
        return changes

    def _clashes(self, written: dict[Path, tuple[list[str], set[int]]]) -> list[Problem]:
        """A value written to one file whose period and gender another file of the same
        organisation already holds (--file can point anywhere): a duplicate across files."""
        from ..data.duplicates import duplicate
        from ..data.observation import Observation

        problems = []
        for key, (lines, changed) in written.items():  # self.open adds the other files
            data = self.files[key]
            where = data.column("indicator"), data.column("period"), data.column("gender")
            if where[0] is None or where[1] is None:
                continue
            org = organisation(data.path, "indicators-data")
            others = [
                f
                for f in self.repository.data_files
                if f.absolute() != key and organisation(f, "indicators-data") == org
            ]
            if not others:  # nothing to clash with: the rows need not be read again
                continue
            for index in sorted(changed):
                cells = next(csv.reader([lines[index]], delimiter=data.delimiter), [])
                if len(cells) != len(data.header):
                    continue
                ident, period = cells[where[0]].strip(), cells[where[1]].strip()
                gender = "T" if where[2] is None else datafmt.parse_gender(cells[where[2]]) or "T"
                for other in others:
                    holder = self.open(other)
                    row = find_row(holder, ident, period, gender)
                    if row is not None:
                        first = Observation(
                            period, None, None, display_path(other), holder.line_of(row)
                        )
                        later = Observation(period, None, None, display_path(data.path), index + 1)
                        problems.append(duplicate(ident, gender, later, first))
        return problems


def _check_change(
    data: DataFile,
    file: str,
    indicators: dict[str, Indicator],
    after: bytes,
    before: bytes | None,
    written: tuple[list[str], set[int]],
) -> list[Problem]:
    """The rows a change wrote, checked as the row checker checks a file. The file was
    valid when it was opened (the repository is validated first) and a value replaces the
    row of its own period and gender, so the rest cannot have become wrong; a new file is
    checked whole."""
    lines, changed = written
    if before is None or not changed:
        return check_data_file(data.path, file, indicators, after)
    numbers = sorted(changed)
    some = "".join(lines[i] if lines[i].endswith("\n") else lines[i] + "\n" for i in [0, *numbers])
    return check_data_file(
        data.path, file, indicators, some.encode("utf-8"), [1, *(n + 1 for n in numbers)]
    )


def put_values(session: Session, values: list[Any]) -> Counter[str]:
    """Values for vp's own indicators (sources.workbook.OwnValue: id, period, gender, value
    and the cells they stand in, for messages), written into their files in one session;
    any wrong one refuses them all, at the cell that is wrong."""
    counts: Counter[str] = Counter()
    targets = indicator_targets(session.repository)  # once, not per value
    for done, item in enumerate(values, start=1):
        session.tick(done, len(values))
        ident, period, gender, value = item.indicator, item.period, item.gender, item.value
        target = _at(
            item.place("indicator"),
            find_indicator,
            session.repository,
            ident,
            session.explicit,
            targets,
        )
        _at(item.place("period"), check_period, target, period)
        _at(item.place("gender"), check_gender, target, gender)
        data = session.file_for(target, period, gender, "")
        if gender != "T" and data.column("gender") is None:
            raise Refused(
                f"{item.place('gender')}: {display_path(data.path)} har ingen kolumn för kön"
            )
        result = upsert(data, ident, period, gender, value)
        counts[result.what] += 1
        if result.what != "unchanged":
            mark = "+" if result.what == "added" else "~"
            session.note_row(
                data, f"  {mark} {ident} {period} {gender} = {number(value, 6)}", result.row
            )
    return counts


def _at(place: str, check: Callable[..., Any], *args: Any) -> Any:
    """The check's answer, or its refusal placed at the cell that is wrong."""
    try:
        return check(*args)
    except Refused as error:
        raise Refused(f"{place}: {error.message}", hint=error.hint) from None


def remove_value(
    repository: Any, ident: str, period: str, gender: str, file: Path | None
) -> list[Change]:
    """`vp data remove`: the row of a wrong value taken out of its file, the rest untouched."""
    target = find_indicator(repository, ident, file)
    session = Session(repository, file)
    holders = (
        [file]
        if file is not None
        else [
            f
            for f in repository.data_files
            if organisation(f, "indicators-data") == target.org or target.org is None
        ]
    )
    for path in holders:
        data = session.open(path)
        line_number = None
        row = find_row(data, ident, period, gender)
        if row is not None:
            line_number = data.line_of(row)
            old = row.cells[data.column("value") or 0].strip()
            remove(data, ident, period, gender)
            label = f"{ident} {period}" + (f" ({gender})" if gender != "T" else "")
            session.done.setdefault(data.path.absolute(), []).append(
                f"Tog bort {label} = {old} ({display_path(data.path)}, rad {line_number})."
            )
            return session.changes()
    label = f"{ident} {period}" + (f" ({gender})" if gender != "T" else "")
    raise Refused(
        f"{label} har inget värde i datafilerna",
        hint="vp status --format json visar vilka värden som finns.",
        usage=True,
    )


def add_value(
    repository: Any,
    ident: str,
    period: str,
    value_text: str,
    gender: str,
    file: Path | None,
    note: str,
    today: dt.date | None = None,
) -> list[Change]:
    """`vp data add`: the validated change, saying whether a row was added or replaced, and
    when a value for a period that has not ended will count."""
    today = today or dt.date.today()
    target = find_indicator(repository, ident, file)
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
    where = f"{display_path(data.path)}, rad {data.line_of(result.row)}"
    label = f"{ident} {period}" + (f" ({gender})" if gender != "T" else "")
    shown = number(value, 6)
    message = {
        "added": f"Lade till {label} = {shown} ({where}).",
        "replaced": f"Ersatte {label}: {result.previous} → {shown} ({where}).",
        "unchanged": f"{label} är redan {result.previous} ({where}); ingenting är ändrat.",
    }[result.what]
    session.done.setdefault(data.path.absolute(), []).append(message)
    ends = period_end(period)
    if ends >= today:
        session.done[data.path.absolute()].append(
            f"Obs: perioden {period} har inte slutat; värdet räknas i uppföljningen från "
            f"{(ends + dt.timedelta(days=1)).isoformat()}"
            + (" och visas till dess som preliminärt." if len(period) == 4 else ".")
        )
    return session.changes()
