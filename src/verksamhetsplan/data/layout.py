"""Where a repository keeps things: plans/<organisation>/ and indicators-data/<organisation>/,
and which indicators a data file may name."""

from __future__ import annotations

from pathlib import Path

from ..plan.load import PlanFile
from ..plan.model import Indicator

DEFAULT_PLANS = Path("plans")
DEFAULT_DATA = Path("indicators-data")
DEFAULT_ANALYSES = Path("analyses")
DEFAULT_CONTROL = Path("internal-control")
DEFAULT_ECONOMY = Path("economy-data")


def default_paths(root: Path) -> list[Path]:
    """What `vp validate` checks when given no path: the plans, and their data and the
    administration's analyses, the internkontrollplaner and the economy if any."""
    return [root / DEFAULT_PLANS] + [
        root / p
        for p in (DEFAULT_DATA, DEFAULT_ANALYSES, DEFAULT_CONTROL, DEFAULT_ECONOMY)
        if (root / p).is_dir()
    ]


def organisation(path: Path, folder: str) -> str | None:
    """The organisation a file belongs to: the folder right under plans/ or indicators-data/."""
    parts = path.absolute().parts
    for index, part in enumerate(parts[:-1]):
        if part == folder and index + 2 < len(parts):
            return parts[index + 1]
    return None


def indicator_tables(plans: list[PlanFile]) -> dict[str | None, dict[str, Indicator]]:
    """The indicators data rows may name, per organisation (None: every plan's).

    Several plans may define the same indicator (one series followed across plan
    periods); the first definition wins.
    """
    tables: dict[str | None, dict[str, Indicator]] = {None: {}}
    for plan_file in plans:
        org = organisation(Path(plan_file.file), "plans")
        for indicator in plan_file.plan.indicators:
            tables[None].setdefault(indicator.id, indicator)
            if org is not None:
                tables.setdefault(org, {}).setdefault(indicator.id, indicator)
    return tables


def indicators_for(
    data_file: Path, tables: dict[str | None, dict[str, Indicator]]
) -> dict[str, Indicator]:
    """A data file's indicators: its organisation's plans', or every plan's without one."""
    org = organisation(data_file, "indicators-data")
    return tables.get(org) or tables[None]
