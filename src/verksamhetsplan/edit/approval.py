"""The secretary's approvals and period locks, kept in the repository beside the plans:
`approvals/<plan id>.yaml`, a dated list that only grows, each entry also a commit.

An approval records the commit the secretary saw (so "changes since the last approval" is
`vp diff <that commit>`); a lock closes a period: after it, `vp serve` refuses every save
for that plan and period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..common.files import display_path, read_bytes
from ..common.problems import Refused
from ..plan.yaml_problems import YamlProblem, decode
from ..plan.yaml_reader import parse
from .safe_write import Change

APPROVALS = Path("approvals")
EVENTS = {"approved": "godkänd", "locked": "låst"}


@dataclass(frozen=True)
class Event:
    period: str
    event: str  # approved or locked
    by: str
    date: dt.date
    commit: str | None = None


def approvals_path(root: Path, plan_id: str) -> Path:
    return root / APPROVALS / f"{plan_id}.yaml"


def events(root: Path, plan_id: str) -> list[Event]:
    path = approvals_path(root, plan_id)
    if not path.is_file():
        return []
    shown = display_path(path)
    try:
        data, _ = parse(decode(read_bytes(path)), record=False)
        return [
            Event(
                str(entry["period"]),
                str(entry["event"]),
                str(entry["by"]),
                dt.date.fromisoformat(str(entry["date"])),
                str(entry["commit"]) if entry.get("commit") else None,
            )
            for entry in data or []
        ]
    except YamlProblem as problem:
        raise Refused(f"{shown} går inte att läsa: {problem.message}") from None
    except (KeyError, TypeError, ValueError, AttributeError):
        raise Refused(
            f"{shown} har en post som inte går att läsa",
            hint="Varje post har period, event (approved eller locked), by och date.",
        ) from None


def last_approval(root: Path, plan_id: str, period: str) -> Event | None:
    found = [e for e in events(root, plan_id) if e.period == period and e.event == "approved"]
    return found[-1] if found else None


def locked(root: Path, plan_id: str, period: str) -> Event | None:
    """The lock of a period, if the secretary has closed it. A lock of the year closes its
    parts too: after the annual report, a tertial of that year is not reopened."""
    for event in events(root, plan_id):
        if event.event == "locked" and event.period in (period, period[:4]):
            return event
    return None


def check_unlocked(root: Path, plan_id: str, period: str) -> None:
    event = locked(root, plan_id, period)
    if event is not None:
        raise Refused(
            f"perioden {period} är låst för planen {plan_id} sedan {event.date.isoformat()} "
            f"({event.by}); ingenting har sparats",
            hint="Be nämndsekreteraren om en ändring behövs.",
        )


def record(
    root: Path, plan_id: str, period: str, event: str, by: str, day: dt.date, commit: str | None
) -> Change:
    """The approvals file with one more entry, appended to the text as it is."""
    if event not in EVENTS:
        raise Refused(f"okänd händelse {event!r}")
    if event == "locked" and locked(root, plan_id, period):
        raise Refused(f"perioden {period} är redan låst", usage=True)
    path = approvals_path(root, plan_id)
    before = read_bytes(path) if path.exists() else None
    head = (
        before
        if before is not None
        else (
            f"# Godkännanden och låsta perioder för {plan_id}, skrivna av vp serve.\n"
            "# Varje post är också en commit i förrådets historik.\n"
        ).encode()
    )
    if head and not head.endswith(b"\n"):
        head += b"\n"
    by_text = by.replace("\\", "\\\\").replace('"', '\\"')
    lines = [f"- period: {period}", f"  event: {event}", f'  by: "{by_text}"', f"  date: {day}"]
    if commit:
        lines.append(f"  commit: {commit}")
    after = head + ("\n".join(lines) + "\n").encode()
    done = f"Perioden {period} är {EVENTS[event]} för {plan_id} ({by}, {day.isoformat()})."
    return Change(path, before, after, [done])
