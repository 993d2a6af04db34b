"""vp data import FILE.xlsx: Kolada's wide export and a long sheet of vp's own indicators,
with every problem at its sheet!cell, and vp validate never silent about a workbook."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from conftest import snapshot


def workbook(path: Path, rows: list[list], title: str = "Blad1") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_kolada_wide_export_with_years_as_columns(repo_copy, run_vp, tmp_path) -> None:
    source = workbook(
        tmp_path / "kolada.xlsx",
        [
            ["Kpi", "Kommun-id", "Kommun", "Kön", "2017", "2018"],
            ["U21468", "1862", "Degerfors", "Totalt", 92, 90],
            ["U21468", "1862", "Degerfors", "Kvinnor", 93, "90,5"],
            ["U21468", "G33808", "Liknande kommuner", "Totalt", 80, 81],
        ],
    )
    result = run_vp("data", "import", str(source))
    assert result.exit_code == 0, result.output
    assert "4 tillagda" in result.stdout
    assert "jämförelsegruppens värde (G33808)" in result.stdout
    written = Path("indicators-data/degerfors/kolada.csv").read_text(encoding="utf-8")
    assert "nojda-hemtjanst,2018,90.5,K,Kolada U21468" in written
    assert "nojda-hemtjanst,2017,92,T,Kolada U21468" in written
    assert ",80," not in written and ",81," not in written


def test_a_long_sheet_of_own_indicators_from_a_named_sheet(repo_copy, run_vp, tmp_path) -> None:
    source = tmp_path / "egna.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Försättsblad"
    book.active.append(["Värden för delårsrapporten"])
    data = book.create_sheet("Värden")
    for row in (["Indikator", "Period", "Värde", "Kön"], ["andel-heltider", "2021-Q1", 40.5, "T"]):
        data.append(row)
    book.save(source)
    result = run_vp("data", "import", str(source), "--sheet", "Värden")
    assert result.exit_code == 0, result.output
    assert "Arbetsboken: 1 tillagda" in result.stdout  # vp's own indicators, not Kolada's
    assert "Kolada" not in result.stdout
    assert "andel-heltider,2021-Q1,40.5,T" in Path(
        "indicators-data/degerfors/personal.csv"
    ).read_text(encoding="utf-8")


def test_problems_name_the_sheet_and_cell_and_nothing_is_written(
    repo_copy, run_vp, tmp_path
) -> None:
    text = workbook(
        tmp_path / "text.xlsx",
        [
            ["Indikator", "Period", "Värde"],
            ["andel-heltider", "2021-Q1", 40],
            ["andel-heltider", "2021-Q2", "ungefär 41"],
        ],
    )
    merged = tmp_path / "merged.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Kpi", "Kommun", "År", None])
    book.active.merge_cells("C1:D1")
    book.save(merged)
    broken = tmp_path / "trasig.xlsx"
    broken.write_bytes(b"inte en arbetsbok")
    before = snapshot(repo_copy)
    result = run_vp("data", "import", str(text))
    assert result.exit_code != 0
    assert "Blad1!C3: värdet 'ungefär 41' är inte ett tal" in result.stderr
    missing = run_vp("data", "import", str(text), "--sheet", "Data")
    assert missing.exit_code == 2
    assert "har inget blad 'Data'" in missing.stderr and "Bladen: Blad1." in missing.stderr
    result = run_vp("data", "import", str(merged))
    assert "Sheet!C1:D1 är sammanfogade celler i rubrikraden" in result.stderr
    result = run_vp("data", "import", str(broken))
    assert "går inte att läsa som Excel-arbetsbok" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(repo_copy) == before


def test_validate_is_never_silent_about_a_workbook_among_the_data(
    repo_copy, validate_json, tmp_path
) -> None:
    workbook(repo_copy / "indicators-data" / "degerfors" / "värden.xlsx", [["Kpi"]])
    code, report = validate_json()
    assert code == 0
    (problem,) = report["problems"]
    assert (problem["code"], problem["severity"]) == ("VP310", "warning")
    assert "vp data import indicators-data/degerfors/värden.xlsx" in problem["hint"]
