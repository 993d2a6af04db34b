"""`vp diff` for people and tools: the changes between two revisions of the plans
(`plan.plandiff`) as text, Markdown for a pull request, or JSON."""

from __future__ import annotations

import json
from typing import Any

from ...common.swedish import printable
from ...plan.plandiff import KINDS, TARGET_FIELDS, Diff, ItemChange

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
        if target.get("mean_since"):
            described += f" i snitt från {target['mean_since']}"
    elif kind == "direction":
        described = "ska öka" if target.get("direction") == "increase" else "ska minska"
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
    return printable("\n".join(lines) + "\n")  # plan text never drives the terminal


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
