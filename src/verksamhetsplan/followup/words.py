"""The Swedish words for verdicts, trends, activity states and units, shared by every
renderer and by the editing commands' messages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..common.swedish import NBSP, number, points
from ..plan.goals import AtLeast, AtMost, Direction, Milestone, RelativeChange
from ..plan.model import FollowUp
from ..plan.vocabulary import ActivityStatus, Better, Combine, PartialKind, Unit, VerdictRule
from .attainment import Evaluation, Result, Trend
from .summary import Summing, Tally
from .thresholds import Rule

STATUS = {
    Result.ACHIEVED: ("uppnått", "✔", "green"),
    Result.PARTIAL: ("delvis uppnått", "◐", "yellow"),
    Result.NOT_ACHIEVED: ("ej uppnått", "✘", "red"),
    Result.NO_DATA: ("ej mätbart", "?", "blue"),
    Result.NOT_DUE: ("ej aktuellt än", "–", "bright_black"),
    Result.NOT_ASSESSABLE: ("ej bedömbar", "○", "magenta"),
}
# The order goal statuses are listed in, in counts and tables alike (not_assessable is a
# summary's only).
STATUS_ORDER = [r for r in STATUS if r is not Result.NOT_ASSESSABLE]
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

# A unit named in words ("Enhet: procent"), for the site and vp serve's forms.
UNIT_WORDS = {
    "percent": "procent",
    "count": "antal",
    "fte": "heltider (årsarbetare)",
    "days": "dagar",
    "sek": "kronor",
    "tsek": "tusen kronor",
    "index": "index",
}


def amount(value: float | None, unit: Unit, decimals: int = 2) -> str:
    if value is None:
        return "–"
    return number(value, decimals) + UNIT_SUFFIX[unit]


def no_value(reason: str | None) -> str:
    """A value that is not shown, with why when there is a reason ("färre än 5, visas inte")."""
    return f"– ({reason})" if reason else "–"


def status_text(result: Result, words: dict[Result, str] | None = None) -> str:
    word, symbol, _ = STATUS[result]
    return f"{symbol} {(words or {}).get(result, word)}"


# A forecast verdict is never an outcome: it says what the full year is expected to give.
FORECAST_WORDS = {
    Result.ACHIEVED: "bedöms uppnås",
    Result.PARTIAL: "bedöms delvis uppnås",
    Result.NOT_ACHIEVED: "bedöms inte uppnås",
    Result.NO_DATA: "kan inte bedömas",
}


def forecast_words(words: dict[Result, str] | None = None) -> dict[Result, str]:
    """How a forecast verdict is said: "bedöms uppnås", or, in a plan with its own status
    words, those words ("bedöms uppfyllt", "bedöms delvis uppfyllt")."""
    named = {r: w for r, (w, _, _) in STATUS.items()}
    if not words or all(words.get(r, named[r]) == named[r] for r in FORECAST_WORDS):
        return dict(FORECAST_WORDS)
    return {
        **{r: f"bedöms {words.get(r, named[r])}" for r in FORECAST_WORDS},
        Result.NO_DATA: FORECAST_WORDS[Result.NO_DATA],
    }


def forecast_text(result: Result | None, words: dict[Result, str] | None = None) -> str:
    """A forecast verdict with its symbol: "◐ bedöms delvis uppnås"."""
    if result is None:
        return "–"
    return f"{STATUS[result][1]} {forecast_words(words).get(result, STATUS[result][0])}"


# Where the baseline already meets the target there is no way to go, so no progress.
MET_AT_BASELINE = "basvärdet nådde redan målvärdet"


def trend_text(trend: Trend | None) -> str:
    if trend is None:
        return "–"
    word, arrow = TREND[trend]
    return f"{arrow} {word}"


def rule_text(rule: Rule, words: dict[Result, str] | None = None) -> str:
    """The partial rule as the report prints it (the threshold counts as partly achieved),
    in the plan's own word for partly achieved."""
    partial = (words or {}).get(Result.PARTIAL, STATUS[Result.PARTIAL][0])
    if rule.kind is PartialKind.RIGHT_DIRECTION:
        return f"{partial} när utfallet har rört sig åt rätt håll från basvärdet"
    assert rule.percent is not None
    share = number(float(rule.percent / 100), 4)
    percent = f"{number(float(rule.percent), 2)}{NBSP}%"
    if rule.kind is PartialKind.SHARE_OF_WAY:
        way = "halva vägen" if rule.percent == 50 else f"{percent} av vägen"
        return (
            f"{partial} när utfallet har kommit minst {way} från basvärdet till "
            f"målvärdet (framsteg ≥ {share})"
        )
    return (
        f"{partial} när utfallet är minst {percent} av målvärdet (för ett mål som ska "
        f"minska: när målvärdet är minst {percent} av utfallet)"
    )


def status_words(follow_up: FollowUp) -> dict[Result, str]:
    """The words a plan uses for its statuses: its own where it declares them."""
    own = follow_up.status_words
    words = {result: word for result, (word, _, _) in STATUS.items()}
    if own is not None:
        for result in (Result.ACHIEVED, Result.PARTIAL, Result.NOT_ACHIEVED, Result.NO_DATA):
            chosen = getattr(own, result.value)
            if chosen:
                words[result] = chosen
    return words


def coverage_text(tally: Tally) -> str:
    """How many of a summary's due goals have a verdict: "1 av 4 mål bedömda"."""
    word = "mål bedömt" if tally.due == 1 and tally.measured == 1 else "mål bedömda"
    text = f"{tally.measured} av {tally.due} {word}"
    if tally.weights is not None:  # the weights decide the coverage: show them
        measured, due = tally.weights
        text += f"; med målens vikter {number(measured)} av {number(due)}"
    return text


def summary_rule_text(summing: Summing, words: dict[Result, str] | None = None) -> str:
    """The roll-up rule as every report prints it."""
    named = {**{r: w for r, (w, _, _) in STATUS.items()}, **(words or {})}
    share = f"{number(float(summing.measured_share), 2)}{NBSP}%"
    return (
        f"Ett områdes, en plans och ett KF-måls samlade status kräver att minst {share} av "
        f"de mål som är aktuella (räknat med målens vikt) är bedömda – {named[Result.ACHIEVED]}, "
        f"{named[Result.PARTIAL]} eller {named[Result.NOT_ACHIEVED]}; annars är den "
        f"{named[Result.NOT_ASSESSABLE]}, och täckningen anges (till exempel 1 av 4 mål "
        f"bedömda). Av de bedömda målen gäller: är alla {named[Result.ACHIEVED]} är summan "
        f"{named[Result.ACHIEVED]}, är inget {named[Result.ACHIEVED]} eller "
        f"{named[Result.PARTIAL]} är den {named[Result.NOT_ACHIEVED]}, och annars "
        f"{named[Result.PARTIAL]}. Mål som saknar data räknas och visas men avgör inte "
        f"statusen; mål vars år inte har börjat räknas inte."
    )


def verdict_text(e: Evaluation) -> str:
    """How a goal's measures are combined, in words: "alla 2 mått ska nås"."""
    total = len(e.measures)
    verdict = e.goal.verdict
    rule = verdict.rule if verdict else VerdictRule.ALL
    if rule is VerdictRule.ANY:
        return f"något av {total} mått ska nås"
    if rule is VerdictRule.AT_LEAST:
        return f"minst {verdict.count if verdict else total} av {total} mått ska nås"
    if rule is VerdictRule.ASSESSMENT:
        return f"bedöms av en person med {total} mått som underlag"
    return f"alla {total} mått ska nås"


def target_text(e: Evaluation) -> str:
    """The target in words an auditor reads, with the baseline's period and value:
    "minska med 10 % från 6 % (2017) till högst 5,4 %"."""
    if e.measures:
        return verdict_text(e)
    target = e.goal.target
    if isinstance(target, Milestone) or e.indicator is None or target is None:
        return "milstolpe"
    unit = e.indicator.unit
    if isinstance(target, (AtLeast, AtMost)):
        bound = "minst" if isinstance(target, AtLeast) else "högst"
        return f"{bound} {amount(target.value, unit)}{mean_span(target.mean_since, e.year)}"
    if isinstance(target, Direction):
        verb = "öka" if target.direction == "increase" else "minska"
        baseline = e.baseline
        if baseline is None or baseline.value is None:
            return f"{verb} från basvärdet, som saknas"
        when = "angivet i planen" if baseline.how == "value" else baseline.period
        return f"{verb} från {amount(baseline.value, unit)} ({when})"
    change = target.percent if isinstance(target, RelativeChange) else target.points
    verb = "öka" if change > 0 else "minska"
    bound = "minst" if change > 0 else "högst"
    size = (
        f"{number(abs(change))}{NBSP}%"
        if isinstance(target, RelativeChange)
        else points(abs(change))
    )
    baseline = e.baseline
    if baseline is None or baseline.value is None:
        return f"{verb} med {size} från basvärdet, som saknas"
    when = "angivet i planen" if baseline.how == "value" else baseline.period
    start = f"{amount(baseline.value, unit)} ({when})"
    end = f" till {bound} {amount(e.target, unit)}" if e.target is not None else ""
    return f"{verb} med {size} från {start}{end}"


def target_shown(e: Evaluation, shown: str) -> str:
    """The target value as printed; for "ska öka/minska" the baseline to pass, said as such."""
    target = e.goal.target
    if isinstance(target, Direction) and shown != "–":
        return ("högre än " if target.direction == "increase" else "lägre än ") + shown
    return shown


def mean_span(since: int | None, year: int) -> str:
    """ " i snitt 2023–2025" for a level on the mean of the years so far; "" without one."""
    if since is None:
        return ""
    return f" i snitt {since}–{year}" if year > since else f" i snitt från {since}"


MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


def long_date(day: dt.date) -> str:
    """29 november 2017: CLDR's Swedish long date (d MMMM y), written out here as number()
    is; identical to Babel's for every day from 1900 to 2200, without its import."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def period_name(period: str) -> str:
    """A period by its name alone: "tertial 2 2018", "halvår 1 2018", "maj 2018", "2018"."""
    year, _, part = period.partition("-")
    if not part:
        return year
    if part.isdigit():
        return f"{MONTHS[int(part) - 1]} {year}"
    name = {"T": "tertial", "Q": "kvartal", "H": "halvår"}[part[0]]
    return f"{name} {part[1]} {year}"


def period_text(period: str) -> str:
    """A follow-up period as a report names it: "tertial 2 2018 (januari–augusti, delåret)"."""
    part = period.partition("-")[2]
    if not part or part.isdigit():
        return period_name(period)
    n = int(part[1])
    months = {"T": 4, "Q": 3, "H": 6}[part[0]]
    span = f"januari–{MONTHS[n * months - 1]}"
    if period.endswith("-T2"):
        span += ", delåret"
    return f"{period_name(period)} ({span})"


def data_line(data_through: dt.date | None, as_of: dt.date, as_of_given: bool) -> str:
    """ "Data till och med" is the end of the last period with data, never today's date; the
    as-of date is said apart, when one was asked for."""
    if data_through is None:
        line = "Uppföljningen bygger inte på några nyckeltalsvärden"
    else:
        line = f"Data till och med {data_through.isoformat()}"
    return f"{line}; beräknat per {as_of.isoformat()}" if as_of_given else line


def comparison_text(compared: Any, unit: Unit | None) -> str:
    """Kolada's comparison in words: "plats 12 av 290 (bästa kvartilen); jämförelsegruppens
    median 88 % (7 kommuner)". Place 1 is the best value, whichever way is better."""
    quarter = {
        1: "bästa kvartilen",
        2: "näst bästa kvartilen",
        3: "näst sämsta kvartilen",
        4: "sämsta kvartilen",
    }[compared.quartile]
    text = f"plats {compared.rank} av {compared.count} kommuner {compared.year} ({quarter})"
    if compared.group_median is not None:
        median = (
            amount(compared.group_median, unit)
            if unit is not None
            else number(compared.group_median)
        )
        text += f"; jämförelsegruppens median {median} ({compared.group_size} kommuner)"
    return text


# How an indicator's periods make its yearly value, and which way is better: vp explain's
# lines and the site's indicator page.
COMBINE_WORDS = {
    Combine.LAST: "det senaste värdet",
    Combine.MEAN: "medelvärdet",
    Combine.SUM: "summan",
}
BETTER_WORDS = {
    Better.HIGHER: "högre är bättre",
    Better.LOWER: "lägre är bättre",
    Better.NONE: "inget håll är bättre",
}


# An activity's state as reports, `vp tree`, `vp diff` and the editing commands say it
# (`avbruten` is accepted on input as well).
ACTIVITY_WORDS = {
    ActivityStatus.PLANNED: "planerad",
    ActivityStatus.ONGOING: "pågår",
    ActivityStatus.DONE: "genomförd",
    ActivityStatus.CANCELLED: "inställd",
    ActivityStatus.DELAYED: "försenad",
}
