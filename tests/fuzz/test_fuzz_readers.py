"""Fuzzing the readers: whatever the bytes, a Swedish problem or a result, never a crash,
and the two CSV readers always agree.

Short runs in CI (the "ci" profile); `pytest tests/fuzz --hypothesis-profile=long` runs
thousands of examples.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CASES, ROOT
from verksamhetsplan.common.problems import Refused
from verksamhetsplan.data import validate
from verksamhetsplan.plan.load import load_plans
from verksamhetsplan.plan.yaml_problems import YamlProblem
from verksamhetsplan.plan.yaml_reader import parse

PLAN = CASES / "data" / "plans.yaml"
SHIPPED = ROOT / "plans" / "degerfors" / "socialnamnden-2018-2019.yaml"
SAFE = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])

# Characters that have broken readers before: controls, line separators, quotes, no-break
# spaces, digits of other scripts, surrogates' neighbours and YAML's indicators.
TRICKY = st.sampled_from(
    [
        *list("\x00\x1f\x7f\x85\u2028\u2029\ufeff\xa0\u202f\t\r\n\"'#:-[]{}&*!|>%@`,;"),
        "٥",
        "é",
        "å",
        "€",
        "�",
        "9" * 30,
        "1e400",
        ".nan",
        "0000-01",
    ]
)
TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=8)), max_size=40).map("".join)


@given(TEXT)
def test_the_yaml_reader_returns_data_or_a_located_problem(text: str) -> None:
    try:
        parse(text)
    except YamlProblem as problem:
        assert problem.message and not problem.message.startswith("YAML-syntaxfel (Exceeds")


def mutations(original: str) -> st.SearchStrategy[str]:
    """The shipped plan with a few characters inserted, deleted or replaced."""

    @st.composite
    def mutate(draw: st.DrawFn) -> str:
        text = original
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(text)))
            insert = draw(st.one_of(TRICKY, st.text(max_size=3)))
            cut = draw(st.integers(0, 3))
            text = text[:at] + insert + text[at + cut :]
        return text

    return mutate()


@SAFE
@given(mutations(SHIPPED.read_text(encoding="utf-8")))
def test_a_damaged_plan_gives_problems_with_places_never_a_crash(tmp_path, text: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    result = load_plans([path])
    for problem in result.problems:
        assert problem.message
        assert problem.code.startswith("VP")


CELL = st.one_of(
    st.sampled_from(
        [
            "andel",
            "antal",
            "okand",
            "2018",
            "2019",
            "2018-03",
            "2018-Q1",
            "0000-01",
            "K",
            "M",
            "T",
            "k",
            "x",
            "",
            "-",
            "..",
            "12,5",
            "1 234",
            "1\u00a0234,5",
            "1.5",
            "−3",
            "٥",
            "1e400",
            "nan",
            "9" * 25,
            '"',
            '"12,5"',
            "a\nb",
            "a\u2028b",
        ]
    ),
    st.text(max_size=6),
)
HEADER = st.sampled_from(
    [
        ["indicator", "period", "value"],
        ["indicator", "period", "value", "gender", "note"],
        ["Indikator", "Period", "Värde", "Kön"],
        ["indicator", "period", "value", "value"],
        ["indicator", "value"],
        ["indicator", "period", "value", "okänd"],
    ]
)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    header = draw(HEADER)
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    rows = draw(
        st.lists(st.lists(CELL, min_size=len(header) - 1, max_size=len(header) + 1), max_size=8)
    )

    def cell(text: str) -> str:
        if any(ch in text for ch in (delimiter, '"', "\n", "\r")) and draw(st.booleans()):
            return '"' + text.replace('"', '""') + '"'
        return text

    lines = [delimiter.join(header)] + [delimiter.join(cell(c) for c in row) for row in rows]
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    text = ending.join(lines) + draw(st.sampled_from(["", ending, ending * 2]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    return text.encode(encoding, errors="replace")


@SAFE
@given(csv_files())
def test_both_csv_readers_agree_and_never_crash(tmp_path, monkeypatch, raw: bytes) -> None:
    data = tmp_path / "data.csv"
    data.write_bytes(raw)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(validate, "LARGE_DATA_BYTES", 1 << 40)
    small = _run(data)
    monkeypatch.setattr(validate, "LARGE_DATA_BYTES", 0)
    large = _run(data)
    assert small == large


def _run(data: Path) -> list[tuple]:
    result = validate.validate([PLAN, data], Path("."))
    return sorted((p.code, p.file, p.line, p.column, p.message) for p in result.problems)


def _containers(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=6), children, max_size=4)
    )


JSON = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(max_size=5),
        st.integers(min_value=10**300, max_value=10**400),
    ),
    _containers,
    max_leaves=20,
)


@st.composite
def kolada_answers(draw: st.DrawFn) -> bytes:
    """Kolada's answer shape with parts replaced by anything JSON can hold."""
    value = {
        "gender": draw(st.sampled_from(["T", "K", "M", "X", None])),
        "status": "",
        "value": draw(st.one_of(st.floats(), st.integers(), JSON)),
    }
    record = {
        "kpi": draw(st.one_of(st.just("U23471"), JSON)),
        "municipality": draw(st.one_of(st.just("1862"), JSON)),
        "period": draw(st.one_of(st.just(2018), JSON)),
        "values": draw(st.one_of(st.just([value]), JSON)),
    }
    document = draw(
        st.one_of(
            st.just({"count": 1, "values": [record]}),
            st.just([record]),
            JSON,
            st.just({"values": draw(JSON)}),
        )
    )
    return json.dumps(document).encode()


@SAFE
@given(st.one_of(kolada_answers(), st.binary(max_size=200)))
def test_the_kolada_reader_refuses_in_swedish_or_reads(tmp_path, raw: bytes) -> None:
    from verksamhetsplan.sources.kolada_file import read_kolada

    source = tmp_path / "kolada.json"
    source.write_bytes(raw)
    try:
        read_kolada(source)
    except Refused as refused:
        assert refused.message
