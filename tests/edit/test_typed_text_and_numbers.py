"""What a user types is what the file holds, or it is refused: numbers past a float's
precision, text pasted from Word, control characters that YAML lets a plan carry; and plan
text reaches Word and Excel as text, never as a formula or a crash."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from conftest import snapshot
from verksamhetsplan.plan.yaml_reader import read_file

SN = Path("plans/degerfors/socialnamnden-2018-2019.yaml")
PERSONAL = Path("indicators-data/degerfors/personal.csv")
INFOCENTER = "    text: Infocenter används för föräldraskapsstöd."


def _goal(goal_id: str) -> dict:
    data, _ = read_file(SN)
    return next(g for g in data["goals"] if g["id"] == goal_id)


@pytest.mark.parametrize(
    "args",
    [
        ["goal", "edit", "sjuktal-2019", "--target", "minst 12345678901234567890"],
        ["data", "add", "andel-heltider", "2019-Q4", "12345678901234567890"],
        ["data", "add", "andel-heltider", "2019-Q4", "0,12345678901234567891"],
    ],
    ids=["mål", "värde", "decimaler"],
)
def test_a_number_past_a_floats_precision_is_refused(repo_copy, run_vp, args) -> None:
    before = snapshot(repo_copy)
    result = run_vp(*args)
    assert result.exit_code == 2
    assert "fler siffror än vp kan spara exakt" in result.stderr
    assert snapshot(repo_copy) == before


def test_a_large_number_is_written_as_typed_and_read_again(repo_copy, run_vp) -> None:
    result = run_vp("data", "add", "andel-heltider", "2019-Q4", "100 000 000 000 000 000 000")
    assert result.exit_code == 0, result.output
    assert "andel-heltider,2019-Q4,100000000000000000000,T" in PERSONAL.read_text("utf-8")
    assert run_vp("goal", "edit", "sjuktal-2019", "--target", "högst 1e5").exit_code == 2
    result = run_vp("goal", "edit", "sjuktal-2019", "--target", "minst 100000000000000000000")
    assert result.exit_code == 0, result.output
    assert _goal("sjuktal-2019")["target"] == {"kind": "at_least", "value": 10**20}
    checked = run_vp("validate")
    assert checked.exit_code == 0, checked.output


def test_a_comment_pasted_from_word_is_stored_and_read_back(repo_copy, run_vp) -> None:
    pasted = "\u00a0Inklistrat från Word\n\u00a0andra raden"
    result = run_vp(
        "assess", "koll-installerat-2018", "--year", "2018", "-s", "delvis", "-c", pasted
    )
    assert result.exit_code == 0, result.output
    assert run_vp("validate").exit_code == 0
    comments = [a.get("comment") for a in _goal("koll-installerat-2018")["assessments"]]
    assert pasted in comments


def _hostile_goal_text(text: str) -> None:
    plan = SN.read_text(encoding="utf-8")
    assert INFOCENTER in plan
    SN.write_text(plan.replace(INFOCENTER, f"    text: {text}"), encoding="utf-8")


def test_control_characters_reach_word_and_excel_as_visible_marks(repo_copy, run_vp) -> None:
    _hostile_goal_text('"Infocenter \\e används \\x01 för stöd."')
    assert run_vp("validate").exit_code == 0
    args = ["--plan", "degerfors-sn-2018-2019", "--year", "2018", "--as-of", "2019-03-01"]
    result = run_vp("report", *args, "-f", "docx", "-o", "r.docx")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile("r.docx") as report:
        body = report.read("word/document.xml").decode("utf-8")
    assert "Infocenter \ufffd används \ufffd för stöd." in body
    result = run_vp("status", "-f", "xlsx", "-o", "s.xlsx", "--year", "2018")
    assert result.exit_code == 0, result.output
    from openpyxl import load_workbook

    sheet = load_workbook("s.xlsx")["degerfors-sn-2018-2019"]
    texts = [row[3] for row in sheet.iter_rows(values_only=True)]
    assert "Infocenter \ufffd används \ufffd för stöd." in texts


@pytest.mark.parametrize(
    "text", ['"=HYPERLINK(\\"http://x.invalid\\",\\"Klicka\\")"', '"@SUM(A1)"']
)
def test_plan_text_is_never_a_formula_in_excel(repo_copy, run_vp, text) -> None:
    _hostile_goal_text(text)
    result = run_vp("status", "-f", "xlsx", "-o", "s.xlsx", "--year", "2018")
    assert result.exit_code == 0, result.output
    from openpyxl import load_workbook

    sheet = load_workbook("s.xlsx")["degerfors-sn-2018-2019"]
    cells = [row[3] for row in sheet.iter_rows() if str(row[3].value).startswith(("=", "@"))]
    assert len(cells) == 1
    assert cells[0].data_type == "s"  # stored as text
    with zipfile.ZipFile("s.xlsx") as book:
        assert not any(b"<f>" in book.read(n) for n in book.namelist())  # no formula at all


def test_a_goal_text_that_looks_like_an_excel_error_stays_text(repo_copy, run_vp) -> None:
    """'#N/A' typed as a goal text: Excel would show an error value if it were stored as one."""
    _hostile_goal_text('"#N/A"')
    result = run_vp("status", "-f", "xlsx", "-o", "s.xlsx", "--year", "2018")
    assert result.exit_code == 0, result.output
    from openpyxl import load_workbook

    sheet = load_workbook("s.xlsx")["degerfors-sn-2018-2019"]
    cells = [row[3] for row in sheet.iter_rows() if row[3].value == "#N/A"]
    assert len(cells) == 1 and cells[0].data_type == "s"
