"""vp site: a static website of the shipped repository, checked as a visitor and a crawler
would, and in Chromium with axe-core."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT

AS_OF = "2020-01-31"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    import os

    from typer.testing import CliRunner

    from verksamhetsplan.cli import app

    out = tmp_path_factory.mktemp("site")
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, ["site", str(out), "--as-of", AS_OF])
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    return out


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]


def test_every_internal_link_resolves(built: Path) -> None:
    pages = sorted(built.rglob("*.html"))
    assert len(pages) > 60
    for page in pages:
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            if href.startswith(("http://", "https://", "mailto:")):
                continue
            assert (page.parent / href).resolve().is_file(), (page.relative_to(built), href)


def test_building_twice_gives_identical_bytes(built: Path, tmp_path, monkeypatch, run_vp) -> None:
    monkeypatch.chdir(ROOT)
    assert run_vp("site", str(tmp_path), "--as-of", AS_OF).exit_code == 0
    first = {p.relative_to(built): p.read_bytes() for p in built.rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert first == second


def main_text(page: str) -> str:
    """What a visitor reads without opening "Så räknades det": tags and the disclosure out."""
    main = page[page.index("<main>") : page.index("</main>")]
    main = re.sub(r"<details>.*?</details>", " ", main, flags=re.S)
    main = re.sub(r"<(svg|table).*?</\1>", " ", main, flags=re.S)  # the chart and its values
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).replace("\u00a0", " ")


def test_each_goal_page_says_in_plain_swedish_what_was_promised_and_how_it_went(
    built: Path, in_repo, run_vp
) -> None:
    status = json.loads(
        run_vp(
            "status", "--plan", "degerfors-sn-2018-2019", "--year", "2019", "--as-of", AS_OF,
            "--format", "json",
        ).stdout
    )["plans"][0]  # fmt: skip
    from verksamhetsplan.followup.attainment import Result
    from verksamhetsplan.followup.words import STATUS, amount
    from verksamhetsplan.plan.vocabulary import Unit

    checked = 0
    for goal in status["goals"]:
        page = (built / "degerfors-sn-2018-2019" / "mal" / f"{goal['goal']}.html").read_text()
        text = main_text(page)
        said = text[text.index("Så gick det, 2019") :]
        assert re.sub(r"\s+", " ", goal["text"]) in text, goal["goal"]
        assert goal["target_text"].replace("\u00a0", " ") in text, goal["goal"]
        assert STATUS[Result(goal["status"])][0] in said.split("Alla år")[0], goal["goal"]
        assert "indicators-data" not in text and ".csv rad" not in text, goal["goal"]
        if goal["outcome"] is not None and goal["unit"]:  # the outcome, with its unit
            shown = amount(goal["outcome"], Unit(goal["unit"])).replace("\u00a0", " ")
            assert f"{shown}:" in said, (goal["goal"], shown)
            checked += 1
        # the full computation is one click away, with its sources
        assert "<summary>Så räknades det</summary>" in page
    assert checked >= 5  # the measured goals
    # Worked by hand: 2019's twelve monthly shares 5,13 … 4,72 sum to 58,91; / 12 = 4,909.
    page = (built / "degerfors-sn-2018-2019" / "mal" / "forsorjningsstod-2019.html").read_text()
    assert "Utfallet 2019 blev 4,91 %: uppnått." in main_text(page)
    assert "indicators-data/degerfors/socialtjanst.csv rad" in page  # behind the disclosure


def test_every_page_is_reachable_from_the_start_page(built: Path) -> None:
    pages = {p.relative_to(built).as_posix() for p in built.rglob("*.html")}
    seen, queue = set(), ["index.html"]
    while queue:
        page = queue.pop()
        if page in seen:
            continue
        seen.add(page)
        parser = Links()
        parser.feed((built / page).read_text(encoding="utf-8"))
        for href in parser.hrefs:
            if href.startswith(("http://", "https://", "mailto:")) or not href.endswith(".html"):
                continue
            target = ((built / page).parent / href).resolve().relative_to(built.resolve())
            queue.append(target.as_posix())
    assert pages - seen == set()
    # every year's follow-up of a plan, and both years' goals
    assert {"degerfors-sn-2018-2019/2018.html", "degerfors-sn-2018-2019/2019.html"} <= seen
    assert {"degerfors-sn-2018-2019/mal/forsorjningsstod-2018.html",
            "degerfors-sn-2018-2019/mal/forsorjningsstod-2019.html"} <= seen  # fmt: skip


def test_the_start_page_names_the_municipality_the_date_and_the_symbols(built: Path) -> None:
    text = main_text((built / "index.html").read_text(encoding="utf-8"))
    assert text.startswith(" Bromölla kommun, Degerfors kommun: verksamhetsplaner och uppföljning")
    assert "sammanställda per 31 januari 2020" in text
    assert "Uppgifterna gäller till och med 31 december 2019" in text
    legend = text[text.index("Teckenförklaring") : text.index("Teckenförklaring") + 200]
    for word in ("uppnått", "delvis uppnått", "ej uppnått", "ej mätbart", "ej aktuellt än"):
        assert word in legend
    # where the goals stand, as bars with words and numbers (never colour alone)
    assert "Totalt – ✔ 3 uppnått, ◐ 3 delvis uppnått, ✘ 2 ej uppnått, ? 4 ej mätbart" in text


def test_indicator_downloads_hold_the_values(built: Path) -> None:
    folder = built / "degerfors-sn-2018-2019" / "nyckeltal"
    data = json.loads((folder / "andel-heltider.json").read_text(encoding="utf-8"))
    total = next(v for v in data["values"] if (v["period"], v["gender"]) == ("2016-Q1", "T"))
    assert total["value"] == 35.0
    assert (data["unit"], data["licence"]) == ("percent", "CC0-1.0")
    rows = (folder / "andel-heltider.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "indicator,title,period,gender,value,unit,missing,source,licence"
    assert "andel-heltider,Andel heltider,2016-Q1,T,35,percent,,Personalsystemet,CC0-1.0" in rows


def test_site_pages_pass_axe_at_desktop_and_phone_width(built: Path) -> None:
    from browsing import AXE, CHROMIUM, DRIVER, _missing

    if _missing() is not None:
        pytest.skip(str(_missing()))
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    try:
        # every page of the Degerfors site (and the start page)
        degerfors = built.glob("degerfors-*/**/*.html")
        root = sorted(p.name for p in built.glob("*.html"))  # start, about, open data
        pages = [*root, *sorted(p.relative_to(built).as_posix() for p in degerfors)]
        assert {"index.html", "om-uppfoljningen.html", "oppna-data.html"} <= set(root)
        assert len(pages) > 50
        for width in (1280, 390):
            driver.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
            )
            for page in pages:
                driver.get((built / page).as_uri())
                driver.execute_script(AXE.read_text(encoding="utf-8"))
                results = driver.execute_async_script(
                    "const done = arguments[arguments.length - 1];"
                    "axe.run(document, {runOnly: {type: 'tag', values: "
                    "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(done);"
                )
                assert [v["id"] for v in results["violations"]] == [], (page, width)
                scroll = driver.execute_script("return document.documentElement.scrollWidth")
                assert scroll <= width, (page, width, scroll)
    finally:
        driver.quit()


def test_plan_page_has_the_analysis_and_goal_page_a_chart_with_its_values(built: Path) -> None:
    plan = (built / "degerfors-sn-2018-2019" / "2018.html").read_text(encoding="utf-8")
    assert "<h2>Strategiska aktiviteter</h2>" in plan
    assert "Heltidsprojektet tar fram en modell" in plan
    assert "<h2>Förvaltningens analys, tertial 2 2018 (januari–augusti, delåret)</h2>" in plan
    assert "<strong>ett mål uppnås och fyra delvis</strong>" in plan
    # 2019's page (the plan's front page) has no analysis of its own: not 2018's in its place
    current = (built / "degerfors-sn-2018-2019" / "index.html").read_text(encoding="utf-8")
    assert "Förvaltningens analys" not in current and "ett mål uppnås och fyra" not in current
    assert current == (built / "degerfors-sn-2018-2019" / "2019.html").read_text("utf-8")
    goal = (built / "degerfors-sn-2018-2019" / "mal" / "forsorjningsstod-2019.html").read_text()
    assert '<svg role="img"' in goal and 'id="t-values"' in goal
    assert re.search(r'<th scope="row">2019-\d\d</th><td class="number">\d', goal)


def test_data_through_never_runs_past_the_day_the_site_is_built_for(
    tmp_path, in_repo, run_vp
) -> None:
    """On 15 September 2019 the newest monthly values are August's; a preliminary yearly
    value for 2019 once made the site say the data ran to 31 December 2019."""
    assert run_vp("site", str(tmp_path), "--as-of", "2019-09-15").exit_code == 0
    start = main_text((tmp_path / "index.html").read_text(encoding="utf-8"))
    assert "Socialnämnden. Uppföljning 2019" in start
    assert "Uppgifterna gäller till och med 31 augusti 2019" in start
    assert "31 december 2019" not in start
    goal = tmp_path / "degerfors-sn-2018-2019" / "mal" / "heltid-okning-2019.html"
    text = main_text(goal.read_text(encoding="utf-8"))
    # a quarterly indicator: its newest ended quarter is 2019-Q2
    assert "Uppgifterna gäller till och med 30 juni 2019." in text
    assert "Utfallet hittills 2019 är 41,1 %: ej uppnått hittills." in text


def test_a_plan_with_council_goals_of_its_own_keeps_its_follow_up_page(built: Path) -> None:
    """Bromölla's plan has both goals and kommunfullmäktiges mål: its index.html is the
    plan's follow-up (as the start page's link to the plan promises), and the council goals
    are listed beside their pages in kf/index.html, which the start page links to."""
    plan = built / "bromolla-sf-2010-2011"
    index = (plan / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1>[^<]*: uppföljning 2011</h1>", index)
    assert '<a href="kf/index.html">Kommunfullmäktiges mål i planen</a>' in index
    council = (plan / "kf" / "index.html").read_text(encoding="utf-8")
    assert "Kommunfullmäktiges mål och hur nämndernas mål bidrar" in council
    assert 'href="dialog.html"' in council and 'href="../../index.html"' in council
    goal = (plan / "kf" / "dialog.html").read_text(encoding="utf-8")
    assert '<a href="index.html">' in goal  # the crumb back to the list of council goals
    start = (built / "index.html").read_text(encoding="utf-8")
    assert 'href="bromolla-sf-2010-2011/kf/index.html"' in start
    assert 'href="degerfors-kf-2018-2019/index.html"' in start  # a council plan alone
