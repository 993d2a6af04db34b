"""What changed in the plans between two git revisions, item by item (`vp diff`).

Plans are compared by their ids, not by lines: a goal that moved in the file is the
same goal, a goal whose text changed is reworded, one whose target changed is retargeted.
This is what a board reads after a revision and what an auditor checks a report against.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..common.files import display_path, find_files, read_bytes
from ..common.git import check_repository, git, resolve
from ..common.problems import Refused
from .load import PLAN_SUFFIXES
from .yaml_problems import YamlProblem, decode
from .yaml_reader import parse

WORKING_TREE = None  # a revision of None is the files as they are on disk

KINDS = (
    ("goals", "goal", "Mål"),
    ("indicators", "indicator", "Nyckeltal"),
    ("activities", "activity", "Aktiviteter"),
    ("areas", "area", "Områden"),
    ("council_goals", "council_goal", "KF-mål"),
)
TARGET_FIELDS = ("target", "baseline", "indicator", "gender", "measures", "verdict")


@dataclass
class ItemChange:
    kind: str  # goal, indicator, activity, area, council_goal
    id: str
    change: str  # added, removed, changed
    tags: list[str] = field(default_factory=list)  # reworded, retargeted, renamed
    fields: list[str] = field(default_factory=list)
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


@dataclass
class PlanChange:
    plan: str
    file: str
    change: str  # added, removed, changed
    fields: list[str] = field(default_factory=list)  # plan-level keys that changed
    items: list[ItemChange] = field(default_factory=list)
    revisions: list[str] = field(default_factory=list)  # revisions recorded since, as text


@dataclass
class Diff:
    before: str
    after: str
    plans: list[PlanChange]


def plans_at(root: Path, revision: str | None) -> dict[str, tuple[str, Any]]:
    """Every plan's data by its id, at a commit or (None) on disk."""
    contents: list[tuple[str, bytes]] = []
    folder = root / "plans"
    if revision is None:
        if folder.is_dir():
            for path in find_files([folder], PLAN_SUFFIXES):
                contents.append((display_path(path), read_bytes(path)))
    else:
        # -z: names as they are; without it git quotes a name such as socialnämnd.yaml
        listed = git(root, "ls-tree", "-r", "-z", "--name-only", revision, "--", "plans/")
        for name in listed.stdout.decode("utf-8", "surrogateescape").split("\0"):
            if Path(name).suffix in PLAN_SUFFIXES:
                shown = display_path(root / name)  # as the working tree's files are named
                contents.append((shown, git(root, "show", f"{revision}:./{name}").stdout))
    plans: dict[str, tuple[str, Any]] = {}
    for file, raw in contents:
        try:  # a file that is not UTF-8 is a problem of that file, like a YAML error
            data, _ = parse(decode(raw), record=False)
        except YamlProblem as problem:
            where = f"{file} ({revision or 'arbetskopian'})"
            raise Refused(f"{where} går inte att läsa: {problem.message}") from None
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            plans[data["id"]] = (file, data)
    return plans


def diff(root: Path, before: str | None, after: str | None) -> Diff:
    """The changes from revision `before` to `after` (None: the working tree) of the plans
    in the repository at `root`."""
    check_repository(root)
    old_rev = resolve(root, before) if before is not None else None
    new_rev = resolve(root, after) if after is not None else None
    old, new = plans_at(root, old_rev), plans_at(root, new_rev)
    changes = []
    for plan_id in [*old, *(p for p in new if p not in old)]:
        if plan_id not in new:
            changes.append(PlanChange(plan_id, old[plan_id][0], "removed"))
        elif plan_id not in old:
            plan = PlanChange(plan_id, new[plan_id][0], "added")
            plan.items = _items({}, new[plan_id][1])
            changes.append(plan)
        else:
            plan = _compare(plan_id, new[plan_id][0], old[plan_id][1], new[plan_id][1])
            if plan.items or plan.fields:
                changes.append(plan)
    return Diff(before or "arbetskopian", after or "arbetskopian", changes)


def _compare(plan_id: str, file: str, old: dict[str, Any], new: dict[str, Any]) -> PlanChange:
    listed = {key for key, _, _ in KINDS}
    keys = [k for k in dict.fromkeys([*old, *new]) if k not in listed and k != "id"]
    plan = PlanChange(plan_id, file, "changed")
    plan.fields = [k for k in keys if old.get(k) != new.get(k)]
    plan.items = _items(old, new)
    before = old.get("revisions") or []
    plan.revisions = [_revision(r) for r in new.get("revisions") or [] if r not in before]
    return plan


def _revision(revision: Any) -> str:
    """A recorded revision in a line: date, decision and what changed."""
    if not isinstance(revision, dict):
        return str(revision)
    decided = ", ".join(str(revision[k]) for k in ("by", "reference") if revision.get(k))
    text = str(revision.get("date", "")) + (f" ({decided})" if decided else "")
    return f"{text}: {revision['note']}" if revision.get("note") else text


def _flatten_areas(areas: Any) -> list[Any]:
    found = []
    for area in areas or []:
        if isinstance(area, dict):
            found.append({k: v for k, v in area.items() if k != "areas"})
            found.extend(_flatten_areas(area.get("areas")))
    return found


def _by_id(items: Any) -> dict[str, dict[str, Any]]:
    return {
        item["id"]: item
        for item in items or []
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    }


def _items(old: dict[str, Any], new: dict[str, Any]) -> list[ItemChange]:
    changes = []
    for key, kind, _ in KINDS:
        get = _flatten_areas if key == "areas" else (lambda d, key=key: d)
        before = _by_id(get(old.get(key)))
        after = _by_id(get(new.get(key)))
        for ident, item in before.items():
            if ident not in after:
                changes.append(ItemChange(kind, ident, "removed", before=item))
        for ident, item in after.items():
            if ident not in before:
                changes.append(ItemChange(kind, ident, "added", after=item))
            elif item != before[ident]:
                changes.append(_changed(kind, ident, before[ident], item))
    return changes


def _target_view(item: Any) -> Any:
    """What a goal or measure is measured against; a baseline's note explains, not changes."""
    if isinstance(item, list):
        return [_target_view(part) for part in item]
    if not isinstance(item, dict):
        return item
    view = {f: item.get(f) for f in TARGET_FIELDS}
    if isinstance(view["baseline"], dict):
        view["baseline"] = {k: v for k, v in view["baseline"].items() if k != "note"}
    if isinstance(view["measures"], list):
        view["measures"] = _target_view(view["measures"])
    return view


def _changed(kind: str, ident: str, old: dict[str, Any], new: dict[str, Any]) -> ItemChange:
    fields = [k for k in dict.fromkeys([*old, *new]) if old.get(k) != new.get(k)]
    tags = []
    if "text" in fields:
        tags.append("reworded")
    if kind == "goal" and _target_view(old) != _target_view(new):
        tags.append("retargeted")
    if "title" in fields:
        tags.append("renamed")
    return ItemChange(kind, ident, "changed", tags, fields, old, new)


# --- presentation ---
