"""vp data add and vp data import on a copy of the shipped repository: values land in the
right file in that file's own format, and nothing else in it moves."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from conftest import CASES, only_added_lines, snapshot

PERSONAL = Path("indicators-data/degerfors/personal.csv")
SOCIAL = Path("indicators-data/degerfors/socialtjanst.csv")  # Swedish Excel: ; , cp1252
KOLADA = CASES / "kolada"


def _changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def test_replacing_a_value_in_an_excel_file_changes_only_that_cell(repo_copy, run_vp) -> None:
    before = snapshot(repo_copy)
    result = run_vp("data", "add", "andel-hushall-forsorjningsstod", "2019-11", "5.25")
    assert result.exit_code == 0, result.output
    assert "Ersatte andel-hushall-forsorjningsstod 2019-11: 4,77 → 5,25" in result.stdout
    after = snapshot(repo_copy)
    assert _changed(before, after) == {SOCIAL.as_posix()}
    old, new = before[SOCIAL.as_posix()], after[SOCIAL.as_posix()]
    assert new == old.replace(
        b"andel-hushall-forsorjningsstod;2019-11;4,77;",
        b"andel-hushall-forsorjningsstod;2019-11;5,25;",
    )
    assert b"V\xe4rde" in new  # still Windows-1252
    assert run_vp("validate", "--strict").exit_code == 0


def test_adding_a_value_goes_after_the_series_in_the_files_format(repo_copy, run_vp) -> None:
    before = PERSONAL.read_bytes()
    result = run_vp("data", "add", "andel-heltider", "2020-Q1", "55,5", "--gender", "K")
    assert result.exit_code == 0, result.output
    assert "Lade till andel-heltider 2020-Q1 (K) = 55,5" in result.stdout
    # personal.csv has Windows line breaks, and so has the new line.
    assert only_added_lines(before, PERSONAL.read_bytes()) == ["andel-heltider,2020-Q1,55.5,K,\r\n"]
    lines = PERSONAL.read_text().splitlines()
    at = lines.index("andel-heltider,2020-Q1,55.5,K,")
    assert lines[at - 1].startswith("andel-heltider,") and not lines[at + 1].startswith(
        "andel-heltider,"
    )


def test_the_same_value_twice_changes_nothing(repo_copy, run_vp) -> None:
    before = snapshot(repo_copy)
    result = run_vp("data", "add", "andel-heltider", "2019-Q4", "54,9", "-g", "M")
    assert result.exit_code == 0
    assert "är redan 54.9" in result.stdout and "ingenting är ändrat" in result.stdout
    assert snapshot(repo_copy) == before


def test_unix_line_breaks_and_byte_order_mark_are_kept(repo_copy, run_vp) -> None:
    unix = codecs.BOM_UTF8 + PERSONAL.read_bytes().replace(b"\r\n", b"\n")
    PERSONAL.write_bytes(unix)
    result = run_vp("data", "add", "andel-heltider", "2020-Q1", "56", "-g", "T")
    assert result.exit_code == 0, result.output
    new = PERSONAL.read_bytes()
    assert new.startswith(codecs.BOM_UTF8) and b"\r" not in new
    assert only_added_lines(unix[3:], new[3:]) == ["andel-heltider,2020-Q1,56,T,\n"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["andel-heltidr", "2019-Q1", "1"], "Menade du 'andel-heltider'?"),
        (
            ["andel-heltider", "2019-05", "1"],
            "passar inte 'andel-heltider', som redovisas per kvartal",
        ),
        (["andel-heltider", "2019-Q1", "1,2,3"], "inte ett tal"),
        (["andel-heltider", "2019-Q1", "tolv"], "värdet 'tolv' är inte ett tal"),
        (["andel-heltider", "2019-Q1", "1.234,5"], "både punkt och komma"),
        (["andel-heltider", "2019-Q1", "-"], "inget tal"),
        (["andel-hushall-forsorjningsstod", "2019-11", "5", "-g", "K"], "inte uppdelat på kön"),
        (["andel-heltider", "2019-Q1", "5", "-g", "X"], "Tillåtna: K, M, T"),
        (["nojda-hemtjanst", "2019", "90"], "Välj en med --file"),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(repo_copy, run_vp, args, message) -> None:
    before = snapshot(repo_copy)
    result = run_vp("data", "add", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert snapshot(repo_copy) == before


def test_a_file_that_only_mentions_an_indicator_does_not_hold_its_series(repo_copy, run_vp) -> None:
    raw = PERSONAL.read_bytes()
    assert b",T,\r\n" in raw
    PERSONAL.write_bytes(raw.replace(b",T,\r\n", b",T,jfr nojda-hemtjanst\r\n", 1))
    before = snapshot(repo_copy)
    result = run_vp("data", "add", "nojda-hemtjanst", "2019", "90")
    assert result.exit_code == 2 and "Välj en med --file" in result.stderr
    assert snapshot(repo_copy) == before


def test_a_read_only_data_file_is_left_alone(repo_copy, run_vp) -> None:
    PERSONAL.chmod(0o444)
    before = snapshot(repo_copy)
    result = run_vp("data", "add", "andel-heltider", "2020-Q1", "56")
    assert result.exit_code == 1 and "skrivskyddad" in result.stderr
    assert snapshot(repo_copy) == before


def test_kolada_json_import_adds_then_changes_nothing(repo_copy, run_vp) -> None:
    first = run_vp("data", "import", str(KOLADA / "v2-degerfors.json"))
    assert first.exit_code == 0, first.output
    assert "Kolada: 5 tillagda, 0 ändrade, 0 redan aktuella, 2 överhoppade." in first.stdout
    assert "N00945: inget nyckeltal i planerna har detta Kolada-id" in first.stdout
    assert "värde saknas i Kolada" in first.stdout
    written = Path("indicators-data/degerfors/kolada.csv").read_text(encoding="utf-8")
    assert "nojda-hemtjanst,2018,90.5,K,Kolada U21468\n" in written
    before = snapshot(repo_copy)
    second = run_vp("data", "import", str(KOLADA / "v2-degerfors.json"))
    assert second.exit_code == 0
    assert "0 tillagda, 0 ändrade, 5 redan aktuella" in second.stdout
    assert snapshot(repo_copy) == before
    shown = run_vp("explain", "nojda-hemtjanst-2019")  # a goal measured on the imported KPI
    assert shown.exit_code in (0, 2)


def test_kolada_import_reports_a_changed_value(repo_copy, run_vp, tmp_path) -> None:
    run_vp("data", "import", str(KOLADA / "v2-degerfors.json"))
    revised = json.loads((KOLADA / "v2-degerfors.json").read_text())
    revised["values"][1]["values"][2]["value"] = 91.2  # Kolada revised 2018, total
    path = tmp_path / "reviderad.json"
    path.write_text(json.dumps(revised))
    result = run_vp("data", "import", str(path))
    assert result.exit_code == 0
    assert "0 tillagda, 1 ändrade, 4 redan aktuella" in result.stdout
    assert "~ nojda-hemtjanst 2018 T: 90 → 91,2" in result.stdout


def test_kolada_v3_with_several_municipalities_writes_only_the_plans_own(repo_copy, run_vp) -> None:
    source = str(KOLADA / "v3-two-municipalities.json")
    # The Degerfors plan says kolada_id: "1862": Lekebergs (1814) value is never written.
    result = run_vp("data", "import", source)
    assert result.exit_code == 0, result.output
    assert "3 tillagda" in result.stdout
    assert "överhoppat (1): U23471: värden för andra kommuner än 1862" in result.stdout
    written = Path("indicators-data/degerfors/kolada.csv").read_text(encoding="utf-8")
    assert "nojda-sarskilt-boende,2018,79,M,Kolada U23471" in written
    assert ",88," not in written


def test_kolada_v3_with_several_municipalities_and_no_kolada_id_needs_kommun(
    repo_copy, run_vp
) -> None:
    plan = repo_copy / "plans" / "degerfors" / "socialnamnden-2018-2019.yaml"
    plan.write_text(plan.read_text("utf-8").replace('kolada_id: "1862"\n', ""), "utf-8")
    before = snapshot(repo_copy)
    source = str(KOLADA / "v3-two-municipalities.json")
    refused = run_vp("data", "import", source)
    assert (
        refused.exit_code == 2 and "flera kommuner" in refused.stderr and "1814" in refused.stderr
    )
    assert snapshot(repo_copy) == before
    result = run_vp("data", "import", source, "--kommun", "1862")
    assert result.exit_code == 0, result.output
    assert "3 tillagda" in result.stdout
    written = Path("indicators-data/degerfors/kolada.csv").read_text(encoding="utf-8")
    assert ",88," not in written


def test_kolada_excel_export_in_windows_1252(repo_copy, run_vp) -> None:
    result = run_vp("data", "import", str(KOLADA / "export-excel.csv"), "--kommun", "Degerfors")
    assert result.exit_code == 0, result.output
    assert "2 tillagda" in result.stdout and "sekretess" in result.stdout
    written = Path("indicators-data/degerfors/kolada.csv").read_text(encoding="utf-8")
    assert "nojda-hemtjanst,2016,89.5,T,Kolada U21468" in written


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("broken.json", "broken.json:2:"),
        ("stray-text.csv", "stray-text.csv:2:5: värdet '89,5 procent' är inte ett tal"),
    ],
)
def test_broken_kolada_files_are_refused_with_their_place(repo_copy, run_vp, name, message) -> None:
    before = snapshot(repo_copy)
    result = run_vp("data", "import", str(KOLADA / name))
    assert result.exit_code != 0
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(repo_copy) == before


def test_kolada_group_and_unit_values_are_skipped_and_a_value_twice_is_not_written(
    repo_copy, run_vp
) -> None:
    result = run_vp("data", "import", str(KOLADA / "v2-group-ou-and-twice.json"))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "1 tillagda" in out
    assert "U21468: jämförelsegruppens värde (G33808), inte kommunens" in out
    assert "U21468: en organisatorisk enhets värde, inte kommunens" in out
    assert "U23471 2019 T: står två gånger (" in out and "values[2]" in out
    written = Path("indicators-data/degerfors/kolada.csv").read_text(encoding="utf-8")
    assert written.splitlines()[1:] == ["nojda-hemtjanst,2019,91,T,Kolada U21468"]


def test_kolada_export_with_swedish_gender_words_and_a_dropped_leading_zero(
    repo_copy, run_vp
) -> None:
    plan = repo_copy / "plans" / "degerfors" / "socialnamnden-2018-2019.yaml"
    plan.write_text(plan.read_text("utf-8").replace('kolada_id: "1862"', 'kolada_id: "0180"'))
    result = run_vp("data", "import", str(KOLADA / "export-gender-words.csv"))
    assert result.exit_code == 0, result.output
    assert "3 tillagda" in result.stdout
    written = Path("indicators-data/degerfors/kolada.csv").read_text(encoding="utf-8")
    assert "nojda-hemtjanst,2019,79,K,Kolada U21468" in written
    assert "nojda-hemtjanst,2019,75,M,Kolada U21468" in written


def test_data_remove_takes_out_exactly_the_wrong_value(repo_copy, run_vp) -> None:
    import difflib

    data = repo_copy / "indicators-data" / "degerfors" / "personal.csv"
    before = data.read_text(encoding="utf-8")
    result = run_vp("data", "remove", "andel-heltider", "2018-Q1")
    assert result.exit_code == 0, result.output
    assert "Tog bort andel-heltider 2018-Q1 = " in result.stdout
    after = data.read_text(encoding="utf-8")
    removed = [
        line[2:]
        for line in difflib.ndiff(before.splitlines(), after.splitlines())
        if line.startswith("- ")
    ]
    added = [
        line
        for line in difflib.ndiff(before.splitlines(), after.splitlines())
        if line.startswith("+ ")
    ]
    assert removed == [
        next(x for x in before.splitlines() if x.startswith("andel-heltider,2018-Q1,"))
    ]
    assert added == []
    assert run_vp("validate").exit_code == 0
    again = run_vp("data", "remove", "andel-heltider", "2018-Q1")
    assert again.exit_code == 2
    assert "andel-heltider 2018-Q1 har inget värde i datafilerna" in again.stderr
    unknown = run_vp("data", "remove", "andel-heltidr", "2018-Q1")
    assert unknown.exit_code == 2 and "Menade du 'andel-heltider'?" in unknown.stderr
