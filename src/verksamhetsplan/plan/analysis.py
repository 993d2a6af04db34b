"""The administration's analysis: narrative Markdown per plan, area and goal for a period.

A plan repository keeps it in `analyses/<plan id>/<period>.md` (2018.md for the year,
2018-T2.md for the delårsrapport). Every level-1 heading starts a section about one subject:
"Sammanfattande analys" (or the plan's id) for the plan as a whole, otherwise an area's or
a goal's id, optionally followed by a title for the reader of the file
(`# kvalitet – Kvalitet i verksamhet och service`). Inside a section, level-2 headings such
as "Analys" and "Åtgärder" structure the text. Text before the first heading is a note
for the people who write the file (who, when, how) and is not published.

Any other level-1 heading starts a free section of the report under that heading: "Viktiga
händelser", "Ekonomi", "Personal", "Framtid", "Internkontroll" or whatever the report needs.
Only a heading written like an id (lower case, a hyphen or digit, or close to a real id) that
names nothing in the plan is an error (VP401): it is a typo, not a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.problems import Problem, suggest

ANALYSES = Path("analyses")
PLAN_SUBJECT = "Sammanfattande analys"
_TITLE_SEPARATOR = re.compile(r"\s+[–—-]\s+|\s*:\s+")


@dataclass(frozen=True)
class Section:
    subject: str  # the plan's id, an area's id or a goal's id
    text: str  # the section's Markdown, without its heading
    line: int  # where the heading is (1-based), for messages


@dataclass(frozen=True)
class FreeSection:
    title: str  # the heading as written: "Viktiga händelser", "Ekonomi"
    text: str
    line: int


@dataclass(frozen=True)
class Analysis:
    path: Path
    sections: dict[str, Section]
    free: tuple[FreeSection, ...] = ()  # in the file's order

    def text_for(self, subject: str) -> str | None:
        section = self.sections.get(subject)
        return section.text if section is not None and section.text.strip() else None


def known_subjects(plan: Any) -> list[str]:
    """What an analysis of the plan may have a section about: the plan, an area, a goal."""
    from .model import iter_areas

    return [plan.id, *(a.id for a, _ in iter_areas(plan.areas)), *(g.id for g in plan.goals)]


def analysis_path(root: Path, plan_id: str, period: str) -> Path:
    return root / ANALYSES / plan_id / f"{period}.md"


def parse_analysis(
    text: str, path: Path, plan_id: str, known: list[str]
) -> tuple[Analysis, list[Problem]]:
    """The file's sections by subject, and a located problem for every heading that names
    no subject of the plan or names one a second time."""
    from markdown_it import MarkdownIt

    lines = text.splitlines()
    # Headings as markdown-it sees them: a "# " inside a code block is no heading.
    tokens = MarkdownIt("commonmark").parse(text)
    starts = [
        (token.map[0], token.map[1], tokens[i + 1].content)
        for i, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == "h1" and token.map
    ]
    sections: dict[str, Section] = {}
    free: dict[str, FreeSection] = {}
    problems: list[Problem] = []
    for index, (begin, end, heading) in enumerate(starts):
        until = starts[index + 1][0] if index + 1 < len(starts) else len(lines)
        body = "\n".join(lines[end:until]).strip("\n")
        subject = _subject(heading, plan_id)
        shown, line = str(path), begin + 1
        if subject not in known and not _id_like(subject, known):
            title = " ".join(heading.split())
            if title.casefold() in free:
                first = free[title.casefold()].line
                problems.append(
                    Problem(
                        "VP402",
                        f"{heading!r} har redan ett avsnitt på rad {first}",
                        hint="Samla texten under en rubrik.",
                        file=shown,
                        line=line,
                        column=1,
                    )
                )
                continue
            free[title.casefold()] = FreeSection(title, body, line)
            continue
        if subject not in known:
            near = suggest(subject, known)
            problems.append(
                Problem(
                    "VP401",
                    f"rubriken {heading!r} namnger inget område eller mål i planen {plan_id}",
                    hint=(f"Menade du {near!r}? " if near else "")
                    + f"En rubrik på nivå 1 är {PLAN_SUBJECT!r} eller ett områdes eller "
                    "måls id, gärna följt av ' – ' och en titel.",
                    file=shown,
                    line=line,
                    column=1,
                )
            )
            continue
        if subject in sections:
            problems.append(
                Problem(
                    "VP402",
                    f"{heading!r} har redan ett avsnitt på rad {sections[subject].line}",
                    hint="Samla analysen av ett område eller mål under en rubrik.",
                    file=shown,
                    line=line,
                    column=1,
                )
            )
            continue
        sections[subject] = Section(subject, body, begin + 1)
    return Analysis(path, sections, tuple(free.values())), problems


_ID_LIKE = re.compile(r"^[a-z0-9][a-z0-9_.]*[-0-9][a-z0-9_.-]*$")


def _id_like(subject: str, known: list[str]) -> bool:
    """A heading written as an id would be (kvalitet-2019, sjuktal) rather than a title."""
    if _ID_LIKE.match(subject):
        return True
    return subject == subject.lower() and " " not in subject and suggest(subject, known) is not None


def _subject(heading: str, plan_id: str) -> str:
    heading = heading.strip()
    if heading.casefold() == PLAN_SUBJECT.casefold():
        return plan_id
    return _TITLE_SEPARATOR.split(heading, maxsplit=1)[0].strip()


def load_analysis(
    root: Path, plan_id: str, period: str, known: list[str]
) -> tuple[Analysis | None, list[Problem]]:
    """The analysis for the plan and period, if the repository has one."""
    from ..common.files import display_path

    path = analysis_path(root, plan_id, period)
    if not path.is_file():
        return None, []
    shown = display_path(path)
    if not path.resolve().is_relative_to(root.resolve()):
        return None, [
            Problem("VP309", f"{shown} är en länk till en fil utanför planförrådet", file=shown)
        ]
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        return None, [Problem("VP009", f"kan inte läsa {shown} ({error.strerror})", file=shown)]
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return None, [
            Problem(
                "VP002",
                "analysen är inte UTF-8",
                file=shown,
                line=line,
                hint="Spara filen som UTF-8 i editorn.",
            )
        ]
    return parse_analysis(text, Path(shown), plan_id, known)


def missing(analysis: Analysis | None, subjects: list[str]) -> list[str]:
    """The subjects (plan, areas, goals) the analysis says nothing about."""
    return [s for s in subjects if analysis is None or analysis.text_for(s) is None]


def check_analyses(
    files: list[Path], plans: list[Any], root: Path, all_plans_read: bool = True
) -> list[Problem]:
    """`vp validate` on analyses/<plan id>/<period>.md: the folder names a plan, the file
    name a follow-up period inside the plan's period, and every heading a subject."""
    from ..common.files import display_path
    from .fields import FOLLOW_UP_PATTERN

    by_id = {p.plan.id: p.plan for p in plans}
    problems: list[Problem] = []
    for path in files:
        shown = display_path(path)
        plan_id, period = path.parent.name, path.stem
        plan = by_id.get(plan_id)
        if plan is None and not all_plans_read:
            continue  # its plan may be the one that could not be read: that error is shown
        if plan is None:
            near = suggest(plan_id, list(by_id))
            problems.append(
                Problem(
                    "VP404",
                    f"mappen {plan_id!r} under analyses/ namnger ingen plan",
                    file=shown,
                    hint=(f"Menade du {near!r}? " if near else "")
                    + "Analysen ligger i analyses/<planens id>/<period>.md.",
                )
            )
            continue
        if not re.match(FOLLOW_UP_PATTERN, period) or int(period[:4]) not in plan.period.years:
            problems.append(
                Problem(
                    "VP404",
                    f"filnamnet {path.name!r} är ingen uppföljningsperiod inom planperioden "
                    f"{plan.period.text}",
                    file=shown,
                    hint="Döp filen efter perioden: 2018.md för helåret, 2018-T2.md för "
                    "delåret, 2018-Q1.md, 2018-H1.md eller 2018-05.md.",
                )
            )
            continue
        _, found = load_analysis(root, plan.id, period, known_subjects(plan))
        problems.extend(found)
    return problems
