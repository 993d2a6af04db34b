"""The Swedish words for verdicts, trends, activity states and units, shared by every
renderer and by the editing commands' messages."""

from __future__ import annotations

from ..common.swedish import NBSP, number
from ..plan.vocabulary import ActivityStatus, Unit
from .attainment import Result, Trend

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
# How the editing commands and vp diff name an activity's state.
ACTIVITY_WORDS = {
    ActivityStatus.PLANNED: "planerad",
    ActivityStatus.ONGOING: "pågår",
    ActivityStatus.DONE: "genomförd",
    ActivityStatus.CANCELLED: "avbruten",
    ActivityStatus.DELAYED: "försenad",
}
PARTIAL_RULE_TEXT = {
    "progress_half": "delvis uppnått när utfallet har kommit minst halva vägen från basvärdet "
    "till målvärdet (framsteg ≥ 0,5)",
    "target_80": "delvis uppnått när utfallet är minst 80 % av målvärdet",
    "right_direction": "delvis uppnått när utfallet har rört sig åt rätt håll från basvärdet",
}


def amount(value: float | None, unit: Unit, decimals: int = 2) -> str:
    if value is None:
        return "–"
    return number(value, decimals) + UNIT_SUFFIX[unit]


def status_text(result: Result) -> str:
    word, symbol, _ = STATUS[result]
    return f"{symbol} {word}"


def trend_text(trend: Trend | None) -> str:
    if trend is None:
        return "–"
    word, arrow = TREND[trend]
    return f"{arrow} {word}"
