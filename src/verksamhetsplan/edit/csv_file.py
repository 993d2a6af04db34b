"""Add or replace values in an indicator data file and keep the file as its author made it.

The separator, decimal mark, encoding, byte order mark and line breaks are read from the
file and used for what is written. A replaced value changes only that cell; an added row
goes after the indicator's last row (or last in the file), so the rest stays byte for byte.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..common.files import display_path
from ..common.problems import Refused
from ..data import format as datafmt

NEW_FILE_COLUMNS = ["indicator", "period", "value", "gender", "note"]


@dataclass
class Row:
    line: int  # index into DataFile.lines
    cells: list[str]
    spans: list[tuple[int, int]]  # where each cell stands in its line


@dataclass
class DataFile:
    """A data file as its lines, changed a line at a time. Rows are parsed only for the
    indicators asked about (a line that does not contain the id cannot be its row), so a
    10 MB file costs reading its lines, not parsing them all."""

    path: Path
    encoding: str
    bom: bool
    delimiter: str
    newline: str
    decimal: str
    header: list[str | None]
    lines: list[str]  # with their line breaks
    touched: set[int] = field(default_factory=set)  # indexes of lines changed or added
    text: str | None = None  # the lines joined, while nothing has changed: found in faster
    _rows: dict[str, list[Row]] = field(default_factory=dict)

    def column(self, name: str) -> int | None:
        return self.header.index(name) if name in self.header else None

    def rows_of(self, indicator: str) -> list[Row]:
        """The rows of one indicator, in file order."""
        if indicator not in self._rows:
            candidates = [
                _row(number, self.lines[number], self.delimiter)
                for number in self._lines_with(indicator)
            ]
            self._rows[indicator] = [row for row in candidates if _is(row, self, indicator)]
        return self._rows[indicator]

    def _lines_with(self, indicator: str) -> list[int]:
        """The indexes of the lines (not the header) that contain the text."""
        if self.text is None or self.touched:
            return [n for n, line in enumerate(self.lines) if n and indicator in line]
        found: list[int] = []
        line, at = 0, 0
        text = self.text
        while (hit := text.find(indicator, at)) != -1:
            line += text.count("\n", at, hit)  # counted in C, once over the file
            if line and (not found or found[-1] != line):
                found.append(line)
            at = hit + len(indicator)
        return found

    def holds(self, indicator: str) -> bool:
        """Whether a row of this file is a value of the indicator."""
        return bool(self.rows_of(indicator))

    def insert(self, at: int, line: str) -> None:
        self.lines.insert(at, line)
        self.touched = {t + 1 if t >= at else t for t in self.touched} | {at}
        for rows in self._rows.values():
            for row in rows:
                if row.line >= at:
                    row.line += 1

    def to_bytes(self) -> bytes:
        text = "".join(self.lines).encode(self.encoding)
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
    return Row(number, next(csv.reader([line], delimiter=delimiter)), _spans(line, delimiter))


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


def format_number(value: float, decimal: str) -> str:
    """A value as a person would type it: no exponent, no trailing .0, the file's mark."""
    text = str(int(value)) if value == int(value) and abs(value) < 1e15 else repr(value)
    return text.replace(".", decimal)


def _cell(text: str, delimiter: str) -> str:
    if any(char in text for char in (delimiter, '"', "\n", "\r")):
        return '"' + text.replace('"', '""') + '"'
    return text


@dataclass
class Upsert:
    what: str  # "added", "replaced" or "unchanged"
    line: int  # 1-based line in the file
    previous: str | None = None


def find_row(data: DataFile, indicator: str, period: str, gender: str) -> Row | None:
    where = data.column("indicator"), data.column("period"), data.column("gender")
    for row in data.rows_of(indicator):
        if len(row.cells) != len(data.header):
            continue
        row_gender = "T" if where[2] is None else datafmt.parse_gender(row.cells[where[2]])
        if (
            row.cells[where[0]].strip() == indicator  # type: ignore[index]
            and row.cells[where[1]].strip() == period  # type: ignore[index]
            and row_gender == gender
        ):
            return row
    return None


def upsert(
    data: DataFile, indicator: str, period: str, gender: str, value: float, note: str = ""
) -> Upsert:
    """Give (indicator, period, gender) this value: replace its cell, or add a row."""
    value_column = data.column("value")
    assert value_column is not None  # the file was validated before
    text = format_number(value, data.decimal)
    row = find_row(data, indicator, period, gender)
    if row is not None:
        old = row.cells[value_column]
        try:
            same = datafmt.parse_value(old)[0] == value
        except ValueError:
            same = False
        if same:
            return Upsert("unchanged", row.line + 1, old.strip())
        start, end = row.spans[value_column]
        line = data.lines[row.line]
        data.lines[row.line] = line[:start] + _cell(text, data.delimiter) + line[end:]
        data.touched.add(row.line)
        row.cells[value_column] = text
        row.spans = _spans(data.lines[row.line], data.delimiter)
        return Upsert("replaced", row.line + 1, old.strip())
    values = {"indicator": indicator, "period": period, "value": text, "gender": gender}
    values["note"] = note
    cells = [values.get(name or "", "") for name in data.header]
    stream = io.StringIO()
    csv.writer(stream, delimiter=data.delimiter, lineterminator=data.newline).writerow(cells)
    new_line = stream.getvalue()
    same_indicator = [r.line for r in data.rows_of(indicator)]
    at = (same_indicator[-1] + 1) if same_indicator else len(data.lines)
    if at > 0 and not data.lines[at - 1].endswith(("\n", "\r")):
        data.lines[at - 1] += data.newline
        data.touched.add(at - 1)
    data.insert(at, new_line)
    rows = data.rows_of(indicator)
    rows.append(_row(at, new_line, data.delimiter))
    rows.sort(key=lambda r: r.line)
    return Upsert("added", at + 1)


def _is(row: Row, data: DataFile, indicator: str) -> bool:
    column = data.column("indicator")
    return column is not None and column < len(row.cells) and row.cells[column].strip() == indicator
