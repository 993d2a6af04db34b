"""Render a CheckResult as text for people, JSON for tools, or GitHub annotations."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ...common.problems import CODES, SEVERITY_WORDS, CheckResult, Problem, Severity


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def place(problem: Problem) -> str:
    parts = [problem.file or "<okänd fil>"]
    if problem.line is not None:
        parts.append(str(problem.line))
        if problem.column is not None:
            parts.append(str(problem.column))
    return ":".join(parts)


def summary(result: CheckResult) -> str:
    files = plural(len(result.files), "fil", "filer")
    errors, warnings = len(result.errors), len(result.warnings)
    if not errors and not warnings:
        return f"Inga problem: {files} kontrollerade."
    found = [plural(errors, "fel", "fel")] if errors else []
    if warnings:
        found.append(plural(warnings, "varning", "varningar"))
    return f"{' och '.join(found)} i {files}."


def to_text(result: CheckResult, style: Callable[[str, Severity], str] | None = None) -> str:
    lines = []
    for problem in result.sorted_problems():
        word = SEVERITY_WORDS[problem.severity]
        if style is not None:
            word = style(word, problem.severity)
        lines.append(f"{place(problem)}: {word} {problem.code}: {problem.message}")
        if problem.hint:
            lines.append(f"    tips: {problem.hint}")
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


ENVELOPE_VERSION = 1  # raised when a field of the envelope changes meaning or goes away


def envelope(command: str, result: CheckResult, **extra: Any) -> str:
    """The one JSON form of located problems, for `vp validate`, `vp lint` and `vp due`:
    the same fields in the same places, and what the command adds after them."""
    document = {
        "version": ENVELOPE_VERSION,
        "command": command,
        "valid": not result.errors,
        "files": result.files,
        "errors": len(result.errors),
        "warnings": len(result.warnings),
        "problems": [p.to_dict() for p in result.sorted_problems()],
        **extra,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_json(result: CheckResult) -> str:
    return envelope("validate", result)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(result: CheckResult) -> str:
    """GitHub Actions workflow commands, so problems appear on the lines of the diff."""
    lines = []
    for problem in result.sorted_problems():
        properties = []
        if problem.file:
            properties.append(f"file={_escape_property(problem.file)}")
        if problem.line is not None:
            properties.append(f"line={problem.line}")
        if problem.column is not None:
            properties.append(f"col={problem.column}")
        title = f"{problem.code} {CODES.get(problem.code, '')}".strip()
        properties.append(f"title={_escape_property(title)}")
        message = problem.message + (f" – tips: {problem.hint}" if problem.hint else "")
        command = "error" if problem.severity is Severity.ERROR else "warning"
        lines.append(f"::{command} {','.join(properties)}::{_escape_data(message)}")
    lines.append(summary(result))
    return "\n".join(lines) + "\n"
