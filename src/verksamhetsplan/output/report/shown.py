"""How the report writes dates, statuses and counts: the small formatting every part of the
report context (plan, goals, council) shares."""

from __future__ import annotations

from typing import Any

from ...followup.attainment import Result
from ...followup.summary import Tally
from ...followup.words import STATUS, STATUS_ORDER, forecast_words

Words = dict[Result, str]


def status(result: Result, words: Words) -> dict[str, str]:
    word, symbol, colour = STATUS[result]
    word = words.get(result, word)
    return {"key": result.value, "word": word, "symbol": symbol, "colour": colour}


def forecast(result: Result | None, words: Words) -> dict[str, str] | None:
    """A forecast verdict as the templates show it: "bedöms delvis uppnås", never a status."""
    return {**status(result, words), "word": forecast_words(words)[result]} if result else None


def forecast_counts(tally: Tally, words: Words) -> list[dict[str, Any]]:
    """How many goals each forecast verdict has, in the usual order, the empty ones left out."""
    return [
        {**status(r, words), "word": forecast_words(words)[r], "count": n}
        for r in STATUS_ORDER
        if (n := tally.forecasts.get(r))
    ]


def counts(tally: Tally, words: Words) -> list[dict[str, Any]]:
    return [{**status(r, words), "count": tally.counts.get(r, 0)} for r in STATUS_ORDER]
