"""Swedish numbers: decimal comma, non-breaking spaces, procentenheter (CLDR's pattern)."""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

NBSP = "\u00a0"
MINUS = "\u2212"  # the minus sign, not the hyphen, in everything a person reads


def number(value: float, decimals: int = 2) -> str:
    """1234.5 -> '1 234,5' (non-breaking space), -2 -> '−2' (the minus sign), at most
    `decimals` decimals.

    CLDR's Swedish pattern (#,##0.##: groups of three, a no-break space between them, a
    decimal comma) written out here: Babel, which the report uses for dates, costs an
    editing command 50 ms to import for nothing more than that."""
    # Rounded half up, as people round (72,225 -> 72,23), at the value's decimal digits.
    if not math.isfinite(value):
        return "ej ett tal" if math.isnan(value) else ("∞" if value > 0 else f"{MINUS}∞")
    exact = Decimal(repr(value))
    with localcontext() as context:
        # Room for every digit of a large number (1e30 has 31) and the decimals asked for.
        context.prec = max(28, exact.adjusted() + decimals + 2)
        rounded = exact.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    integer, _, fraction = format(abs(rounded), "f").partition(".")
    grouped = _GROUPS.sub(NBSP, integer)
    fraction = fraction.rstrip("0")
    text = f"{grouped},{fraction}" if fraction else grouped
    return f"{MINUS}{text}" if rounded < 0 else text


_GROUPS = re.compile(r"(?<=\d)(?=(?:\d{3})+$)")


def points(value: float) -> str:
    """A difference between two shares: in procentenheter, never per cent."""
    word = "procentenhet" if abs(value) == 1 else "procentenheter"
    return f"{number(value)}{NBSP}{word}"


def printable(text: str) -> str:
    """Text for a terminal: control characters (ESC, OSC, C1) shown as �, never obeyed.

    Plan text is data; an escape sequence in a goal text must not move the cursor, set a
    window title or hide what follows. Line breaks and tabs are kept.
    """
    return "".join(
        ch if ch in "\n\t" or not (ord(ch) < 32 or 127 <= ord(ch) < 160) else "\ufffd"
        for ch in text
    )


# Characters with a meaning in Markdown: escaped in plan text, so that a goal text cannot
# become a link, an image, raw HTML, a heading or a new table cell.
_MARKDOWN_SPECIAL = set("\\`*_[]<>#|!")


def markdown_text(value: object) -> object:
    """A value for the Markdown report: text escaped and kept on one line; others as they are."""
    if not isinstance(value, str):
        return value
    # Line breaks would start headings or end table rows; a no-break space stays as it is.
    return markdown_escape(value).strip()


def markdown_escape(text: str) -> str:
    """Text with Markdown's special characters escaped and line breaks as spaces."""
    flat = re.sub(r"[ \t\r\n\v\f\x85\u2028\u2029]+", " ", text)
    return "".join(f"\\{ch}" if ch in _MARKDOWN_SPECIAL else ch for ch in flat)
