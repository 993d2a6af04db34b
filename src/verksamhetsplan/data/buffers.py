"""Numbers from pyarrow arrays into numpy without pandas.

pyarrow's `to_numpy` and its conversions of Python values into arrow import pandas, only to
ask whether it is installed: a quarter of a second of every `vp status` on large data, and
pandas is the API's and Excel's, never the status's. The large-data reader takes its
numbers from the arrays' buffers instead.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa


def numpy_of(array: pa.Array) -> np.ndarray:
    """A pyarrow array of numbers or booleans as numpy, read from its buffers (nulls as NaN
    for floats, False for booleans). pyarrow's own to_numpy imports pandas, only to ask
    whether it is installed: a quarter of a second of every large `vp status`."""
    kind = array.type
    validity, data = array.buffers()[:2]
    start, end = array.offset, array.offset + len(array)
    if pa.types.is_boolean(kind):
        bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8), bitorder="little")
        values = bits[start:end].astype(bool)
    else:
        code = (
            "f"
            if pa.types.is_floating(kind)
            else "u"
            if pa.types.is_unsigned_integer(kind)
            else "i"
        )
        values = np.frombuffer(data, dtype=np.dtype(f"{code}{kind.bit_width // 8}"))[start:end]
    if array.null_count:
        valid = np.unpackbits(np.frombuffer(validity, dtype=np.uint8), bitorder="little")
        missing = ~valid[start:end].astype(bool)
        if pa.types.is_floating(kind):
            values = np.where(missing, np.nan, values)
        elif pa.types.is_boolean(kind):
            values = values & ~missing
        else:
            raise ValueError("numpy_of: an integer array with nulls has no numpy form")
    return values
