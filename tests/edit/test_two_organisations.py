"""Two organisations in one repository: values go to the organisation they belong to, and a
named data file decides which organisation's indicator a value is for."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CASES, snapshot

OTHER_PLAN = """id: annan-plan
kind: verksamhetsplan
title: Annan nämnds plan
organisation: Annan kommun
period: {start: 2018, end: 2019}
areas:
  - id: annat-omrade
    title: Område
indicators:
  - id: nojda-sarskilt-boende
    title: Andel nöjda i särskilt boende
    unit: percent
    frequency: year
    better: higher
    by_gender: true
    source: {kolada: U23471}
goals:
  - id: annat-mal
    area: annat-omrade
    year: 2018
    text: Fler är nöjda.
    indicator: nojda-sarskilt-boende
    baseline: {value: 80}
    target: {kind: at_least, value: 85}
"""
OTHER_DATA = Path("indicators-data/annan/data.csv")


@pytest.fixture
def two_organisations(repo_copy) -> Path:
    (repo_copy / "plans" / "annan").mkdir()
    (repo_copy / "plans" / "annan" / "plan.yaml").write_text(OTHER_PLAN, encoding="utf-8")
    OTHER_DATA.parent.mkdir(parents=True)
    OTHER_DATA.write_text("indicator,period,value,gender,note\n", encoding="utf-8")
    return repo_copy


def test_an_import_writes_only_into_the_organisation_that_declares_the_municipality(
    two_organisations, run_vp
) -> None:
    assert run_vp("validate").exit_code == 0
    before = OTHER_DATA.read_bytes()
    source = CASES / "kolada" / "v3-two-municipalities.json"
    result = run_vp("data", "import", str(source), "--kommun", "1862")
    assert result.exit_code == 0, result.output
    assert OTHER_DATA.read_bytes() == before  # annan declares no kolada_id: not its values
    assert "organisationen annan anger inget kolada_id" in result.stdout
    written = Path("indicators-data/degerfors/kolada.csv").read_text(encoding="utf-8")
    assert "nojda-sarskilt-boende,2018,84,T,Kolada U23471" in written


def test_data_add_with_file_takes_that_organisations_indicator(two_organisations, run_vp):
    before = snapshot(two_organisations)
    result = run_vp(
        "data", "add", "nojda-sarskilt-boende", "2018", "81,5", "--file", str(OTHER_DATA)
    )
    assert result.exit_code == 0, result.output
    assert OTHER_DATA.read_text(encoding="utf-8").splitlines()[1] == (
        "nojda-sarskilt-boende,2018,81.5,T,"
    )
    after = snapshot(two_organisations)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {OTHER_DATA.as_posix()}
    assert run_vp("validate").exit_code == 0
    removed = run_vp("data", "remove", "nojda-sarskilt-boende", "2018", "--file", str(OTHER_DATA))
    assert removed.exit_code == 0, removed.output
    assert OTHER_DATA.read_text(encoding="utf-8") == "indicator,period,value,gender,note\n"


def test_data_add_without_file_still_asks_which_organisation(two_organisations, run_vp):
    result = run_vp("data", "add", "nojda-sarskilt-boende", "2018", "81,5")
    assert result.exit_code == 2
    assert "finns hos flera organisationer" in result.stderr and "--file" in result.stderr


def test_a_file_of_a_third_place_is_refused(two_organisations, run_vp) -> None:
    Path("indicators-data/tredje").mkdir()
    third = Path("indicators-data/tredje/data.csv")
    third.write_text("indicator,period,value,gender,note\n", encoding="utf-8")
    result = run_vp("data", "add", "nojda-sarskilt-boende", "2018", "81", "--file", str(third))
    assert result.exit_code == 2
    assert "hör inte till någon organisation med nyckeltalet" in result.stderr
