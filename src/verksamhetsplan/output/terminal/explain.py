"""`vp explain`: the whole computation of one goal's status, as Swedish text lines."""

from __future__ import annotations

from ...common.swedish import number, points, printable
from ...data.format import FREQUENCY_WORDS
from ...followup.attainment import BaselineValue, Evaluation, Outcome, Result
from ...followup.forecast import METHOD_WORDS
from ...followup.words import (
    BETTER_WORDS,
    COMBINE_WORDS,
    MET_AT_BASELINE,
    amount,
    forecast_text,
    mean_span,
    period_text,
    rule_text,
    status_text,
    target_text,
    trend_text,
    verdict_text,
)
from ...plan.goals import AtLeast, AtMost, Direction, Milestone, PointsChange, RelativeChange
from ...plan.vocabulary import Unit

Words = dict[Result, str] | None


def _mean(label: str, outcome: Outcome, unit: Unit) -> list[str]:
    """A mean over the years ("i snitt"): each year's outcome, then the sum and division."""
    years = outcome.mean_of
    lines = [
        f"{label} i snitt {years[0].year}–{outcome.year}: medelvärdet av {len(years)} årsutfall"
    ]
    for one in years:
        lines += ["  " + line for line in _outcome("Utfall", one, unit, "  ")]

    def said(last: float | None, result: float | None, what: str) -> str:
        known = [one.value for one in years[:-1]] + [last]
        shown = [number(value) for value in known if value is not None]
        return f"    {what} = ({' + '.join(shown)}) / {len(years)} = {amount(result, unit)}"

    if outcome.reason and outcome.value is None and outcome.so_far is None:
        return [*lines, f"    inget snitt: {outcome.reason}"]
    own = years[-1]
    if outcome.running:
        lines.append(said(own.so_far, outcome.so_far, "snitt med årets utfall hittills"))
        if outcome.forecast is not None:
            lines.append(said(own.forecast, outcome.forecast, "snitt med årets prognos"))
        return lines
    return [*lines, said(own.value, outcome.value, "snitt")]


def _outcome(label: str, outcome: Outcome, unit: Unit, indent: str = "") -> list[str]:
    if outcome.mean_of:
        return _mean(label, outcome, unit)
    count = len(outcome.used)
    values = "värde" if count == 1 else "värden"
    lines = [f"{label} {outcome.year}: {COMBINE_WORDS[outcome.combine]} av {count} {values}"]
    lines += [
        f"{indent}    {o.period:<8} {amount(o.value, unit):>14}   {o.file} rad {o.line}"
        for o in outcome.used
    ]
    if outcome.missing_periods:
        lines.append(f"{indent}    saknas: {', '.join(outcome.missing_periods)}")
    if outcome.running:
        if outcome.preliminary:
            lines.append(
                f"{indent}    året pågår: preliminärt årsvärde = {amount(outcome.so_far, unit)} "
                "(räknas som utfall först när året är slut)"
            )
        else:
            lines.append(
                f"{indent}    året pågår: utfall hittills = {amount(outcome.so_far, unit)}"
            )
        if outcome.method is not None:
            lines.append(f"{indent}    prognosmetod: {METHOD_WORDS[outcome.method]}")
        if outcome.method_note:
            lines.append(f"{indent}    ({outcome.method_note})")
        lines.append(
            f"{indent}    prognos för helåret = {amount(outcome.forecast, unit)} "
            "(prognos, inte utfall)"
        )
    elif outcome.value is not None:
        lines.append(f"{indent}    = {amount(outcome.value, unit)}")
    else:
        lines.append(f"{indent}    inget värde: {outcome.reason}")
    return lines


def _baseline(baseline: BaselineValue, unit: Unit) -> list[str]:
    if baseline.how == "value":
        return [f"Basvärde: angivet i planen = {amount(baseline.value, unit)}"]
    if baseline.how == "previous_mean" and baseline.outcome is not None:
        source = f"snittet av åren före målåret ({baseline.period})"
        return [f"Basvärde: {source}", *_outcome("  Utfall", baseline.outcome, unit, "  ")[1:]]
    if baseline.outcome is not None and baseline.period and len(baseline.period) == 4:
        source = {
            "period": f"utfallet för basperioden {baseline.period}",
            "previous_year": f"föregående års utfall ({baseline.period})",
            "previous_year_default": f"föregående års utfall ({baseline.period}), eftersom "
            "planen inte anger något basvärde",
        }[baseline.how]
        return [f"Basvärde: {source}", *_outcome("  Utfall", baseline.outcome, unit, "  ")[1:]]
    if baseline.value is not None:
        return [f"Basvärde: värdet för {baseline.period} = {amount(baseline.value, unit)}"]
    return [f"Basvärde: saknas ({baseline.reason})"]


def _target(e: Evaluation, unit: Unit) -> str:
    target, base = e.goal.target, e.baseline.value if e.baseline else None
    if isinstance(target, RelativeChange) and base is not None and e.target is not None:
        sign = "+" if target.percent >= 0 else "−"
        factor = 1 + target.percent / 100
        return (
            f"Målvärde: basvärde × (1 {sign} {number(abs(target.percent))} %) = "
            f"{number(base)} × {number(factor, 4)} = {amount(e.target, unit)}"
        )
    if isinstance(target, PointsChange) and base is not None and e.target is not None:
        sign = "+" if target.points >= 0 else "−"
        return (
            f"Målvärde: basvärde {sign} {points(abs(target.points))} = "
            f"{number(base)} {sign} {number(abs(target.points))} = {amount(e.target, unit)}"
        )
    if isinstance(target, (AtLeast, AtMost)):
        bound = "minst" if isinstance(target, AtLeast) else "högst"
        return (
            f"Målvärde: {bound} {amount(target.value, unit)}{mean_span(target.mean_since, e.year)}"
        )
    if isinstance(target, Direction) and base is not None:
        way = "högre" if target.direction == "increase" else "lägre"
        return f"Målvärde: {way} än basvärdet {amount(base, unit)}; oförändrat är inte nog"
    return "Målvärde: kan inte räknas"


def _milestone(e: Evaluation, lines: list[str], words: Words) -> list[str]:
    assert isinstance(e.goal.target, Milestone)
    lines.append("Milstolpe med kriterierna:")
    lines += [f"  - {criterion}" for criterion in e.goal.target.criteria]
    if e.assessed:
        comment = f": {e.assessment_comment.strip()}" if e.assessment_comment else "."
        lines.append(f"Status enligt bedömningen{comment}")
    else:
        lines.append(f"Ingen bedömning för {e.year}; {e.reason}.")
    return [*lines, f"Resultat: {status_text(e.status, words)}"]


def explain(e: Evaluation, words: Words = None) -> list[str]:
    """Every step of a goal's status as lines of text; `words` are the plan's own status words.
    Plan text in them is made printable: no terminal escape sequence reaches the screen."""
    return [printable(line) for line in _explain(e, words)]


def _explain(e: Evaluation, words: Words = None) -> list[str]:
    goal = e.goal
    when = period_text(e.period) if e.period else f"år {e.year}"
    lines = [f"Mål {goal.id}, {when}", f"  ”{goal.text.strip()}”"]
    if e.status is Result.NOT_DUE:
        return [*lines, f"Resultat: {status_text(e.status, words)} – {e.reason}"]
    if e.measures:
        return _measures(e, lines, words)
    if isinstance(goal.target, Milestone):
        return _milestone(e, lines, words)
    indicator, outcome, baseline = e.indicator, e.outcome, e.baseline
    assert indicator is not None and outcome is not None and baseline is not None
    unit = indicator.unit
    lines.append(
        f"Nyckeltal: {indicator.id} – {indicator.title} "
        f"({FREQUENCY_WORDS[indicator.frequency.value]}, årsvärde = "
        f"{COMBINE_WORDS[indicator.combine]}, {BETTER_WORDS[indicator.better]}); "
        f"kön {goal.gender.value}"
    )
    lines += _outcome("Utfall", outcome, unit)
    lines += _baseline(baseline, unit)
    if goal.baseline is not None and goal.baseline.note:
        lines.append(f"  Basvärdets val: {' '.join(goal.baseline.note.split())}")
    lines.append(_target(e, unit))
    lines.append(f"Målet i ord: {target_text(e)}")
    current = outcome.current
    word = "utfall hittills" if outcome.running else "utfall"
    base = baseline.value
    if e.progress is not None and current is not None and base is not None and e.target:
        lines.append(
            f"Framsteg: ({word} − basvärde) / (målvärde − basvärde) = "
            f"({number(current)} − {number(base)}) / ({number(e.target)} − {number(base)}) "
            f"= {number(e.progress)}"
        )
    if e.met_at_baseline:
        lines.append(f"Framsteg: visas inte – {MET_AT_BASELINE} ({number(base or 0)}).")
    achieved = (words or {}).get(Result.ACHIEVED, "uppnått")
    if isinstance(goal.target, Direction):
        lines.append(
            f"Regel: {achieved} när utfallet har rört sig åt rätt håll från basvärdet; "
            "annars inte (utan nivå finns inget att vara delvis framme vid)."
        )
    else:
        lines.append(f"Regel: {achieved} när målvärdet nås; {rule_text(e.rule, words)}.")
    if e.status is Result.NO_DATA:
        lines.append(f"Resultat: {status_text(e.status, words)} – {e.reason}")
    else:
        judged = "utfallet hittills" if outcome.running else "utfallet"
        lines.append(
            f"Resultat: {status_text(e.computed or e.status, words)} ({judged} mot målvärdet)"
        )
    if e.forecast_status is not None:
        lines.append(
            f"Prognosbedömning för helåret: {forecast_text(e.forecast_status, words)} (prognosen "
            f"{amount(outcome.forecast, unit)} mot målvärdet, samma regel; ingen uppmätt status)"
        )
    elif e.forecast_reason:
        lines.append(f"Prognosbedömning för helåret: {e.forecast_reason}")
    lines += _override(e, words)
    previous = e.previous
    own = outcome.mean_of[-1] if outcome.mean_of else outcome  # the trend is year on year
    if previous is not None and previous.value is not None and own.value is not None:
        lines.append(
            f"Trend: {amount(own.value, unit)} mot {amount(previous.value, unit)} år "
            f"{previous.year}: {trend_text(e.trend)} (mot förra året, inte mot målet)"
        )
    for gender, split in sorted(e.by_gender.items()):
        if split.running:
            lines.append(
                f"Utfall hittills {gender}: {amount(split.so_far, unit)}; prognos för helåret "
                f"{amount(split.forecast, unit)}"
            )
        else:
            lines.append(f"Utfall {gender}: {amount(split.value, unit)}")
    return lines


def _override(e: Evaluation, words: Words) -> list[str]:
    """A person's assessment beside the computed status: applied with a reason, else not."""
    if e.computed is not None:
        assessed = status_text(e.status, words)
        return [
            f"Bedömning: {assessed}, med skälet: {e.override_reason}",
            "Den bedömda statusen gäller; den beräknade visas bredvid.",
        ]
    if e.override_without_reason:
        return [
            "En bedömning avviker från den beräknade statusen men saknar skäl (reason:): "
            "bedömningen saknar skäl och har inte ändrat statusen."
        ]
    return []


def _measures(e: Evaluation, lines: list[str], words: Words) -> list[str]:
    """A goal with several measures: each measure's own computation, then the rule."""
    lines.append(f"Målet följs upp med {len(e.measures)} mått; {verdict_text(e)}.")
    for part in e.measures:
        name = part.measure.id if part.measure else part.goal.id
        lines.append(f"Mått {name}:")
        lines += [f"    {line}" for line in _explain(part, words)[1:]]
    if e.assessed:
        comment = f": {e.assessment_comment.strip()}" if e.assessment_comment else "."
        lines.append(f"Status enligt bedömningen{comment}")
    result = status_text(e.computed or e.status, words)
    lines.append(f"Resultat för målet: {result} – {e.reason}")
    if e.forecast_status is not None:
        lines.append(f"Prognosbedömning för helåret: {forecast_text(e.forecast_status, words)}")
    return [*lines, *_override(e, words)]
