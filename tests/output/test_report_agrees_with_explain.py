"""The shipped Degerfors delårsrapport (tertial 2 2018) and verksamhetsberättelse (2019), in
all four formats, say what `vp explain` says for the same period: every goal's and measure's
verdict and forecast verdict, and every outcome, target and forecast number. The formats
are read as a reader's tools read them: pandoc for HTML, Markdown and Word, poppler for PDF.
And the delårsrapport says nothing of 2019."""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from test_report_formats import need

from verksamhetsplan.followup.words import FORECAST_WORDS, STATUS

SN = "degerfors-sn-2018-2019"
REPORTS = {"delar-2018-T2": ["--period", "2018-T2"], "ar-2019": ["--year", "2019"]}
FORMATS = ("html", "md", "docx", "pdf")
# Every verdict phrase, longest first, so "delvis uppnått" is never read as "uppnått".
PHRASES = sorted(
    {word for word, *_ in STATUS.values()} | set(FORECAST_WORDS.values()),
    key=len,
    reverse=True,
)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def plain(path: Path) -> str:
    """The document's text in reading order; hyphens dropped on both sides of any compare,
    as pdftotext joins a word broken at a line end."""
    if path.suffix == ".pdf":
        command = [need("pdftotext"), str(path), "-"]
    else:
        kind = {".html": "html", ".md": "markdown", ".docx": "docx"}[path.suffix]
        command = [need("pandoc"), "-f", kind, "-t", "plain", "--columns=100000", str(path)]
    return squash(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def unhyphen(text: str) -> str:
    return squash(re.sub(r" ?- ?", " ", text))


def verdicts(text: str) -> Counter[str]:
    return Counter(re.findall("|".join(map(re.escape, PHRASES)), text))


def explained(run_vp, goal: str, args: list[str]) -> tuple[Counter[str], list[str]]:
    """The verdict words and the numbers `vp explain` gives for a goal."""
    result = run_vp("explain", f"{SN}/{goal}", *args)
    assert result.exit_code == 0, result.output
    found: Counter[str] = Counter()
    numbers = []
    for line in squash_lines(result.stdout):
        said = re.match(r"(?:Resultat(?: för målet)?|Prognosbedömning för helåret): \S+ (.+)", line)
        if said:
            found += verdicts(said[1].split(" (")[0].split(" – ")[0])
        for pattern in (
            r"utfall hittills = (-?[\d ]+(?:,\d+)?)",
            r"^= (-?[\d ]+(?:,\d+)?)",  # a year's outcome
            r"prognosen (-?[\d ]+(?:,\d+)?)",
            r"^Målvärde: (?:.* = |minst |högst )(-?[\d ]+(?:,\d+)?)",
        ):
            number = re.search(pattern, line)
            if number:
                numbers.append(number[1].strip())
    return found, numbers


def squash_lines(text: str) -> list[str]:
    return [squash(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """The eight reports, written once by the real CLI in the shipped repository."""
    import os

    from typer.testing import CliRunner

    from conftest import ROOT
    from verksamhetsplan.cli import app

    out = tmp_path_factory.mktemp("rapporter")
    files = {}
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        for name, args in REPORTS.items():
            for kind in FORMATS:
                target = out / f"{name}.{kind}"
                result = CliRunner().invoke(
                    app, ["report", *args, "--plan", SN, "-f", kind, "-o", str(target)],
                    catch_exceptions=False,
                )  # fmt: skip
                assert result.exit_code == 0, result.output
                files[name, kind] = target
    finally:
        os.chdir(here)
    return files


def goals_of(run_vp, args: list[str]) -> list[dict]:
    status = run_vp("status", "--format", "json", "--plan", SN, *args)
    assert status.exit_code == 0, status.output
    return json.loads(status.stdout)["plans"][0]["goals"]


def sections(text: str, goals: list[dict], year: int) -> dict[str, str]:
    """Each goal's section: from its heading to the next goal's, after the goal matrix."""
    text = unhyphen(text)
    start = text.index(f"Mål {year}", text.index("Sammanställning av mål") + 30)
    found = []
    for goal in goals:
        at = text.find(unhyphen(goal["text"]), start)
        assert at >= 0, f"målet {goal['goal']} saknas"
        found.append(at)
        start = at + 1
    # The key-figure section's heading, not a goal's "Nyckeltal:" line.
    found.append(text.rindex("Nyckeltal", start, text.index("Nyckeltal Redovisas", start)))
    return {g["goal"]: text[found[i] : found[i + 1]] for i, g in enumerate(goals)}


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("name", list(REPORTS))
def test_every_verdict_and_number_equals_vp_explain(
    in_repo, run_vp, written, name: str, kind: str
) -> None:
    args = REPORTS[name]
    goals = goals_of(run_vp, args)
    year = goals[0]["year"]
    parts = sections(plain(written[name, kind]), goals, year)
    checked = 0
    for goal in goals:
        said, numbers = explained(run_vp, goal["goal"], args)
        section = parts[goal["goal"]]
        # The section may say more (an assessment's own status, a K/M split), never less.
        missing = said - verdicts(section)
        assert not missing, (goal["goal"], dict(missing))
        for number in numbers:
            assert re.search(rf"(?<![\d,]){re.escape(number)}(?![\d])", section), (
                goal["goal"],
                number,
            )
        checked += sum(said.values()) + len(numbers)
    assert checked >= 30  # the check sees the report's verdicts and numbers


@pytest.mark.parametrize("kind", FORMATS)
def test_the_delarsrapport_says_nothing_of_the_year_after(
    in_repo, run_vp, written, kind: str
) -> None:
    text = unhyphen(plain(written["delar-2018-T2", kind]))
    assert (
        "Data till och med: 31 augusti 2018" in text or "Data till och med 31 augusti 2018" in text
    )
    this_year = {goal["text"] for goal in goals_of(run_vp, ["--year", "2018"])}
    later = [g for g in goals_of(run_vp, ["--year", "2019"]) if g["text"] not in this_year]
    assert len(later) >= 5  # 2019's own goals, not those repeated from 2018 word for word
    for goal in later:
        assert unhyphen(goal["text"]) not in text, goal["goal"]
    assert "Mål 2019" not in text
    assert "Beräknat per" not in text  # computed for its own period, no later as-of
