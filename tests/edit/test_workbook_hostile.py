"""Workbooks saved by other programs, or made to hurt: vp data import reads what is there,
refuses what cannot be a value at the cell that is wrong, and never hangs, balloons or
drops a row in silence."""

from __future__ import annotations

import datetime as dt
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import snapshot

HEADER = ["Indikator", "Period", "Värde", "Kön"]
PERSONAL = Path("indicators-data/degerfors/personal.csv")


def workbook(path: Path, rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Blad1"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def patched(path: Path, old: bytes, new: bytes, part: str = "xl/worksheets/sheet1.xml") -> Path:
    """The workbook with one part's bytes changed, as another program might have saved it."""
    with zipfile.ZipFile(path) as source:
        parts = {info: source.read(info.filename) for info in source.infolist()}
    out = path.with_name("patched-" + path.name)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts.items():
            if info.filename == part:
                assert old in data, data[:400]
                data = data.replace(old, new)
            target.writestr(info.filename, data)
    return out


def refused(run_vp, root: Path, source: Path) -> str:
    before = snapshot(root)
    started = time.monotonic()
    result = run_vp("data", "import", str(source))
    assert result.exit_code != 0 and result.exit_code != 70, result.output
    assert "Traceback" not in result.output and "internt fel" not in result.stderr
    assert time.monotonic() - started < 20
    assert snapshot(root) == before
    return result.stderr


def test_one_far_cell_does_not_make_a_sheet_of_billions(repo_copy, run_vp, tmp_path) -> None:
    source = workbook(tmp_path / "w.xlsx", [HEADER, ["sjukfranvaro-total", "2021-03", 4, "T"]])
    book = openpyxl.load_workbook(source)
    book.active["XFD1048576"] = "slut"
    book.save(source)
    assert source.stat().st_size < 10_000
    started = time.monotonic()
    result = run_vp("data", "import", str(source))
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started < 10
    assert "1 tillagda" in result.stdout


def test_a_package_that_unpacks_too_far_is_refused_before_reading(
    repo_copy, run_vp, tmp_path, monkeypatch
) -> None:
    from verksamhetsplan.sources import workbook as reader

    monkeypatch.setattr(reader, "MAX_PART", 1024 * 1024)
    source = workbook(tmp_path / "w.xlsx", [HEADER, ["sjukfranvaro-total", "2021-03", "x", "T"]])
    huge = patched(source, b"<t>x</t>", b"<t>" + b"x" * 5_000_000 + b"</t>")
    assert huge.stat().st_size < 100_000
    message = refused(run_vp, repo_copy, huge)
    assert "packar upp till" in message and "xl/worksheets/sheet1.xml" in message


@pytest.mark.parametrize(
    ("stored", "message"),
    [(b"1e309", "Blad1!C2: inf är inget ändligt tal"), (b"NaN", "cellen C2 har värdet 'NaN'")],
    ids=["oändligt", "nan"],
)
def test_a_number_that_is_no_finite_number_is_refused_at_its_cell(
    repo_copy, run_vp, tmp_path, stored, message
) -> None:
    source = workbook(tmp_path / "w.xlsx", [HEADER, ["sjukfranvaro-total", "2021-03", 7, "T"]])
    bad = patched(source, b"<v>7</v>", b"<v>" + stored + b"</v>")
    said = refused(run_vp, repo_copy, bad)
    assert message in said


def test_a_formula_without_a_saved_value_is_refused_at_its_cell(repo_copy, run_vp, tmp_path):
    source = workbook(
        tmp_path / "w.xlsx",
        [
            HEADER,
            ["sjukfranvaro-total", "2021-03", 4, "T"],
            ["sjukfranvaro-total", "2021-04", "=C2+1", "T"],
        ],
    )
    said = refused(run_vp, repo_copy, source)
    assert "Blad1!C3: cellen har formeln =C2+1 men inget sparat värde" in said
    assert "spara den igen" in said


def test_a_period_excel_made_a_date_is_read_as_the_period(repo_copy, run_vp, tmp_path) -> None:
    source = workbook(
        tmp_path / "w.xlsx",
        [
            HEADER,
            ["sjukfranvaro-total", dt.datetime(2022, 1, 1), 5, "T"],  # a date cell
            ["sjukfranvaro-total", 44593, 6, "T"],  # the day number of 2022-02-01, no format
        ],
    )
    result = run_vp("data", "import", str(source))
    assert result.exit_code == 0, result.output
    written = PERSONAL.read_text(encoding="utf-8")
    assert "sjukfranvaro-total,2022-01,5,T," in written
    assert "sjukfranvaro-total,2022-02,6,T," in written


def test_a_date_in_the_middle_of_a_month_is_no_period(repo_copy, run_vp, tmp_path) -> None:
    source = workbook(
        tmp_path / "w.xlsx", [HEADER, ["sjukfranvaro-total", dt.datetime(2022, 1, 15), 5, "T"]]
    )
    said = refused(run_vp, repo_copy, source)
    assert "Blad1!B2: 2022-01-15 är ett datum, ingen period" in said


@pytest.mark.parametrize(
    ("row", "cell", "message"),
    [
        (["okant-nyckeltal", "2021-03", 4, "T"], "Blad1!A2", "finns inte i planerna"),
        (["sjukfranvaro-total", "2021-Q1", 4, "T"], "Blad1!B2", "passar inte 'sjukfranvaro-total'"),
        (
            ["subventionerade-anstallningar-forvaltningen", "2021-03", 4, "Kvinnor"],
            "Blad1!D2",
            "inte uppdelat på kön",
        ),
        (["sjukfranvaro-total", "2021-03", 4, "Alla utom"], "Blad1!D2", "är inte K, M eller T"),
    ],
    ids=["nyckeltal", "period", "kön", "okänt-kön"],
)
def test_a_problem_is_placed_at_the_cell_that_is_wrong(
    repo_copy, run_vp, tmp_path, row, cell, message
) -> None:
    said = refused(run_vp, repo_copy, workbook(tmp_path / "w.xlsx", [HEADER, row]))
    assert f"{cell}: " in said and message in said


def test_swedish_gender_words_are_read(repo_copy, run_vp, tmp_path) -> None:
    source = workbook(
        tmp_path / "w.xlsx",
        [
            HEADER,
            ["nojda-hemtjanst", "2021", 90, "Totalt"],
            ["nojda-hemtjanst", "2021", 91, "Kvinnor"],
            ["nojda-hemtjanst", "2021", 88, "Män"],
        ],
    )
    result = run_vp("data", "import", str(source), "--file", str(PERSONAL))
    assert result.exit_code == 0, result.output
    assert "3 tillagda" in result.stdout
    for line in ("+ nojda-hemtjanst 2021 T = 90", "+ nojda-hemtjanst 2021 K = 91"):
        assert line in result.stdout


def test_many_rows_are_summed_up_not_listed(repo_copy, run_vp, tmp_path) -> None:
    rows = [["sjukfranvaro-total", f"{year}-{month:02d}", month, "T"]
            for year in (2021, 2022) for month in range(1, 13)]  # fmt: skip
    result = run_vp("data", "import", str(workbook(tmp_path / "w.xlsx", [HEADER, *rows])))
    assert result.exit_code == 0, result.output
    listed = [line for line in result.stdout.splitlines() if line.startswith("  + ")]
    assert len(listed) == 20
    assert "… och 4 rader till i indicators-data/degerfors/personal.csv" in result.stdout
    assert "24 tillagda" in result.stdout


def test_a_long_import_shows_a_progress_bar_on_a_terminal(repo_copy, tmp_path) -> None:
    import os
    import pty
    import subprocess
    import sys

    rows = [
        ["sjukfranvaro-total", f"{2000 + n // 12}-{n % 12 + 1:02d}", n, "T"] for n in range(1200)
    ]
    source = workbook(tmp_path / "w.xlsx", [HEADER, *rows])
    vp = Path(sys.executable).parent / "vp"
    controller, terminal = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    process = subprocess.Popen(
        [str(vp), "data", "import", str(source)],
        stdout=subprocess.PIPE,
        stderr=terminal,
        env={**env, "COLUMNS": "100", "TERM": "xterm"},
    )
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    out, _ = process.communicate(timeout=60)
    os.close(controller)
    assert process.returncode == 0, shown.decode("utf-8", "replace")
    assert "Skriver in värdena" in shown.decode("utf-8", "replace")
    assert b"Arbetsboken: 1152 tillagda, 48 \xc3\xa4ndrade" in out  # 2016–2019 had values
    listed = [line for line in out.decode().splitlines() if line.startswith("  + ")]
    assert len(listed) == 20  # and standard output, a file here, has no bar
    assert b"Skriver in" not in out
