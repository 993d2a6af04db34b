"""`vp lint` findings as text, JSON and GitHub annotations, with the accepted ones apart."""

from __future__ import annotations

from typing import Any

from ...common.problems import CheckResult
from . import problems
from .problems import plural


def _summary(result: Any, files: list[str]) -> str:
    found = plural(len(result.findings), "fynd", "fynd")
    accepted = (
        f" ({plural(len(result.accepted), 'fynd', 'fynd')} godtagna med skäl)"
        if result.accepted
        else ""
    )
    if not result.findings:
        return f"Revisorns checklista: inga fynd i {plural(len(files), 'fil', 'filer')}{accepted}."
    return f"Revisorns checklista: {found} i {plural(len(files), 'fil', 'filer')}{accepted}."


def to_text(result: Any, files: list[str]) -> str:
    """One line a finding; each code's advice once, at its first finding."""
    lines, advised = [], set()
    for p in CheckResult(files, result.findings).sorted_problems():
        lines.append(f"{problems.place(p)}: {p.code}: {p.message}")
        if p.hint and p.code not in advised:
            lines.append(f"    tips: {p.hint}")
            advised.add(p.code)
    if result.accepted:
        lines.append("Godtagna av planen (lint:):")
        for item in result.accepted:
            p = item.problem
            lines.append(f"  {p.file}:{p.line}: {p.code}: {p.message} – skäl: {item.reason}")
    lines.append(_summary(result, files))
    return "\n".join(lines) + "\n"


def to_json(result: Any, files: list[str]) -> str:
    return problems.envelope(
        "lint",
        CheckResult(files, result.findings),
        accepted=[{**a.problem.to_dict(), "reason": a.reason} for a in result.accepted],
        notes=result.notes,
    )


def to_github(result: Any, files: list[str]) -> str:
    lines = problems.to_github(CheckResult(files, result.findings)).splitlines()[:-1]
    return "\n".join([*lines, _summary(result, files)]) + "\n"
