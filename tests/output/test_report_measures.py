"""A measure in a period report shows its outcome so far and its full-year forecast with the
forecast's verdict, each labelled as what it is: never a measured status called a forecast.

All In 2018 (the Degerfors plan): 23 participants by August against "minst 30", so "ej
uppnått" so far. The forecast is the straight line through January–August (3, 5, 8, 12, 15,
17, 20, 23): mean month 4,5, mean value 103/8 = 12,875, slope 122,5/42 = 2,9167, so December
= 12,875 + 2,9167 × 7,5 = 34,75, at least 30: "bedöms uppnås"."""

from __future__ import annotations

import json
import re

from docx import Document

from verksamhetsplan.common.swedish import number

ARGS = ["--period", "2018-T2", "--plan", "degerfors-sn-2018-2019", "--as-of", "2020-03-01"]


def _flat(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text).replace("\u00a0", " ").split())


def test_markdown_labels_outcome_so_far_and_forecast(in_repo, run_vp) -> None:
    text = run_vp("report", *ARGS, "-f", "md", "-o", "-").stdout
    line = next(
        li for li in text.splitlines() if "Minst 30 deltagare har deltagit." in li and "–" in li
    )
    assert "ej uppnått hittills" in line
    assert "utfall hittills 23" in line
    assert "prognos för helåret 34,75: ✔ bedöms uppnås" in line
    assert "(prognos)" not in text


def test_html_has_a_forecast_column_for_running_measures(in_repo, run_vp, tmp_path) -> None:
    out = tmp_path / "r.html"
    assert run_vp("report", *ARGS, "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    table = html[html.index("Målets mått", html.index("All In")) :]
    table = table[: table.index("</table>")]
    assert "Prognos för helåret" in table and "Utfall hittills" in table
    row = next(r for r in table.split("<tr>") if "Minst 30 deltagare" in r)
    assert "34,75" in _flat(row) and "bedöms uppnås" in _flat(row)
    assert "(prognos)" not in html


def test_word_has_the_same_columns(in_repo, run_vp, tmp_path) -> None:
    out = tmp_path / "r.docx"
    assert run_vp("report", *ARGS, "-f", "docx", "-o", str(out)).exit_code == 0
    tables = [t for t in Document(str(out)).tables if t.rows[0].cells[0].text == "Mått"]
    table = next(t for t in tables if any("deltagare" in r.cells[0].text for r in t.rows))
    assert [c.text for c in table.rows[0].cells][-1] == "Prognos för helåret"
    row = next(r for r in table.rows if "Minst 30 deltagare" in r.cells[0].text)
    assert " ".join(row.cells[-1].text.split()) == "34,75: ✔ bedöms uppnås"
    assert row.cells[5].text == "23"


def test_status_json_gives_the_reports_gender_outcomes_during_the_year(in_repo, run_vp) -> None:
    # Andel heltider in the 2019 delår: the last quarter by August is 2019-Q2, whose rows in
    # personal.csv are K 38,1 and M 53,1: the outcome so far, per gender, in both places.
    args = ["--period", "2019-T2", "--plan", "degerfors-sn-2018-2019", "--as-of", "2020-03-01"]
    record = json.loads(run_vp("status", *args, "-f", "json").stdout)
    goal = next(g for g in record["plans"][0]["goals"] if g["goal"] == "heltid-okning-2019")
    assert goal["by_gender"] == {"K": 38.1, "M": 53.1}
    assert set(goal["by_gender_forecast"]) == {"K", "M"}
    report = run_vp("report", *args, "-f", "md", "-o", "-").stdout.replace("\u00a0", " ")
    assert "**Utfall hittills K:** 38,1 %" in report
    assert "**Utfall hittills M:** 53,1 %" in report
    k = number(goal["by_gender_forecast"]["K"])
    assert f"**Utfall hittills K:** 38,1 % · prognos för helåret {k} %" in report
