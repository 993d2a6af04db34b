"""`vp economy import` on exports as ekonomisystem write them: an Excel workbook with merged
title rows above the header, an ignored name column, costs as negatives and a totals row;
a semicolon CSV with parentheses for negatives. Bad exports are refused at their cell and
nothing is written."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import ROOT, snapshot

TARGET = "economy-data/degerfors/degerfors-sn-2018-2019.csv"


@pytest.fixture
def repo(repo_copy):
    return repo_copy


def workbook(path: Path, rows: list[list], header=None) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Uppföljning"
    sheet["A1"] = "Uppföljning per ansvar, Socialnämnden"
    sheet.merge_cells("A1:F1")
    sheet["A2"] = "Utskrivet 2018-10-05"
    sheet.merge_cells("A2:F2")
    sheet.append([])
    sheet.append(header or ["Ansvar", "Ansvar namn", "Period", "Typ", "Belopp tkr", "Kontogrupp"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


# September 2018 as the ekonomisystem exports it: costs negative, a month as a date cell.
SEPTEMBER = [
    ["5200", "Vård och omsorg", dt.datetime(2018, 9, 1), "Prognos", -244300.5, ""],
    ["5300", "Individ- och familjeomsorg", "2018-09", "Prognos", -81650, ""],
    ["5100", "Nämnd och förvaltning", "201809", "Prognos", -11760, ""],
    ["Summa", None, None, None, -337710.5, None],
]


def test_an_excel_export_with_title_rows_and_a_totals_row(run_vp, repo, tmp_path) -> None:
    source = workbook(tmp_path / "export.xlsx", SEPTEMBER)
    result = run_vp("economy", "import", str(source))
    assert result.exit_code == 0, result.output
    assert f"Läste 3 belopp till {TARGET}" in result.stdout
    assert "summeringsraden Uppföljning!A8 lästes inte" in result.stdout
    shipped = (ROOT / TARGET).read_text(encoding="utf-8").splitlines()
    written = (repo / TARGET).read_text(encoding="utf-8").splitlines()
    assert written == [
        *shipped,  # every row there was stays as it was
        "voo,2018-09,forecast,244300.5,,",  # costs negative in the export, positive in vp's
        "iff,2018-09,forecast,81650,,",
        "nf,2018-09,forecast,11760,,",
    ]
    status = json.loads(
        run_vp(
            "economy",
            "status",
            "-p",
            "degerfors-sn-2018-2019",
            "-y",
            "2018",
            "--as-of",
            "2018-10-05",
            "-f",
            "json",
        ).stdout
    )
    units = {u["id"]: u["values"] for u in status["plans"][0]["units"]}
    assert units["sn"]["forecast_year"] == pytest.approx(337710.5)  # September's, the latest
    assert units["sn"]["deviation_year"] == pytest.approx(335000 - 337710.5)
    # importing the same month again replaces, never adds
    again = run_vp("economy", "import", str(source))
    assert again.exit_code == 0
    assert (repo / TARGET).read_text(encoding="utf-8").splitlines() == written


def test_a_semicolon_csv_with_parentheses_for_negatives(run_vp, repo, tmp_path) -> None:
    source = tmp_path / "export.csv"
    source.write_text(
        "Ansvar;Ansvar namn;Period;Typ;Belopp tkr;Kontogrupp\n"
        "5300;IFF;2018-10;Prognos;(81 750,0);\n"
        "5200;VoO;2018-10;Prognos;\u2212244 250;\n"
        "Totalt;;;;(325 900);\n",
        encoding="utf-8-sig",  # Excel's "CSV UTF-8"
    )
    result = run_vp("economy", "import", str(source), "--dry-run")
    assert result.exit_code == 0, result.output
    # October's prognoses replace the ones in the file, in their place
    assert "-iff,2018-10,forecast,81700,,Helårsprognos" in result.stdout
    assert "+iff,2018-10,forecast,81750,," in result.stdout
    assert "+voo,2018-10,forecast,244250,," in result.stdout
    assert (repo / TARGET).read_bytes() == (ROOT / TARGET).read_bytes()  # a dry run writes nothing


@pytest.mark.parametrize(
    ("change", "code", "said"),
    [
        (lambda rows: rows[0].__setitem__(4, "cirka 20"), "VP904", "Uppföljning!E5"),
        (lambda rows: rows[0].__setitem__(2, "2021-09"), "VP903", "utanför planens år"),
        (lambda rows: rows[0].__setitem__(0, "9999"), "VP902", "okänd enhet '9999'"),
        (lambda rows: rows[1].__setitem__(0, "5200"), "VP905", "står två gånger"),
        (lambda rows: rows[0].__setitem__(3, "Utgift"), "VP906", "okänd typ 'Utgift'"),
    ],
)
def test_a_bad_export_is_refused_at_its_cell(run_vp, repo, tmp_path, change, code, said) -> None:
    rows = [list(r) for r in SEPTEMBER]
    change(rows)
    rows[1][2] = "2018-09" if rows[1][0] == "5200" else rows[1][2]
    source = workbook(tmp_path / "export.xlsx", rows)
    before = snapshot(repo)
    result = run_vp("economy", "import", str(source))
    assert result.exit_code == 1, result.output
    assert code in result.output and said in result.output
    assert "ingenting har skrivits" in result.output and "Traceback" not in result.output
    assert snapshot(repo) == before


def test_an_unknown_column_is_named(run_vp, repo, tmp_path) -> None:
    header = ["Ansvar", "Ansvar namn", "Period", "Typ", "Belopp tkr", "Kontogrupp", "Moms"]
    source = workbook(tmp_path / "export.xlsx", [[*r, 0] for r in SEPTEMBER[:1]], header)
    before = snapshot(repo)
    result = run_vp("economy", "import", str(source))
    assert result.exit_code == 1
    assert (
        "VP901" in result.output
        and "okänd kolumn 'Moms' i exporten (Uppföljning!G4)" in result.output
    )
    assert snapshot(repo) == before


def test_a_sign_convention_the_data_contradicts(run_vp, repo, tmp_path) -> None:
    # budgets written as costs (positive) and utfall as the ledger's negatives, throughout
    rows = [
        ["5200", "VoO", "2019", "Budget", 252000, ""],
        ["5300", "IFF", "2019", "Budget", 80500, ""],
        ["5200", "VoO", "2019-01", "Utfall", -21000, ""],
        ["5300", "IFF", "2019-01", "Utfall", -6700, ""],
    ]
    (repo / TARGET).unlink()
    source = workbook(tmp_path / "export.xlsx", rows)
    before = snapshot(repo)
    result = run_vp("economy", "import", str(source))
    assert result.exit_code == 1, result.output
    assert "VP907" in result.output
    assert snapshot(repo) == before
