"""vp status --format xlsx: a real workbook, opened with openpyxl, checked by its content."""

from __future__ import annotations

import json

import openpyxl

AS_OF = "2020-01-31"


def test_status_workbook_has_a_sheet_per_plan_swedish_headers_and_numbers(
    in_repo, run_vp, tmp_path
) -> None:
    target = tmp_path / "status.xlsx"
    result = run_vp(
        "status", "--year", "2018", "--as-of", AS_OF, "--format", "xlsx", "-o", str(target)
    )
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(target)
    # the plans with 2018 goals: the nämnd's and the (invented) verksamhetsområde's
    assert book.sheetnames == ["degerfors-sn-2018-2019", "degerfors-voo-2018-2019"]
    sheet = book["degerfors-sn-2018-2019"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Mål", "Mått", "Område", "Målet"]
    assert sheet.freeze_panes == "A2"
    rows = {
        r[0]: dict(zip(header, r, strict=True))
        for r in sheet.iter_rows(min_row=2, values_only=True)
    }
    record = json.loads(
        run_vp("status", "--year", "2018", "--as-of", AS_OF, "--format", "json").stdout
    )["plans"][0]
    goals = {g["goal"]: g for g in record["goals"]}
    row = rows["subventionerade-40-2018"]
    assert (row["Basvärde"], row["Målvärde"], row["Utfall"]) == (
        30,
        40,
        goals["subventionerade-40-2018"]["outcome"],
    )
    assert isinstance(row["Utfall"], (int, float))  # a number, not text
    assert row["Status"] == "uppnått"
    cell = next(c for c in sheet["J"][1:] if c.value is not None)  # Utfall
    assert cell.number_format == "#,##0.0##"
    assert len(rows) + 2 >= len(goals)  # every goal, measures on rows of their own


def test_xlsx_needs_a_file(in_repo, run_vp) -> None:
    result = run_vp("status", "--format", "xlsx")
    assert result.exit_code == 2
    assert "--format xlsx skriver en fil: ange den med -o" in result.stderr
