"""An indicator on the site and as open data: a page with what it measures, where it comes
from and under which licence, the goals that use it, its chart by gender and its values with
their unit; and the same values as CSV (one value a row, with unit and metadata) and JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ...common.swedish import number, plain_number
from ...data.format import FREQUENCY_WORDS
from ...data.periods import period_order
from ...followup.words import BETTER_WORDS, COMBINE_WORDS, UNIT_SUFFIX, UNIT_WORDS, no_value
from ...plan.vocabulary import Combine

KOLADA_LICENCE, OWN_LICENCE = "CC-BY-4.0", "CC0-1.0"
LICENCE_WORDS = {
    "CC-BY-4.0": ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.sv"),
    "CC0-1.0": ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/deed.sv"),
}
CSV_COLUMNS = [
    "indicator",
    "title",
    "period",
    "gender",
    "value",
    "unit",
    "missing",
    "source",
    "licence",
]


def licence_of(indicator: Any) -> str:
    source = indicator.source
    if source is not None and source.licence:
        return str(source.licence)
    return KOLADA_LICENCE if source is not None and source.kolada else OWN_LICENCE


def source_of(indicator: Any) -> str:
    source = indicator.source
    if source is not None and source.kolada:
        return f"Kolada (RKA), KPI {source.kolada}"
    if source is not None and source.system:
        return str(source.system)
    return "egen uppgift"


def kolada_link(indicator: Any) -> str | None:
    source = indicator.source
    if source is None or not source.kolada:
        return None
    return f"https://www.kolada.se/verktyg/fri-sokning/?kpis={source.kolada}"


def rows_of(indicator: Any, lookup: Any) -> list[dict[str, Any]]:
    """Every value, period by period, T before K before M."""
    found = [
        {"period": o.period, "gender": gender, "value": o.value, "missing": o.missing}
        for gender in ("T", "K", "M")
        for o in lookup(indicator.id, gender)
    ]
    return sorted(found, key=lambda r: (period_order(r["period"]), "TKM".index(r["gender"])))


def open_data(indicator: Any, rows: list[dict[str, Any]]) -> tuple[str, str]:
    """The values as CSV and as JSON, each carrying the unit, source and licence."""
    unit, licence, source = indicator.unit.value, licence_of(indicator), source_of(indicator)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    # In CSV_COLUMNS' order; lists, as csv.DictWriter's conversion per row was a third of it.
    writer.writerows(
        [
            indicator.id,
            indicator.title,
            r["period"],
            r["gender"],
            "" if r["value"] is None else plain_number(r["value"]),
            unit,
            r["missing"] or "",
            source,
            licence,
        ]
        for r in rows
    )
    document = {
        "indicator": indicator.id,
        "title": indicator.title,
        "unit": unit,
        "frequency": indicator.frequency.value,
        "source": source,
        "kolada": indicator.source.kolada if indicator.source else None,
        "licence": licence,
        "values": rows,
    }
    return out.getvalue(), json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def indicator_page(
    indicator: Any, rows: list[dict[str, Any]], goals: list[dict[str, str]]
) -> dict[str, Any]:
    """What the indicator's page shows."""
    from markupsafe import Markup

    from ..charts import Chart, describe, svg

    periods = sorted({r["period"] for r in rows}, key=period_order)
    by_gender: dict[str, dict[str, float | None]] = {}
    for r in rows:
        by_gender.setdefault(r["gender"], {})[r["period"]] = r["value"]
    series = {
        g: [by_gender[g].get(p) for p in periods]
        for g in ("T", "K", "M")
        if any(v is not None for v in by_gender.get(g, {}).values())
    }
    suffix = UNIT_SUFFIX[indicator.unit]
    reasons = {(r["gender"], r["period"]): r["missing"] for r in rows if r["missing"]}
    shown = {
        g: [
            number(v) + suffix if v is not None else no_value(reasons.get((g, p)))
            for p, v in zip(periods, values, strict=True)
        ]
        for g, values in series.items()
    }
    chart = None
    if sum(v is not None for v in series.get("T", [])) >= 2:
        drawn = Chart(indicator.title, suffix, periods, series, shown)
        chart = {"svg": Markup(svg(drawn, f"nyckeltal-{indicator.id}")), "text": describe(drawn)}
    licence = licence_of(indicator)
    return {
        "indicator": indicator,
        "facts": [
            ("Enhet", UNIT_WORDS.get(indicator.unit.value, indicator.unit.value)),
            ("Redovisas per", FREQUENCY_WORDS[indicator.frequency.value]),
            ("Årsvärde", _yearly(indicator.combine)),
            ("Riktning", BETTER_WORDS[indicator.better]),
            ("Per kön", "ja" if indicator.by_gender else "nej"),
            ("Källa", source_of(indicator)),
        ],
        "note": indicator.source.note if indicator.source else None,
        "kolada": kolada_link(indicator),
        "licence": LICENCE_WORDS.get(licence, (licence, None)),
        "goals": goals,
        "chart": chart,
        "header": ["Period", *({"T": "Totalt", "K": "Kvinnor", "M": "Män"}[g] for g in series)],
        "rows": [[p, *(shown[g][i] for g in series)] for i, p in enumerate(periods)],
    }


def _yearly(combine: Combine) -> str:
    """ "det senaste värdet", "medelvärdet av periodernas värden"."""
    said = COMBINE_WORDS[combine]
    return said if combine is Combine.LAST else f"{said} av periodernas värden"
