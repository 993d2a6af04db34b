"""vp report: the nämnd report's content, checked by what it says."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from verksamhetsplan.data.rows import read_series
from verksamhetsplan.plan.load import load_plan

SN = "degerfors-sn-2018-2019"
WORDS = {
    "uppnått",
    "delvis uppnått",
    "ej uppnått",
    "ej mätbart",
    "ej aktuellt än",
    "ej bedömbar",
    "bedöms uppnås",
    "bedöms delvis uppnås",
    "bedöms inte uppnås",
    "kan inte bedömas",
}
AS_OF = "2020-01-31"


def report(run_vp, *args: str) -> str:
    result = run_vp("report", "--as-of", AS_OF, "-o", "-", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("year", [2018, 2019])
@pytest.mark.parametrize("output", ["md", "html"])
def test_every_goal_and_the_status_counts_of_vp_status(in_repo, run_vp, year, output) -> None:
    text = report(run_vp, "--year", str(year), "--plan", SN, "--format", output)
    status = json.loads(
        run_vp(
            "status", "--format", "json", "--plan", SN, "--year", str(year), "--as-of", AS_OF
        ).stdout
    )["plans"][0]
    plain = re.sub(r"\s+", " ", text.replace("&#34;", '"').replace("&#39;", "'"))
    for goal in status["goals"]:
        assert re.sub(r"\s+", " ", goal["text"].strip()) in plain, goal["goal"]
    assert f"{len(status['goals'])} mål för {year}" in text
    for word, count in (
        ("uppnått", "achieved"),
        ("delvis uppnått", "partial"),
        ("ej uppnått", "not_achieved"),
        ("ej mätbart", "no_data"),
    ):
        expected = status["counts"][count]
        if output == "md":
            assert re.search(rf"\| . {word} \| {expected} \|", text), (word, expected)
    if output == "html":
        total = re.search(r'<th scope="row">Totalt</th>(.*?)</tr>', text, re.S)
        assert total is not None
        numbers = [int(n) for n in re.findall(r'<td class="number">(\d+)</td>', total[1])]
        keys = ("achieved", "partial", "not_achieved", "no_data", "not_due")
        assert numbers == [status["counts"][k] for k in keys]
    assert "Uppföljning av verksamhetsplan" in text
    assert "29 november 2017" in text  # dates in words
    assert "31 januari 2020" in text


def test_numbers_are_written_the_swedish_way(in_repo, run_vp) -> None:
    text = report(run_vp, "--year", "2018", "--plan", SN, "--format", "md")
    assert "5,4\u00a0%" in text  # decimal comma and a non-breaking space before %
    assert not re.search(r"\d\.\d\s?%", text)


def test_bromolla_report_shows_the_council_goals_no_area_serves(in_repo, run_vp) -> None:
    text = report(run_vp, "--year", "2011", "--plan", "bromolla-sf-2010-2011", "--format", "md")
    assert (
        "**KF-mål som inget område tjänar:** Ett ökat valdeltagande; Trygghet i samhället." in text
    )
    assert "Verksamhetsberättelse 2011" in text
    assert "Uppföljning av handlingsplan 2010–2011" in text


def test_html_is_self_contained_swedish_and_accessible_in_structure(in_repo, run_vp) -> None:
    html = report(run_vp, "--year", "2019", "--plan", SN)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="sv">' in html
    assert "<script" not in html and "http://" not in html.replace("www.kolada.se", "")
    assert html.count("<h1>") == 1
    assert html.count("<table") == html.count("<caption")
    assert "@media print" in html and "break-before: page" in html
    # Status never by colour alone: every coloured status carries its word beside the drawn
    # symbol, which screen readers skip.
    spans = re.findall(r'<span class="status[^"]*">(.*?)</span>', html, re.S)
    assert len(spans) > 20
    for span in spans:
        assert re.sub(r"<svg.*?</svg>", "", span, flags=re.S).strip() in WORDS
        assert '<svg class="glyph" aria-hidden="true"' in span


def test_plan_text_is_escaped_not_run(repo_copy, run_vp) -> None:
    plan = repo_copy / "plans" / "degerfors" / "socialnamnden-2018-2019.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace(
            "text: Infocenter används för föräldraskapsstöd.",
            "text: Infocenter <script>alert(1)</script> används.",
        ),
        "utf-8",
    )
    html = report(run_vp, "--year", "2018", "--plan", SN)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_default_file_under_reports_and_what_it_says(repo_copy, run_vp) -> None:
    result = run_vp("report", "--year", "2018", "--as-of", AS_OF)
    assert result.exit_code == 0
    written = repo_copy / "reports" / f"{SN}-2018.html"
    assert written.is_file()
    assert "Skrev reports" in result.stderr
    assert "Sammanställning av mål" in written.read_text(encoding="utf-8")


def test_a_repository_template_overrides_the_built_in_one(repo_copy, run_vp) -> None:
    (repo_copy / "templates").mkdir()
    (repo_copy / "templates" / "report.md.j2").write_text(
        "Egen mall för {{ plan.organisation }} {{ year }}: {{ summary.total }} mål.\n", "utf-8"
    )
    assert report(run_vp, "--year", "2018", "--plan", SN, "--format", "md") == (
        "Egen mall för Degerfors kommun 2018: 13 mål.\n"
    )


def test_a_missing_template_variable_is_an_error_and_nothing_is_written(repo_copy, run_vp) -> None:
    (repo_copy / "templates").mkdir()
    (repo_copy / "templates" / "report.md.j2").write_text("{{ plan.nonsense }}\n", "utf-8")
    result = run_vp("report", "--year", "2018", "--plan", SN, "--format", "md")
    assert result.exit_code == 1
    assert "report.md.j2" in result.stderr and "fel i rapportmallen" in result.stderr
    assert "Traceback" not in result.output
    assert not (repo_copy / "reports").exists()


def test_year_without_a_plan_is_a_usage_error(in_repo, run_vp) -> None:
    result = run_vp("report", "--year", "2030")
    assert result.exit_code == 2
    assert "ingen plan" in result.stderr


def test_key_figures_have_a_chart_with_title_description_and_the_values_beside(
    in_repo, run_vp
) -> None:
    html = report(run_vp, "--year", "2019", "--plan", SN)
    charts = re.findall(r'<svg role="img" aria-labelledby="(kf\d+t) (kf\d+d)".*?</svg>', html, re.S)
    series = read_series([(p, p.name) for p in sorted((ROOT / "indicators-data").rglob("*.csv"))])
    plan, _ = load_plan(ROOT / "plans" / "degerfors" / "socialnamnden-2018-2019.yaml")
    assert plan is not None
    charted = [
        i
        for i in plan.plan.indicators
        if i.key_figure and len([o for o in series.get((i.id, "T"), []) if o.value is not None]) > 1
    ]
    assert len(charts) == len(charted) > 0  # every key figure with two values or more
    title_id, desc_id = charts[0]
    assert f'<title id="{title_id}">Utvecklingen för' in html
    assert f'<desc id="{desc_id}">De senaste värdena' in html
    assert "2019-Q4: 42,9\u00a0%" in html  # the chart's values also stand as text


def test_period_report_says_which_report_and_shows_so_far_forecast_and_assessments(
    in_repo, run_vp
) -> None:
    text = report(run_vp, "--period", "2018-T2", "--plan", SN, "--format", "md")
    assert text.startswith("# Degerfors kommun – Socialnämnden: Delårsrapport januari–augusti 2018")
    assert "- Period: tertial 2 2018 (januari–augusti, delåret)." in text
    assert "- Data till och med 31 augusti 2018." in text
    # The subsidised jobs goal: 38 so far against 40, forecast 39,31 by the seasonal method.
    goal = text[text.index("#### ◐ 40 heltidstjänster") :]
    goal = goal[: goal.index("\n#### ")]
    assert "**Utfall hittills:** 38\u00a0heltider" in goal
    assert "**Prognos för helåret:** 39,31\u00a0heltider – ◐ bedöms delvis uppnås" in goal
    assert "säsongsprognos" in goal
    # The assessment recorded for 2018-T2 is shown, with its date and who; 2018's is not.
    koll = text[text.index("#### ◐ KOLL ska vara installerat") :]
    koll = koll[: koll.index("\n#### ")]
    assert "**Bedömningar för tertial 2 2018 (januari–augusti, delåret):**" in koll
    assert (
        "31 augusti 2018, verksamhetsutvecklare (påhittad bedömning): ◐ delvis uppnått. "
        "Installerat och implementerat; används i 9 av 14 enheter." in koll
    )
    assert "sedan november" not in koll


def test_period_report_file_name_and_the_quarter_and_half_year_titles(repo_copy, run_vp) -> None:
    for period, title in (
        ("2018-Q1", "Kvartalsrapport januari–mars 2018"),
        ("2018-H1", "Halvårsrapport januari–juni 2018"),
        ("2018-delår", "Delårsrapport januari–augusti 2018"),
        ("2018-05", "Månadsrapport januari–maj 2018"),
    ):
        result = run_vp("report", "--period", period, "--plan", SN, "-f", "md")
        assert result.exit_code == 0, result.output
        name = period.replace("delår", "T2")
        written = (repo_copy / "reports" / f"{SN}-{name}.md").read_text(encoding="utf-8")
        assert title in written.splitlines()[0]
    both = run_vp("report", "--period", "2018-T2", "--year", "2018")
    assert both.exit_code == 2 and "ange antingen --year eller --period" in both.stderr


def test_the_analysis_is_woven_in_and_what_it_lacks_is_listed(in_repo, run_vp) -> None:
    result = run_vp("report", "--period", "2018-T2", "--plan", SN, "-f", "md", "-o", "-")
    assert result.exit_code == 0
    text = result.stdout
    summary = text[text.index("## Sammanfattande analys") : text.index("## Sammanställning av mål")]
    assert "Prognosen för helåret är att **ett mål uppnås och fyra delvis**." in summary
    assert "### Åtgärder" in summary
    area = text[text.index("## Attraktivitet") : text.index("### Mål 2018")]
    assert "Antalet subventionerade heltidstjänster har ökat från 30 till 38." in area
    assert "[kommunens webbplats](https://www.degerfors.se)" in text  # in the goal's section
    assert (
        "analyses/degerfors-sn-2018-2019/2018-T2.md: varning VP403: analys saknas för 11 av 18 "
        "avsnitt: heltid-modell-2018, koll-installerat-2018" in result.stderr
    )


def test_strict_stops_a_report_without_analysis_and_writes_nothing(repo_copy, run_vp) -> None:
    result = run_vp("report", "--year", "2018", "--plan", SN, "--strict")
    assert result.exit_code == 1
    assert (
        "analyses/degerfors-sn-2018-2019/2018.md: fel VP403: filen finns inte; analys saknas "
        "för alla 18 avsnitt" in result.stderr
    )
    assert "ingen rapport skrevs" in result.stderr
    assert not (repo_copy / "reports").exists()


def test_a_wrong_heading_in_the_analysis_is_located_and_stops_the_report(repo_copy, run_vp) -> None:
    analyses = repo_copy / "analyses" / SN
    analyses.mkdir(parents=True)
    (analyses / "2018-T2.md").write_text(
        "# Sammanfattande analys\n\nText.\n\n# atraktivitet\n\nText.\n", "utf-8"
    )
    result = run_vp("report", "--period", "2018-T2", "--plan", SN)
    assert result.exit_code == 1
    assert (
        "analyses/degerfors-sn-2018-2019/2018-T2.md:5:1: fel VP401: rubriken 'atraktivitet' "
        "namnger inget område eller mål" in result.stderr
    )
    assert "Menade du 'attraktivitet'?" in result.stderr
    assert not (repo_copy / "reports").exists()
    (analyses / "2018-T2.md").write_bytes(b"# Sammanfattande analys\n\nR\xe4tt text.\n")
    result = run_vp("report", "--period", "2018-T2", "--plan", SN)
    assert result.exit_code == 1
    assert "2018-T2.md:3: fel VP002: analysen är inte UTF-8" in result.stderr
    assert "Traceback" not in result.output
