"""Read and check indicator data files row by row, with the standard library only.

`vp validate` runs this in CI on every commit; it must not pay for importing pyarrow.
Every problem names the file, the line and the column (field number) it is in. The same
rows feed `vp status` when the data is small enough that importing pyarrow would cost more
than reading it (see validate.LARGE_DATA_BYTES).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..common.problems import Problem, suggest
from ..plan.model import Indicator
from . import format as datafmt
from .observation import Observation
from .periods import period_order

DATA_SUFFIXES = (".csv",)


Series = dict[tuple[str, str], list[Observation]]  # (indicator, gender) -> values in order


def _read(
    path: Path,
    file: str,
    indicators: dict[str, Indicator] | None,
    raw: bytes | None = None,
    lines: Sequence[int] | None = None,
) -> Iterator[Row]:
    if raw is None:
        try:
            raw = path.read_bytes()
        except OSError as error:
            yield Problem("VP009", f"filen kan inte läsas ({error.strerror})", file=file)
            return
    try:
        text, _ = datafmt.decode(raw)
    except datafmt.MixedEncoding as mixed:
        yield Problem(
            "VP002",
            f"filen är UTF-8 men byte 0x{mixed.byte:02X} här är det inte",
            file=file,
            line=mixed.line,
            column=mixed.column,
            hint="Tecknet kommer ofta från ett annat program (Windows-1252); skriv om det "
            "i en editor som sparar UTF-8.",
        )
        return
    if not text.strip():
        yield Problem("VP003", "datafilen är tom", file=file, line=1, column=1)
        return
    delimiter = datafmt.sniff_delimiter(text.split("\n", 1)[0])
    # newline="": the csv module sees the file's own line breaks, so a quoted value may hold
    # one and a note with U+2028 (which str.splitlines() would split at) stays one field.
    reader = _Records(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), lines)
    try:
        yield from _rows(reader, file, indicators)
    except csv.Error as error:
        line = reader.in_file(reader.read + 1)  # where the record that cannot be read begins
        yield Problem(
            "VP308",
            f"raden kan inte läsas som CSV ({_csv_error(error)}); resten av filen är inte läst",
            file=file,
            line=line,
            column=1,
            hint="Ett citattecken som inte avslutas gör ofta resten av filen till ett enda fält.",
        )


class _Records:
    """csv's reader, saying on which lines of the file each record starts and ends; with
    `lines`, the text is some of the file's lines and these are their numbers in it."""

    def __init__(self, reader: Any, lines: Sequence[int] | None = None) -> None:
        self.reader = reader
        self.lines = lines
        self.read = 0  # the last line of the last record read, in the text
        self.start = self.end = 1  # the lines in the file the last record starts and ends on

    def __iter__(self) -> _Records:
        return self

    def __next__(self) -> list[str]:
        record: list[str] = next(self.reader)
        first, self.read = self.read + 1, self.reader.line_num
        if self.lines is None:
            self.start, self.end = first, self.read
        else:
            self.start, self.end = self.in_file(first), self.in_file(self.read)
        return record

    def in_file(self, line: int) -> int:
        if self.lines is None:
            return line
        return self.lines[min(line, len(self.lines)) - 1]


def _csv_error(error: csv.Error) -> str:
    text = str(error)
    if "field larger than field limit" in text:
        return f"ett fält är längre än {csv.field_size_limit():,} tecken".replace(",", "\u00a0")
    if "NUL" in text:
        return "raden innehåller ett NUL-tecken"
    return text


def shown(cell: str, limit: int = 60) -> str:
    """A cell as a message quotes it: short, whatever the file holds."""
    return repr(cell if len(cell) <= limit else cell[: limit - 1] + "…")


# Beyond this many problems of one kind in a file, the rest are counted, not listed: a file
# with a wrong column gives one error per row, and nobody reads a million of them.
MAX_PER_KIND = 20


def check_data_file(
    path: Path,
    file: str,
    indicators: dict[str, Indicator],
    raw: bytes | None = None,
    lines: Sequence[int] | None = None,
) -> list[Problem]:
    """The problems in one data file (or in `raw`, its content-to-be, or some of its lines
    with their numbers in `lines`), given the indicators its rows may name."""
    problems: list[Problem] = []
    counts: dict[str, int] = {}
    for row in _read(path, file, indicators, raw, lines):
        if isinstance(row, Problem):
            counts[row.code] = counts.get(row.code, 0) + 1
            if counts[row.code] <= MAX_PER_KIND:
                problems.append(row)
    for code, count in counts.items():
        if count > MAX_PER_KIND:
            problems.append(
                Problem(
                    code,
                    f"ytterligare {count - MAX_PER_KIND} rader har samma slags fel ({code})",
                    file=file,
                    hint="Rätta felen ovan och kör igen; vp visar de första "
                    f"{MAX_PER_KIND} av varje slag per fil.",
                )
            )
    return problems


def read_series(files: list[tuple[Path, str]]) -> Series:
    """Observations per (indicator, gender), in period order, from checked files."""
    series: Series = {}
    for path, file in files:
        for row in _read(path, file, None):
            if not isinstance(row, Problem):
                series.setdefault((row[0], row[1]), []).append(row[2])
    for observations in series.values():
        observations.sort(key=lambda o: period_order(o.period))
    return series


Row = Problem | tuple[str, str, Observation]


def _rows(reader: _Records, file: str, indicators: dict[str, Indicator] | None) -> Iterator[Row]:
    header = next(reader)
    names, missing = datafmt.header_columns(header)
    for index, name in enumerate(names):
        if name is not None and names.index(name) < index:
            yield Problem(
                "VP302",
                f"kolumnen {header[index].strip()!r} står två gånger i rubrikraden (kolumn "
                f"{names.index(name) + 1} och {index + 1})",
                file=file,
                line=1,
                column=index + 1,
                hint="Ta bort den ena kolumnen; vilken som gäller går inte att avgöra.",
            )
        elif name is None:
            yield Problem(
                "VP302",
                f"okänd kolumn {header[index].strip()!r}",
                file=file,
                line=1,
                column=index + 1,
                hint="Kolumnerna är indicator, period, value och valfritt gender och note "
                "(eller indikator, period, värde, kön, kommentar).",
            )
    if len(set(n for n in names if n)) < len([n for n in names if n]):
        return
    if missing:
        yield Problem(
            "VP302",
            f"kolumnen {', '.join(missing)} saknas i rubrikraden",
            file=file,
            line=1,
            column=1,
        )
        return
    where = {name: names.index(name) for name in datafmt.COLUMNS if name in names}
    seen: dict[tuple[str, str, str], int] = {}
    known = list(indicators or ())
    line = 0

    def at(column: str, code: str, message: str, hint: str | None = None) -> Problem:
        """A problem on the row being read (`line` is the loop's, when it is called)."""
        return Problem(code, message, file=file, line=line, column=where[column] + 1, hint=hint)

    for cells in reader:
        line, last = reader.start, reader.end
        if not "".join(cells).strip():
            continue
        broken = None
        if last != line:  # a record on one line holds no line break
            broken = next(
                (
                    i
                    for i, cell in enumerate(cells)
                    if ("\n" in cell or "\r" in cell) and (i >= len(names) or names[i] != "note")
                ),
                None,
            )
        if broken is not None:
            yield Problem(
                "VP308",
                f"fältet i kolumn {broken + 1} fortsätter över en radbrytning, till rad {last}: "
                "ett citattecken stängs inte på sin rad",
                file=file,
                line=line,
                column=broken + 1,
                hint="Ta bort citattecknet eller radbrytningen; bara en anteckning (note) får "
                "gå över flera rader.",
            )
            continue
        if len(cells) != len(header):
            yield Problem(
                "VP308",
                f"raden har {len(cells)} fält men rubrikraden {len(header)}",
                file=file,
                line=line,
                column=1,
                hint="Kontrollera avgränsaren; ett decimaltal med komma måste stå inom "
                "citattecken i en kommaseparerad fil.",
            )
            continue
        ident = cells[where["indicator"]].strip()
        period = cells[where["period"]].strip()
        indicator = indicators.get(ident) if indicators is not None else None
        if indicators is None:
            pass  # reading rows that were checked before
        elif indicator is None:
            close = suggest(ident, known)
            yield at(
                "indicator",
                "VP303",
                f"nyckeltalet {shown(ident)} finns inte i planerna",
                f"Menade du {close!r}?" if close else None,
            )
        elif not datafmt.period_fits(period, indicator.frequency):
            example = datafmt.PERIOD_EXAMPLES[indicator.frequency]
            yield at(
                "period",
                "VP304",
                f"perioden {shown(period)} passar inte {ident!r}, som redovisas per "
                f"{datafmt.FREQUENCY_WORDS[indicator.frequency]}",
                f"Skriv perioden som {example}.",
            )
        try:
            value, missing_reason = datafmt.parse_value(cells[where["value"]])
        except ValueError as error:
            value, missing_reason = None, str(error)
            yield at(
                "value",
                "VP305",
                str(error),
                "Värdekolumnen får bara innehålla tal, eller Koladas - (saknas), "
                ". (ej tillämpligt) och .. (sekretess).",
            )
        gender = "T"
        if "gender" in where:
            parsed = datafmt.parse_gender(cells[where["gender"]])
            if parsed is None:
                yield at(
                    "gender",
                    "VP307",
                    f"könet {shown(cells[where['gender']].strip())} är inte tillåtet; tillåtna "
                    "värden: K, M, T",
                )
            else:
                gender = parsed
        key = (ident, period, gender)
        if key in seen:
            yield at(
                "period",
                "VP306",
                f"{ident!r} har redan ett värde för {period} ({gender}) på rad {seen[key]}",
                "Ta bort den ena raden; vilket värde som gäller går inte att avgöra.",
            )
        else:
            seen[key] = line
        yield ident, gender, Observation(period, value, missing_reason, file, line)
