"""The "Ekonomi" section of the nämnd's report: the table per verksamhet, the chart of
accumulated utfall against budget with the prognos, the administration's text under its
"Ekonomi" heading, and, where the prognos shows a deficit, the åtgärder that text names under
an "Åtgärder" heading (a warning in the report when it names none)."""

from __future__ import annotations

from typing import Any

from ..charts import describe, svg
from ..economy_records import records, tkr

TITLE = "ekonomi"


def economy_section(found: Any) -> dict[str, Any] | None:
    """The records the section shows, with the chart drawn (None without a budget)."""
    if found is None:
        return None
    record = records(found)
    if not record["units"] or record["units"][0]["values"]["budget_year"] is None:
        return None
    chart = record["chart"]
    record["chart"] = {
        "svg": _markup(svg(chart, f"ekonomi-{record['plan']}")),
        "text": describe(chart),
        "data": chart,
        "header": ["Månad", "Utfall ackumulerat", "Budget ackumulerad"],
        "rows": [
            [
                period,
                chart.shown["T"][i].removesuffix(" tkr")
                if chart.series["T"][i] is not None
                else "–",
                chart.shown["K"][i].removesuffix(" tkr"),
            ]
            for i, period in enumerate(chart.periods)
        ],
    }
    return record


def _markup(text: str) -> Any:
    from markupsafe import Markup

    return Markup(text)


def with_economy_section(
    free_after: list[dict[str, Any]], record: dict[str, Any] | None
) -> tuple[list[dict[str, Any]], str | None]:
    """The free sections after the goals with "Ekonomi" holding the follow-up (first of the
    known sections, the analysis's own text in it); and the warning when the prognos shows a
    deficit that the text names no åtgärder for."""
    if record is None:
        return free_after, None
    own = next((s for s in free_after if s["title"].casefold() == TITLE), None)
    blocks = own["blocks"] if own else []
    warning = None
    if record["deficit"] and not _names_measures(blocks):
        deficit = tkr(-record["units"][0]["values"]["deviation_year"])
        warning = (
            f"{'Utfallet' if record['year_ended'] else 'Prognosen'} för helåret visar ett "
            f"underskott på {deficit} tkr, men analysen namnger inga åtgärder (en rubrik "
            "Åtgärder under Ekonomi)."
        )
    section = {
        "title": "Ekonomi",
        "id": "avsnitt-ekonomi",
        "blocks": blocks,
        "economy": record,
        "economy_warning": warning,
    }
    rest = [s for s in free_after if s is not own]
    return [section, *rest], warning


def _names_measures(blocks: Any) -> bool:
    return any(
        block.kind == "heading"
        and "".join(s.text for s in block.spans).strip().casefold().startswith("åtgärd")
        for block in blocks
    )
