"""Load indicator data files with pandas into series of observations per indicator and gender.

Only the commands that compute (status, explain, report) import this module: pandas takes
half a second to import. Files are checked first by datacheck (the same checks as
`vp validate`), so this loader can assume well-formed rows.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from . import datafmt
from .attainment import Observation
from .periods import period_order

Series = dict[tuple[str, str], list[Observation]]


def read_frame(path: Path, file: str) -> pd.DataFrame:
    """One data file as a frame with our column names, parsed values and source lines."""
    text, _ = datafmt.decode(path.read_bytes())
    delimiter = datafmt.sniff_delimiter(text.split("\n", 1)[0])
    frame = pd.read_csv(
        io.StringIO(text),
        sep=delimiter,
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=False,  # keeps row numbers equal to line numbers
    )
    names, _ = datafmt.header_columns([str(c) for c in frame.columns])
    frame.columns = [name or f"_extra{i}" for i, name in enumerate(names)]
    frame["line"] = np.arange(2, len(frame) + 2)
    frame = frame[frame["indicator"].str.strip() != ""]
    if "gender" not in frame:
        frame["gender"] = "T"
    if "note" not in frame:
        frame["note"] = ""
    frame["indicator"] = frame["indicator"].str.strip()
    frame["period"] = frame["period"].str.strip()
    frame["gender"] = frame["gender"].str.strip().str.upper().replace("", "T")
    raw = frame["value"].str.strip()
    values = pd.to_numeric(raw.str.replace(",", ".", regex=False), errors="coerce")
    missing = raw.map(datafmt.MISSING_MARKERS)
    unread = values.isna() & missing.isna()
    if unread.any():  # thousands separated by spaces, a minus sign: the careful parser
        values[unread] = [datafmt.parse_value(cell)[0] for cell in raw[unread]]
    frame["value"] = values
    frame["missing"] = missing
    frame["file"] = file
    return frame[["indicator", "period", "gender", "value", "missing", "file", "line"]]


def load_series(files: Sequence[tuple[Path, str]]) -> Series:
    """Observations per (indicator, gender), in period order, from (path, display name) pairs."""
    series: Series = {}
    if not files:
        return series
    frame = pd.concat([read_frame(path, file) for path, file in files], ignore_index=True)
    for (indicator, gender), group in frame.groupby(["indicator", "gender"], sort=False):
        rows = zip(
            group["period"],
            group["value"],
            group["missing"],
            group["file"],
            group["line"],
            strict=True,
        )
        observations = [
            Observation(
                str(period),
                None if pd.isna(value) else float(value),
                None if pd.isna(missing) else str(missing),
                str(file),
                int(line),
            )
            for period, value, missing, file, line in rows
        ]
        observations.sort(key=lambda o: period_order(o.period))
        series[(str(indicator), str(gender))] = observations
    return series
