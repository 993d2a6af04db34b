"""vp for analysts: a plan repository's follow-up and data as pandas DataFrames.

    >>> from verksamhetsplan import api
    >>> goals = api.status("planer", year=2018)           # a row per goal and measure
    >>> goals[goals.status == "partial"][["goal", "outcome", "target"]]
    >>> values = api.indicator_data("planer")             # every value, with file and line

The repository is validated first, as by `vp validate`; with errors in it, RepositoryError
carries the problems (Swedish messages with file, line and column) and nothing is
computed. The columns are the fields of `vp status --format json` (docs/manual/kommandon.md).
pandas is an extra: pip install "verksamhetsplan[api]".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any


class RepositoryError(Exception):
    """The repository has errors (see `problems`), so nothing could be computed."""

    def __init__(self, text: str, problems: list[Any]) -> None:
        super().__init__(text)
        self.problems = problems


def _pandas() -> Any:
    """pandas, which only this module uses: an extra, so the CLI installs without it."""
    try:
        import pandas
    except ImportError:
        raise ImportError(
            'verksamhetsplan.api behöver pandas: pip install "verksamhetsplan[api]"'
        ) from None
    return pandas


def _open(root: Path) -> Any:
    from .followup.repository import open_repository
    from .output.terminal.problems import to_text

    repository, result = open_repository(root)
    if repository is None:
        raise RepositoryError(to_text(result), result.errors)
    return repository


def status(
    root: str | Path = ".",
    year: int | None = None,
    period: str | None = None,
    plan: str | None = None,
    as_of: dt.date | None = None,
) -> Any:
    """Every goal (and each of its measures, with `measure` set) as a DataFrame row."""
    pd = _pandas()

    from .followup.select import status_plans
    from .output.export.status import goal_record

    repository = _open(Path(root))
    when = as_of or dt.date.today()
    chosen = int(period[:4]) if period else year
    rows = []
    for plan_file in status_plans(repository, plan, chosen):
        follow_up = repository.follow_up(plan_file, chosen, when, period)
        for evaluation in follow_up.evaluations:
            record = goal_record(plan_file.plan.id, evaluation)
            measures = record.pop("measures")
            rows.append(record)
            rows.extend(measures)
    return pd.DataFrame(rows)


def indicator_data(root: str | Path = ".", plan: str | None = None) -> Any:
    """Every indicator value of the repository (or of one plan's organisation): indicator,
    gender, period, value, why a value is missing, and the file and line it stands on."""
    pd = _pandas()

    repository = _open(Path(root))
    rows = []
    for plan_file in repository.plans:
        if plan is not None and plan_file.plan.id != plan:
            continue
        lookup = repository.lookup_for(plan_file, None)  # every year
        for indicator in plan_file.plan.indicators:
            for gender in ("T", "K", "M"):
                for o in lookup(indicator.id, gender):
                    rows.append(
                        {
                            "plan": plan_file.plan.id,
                            "indicator": indicator.id,
                            "gender": gender,
                            "period": o.period,
                            "value": o.value,
                            "missing": o.missing,
                            "file": o.file,
                            "line": o.line,
                        }
                    )
    columns = ["plan", "indicator", "gender", "period", "value", "missing", "file", "line"]
    return pd.DataFrame(rows, columns=columns)
