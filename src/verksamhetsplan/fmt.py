"""Swedish presentation of numbers, units, statuses and trends (Babel for the numbers)."""

from __future__ import annotations

from babel.numbers import format_decimal

from .attainment import Result, Trend
from .model import Unit

NBSP = "\u00a0"
STATUS = {
    Result.ACHIEVED: ("uppnått", "✔", "green"),
    Result.PARTIAL: ("delvis uppnått", "◐", "yellow"),
    Result.NOT_ACHIEVED: ("ej uppnått", "✘", "red"),
    Result.NO_DATA: ("ej mätbart", "?", "blue"),
    Result.NOT_DUE: ("ej aktuellt än", "–", "bright_black"),
}
# The order statuses are listed in, in counts and tables alike.
STATUS_ORDER = list(STATUS)
TREND = {
    Trend.BETTER: ("bättre", "↗"),
    Trend.UNCHANGED: ("oförändrat", "→"),
    Trend.WORSE: ("sämre", "↘"),
    Trend.CHANGED: ("förändrat", "↕"),
}
UNIT_SUFFIX = {
    Unit.PERCENT: f"{NBSP}%",
    Unit.COUNT: "",
    Unit.FTE: f"{NBSP}heltider",
    Unit.DAYS: f"{NBSP}dagar",
    Unit.SEK: f"{NBSP}kr",
    Unit.TSEK: f"{NBSP}tkr",
    Unit.INDEX: "",
}
PARTIAL_RULE_TEXT = {
    "progress_half": "delvis uppnått när utfallet har kommit minst halva vägen från basvärdet "
    "till målvärdet (framsteg ≥ 0,5)",
    "target_80": "delvis uppnått när utfallet är minst 80 % av målvärdet",
    "right_direction": "delvis uppnått när utfallet har rört sig åt rätt håll från basvärdet",
}


def number(value: float, decimals: int = 2) -> str:
    """1234.5 -> '1 234,5' (non-breaking space), at most `decimals` decimals."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return str(format_decimal(value, format=pattern, locale="sv_SE")).replace("\u2212", "-")


def amount(value: float | None, unit: Unit, decimals: int = 2) -> str:
    if value is None:
        return "–"
    return number(value, decimals) + UNIT_SUFFIX[unit]


def points(value: float) -> str:
    """A difference between two shares: in procentenheter, never per cent."""
    word = "procentenhet" if abs(value) == 1 else "procentenheter"
    return f"{number(value)}{NBSP}{word}"


def status_text(result: Result) -> str:
    word, symbol, _ = STATUS[result]
    return f"{symbol} {word}"


def trend_text(trend: Trend | None) -> str:
    if trend is None:
        return "–"
    word, arrow = TREND[trend]
    return f"{arrow} {word}"
