"""Targets, baselines and measures as a person types them on the command line:
`minst 60`, `minska 10 %`, `öka 5 procentenheter`, `ska öka`, `minst 2 i snitt från 2023`,
`milstolpe`; `2017` or `föregående år`."""

from __future__ import annotations

import re
from typing import Any

from ..common.problems import Refused
from ..common.swedish import NUMBER_PATTERN, exact_number

TARGET_FORMS = (
    "minst 60, högst 6,5, öka 10 procent, minska 10 procent, öka 5 procentenheter, "
    "minska 2 procentenheter, ska öka, ska minska, minst 2 i snitt från 2023 eller milstolpe"
)
_NUMBER = f"({NUMBER_PATTERN})"
_LEVELS = {"minst": "at_least", "at_least": "at_least", "högst": "at_most", "at_most": "at_most"}
_SIGNS = {"öka": 1, "ökar": 1, "ökning": 1, "minska": -1, "minskar": -1, "minskning": -1}


def _number(text: str) -> float | int:
    try:
        value = exact_number(text)
    except ValueError as error:
        raise Refused(str(error), usage=True) from None
    return int(value) if value.is_integer() else value


def parse_target(text: str, criteria: list[str] | None = None) -> dict[str, Any]:
    """A target as it is written in the plan, from the words for it."""
    spoken = " ".join(text.strip().lower().replace("\u00a0", " ").split())
    if spoken in ("milstolpe", "milestone"):
        return {"kind": "milestone", "criteria": list(criteria or [])}
    if criteria:
        raise Refused("--criterion hör till milstolpar (--target milstolpe)", usage=True)
    way = re.fullmatch(r"(?:ska )?(öka|ökar|minska|minskar)", spoken)
    if way:
        return {"kind": "direction", "direction": "increase" if way[1][0] == "ö" else "decrease"}
    level = re.fullmatch(
        rf"(minst|högst|at_least|at_most)[: ]\s*{_NUMBER}\s*%?"
        r"(?: i snitt (?:från|sedan|fr\.o\.m\.) ([12]\d{3}))?",
        spoken,
    )
    if level:
        found = {"kind": _LEVELS[level[1]], "value": _number(level[2])}
        return found | ({"mean_since": int(level[3])} if level[3] else {})
    change = re.fullmatch(
        rf"(?:(öka|ökar|ökning|minska|minskar|minskning)(?: med)? )?{_NUMBER}\s*"
        r"(%|procent|procentenheter|procentenhet|pe|p\.e\.)",
        spoken,
    )
    if change and (change[1] or change[2][0] in "+-−"):
        amount = abs(_number(change[2])) * (_SIGNS[change[1]] if change[1] else 1)
        if not change[1] and change[2].startswith(("-", "−")):
            amount = -amount
        if change[3] in ("%", "procent"):
            return {"kind": "relative_change", "percent": amount}
        return {"kind": "percentage_points", "points": amount}
    raise Refused(
        f"målvärdet {text!r} går inte att läsa",
        hint=f"Skriv till exempel {TARGET_FORMS}.",
        usage=True,
    )


def parse_baseline(text: str, note: str | None = None) -> dict[str, Any]:
    """A baseline: a period (2017, 2017-T2), the year before, or a value."""
    spoken = " ".join(text.strip().lower().split())
    baseline: dict[str, Any]
    if re.fullmatch(r"[12]\d{3}", spoken):
        baseline = {"period": int(spoken)}
    elif re.fullmatch(r"[12]\d{3}-(0[1-9]|1[0-2]|q[1-4]|t[1-3])", spoken):
        baseline = {"period": spoken.upper()}
    elif spoken in ("föregående år", "foregaende ar", "previous_year", "förra året"):
        baseline = {"previous_year": True}
    elif value := re.fullmatch(rf"(?:värde|value)[: ]\s*{_NUMBER}", spoken):
        baseline = {"value": _number(value[1])}
    else:
        raise Refused(
            f"basvärdet {text!r} går inte att läsa",
            hint="Skriv en period (2017, 2017-T2), 'föregående år' eller 'värde 5,2'.",
            usage=True,
        )
    if note:
        baseline["note"] = note
    return baseline


def parse_measure(text: str) -> dict[str, Any]:
    """`INDIKATOR: MÅLVÄRDE` (`deltagare-all-in: minst 30`) or `milstolpe: KRITERIUM`."""
    head, colon, rest = text.partition(":")
    head, rest = head.strip(), rest.strip()
    if not colon or not head or not rest:
        raise Refused(
            f"måttet {text!r} går inte att läsa",
            hint="Skriv 'nyckeltal: målvärde' (deltagare-all-in: minst 30) eller "
            "'milstolpe: kriterium'.",
            usage=True,
        )
    if head.lower() in ("milstolpe", "milestone"):
        return {"id": None, "text": rest, "target": parse_target("milstolpe", [rest])}
    return {"id": head, "indicator": head, "target": parse_target(rest)}
