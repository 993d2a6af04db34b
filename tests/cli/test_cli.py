"""The vp command line as a user and a CI job meet it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import CASES, ROOT
from verksamhetsplan.cli import app

INVALID = CASES / "invalid" / "VP101" / "unknown-key-near-miss.yaml"


def test_every_command_has_help_and_is_documented(run_vp) -> None:
    readme = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs/manual").glob("*.md"))
    commands = [c.name or c.callback.__name__ for c in app.registered_commands if c.callback]
    for group in app.registered_groups:
        sub = group.typer_instance.registered_commands
        commands += [f"{group.name} {c.name}" for c in sub]
    assert {"validate", "schema", "assess", "data add", "data import", "diff", "init"} <= set(
        commands
    )
    for name in commands:
        result = run_vp(*name.split(), "--help")
        assert result.exit_code == 0
        assert len(result.stdout) > 200, f"vp {name} saknar hjälptext"
        assert f"vp {name}" in readme, f"vp {name} saknas i docs/manual/"


def test_validate_defaults_to_plans_directory(run_vp, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run_vp("validate")
    assert result.exit_code == 0
    # 4 plans (one an invented verksamhetsområde), 4 data files (one the verksamhetsområde's
    # own), an analysis, an internkontrollplan and 2 economy files
    assert "Inga problem: 12 filer kontrollerade." in result.stdout


def test_text_output_names_file_line_column_and_hint(run_vp, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    relative = INVALID.relative_to(ROOT).as_posix()
    result = run_vp("validate", relative)
    assert result.exit_code == 1
    assert f"{relative}:21:5: fel VP101: okänd nyckel 'indicatr'" in result.stdout
    assert "tips: Menade du 'indicator'?" in result.stdout
    assert result.stdout.rstrip().endswith("1 fel i 1 fil.")


def test_github_format_is_workflow_annotations(run_vp, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run_vp("validate", "--format", "github", str(INVALID.relative_to(ROOT)))
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(
        "::error file=tests/cases/invalid/VP101/unknown-key-near-miss.yaml,line=21,col=5,"
        "title=VP101 okänd nyckel::okänd nyckel 'indicatr'"
    )


def test_github_annotations_escape_newlines_and_separators(run_vp, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a,b.yaml").write_text("a: [1\n", encoding="utf-8")
    result = run_vp("validate", "--format", "github", "a,b.yaml")
    line = result.stdout.splitlines()[0]
    assert line.startswith("::error file=a%2Cb.yaml,line=2,col=1,")
    assert "\n" not in line


def test_json_report_is_a_stable_contract(validate_json) -> None:
    code, report = validate_json(INVALID)
    assert code == 1
    assert set(report) == {"version", "command", "valid", "files", "errors", "warnings",
                           "problems"}  # fmt: skip
    assert (report["version"], report["command"]) == (1, "validate")
    assert report["valid"] is False and report["errors"] == 1
    assert set(report["problems"][0]) == {
        "code",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "hint",
    }


def test_missing_path_is_a_usage_error(run_vp, tmp_path) -> None:
    result = run_vp("validate", str(tmp_path / "finns-inte.yaml"))
    assert result.exit_code == 2
    assert "finns inte" in result.stderr
    assert "Traceback" not in result.output


def test_missing_default_plans_directory_is_a_usage_error(run_vp, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_vp("validate")
    assert result.exit_code == 2
    assert "plans" in result.stderr


def test_unknown_format_is_a_usage_error(run_vp) -> None:
    assert run_vp("validate", "--format", "xml").exit_code == 2


def test_directory_mixes_good_and_bad_files(validate_json, tmp_path) -> None:
    shutil.copy(CASES / "valid" / "minimal.yaml", tmp_path / "bra.yaml")
    shutil.copy(INVALID, tmp_path / "trasig.yaml")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "ignored.yaml").write_text("[", encoding="utf-8")
    code, report = validate_json(tmp_path)
    assert code == 1
    assert len(report["files"]) == 2
    assert {p["file"].rsplit("/", 1)[-1] for p in report["problems"]} == {"trasig.yaml"}


def test_unreadable_file_is_reported_not_raised(validate_json, tmp_path) -> None:
    directory = tmp_path / "plan.yaml"
    directory.mkdir()
    plan = directory / "inne.yaml"
    plan.write_text("id: x\n", encoding="utf-8")
    plan.chmod(0)
    try:
        code, report = validate_json(plan)
    finally:
        plan.chmod(0o644)
    if report["problems"][0]["code"] == "VP009":  # root can read anything
        assert code == 1


def test_vp_runs_as_a_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "verksamhetsplan", "validate", str(ROOT / "plans")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Inga problem" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["--help"], 0, ["Kommandon:", "status", "user", "economy"]),
        (["stauts"], 2, ["okänt kommando 'stauts'", "Menade du 'status'?"]),
        (["data", "--help"], 0, ["add", "remove", "import", "fetch"]),
        (["data", "add", "--help"], 0, ["Användning: vp data add"]),
        (["data", "ad"], 2, ["Menade du 'add'?"]),
        (["validate", "--quiet"], 0, ["Inga problem"]),
    ],
)
def test_the_program_builds_only_the_command_it_runs(args, code, expected) -> None:
    """The installed program builds only the command its words name (cli.narrow): help,
    a mistyped command's suggestion and a group's subcommands must be as they were."""
    result = subprocess.run(
        [sys.executable, "-m", "verksamhetsplan", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == code, result.stderr
    for text in expected:
        assert text in result.stdout + result.stderr


def test_schema_command_writes_file_atomically(run_vp, tmp_path) -> None:
    target = tmp_path / "plan.schema.json"
    result = run_vp("schema", "-o", str(target))
    assert result.exit_code == 0
    schema = json.loads(target.read_text(encoding="utf-8"))
    assert schema["properties"]["goals"]["description"] == "Mål."
    assert [p.name for p in tmp_path.iterdir()] == ["plan.schema.json"]


def test_one_mistake_in_a_plan_gives_one_message_not_one_per_data_row(repo_copy, run_vp):
    plan = repo_copy / "plans/degerfors/socialnamnden-2018-2019.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("    indicator: ", "    indicatr: ", 1), encoding="utf-8")
    result = run_vp("validate", "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    # The typo, and one line saying the organisation's data was left unchecked: no VP303
    # for every row whose indicator the broken plan would have defined.
    assert [p["code"] for p in problems] == ["VP101", "VP301"]
    assert problems[1]["severity"] == "warning"
    assert "4 datafiler i indicators-data/degerfors/ kontrollerades inte" in problems[1]["message"]


def test_the_most_fundamental_problem_is_printed_first(tmp_path, monkeypatch, run_vp):
    plans = tmp_path / "plans"
    plans.mkdir()
    # a.yaml has a logic error, z.yaml is not YAML at all: the syntax error comes first.
    shutil.copy(CASES / "invalid/VP202/missing-area.yaml", plans / "a.yaml")
    shutil.copy(CASES / "invalid/VP004/tab-indentation.yaml", plans / "z.yaml")
    monkeypatch.chdir(tmp_path)
    result = run_vp("validate", "--format", "json")
    codes = [p["code"] for p in json.loads(result.stdout)["problems"]]
    assert codes[0] == "VP004" and "VP202" in codes


def test_no_color_is_honoured_by_validate(repo_copy) -> None:
    """NO_COLOR (no-color.org): the words stay, the colour codes go, even on a terminal."""
    from typer.testing import CliRunner

    from verksamhetsplan.cli import app

    broken = repo_copy / "plans" / "degerfors" / "socialnamnden-2018-2019.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("indicator:", "indicatr:", 1), "utf-8"
    )
    runner = CliRunner()
    coloured = runner.invoke(app, ["validate"], color=True, env={"NO_COLOR": ""})
    assert "\x1b[31m" in coloured.stdout and "fel" in coloured.stdout
    plain = runner.invoke(app, ["validate"], color=True, env={"NO_COLOR": "1"})
    assert plain.exit_code == 1 and "fel VP101" in plain.stdout
    assert "\x1b[" not in plain.stdout


def test_validate_lint_and_due_share_one_json_envelope(in_repo, run_vp) -> None:
    """The same fields in the same places for every command that lists located problems."""
    common = {"version", "command", "valid", "files", "errors", "warnings", "problems"}
    documents = {
        "validate": json.loads(run_vp("validate", "-f", "json").stdout),
        "lint": json.loads(run_vp("lint", "--plan", "degerfors-sn-2018-2019", "-f", "json").stdout),
        "due": json.loads(
            run_vp(
                "due", "--period", "2018-T2", "--plan", "degerfors-sn-2018-2019", "-f", "json"
            ).stdout
        ),
    }
    for command, document in documents.items():
        assert common <= set(document), command
        assert (document["version"], document["command"]) == (1, command)
        assert document["warnings"] == len(document["problems"]) - document["errors"]
    assert documents["due"]["due"] == len(documents["due"]["problems"]) > 0
    assert documents["lint"]["problems"][0]["code"] == "VP508"


def test_validate_quiet_gives_the_summary_alone(repo_copy, run_vp) -> None:
    plan = repo_copy / "plans" / "degerfors" / "socialnamnden-2018-2019.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("indicator:", "indicatr:", 2), encoding="utf-8")
    full = run_vp("validate")
    quiet = run_vp("validate", "--quiet")
    assert quiet.exit_code == full.exit_code == 1
    assert quiet.stdout == full.stdout.splitlines()[-1] + "\n"
    assert quiet.stdout.startswith("2 fel") and quiet.stdout.count("\n") == 1
