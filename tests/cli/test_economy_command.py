"""`vp economy status` in every format on the shipped example, and its refusals."""

from __future__ import annotations

import csv
import io

import pytest

from conftest import ROOT

T2 = ["--period", "2018-T2", "-p", "degerfors-sn-2018-2019", "--as-of", "2020-01-31"]


def test_the_terminal_table_fits_80_columns(run_vp, in_repo, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = run_vp("economy", "status", *T2)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    row = next(line for line in lines if line.strip().startswith("Socialnämnden"))
    shown = " ".join(row.replace("\u00a0", " ").split())
    assert shown == "Socialnämnden 227 268 228 867 −1 599 335 000 337 800 −2 800"


def test_csv_and_excel_carry_the_numbers(run_vp, in_repo, tmp_path) -> None:
    from openpyxl import load_workbook

    text = run_vp("economy", "status", *T2, "-f", "csv").stdout
    rows = {r["unit"]: r for r in csv.DictReader(io.StringIO(text))}
    # 52 260 − 54 672 (see test_economy_report), the monthly rows rounded to 0,1 tkr
    assert float(rows["iff"]["deviation_period"]) == pytest.approx(-2412, abs=0.5)
    assert float(rows["sn"]["forecast_year"]) == 337800.0
    excel = run_vp("economy", "status", *T2, "-f", "csv", "--excel").stdout
    assert excel.startswith("\ufeffplan;period;unit") and ";335000;337800;-2800" in excel
    target = tmp_path / "ekonomi.xlsx"
    assert run_vp("economy", "status", *T2, "-f", "xlsx", "-o", str(target)).exit_code == 0
    sheet = load_workbook(target).active
    assert sheet["A2"].value == "Socialnämnden" and sheet["G2"].value == -2800
    assert sheet["A5"].value == "  Individ- och familjeomsorg"


def test_refusals_say_what_to_do(run_vp, in_repo) -> None:
    result = run_vp("economy", "explain", "ifff", *T2)
    assert result.exit_code == 2 and "Menade du 'iff'?" in result.output
    result = run_vp("economy", "status", "-p", "bromolla-sf-2010-2011")
    assert result.exit_code == 2 and "ingen plan med ekonomi" in result.output
    assert (ROOT / "economy-data").is_dir()
