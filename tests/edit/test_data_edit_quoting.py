"""A new data row is written from its cells by hand (no csv round trip, for speed): it must be
what the csv module writes when both line-break characters count (a lone carriage return in
a note is quoted, so no reader takes it for the end of the row), and read back to the same
cells, and its value replaced in place."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from verksamhetsplan.edit.csv_file import new_data_file, upsert

NOTES = st.text(alphabet=st.sampled_from('ab ,;"\n\r\tåä'), max_size=12)


@given(note=NOTES, delimiter=st.sampled_from([",", ";"]))
def test_a_written_row_is_what_the_csv_module_writes(note: str, delimiter: str) -> None:
    from pathlib import Path

    data = new_data_file(Path("x.csv"), ["indicator", "period", "value", "gender", "note"])
    data.delimiter = delimiter
    done = upsert(data, "andel", "2019-03", "T", 5.25, note)
    line = data.text_of(done.row)
    expected = io.StringIO()
    csv.writer(expected, delimiter=delimiter, lineterminator="\r\n").writerow(
        ["andel", "2019-03", "5.25", "T", note]
    )
    assert line == expected.getvalue().removesuffix("\r\n") + "\n"
    assert next(csv.reader([line], delimiter=delimiter)) == done.row.cells
    # A second value for the same month replaces the cell, and only it.
    again = upsert(data, "andel", "2019-03", "T", 7.5, note)
    assert again.what == "replaced"
    replaced = io.StringIO()
    csv.writer(replaced, delimiter=delimiter, lineterminator="\r\n").writerow(
        ["andel", "2019-03", "7.5", "T", note]
    )
    assert data.text_of(again.row) == replaced.getvalue().removesuffix("\r\n") + "\n"
    # and once more: the spans are found again from the line the first replacement wrote
    written = data.text_of(again.row)
    third = upsert(data, "andel", "2019-03", "T", 12.0, note)
    assert third.what == "replaced"
    assert data.text_of(third.row) == written.replace("7.5", "12", 1)
