"""The YAML reader: what a plan file may and may not contain, and where problems are."""

from __future__ import annotations

import pytest

from verksamhetsplan.plan.yaml_problems import YamlProblem, decode
from verksamhetsplan.plan.yaml_reader import MAX_DEPTH, parse


def problem_of(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as caught:
        parse(text)
    return caught.value


def test_values_follow_yaml_1_2_core_schema() -> None:
    data, _ = parse("a: no\nb: yes\nc: 2017-11-29\nd: 6.5\ne: '42'\nf: ~\ng: true\nh: 0x1F\n")
    assert data == {
        "a": "no",
        "b": "yes",
        "c": "2017-11-29",
        "d": 6.5,
        "e": "42",
        "f": None,
        "g": True,
        "h": 31,
    }


def test_every_key_and_value_has_its_position() -> None:
    _, positions = parse("goals:\n  - id: mal\n    year: 2018\n")
    assert positions.of_key(("goals", 0, "year")) == (3, 5)
    assert positions.of_value(("goals", 0, "year")) == (3, 11)
    assert positions.of_value(("goals", 0, "missing", 3)) == (2, 5)


def test_keys_stay_as_written() -> None:
    data, _ = parse("0x1F: a\n2018: b\n'q': c\n")
    assert data == {"0x1F": "a", "2018": "b", "q": "c"}


def test_standard_tags_are_honoured() -> None:
    data, _ = parse("a: !!str 2018\nb: !!float 3\n")
    assert data == {"a": "2018", "b": 3.0}


def test_anchor_and_alias_share_content() -> None:
    data, _ = parse("a: &x [1, 2]\nb: *x\n")
    assert data["a"] == data["b"] == [1, 2]


@pytest.mark.parametrize(
    ("text", "code", "position"),
    [
        ("a: [1, 2\n", "VP004", (2, 1)),
        ("a:\n\tb: 1\n", "VP004", (2, 1)),
        ("a: 1\na: 2\n", "VP005", (2, 1)),
        ("a: !!python/object/apply:os.system [ls]\n", "VP006", (1, 4)),
        ("a: !!binary aGVq\n", "VP006", (1, 4)),
        ("a: !!int tjugo\n", "VP004", (1, 4)),
        ("a: &q {b: *q}\n", "VP007", (1, 11)),
        ("a: 1\n---\nb: 2\n", "VP008", (2, 1)),
        ("? [a, b]\n: 1\n", "VP008", (1, 3)),
        ("a: &x b\n*x : c\n", "VP008", (2, 1)),
        ("!!python/name:os.system x: 1\n", "VP006", (1, 1)),
        ("a: *nope\n", "VP004", (1, 4)),
    ],
)
def test_unsafe_or_broken_yaml_is_a_located_problem(text: str, code: str, position) -> None:
    problem = problem_of(text)
    assert (problem.code, problem.position) == (code, position)
    assert problem.message and not problem.message.startswith("found")


def test_deep_nesting_stops_at_the_limit_without_reading_further() -> None:
    depth = 100_000  # the C composer would crash the interpreter on this
    problem = problem_of("a: " + "[" * depth + "]" * depth)
    assert problem.code == "VP007"
    assert problem.position == (1, 3 + MAX_DEPTH)  # the root mapping is the first level


def test_alias_bomb_is_rejected() -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i + 1}: &a{i + 1} [{', '.join([f'*a{i}'] * 9)}]" for i in range(9)]
    problem = problem_of("\n".join(lines) + "\n")
    assert problem.code == "VP007"
    assert "alias" in (problem.hint or "")


def test_utf8_with_bom_is_read_and_other_encodings_are_located() -> None:
    assert decode("\ufeffa: ö\n".encode()) == "a: ö\n"
    with pytest.raises(YamlProblem) as caught:
        decode("a: ö\nb: Å\n".encode() + "c: för\n".encode("cp1252"))
    assert caught.value.code == "VP002"
    assert caught.value.position == (3, 5)


def test_empty_document_is_none() -> None:
    assert parse("# bara en kommentar\n")[0] is None
