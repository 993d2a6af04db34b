"""Check indicator data files row by row, with the standard library only.

`vp validate` runs this in CI on every commit; it must not pay for importing pandas.
Every problem names the file, the line and the column (field number) it is in.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from . import datafmt
from .model import Indicator
from .modelerrors import suggest
from .problems import Problem

DATA_SUFFIXES = (".csv",)


def check_data_file(path: Path, file: str, indicators: dict[str, Indicator]) -> list[Problem]:
    """Every problem in one data file, given the indicators its rows may name."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return [Problem("VP009", f"filen kan inte läsas ({error.strerror})", file=file)]
    text, _ = datafmt.decode(raw)
    if not text.strip():
        return [Problem("VP003", "datafilen är tom", file=file, line=1, column=1)]
    delimiter = datafmt.sniff_delimiter(text.split("\n", 1)[0])
    reader = csv.reader(text.splitlines(), delimiter=delimiter)
    return list(_rows(reader, file, indicators))


def _rows(
    reader: Iterator[list[str]], file: str, indicators: dict[str, Indicator]
) -> Iterator[Problem]:
    header = next(reader)
    names, missing = datafmt.header_columns(header)
    for index, name in enumerate(names):
        if name is None:
            yield Problem(
                "VP302",
                f"okänd kolumn {header[index].strip()!r}",
                file=file,
                line=1,
                column=index + 1,
                hint="Kolumnerna är indicator, period, value och valfritt gender och note "
                "(eller indikator, period, värde, kön, kommentar).",
            )
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
    known = list(indicators)
    for cells in reader:
        line = reader.line_num  # type: ignore[attr-defined]
        if not any(cell.strip() for cell in cells):
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

        def at(
            column: str, code: str, message: str, hint: str | None = None, line: int = line
        ) -> Problem:
            return Problem(code, message, file=file, line=line, column=where[column] + 1, hint=hint)

        ident = cells[where["indicator"]].strip()
        period = cells[where["period"]].strip()
        indicator = indicators.get(ident)
        if indicator is None:
            close = suggest(ident, known)
            yield at(
                "indicator",
                "VP303",
                f"nyckeltalet {ident!r} finns inte i planerna",
                f"Menade du {close!r}?" if close else None,
            )
        elif not datafmt.period_fits(period, indicator.frequency):
            example = datafmt.PERIOD_EXAMPLES[indicator.frequency]
            yield at(
                "period",
                "VP304",
                f"perioden {period!r} passar inte {ident!r}, som redovisas per "
                f"{_FREQUENCY_WORDS[indicator.frequency]}",
                f"Skriv perioden som {example}.",
            )
        try:
            datafmt.parse_value(cells[where["value"]])
        except ValueError as error:
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
                    f"könet {cells[where['gender']].strip()!r} är inte tillåtet; tillåtna "
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


_FREQUENCY_WORDS = {"month": "månad", "quarter": "kvartal", "tertial": "tertial", "year": "år"}
