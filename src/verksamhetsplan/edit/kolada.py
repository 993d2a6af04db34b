"""`vp data import`: values from Kolada (API answers, CSV exports) and Excel workbooks, read
by `sources/`, written into the data files of the indicators that carry the Kolada KPI id (or
vp's own ids), through the same session as `vp data add`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.files import display_path
from ..common.problems import Refused
from ..common.swedish import number
from ..data import format as datafmt
from ..plan.model import Indicator
from ..plan.vocabulary import Frequency
from ..sources.kolada_api import Compared
from ..sources.kolada_file import KoladaValue, read_kolada
from .csv_file import upsert
from .data import Session
from .data_targets import Target, indicator_targets
from .safe_write import Change


@dataclass
class ImportReport:
    changes: list[Change]
    counts: Counter[str]
    skipped: Counter[str]
    source: str = "Kolada"  # where the values came from, as the summary names it


def import_kolada(
    repository: Any,
    sources: list[Path],
    municipality: str | None,
    file: Path | None,
    sheet: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """`vp data import`: Kolada's values mapped to the indicators with that KPI id, and a
    workbook's values for vp's own indicators by their ids; `progress` hears how far the
    writing has come."""
    from ..sources.workbook import OwnValue, read_workbook

    values: list[KoladaValue] = []
    own: list[OwnValue] = []
    for source in sources:
        if source.suffix.lower() in (".xlsx", ".xlsm"):
            found = read_workbook(source, sheet)
            if found and isinstance(found[0], OwnValue):
                own.extend(v for v in found if isinstance(v, OwnValue))
            else:
                values.extend(v for v in found if isinstance(v, KoladaValue))
        else:
            values.extend(read_kolada(source))
    origin = ", ".join(display_path(source) for source in sources)
    session = Session(repository, file, progress=progress)
    report = import_values(repository, values, municipality, file, origin, session)
    if own:
        from .data import put_values

        report.counts.update(put_values(session, own))
        if not values:
            report.source = "Arbetsboken"  # vp's own indicators, not Kolada's
    report.changes = session.changes()
    return report


def kolada_ids(repository: Any) -> dict[str | None, str]:
    """The municipality id each organisation's plans declare (kolada_id), by organisation."""
    from ..data.layout import organisation

    found: dict[str | None, str] = {}
    for plan_file in repository.plans:
        if plan_file.plan.kolada_id:
            found[organisation(Path(plan_file.file), "plans")] = plan_file.plan.kolada_id
    return found


def import_values(
    repository: Any,
    values: list[KoladaValue],
    municipality: str | None,
    file: Path | None,
    origin: str,
    session: Session | None = None,
) -> ImportReport:
    """Kolada's values written into the data of the organisation they belong to: only the
    municipality's own (a group's average or an organisational unit's value is no value of
    the municipality), and only where the plans' kolada_id (or --kommun) says so."""
    skipped: Counter[str] = Counter()
    own = []
    for item in values:
        if item.group:
            skipped[
                f"{item.kpi}: jämförelsegruppens värde ({item.municipality}), inte kommunens"
            ] += 1
        elif item.ou:
            skipped[f"{item.kpi}: en organisatorisk enhets värde, inte kommunens"] += 1
        else:
            own.append(item)
    ids = kolada_ids(repository)
    if municipality is not None or not ids:
        own = _for_municipality(own, municipality, origin)
    own = _without_duplicates(own, skipped)
    by_kpi: dict[str, list[Target]] = {}
    for defined in indicator_targets(repository).values():
        for target in defined:
            source_ = target.indicator.source
            if source_ is not None and source_.kolada:
                by_kpi.setdefault(source_.kolada, []).append(target)
    values = own
    finish = session is None
    session = session or Session(repository, file)
    counts: Counter[str] = Counter()
    # Whether a value may be written depends on these, not on which value it is: a few kinds.
    reasons: dict[tuple[Frequency, bool, str, str], str | None] = {}
    for done, item in enumerate(values, start=1):
        session.tick(done, len(values))
        targets = by_kpi.get(item.kpi)
        if not targets:
            skipped[f"{item.kpi}: inget nyckeltal i planerna har detta Kolada-id"] += 1
            continue
        for target in targets:
            declared = ids.get(target.org)
            if declared is not None and item.kommun != declared:
                skipped[f"{item.kpi}: värden för andra kommuner än {declared}"] += 1
                continue
            if declared is None and ids:
                # Another organisation says which municipality it is; this one does not, so
                # whose values these are cannot be told: none of them is written here.
                skipped[
                    f"{item.kpi} → {target.indicator.id}: organisationen {target.org} anger inget "
                    "kolada_id i sina planer"
                ] += 1
                continue
            indicator = target.indicator
            kind = (indicator.frequency, indicator.by_gender, item.period, item.gender)
            if item.value is None:
                why = _skip_reason(item, target.indicator)
            elif kind in reasons:
                why = reasons[kind]
            else:
                why = reasons[kind] = _skip_reason(item, target.indicator)
            if why:
                skipped[f"{item.kpi} → {target.indicator.id}: {why}"] += 1
                continue
            assert item.value is not None
            data = session.file_for(target, item.period, item.gender, "kolada.csv")
            if item.gender != "T" and data.column("gender") is None:
                skipped[f"{display_path(data.path)} har ingen kolumn för kön"] += 1
                continue
            result = upsert(
                data,
                target.indicator.id,
                item.period,
                item.gender,
                item.value,
                f"Kolada {item.kpi}",
            )
            counts[result.what] += 1
            if result.what != "unchanged":
                session.note_row(data, _said(target.indicator.id, item, result), result.row)
    return ImportReport(session.changes() if finish else [], counts, skipped)


def _said(ident: str, item: KoladaValue, result: Any) -> Callable[[], str]:
    """The line that says what a value did, made only if it is shown."""

    def line() -> str:
        label = f"{ident} {item.period} {item.gender}"
        shown = number(item.value or 0.0, 6)
        if result.what == "added":
            return f"  + {label} = {shown}"
        return f"  ~ {label}: {result.previous} → {shown}"

    return line


def _without_duplicates(values: list[KoladaValue], skipped: Counter[str]) -> list[KoladaValue]:
    """The same KPI, municipality, year and gender twice in one answer: neither is written,
    and both places are named (which one Kolada meant cannot be told)."""
    first: dict[tuple[str, str, str, str], KoladaValue] = {}
    twice: set[tuple[str, str, str, str]] = set()
    for item in values:
        key = (item.kpi, item.kommun, item.period, item.gender)
        if key in first:
            twice.add(key)
            skipped[
                f"{item.kpi} {item.period} {item.gender}: står två gånger ({first[key].where} och "
                f"{item.where})"
            ] += 1
        else:
            first[key] = item
    return [v for v in values if (v.kpi, v.kommun, v.period, v.gender) not in twice]


def _for_municipality(
    values: list[KoladaValue], wanted: str | None, file: str
) -> list[KoladaValue]:
    present = sorted({v.municipality_label for v in values})
    if wanted is not None:
        chosen = [v for v in values if v.is_municipality(wanted)]
        if not chosen:
            raise Refused(
                f"{file} har inga värden för kommunen {wanted!r}",
                hint="Kommunerna i filen: " + (", ".join(present) or "inga") + ".",
                usage=True,
            )
        return chosen
    if len(present) > 1:
        raise Refused(
            f"{file} har värden för flera kommuner",
            hint="Välj en med --kommun: " + ", ".join(present) + ".",
            usage=True,
        )
    return values


def _skip_reason(item: KoladaValue, indicator: Indicator) -> str | None:
    if item.value is None:
        return "värde saknas i Kolada" + (f" ({item.status})" if item.status else "")
    if indicator.frequency is not Frequency.YEAR and not datafmt.period_fits(
        item.period, indicator.frequency
    ):
        return (
            "Kolada redovisar per år, nyckeltalet per "
            + datafmt.FREQUENCY_WORDS[indicator.frequency]
        )
    if not datafmt.period_fits(item.period, indicator.frequency):
        return f"perioden {item.period!r} är inget år"
    if item.gender not in ("K", "M", "T"):
        return f"okänt kön {item.gender!r}"
    if item.gender != "T" and not indicator.by_gender:
        return "uppdelat på kön, men nyckeltalet redovisas inte per kön"
    return None


def comparison_changes(root: Path, org: str | None, compared: Compared) -> list[Change]:
    """`vp data fetch --compare`: every municipality's values and the comparison groups'
    members in comparisons/<organisation>/ beside the data, for status and reports."""
    from ..followup.comparison import comparison_path, groups_path

    lines = ["kpi,kommun,period,gender,value"] + [
        f"{k},{m},{p},{g},{v!r}" for k, m, p, g, v in sorted(compared.rows)
    ]
    member_lines = ["group,kommun"] + [f"{g},{m}" for g, m in sorted(compared.members)]
    changes = []
    for path, text, what in (
        (
            comparison_path(root, org),
            "\n".join(lines) + "\n",
            f"{len(compared.rows)} jämförelsevärden",
        ),
        (
            groups_path(root, org),
            "\n".join(member_lines) + "\n",
            f"{len(compared.members)} gruppmedlemmar",
        ),
    ):
        before = path.read_bytes() if path.is_file() else None
        changes.append(Change(path, before, text.encode("utf-8"), [f"Skrev {what} i {path}"]))
    return changes
