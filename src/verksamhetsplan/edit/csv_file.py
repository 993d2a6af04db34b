"""Add or replace values in an indicator data file and keep the file as its author made it.

The separator, decimal mark, encoding, byte order mark and line breaks are read from the
file and used for what is written. A replaced value changes only that cell; an added row
goes after the indicator's last row (or last in the file), so the rest stays byte for byte.
"""

from __future__ import annotations

import codecs
import csv
from dataclasses import dataclass, field
from pathlib import Path

from ..common.files import display_path
from ..common.problems import Refused
from ..common.swedish import plain_number
from ..data import format as datafmt

NEW_FILE_COLUMNS = ["indicator", "period", "value", "gender", "note"]


@dataclass
class Row:
    line: int  # index into DataFile.lines; a new row: the line it is inserted before
    cells: list[str]
    spans: list[tuple[int, int]] | None  # where each cell stands in its line; None: not yet
    slot: int = -1  # a new row: its place among the lines inserted before `line`


@dataclass
class DataFile:
    """A data file as its lines, changed a line at a time. Rows are parsed only for the
    indicators asked about (a line that does not contain the id cannot be its row), so a
    10 MB file costs reading its lines, not parsing them all. New lines wait beside the
    file's own until it is written, so a hundred thousand of them cost no more than one
    pass (inserting each into the list would move all lines after it)."""

    path: Path
    encoding: str
    bom: bool
    delimiter: str
    newline: str
    decimal: str
    header: list[str | None]
    lines: list[str]  # the file's own lines, with their line breaks; changed in place
    touched: set[int] = field(default_factory=set)  # indexes of its own lines changed
    pending: dict[int, list[str]] = field(default_factory=dict)  # new lines, by where
    removed: set[int] = field(default_factory=set)  # indexes of its own lines taken out
    text: str | None = None  # the lines joined as read: found in faster
    order: list[int] | None = None  # see _order()
    _columns: dict[str, int | None] = field(default_factory=dict)
    _rows: dict[str, list[Row]] = field(default_factory=dict)
    _keys: dict[str, dict[tuple[str, str], Row]] = field(default_factory=dict)
    _anchors: dict[str, int] = field(default_factory=dict)

    def column(self, name: str) -> int | None:
        if name not in self._columns:  # asked per value by an import
            self._columns[name] = self.header.index(name) if name in self.header else None
        return self._columns[name]

    def rows_of(self, indicator: str) -> list[Row]:
        """The rows of one indicator, in file order, new ones last."""
        if indicator not in self._rows:
            candidates = [
                _row(number, self.lines[number], self.delimiter)
                for number in self._lines_with(indicator)
            ]
            self._rows[indicator] = [row for row in candidates if _is(row, self, indicator)]
        return self._rows[indicator]

    def keys_of(self, indicator: str) -> dict[tuple[str, str], Row]:
        """The indicator's rows by (period, gender): a value finds its row at once."""
        if indicator not in self._keys:
            where = self.column("period"), self.column("gender")
            keys: dict[tuple[str, str], Row] = {}
            for row in self.rows_of(indicator):
                if len(row.cells) != len(self.header) or where[0] is None:
                    continue
                gender = "T" if where[1] is None else datafmt.parse_gender(row.cells[where[1]])
                keys.setdefault((row.cells[where[0]].strip(), gender or ""), row)
            self._keys[indicator] = keys
        return self._keys[indicator]

    def _lines_with(self, indicator: str) -> list[int]:
        """The indexes of the file's own lines (not the header) that contain the text."""
        if self.text is None:
            return [n for n, line in enumerate(self.lines) if n and indicator in line]
        found: list[int] = []
        line, at = 0, 0
        text = self.text  # the lines as read; a changed value never changes an indicator id
        while (hit := text.find(indicator, at)) != -1:
            line += text.count("\n", at, hit)  # counted in C, once over the file
            if line and (not found or found[-1] != line):
                found.append(line)
            at = hit + len(indicator)
        return found

    def holds(self, indicator: str) -> bool:
        """Whether a row of this file is a value of the indicator."""
        return bool(self.rows_of(indicator))

    def text_of(self, row: Row) -> str:
        return self.pending[row.line][row.slot] if row.slot >= 0 else self.lines[row.line]

    def set_text(self, row: Row, text: str) -> None:
        if row.slot >= 0:
            self.pending[row.line][row.slot] = text
        else:
            self.lines[row.line] = text
            self.touched.add(row.line)

    def add(self, indicator: str, line: str, known: Row | None = None) -> Row:
        """A new row after the indicator's last row in the file (or at the end); `known`
        gives its cells and spans when the caller made the line from them."""
        if indicator not in self._anchors:
            own = [r.line for r in self.rows_of(indicator) if r.slot < 0]
            at = own[-1] + 1 if own else len(self.lines)
            if at > 0 and not self.lines[at - 1].endswith(("\n", "\r")):
                self.lines[at - 1] += self.newline
                self.touched.add(at - 1)
            self._anchors[indicator] = at
        at = self._anchors[indicator]
        waiting = self.pending.setdefault(at, [])
        waiting.append(line)
        row = _row(at, line, self.delimiter) if known is None else known
        row.line, row.slot = at, len(waiting) - 1
        self.rows_of(indicator).append(row)
        return row

    def written(self) -> tuple[list[str], set[int], dict[tuple[int, int], int]]:
        """The lines as they will be written, which of them changed, and where each changed
        row (by line and slot) ends up."""
        out: list[str] = []
        changed: set[int] = set()
        places: dict[tuple[int, int], int] = {}
        start = 0
        # Only the lines something happened at are visited; the runs of untouched lines
        # between them are copied whole, as a 10 MB file holds hundreds of thousands.
        for index in sorted(self.pending.keys() | self.removed | self.touched):
            out.extend(self.lines[start:index])
            for slot, line in enumerate(self.pending.get(index, ())):
                places[(index, slot)] = len(out)
                changed.add(len(out))
                out.append(line)
            if index < len(self.lines) and index not in self.removed:
                if index in self.touched:
                    changed.add(len(out))
                places[(index, -1)] = len(out)
                out.append(self.lines[index])
            start = index + 1
        out.extend(self.lines[start:])
        return out, changed, places

    def line_of(self, row: Row) -> int:
        """The 1-based line a row will stand on when the file is written."""
        before = sum(len(v) for k, v in self.pending.items() if k <= row.line)
        if row.slot >= 0:
            before -= len(self.pending[row.line]) - row.slot
        return row.line + before + 1

    def to_bytes(self, lines: list[str] | None = None) -> bytes:
        """The file's bytes: its lines as written() lays them out (or as given)."""
        text = "".join(self.written()[0] if lines is None else lines).encode(self.encoding)
        return (codecs.BOM_UTF8 if self.bom else b"") + text


def _spans(line: str, delimiter: str) -> list[tuple[int, int]]:
    """Where each field of a CSV line starts and ends (quotes included)."""
    spans, start, quoted = [], 0, False
    body = line.rstrip("\r\n")
    for index, char in enumerate(body):
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            spans.append((start, index))
            start = index + 1
    spans.append((start, len(body)))
    return spans


# What str.splitlines() splits at besides \n and \r\n (and a lone \r).
_OTHER_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def _only_line_feeds(text: str) -> bool:
    """Whether str.splitlines() would split the text at its line feeds alone."""
    breaks = _OTHER_BREAKS[:5] if text.isascii() else _OTHER_BREAKS  # isascii() is O(1)
    if any(ch in text for ch in breaks):
        return False
    return "\r" not in text or text.count("\r") == text.count("\r\n")


def open_data_file(path: Path, raw: bytes) -> DataFile:
    try:
        text, encoding = datafmt.decode(raw)
    except datafmt.MixedEncoding as mixed:
        raise Refused(
            f"{display_path(path)} är UTF-8 men har byten 0x{mixed.byte:02X} på rad "
            f"{mixed.line}, som inte är det; vp ändrar inte filen",
            hint="Kör vp validate för var, och spara filen som UTF-8.",
        ) from None
    bom = raw.startswith(codecs.BOM_UTF8)
    # Lines end at line feeds only: a note may hold U+2028, which splitlines() would split.
    simple = _only_line_feeds(text)
    if simple:
        lines = text.splitlines(keepends=True)  # the fast way, when it splits at \n alone
    else:
        parts = text.split("\n")
        lines = [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    for number, line in enumerate(lines if '"' in text else [], start=1):
        if '"' in line and line.count('"') % 2:  # a quoted field goes on over the line break
            raise Refused(
                f"{display_path(path)} har ett fält som fortsätter över en radbrytning (rad "
                f"{number}); vp ändrar bara filer med en rad per värde",
                hint="Skriv anteckningen på en rad, eller lägg värdet i en annan fil med --file.",
            )
    first = lines[0] if lines else ""
    delimiter = datafmt.sniff_delimiter(first)
    newline = "\r\n" if first.endswith("\r\n") else "\n"
    header_cells = next(csv.reader([first], delimiter=delimiter)) if first.strip() else []
    names, _ = datafmt.header_columns(header_cells)
    data = DataFile(path, encoding, bom, delimiter, newline, ".", names, lines)
    if simple:
        data.text = text  # its line feeds number the lines as `lines` does
    data.decimal = _decimal_mark(data)
    return data


def _row(number: int, line: str, delimiter: str) -> Row:
    return Row(number, next(csv.reader([line], delimiter=delimiter)), None)  # spans when asked


def new_data_file(path: Path, columns: list[str]) -> DataFile:
    header = ",".join(columns) + "\n"
    return DataFile(path, "utf-8", False, ",", "\n", ".", list(columns), [header])


def _decimal_mark(data: DataFile) -> str:
    value = data.column("value")
    if value is not None:
        # The first rows with a decimal say which mark the file uses.
        for number, line in enumerate(data.lines[1:200], start=1):
            if not line.strip():
                continue
            row = _row(number, line, data.delimiter)
            cell = row.cells[value] if value < len(row.cells) else ""
            if "," in cell:
                return ","
            if "." in cell.strip("."):
                return "."
    return "," if data.delimiter == ";" else "."


def _cell(text: str, delimiter: str) -> str:
    if delimiter in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


@dataclass
class Upsert:
    what: str  # "added", "replaced" or "unchanged"
    row: Row  # DataFile.line_of(row) says where it stands
    previous: str | None = None


def find_row(data: DataFile, indicator: str, period: str, gender: str) -> Row | None:
    return data.keys_of(indicator).get((period, gender))


def remove(data: DataFile, indicator: str, period: str, gender: str) -> Row | None:
    """Take the row of (indicator, period, gender) out of the file; the row, or None."""
    row = find_row(data, indicator, period, gender)
    if row is None:
        return None
    if row.slot >= 0:
        raise ValueError("a row added in this session")  # never asked for: one change a run
    data.removed.add(row.line)
    data.keys_of(indicator).pop((period, gender), None)
    data.rows_of(indicator).remove(row)
    return row


def upsert(
    data: DataFile, indicator: str, period: str, gender: str, value: float, note: str = ""
) -> Upsert:
    """Give (indicator, period, gender) this value: replace its cell, or add a row."""
    value_column = data.column("value")
    assert value_column is not None  # the file was validated before
    text = plain_number(value, data.decimal)
    row = find_row(data, indicator, period, gender)
    if row is not None:
        old = row.cells[value_column]
        try:
            same = datafmt.parse_value(old)[0] == value
        except ValueError:
            same = False
        if same:
            return Upsert("unchanged", row, old.strip())
        line = data.text_of(row)
        start, end = (row.spans or _spans(line, data.delimiter))[value_column]
        data.set_text(row, line[:start] + _cell(text, data.delimiter) + line[end:])
        row.cells[value_column] = text
        row.spans = None  # found again from the new line if it is replaced once more
        return Upsert("replaced", row, old.strip())
    given = (indicator, period, text, gender, note)
    cells = [given[at] if at >= 0 else "" for at in _order(data)]
    # The line made from its cells, quoted as the csv module quotes (a delimiter, a quote or
    # a line break in a cell), so that its cells need no parsing back: an import of 100 000
    # values spent a fifth of its time re-reading the lines it had just written.
    delimiter = data.delimiter
    line = delimiter.join(cells)
    if line.count(delimiter) != len(cells) - 1 or '"' in line or "\n" in line or "\r" in line:
        line = delimiter.join(_cell(cell, delimiter) for cell in cells)
    row = data.add(indicator, line + data.newline, Row(0, cells, None))
    data.keys_of(indicator)[(period, gender)] = row
    return Upsert("added", row)


_GIVEN = ("indicator", "period", "value", "gender", "note")  # what upsert() is given, in order


def _order(data: DataFile) -> list[int]:
    """For each of the file's columns, which of upsert()'s cells goes there (-1: none)."""
    if data.order is None:
        data.order = [_GIVEN.index(name) if name in _GIVEN else -1 for name in data.header]
    return data.order


def _is(row: Row, data: DataFile, indicator: str) -> bool:
    column = data.column("indicator")
    return column is not None and column < len(row.cells) and row.cells[column].strip() == indicator
