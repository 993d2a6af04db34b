"""One section of an analysis file rewritten: the text under `# <id>` in
`analyses/<plan id>/<period>.md`, everything else in the file kept byte for byte."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..common.files import display_path, read_bytes
from ..common.problems import Refused
from ..plan.analysis import PLAN_SUBJECT, analysis_path, known_subjects, parse_analysis
from .safe_write import Change


def _heading(plan: Any, subject: str) -> str:
    from ..plan.model import iter_areas

    if subject == plan.id:
        return PLAN_SUBJECT
    titles = {a.id: a.title for a, _ in iter_areas(plan.areas)}
    titles.update({g.id: g.short or "" for g in plan.goals})
    title = titles.get(subject, "")
    return f"{subject} – {' '.join(title.split())}" if title else subject


def section_text(root: Path, plan: Any, period: str, subject: str) -> str:
    """The section's text as it stands, "" when the file or the section is missing."""
    path = analysis_path(root, plan.id, period)
    if not path.is_file():
        return ""
    analysis, _ = parse_analysis(
        read_bytes(path).decode("utf-8-sig"), path, plan.id, known_subjects(plan)
    )
    section = analysis.sections.get(subject)
    return section.text.strip("\n") if section is not None else ""


def set_section(root: Path, plan: Any, period: str, subject: str, text: str) -> Change:
    """The analysis file with the subject's section replaced by `text`, or added at the end."""
    from markdown_it import MarkdownIt

    known = known_subjects(plan)
    if subject not in known:
        raise Refused(f"{subject!r} är inget område eller mål i planen {plan.id}", usage=True)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if any(t.type == "heading_open" and t.tag == "h1" for t in MarkdownIt().parse(text)):
        raise Refused(
            "texten har en rubrik på nivå 1 (# …), som skulle börja ett nytt avsnitt",
            hint="Använd ## för underrubriker som Analys och Åtgärder.",
            usage=True,
        )
    path = analysis_path(root, plan.id, period)
    before = read_bytes(path) if path.exists() else None
    old = before.decode("utf-8-sig") if before is not None else ""
    bom = "\ufeff" if before is not None and before.startswith(b"\xef\xbb\xbf") else ""
    analysis, _ = parse_analysis(old, path, plan.id, known)
    section = analysis.sections.get(subject)
    lines = old.splitlines()
    if section is not None:
        start = section.line  # the heading is line `start`; its text follows
        heads = [s.line for s in analysis.sections.values()] + [f.line for f in analysis.free]
        later = [line for line in heads if line > start]
        end = min(later) - 1 if later else len(lines)
        body = ["", *text.splitlines(), ""] if text else [""]
        new_lines = [*lines[:start], *body, *lines[end:]]
        while new_lines and not new_lines[-1].strip():
            new_lines.pop()
        new = "\n".join(new_lines) + "\n"
    else:
        head = old.rstrip("\n") + "\n\n" if old.strip() else ""
        new = f"{head}# {_heading(plan, subject)}\n\n{text}\n"
    checked, problems = parse_analysis(new, Path(display_path(path)), plan.id, known)
    errors = [p for p in problems if p.code in ("VP401", "VP402")]
    if errors or checked.sections.get(subject) is None:
        raise Refused("texten skulle göra analysfilen ogiltig; ingenting har ändrats", errors)
    done = f"Analysen av {subject} för {period} är sparad i {display_path(path)}."
    return Change(path, before, (bom + new).encode("utf-8"), [done])
