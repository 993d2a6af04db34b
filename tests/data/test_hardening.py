"""Data that used to give wrong numbers with exit 0, or a crash: now a located message."""

from __future__ import annotations

import pytest

from conftest import CASES

PLAN = CASES / "data" / "plans.yaml"


@pytest.mark.parametrize("large", [False, True], ids=["rad för rad", "pyarrow"])
def test_the_same_value_in_two_files_is_a_duplicate_not_a_silent_merge(
    validate_json, monkeypatch, tmp_path, large
) -> None:
    from verksamhetsplan.data import validate

    if large:
        monkeypatch.setattr(validate, "LARGE_DATA_BYTES", 0)
    folder = tmp_path / "indicators-data" / "test"
    folder.mkdir(parents=True)
    (folder / "a.csv").write_text(
        "indicator,period,value,gender\nandel,2018,12.5,T\nandel,2019,13,T\n", "utf-8"
    )
    (folder / "b.csv").write_text(
        "indicator,period,value,gender\nandel,2018,12.5,K\nandel,2018,40,T\n", "utf-8"
    )
    code, report = validate_json(PLAN, folder)
    assert code == 1
    (problem,) = report["problems"]
    assert (problem["code"], problem["line"]) == ("VP306", 3)
    assert problem["file"].endswith("b.csv")
    assert "'andel' har värden för 2018 (T) både här och i" in problem["message"]
    assert problem["message"].endswith("a.csv, rad 2")
    # Different genders or periods in two files are no duplicates.
    (folder / "b.csv").write_text(
        "indicator,period,value,gender\nandel,2018,12.5,K\nandel,2017,40,T\n", "utf-8"
    )
    assert validate_json(PLAN, folder)[0] == 0


def test_a_field_beyond_the_csv_limit_is_located_not_a_crash(validate_json, tmp_path) -> None:
    data = tmp_path / "data.csv"
    data.write_text(
        'indicator,period,value,note\nandel,2018,1,ok\nandel,2019,2,"' + "x" * 140_000 + "\n",
        "utf-8",
    )
    code, report = validate_json(PLAN, data)
    assert code == 1
    (problem,) = report["problems"]
    assert (problem["code"], problem["line"]) == ("VP308", 3)
    assert "ett fält är längre än 131\u00a0072 tecken" in problem["message"]
    assert len(problem["message"]) < 200  # the field is not quoted back


def test_a_long_bad_value_is_quoted_short(validate_json, tmp_path) -> None:
    data = tmp_path / "data.csv"
    data.write_text("indicator,period,value\nandel,2018," + "9x" * 5000 + "\n", "utf-8")
    code, report = validate_json(PLAN, data)
    assert code == 1
    assert len(report["problems"][0]["message"]) < 120


def test_editing_refuses_a_file_it_cannot_keep_byte_for_byte(repo_copy, run_vp) -> None:
    from conftest import snapshot

    data = repo_copy / "indicators-data" / "degerfors" / "extra.csv"
    data.write_text('indicator,period,value,gender,note\nandel-heltider,2021-Q1,40,T,"a\nb"\n')
    assert run_vp("validate").exit_code == 0  # a note may hold a line break
    before = snapshot(repo_copy)
    result = run_vp("data", "add", "andel-heltider", "2021-Q2", "41", "--file", str(data))
    assert result.exit_code == 1
    assert "har ett fält som fortsätter över en radbrytning (rad 2)" in result.stderr
    assert snapshot(repo_copy) == before


def test_data_add_to_another_file_refuses_a_duplicate_across_files(repo_copy, run_vp) -> None:
    from conftest import snapshot

    other = repo_copy / "indicators-data" / "degerfors" / "extra.csv"
    other.write_text("indicator,period,value,gender\n", "utf-8")
    before = snapshot(repo_copy)
    result = run_vp("data", "add", "andel-heltider", "2018-Q1", "40", "--file", str(other))
    assert result.exit_code == 1
    assert "'andel-heltider' har värden för 2018-Q1 (T) både här och i" in result.stderr
    assert "personal.csv, rad" in result.stderr
    assert snapshot(repo_copy) == before
    # A period nobody has yet goes in.
    assert (
        run_vp("data", "add", "andel-heltider", "2021-Q1", "40", "--file", str(other)).exit_code
        == 0
    )
    assert run_vp("validate").exit_code == 0
