"""Swedish numbers: decimal comma, non-breaking spaces, procentenheter (Babel, CLDR data)."""

from __future__ import annotations

from babel.numbers import format_decimal

NBSP = "\u00a0"


def number(value: float, decimals: int = 2) -> str:
    """1234.5 -> '1 234,5' (non-breaking space), at most `decimals` decimals."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return str(format_decimal(value, format=pattern, locale="sv_SE")).replace("\u2212", "-")


def points(value: float) -> str:
    """A difference between two shares: in procentenheter, never per cent."""
    word = "procentenhet" if abs(value) == 1 else "procentenheter"
    return f"{number(value)}{NBSP}{word}"
