"""The HTML report in a real browser: it renders, and axe-core finds no WCAG 2.1 AA violations.

Needs Debian's chromium and chromium-driver and axe-core from npm; .ci/run installs them
(see there). Without them the test is skipped and says which is missing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
AXE = Path(os.environ.get("VP_AXE_JS", ROOT / ".cache/axe/node_modules/axe-core/axe.min.js"))


def _missing() -> str | None:
    if not Path(CHROMIUM).exists() or not Path(DRIVER).exists():
        return "chromium och chromium-driver saknas (apt-get install chromium chromium-driver)"
    if not AXE.exists():
        return f"axe-core saknas ({AXE}; npm install --prefix .cache/axe axe-core@4)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium saknas (pip install -e '.[dev]')"
    return None


if _missing() is not None and os.environ.get("VP_REQUIRE_BROWSER"):
    pytest.fail(f"the browser test must run here: {_missing()}", pytrace=False)
pytestmark = pytest.mark.skipif(_missing() is not None, reason=str(_missing()))


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1200,1600",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_script_timeout(60)
    yield driver
    driver.quit()


def axe(browser) -> tuple[list[str], int]:
    """axe-core's WCAG 2.1 AA violations on the open page, and how many checks passed."""
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    results = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(done);"
    )
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} st, t.ex. {v['nodes'][0]['html'][:120]})"
        for v in results["violations"]
    ]
    return violations, len(results["passes"])


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
