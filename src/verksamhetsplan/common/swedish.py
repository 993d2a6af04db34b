"""Swedish numbers, read and written in one place: as people write them (decimal comma or
point, spaces between thousands, the minus sign), as people read them (decimal comma,
non-breaking spaces, procentenheter: CLDR's pattern), and as files hold them (no exponent,
nothing rounded). Every reader and renderer of vp goes through these functions."""

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
    decimal comma) written out here, as the long date is in followup.words.long_date: Babel
    would cost a command 50 ms to import for nothing more than that."""
    if not math.isfinite(value):
        return "ej ett tal" if math.isnan(value) else ("∞" if value > 0 else f"{MINUS}∞")
    exact = repr(float(value))
    whole, _, fraction = exact.partition(".")
    if len(fraction) <= decimals and "e" not in exact:  # nothing to round: as it is written
        integer, negative = whole.lstrip("-"), value < 0
    else:
        shown = rounded(value, decimals)
        integer, _, fraction = format(abs(shown), "f").partition(".")
        negative = shown < 0
    grouped = _GROUPS.sub(NBSP, integer)
    fraction = fraction.rstrip("0")
    text = f"{grouped},{fraction}" if fraction else grouped
    return f"{MINUS}{text}" if negative else text


def rounded(value: float, decimals: int) -> Decimal:
    """A finite value as `number` prints it: rounded half up, as people round (72,225 ->
    72,23), at the value's own decimal digits rather than its binary ones."""
    exact = Decimal(repr(float(value)))
    places = _PLACES.get(decimals) or Decimal(1).scaleb(-decimals)
    if exact.adjusted() + decimals + 2 <= 28:  # within the usual precision: no new context
        return exact.quantize(places, ROUND_HALF_UP)
    with localcontext() as context:
        # Room for every digit of a large number (1e30 has 31) and the decimals asked for.
        context.prec = exact.adjusted() + decimals + 2
        return exact.quantize(places, ROUND_HALF_UP)


_PLACES = {d: Decimal(1).scaleb(-d) for d in range(7)}
_GROUPS = re.compile(r"(?<=\d)(?=(?:\d{3})+$)")

# A number as people in Sweden write it: an optional sign (the minus sign too), digits in
# groups of three separated by a space, no-break space or narrow no-break space, and a
# decimal comma or point. The spaces are the characters themselves, not \u escapes, so that
# pyarrow's RE2 reads the pattern too; ASCII digits only (٥ is not read as a number).
NUMBER_PATTERN = "[-+−]?(?:[0-9]+|[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+)(?:[.,][0-9]+)?"
_NUMBER = re.compile(f"^{NUMBER_PATTERN}$")
_PLAIN = re.compile(r"-?[0-9]+(?:\.[0-9]+)?\Z")  # the part of NUMBER_PATTERN float() reads


def _plain(cell: str) -> str:
    """A number as Swedes write it (checked against NUMBER_PATTERN) as Python reads it:
    no spaces between thousands, a decimal point, the hyphen-minus."""
    return re.sub(r"[ \u00a0\u202f]", "", cell).replace(",", ".").replace(MINUS, "-")


def parse_number(text: str) -> float:
    """'1 234,5' -> 1234.5, '−2' -> -2.0, '0,0000001' -> 1e-07.

    Raises ValueError with a Swedish message for anything else."""
    cell = text.strip()
    if _PLAIN.match(cell) is not None:  # as files written by vp hold them: Python reads it
        value = float(cell)
        if math.isfinite(value):
            return value
    if _NUMBER.match(cell) is None:
        if "," in cell and "." in cell:
            raise ValueError(
                f"talet {cell!r} har både punkt och komma; skriv det med decimalkomma och "
                "mellanslag som tusentalsavgränsare, t.ex. 1 234,5"
            )
        shown = cell if len(cell) <= 60 else cell[:59] + "…"
        raise ValueError(f"värdet {shown!r} är inte ett tal")
    value = float(_plain(cell))
    if not math.isfinite(value):
        raise ValueError(
            f"talet {cell[:20] + '…' if len(cell) > 20 else cell!r} är för stort "
            f"({len(re.sub('[^0-9]', '', cell))} siffror)"
        )
    return value


def parse_amount(text: str) -> float:
    """An amount as ekonomisystem exports write it: parse_number's forms, and a negative in
    parentheses, "(1 234,5)" -> -1234.5, as accountants print it."""
    cell = text.strip()
    if cell.startswith("(") and cell.endswith(")"):
        return -parse_number(cell[1:-1])
    return parse_number(cell)


def exact_number(text: str) -> float:
    """A number a person typed, which a file must hold as typed: parse_number's rules, and
    refused when a float cannot carry every digit (12345678901234567890 would be stored as
    12345678901234567168)."""
    value = parse_number(text)
    typed = Decimal(_plain(text.strip()))
    if typed != Decimal(repr(value)):
        raise ValueError(
            f"talet {text.strip()!r} har fler siffror än vp kan spara exakt (ett tal har högst "
            "15 säkra värdesiffror); avrunda det"
        )
    return value


def plain_number(value: float, decimal: str = ".") -> str:
    """A value as a file holds it and a person would type it: every digit, no exponent, no
    grouping, no trailing zero, the hyphen-minus, and the given decimal mark.
    1e-07 -> '0.0000001', 30.0 -> '30', 1e20 -> '100000000000000000000'."""
    text = repr(float(value))
    if "e" in text or "n" in text:  # an exponent, inf or nan: Decimal writes every digit
        text = format(Decimal(text), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text.replace(".", decimal)


def spreadsheet_number(value: float) -> str:
    """30.0 -> 30, 39.310345 -> 39,310345: as a Swedish spreadsheet shows a number, to six
    decimals, with the hyphen-minus (Excel reads no other minus sign)."""
    text = f"{value:f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def points(value: float) -> str:
    """A difference between two shares: in procentenheter, never per cent."""
    word = "procentenhet" if abs(value) == 1 else "procentenheter"
    return f"{number(value)}{NBSP}{word}"


def printable(text: str) -> str:
    """Text for a terminal: control characters (ESC, OSC, C1) shown as �, never obeyed.

    Plan text is data; an escape sequence in a goal text must not move the cursor, set a
    window title or hide what follows. Line breaks and tabs are kept.
    """
    return text.translate(_NOT_PRINTED)


_NOT_PRINTED = {c: "\ufffd" for c in (*range(32), *range(127, 160)) if chr(c) not in "\n\t"}


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
