"""Which indicator a value is for (its `Target`: the indicator and its organisation), and
whether a value, a period and a gender fit it: the checks `vp data add`, `vp data remove`
and every import make before a row is written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.files import display_path
from ..common.problems import Refused, suggest
from ..common.swedish import exact_number
from ..data import format as datafmt
from ..data.layout import organisation
from ..plan.model import Indicator


@dataclass
class Target:
    """An indicator as data rows name it, and the organisation whose data folder holds it."""

    indicator: Indicator
    org: str | None


def indicator_targets(repository: Any) -> dict[str, list[Target]]:
    found: dict[str, list[Target]] = {}
    for plan_file in repository.plans:
        org = organisation(Path(plan_file.file), "plans")
        for indicator in plan_file.plan.indicators:
            known = found.setdefault(indicator.id, [])
            if all(t.org != org for t in known):
                known.append(Target(indicator, org))
    return found


def find_indicator(
    repository: Any,
    ident: str,
    file: Path | None = None,
    targets: dict[str, list[Target]] | None = None,
) -> Target:
    """The indicator a value is for; when --file names a data file, the indicator of that
    file's organisation (two organisations may follow the same indicator id)."""
    targets = indicator_targets(repository) if targets is None else targets
    if ident not in targets:
        close = suggest(ident, list(targets))
        raise Refused(
            f"nyckeltalet {ident!r} finns inte i planerna",
            hint=f"Menade du {close!r}?"
            if close
            else "Nyckeltalen står under indicators: i planen.",
            usage=True,
        )
    if file is not None and len(targets[ident]) > 1:
        org = organisation(file, "indicators-data")
        chosen = [t for t in targets[ident] if t.org == org]
        if not chosen:
            orgs = ", ".join(str(t.org) for t in targets[ident])
            raise Refused(
                f"{display_path(file)} hör inte till någon organisation med nyckeltalet "
                f"{ident!r} ({orgs})",
                hint="Ange en datafil under indicators-data/<organisation>/ för en av dem.",
                usage=True,
            )
        return chosen[0]
    if len(targets[ident]) > 1:
        orgs = ", ".join(str(t.org) for t in targets[ident])
        raise Refused(
            f"nyckeltalet {ident!r} finns hos flera organisationer ({orgs})",
            hint="Ange filen med --file.",
            usage=True,
        )
    return targets[ident][0]


def check_value(target: Target, period: str, gender: str, value_text: str) -> float:
    """The value as a number, after checking period and gender against the indicator."""
    check_target(target, period, gender)
    missing = datafmt.MISSING_MARKERS.get(value_text.strip())
    if missing is not None:  # Kolada's marker for a missing value: no value to record
        raise Refused(f"värdet {value_text!r} är inget tal ({missing})", usage=True)
    try:
        return exact_number(value_text)  # what is typed is what the file holds
    except ValueError as error:
        raise Refused(
            str(error), hint="Skriv ett tal, t.ex. 12,5 eller 12.5.", usage=True
        ) from None


def check_target(target: Target, period: str, gender: str) -> None:
    """The period fits the indicator's frequency, and a gender its by_gender."""
    check_period(target, period)
    check_gender(target, gender)


def check_period(target: Target, period: str) -> None:
    indicator = target.indicator
    if not datafmt.period_fits(period, indicator.frequency):
        raise Refused(
            f"perioden {period!r} passar inte {indicator.id!r}, som redovisas per "
            f"{datafmt.FREQUENCY_WORDS[indicator.frequency]}",
            hint=f"Skriv perioden som {datafmt.PERIOD_EXAMPLES[indicator.frequency]}.",
            usage=True,
        )


def check_gender(target: Target, gender: str) -> None:
    if gender != "T" and not target.indicator.by_gender:
        raise Refused(
            f"{target.indicator.id!r} redovisas inte uppdelat på kön",
            hint="Utelämna --gender, eller sätt by_gender: true på nyckeltalet i planen.",
            usage=True,
        )
