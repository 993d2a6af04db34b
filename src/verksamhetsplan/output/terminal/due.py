"""`vp due` for people (grouped by what is to be done), for tools (JSON) and for GitHub."""

from __future__ import annotations

from typing import Any

from ...common.problems import CheckResult
from ...common.swedish import printable
from . import problems
from .problems import plural

HEADINGS = {
    "VP601": "Nyckeltalsvärden som saknas",
    "VP602": "Milstolpar utan bedömning",
    "VP603": "Mål utan bedömning eller analys",
    "VP604": "Aktiviteter utan uppföljning",
    "VP605": "Mål och mått utan ansvarig",
    "VP606": "Internkontroll: kontroller utan resultat",
    "VP607": "Internkontroll: försenade åtgärder",
}


# One hint per group, for people; each item's own hint (with its id) goes to JSON and GitHub.
GROUP_HINTS = {
    "VP601": "registrera med `vp data add NYCKELTAL PERIOD VÄRDE` eller hämta med `vp data fetch`",
    "VP602": 'skriv in med `vp assess MÅL --period {period} --status … --comment "…"`',
    "VP603": "skriv ett avsnitt `# MÅL` i analyses/{plan}/{period}.md, eller bedöm med `vp assess`",
    "VP604": "följ upp med `vp activity ID --status …`; räknas från {since} (ändra med --date)",
    "VP605": 'ange med `vp goal edit MÅL --responsible "…"`',
    "VP606": 'skriv in med `vp control result KONTROLL --period P --outcome … --comment "…"`',
    "VP607": "följ upp med `vp control action ID --status …`",
}


def _place(problem: Any, file: str) -> str:
    where = f"rad {problem.line}" if problem.line else ""
    return where if problem.file == file else f"{problem.file}:{problem.line or ''}"


def summary(found: list[Any]) -> str:
    count = sum(len(plan.items) for plan in found)
    if not found:
        return "Ingen plan gäller den perioden; inget att göra."
    if not count:
        return "Inget att göra: allt är på plats före rapporten."
    return f"{plural(count, 'sak', 'saker')} att göra före rapporten."


def to_text(found: list[Any]) -> str:
    lines = []
    for plan in found:
        board = plan.plan_file.plan.board or plan.plan_file.plan.title
        lines.append(f"Före rapporten för {plan.period} – {plan.plan_file.plan.id} ({board})")
        lines.append(f"{plan.plan_file.file}")
        if not plan.items:
            lines += ["  Inget att göra.", ""]
            continue
        for code, heading in HEADINGS.items():
            items = [p for p in plan.items if p.code == code]
            if not items:
                continue
            hint = GROUP_HINTS[code].format(
                period=plan.period, plan=plan.plan_file.plan.id, since=plan.since.isoformat()
            )
            lines.append(f"  {heading} ({len(items)}):")
            lines.append(f"    – {hint}")
            lines.extend(f"    {_place(i, plan.plan_file.file)}: {i.message}" for i in items)
        lines.append("")
    lines.append(summary(found))
    return printable("\n".join(lines) + "\n")  # plan text never drives the terminal


def to_json(found: list[Any]) -> str:
    items = [p for plan in found for p in plan.items]
    files = sorted({plan.plan_file.file for plan in found})
    return problems.envelope(
        "due",
        CheckResult(files, items),
        due=len(items),
        plans=[
            {
                "plan": plan.plan_file.plan.id,
                "file": plan.plan_file.file,
                "period": plan.period,
                "since": plan.since.isoformat(),
                "items": [p.to_dict() for p in plan.items],
            }
            for plan in found
        ],
    )


def to_github(found: list[Any]) -> str:
    items = [p for plan in found for p in plan.items]
    files = sorted({p.plan_file.file for p in found})
    lines = problems.to_github(CheckResult(files, items)).splitlines()[:-1]
    return "\n".join([*lines, summary(found)]) + "\n"
