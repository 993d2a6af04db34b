"""Swedish numbers: decimal comma, non-breaking spaces, procentenheter (Babel, CLDR data)."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext

from babel.numbers import format_decimal

NBSP = "\u00a0"
MINUS = "\u2212"  # the minus sign, not the hyphen, in everything a person reads


def number(value: float, decimals: int = 2) -> str:
    """1234.5 -> '1 234,5' (non-breaking space), -2 -> '−2' (the minus sign), at most
    `decimals` decimals."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    # Rounded half up, as people round (72,225 -> 72,23), at the value's decimal digits.
    if not math.isfinite(value):
        return "ej ett tal" if math.isnan(value) else ("∞" if value > 0 else f"{MINUS}∞")
    exact = Decimal(repr(value))
    with localcontext() as context:
        # Room for every digit of a large number (1e30 has 31) and the decimals asked for.
        context.prec = max(28, exact.adjusted() + decimals + 2)
        rounded = exact.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
        text = str(format_decimal(abs(rounded), format=pattern, locale="sv_SE"))
    return f"{MINUS}{text}" if rounded < 0 else text


def points(value: float) -> str:
    """A difference between two shares: in procentenheter, never per cent."""
    word = "procentenhet" if abs(value) == 1 else "procentenheter"
    return f"{number(value)}{NBSP}{word}"
