"""Fuzzing the editing commands: whatever a person types, vp writes a file that still
validates, or refuses in Swedish and changes nothing. Never exit 70."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import ROOT, snapshot
from verksamhetsplan.cli import app

TYPED = st.text(
    st.characters(blacklist_categories=("Cs",)) | st.sampled_from(list("\x85\u2028\r\n\x1f\x00")),
    max_size=30,
)
NUMBER = st.one_of(
    st.sampled_from(["12,5", "1 234", "−3", "1e22", "9" * 400, "٥", "nan", "inf", "", "-", ".."]),
    st.floats(allow_nan=True).map(str),
    st.text(max_size=6),
)


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    root = tmp_path_factory.mktemp("repo")
    for folder in ("plans", "indicators-data"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


def run(repository, monkeypatch, *args: str):
    monkeypatch.chdir(repository)
    before = snapshot(repository)
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code in (0, 1, 2), result.output
    assert "internt fel" not in result.output
    if result.exit_code == 0:
        check = CliRunner().invoke(app, ["validate", "--format", "json"])
        assert check.exit_code == 0, check.output
    else:
        assert snapshot(repository) == before, "a refused command changed a file"
    for name, content in before.items():  # the next example starts from the same files
        (repository / name).write_bytes(content)
    for path in list(repository.rglob("*")):
        if path.is_file() and path.relative_to(repository).as_posix() not in before:
            path.unlink()
    return result


SAFE = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


@SAFE
@given(comment=TYPED, by=TYPED, reason=TYPED)
def test_assess_with_whatever_is_typed(repository, monkeypatch, comment, by, reason) -> None:
    run(
        repository,
        monkeypatch,
        "assess",
        "medarbetarskap-projekt-2018",
        "--year",
        "2018",
        "--status",
        "delvis",
        "--comment",
        comment,
        "--by",
        by,
        "--reason",
        reason,
    )


@SAFE
@given(value=NUMBER, note=TYPED, period=st.sampled_from(["2019-Q1", "2019-13", "0000-Q1", "2019"]))
def test_data_add_with_whatever_is_typed(repository, monkeypatch, value, note, period) -> None:
    run(repository, monkeypatch, "data", "add", "andel-heltider", period, value, "--note", note)


@SAFE
@given(comment=TYPED, by=TYPED)
def test_activity_with_whatever_is_typed(repository, monkeypatch, comment, by) -> None:
    run(
        repository,
        monkeypatch,
        "activity",
        "heltidsprojekt",
        "--status",
        "pågår",
        "--comment",
        comment,
        "--by",
        by,
        "--date",
        "2018-06-01",
    )


PASTED = st.text(
    alphabet=st.sampled_from([*"ab åÖ\t\n\r\"'#:-|>", "\u00a0", "\u2028", "\x1b", "\ufeff"]),
    max_size=30,
)


@SAFE
@given(text=PASTED)
@example(text=":\r\r")  # ends in line breaks: a block would need a chomping mark
@example(text="\u00a0Från Word\n\u00a0rad två")
def test_goal_text_as_anything_pasted(repository, monkeypatch, text) -> None:
    """A goal's text as pasted from Word or a web page: written as typed, or refused."""
    from verksamhetsplan.plan.yaml_reader import read_file

    plan = repository / "plans/degerfors/socialnamnden-2018-2019.yaml"
    monkeypatch.chdir(repository)
    before = plan.read_bytes()
    try:
        result = CliRunner().invoke(
            app, ["goal", "edit", "sjuktal-2019", "--text", text], catch_exceptions=False
        )
        assert result.exit_code in (0, 2), result.output
        if not text.strip():
            assert result.exit_code == 2 and "--text får inte vara tom" in result.stderr
        if result.exit_code == 0:
            data, _ = read_file(plan)
            goal = next(g for g in data["goals"] if g["id"] == "sjuktal-2019")
            typed = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
            assert goal["text"] == typed  # what was typed is what the file holds
            assert CliRunner().invoke(app, ["validate"]).exit_code == 0
        else:
            assert plan.read_bytes() == before
    finally:
        plan.write_bytes(before)
