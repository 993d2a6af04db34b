"""Activities in a period report: their status at the period's end, the latest follow-up's
date and comment, and a mark on those not followed up since the period began."""

from __future__ import annotations

from pathlib import Path

from docx import Document

ARGS = ["--period", "2018-T2", "--plan", "degerfors-sn-2018-2019", "--as-of", "2020-01-31"]


def _follow_up(run_vp) -> None:
    for args in (
        ["koll", "-s", "ongoing", "-c", "Installerat i tre enheter.", "--date", "2018-06-15"],
        ["koll", "-s", "done", "-c", "Klart överallt.", "--date", "2018-10-01"],  # after T2
    ):
        result = run_vp("activity", *args, "--by", "Verksamhetsutvecklaren")
        assert result.exit_code == 0, result.output


def test_markdown_shows_status_at_the_periods_end_with_date_and_comment(repo_copy, run_vp):
    _follow_up(run_vp)
    text = run_vp("report", *ARGS, "-f", "md", "-o", "-").stdout
    table = text[text.index("## Strategiska aktiviteter") :].split("\n## ")[0]
    header = next(line for line in table.splitlines() if line.startswith("| Målområde"))
    assert header == "| Målområde | Aktivitet | Status | Senast uppföljd | Kommentar | Ansvarig |"
    koll = next(line for line in table.splitlines() if "KOLL" in line and "| pågår |" in line)
    assert "| 15 juni 2018 | Installerat i tre enheter. |" in koll
    assert "Klart överallt" not in text  # the October follow-up is after the delår
    # Heltidsmodell was never followed up: marked, since the delår began on 1 maj 2018.
    assert "(inte uppföljd under perioden)" in table
    assert (
        "(pågår, uppföljd 15 juni 2018: Installerat i tre enheter.)" in text
    )  # beside the goal it serves
    assert "inte uppföljd sedan 1 maj 2018" in text


def test_word_and_html_carry_the_same(repo_copy, run_vp) -> None:
    _follow_up(run_vp)
    assert run_vp("report", *ARGS, "-f", "docx", "-o", "r.docx").exit_code == 0
    tables = [t for t in Document("r.docx").tables if t.rows[0].cells[0].text == "Målområde"]
    activities = next(
        t for t in tables if [c.text for c in t.rows[0].cells][3:4] == ["Senast uppföljd"]
    )
    koll = next(r for r in activities.rows if "KOLL" in r.cells[1].text)
    assert [c.text for c in koll.cells[2:5]] == [
        "pågår",
        "15 juni 2018",
        "Installerat i tre enheter.",
    ]
    assert run_vp("report", *ARGS, "-o", "r.html").exit_code == 0
    html = Path("r.html").read_text(encoding="utf-8")
    assert "<td>15 juni 2018</td><td>Installerat i tre enheter.</td>" in html


def test_the_site_shows_the_latest_follow_up_and_comment(repo_copy, run_vp) -> None:
    _follow_up(run_vp)
    assert run_vp("site", "webb", "--as-of", "2018-09-01").exit_code == 0
    page = Path("webb/degerfors-sn-2018-2019/index.html").read_text(encoding="utf-8")
    assert "– pågår, uppföljd 15 juni 2018: Installerat i tre enheter.</li>" in page
