"""Large indicator data: read with pyarrow into arrays of codes and values.

Used above validate.LARGE_DATA_BYTES, where reading row by row in Python would take
minutes (10 million rows). pyarrow's CSV reader is multithreaded and reads text columns
dictionary-encoded, so each distinct value string (a period, an indicator id, a number as
written) is parsed once, through the same rules as the row reader (data.format). It is also
the engine pandas itself offers for fast CSV; going through pandas DataFrames here cost
more than the reading (pandas' own parser alone needs 10.7 s for 10 million rows here).

Checking is split: vectorised checks only decide which files have a problem, and those
files go through the row checker (data.rows), so every message and location comes from
one implementation. Files whose line numbers pyarrow would not keep (blank lines) or that
it cannot parse are read by the row reader too.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ..common.swedish import NUMBER_PATTERN
from ..plan.model import Indicator
from . import format as datafmt
from .buffers import numpy_of
from .observation import Lookup, Observation
from .periods import period_order
from .rows import Series, read_series

_TEXT = pa.dictionary(pa.int32(), pa.string())


@dataclass
class FileFrame:
    """One data file as arrays: codes into the distinct indicators, periods and genders."""

    file: str
    indicators: list[str]
    indicator_codes: np.ndarray
    periods: list[str]
    period_codes: np.ndarray
    genders: list[str]
    gender_codes: np.ndarray
    values: np.ndarray  # float, NaN where missing
    missing: np.ndarray  # why a value is missing, or None
    lines: np.ndarray
    _groups: dict[tuple[str, str], np.ndarray] | None = None
    _masks: dict[frozenset[int], np.ndarray] = field(default_factory=dict)

    def groups(self) -> dict[tuple[str, str], np.ndarray]:
        """Row positions per (indicator, gender), in period order."""
        if self._groups is None:
            order_of_period = np.array(
                [year * 1000 + day for year, day in map(period_order, self.periods)],
                dtype=np.int64,
            )
            count = len(self.genders)
            key = self.indicator_codes.astype(np.int64) * count + self.gender_codes
            rows = np.lexsort((order_of_period[self.period_codes], key))
            bounds = np.flatnonzero(np.diff(key[rows])) + 1
            self._groups = {}
            for chunk in np.split(rows, bounds):
                if len(chunk):
                    code = int(key[chunk[0]])
                    indicator, gender = self.indicators[code // count], self.genders[code % count]
                    self._groups[(indicator, gender)] = chunk
        return self._groups

    def observations(
        self, indicator: str, gender: str, years: set[int] | None
    ) -> list[Observation]:
        rows = self.groups().get((indicator, gender))
        if rows is None:
            return []
        if years is not None:
            key = frozenset(years)
            if key not in self._masks:  # which distinct periods fall in the years
                self._masks[key] = np.array([int(p[:4]) in key for p in self.periods])
            rows = rows[self._masks[key][self.period_codes[rows]]]
        # Slice once and convert with tolist(): indexing arrays one element at a time
        # makes a numpy scalar per access, which dominates at national scale.
        periods = [self.periods[code] for code in self.period_codes[rows].tolist()]
        values = self.values[rows].tolist()
        missing = self.missing[rows].tolist()
        lines = self.lines[rows].tolist()
        return [
            Observation(period, None if value != value else value, why, self.file, line)
            for period, value, why, line in zip(periods, values, missing, lines, strict=True)
        ]


@dataclass
class Table:
    """A repository's data: fast frames, and series read row by row for the odd file."""

    frames: list[FileFrame] = field(default_factory=list)
    rows: Series = field(default_factory=dict)
    # Files to check row by row: the line numbers of the rows that need it, or None for all.
    suspicious: dict[Path, np.ndarray | None] = field(default_factory=dict)

    def lookup(self, years: set[int] | None = None) -> Lookup:
        def lookup(indicator: str, gender: str) -> list[Observation]:
            parts = [frame.observations(indicator, gender, years) for frame in self.frames]
            parts.append(
                [
                    o
                    for o in self.rows.get((indicator, gender), [])
                    if years is None or int(o.period[:4]) in years
                ]
            )
            found = [part for part in parts if part]
            if len(found) == 1:
                return found[0]  # already in period order
            merged = [o for part in found for o in part]
            merged.sort(key=lambda o: period_order(o.period))
            return merged

        return lookup


def _parse_values(distinct: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Numbers and missing-reasons per distinct value string, and which are not numbers.

    Strings that match the row reader's number pattern are converted together by pyarrow;
    the rest (Kolada's markers, or text) go through the row reader's parser one by one.
    """
    text = pc.utf8_trim_whitespace(distinct)
    plain = pc.match_substring_regex(text, f"^{NUMBER_PATTERN}$")
    normal = pc.replace_substring_regex(text, "[ \u00a0\u202f]", "")
    normal = pc.replace_substring(pc.replace_substring(normal, ",", "."), "−", "-")
    nothing = pa.nulls(len(distinct), pa.string())
    numbers = numpy_of(pc.cast(pc.if_else(plain, normal, nothing), pa.float64())).copy()
    reasons = np.full(len(distinct), None, dtype=object)
    # A number beyond float's range reads as infinity: the row checker says so.
    bad = np.isinf(numbers)
    others = np.flatnonzero(~numpy_of(plain))
    cells = text.to_pylist() if len(others) else []
    for index, cell in zip(others, (cells[i] for i in others), strict=True):
        try:
            value, why = datafmt.parse_value(str(cell))
        except ValueError:
            bad[index] = True
            continue
        numbers[index] = np.nan if value is None else value
        reasons[index] = why
    return numbers, reasons, bad


# table, header cells, our names, and each row's line number (blank lines are skipped)
Parsed = tuple[pa.Table, list[str], list[str], np.ndarray | None] | None


def parse_file(path: Path) -> Parsed:
    """The first, GIL-free stage of reading: bytes to a pyarrow table (None: row reader)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None  # the row checker says why, with the file's name
    try:
        encoding = "utf8" if datafmt.decode(raw)[1] == "utf-8" else "cp1252"
    except datafmt.MixedEncoding:
        return None  # the row checker says where
    first = raw.split(b"\n", 1)[0].decode("utf-8-sig" if encoding == "utf8" else encoding)
    delimiter = datafmt.sniff_delimiter(first)
    header = [cell.strip().strip('"') for cell in first.rstrip("\r").split(delimiter)]
    names, missing = datafmt.header_columns(header)
    if missing or None in names or len(set(names)) < len(names):
        return None  # the row checker says what is wrong with the header
    try:
        table = pacsv.read_csv(
            io.BytesIO(raw),
            read_options=pacsv.ReadOptions(encoding=encoding),
            parse_options=pacsv.ParseOptions(delimiter=delimiter),
            convert_options=pacsv.ConvertOptions(
                column_types={column: _TEXT for column in header}, strings_can_be_null=False
            ),
        )
    except pa.ArrowInvalid:
        return None
    # pyarrow skips blank lines: a blank line at the end changes nothing, one in between
    # shifts the line numbers of the rows after it, which are counted from the bytes then.
    body = raw.rstrip(b"\r\n")
    lines = _line_numbers(raw) if b"\n\n" in body or b"\n\r\n" in body else None
    if lines is not None and len(lines) != table.num_rows:
        return None
    return table, header, [str(name) for name in names], lines


def _line_numbers(raw: bytes) -> np.ndarray:
    """The 1-based line numbers of the rows (the lines after the header that are not blank)."""
    data = np.frombuffer(raw, dtype=np.uint8)
    ends = np.append(np.flatnonzero(data == 10), len(data))
    starts = np.concatenate(([0], ends[:-1] + 1))
    lengths = ends - starts
    first = data[np.minimum(starts, max(len(data) - 1, 0))] if len(data) else np.zeros(0)
    blank = (lengths == 0) | ((lengths == 1) & (first == 13))
    return (np.flatnonzero(~blank) + 1)[1:].astype(np.int32)


def line_bytes(raw: bytes, numbers: Sequence[int]) -> list[bytes]:
    """The lines with the given 1-based numbers, as bytes with their line ends."""
    data = np.frombuffer(raw, dtype=np.uint8)
    starts = np.concatenate(([0], np.flatnonzero(data == 10) + 1))
    ends = np.append(starts[1:], len(raw))
    return [raw[starts[n - 1] : ends[n - 1]] for n in numbers]


@dataclass
class Suspicious:
    """A file the row checker must see: the line numbers of its doubtful rows, or None
    when the whole file must be read row by row."""

    lines: np.ndarray | None = None


def read_file(
    path: Path, file: str, indicators: dict[str, Indicator] | None, parsed: Parsed = None
) -> FileFrame | Suspicious:
    """A file as a FileFrame, or what of it the row checker must read.

    Without indicators (reading a file that was checked before) only the format is checked.
    """
    parsed = parse_file(path) if parsed is None else parsed
    if parsed is None:
        return Suspicious()
    table, header, names, lines = parsed
    columns = {
        name: table.column(cell).combine_chunks() for name, cell in zip(names, header, strict=True)
    }
    # A line break inside a quoted value would make the line numbers wrong (and outside a
    # note it is an error): the row checker reads such a file.
    for column in columns.values():
        if pc.any(pc.match_substring_regex(column.dictionary, "[\r\n]")).as_py():
            return Suspicious()
    names_, codes_, bad_genders = _genders(columns.get("gender"), table.num_rows)
    indicator, period = columns["indicator"], columns["period"]
    result = FileFrame(
        file,
        indicator.dictionary.to_pylist(),
        numpy_of(indicator.indices),
        period.dictionary.to_pylist(),
        numpy_of(period.indices),
        names_,
        codes_,
        np.empty(0),
        np.empty(0, dtype=object),
        np.arange(2, table.num_rows + 2, dtype=np.int32) if lines is None else lines,
    )
    values = columns["value"]
    numbers, reasons, bad_values = _parse_values(values.dictionary)
    codes = numpy_of(values.indices)
    bad = bad_values[codes]
    if bad_genders is not None:
        bad |= bad_genders
    if indicators is not None and not _looks_right(result, indicators):
        bad |= _wrong_rows(result, indicators)
    if bad.any():
        return Suspicious(result.lines[bad])
    result.values, result.missing = numbers[codes], reasons[codes]
    return result


def _genders(
    column: pa.DictionaryArray | None, length: int
) -> tuple[list[str], np.ndarray, np.ndarray | None]:
    """K, M or T per row ('' and lower case read as the row reader does), and which rows
    have a gender that is none of them (None when all are right)."""
    if column is None:
        return ["T"], np.zeros(length, dtype=np.int8), None
    read = [datafmt.parse_gender(str(c)) for c in column.dictionary.to_pylist()]
    names = sorted({str(g) for g in read if g is not None}) or ["T"]
    remap = np.array([names.index(g) if g is not None else 0 for g in read], dtype=np.int8)
    indices = numpy_of(column.indices)
    wrong = np.array([g is None for g in read], dtype=bool)
    return names, remap[indices], (wrong[indices] if wrong.any() else None)


_KINDS = list(datafmt.PERIOD_PATTERNS)


@cache
def _period_kind(period: str) -> int:
    """Which frequency a period is written for (index into _KINDS), -1 for none."""
    return next((k for k, f in enumerate(_KINDS) if datafmt.period_fits(period, f)), -1)


def _looks_right(frame: FileFrame, indicators: dict[str, Indicator]) -> bool:
    """The row checker's checks, vectorised: only whether something is wrong, not what."""
    if not set(frame.indicators) <= set(indicators):
        return False
    # Every period must fit its indicator's frequency: compare kinds per row.
    period_kind = np.array([_period_kind(p) for p in frame.periods])
    indicator_kind = np.array([_KINDS.index(indicators[i].frequency) for i in frame.indicators])
    if (period_kind[frame.period_codes] != indicator_kind[frame.indicator_codes]).any():
        return False
    # No two rows for the same indicator, period and gender (sorting beats numpy's hashing).
    key = frame.indicator_codes.astype(np.int64) * len(frame.periods) + frame.period_codes
    key = np.sort(key * len(frame.genders) + frame.gender_codes)
    return not (key[1:] == key[:-1]).any()


def _wrong_rows(frame: FileFrame, indicators: dict[str, Indicator]) -> np.ndarray:
    """Which rows the row checker would report: an unknown indicator, a period that does not
    fit its indicator, or one of two rows for the same indicator, period and gender."""
    known = np.array([i in indicators for i in frame.indicators], dtype=bool)
    wrong = ~known[frame.indicator_codes]
    period_kind = np.array([_period_kind(p) for p in frame.periods])
    indicator_kind = np.array(
        [_KINDS.index(indicators[i].frequency) if i in indicators else -2 for i in frame.indicators]
    )
    wrong |= known[frame.indicator_codes] & (
        period_kind[frame.period_codes] != indicator_kind[frame.indicator_codes]
    )
    key = frame.indicator_codes.astype(np.int64) * len(frame.periods) + frame.period_codes
    key = key * len(frame.genders) + frame.gender_codes
    order = np.argsort(key, kind="stable")
    same = key[order][1:] == key[order][:-1]
    repeated = np.zeros(len(key), dtype=bool)
    repeated[1:] |= same
    repeated[:-1] |= same
    wrong[order[repeated]] = True
    return np.asarray(wrong, dtype=bool)


def start_parsing(paths: Sequence[Path]) -> list[Future[Parsed]]:
    """Parse files on a thread per core, in the background.

    pyarrow parses without holding the GIL, so this overlaps with the plans being read
    meanwhile; and a municipality's file (about a megabyte) is too small for pyarrow to
    split over the cores by itself.
    """
    pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 1)
    futures = [pool.submit(parse_file, path) for path in paths]
    pool.shutdown(wait=False)
    return futures


def read_table(
    files: Sequence[tuple[Path, str, dict[str, Indicator]]], parsed: Sequence[Future[Parsed]]
) -> Table:
    """Every file as a frame where possible; the rest are left for the row reader."""
    table = Table()

    def finish(
        job: tuple[tuple[Path, str, dict[str, Indicator]], Future[Parsed]],
    ) -> FileFrame | Suspicious:
        (path, file, indicators), future = job
        return read_file(path, file, indicators, future.result())

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        frames = pool.map(finish, zip(files, parsed, strict=True))
        for (path, _, _), frame in zip(files, frames, strict=True):
            if isinstance(frame, Suspicious):
                table.suspicious[path] = frame.lines
            else:
                table.frames.append(frame)
    return table


def add_rows(table: Table, files: Sequence[tuple[Path, str]]) -> None:
    """Read the files pyarrow left over row by row (they have been checked by then)."""
    for key, observations in read_series(list(files)).items():
        table.rows.setdefault(key, []).extend(observations)


def load_series(files: Sequence[tuple[Path, str]]) -> Series:
    """Every series of checked files, read the fast way where possible."""
    table = Table()
    for path, file in files:
        frame = read_file(path, file, None)
        if isinstance(frame, Suspicious):
            add_rows(table, [(path, file)])
        else:
            table.frames.append(frame)
    lookup = table.lookup()
    keys = set(table.rows)
    for frame in table.frames:
        keys |= set(frame.groups())
    return {key: list(lookup(*key)) for key in sorted(keys)}
