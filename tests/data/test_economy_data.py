"""Economy files under economy-data/ checked by `vp validate`: every kind of bad row gets a
located Swedish message and exit 1; amounts are read as Swedes write them."""

from __future__ import annotations

import pytest

HEADER = "unit,period,kind,amount,account,note\n"


def check(validate_json, repo, text: str) -> list[dict]:
    path = repo / "economy-data" / "degerfors" / "test.csv"
    path.write_text(text, encoding="utf-8")
    code, report = validate_json(path)
    return [] if code == 0 else report["problems"]


def test_the_shipped_economy_is_valid(validate_json, in_repo) -> None:
    code, report = validate_json("economy-data")
    assert code == 0, report["problems"]
    assert len([f for f in report["files"] if f.startswith("economy-data/")]) == 2


@pytest.mark.parametrize(
    ("row", "code", "column", "said"),
    [
        ("okand,2018-05,forecast,10,,\n", "VP902", 1, "okänd enhet 'okand'"),
        ("voo,2021-05,forecast,10,,\n", "VP903", 2, "utanför åren 2017–2019"),
        ("voo,2018-13,forecast,10,,\n", "VP903", 2, "ogiltig period"),
        ("voo,2018-05,utgift,10,,\n", "VP906", 3, "okänd typ 'utgift'"),
        ("voo,2018-05,forecast,tio,,\n", "VP904", 4, "'tio' är inte ett tal"),
    ],
)
def test_a_bad_row_is_located(validate_json, repo_copy, row, code, column, said) -> None:
    [found] = check(validate_json, repo_copy, HEADER + "voo,2018-06,forecast,10,,\n" + row)
    assert (found["code"], found["line"], found["column"]) == (code, 3, column)
    assert said in found["message"]


def test_an_unknown_column_and_a_duplicate(validate_json, repo_copy) -> None:
    [found] = check(validate_json, repo_copy, "unit,period,kind,belopp\nvoo,2018,budget,1\n")
    assert found["code"] == "VP901" and "okänd kolumn 'belopp'" in found["message"]
    assert "amount saknas" in found["message"]
    text = HEADER + "voo,2018-05,forecast,10,,\nvoo,2018-05,forecast,11,,\n"
    [found] = check(validate_json, repo_copy, text)
    assert (found["code"], found["line"]) == ("VP905", 3)
    assert "finns redan på rad 2" in found["message"]


def test_a_year_given_both_whole_and_by_month(validate_json, repo_copy) -> None:
    text = HEADER + "voo,2019-01,budget,21000,,\n"  # the shipped file has voo 2019 whole
    [found] = check(validate_json, repo_copy, text)
    assert found["code"] == "VP908" and "voo 2019" in found["message"]


def test_swedish_amounts_are_read(validate_json, repo_copy) -> None:
    text = (
        "unit;period;kind;amount\nnf;2018-05;forecast;\u221212 000,5\nnf;2018-06;forecast;(1 234)\n"
    )
    assert check(validate_json, repo_copy, text) == []


def test_budget_and_utfall_of_opposite_signs_throughout(validate_json, repo_copy) -> None:
    for shipped in (repo_copy / "economy-data" / "degerfors").glob("*.csv"):
        shipped.unlink()  # only the rows below
    text = HEADER + "voo,2018,budget,245000,,\niff,2018,budget,78000,,\n"
    text += "voo,2018-01,outcome,-20000,,\niff,2018-01,outcome,-6500,,\n"
    [found] = check(validate_json, repo_copy, text)
    assert found["code"] == "VP907"
    assert "teckenkonventionen" in found["message"] and "sign:" in found["hint"]


def test_the_parse_of_an_amount() -> None:
    from verksamhetsplan.common.swedish import parse_amount

    assert parse_amount("(1 234,5)") == -1234.5
    assert parse_amount("\u22122 000") == -2000
    assert parse_amount("1\u00a0234") == 1234
    with pytest.raises(ValueError, match="inte ett tal"):
        parse_amount("12 kr")
