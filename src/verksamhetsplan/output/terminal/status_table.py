"""`vp status` in a terminal: a table per area where the terminal is wide, and where it is
narrow (80 columns) a block per goal with its id, its text whole and every number with its
unit, instead of a table that cuts the text to a few characters."""

from __future__ import annotations

import textwrap
from typing import Any

from ...common.swedish import number, printable
from ...followup.attainment import Evaluation, Result
from ...followup.rollup import PlanFollowUp
from ...followup.summary import Tally
from ...followup.words import (
    MET_AT_BASELINE,
    STATUS,
    STATUS_ORDER,
    amount,
    comparison_text,
    coverage_text,
    data_line,
    forecast_text,
    forecast_words,
    period_text,
    rule_text,
    status_text,
    status_words,
    target_shown,
    trend_text,
    verdict_text,
)
from ...plan.goals import Milestone
from .console import buffered

Words = dict[Result, str]


def counts_text(tally: Tally, words: dict[Result, str] | None = None) -> str:
    named = {**{r: w for r, (w, _, _) in STATUS.items()}, **(words or {})}
    parts = [f"{tally.counts[r]} {named[r]}" for r in STATUS_ORDER if tally.counts.get(r)]
    if not parts:
        return "inga mål"
    return f"{coverage_text(tally)}: " + ", ".join(parts)


def _cells(e: Evaluation) -> list[str]:
    if e.measures:
        basis = "bedömning" if e.assessed else "–"
        return ["–", verdict_text(e), basis]
    unit = e.indicator.unit if e.indicator else None
    if isinstance(e.goal.target, Milestone) or unit is None:
        basis = "bedömning" if e.assessed else "–"
        return ["–", "milstolpe", basis]
    baseline = amount(e.baseline.value if e.baseline else None, unit)
    target = target_shown(e, amount(e.target, unit))
    if e.outcome and e.outcome.running and e.outcome.so_far is not None:
        label = "preliminärt" if e.outcome.preliminary else "hittills"
        outcome = f"{amount(e.outcome.so_far, unit)} ({label})"
    else:
        outcome = amount(e.outcome.value if e.outcome else None, unit)
    if e.outcome and e.outcome.mean_of:
        outcome += f" (snitt {e.outcome.mean_of[0].year}–{e.year})"
    return [baseline, target, outcome]


def _forecast_cell(e: Evaluation, words: Words) -> str:
    """The full-year forecast and its verdict, beside (never instead of) the status."""
    if e.forecast_status is None:
        return "–"
    unit = e.indicator.unit if e.indicator else None
    value = e.outcome.forecast if e.outcome else None
    shown = f"≈{amount(value, unit)}\n" if unit is not None and value is not None else ""
    return shown + forecast_text(e.forecast_status, words)


def table_text(f: PlanFollowUp, like: Any) -> str:
    """One plan's tables as text, rendered as the console `like` would render them."""

    console, buffer = buffered(like)
    render_table([f], console)
    return buffer.getvalue()


# Below this width the table would cut goal texts to a few characters: a block per goal.
WIDE = 120


def render_table(follow_ups: list[PlanFollowUp], console: Any) -> None:
    from rich.text import Text

    for f in follow_ups:
        plan = f.plan_file.plan
        who = " – ".join(x for x in (plan.organisation, plan.board or plan.administration) if x)
        # Plan text is data: printed as Text, never read as rich markup ("[reviderad]").
        console.print(Text(printable(f"{who}: {plan.title}"), style="bold"))
        words = status_words(plan.follow_up)
        console.print(Text(f"{follow_up_heading(f)}. Regel: {rule_text(f.rule, words)}."))
        for area in (a for a in f.areas if a.depth == 0 and a.evaluations):
            summary = status_text(area.tally.summary, words)
            title = f"{area.area.title} – {summary} ({counts_text(area.tally, words)})"
            if console.width >= WIDE:
                console.print(_table(f, area.evaluations, title, words))
            else:
                console.print(Text(printable(title), style="bold"))
                for e in area.evaluations:
                    _stacked(console, e, words)
        tally = counts_text(f.tally, words)
        summary = status_text(f.tally.summary, words)
        console.print(f"Summering {f.year}: {len(f.evaluations)} mål – {summary} ({tally}).")
        if f.tally.forecasts:
            expected = ", ".join(
                f"{n} {forecast_words(words)[r]}"
                for r in STATUS_ORDER
                if (n := f.tally.forecasts.get(r))
            )
            console.print(f"Prognos för helåret (räknas för sig, inte som utfall): {expected}.")
        gaps = [c for c in f.council if not c.areas and not c.evaluations]
        if gaps:
            titles = "; ".join(c.council_goal.title for c in gaps)
            console.print(Text(f"KF-mål som inget område i planen tjänar: {titles}."))
        _comparisons(console, f)
        console.print()


def _comparisons(console: Any, f: PlanFollowUp) -> None:
    """Kolada's comparison, a line per goal or measure: beside the verdicts, not in them."""
    from rich.text import Text

    if not f.comparisons:
        return
    console.print(Text("Jämförelse med andra kommuner (Kolada; plats 1 är bäst):", style="bold"))
    indicators = {i.id: i for i in f.plan_file.plan.indicators}
    width = max(20, console.width - 4)
    for key, compared in sorted(f.comparisons.items()):
        indicator = indicators[key]
        line = f"{printable(indicator.title)}: {comparison_text(compared, indicator.unit)}"
        for k, piece in enumerate(textwrap.wrap(line, width, break_on_hyphens=False)):
            console.print(Text(("  " if k == 0 else "    ") + piece))


def _table(f: PlanFollowUp, evaluations: list[Evaluation], title: str, words: Words) -> Any:
    from rich.table import Table
    from rich.text import Text

    forecasts = any(e.forecast for e in f.evaluations)
    table = Table(title=Text(printable(title)), title_justify="left", expand=False)
    for header, justify in (
        ("Mål", "left"),
        ("Basvärde", "right"),
        ("Målvärde", "right"),
        ("Utfall", "right"),
        ("Status", "left"),
        ("Trend", "left"),
        ("Framsteg", "right"),
        *([("Prognos helår", "left")] if forecasts else []),
    ):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    for e in evaluations:
        text = Text(printable(e.goal.short or e.goal.text))
        text.append(f"\n{e.goal.id}", style="dim")  # the id vp explain and vp assess take
        table.add_row(text, *_row(e, words, forecasts))
        for part in e.measures:
            table.add_row(
                Text(printable(f"  · {part.goal.text}"), style="dim"), *_row(part, words, forecasts)
            )
    return table


def _stacked(console: Any, e: Evaluation, words: Words, indent: int = 2) -> None:
    """A goal as a few lines: status and id, the text whole, then every number with its unit."""
    from rich.text import Text

    head = Text(status_text(e.status, words), style=STATUS[e.status][2])
    head.append(f"  {e.goal.id}", style="dim")
    console.print(Text(" " * indent) + head)
    details = [printable(e.goal.short or e.goal.text)]
    if e.measures:
        details.append(f"mått: {verdict_text(e)}")
    elif e.indicator is not None and not isinstance(e.goal.target, Milestone):
        baseline, target, outcome = _cells(e)
        progress = (
            MET_AT_BASELINE
            if e.met_at_baseline
            else ("–" if e.progress is None else number(e.progress, 2))
        )
        details.append(f"basvärde {baseline} · målvärde {target}")
        details.append(f"utfall {outcome} · framsteg {progress} · trend {trend_text(e.trend)}")
    else:
        details.append("milstolpe" + (" (bedömning)" if e.assessed else ""))
    if e.forecast_status is not None:
        value = e.outcome.forecast if e.outcome else None
        unit = e.indicator.unit if e.indicator else None
        shown = f"≈{amount(value, unit)}: " if unit is not None and value is not None else ""
        details.append(f"prognos helår {shown}{forecast_text(e.forecast_status, words)}")
    if e.computed is not None:
        details.append(f"beräknat: {status_text(e.computed, words)}")
    if e.override_without_reason:
        details.append("bedömningen saknar skäl och har inte ändrat statusen")
    for line in details:
        # Wrapped by hand: rich's padding would fill every wrapped line with spaces.
        width = max(20, console.width - indent - 2)
        for piece in textwrap.wrap(line, width, break_on_hyphens=False) or [""]:
            console.print(Text(" " * (indent + 2) + piece))
    for part in e.measures:
        _stacked(console, part, words, indent + 2)


def _row(e: Evaluation, words: Words, forecasts: bool) -> list[Any]:
    """A goal's or a measure's cells after its text: numbers, status, trend, progress."""
    from rich.text import Text

    status = Text(status_text(e.status, words), style=STATUS[e.status][2])
    if e.computed is not None:
        status.append(f"\n(beräknat: {status_text(e.computed, words)})", style="dim")
    if e.override_without_reason:
        status.append("\n(bedömningen saknar skäl och har inte ändrat statusen)", style="dim")
    progress = "–" if e.progress is None else number(e.progress, 2)
    if e.met_at_baseline:
        progress = MET_AT_BASELINE
    cells = [*_cells(e), status, trend_text(e.trend), progress]
    return [*cells, _forecast_cell(e, words)] if forecasts else cells


def follow_up_heading(f: PlanFollowUp) -> str:
    """ "Uppföljning tertial 2 2018 (januari–augusti, delåret). Data till och med …"."""
    what = period_text(f.period) if f.period else str(f.year)
    return f"Uppföljning {what}. {data_line(f.data_through, f.as_of, f.as_of_given)}"
