"""One Swedish number module: what people type is read the same everywhere, and what vp
writes it reads again, in files, on the command line and on the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import snapshot
from verksamhetsplan.common.swedish import parse_number, plain_number
from verksamhetsplan.plan.yaml_reader import read_file

SN = Path("plans/degerfors/socialnamnden-2018-2019.yaml")
PERSONAL = Path("indicators-data/degerfors/personal.csv")


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1 234,5", 1234.5),
        ("1\u00a0234,5", 1234.5),  # a no-break space from Excel
        ("1\u202f234\u202f567", 1234567.0),
        ("−2", -2.0),  # the minus sign, as Word writes it
        ("+3.25", 3.25),
        ("0,0000001", 1e-07),
    ],
)
def test_numbers_as_people_type_them(typed, value) -> None:
    assert parse_number(typed) == value


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1.234,5", "har både punkt och komma"),
        ("12 34", "är inte ett tal"),
        ("1e-07", "är inte ett tal"),  # an exponent is no way a person writes a value
    ],
)
def test_what_is_no_number_is_refused_in_swedish(typed, message) -> None:
    with pytest.raises(ValueError, match=message):
        parse_number(typed)


@pytest.mark.parametrize(
    ("value", "decimal", "written"),
    [
        (1e-07, ".", "0.0000001"),
        (1e-07, ",", "0,0000001"),
        (30.0, ".", "30"),
        (-2.5, ",", "-2,5"),
        (1234567.0, ",", "1234567"),
        (72.225, ".", "72.225"),
    ],
)
def test_files_get_every_digit_and_no_exponent(value, decimal, written) -> None:
    assert plain_number(value, decimal) == written
    assert parse_number(written) == value  # what vp writes, vp reads


def test_a_tiny_value_added_by_command_is_written_so_that_vp_reads_it(repo_copy, run_vp) -> None:
    result = run_vp("data", "add", "andel-heltider", "2019-Q4", "0,0000001")
    assert result.exit_code == 0, result.output
    assert "andel-heltider,2019-Q4,0.0000001,T" in PERSONAL.read_text("utf-8")
    assert "e-07" not in PERSONAL.read_text("utf-8")
    checked = run_vp("validate", "--strict")
    assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize(
    ("typed", "target"),
    [
        ("minst 1 234,5", {"kind": "at_least", "value": 1234.5}),
        ("högst −2", {"kind": "at_most", "value": -2}),
        ("högst 1\u00a0000", {"kind": "at_most", "value": 1000}),
    ],
)
def test_targets_take_the_numbers_the_data_reader_takes(repo_copy, run_vp, typed, target) -> None:
    before = snapshot(repo_copy)
    result = run_vp("goal", "edit", "sjuktal-2019", "--target", typed, "--dry-run")
    assert result.exit_code == 0, result.output
    assert snapshot(repo_copy) == before
    result = run_vp("goal", "edit", "sjuktal-2019", "--target", typed)
    assert result.exit_code == 0, result.output
    data, _ = read_file(SN)
    goal = next(g for g in data["goals"] if g["id"] == "sjuktal-2019")
    assert goal["target"] == target


def test_the_site_writes_a_large_value_in_swedish(repo_copy, run_vp, tmp_path) -> None:
    assert (
        run_vp(
            "data", "add", "antal-avvikelser", "2019-12", "1234567", "--file", str(PERSONAL)
        ).exit_code
        == 0
    )
    out = tmp_path / "webb"
    result = run_vp("site", str(out), "--as-of", "2020-03-01")
    assert result.exit_code == 0, result.output
    page = (out / "degerfors-sn-2018-2019" / "nyckeltal" / "antal-avvikelser.html").read_text()
    assert "1\u00a0234\u00a0567" in page
    assert "e+06" not in page and "1,23457" not in page
