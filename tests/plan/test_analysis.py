"""The administration's analysis file: sections by subject, located problems."""

from __future__ import annotations

from pathlib import Path

from verksamhetsplan.plan.analysis import missing, parse_analysis

KNOWN = ["sn", "attraktivitet", "heltid-2018"]
PATH = Path("analyses/sn/2018-T2.md")


def parse(text: str):
    return parse_analysis(text, PATH, "sn", KNOWN)


def test_sections_by_plan_area_and_goal_with_optional_titles() -> None:
    analysis, problems = parse(
        "Skrivet av förvaltningen, inte publicerat.\n\n"
        "# Sammanfattande analys\n\nHelheten.\n\n## Åtgärder\n\n- En sak\n\n"
        "# attraktivitet – Attraktivitet\n\nOmrådet.\n\n"
        "# heltid-2018: Heltid\n\n```\n# inte en rubrik\n```\n"
    )
    assert problems == []
    assert analysis.text_for("sn") == "Helheten.\n\n## Åtgärder\n\n- En sak"
    assert analysis.text_for("attraktivitet") == "Området."
    assert analysis.text_for("heltid-2018") == "```\n# inte en rubrik\n```"
    assert "Skrivet av" not in str(analysis.sections)  # the preamble is the writers' note
    assert missing(analysis, KNOWN) == []


def test_an_unknown_or_repeated_subject_is_located_with_a_suggestion() -> None:
    analysis, problems = parse(
        "# Sammanfattande analys\n\nA\n\n# atraktivitet\n\nB\n\n# sammanfattande ANALYS\n\nC\n"
    )
    assert [(p.code, p.line, p.column) for p in problems] == [("VP401", 5, 1), ("VP402", 9, 1)]
    assert "'atraktivitet' namnger inget område eller mål" in problems[0].message
    assert "Menade du 'attraktivitet'?" in (problems[0].hint or "")
    assert "redan ett avsnitt på rad 1" in problems[1].message
    assert missing(analysis, KNOWN) == ["attraktivitet", "heltid-2018"]


def test_an_empty_section_counts_as_missing() -> None:
    analysis, _ = parse("# attraktivitet\n\n   \n# heltid-2018\n\nText\n")
    assert missing(analysis, KNOWN) == ["sn", "attraktivitet"]
    assert missing(None, KNOWN) == KNOWN


def test_vp_validate_checks_the_analyses_folder_names_and_headings(
    repo_copy, run_vp, validate_json
) -> None:
    import shutil

    from conftest import ROOT

    shutil.copytree(ROOT / "analyses", repo_copy / "analyses")
    code, report = validate_json()
    assert code == 0
    assert "analyses/degerfors-sn-2018-2019/2018-T2.md" in report["files"]
    folder = repo_copy / "analyses" / "degerfors-sn-2018-2019"
    (folder / "2019.md").write_text("# Sammanfattande analys\n\nA\n\n# kvallitet\n\nB\n", "utf-8")
    (folder / "2021-T2.md").write_text("# kvalitet\n\nC\n", "utf-8")
    (repo_copy / "analyses" / "degerfors-sn").mkdir()
    (repo_copy / "analyses" / "degerfors-sn" / "2018.md").write_text("# x\n", "utf-8")
    (repo_copy / "analyses" / "README.md").write_text("# Om analyserna\n", "utf-8")  # no analysis
    code, report = validate_json()
    assert code == 1
    found = [(p["code"], p["file"], p["line"]) for p in report["problems"]]
    assert found == [
        ("VP401", "analyses/degerfors-sn-2018-2019/2019.md", 5),
        ("VP404", "analyses/degerfors-sn-2018-2019/2021-T2.md", None),
        ("VP404", "analyses/degerfors-sn/2018.md", None),
    ]
    assert "Menade du 'degerfors-sn-2018-2019'?" in report["problems"][2]["hint"]
