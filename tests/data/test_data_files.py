"""Indicator data files: every format we promise to read, read alike by both readers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CASES, ROOT
from verksamhetsplan.data import format as datafmt
from verksamhetsplan.data.arrow import load_series
from verksamhetsplan.data.rows import read_series

DATA_CASES = CASES / "data"
PLAN = DATA_CASES / "plans.yaml"
VALID = sorted((DATA_CASES / "valid").glob("*.csv"))
INVALID = sorted((DATA_CASES / "invalid").glob("*/*.csv"))


READERS = {"pyarrow": load_series, "stdlib": read_series}


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_every_accepted_format_validates_and_loads_the_same_values(
    validate_json, case, reader
) -> None:
    code, report = validate_json(PLAN, case)
    assert (code, report["problems"]) == (0, [])
    series = READERS[reader]([(case, case.name)])
    andel = {o.period: o.value for o in series[("andel", "T")]}
    assert andel == {"2018": 12.5}
    assert [o.value for o in series[("andel", "K")]] == [14.0]
    antal = series[("antal", "T")]
    assert [(o.period, o.value, o.missing) for o in antal] == [
        ("2018-03", 1234.0, None),
        ("2018-04", None, "värde saknas"),
    ]
    assert antal[0].file == case.name and antal[0].line == 4


@pytest.mark.parametrize("case", INVALID, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_bad_data_is_reported_with_file_line_and_column(validate_json, case: Path) -> None:
    code, report = validate_json(PLAN, case)
    assert code == 1
    expected_code = case.parent.name
    found = [p for p in report["problems"] if p["code"] == expected_code]
    assert found, [p["code"] for p in report["problems"]]
    place, _, text = case.with_suffix(".expect").read_text(encoding="utf-8").strip().partition(" ")
    line, column = map(int, place.split(":"))
    assert (found[0]["file"].endswith(case.name), found[0]["line"], found[0]["column"]) == (
        True,
        line,
        column,
    )
    assert text.lower() in f"{found[0]['message']} {found[0]['hint'] or ''}".lower()


@pytest.mark.parametrize("text", ["12,5", "12.5", " 12,5 ", "1 234,5", "1\u00a0234", "-3", "−3"])
def test_numbers_as_swedes_write_them(text: str) -> None:
    value, missing = datafmt.parse_value(text)
    assert missing is None
    assert (
        value
        == {
            "12,5": 12.5,
            "12.5": 12.5,
            " 12,5 ": 12.5,
            "1 234,5": 1234.5,
            "1\u00a0234": 1234.0,
            "-3": -3.0,
            "−3": -3.0,
        }[text]
    )


@pytest.mark.parametrize(
    ("marker", "reason"),
    [("-", "värde saknas"), (".", "ej tillämpligt"), ("..", "sekretess"), ("", "värde saknas")],
)
def test_kolada_markers_are_missing_values_with_their_reason(marker: str, reason: str) -> None:
    assert datafmt.parse_value(marker) == (None, reason)


def test_shipped_data_reads_alike_with_pyarrow_and_the_stdlib() -> None:
    for path in sorted((ROOT / "indicators-data").rglob("*.csv")):
        files = [(path, path.name)]
        assert load_series(files) == read_series(files), path.name


def test_shipped_data_validates(run_vp, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run_vp("validate", "--format", "json")
    report = json.loads(result.stdout)
    assert result.exit_code == 0
    # personal, socialtjänst, integration, and Vård och Omsorg's own monthly figure
    assert sum(f.startswith("indicators-data/") for f in report["files"]) == 4
    assert sum(f.startswith("economy-data/") and f.endswith(".csv") for f in report["files"]) == 2


@pytest.mark.parametrize("case", INVALID + VALID, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_large_data_path_reports_exactly_what_the_row_checker_does(
    validate_json, monkeypatch, case: Path
) -> None:
    from verksamhetsplan.data import validate

    expected = validate_json(PLAN, case)
    monkeypatch.setattr(validate, "LARGE_DATA_BYTES", 0)  # read as if it were national data
    assert validate_json(PLAN, case) == expected


def test_many_problems_of_one_kind_are_counted_not_all_listed(validate_json, tmp_path) -> None:
    rows = "".join(f"okand-{n},2018,1\n" for n in range(500))
    (tmp_path / "data.csv").write_text("indicator,period,value\n" + rows, encoding="utf-8")
    code, report = validate_json(PLAN, tmp_path / "data.csv")
    assert code == 1
    listed = [p for p in report["problems"] if p["line"] is not None]
    assert len(listed) == 20
    (summary,) = [p for p in report["problems"] if p["line"] is None]
    assert "ytterligare 480 rader" in summary["message"]
