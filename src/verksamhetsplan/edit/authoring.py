"""Plan content by command: goals, measures, indicators, activities and areas added or
changed in the plan file, through the same splice and validation as `vp assess`. Each
function returns the validated change; nothing here writes."""

from __future__ import annotations

from typing import Any

from ..common.problems import Refused, suggest
from ..plan.load import PlanFile
from ..plan.yaml_reader import value_at
from .ids import new_id
from .plans import change_plan, find
from .safe_write import Change
from .yaml_splice import Document

# The order in which a person reads a goal, an indicator, an activity and an area.
GOAL_KEYS = (
    "id", "area", "year", "text", "short", "indicator", "gender", "target", "baseline",
    "measures", "verdict", "method", "responsible", "serves",
)  # fmt: skip
INDICATOR_KEYS = (
    "id", "title", "area", "key_figure", "description", "unit", "frequency", "combine",
    "better", "by_gender", "forecast", "source",
)  # fmt: skip
ACTIVITY_KEYS = ("id", "area", "text", "goals", "responsible", "year", "start", "end")
AREA_KEYS = ("id", "number", "title", "text", "serves")
MEASURE_KEYS = ("id", "text", "indicator", "gender", "target", "baseline", "responsible")
REMOVE = object()  # an edit's value that takes the key out
OWN_TARGET = ("indicator", "gender", "target", "baseline")  # a goal's single measure


def ordered(fields: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """The given fields in reading order, leaving out those not given."""
    return {key: fields[key] for key in keys if fields.get(key) not in (None, [], "")}


def choose_plan(repository: Any, plan_id: str | None, area: str | None = None) -> PlanFile:
    """The plan named by --plan; without it, the one plan with the area, or the only plan."""
    plans: list[PlanFile] = repository.plans
    if plan_id:
        if plan_id in repository.index.plans:
            named: PlanFile = repository.index.plans[plan_id]
            return named
        close = suggest(plan_id, [p.plan.id for p in plans])
        raise Refused(
            f"planen {plan_id!r} finns inte",
            hint=f"Menade du {close!r}?" if close else "Se planernas id med `vp status`.",
            usage=True,
        )
    if area:
        having = [p for p in plans if area in repository.index.entries.get((p.plan.id, "area"), {})]
        if len(having) == 1:
            return having[0]
    if len(plans) == 1:
        return plans[0]
    names = ", ".join(p.plan.id for p in plans)
    raise Refused("ange vilken plan med --plan", hint=f"Planerna: {names}.", usage=True)


def _taken(repository: Any, plan_file: PlanFile, kind: str) -> set[str]:
    return set(repository.index.entries.get((plan_file.plan.id, kind), {}))


def _measure_ids(measures: list[dict[str, Any]], taken: set[str]) -> list[dict[str, Any]]:
    """Measures in plan order with an id each: the indicator's, or one made from the text."""
    done = []
    for measure in measures:
        ident = measure.get("id") or new_id(None, measure.get("text") or "matt", taken, "ett mått")
        if ident in taken:
            raise Refused(
                f"målet har redan ett mått {ident!r}",
                hint="Två mått med samma nyckeltal behöver egna id; lägg till det andra med "
                "`vp measure add … --id`.",
                usage=True,
            )
        taken.add(ident)
        done.append(ordered({**measure, "id": ident}, MEASURE_KEYS))
    return done


def add_goal(repository: Any, plan_id: str | None, fields: dict[str, Any]) -> Change:
    """`vp goal add`: a new goal at the end of the plan's goals."""
    plan_file = choose_plan(repository, plan_id, fields.get("area"))
    years = fields["year"] if isinstance(fields["year"], list) else [fields["year"]]
    ident = new_id(
        fields.get("id"),
        fields.get("short") or fields["text"],
        _taken(repository, plan_file, "goal"),
        "ett mål",
        suffix=str(years[0]) if len(years) == 1 else "",
    )
    goal = ordered({**fields, "id": ident}, GOAL_KEYS)
    if fields.get("measures"):
        goal["measures"] = _measure_ids(fields["measures"], set())
    change = change_plan(repository.plans, plan_file, lambda d: d.append(("goals",), goal))
    parts = f" med {len(goal['measures'])} mått" if "measures" in goal else ""
    change.done.append(f"Målet {ident} är tillagt{parts} i {plan_file.file}.")
    return change


def edit_item(repository: Any, ref: str, kind: str, changes: dict[str, Any]) -> Change:
    """`vp goal edit`, `vp indicator edit`: the given fields set, the rest untouched."""
    word = {"goal": "målet", "indicator": "nyckeltalet"}[kind]
    if not changes:
        raise Refused("inget att ändra", hint="Ange minst ett fält, t.ex. --text.", usage=True)
    found = find(repository.index, ref, kind, word)

    def action(document: Document) -> None:
        for key, value in changes.items():
            path = (*found.path, key)
            current = value_at(document.data, path)
            if value is REMOVE:
                if current is not None:
                    document.remove(path)
            elif key == "source" and isinstance(current, dict):
                # --kolada or --system changes its part of the source; the rest stays.
                document.set(path, {**current, **value})
            else:
                document.set(path, value)

    change = change_plan(repository.plans, found.plan_file, action)
    names = ", ".join(changes)
    change.done.append(
        f"{word.capitalize()} {found.value.id}: {names} ändrat i {found.plan_file.file}."
    )
    return change


def add_measure(repository: Any, goal_ref: str, measure: dict[str, Any]) -> Change:
    """`vp measure add`: a measure under a goal. A goal with a target of its own gets that
    target as its first measure, since a goal has either a target or measures."""
    found = find(repository.index, goal_ref, "goal", "målet")
    goal = found.value
    done: list[str] = []

    def action(document: Document) -> None:
        data = value_at(document.data, found.path)
        if data.get("measures"):
            taken = {m["id"] for m in data["measures"]}
            new = _measure_ids([measure], taken)[0]
            document.append((*found.path, "measures"), new)
            done.append(f"Måttet {new['id']} är tillagt under målet {goal.id}")
            return
        own = {key: data[key] for key in OWN_TARGET if key in data}
        own["id"] = data.get("indicator") or "milstolpe"
        first, new = _measure_ids([own, measure], set())
        for key in OWN_TARGET:
            if key in data:
                document.remove((*found.path, key))
        document.set((*found.path, "measures"), [first, new])
        done.append(
            f"Målet {goal.id} mäts nu med två mått: dess eget målvärde blev måttet "
            f"{first['id']}, och {new['id']} är tillagt"
        )

    change = change_plan(repository.plans, found.plan_file, action)
    change.done.append(f"{done[0]}, i {found.plan_file.file}.")
    return change


def add_entry(
    repository: Any, plan_id: str | None, kind: str, fields: dict[str, Any], parent: str | None
) -> Change:
    """`vp indicator add`, `vp activity add`, `vp area add` (under --parent for a sub-area)."""
    keys, key, word, text = {
        "indicator": (INDICATOR_KEYS, "indicators", "ett nyckeltal", "title"),
        "activity": (ACTIVITY_KEYS, "activities", "en aktivitet", "text"),
        "area": (AREA_KEYS, "areas", "ett område", "title"),
    }[kind]
    plan_file = choose_plan(repository, plan_id, fields.get("area") or parent)
    ident = new_id(fields.get("id"), fields[text], _taken(repository, plan_file, kind), word)
    entry = ordered({**fields, "id": ident}, keys)
    path: tuple[str | int, ...] = (key,)
    if parent:
        path = (
            *find(repository.index, f"{plan_file.plan.id}/{parent}", "area", "området").path,
            "areas",
        )
    change = change_plan(repository.plans, plan_file, lambda d: d.append(path, entry))
    where = f" under {parent}" if parent else ""
    name, added = {
        "indicator": ("Nyckeltalet", "tillagt"),
        "activity": ("Aktiviteten", "tillagd"),
        "area": ("Området", "tillagt"),
    }[kind]
    change.done.append(f"{name} {ident} är {added}{where} i {plan_file.file}.")
    return change
