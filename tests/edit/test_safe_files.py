"""Nothing lost: concurrent editing commands, links, owners and read-only folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import ROOT
from verksamhetsplan.common.files import write_bytes_atomic

VP = Path(sys.executable).parent / "vp"
DATA = Path("indicators-data/degerfors/personal.csv")


def vp(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(VP), *args], cwd=repo, capture_output=True, text=True)


@pytest.fixture
def repo(tmp_path) -> Path:
    for folder in ("plans", "indicators-data"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def test_concurrent_edits_all_survive(repo):
    # 12 value additions and 4 activity follow-ups at once, in two files: before the lock,
    # a third to a half of such rounds lost a change.
    months = [f"2019-{m:02d}" for m in range(1, 13)]
    jobs = [("data", "add", "sjukfranvaro-total", f"{m[:4]}-{m[5:]}", "5,5") for m in months]
    dates = ["2019-01-10", "2019-02-10", "2019-03-10", "2019-04-10"]
    jobs += [("activity", "koll", "-s", "pågår", "--date", d) for d in dates]
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        results = list(pool.map(lambda job: vp(repo, *job), jobs))
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results if r.returncode]
    data = (repo / DATA).read_text(encoding="utf-8")
    for month in months:
        assert f"sjukfranvaro-total,{month},5.5," in data, month
    plan = (repo / "plans/degerfors/socialnamnden-2018-2019.yaml").read_text(encoding="utf-8")
    for day in dates:
        assert f"- date: {day}" in plan, day
    assert vp(repo, "validate", "--strict").returncode == 0


def test_a_symbolic_link_stays_a_link_and_its_target_gets_the_change(repo, tmp_path):
    shared = tmp_path / "shared.csv"
    shutil.move(repo / DATA, shared)
    (repo / DATA).symlink_to(shared)
    result = vp(repo, "data", "add", "sjukfranvaro-total", "2019-09", "5,5")
    assert result.returncode == 0, result.stderr
    assert (repo / DATA).is_symlink()
    assert "sjukfranvaro-total,2019-09,5.5," in shared.read_text(encoding="utf-8")


def test_a_hard_linked_file_is_refused_and_left_alone(repo, tmp_path):
    other = tmp_path / "other-name.csv"
    os.link(repo / DATA, other)
    before = other.read_bytes()
    result = vp(repo, "data", "add", "sjukfranvaro-total", "2019-09", "5,5")
    assert result.returncode == 1
    assert "har 2 hårda länkar" in result.stderr
    assert other.read_bytes() == before == (repo / DATA).read_bytes()


def test_mode_and_owner_are_kept(repo):
    path = repo / DATA
    path.chmod(0o640)
    if os.geteuid() == 0:
        os.chown(path, 1234, 5678)
    assert vp(repo, "data", "add", "sjukfranvaro-total", "2019-09", "5,5").returncode == 0
    info = path.stat()
    assert info.st_mode & 0o777 == 0o640
    if os.geteuid() == 0:
        assert (info.st_uid, info.st_gid) == (1234, 5678)


def test_a_read_only_folder_is_respected_even_as_root(repo):
    folder = repo / DATA.parent
    before = (repo / DATA).read_bytes()
    folder.chmod(0o555)
    try:
        result = vp(repo, "data", "add", "sjukfranvaro-total", "2019-09", "5,5")
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1
    assert "går inte att skriva i" in result.stderr
    assert (repo / DATA).read_bytes() == before
    assert not list(folder.glob(".*.tmp"))


def test_no_temporary_file_is_left_when_a_write_fails(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_text("gammalt")

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_bytes_atomic(target, b"nytt")
    assert target.read_text() == "gammalt"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


@pytest.mark.parametrize(
    "args",
    [
        [
            "report",
            "--year",
            "2018",
            "--plan",
            "degerfors-sn-2018-2019",
            "-o",
            "plans/degerfors/socialnamnden-2018-2019.yaml",
        ],
        ["schema", "-o", str(DATA)],
        ["diff", "-o", "templates/report.html.j2"],
        ["report", "--year", "2018", "--plan", "degerfors-sn-2018-2019", "-o", "analyses/x.md"],
    ],
    ids=["report-over-plan", "schema-over-data", "diff-into-templates", "report-into-analyses"],
)
def test_an_output_never_goes_over_the_repositorys_inputs(repo, args):
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    result = vp(repo, *args)
    assert result.returncode == 2
    assert "vp skriver inte över planer, data, analyser eller mallar" in result.stderr
    assert {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()} == before


def test_a_data_file_outside_the_repository_is_refused(repo, tmp_path):
    outside = tmp_path.parent / "utanfor.csv"
    result = vp(repo, "data", "add", "sjukfranvaro-total", "2019-09", "5", "--file", str(outside))
    assert result.returncode == 2
    assert "ligger utanför planförrådet" in result.stderr
    assert not outside.exists()


def test_a_template_runs_in_the_sandbox(repo):
    (repo / "templates").mkdir()
    (repo / "templates/report.md.j2").write_text(
        "{{ ''.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8"
    )
    result = vp(
        repo, "report", "--year", "2018", "--plan", "degerfors-sn-2018-2019", "-f", "md", "-o", "-"
    )
    assert result.returncode == 1
    assert "fel i rapportmallen; ingen rapport skrevs" in result.stderr
    assert "subclasses" not in result.stdout


def test_a_template_linked_from_outside_is_not_read(repo, tmp_path):
    outside = tmp_path.parent / "hemlig.j2"
    outside.write_text("HEMLIGT {{ title }}", encoding="utf-8")
    (repo / "templates").mkdir()
    (repo / "templates/report.md.j2").symlink_to(outside)
    result = vp(
        repo, "report", "--year", "2018", "--plan", "degerfors-sn-2018-2019", "-f", "md", "-o", "-"
    )
    assert result.returncode == 1
    assert "länk till en fil utanför planförrådet" in result.stderr
    assert "HEMLIGT" not in result.stdout


def test_a_data_file_linked_from_outside_is_reported_not_read(repo, tmp_path):
    outside = tmp_path.parent / "hemlig.csv"
    outside.write_text("indicator,period,value\nHEMLIGT,2018,1\n", encoding="utf-8")
    (repo / "indicators-data/degerfors/lank.csv").symlink_to(outside)
    result = vp(repo, "validate")
    assert result.returncode == 1
    assert "VP309" in result.stdout and "lank.csv är en länk till en fil utanför" in result.stdout
    assert "HEMLIGT" not in result.stdout


INJECTED = (
    "Mål <script>alert(1)</script> [klicka](javascript:alert(1)) "
    "![bild](https://example.org/x.png) | ny cell |\n# Rubrik från radbrytning"
)


def test_plan_text_cannot_inject_into_the_markdown_report(repo):
    import json

    from markdown_it import MarkdownIt

    plan = repo / "plans/degerfors/socialnamnden-2018-2019.yaml"
    text = plan.read_text(encoding="utf-8")
    old = "    short: Andelen heltider ökar med 10 %\n"
    plan.write_text(
        text.replace(old, f"    short: {json.dumps(INJECTED, ensure_ascii=False)}\n"),
        encoding="utf-8",
    )
    args = ["report", "--year", "2019", "--plan", "degerfors-sn-2018-2019", "-f", "md", "-o", "-"]
    result = vp(repo, *args)
    assert result.returncode == 0, result.stderr
    # Rendered as CommonMark with tables (as pandoc and GitHub read it): the text stays text.
    html = MarkdownIt("commonmark").enable("table").render(result.stdout)
    assert "<script>" not in html
    assert 'href="javascript:' not in html and "<img" not in html
    assert "<h1>Rubrik" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    matrix = next(line for line in result.stdout.splitlines() if "alert(1)" in line)
    assert matrix.count(" | ") == 2  # the row keeps its three cells: area, 2018, 2019


def test_escape_sequences_in_plan_text_never_reach_the_terminal(repo):
    plan = repo / "plans/degerfors/socialnamnden-2018-2019.yaml"
    text = plan.read_text(encoding="utf-8")
    evil = "Heltider \\e]0;titel\\a \\e[2J"
    text = text.replace(
        "    short: Andelen heltider ökar med 10 %\n", f'    short: "{evil}"\n'
    ).replace(
        "    text: Andelen heltidsanställningar har ökat med 10 %.\n", f'    text: "{evil}"\n'
    )
    plan.write_text(text, encoding="utf-8")
    for args in (["explain", "heltid-okning-2019"], ["status", "--year", "2019"]):
        result = vp(repo, *args)
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "Heltider" in result.stdout
