"""vp site writes only regular files inside its output folder: never through a link, never
among the repository's plans, data, analyses or templates, nothing left of a renamed goal,
and a name no file system takes is refused before anything is written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import snapshot

SN = Path("plans/degerfors/socialnamnden-2018-2019.yaml")
PLAN_ID = "degerfors-sn-2018-2019"
AS_OF = "2020-03-01"


def _rename_plan(new_id: str) -> None:
    for plan in Path("plans").rglob("*.yaml"):
        text = plan.read_text(encoding="utf-8")
        plan.write_text(text.replace(PLAN_ID, new_id), encoding="utf-8")


def _inputs(root: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(root).items() if k.startswith(("plans/", "indicators-data/"))}


def test_a_page_that_is_a_link_to_a_plan_is_not_written_through(repo_copy, run_vp) -> None:
    assert run_vp("site", "public", "--as-of", AS_OF).exit_code == 0
    page = Path("public") / PLAN_ID / "index.html"
    page.unlink()
    page.symlink_to(SN.resolve())
    before = _inputs(repo_copy)
    result = run_vp("site", "public", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "är en länk" in result.stderr and "ingenting har skrivits" in result.stderr
    assert _inputs(repo_copy) == before
    assert page.is_symlink()


def test_a_folder_that_is_a_link_to_the_data_is_not_filled(repo_copy, run_vp) -> None:
    Path("public").mkdir()
    (Path("public") / PLAN_ID).symlink_to(Path("indicators-data/degerfors").resolve())
    before = _inputs(repo_copy)
    result = run_vp("site", "public", "--as-of", AS_OF)
    assert result.exit_code == 1 and "är en länk" in result.stderr
    assert _inputs(repo_copy) == before
    assert not Path("public/index.html").exists()  # refused before anything was written


def test_a_plan_id_that_names_an_input_folder_writes_nothing_there(repo_copy, run_vp) -> None:
    _rename_plan("indicators-data")
    assert run_vp("validate").exit_code == 0
    before = snapshot(repo_copy)
    result = run_vp("site", ".", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "bland planförrådets indata" in result.stderr
    assert snapshot(repo_copy) == before


def test_a_plan_id_that_is_a_page_of_the_site_is_refused(repo_copy, run_vp) -> None:
    _rename_plan("index.html")
    assert run_vp("validate").exit_code == 0
    result = run_vp("site", "public", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "både en fil och en katalog som heter 'index.html'" in result.stderr
    assert not Path("public").exists()


def test_an_id_too_long_for_a_file_name_is_refused_before_writing(repo_copy, run_vp) -> None:
    long_id = "infocenter-" + "a" * 250
    SN.write_text(
        SN.read_text(encoding="utf-8").replace("infocenter-2018", long_id), encoding="utf-8"
    )
    assert run_vp("validate").exit_code == 0
    result = run_vp("site", "public", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "längre än 255 byte" in result.stderr and "Korta id:t" in result.stderr
    assert "Traceback" not in result.output
    assert not Path("public").exists()


def test_a_renamed_goal_leaves_no_stale_page(repo_copy, run_vp) -> None:
    assert run_vp("site", "public", "--as-of", AS_OF).exit_code == 0
    old = Path("public") / PLAN_ID / "mal" / "infocenter-2018.html"
    assert old.is_file()
    Path("public/egen-fil.txt").write_text("kommunens egen fil\n", encoding="utf-8")
    SN.write_text(
        SN.read_text(encoding="utf-8").replace("infocenter-2018", "infocenter-stod-2018"),
        encoding="utf-8",
    )
    result = run_vp("site", "public", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert not old.exists()
    assert (old.parent / "infocenter-stod-2018.html").is_file()
    assert f"{PLAN_ID}/mal/infocenter-2018.html" in result.stderr
    assert Path("public/egen-fil.txt").is_file()  # not vp's: left alone
    linked = [p for p in Path("public").rglob("*") if os.path.islink(p)]
    assert linked == []


@pytest.mark.parametrize("name", ["../utanfor.html", "/etc/passwd"])
def test_a_hand_edited_file_list_cannot_remove_outside(repo_copy, run_vp, name) -> None:
    assert run_vp("site", "public", "--as-of", AS_OF).exit_code == 0
    outside = repo_copy / "utanfor.html"
    outside.write_text("min\n", encoding="utf-8")
    with Path("public/.vp-webbplats").open("a", encoding="utf-8") as manifest:
        manifest.write(name + "\n")
    assert run_vp("site", "public", "--as-of", AS_OF).exit_code == 0
    assert outside.is_file() and Path("/etc/passwd").is_file()


def test_a_template_that_fails_late_leaves_the_site_as_it_was(repo_copy, run_vp) -> None:
    """Pages go to a private folder as they are made (a site is not held in memory whole);
    the start page is made last, so its template failing comes after every plan's pages were
    made: the published folder must still be the previous build, byte for byte, and a new
    folder must not be left behind."""
    assert run_vp("site", "public", "--as-of", AS_OF).exit_code == 0
    before = snapshot(Path("public"))
    index = Path("templates/site/site_index.html.j2")  # the municipality's own version
    index.parent.mkdir(parents=True)
    index.write_text("<p>{{ finns_inte.alls }}</p>\n", encoding="utf-8")
    SN.write_text(SN.read_text(encoding="utf-8").replace("Infocenter", "Infocentret"), "utf-8")
    for folder in ("public", "ny-webbplats"):
        result = run_vp("site", folder, "--as-of", AS_OF)
        assert result.exit_code == 1
        assert "ingenting har skrivits" in result.stderr
    assert snapshot(Path("public")) == before
    assert [p.name for p in Path("public").iterdir() if p.name.startswith(".vp-bygge")] == []
    assert not Path("ny-webbplats").exists()


def test_a_plan_for_two_centuries_gets_pages_for_its_goals_years(
    tmp_path, monkeypatch, run_vp
) -> None:
    """A plan whose period runs to 2200 has goals in its first years: its site has a
    follow-up page per year with goals (and none for 2027–2200's empty years), so it costs
    what those years cost."""
    import re

    repository = tmp_path / "kommun"
    assert run_vp("init", str(repository), "--as-of", "2026-05-20").exit_code == 0
    plan = next((repository / "plans").rglob("*.yaml"))
    text = plan.read_text(encoding="utf-8")
    plan.write_text(re.sub(r"end: 2027", "end: 2200", text, count=1), encoding="utf-8")
    monkeypatch.chdir(repository)
    result = run_vp("site", "webb", "--as-of", "2026-05-20")
    assert result.exit_code == 0, result.output
    years = sorted(p.stem for p in Path("webb").glob("*/[0-9][0-9][0-9][0-9].html"))
    goal_years = sorted(set(re.findall(r"^\s+year: (\d{4})", text, re.M)))
    assert years == goal_years and "2026" in years
    assert not list(Path("webb").glob("*/2100.html"))
