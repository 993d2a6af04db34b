"""`ska öka` and `minst 85 i snitt från 2017` as a person types them, through the real CLI on
a copy of the shipped Degerfors repository: written to the plan, validated, explained to the
line and printed in the nämnd report. Values worked out by hand."""

from __future__ import annotations

from pathlib import Path

PLAN = "degerfors-sn-2018-2019"
DATA = (
    "indicator,period,value,gender,note\n"
    "nojda-hemtjanst,2018,92,T,\n"
    "nojda-hemtjanst,2019,92,T,\n"
    "nojda-sarskilt-boende,2017,80,T,\n"
    "nojda-sarskilt-boende,2018,86,T,\n"
    "nojda-sarskilt-boende,2019,88,T,\n"
)


def _add_goals(run_vp, root: Path) -> None:
    (root / "indicators-data" / "degerfors" / "brukare.csv").write_text(DATA, encoding="utf-8")
    for ident, text, indicator, target in (
        ("hemtjanst-okar", "Andelen nöjda i hemtjänsten ska öka.", "nojda-hemtjanst",
         "ska öka"),
        ("boende-snitt", "Andelen nöjda i särskilt boende ska under åren i snitt vara minst "
         "85 %.", "nojda-sarskilt-boende", "minst 85 i snitt från 2017"),
    ):  # fmt: skip
        added = run_vp(
            "goal", "add", "-p", PLAN, "-t", text, "-a", "kvalitet", "-y", "2019",
            "-i", indicator, "--target", target, "--id", ident,
        )  # fmt: skip
        assert added.exit_code == 0, added.output
    plan = (root / "plans" / "degerfors" / "socialnamnden-2018-2019.yaml").read_text("utf-8")
    assert "kind: direction" in plan and "direction: increase" in plan
    assert "mean_since: 2017" in plan


def test_direction_and_mean_targets_validate_explain_and_report(repo_copy, run_vp) -> None:
    _add_goals(run_vp, repo_copy)
    checked = run_vp("validate", "--strict")
    assert checked.exit_code == 0, checked.output

    unchanged = run_vp("explain", "hemtjanst-okar", "--year", "2019").stdout.replace("\xa0", " ")
    assert "Målet i ord: öka från 92 % (2018)" in unchanged
    assert "Resultat: ✘ ej uppnått" in unchanged  # 92 against 92: unchanged is not a rise
    assert "med 0" not in unchanged

    mean = run_vp("explain", "boende-snitt", "--year", "2019").stdout.replace("\xa0", " ")
    # (80 + 86 + 88) / 3 = 84,67; the years before: (80 + 86) / 2 = 83;
    # progress (84,67 − 83) / (85 − 83) = 0,83 ≥ 0,5: delvis uppnått.
    assert "snitt = (80 + 86 + 88) / 3 = 84,67 %" in mean
    assert "Basvärde: snittet av åren före målåret (2017–2018)" in mean
    assert "snitt = (80 + 86) / 2 = 83 %" in mean
    assert "= (84,67 − 83) / (85 − 83) = 0,83" in mean
    assert "Resultat: ◐ delvis uppnått" in mean

    assert (
        run_vp("report", "--year", "2019", "--plan", PLAN, "-f", "md", "-o", "r.md").exit_code == 0
    )
    report = Path("r.md").read_text(encoding="utf-8").replace("\xa0", " ")
    assert "mål: öka från 92 % (2018)" in report
    assert "**Målvärde:** högre än 92 %" in report
    assert "mål: minst 85 % i snitt 2017–2019" in report
    assert "**Utfall:** 84,67 % (snitt 2017–2019)" in report
    assert "**Basvärde:** 83 % (2017–2018)" in report


def test_a_mean_that_starts_after_the_goals_year_and_a_direction_against_the_indicator(
    repo_copy, run_vp
) -> None:
    _add_goals(run_vp, repo_copy)
    plan = repo_copy / "plans" / "degerfors" / "socialnamnden-2018-2019.yaml"
    text = plan.read_text("utf-8")
    plan.write_text(
        text.replace("mean_since: 2017", "mean_since: 2020").replace(
            "direction: increase", "direction: decrease"
        ),
        encoding="utf-8",
    )
    result = run_vp("validate")
    assert result.exit_code == 1
    assert (
        "VP203" in result.stdout and "snittet i" in result.stdout and "börjar 2020" in result.stdout
    )
    assert "VP206" in result.stdout and "'nojda-hemtjanst' ska sänkas" in result.stdout


def test_an_unreadable_target_lists_the_new_forms(repo_copy, run_vp) -> None:
    result = run_vp(
        "goal", "add", "-p", PLAN, "-t", "Mål.", "-a", "kvalitet", "-y", "2019",
        "-i", "nojda-hemtjanst", "--target", "ska bli bättre",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "ska öka, ska minska, minst 2 i snitt från 2023" in result.stderr
