"""Personal data in text that will be published (the site, the nämnd report): Swedish personal
identity numbers and samordningsnummer, e-mail addresses and phone numbers.

A plan's goals, assessments, activity comments and the administration's analysis are written
by many hands and published as they stand; a personnummer pasted into a comment must stop the
publication, an e-mail address or phone number must at least be seen before it goes out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

# 19121212-1212, 121212-1212, 121212+1212 (over a hundred years old), 191212121212
_PERSONNUMMER = re.compile(r"(?<![\d-])(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})(?![\d-])")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?![\w-])")
# 0586-480 00, 070-123 45 67, +46 70 123 45 67, 08-123 456 78: a trunk or country prefix,
# an area code and subscriber digits in groups, as Swedes write them.
_PHONE = re.compile(
    r"(?<![\w+,.])(?:\+46[\s-]?(?:\(0\))?|0)\d{1,3}(?:[\s-])\d{2,3}(?:[\s-]?\d{2,3}){1,3}(?!\d|[,.]\d)"
)


@dataclass(frozen=True)
class Finding:
    kind: str  # "personnummer", "samordningsnummer", "e-post", "telefonnummer"
    shown: str  # the match, masked enough to find it without repeating it


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, char in enumerate(digits):
        n = int(char) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _identity(match: re.Match[str]) -> Finding | None:
    century, year, month, day, _, last = match.groups()
    number = int(day)
    kind = "samordningsnummer" if number > 60 else "personnummer"
    if kind == "samordningsnummer":
        number -= 60
    full_year = int((century or "19") + year)
    try:
        dt.date(full_year, int(month), number)
    except ValueError:
        return None
    if century is not None and century not in ("18", "19", "20"):
        return None
    if not luhn_ok(year + month + day + last):
        return None
    return Finding(kind, f"{match.group(0)[:-4]}****")


def find_personal(text: str) -> Iterator[Finding]:
    """Every personal identity number (checked with its control digit), e-mail address and
    phone number in the text."""
    for match in _PERSONNUMMER.finditer(text):
        found = _identity(match)
        if found is not None:
            yield found
    for match in _EMAIL.finditer(text):
        local, _, domain = match.group(0).partition("@")
        yield Finding("e-post", f"{local[:1]}…@{domain}")
    for match in _PHONE.finditer(text):
        yield Finding("telefonnummer", match.group(0)[:-2] + "**")
