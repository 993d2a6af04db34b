"""The publishing guard: personal data in the text that `vp site` and `vp report` publish,
found before anything is written. Every text of a plan counts (goals, measures, assessments,
activities and their follow-ups, areas, sections), and every analysis file; the contact
person's own details and `meta:` are not published and are left alone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..common.problems import Problem, Severity
from .load import PlanFile, located_problem
from .personal import Finding, find_personal

NOT_PUBLISHED = {"contact", "meta", "lint"}
CODES = {
    "personnummer": ("VP701", Severity.ERROR),
    "samordningsnummer": ("VP701", Severity.ERROR),
    "e-post": ("VP702", Severity.WARNING),
    "telefonnummer": ("VP703", Severity.WARNING),
}
HINTS = {
    "VP701": "Ta bort numret ur texten; ett personnummer får inte publiceras. Rapporten och "
    "webbplatsen skrivs inte förrän det är borta.",
    "VP702": "Skriv en funktionsadress eller ta bort adressen, om den inte ska publiceras.",
    "VP703": "Skriv växelns nummer eller ta bort numret, om det inte ska publiceras.",
}


def publishing_problems(root: Path, plan_files: list[PlanFile]) -> list[Problem]:
    """What the guard finds in the plans' texts and their analysis files."""
    from ..common.files import display_path
    from .analysis import ANALYSES

    found: list[Problem] = []
    for plan_file in plan_files:
        found += [
            located_problem(plan_file, path, *_said(finding, "texten"))
            for path, text in _texts(plan_file.plan, ())
            for finding in find_personal(text)
        ]
        folder = root / ANALYSES / plan_file.plan.id
        for file in sorted(folder.glob("*.md")) if folder.is_dir() else []:
            if file.is_symlink():
                continue  # the analysis loader refuses a link (VP309)
            lines = file.read_text(encoding="utf-8-sig", errors="replace").splitlines()
            for number, line in enumerate(lines, 1):
                for finding in find_personal(line):
                    code, message, hint, severity = _said(finding, "analysen")
                    found.append(
                        Problem(code, message, severity, display_path(file), number, None, hint)
                    )
    return found


def _said(finding: Finding, where: str) -> tuple[str, str, str, Severity]:
    code, severity = CODES[finding.kind]
    return code, f"{finding.kind} i {where} ({finding.shown})", HINTS[code], severity


def _texts(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every string in the model with its path, the unpublished parts left out."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in NOT_PUBLISHED:
                yield from _texts(getattr(value, name), (*path, name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def as_published(text: str | None, roles: dict[str, str]) -> str | None:
    """Text as the report and the site publish it: every person the plan names (`roles:`)
    is shown by their role, never by name."""
    if not text or not roles:
        return text
    for name in sorted(roles, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", roles[name], text)
    return text
