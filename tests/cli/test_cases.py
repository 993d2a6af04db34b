"""Data-driven validation cases: every file under tests/cases is a test (see its README)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import CASES


def _cases(kind: str) -> list[tuple[str, Path]]:
    found = []
    for code_dir in sorted((CASES / kind).iterdir()):
        if not code_dir.is_dir():
            continue
        for case in sorted(code_dir.iterdir()):
            found.append((code_dir.name, case))
    return found


def _expectation(case: Path) -> tuple[int, int, str | None] | None:
    first = case if case.is_file() else sorted(case.iterdir())[-1]
    header = first.read_bytes().split(b"\n", 1)[0].decode("utf-8", errors="replace")
    match = re.match(r"# expect: (\d+):(\d+)(?: (.+))?$", header)
    if match is None:
        return None
    return int(match[1]), int(match[2]), match[3]


VALID = sorted(p for p in (CASES / "valid").iterdir() if p.suffix == ".yaml" or p.is_dir())


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid_case_passes_without_problems(validate_json, case: Path) -> None:
    code, report = validate_json(case)
    assert report["problems"] == []
    assert code == 0


@pytest.mark.parametrize(("code", "case"), _cases("invalid"), ids=lambda v: str(v)[-50:])
def test_invalid_case_is_reported_where_it_is(validate_json, code: str, case: Path) -> None:
    exit_code, report = validate_json(case)
    assert exit_code == 1
    matching = [p for p in report["problems"] if p["code"] == code]
    assert matching, f"väntade {code}, fick {[p['code'] for p in report['problems']]}"
    problem = matching[0]
    assert problem["severity"] == "error"
    assert problem["file"], "every problem names its file"
    expected = _expectation(case)
    if expected is not None:
        line, column, text = expected
        assert (problem["line"], problem["column"]) == (line, column)
        if text:
            said = f"{problem['message']} {problem['hint'] or ''}".lower()
            assert text.lower() in said


@pytest.mark.parametrize(("code", "case"), _cases("warning"), ids=lambda v: str(v)[-50:])
def test_warning_case_fails_only_when_strict(validate_json, run_vp, code: str, case: Path) -> None:
    exit_code, report = validate_json(case)
    assert exit_code == 0
    assert [p["code"] for p in report["problems"]] == [code]
    assert report["problems"][0]["severity"] == "warning"
    line, column, _ = _expectation(case) or (None, None, None)
    assert (report["problems"][0]["line"], report["problems"][0]["column"]) == (line, column)
    assert run_vp("validate", "--strict", str(case)).exit_code == 1


def test_python_tag_is_never_executed(run_vp, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_vp("validate", str(CASES / "invalid" / "VP006" / "python-tag.yaml"))
    assert result.exit_code == 1
    assert not (tmp_path / "vp-pwned-marker").exists()
