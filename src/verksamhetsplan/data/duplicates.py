"""The same indicator, period and gender in two data files of one organisation.

Within a file the row checker reports a repeated row; across files the values would be
merged, and which one a goal is judged on would depend on the order files are read in.
Both readers' results are checked here: series read row by row, and pyarrow's frames,
where only the (indicator, gender) series present in more than one file are compared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from ..common.problems import Problem
from .observation import Observation

Key = tuple[str, str]  # (indicator, gender)
MAX_LISTED = 20


def duplicate(indicator: str, gender: str, later: Observation, first: Observation) -> Problem:
    return Problem(
        "VP306",
        f"{indicator!r} har värden för {later.period} ({gender}) både här och i "
        f"{first.file}, rad {first.line}",
        file=later.file,
        line=later.line,
        column=1,
        hint="Ta bort det ena värdet; vilket som gäller skulle bero på i vilken ordning "
        "filerna läses.",
    )


def in_series(key: Key, observations: Iterable[Observation]) -> list[Problem]:
    """Values of one series that repeat a period from another file."""
    problems = []
    seen: dict[str, Observation] = {}
    for observation in observations:
        first = seen.setdefault(observation.period, observation)
        if first is not observation and first.file != observation.file:
            problems.append(duplicate(key[0], key[1], observation, first))
    return problems


def across_files(
    sources: Sequence[tuple[Iterable[Key], Callable[[Key], Sequence[Observation]]]],
) -> list[Problem]:
    """Duplicates between files: each source is the series keys it holds and a way to
    read one series (a pyarrow frame, or rows read one file at a time)."""
    count: Counter[Key] = Counter(key for keys, _ in sources for key in set(keys))
    problems: list[Problem] = []
    for key in sorted(k for k, n in count.items() if n > 1):
        merged = [o for keys, read in sources if key in keys for o in read(key)]
        merged.sort(key=lambda o: (o.period, o.file, o.line))
        problems.extend(in_series(key, merged))
    if len(problems) > MAX_LISTED:
        rest = len(problems) - MAX_LISTED
        problems = [
            *problems[:MAX_LISTED],
            Problem(
                "VP306",
                f"ytterligare {rest} värden finns i mer än en datafil",
                hint="Rätta dem ovan och kör igen.",
            ),
        ]
    return problems
