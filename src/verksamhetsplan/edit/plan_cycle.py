"""A plan's yearly cycle: the revision recorded in the plan, and next period's plan written
from this one (`vp plan revise`, `vp plan next`)."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path
from typing import Any

from ..common.problems import Refused, Severity
from ..plan.checks import check_plans
from ..plan.load import load_plan
from ..plan.model import iter_areas
from ..plan.vocabulary import ActivityStatus
from ..plan.yaml_reader import parse
from .authoring import choose_plan
from .plans import change_plan
from .safe_write import Change
from .yaml_splice import render

LEFT_BEHIND = ("adopted", "revisions", "sections", "meta")
DONE = (ActivityStatus.DONE, ActivityStatus.CANCELLED)


def revise(
    repository: Any,
    plan_id: str | None,
    day: dt.date,
    note: str,
    reference: str | None,
    by: str | None,
) -> Change:
    """`vp plan revise`: a dated revision with what changed and the decision's reference."""
    plan_file = choose_plan(repository, plan_id)
    entry: dict[str, Any] = {"date": day, "note": note}
    if reference:
        entry["reference"] = reference
    if by:
        entry["by"] = by
    change = change_plan(repository.plans, plan_file, lambda d: d.append(("revisions",), entry))
    ref = f" ({reference})" if reference else ""
    change.done.append(
        f"Revideringen {day.isoformat()}{ref} är inskriven i {plan_file.file}; `vp diff` och "
        "rapporten visar den."
    )
    return change


def _shift_text(text: str, start: int, span: int) -> str:
    """Years of the old period in a text moved on by the plan's length (2018 → 2020)."""
    return re.sub(
        r"(?<!\d)(\d{4})(?!\d)",
        lambda m: str(int(m[1]) + span) if start <= int(m[1]) < start + span else m[1],
        text,
    )


def _next_of(plan_id: str, start: int, span: int, known: set[str]) -> str:
    """The id of a plan's successor if the repository has it (kf-2018-2019 → kf-2020-2021)."""
    moved = _shift_text(plan_id, start, span)
    return moved if moved in known else plan_id


def _ref(ref: str, start: int, span: int, known: set[str]) -> str:
    plan, slash, local = ref.rpartition("/")
    return f"{_next_of(plan, start, span, known)}/{local}" if slash else ref


def _baseline(old: dict[str, Any] | None, goal_year: int, span: int, plan_id: str) -> Any:
    """The baseline chained to the outcomes before the new goal's year: a period moves on
    with the plan, a given value becomes the outcome of the old goal's own year."""
    if old is None:
        return None
    if old.get("previous_year"):
        return {"previous_year": True, "note": f"Föregående års utfall, som i {plan_id}."}
    if "period" in old:
        period = str(old["period"])
        moved = str(int(period[:4]) + span) + period[4:]
        value: Any = int(moved) if moved.isdigit() else moved
        return {"period": value, "note": f"Utfallet {moved}, kedjat från {plan_id}."}
    return {"period": goal_year, "note": f"Utfallet {goal_year}, kedjat från {plan_id}."}


def _goal(
    goal: dict[str, Any], start: int, span: int, plan_id: str, known: set[str]
) -> dict[str, Any]:
    years = goal["year"] if isinstance(goal["year"], list) else [goal["year"]]
    new = {key: value for key, value in goal.items() if key != "assessments"}
    new["id"] = _shift_text(goal["id"], start, span)
    new["year"] = [y + span for y in years] if isinstance(goal["year"], list) else years[0] + span
    if goal.get("baseline"):
        new["baseline"] = _baseline(goal["baseline"], years[0], span, plan_id)
    for measure in new.get("measures") or []:
        if measure.get("baseline"):
            measure["baseline"] = _baseline(measure["baseline"], years[0], span, plan_id)
    if goal.get("serves"):
        new["serves"] = [_ref(r, start, span, known) for r in goal["serves"]]
    return new


def _recurring(goal: dict[str, Any]) -> bool:
    """A goal measured by key figures recurs; a milestone is reached once and stays behind."""
    parts = goal.get("measures") or [goal]
    return all(part.get("indicator") for part in parts)


def _areas(areas: list[Any], start: int, span: int, known: set[str]) -> list[Any]:
    for area in areas:
        if area.get("serves"):
            area["serves"] = [_ref(r, start, span, known) for r in area["serves"]]
        _areas(area.get("areas") or [], start, span, known)
    return areas


def next_plan(repository: Any, plan_id: str | None, today: dt.date, all_goals: bool) -> Change:
    """`vp plan next`: the next period's plan as a new file beside this one."""
    plan_file = choose_plan(repository, plan_id)
    plan = plan_file.plan
    start, span = plan.period.start, plan.period.end - plan.period.start + 1
    data, _ = parse(plan_file.text, record=False)
    known = {p.plan.id for p in repository.plans}
    new_id = _shift_text(plan.id, start, span)
    if new_id == plan.id:
        new_id = f"{plan.id}-{start + span}-{plan.period.end + span}"
    if new_id in known:
        raise Refused(
            f"planen {new_id} finns redan", hint="Den nya planen är redan skriven.", usage=True
        )
    old_path = Path(plan_file.file)
    new_path = old_path.with_name(_shift_text(old_path.stem, start, span) + old_path.suffix)
    if new_path == old_path:
        new_path = old_path.with_name(f"{new_id}{old_path.suffix}")
    if new_path.exists():
        raise Refused(f"{new_path} finns redan; vp skriver inte över den", usage=True)

    new: dict[str, Any] = {}
    for key, value in data.items():
        if key not in LEFT_BEHIND:
            new[key] = value
        if key == "period":
            new["revisions"] = []
    new["id"] = new_id
    new["title"] = _shift_text(str(data.get("title", "")), start, span)
    new["period"] = {"start": start + span, "end": plan.period.end + span}
    follow_up = new.get("follow_up") or {}
    if "baseline_period" in follow_up:
        # The appendix's "nuläge" is the last year of the old plan.
        follow_up["baseline_period"] = plan.period.end
    new["areas"] = _areas(new.get("areas") or [], start, span, known)
    carried, left, goal_ids = [], [], {}
    for goal in data.get("goals") or []:
        if all_goals or _recurring(goal):
            carried.append(_goal(goal, start, span, plan.id, known))
            goal_ids[goal["id"]] = carried[-1]["id"]
        else:
            left.append(goal["id"])
    new["goals"] = carried
    activities, done = _activities(data, plan, today, span, goal_ids)
    new["activities"] = activities

    about = (
        f"{new['title']}: utkast skrivet av `vp plan next` den {today.isoformat()} från "
        f"{plan_file.file}. Områden, nyckeltal och återkommande mål följer med; målens "
        "basvärden är kedjade till föregående periods utfall. Bedömningar och aktiviteternas "
        "historik stannar i den gamla planen. Skriv in beslutet under adopted: när planen antas."
    )
    header = "# yaml-language-server: $schema=../../schema/plan.schema.json\n#\n" + "".join(
        f"# {line}\n" for line in textwrap.wrap(about, 86)
    )
    text = header + render(new, 2, width=90)
    checked, problems = load_plan(new_path, (text, parse(text, record=False)[0]))
    if checked is not None:
        problems = [p for p in check_plans([*repository.plans, checked]) if p.file == checked.file]
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise Refused(
            f"den nya planen {new_id} skulle inte vara giltig; ingenting har skrivits", errors
        )
    change = Change(new_path, None, text.encode("utf-8"))
    counts = [
        (len(plan.council_goals), "KF-mål"),
        (sum(1 for _ in iter_areas(plan.areas)), "områden"),
        (len(plan.indicators), "nyckeltal"),
        (len(carried), "mål"),
        (len(activities), "aktiviteter"),
    ]
    parts = [f"{count} {word}" for count, word in counts if count]
    listed = ", ".join(parts[:-1]) + " och " + parts[-1] if len(parts) > 1 else "".join(parts)
    change.done.append(
        f"Planen {new_id} ({start + span}–{plan.period.end + span}) är skriven till {new_path}"
        + (f": {listed}." if listed else ".")
    )
    if left:
        change.done.append(
            f"Milstolpsmål som inte följer med ({len(left)}; --all-goals tar med dem): "
            + ", ".join(left)
            + "."
        )
    if done:
        change.done.append(
            "Genomförda eller avbrutna aktiviteter som stannar: " + ", ".join(done) + "."
        )
    ends = {p.plan.id: p.plan.period.end for p in repository.plans}
    older = sorted(
        {ref.rpartition("/")[0] for ref in _all_refs(new)}
        & {plan_id for plan_id, end in ends.items() if end < start + span}
    )
    if older:
        change.done.append(
            "Den nya planen hänvisar fortfarande till " + ", ".join(older) + "; skriv den "
            "planens nästa period först (vp plan next), så pekar hänvisningarna dit."
        )
    if "sections" in data:
        change.done.append(
            f"Planens textavsnitt ({len(data['sections'])}) följer inte med; skriv dem för "
            "den nya perioden."
        )
    return change


def _activities(
    data: dict[str, Any], plan: Any, today: dt.date, span: int, goal_ids: dict[str, str]
) -> tuple[list[dict[str, Any]], list[str]]:
    """The activities still to do, without their history, naming the carried goals by
    their new ids; and the ids of those done or cancelled, which stay behind."""
    activities, done = [], []
    for activity, model in zip(data.get("activities") or [], plan.activities, strict=True):
        if model.status_on(today) in DONE:
            done.append(activity["id"])
            continue
        kept = {k: v for k, v in activity.items() if k not in ("history", "status", "start", "end")}
        if "year" in kept:
            kept["year"] = kept["year"] + span
        goals = []
        for ref in activity.get("goals") or []:
            other, _, local = ref.rpartition("/")
            if other and other != plan.id:
                goals.append(ref)  # another plan's goal: that plan carries it on, or not
            elif local in goal_ids:
                goals.append(goal_ids[local])
        kept.pop("goals", None)
        if goals:
            kept["goals"] = goals
        activities.append(kept)
    return activities, done


def _all_refs(plan: dict[str, Any]) -> list[str]:
    """Every `serves` reference into another plan, in areas (nested) and goals."""
    found: list[str] = []
    stack = [*(plan.get("areas") or []), *(plan.get("goals") or [])]
    while stack:
        item = stack.pop()
        found.extend(r for r in item.get("serves") or [] if "/" in r)
        stack.extend(item.get("areas") or [])
    return found
