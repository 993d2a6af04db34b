"""vp init makes a repository every other command works in; vp diff tells what a revision
changed in the plans, by id."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, snapshot

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@vp.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@vp.invalid",
}


def git(*args: str) -> str:
    done = subprocess.run(
        ["git", *args], capture_output=True, text=True, check=True, env={**os.environ, **GIT_ENV}
    )
    return done.stdout


@pytest.fixture
def fresh(tmp_path, monkeypatch, run_vp) -> Path:
    """A repository made by vp init, as the working directory."""
    result = run_vp(
        "init", str(tmp_path / "plan"), "--kommun", "Åmåls kommun", "--as-of", "2026-05-20"
    )
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(tmp_path / "plan")
    return tmp_path / "plan"


def test_init_creates_a_repository_that_validates_and_has_status(fresh, run_vp) -> None:
    names = set(snapshot(fresh))
    assert {
        "plans/amals-kommun/socialnamnden-2026-2027.yaml",
        "indicators-data/amals-kommun/exempel.csv",
        "indicators-data/amals-kommun/README.md",
        "schema/plan.schema.json",
        ".pre-commit-config.yaml",
        ".github/workflows/vp.yml",
        "README.md",
    } <= names
    assert (fresh / ".git").is_dir()
    assert run_vp("validate", "--strict").exit_code == 0
    status = run_vp("status", "--as-of", "2026-05-20", "--format", "json")
    assert status.exit_code == 0, status.output
    plan = json.loads(status.stdout)["plans"][0]
    assert plan["organisation"] == "Åmåls kommun" and plan["year"] == 2026
    statuses = {g["goal"]: g["status"] for g in plan["goals"]}
    assert statuses["sjukfranvaro-2026"] in ("achieved", "partial", "not_achieved")
    assert statuses["rutin-avvikelser-2026"] == "partial"  # an ongoing activity
    readme = (fresh / "README.md").read_text(encoding="utf-8")
    assert "Åmåls kommun" in readme and "vp assess rutin-avvikelser-2026" in readme
    hook = (fresh / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "id: vp-validate" in hook and "entry: vp validate" in hook
    assert (fresh / "schema/plan.schema.json").read_text() == run_vp("schema").stdout


def test_init_never_overwrites(fresh, run_vp) -> None:
    (fresh / "README.md").write_text("Vår egen README\n", encoding="utf-8")
    (fresh / "indicators-data/amals-kommun/exempel.csv").unlink()
    before = snapshot(fresh)
    result = run_vp("init", str(fresh), "--kommun", "Åmåls kommun", "--as-of", "2026-05-20")
    assert result.exit_code == 0
    assert "Finns redan, lämnas orörd: README.md" in result.stdout
    assert "Skapade indicators-data/amals-kommun/exempel.csv" in result.stdout
    after = snapshot(fresh)
    assert {k for k in after if before.get(k) != after[k]} == {
        "indicators-data/amals-kommun/exempel.csv"
    }
    assert after["README.md"] == "Vår egen README\n".encode()


def test_every_editing_command_works_in_a_fresh_repository(fresh, run_vp) -> None:
    # vp init made the first commit: vp diff compares with it.
    steps = [
        [
            "assess",
            "rutin-avvikelser-2026",
            "--year",
            "2026",
            "--status",
            "uppnått",
            "--comment",
            "Klart.",
        ],
        ["activity", "avvikelserutin", "--status", "genomförd"],
        ["data", "add", "sjukfranvaro", "2026-05", "6,2"],
        ["data", "import", str(ROOT / "tests/cases/kolada/v2-degerfors.json")],
    ]
    for step in steps:
        result = run_vp(*step)
        assert result.exit_code == 0, (step, result.output)
    assert run_vp("validate", "--strict").exit_code == 0
    diff = run_vp("diff")
    assert diff.exit_code == 0
    assert "~ rutin-avvikelser-2026: bedömningar" in diff.stdout
    assert "status: pågår → genomförd" in diff.stdout
    data = Path("indicators-data/amals-kommun/exempel.csv").read_text(encoding="utf-8")
    assert "sjukfranvaro,2026-05,6.2,T," in data
    # Kolada's values join the series the example data already has.
    assert "nojda-hemtjanst,2018,90,T,Kolada U21468" in Path(
        "indicators-data/amals-kommun/exempel.csv"
    ).read_text(encoding="utf-8")


@pytest.fixture
def history(tmp_path, monkeypatch) -> Path:
    """The shipped plans committed as the adopted version, then revised on disk."""
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "Antagen plan")
    git("tag", "antagen")
    plan = tmp_path / "plans/degerfors/socialnamnden-2018-2019.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace(
        "    target: {kind: at_least, value: 40}", "    target: {kind: at_least, value: 45}"
    )
    text = text.replace("    title: Andel heltider\n", "    title: Andel heltidsanställda\n")
    text = text.replace(
        "    text: Infocenter används för föräldraskapsstöd.",
        "    text: Infocenter används för stöd till föräldrar.",
    )
    start = text.index("  - id: treserva-2019\n")
    end = text.index("  - id: ", start + 10)
    removed = text[start:end]
    text = text[:start] + text[end:]
    text = text.replace(
        "\nactivities:\n", "\nactivities:\n  - id: ny-aktivitet\n    text: Ny aktivitet.\n", 1
    )
    plan.write_text(text, encoding="utf-8")
    assert "id: treserva-2019" in removed
    return tmp_path


def test_diff_against_the_working_tree(history, run_vp) -> None:
    result = run_vp("diff")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Ändringar i planerna: HEAD → arbetskopian" in out
    assert "~ subventionerade-40-2018: nytt målvärde" in out
    assert "målvärde: minst 40" in out and "→ minst 45" in out
    assert "~ infocenter-2018: omformulerat" in out
    assert "före:  Infocenter används för föräldraskapsstöd." in out
    assert "- treserva-2019:" in out
    assert "~ andel-heltider: nytt namn" in out
    assert "+ ny-aktivitet: Ny aktivitet." in out
    assert "kommunfullmaktige" not in out  # an unchanged plan is not listed


def test_diff_between_two_revisions_as_json_and_markdown(history, run_vp) -> None:
    git("commit", "-qam", "Revidering 2018")
    same = run_vp("diff")
    assert "Inga ändringar i planerna." in same.stdout
    as_json = run_vp("diff", "antagen", "HEAD", "--format", "json")
    document = json.loads(as_json.stdout)
    assert (document["from"], document["to"]) == ("antagen", "HEAD")
    items = {(i["kind"], i["id"]): i for p in document["plans"] for i in p["items"]}
    assert items[("goal", "subventionerade-40-2018")]["tags"] == ["retargeted"]
    assert items[("goal", "subventionerade-40-2018")]["after"]["target"]["value"] == 45
    assert items[("goal", "treserva-2019")]["change"] == "removed"
    assert items[("indicator", "andel-heltider")]["tags"] == ["renamed"]
    markdown = run_vp("diff", "antagen", "HEAD", "-f", "markdown").stdout
    assert markdown.startswith("# Ändringar i planerna: antagen → HEAD")
    assert "- **Borttaget** treserva-2019" in markdown
    assert "### Nyckeltal" in markdown


@pytest.mark.parametrize(
    ("args", "message"),
    [(["finns-inte"], "revisionen 'finns-inte' finns inte"), (["HEAD", "HEAD~9"], "HEAD~9")],
)
def test_diff_unknown_revision(history, run_vp, args, message) -> None:
    result = run_vp("diff", *args)
    assert result.exit_code == 2 and message in result.stderr


def test_diff_with_a_plan_that_is_not_utf8(history, run_vp) -> None:
    plan = Path("plans/degerfors/socialnamnden-2018-2019.yaml")
    plan.write_bytes(plan.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    result = run_vp("diff")
    assert result.exit_code == 1
    assert "socialnamnden-2018-2019.yaml (arbetskopian) går inte att läsa" in result.stderr
    assert "inte UTF-8" in result.stderr


def test_diff_outside_git(tmp_path, monkeypatch, run_vp) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = run_vp("diff")
    assert result.exit_code == 2 and "inget git-förråd" in result.stderr


def test_diff_describes_measures_and_keeps_a_baseline_note_apart(fresh, run_vp) -> None:
    plan = next(Path("plans").rglob("*.yaml"))
    # The level goal's own baseline goes too: a goal with measures has them in its measures.
    text = re.sub(r"    baseline: \{period: \d{4}\}\n", "", plan.read_text(encoding="utf-8"))
    old_baseline = "    baseline: {previous_year: true}\n"
    old_target = "    indicator: nojda-hemtjanst\n    target: {kind: at_least, value: 90}\n"
    assert old_baseline in text and old_target in text
    text = text.replace(
        old_baseline, "    baseline:\n      previous_year: true\n      note: Mäts år för år.\n"
    ).replace(
        old_target,
        "    measures:\n"
        "      - id: nojda\n        indicator: nojda-hemtjanst\n"
        "        target: {kind: at_least, value: 90}\n"
        "      - id: enkat\n        target: {kind: milestone, criteria: [Enkäten är gjord.]}\n"
        "    verdict: {rule: at_least, count: 1}\n",
    )
    plan.write_text(text, encoding="utf-8")
    assert run_vp("validate", "--strict").exit_code == 0
    diff = run_vp("diff")
    assert diff.exit_code == 0, diff.output
    lines = [line.strip() for line in diff.stdout.splitlines()]
    # Only the note beside the baseline changed: that is no new target.
    assert any(
        line.startswith("~ sjukfranvaro-") and line.endswith(": skälet för basvärdet")
        for line in lines
    )
    # A goal that gets measures has a new target, said in words, not as a Python dict.
    # (The example's level goal has last year's outcome as its baseline.)
    assert any(
        re.fullmatch(
            r"målvärde: minst 90 \(basvärde: \d{4}\), nyckeltal nojda-hemtjanst → 2 mått, "
            r"minst 1: \(1\) minst 90, nyckeltal nojda-hemtjanst \(2\) milstolpe: Enkäten "
            r"är gjord\.",
            line,
        )
        for line in lines
    )


def test_two_inits_into_one_new_folder_commit_every_file(tmp_path) -> None:
    import sys
    from concurrent.futures import ThreadPoolExecutor

    vp = Path(sys.executable).parent / "vp"
    env = {**os.environ, **GIT_ENV}
    for round_ in range(4):
        folder = tmp_path / f"plan{round_}"
        command = [str(vp), "init", str(folder), "--kommun", "Åmåls kommun"]
        with ThreadPoolExecutor(max_workers=2) as pool:
            started = [
                pool.submit(subprocess.run, command, capture_output=True, env=env) for _ in range(2)
            ]
            runs = [future.result() for future in started]
        assert [r.returncode for r in runs] == [0, 0], [r.stderr for r in runs]
        committed = set(git("-C", str(folder), "ls-files").split())
        on_disk = {
            p.relative_to(folder).as_posix()
            for p in folder.rglob("*")
            if p.is_file() and ".git" not in p.relative_to(folder).parts
        }
        assert committed == on_disk
        assert git("-C", str(folder), "status", "--porcelain") == ""
