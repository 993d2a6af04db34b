"""Changes to a plan file that a verksamhetsutvecklare makes every month: assessments of
goals and the state of activities. Each returns a safe_write.Change that has been validated
with the rest of the repository's plans; nothing here writes."""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.files import read_bytes
from ..common.problems import Problem, Refused, Severity, suggest
from ..followup.words import ACTIVITY_WORDS
from ..plan.checks import Index, check_plans
from ..plan.load import Located, PlanFile, load_plan
from ..plan.vocabulary import ActivityStatus, Status
from ..plan.yaml_problems import decode
from ..plan.yaml_reader import value_at
from .safe_write import Change
from .yaml_splice import Document, EditError

# Statuses as people say them, in English (the plan's words) or Swedish.
GOAL_STATUSES: dict[str, Status] = {
    "achieved": Status.ACHIEVED,
    "uppnått": Status.ACHIEVED,
    "uppnatt": Status.ACHIEVED,
    "partial": Status.PARTIAL,
    "delvis": Status.PARTIAL,
    "delvis uppnått": Status.PARTIAL,
    "not_achieved": Status.NOT_ACHIEVED,
    "ej uppnått": Status.NOT_ACHIEVED,
    "ej_uppnått": Status.NOT_ACHIEVED,
    "inte uppnått": Status.NOT_ACHIEVED,
    "no_data": Status.NO_DATA,
    "ej mätbart": Status.NO_DATA,
}
ACTIVITY_STATUSES: dict[str, ActivityStatus] = {
    "planned": ActivityStatus.PLANNED,
    "planerad": ActivityStatus.PLANNED,
    "ongoing": ActivityStatus.ONGOING,
    "pågår": ActivityStatus.ONGOING,
    "pågående": ActivityStatus.ONGOING,
    "done": ActivityStatus.DONE,
    "klar": ActivityStatus.DONE,
    "genomförd": ActivityStatus.DONE,
    "cancelled": ActivityStatus.CANCELLED,
    "avbruten": ActivityStatus.CANCELLED,
    "inställd": ActivityStatus.CANCELLED,
    "delayed": ActivityStatus.DELAYED,
    "försenad": ActivityStatus.DELAYED,
}


def parse_status(text: str, allowed: dict[str, Any]) -> Any:
    found = allowed.get(text.strip().lower().replace("-", "_")) or allowed.get(text.strip().lower())
    if found is None:
        raise Refused(
            f"statusen {text!r} är inte tillåten",
            hint="Tillåtna: " + ", ".join(allowed) + ".",
            usage=True,
        )
    return found


@dataclass
class Found:
    plan_file: PlanFile
    path: tuple[str | int, ...]
    value: Any


def find(index: Index, ref: str, kind: str, word: str) -> Found:
    """A goal or activity by `id` or `plan-id/id`; unknown or ambiguous ids are refused."""
    plan_id, _, local = ref.rpartition("/")
    hits = [
        entry
        for (plan, entry_kind), table in index.entries.items()
        if entry_kind == kind and (not plan_id or plan == plan_id)
        for entry_id, entry in table.items()
        if entry_id == local
    ]
    if len(hits) == 1:
        return Found(hits[0].plan_file, hits[0].path, hits[0].value)
    if len(hits) > 1:
        names = ", ".join(f"{hit.plan_file.plan.id}/{local}" for hit in hits)
        raise Refused(
            f"{word} {ref!r} finns i flera planer", hint=f"Skriv ett av: {names}.", usage=True
        )
    known = [
        f"{plan}/{entry_id}" if plan_id else entry_id
        for (plan, entry_kind), table in index.entries.items()
        if entry_kind == kind
        for entry_id in table
    ]
    close = suggest(ref, known)
    raise Refused(
        f"{word} {ref!r} finns inte i planerna",
        hint=f"Menade du {close!r}?" if close else "Se id:n med `vp status --format csv`.",
        usage=True,
    )


def open_document(plan_file: Located) -> tuple[Path, bytes, Document]:
    """The file's bytes and its text as a document to edit, if it is still as read."""
    path = Path(plan_file.file)
    raw = read_bytes(path)
    if decode(raw) != plan_file.text:
        raise Refused(f"{plan_file.file} ändrades medan vp läste den", hint="Kör kommandot igen.")
    return path, raw, Document(plan_file.text)


def finish(
    plans: list[PlanFile], plan_file: PlanFile, path: Path, raw: bytes, document: Document
) -> Change:
    """The edited text as a change, after checking it with the rest of the plans."""
    return finish_all(plans, [(plan_file, path, raw, document)])[0]


Opened = tuple[PlanFile, Path, bytes, Document]


def finish_all(plans: list[PlanFile], opened: list[Opened]) -> list[Change]:
    """The edited texts as changes, after checking them together with the rest of the
    plans: a change is refused if it leaves any of its files with an error."""
    edited: dict[int, PlanFile] = {}
    problems: list[Problem] = []
    for plan_file, path, _, document in opened:
        loaded, found = load_plan(path, (document.text, document.data))
        problems.extend(found)
        if loaded is not None:
            edited[id(plan_file)] = loaded
    if len(edited) == len(opened):
        others = [edited.get(id(p), p) for p in plans]
        files = {plan_file.file for plan_file, *_ in opened}
        problems.extend(p for p in check_plans(others) if p.file in files)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        names = ", ".join(plan_file.file for plan_file, *_ in opened)
        raise Refused(f"ändringen skulle göra {names} ogiltig; ingenting har ändrats", errors)
    return [as_change(path, raw, document) for _, path, raw, document in opened]


def as_change(path: Path, raw: bytes, document: Document, done: list[str] | None = None) -> Change:
    """The edited text as the file's new bytes, keeping its byte-order mark if it had one."""
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    return Change(path, raw, bom + document.text.encode("utf-8"), done or [])


def edit(document: Document, action: Any, what: str = "planfilen") -> None:
    try:
        action()
    except EditError as error:
        raise Refused(f"kan inte ändra {what}: {error}; ingenting har ändrats") from None


def record_assessment(
    plans: list[PlanFile], found: Found, assessment: dict[str, Any]
) -> tuple[Change, dict[str, Any] | None, bool]:
    """Add the assessment to the goal. An earlier one for the same period stays, so that
    `--as-of` before this one's date still shows it; only one of the same day is replaced.

    Returns the change and the latest earlier assessment for the period, if any, and
    whether that one was replaced.
    """
    path, raw, document = open_document(found.plan_file)
    goal_path = found.path
    existing = value_at(document.data, (*goal_path, "assessments")) or []
    same = [
        i for i, old in enumerate(existing) if str(old.get("period")) == str(assessment["period"])
    ]
    earlier = existing[same[-1]] if same else None
    if earlier is not None and str(earlier.get("date")) == str(assessment.get("date")):
        item_path = (*goal_path, "assessments", same[-1])
        edit(document, lambda: document.replace_item(item_path, assessment))
        return finish(plans, found.plan_file, path, raw, document), earlier, True
    edit(document, lambda: document.append((*goal_path, "assessments"), assessment))
    return finish(plans, found.plan_file, path, raw, document), earlier, False


def change_plan(
    plans: list[PlanFile], plan_file: PlanFile, action: Callable[[Document], None]
) -> Change:
    """One plan file read, edited by `action` and checked with the rest: the change."""
    path, raw, document = open_document(plan_file)
    edit(document, lambda: action(document))
    return finish(plans, plan_file, path, raw, document)


def update_activity(plans: list[PlanFile], found: Found, update: dict[str, Any]) -> Change:
    """Add a dated follow-up to the activity's history; its earlier states stay."""
    return change_plan(plans, found.plan_file, lambda d: d.append((*found.path, "history"), update))


def assess(
    repository: Any,
    goal_ref: str,
    period: str,
    status_text: str,
    comment: str,
    reason: str | None,
    by: str | None,
    date: dt.date,
) -> Change:
    """`vp assess`: the validated change, with what it does in `done`."""
    from ..followup.attainment import Result
    from ..followup.words import STATUS

    wanted = parse_status(status_text, GOAL_STATUSES)
    found = find(repository.index, goal_ref, "goal", "målet")
    year = int(period[:4])
    if year not in found.value.years:
        years = ", ".join(map(str, found.value.years))
        raise Refused(
            f"målet {goal_ref!r} gäller {years}, inte {year}",
            hint="Välj ett av målets år.",
            usage=True,
        )
    computed = computed_status(repository, found, year)
    override = computed is not None and computed is not Result(wanted.value)
    if override and not reason:
        raise Refused(
            f"den beräknade statusen för {year} är {STATUS[computed][0]!r}; en bedömning "
            "som avviker kräver ett skäl",
            hint='Lägg till --reason "…" med skälet; rapporten visar båda.',
            usage=True,
        )
    entry = assessment_entry(period, wanted, comment, reason, by, date)
    change, previous, replaced = record_assessment(repository.plans, found, entry)
    word = STATUS[Result(wanted.value)][0]
    where = found.plan_file.file
    label = f"Bedömningen av {goal_ref} för {period} ({word}, {date.isoformat()})"
    if previous is None:
        change.done.append(f"{label} är tillagd i {where}.")
    else:
        old = GOAL_STATUSES.get(str(previous.get("status")))
        earlier = STATUS[Result(old.value)][0] if old else "utan status"
        dated = f" från {previous['date']}" if previous.get("date") else ""
        if replaced:
            change.done.append(f"{label} ersätter den från samma dag ({earlier}) i {where}.")
        else:
            change.done.append(
                f"{label} är tillagd i {where} och gäller från sitt datum; den tidigare"
                f"{dated} ({earlier}) står kvar och gäller för tiden före."
            )
    if override and computed is not None:
        change.done.append(f"Den avviker från den beräknade statusen ({STATUS[computed][0]}).")
    return change


def computed_status(repository: Any, found: Found, year: int) -> Any:
    """The status vp computes for a goal: None where a person's judgement is the status (a
    milestone, a goal whose measures are judged by assessment) or for a future year."""
    from ..followup.attainment import Result
    from ..plan.vocabulary import VerdictRule

    goal = found.value
    if goal.measures:
        if goal.verdict is not None and goal.verdict.rule is VerdictRule.ASSESSMENT:
            return None
    elif goal.target is None or goal.target.kind == "milestone" or goal.indicator is None:
        return None
    follow_up = repository.follow_up(found.plan_file, year, dt.date.today())
    evaluation = next(e for e in follow_up.evaluations if e.goal.id == goal.id)
    computed = evaluation.computed or evaluation.status
    return None if computed is Result.NOT_DUE else computed


def change_activity(
    repository: Any,
    activity_ref: str,
    status_text: str,
    comment: str | None,
    by: str | None,
    date: dt.date,
) -> Change:
    """`vp activity`: a dated follow-up added to the activity's history, validated."""
    status = parse_status(status_text, ACTIVITY_STATUSES)
    found = find(repository.index, activity_ref, "activity", "aktiviteten")
    before = found.value.status_on(date)
    update: dict[str, Any] = {"date": date, "status": status.value}
    if comment is not None:
        update["comment"] = comment
    if by:
        update["by"] = by
    change = update_activity(repository.plans, found, update)
    where = found.plan_file.file
    day = date.isoformat()
    if before is status:
        change.done.append(
            f"Aktiviteten {activity_ref} är fortfarande {ACTIVITY_WORDS[status]} ({day}); "
            f"uppföljningen är tillagd i {where}."
        )
    else:
        change.done.append(
            f"Aktiviteten {activity_ref}: {ACTIVITY_WORDS[before]} → {ACTIVITY_WORDS[status]} "
            f"från {day}, i {where}. Den tidigare statusen står kvar för tiden före."
        )
    return change


def assessment_entry(
    period: str,
    status: Status,
    comment: str,
    reason: str | None,
    by: str | None,
    date: dt.date,
) -> dict[str, Any]:
    """An assessment as it is written in the plan, in the order a reader expects."""
    entry: dict[str, Any] = {"period": int(period) if period.isdigit() else period}
    entry["status"] = status.value
    entry["comment"] = comment
    if reason:
        entry["reason"] = reason
    if by:
        entry["by"] = by
    entry["date"] = date
    return entry
