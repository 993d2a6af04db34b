"""Recording the internkontroll follow-up by command: a control's result for a period (with
the actions a deviation leads to), and an action's later status. The YAML is spliced like
every other edit, checked as `vp validate` checks it, and written through the safe path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..common.problems import Refused, Severity, suggest
from ..plan.control import (
    ControlFile,
    check_control_plans,
    control_paths,
    load_control_plan,
    load_control_plans,
)
from .plans import as_change, edit, open_document, parse_status
from .safe_write import Change
from .yaml_splice import Document

OUTCOMES = {
    "no_remark": "no_remark",
    "utan anmärkning": "no_remark",
    "utan-anmärkning": "no_remark",
    "ok": "no_remark",
    "deviation": "deviation",
    "avvikelse": "deviation",
}


def _find_control(files: list[ControlFile], ref: str) -> tuple[ControlFile, Any]:
    plan_id, _, control_id = ref.rpartition("/")
    found = [
        (f, c)
        for f in files
        for c in f.plan.controls
        if c.id == control_id and plan_id in ("", f.plan.id)
    ]
    if len(found) == 1:
        return found[0]
    if found:
        names = ", ".join(f"{f.plan.id}/{control_id}" for f, _ in found)
        raise Refused(
            f"kontrollen {control_id!r} finns i flera internkontrollplaner",
            hint=f"Ange vilken: {names}.",
            usage=True,
        )
    every = [c.id for f in files for c in f.plan.controls]
    close = suggest(control_id, every)
    raise Refused(
        f"kontrollen {ref!r} finns inte i internkontrollplanerna",
        hint=f"Menade du {close!r}?" if close else "Se kontrollerna med `vp control status`.",
        usage=True,
    )


def _opened(root: Path) -> list[ControlFile]:
    files, problems = load_control_plans(control_paths(root))
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise Refused("internkontrollplanerna har fel; rätta dem först", errors)
    if not files:
        raise Refused(
            "planförrådet har ingen internkontrollplan",
            hint="Lägg den i internal-control/<organisation>/<namn>.yaml.",
            usage=True,
        )
    return files


def _finish(
    control_file: ControlFile,
    opened: tuple[Path, bytes, Document],
    plan_years: dict[str, range],
    today: dt.date,
    done: str,
) -> Change:
    """The edited file as a change, after checking it as vp validate checks it."""
    path, raw, document = opened
    loaded, problems = load_control_plan(path, (document.text, document.data))
    if loaded is not None:
        problems += check_control_plans([loaded], plan_years, today)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise Refused(
            f"ändringen skulle göra {control_file.file} ogiltig; ingenting har ändrats", errors
        )
    return as_change(path, raw, document, [done])


def _edit(document: Document, action: Any) -> None:
    edit(document, action, "internkontrollplanen")


def record_result(
    repository: Any,
    control_ref: str,
    period: str,
    outcome_text: str,
    comment: str | None,
    by: str,
    day: dt.date,
    actions: list[dict[str, Any]],
    today: dt.date,
) -> Change:
    """The control's result for the period; one recorded before for the period is replaced
    (a result is a fact of the period, corrected rather than repeated)."""
    outcome = parse_status(outcome_text, OUTCOMES)
    if outcome == "no_remark" and actions:
        raise Refused(
            "en kontroll utan anmärkning har inga åtgärder",
            hint="Ange --outcome avvikelse.",
            usage=True,
        )
    control_file, control = _find_control(_opened(repository.root), control_ref)
    entry: dict[str, Any] = {
        "control": control.id,
        "period": period,
        "date": day,
        "by": by,
        "outcome": outcome,
    }
    if comment:
        entry["comment"] = comment
    if actions:
        entry["actions"] = actions
    path, raw, document = open_document(control_file)
    existing = document.data.get("results") or []
    same = [
        i
        for i, r in enumerate(existing)
        if r.get("control") == control.id and str(r.get("period")) == period
    ]
    if same:
        _edit(document, lambda: document.replace_item(("results", same[0]), entry))
        done = f"Ändrade resultatet för {control.id} {period} i {control_file.file}"
    else:
        _edit(document, lambda: document.append(("results",), entry))
        done = f"Skrev resultatet för {control.id} {period} i {control_file.file}"
    opened = (path, raw, document)
    return _finish(control_file, opened, _plan_years(repository), today, done)


def update_action(
    repository: Any,
    action_id: str,
    status_text: str,
    comment: str | None,
    day: dt.date,
    today: dt.date,
) -> Change:
    """An action's status (and comment) from a day; it is found by its id in any plan."""
    from ..plan.vocabulary import ActivityStatus
    from .plans import ACTIVITY_STATUSES

    status = parse_status(status_text, ACTIVITY_STATUSES)
    found = []
    for control_file in _opened(repository.root):
        plan = control_file.plan
        for i, risk in enumerate(plan.risks):
            found += [
                (control_file, ("risks", i, "actions", j))
                for j, a in enumerate(risk.actions)
                if a.id == action_id
            ]
        for i, result in enumerate(plan.results):
            found += [
                (control_file, ("results", i, "actions", j))
                for j, a in enumerate(result.actions)
                if a.id == action_id
            ]
    if len(found) != 1:
        message = "finns inte" if not found else "finns på flera ställen"
        raise Refused(
            f"åtgärden {action_id!r} {message}", hint="Åtgärder följs upp med sitt id:.", usage=True
        )
    control_file, where = found[0]
    file, raw, document = open_document(control_file)
    _edit(document, lambda: document.set((*where, "status"), ActivityStatus(status).value))
    document = Document(document.text)
    _edit(document, lambda: document.set((*where, "date"), day))
    if comment:
        document = Document(document.text)
        _edit(document, lambda: document.set((*where, "comment"), comment))
    done = f"Åtgärden {action_id}: {status} från {day.isoformat()} i {control_file.file}"
    opened = (file, raw, document)
    return _finish(control_file, opened, _plan_years(repository), today, done)


def _plan_years(repository: Any) -> dict[str, range]:
    return {p.plan.id: p.plan.period.years for p in repository.plans}
