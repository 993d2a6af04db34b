"""The HTML report in a real browser: it renders, and axe-core finds no WCAG 2.1 AA violations.

Needs Debian's chromium and chromium-driver and axe-core from npm; .ci/run installs them
(see there). Without them the test is skipped and says which is missing.
"""

from __future__ import annotations

import pytest

from browsing import axe, require_browser, start_browser
from conftest import ROOT

pytestmark = require_browser()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = start_browser(tmp_path_factory)
    yield driver
    driver.quit()


REPORTS = [
    ("degerfors-sn-2018-2019", "--year", "2019"),
    ("degerfors-sn-2018-2019", "--period", "2018-T2"),  # with the shipped analysis
    ("bromolla-sf-2010-2011", "--year", "2011"),
    ("degerfors-kf-2018-2019", "--period", "2018-T2"),  # kommunstyrelsens målavstämning
]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(("plan", "option", "when"), REPORTS)
def test_report_renders_and_has_no_accessibility_violations(
    browser, run_vp, tmp_path, monkeypatch, plan, option, when, width
) -> None:
    monkeypatch.chdir(ROOT)
    target = tmp_path / "rapport.html"
    result = run_vp(
        "report", option, when, "--plan", plan, "--as-of", "2020-01-31", "-o", str(target)
    )
    assert result.exit_code == 0, result.output
    # A phone's viewport (390 px, mobile) or a desktop's, as the device itself reports it.
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    browser.get(target.as_uri())
    expected = "Delårsrapport" if option == "--period" else "Verksamhetsberättelse"
    if plan == "degerfors-kf-2018-2019":
        expected = "Målavstämning"
    assert expected in browser.title
    assert browser.find_element("tag name", "h1").text.startswith(expected)
    viewport, page = browser.execute_script(
        "return [window.innerWidth, document.documentElement.scrollWidth];"
    )
    assert viewport == width
    assert page <= viewport, f"the page scrolls sideways: {page} px wide at {viewport} px"
    violations, passes = axe(browser)
    assert violations == []
    assert passes, "axe ran no checks"
    browser.save_screenshot(str(tmp_path / "rapport.png"))


def test_status_symbols_are_drawn_whole_beside_their_word(browser, run_vp, tmp_path, monkeypatch):
    """◐ is a sliver in Arial: the report draws its symbols, each 12 px square, and the word
    beside it is what a screen reader reads."""
    monkeypatch.chdir(ROOT)
    target = tmp_path / "rapport.html"
    run_vp("report", "--period", "2018-T2", "--plan", "degerfors-sn-2018-2019", "-o", str(target))
    browser.get(target.as_uri())
    sizes = browser.execute_script(
        "return [...document.querySelectorAll('.status svg.glyph')].map(g => {"
        "const r = g.getBoundingClientRect(); return [r.width, r.height,"
        " g.getAttribute('aria-hidden'), g.parentElement.textContent.trim()]; });"
    )
    assert len(sizes) > 30
    for width, height, hidden, word in sizes:
        assert (width, height, hidden) == (12, 12, "true")
        assert word


@pytest.mark.parametrize("width", [1280, 390])
def test_internal_control_report_has_no_accessibility_violations(
    browser, run_vp, tmp_path, monkeypatch, width
) -> None:
    """The uppföljning av internkontrollplanen: the risk matrix is a table of words and
    numbers, every table a focusable region, nothing sideways on a phone."""
    monkeypatch.chdir(ROOT)
    target = tmp_path / "ik.html"
    result = run_vp("control", "report", "-y", "2018", "-o", str(target))
    assert result.exit_code == 0, result.output
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    browser.get(target.as_uri())
    assert browser.title.startswith("Uppföljning av internkontrollplan 2018")
    cells = browser.execute_script(
        "return [...document.querySelectorAll('table.risk-matrix tbody td')]"
        ".map(td => td.innerText.replace(/\\s+/g, ' ').trim());"
    )
    assert len(cells) == 16
    assert cells[7] == "12 mycket hög dokumentation-sol"  # probability 3, consequence 4
    viewport, page = browser.execute_script(
        "return [window.innerWidth, document.documentElement.scrollWidth];"
    )
    assert page <= viewport, f"the page scrolls sideways: {page} px wide at {viewport} px"
    violations, passes = axe(browser)
    assert violations == [] and passes
