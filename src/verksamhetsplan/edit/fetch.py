"""`vp data fetch` in two steps: what the plans need is fetched from Kolada's API with no
lock held (the network may retry for minutes), then written under the repository's lock by
`fetched_changes`, against the files as they are then."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..common.problems import Refused
from ..data.layout import organisation
from ..followup.select import chosen_plans
from ..sources.kolada_api import Client, Compared, api_url, data_url, fetch_comparisons
from ..sources.kolada_file import KoladaValue
from .kolada import ImportReport, comparison_changes, import_values


@dataclass
class Fetched:
    """What Kolada answered for the plans, not yet written."""

    base: str  # the API's address
    values: list[KoladaValue] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # KPIs Kolada had no value for
    compared: dict[str | None, Compared] = field(default_factory=dict)  # per organisation


def fetch_for_plans(
    repository: Any,
    plan: str | None,
    kommun: str | None,
    url: str | None,
    compare: bool,
    said: Callable[[str], None] = lambda line: None,
) -> Fetched:
    """The values of the chosen plans' Kolada indicators (source.kolada) for the municipality
    (kolada_id, or `kommun`), for the plan period's years and the baseline year; with
    `compare`, every municipality's values and the comparison groups' members too. `said`
    hears a line per answer as it arrives."""
    wanted: dict[str, tuple[set[str], set[int]]] = {}
    comparing: dict[str | None, tuple[set[str], set[int], set[str]]] = {}
    for plan_file in chosen_plans(repository, plan):
        plan_ = plan_file.plan
        municipality = kommun or plan_.kolada_id
        kpis = {i.source.kolada for i in plan_.indicators if i.source and i.source.kolada}
        if not kpis or municipality is None:
            continue
        years = set(plan_.period.years)
        if plan_.follow_up.baseline_period:
            years.add(int(plan_.follow_up.baseline_period[:4]))
        known_kpis, known_years = wanted.setdefault(municipality, (set(), set()))
        known_kpis |= kpis
        known_years |= years
        org = organisation(Path(plan_file.file), "plans")
        c_kpis, c_years, c_groups = comparing.setdefault(org, (set(), set(), set()))
        c_kpis |= kpis
        c_years |= years
        c_groups |= set(plan_.follow_up.compare_with)
    if not wanted:
        raise Refused(
            "ingen plan har både nyckeltal med Kolada-id och kommunens id",
            hint='Skriv kolada_id: "1862" (kommunens id hos Kolada) i planen, eller ange --kommun.',
            usage=True,
        )
    client = Client(api_url(url))
    fetched = Fetched(client.base)
    for municipality, (kpis, years) in sorted(wanted.items()):
        address = data_url(fetched.base, sorted(kpis), municipality, sorted(years))
        pages = client.fetch(address)
        said(
            f"Hämtade {len(pages.values)} värden på {pages.pages} "
            f"{'sida' if pages.pages == 1 else 'sidor'}: {address}"
        )
        fetched.values.extend(pages.values)
        found = {v.kpi for v in pages.values}
        span = f"{min(years)}–{max(years)}"
        fetched.missing += [
            f"{k}: Kolada har inga värden för {municipality} {span}" for k in sorted(kpis - found)
        ]
    if compare:
        for org, (c_kpis, c_years, c_groups) in sorted(
            comparing.items(), key=lambda item: str(item[0])
        ):
            fetched.compared[org] = fetch_comparisons(
                client, sorted(c_kpis), sorted(c_years), sorted(c_groups)
            )
    return fetched


def fetched_changes(
    repository: Any, fetched: Fetched, kommun: str | None, file: Path | None
) -> ImportReport:
    """What was fetched, as changes to the repository's data (and comparisons/) files."""
    report = import_values(repository, fetched.values, kommun, file, fetched.base)
    for org, compared in fetched.compared.items():
        report.changes += comparison_changes(repository.root, org, compared)
    for why in fetched.missing:
        report.skipped[why] += 1
    return report
