"""`vp diff`: what changed in the plans between two git revisions, item by item.

Plans are compared by their ids, not by lines: a goal that moved in the file is the
same goal, a goal whose text changed is reworded, one whose target changed is retargeted.
This is what a board reads after a revision and what an auditor checks a report against.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...common.files import display_path, find_files, read_bytes
from ...common.git import check_repository, git, resolve
from ...common.problems import Refused
from ...plan.load import PLAN_SUFFIXES
from ...plan.yaml_problems import YamlProblem, decode
from ...plan.yaml_reader import parse

WORKING_TREE = None  # a revision of None is the files as they are on disk

KINDS = (
    ("goals", "goal", "Mål"),
    ("indicators", "indicator", "Nyckeltal"),
    ("activities", "activity", "Aktiviteter"),
    ("areas", "area", "Områden"),
    ("council_goals", "council_goal", "KF-mål"),
)
FIELD_WORDS = {
    "text": "text",
    "title": "namn",
    "short": "kort text",
    "target": "målvärde",
    "baseline": "basvärde",
    "indicator": "nyckeltal",
    "gender": "kön",
    "year": "år",
    "area": "område",
    "method": "metod",
    "responsible": "ansvarig",
    "serves": "tjänar",
    "assessments": "bedömningar",
    "status": "status",
    "history": "uppföljningar",
    "baseline_note": "skälet för basvärdet",
    "weight": "vikt",
    "measures": "mått",
    "verdict": "regel för måtten",
    "comment": "kommentar",
    "goals": "mål",
    "unit": "enhet",
    "frequency": "frekvens",
    "combine": "sammanvägning",
    "better": "riktning",
    "by_gender": "könsuppdelning",
    "source": "källa",
    "period": "planperiod",
    "adopted": "antagande",
    "revisions": "revideringar",
    "follow_up": "uppföljning",
    "sections": "textavsnitt",
    "vision": "vision",
}
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


def plans_at(revision: str | None, folder: Path = Path("plans")) -> dict[str, tuple[str, Any]]:
    """Every plan's data by its id, at a commit or (None) on disk."""
    contents: list[tuple[str, bytes]] = []
    if revision is None:
        if folder.is_dir():
            for path in find_files([folder], PLAN_SUFFIXES):
                contents.append((display_path(path), read_bytes(path)))
    else:
        listed = git("ls-tree", "-r", "--name-only", revision, "--", f"{folder.as_posix()}/")
        for name in listed.stdout.decode("utf-8").splitlines():
            if Path(name).suffix in PLAN_SUFFIXES:
                contents.append((name, git("show", f"{revision}:./{name}").stdout))
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


def diff(before: str | None, after: str | None) -> Diff:
    """The changes from revision `before` to `after` (None: the working tree)."""
    check_repository()
    old_rev = resolve(before) if before is not None else None
    new_rev = resolve(after) if after is not None else None
    old, new = plans_at(old_rev), plans_at(new_rev)
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

VERDICT_WORDS = {
    "all": "alla ska nås",
    "any": "något ska nås",
    "at_least": "minst",
    "assessment": "bedöms av en person",
}
TAG_WORDS = {"reworded": "omformulerat", "retargeted": "nytt målvärde", "renamed": "nytt namn"}
KIND_WORDS = {kind: word for _, kind, word in KINDS}


def describe_target(goal: dict[str, Any]) -> str:
    measures = goal.get("measures")
    if isinstance(measures, list) and measures:
        found_verdict = goal.get("verdict")
        verdict: dict[str, Any] = found_verdict if isinstance(found_verdict, dict) else {}
        rule = VERDICT_WORDS.get(str(verdict.get("rule", "all")), str(verdict.get("rule")))
        if verdict.get("count"):
            rule += f" {verdict['count']}"
        parts = " ".join(
            f"({n}) {describe_target(m)}"
            for n, m in enumerate((m for m in measures if isinstance(m, dict)), 1)
        )
        return f"{len(measures)} mått, {rule}: {parts}"
    found = goal.get("target")
    target: dict[str, Any] = found if isinstance(found, dict) else {}
    kind = target.get("kind")
    if kind == "relative_change":
        described = f"förändring {target.get('percent')} % mot basvärdet"
    elif kind == "percentage_points":
        described = f"förändring {target.get('points')} procentenheter"
    elif kind in ("at_least", "at_most"):
        described = f"{'minst' if kind == 'at_least' else 'högst'} {target.get('value')}"
    elif kind == "milestone":
        criteria = target.get("criteria") or []
        described = "milstolpe" + (": " + "; ".join(map(str, criteria)) if criteria else "")
    else:
        described = str(target)
    baseline = goal.get("baseline")
    if isinstance(baseline, dict):
        if baseline.get("previous_year"):
            described += " (basvärde: föregående år)"
        elif "period" in baseline:
            described += f" (basvärde: {baseline['period']})"
        elif "value" in baseline:
            described += f" (basvärde: {baseline['value']})"
    if goal.get("indicator"):
        described += f", nyckeltal {goal['indicator']}"
    return described


def _label(item: dict[str, Any] | None) -> str:
    if not item:
        return ""
    text = item.get("short") or item.get("title") or item.get("text") or ""
    text = " ".join(str(text).split())
    return text if len(text) <= 90 else text[:89] + "…"


def _details(item: ItemChange) -> list[str]:
    old, new = item.before or {}, item.after or {}
    lines = []
    if "reworded" in item.tags:
        lines.append(f"före:  {' '.join(str(old.get('text')).split())}")
        lines.append(f"efter: {' '.join(str(new.get('text')).split())}")
    if "retargeted" in item.tags:
        lines.append(f"målvärde: {describe_target(old)} → {describe_target(new)}")
    if "renamed" in item.tags:
        lines.append(f"namn: {old.get('title')} → {new.get('title')}")
    if {"status", "history"} & set(item.fields) and _status(old) != _status(new):
        lines.append(f"status: {_status(old)} → {_status(new)}")
    if "year" in item.fields:
        lines.append(f"år: {old.get('year')} → {new.get('year')}")
    return lines


def _status(item: dict[str, Any]) -> str:
    from ...followup.words import ACTIVITY_WORDS
    from ...plan.vocabulary import ActivityStatus

    # The latest dated follow-up, else the status as adopted.
    history = [h for h in item.get("history") or [] if isinstance(h, dict) and "date" in h]
    latest = max(history, key=lambda h: str(h["date"])) if history else item
    status = str(latest.get("status", "planned"))
    try:
        return ACTIVITY_WORDS[ActivityStatus(status)]
    except ValueError:
        return status


def _others(item: ItemChange) -> list[str]:
    shown = {"text", "title", "status", "year", *TARGET_FIELDS}
    others = [FIELD_WORDS.get(f, f) for f in item.fields if f not in shown]
    if item.kind == "goal" and "baseline" in item.fields and "retargeted" not in item.tags:
        others.append(FIELD_WORDS["baseline_note"])  # only the note beside the baseline
    return others


def to_text(result: Diff) -> str:
    lines = [f"Ändringar i planerna: {result.before} → {result.after}"]
    if not result.plans:
        lines.append("Inga ändringar i planerna.")
    for plan in result.plans:
        word = {"added": "ny plan", "removed": "borttagen plan", "changed": "ändrad"}
        lines.append(f"\n{plan.plan} ({plan.file}) – {word[plan.change]}")
        if plan.fields:
            lines.append(
                "  Ändrat i planen: " + ", ".join(FIELD_WORDS.get(f, f) for f in plan.fields)
            )
        lines.extend(f"  Revidering {revision}" for revision in plan.revisions)
        for _, kind, heading in KINDS:
            items = [i for i in plan.items if i.kind == kind]
            if not items:
                continue
            lines.append(f"  {heading}")
            for item in items:
                lines.extend(_item_lines(item, "    "))
    return "\n".join(lines) + "\n"


def _item_lines(item: ItemChange, indent: str) -> list[str]:
    if item.change == "added":
        return [f"{indent}+ {item.id}: {_label(item.after)}"]
    if item.change == "removed":
        return [f"{indent}- {item.id}: {_label(item.before)}"]
    tags = [TAG_WORDS[t] for t in item.tags] + _others(item)
    if "status" in item.fields:
        tags.append("status")
    if "year" in item.fields:
        tags.append("år")
    lines = [f"{indent}~ {item.id}: {', '.join(tags)}"]
    lines.extend(f"{indent}    {line}" for line in _details(item))
    return lines


def to_markdown(result: Diff) -> str:
    lines = [f"# Ändringar i planerna: {result.before} → {result.after}", ""]
    if not result.plans:
        lines.append("Inga ändringar i planerna.")
    for plan in result.plans:
        word = {"added": "ny plan", "removed": "borttagen plan", "changed": "ändrad"}
        lines += [f"## {plan.plan} – {word[plan.change]}", "", f"Fil: `{plan.file}`", ""]
        if plan.fields:
            fields = ", ".join(FIELD_WORDS.get(f, f) for f in plan.fields)
            lines += [f"Ändrat i planen: {fields}", ""]
        if plan.revisions:
            lines += [*(f"- **Revidering** {_md(r)}" for r in plan.revisions), ""]
        for _, kind, heading in KINDS:
            items = [i for i in plan.items if i.kind == kind]
            if not items:
                continue
            lines += [f"### {heading}", ""]
            for item in items:
                first, *rest = _item_lines(item, "")
                sign, _, text = first.partition(" ")
                verb = {"+": "**Nytt**", "-": "**Borttaget**", "~": "**Ändrat**"}[sign]
                lines.append(f"- {verb} {_md(text)}")
                lines.extend(f"  - {_md(line.strip())}" for line in rest)
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _md(text: str) -> str:
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return text


def to_json(result: Diff) -> str:
    import json

    document = {
        "from": result.before,
        "to": result.after,
        "plans": [
            {
                "plan": plan.plan,
                "file": plan.file,
                "change": plan.change,
                "fields": plan.fields,
                "revisions": plan.revisions,
                "items": [
                    {
                        "kind": item.kind,
                        "id": item.id,
                        "change": item.change,
                        "tags": item.tags,
                        "fields": item.fields,
                        "before": item.before,
                        "after": item.after,
                    }
                    for item in plan.items
                ],
            }
            for plan in result.plans
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n"
