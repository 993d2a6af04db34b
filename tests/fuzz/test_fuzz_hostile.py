"""Fuzzing what issue 28 hardened: Kolada's next pages, workbooks, site ids, and texts typed
into goals. Each target ends in data or a Swedish refusal, never another error; the long
profile (benchmarks/fuzz_long.py) runs the same targets with thousands of examples."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import hypothesis.strategies as st
import openpyxl
from hypothesis import HealthCheck, given, settings

from verksamhetsplan.common.problems import Refused
from verksamhetsplan.common.publish import NAME_MAX, Names
from verksamhetsplan.sources.kolada_api import Client, _origin
from verksamhetsplan.sources.workbook import OwnValue, read_workbook

SAFE = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
BASE = "http://127.0.0.1:8080/v3"

ADDRESSES = st.one_of(
    st.sampled_from(
        [
            f"{BASE}/data?page=2",
            "http://127.0.0.1:8080/v3/x",
            "http://127.0.0.1/v3/x",
            "https://127.0.0.1:8080/v3/x",
            "file://127.0.0.1/etc/passwd",
            "http://[::1",
            "http://127.0.0.1:8080@evil.example/v3",
            "http://evil.example#@127.0.0.1:8080",
            "HTTP://127.0.0.1:8080/v3/y",
            "//127.0.0.1:8080/v3",
            "",
        ]
    ),
    st.text(max_size=40),
    st.integers(),
    st.lists(st.text(max_size=5), max_size=2),
    st.none(),
)


@given(following=ADDRESSES, key=st.sampled_from(["next_url", "next_page"]))
def test_a_next_page_is_followed_only_within_the_api(following, key) -> None:
    client = Client(BASE, pause=0)
    try:
        url = client._following({key: following, "values": []}, "sidan")
    except Refused as refused:
        assert refused.message.startswith("Koladas svar på sidan")
        return
    assert url == "" or _origin(url) == _origin(BASE)


CELLS = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["=1+1", "=C2", "Kvinnor", "Män", "Totalt", "2021-03", "12,5", "1 234"]),
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1)),
)
INDICATORS = st.sampled_from(["sjukfranvaro-total", "andel-heltider", "finns-inte", ""])


@SAFE
@given(rows=st.lists(st.tuples(INDICATORS, CELLS, CELLS, CELLS), max_size=6))
def test_a_workbook_of_anything_is_read_or_refused_at_a_cell(tmp_path, rows) -> None:
    path = tmp_path / "w.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Blad1"
    book.active.append(["Indikator", "Period", "Värde", "Kön"])
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    try:
        found = read_workbook(path, None)
    except Refused as refused:
        assert "Blad1!" in refused.message or "w.xlsx" in refused.message
        return
    for value in found:
        assert isinstance(value, OwnValue)
        assert math.isfinite(value.value) and value.gender in ("K", "M", "T")


@given(ident=st.text(min_size=1, max_size=300))
def test_a_site_id_is_a_file_name_or_refused_before_writing(ident) -> None:
    files = {"index.html": b"", f"{ident}/index.html": b"", f"{ident}/mal/x.html": b""}
    try:
        names = Names()
        for name in sorted(files):
            names.add(name)
    except Refused as refused:
        assert "ingenting har skrivits" in refused.message
        return
    for name in files:
        for part in Path(name).parts:
            assert part not in ("", ".", "..") and len(part.encode("utf-8")) <= NAME_MAX
    assert not Path(ident).is_absolute()
