"""A real browser for the tests: Debian's chromium driven by Selenium, with axe-core from npm
for WCAG 2.1 AA. .ci/run installs all three and sets VP_REQUIRE_BROWSER, so that in CI a
browser test fails rather than skips when one is missing."""

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


def start_browser(tmp_path_factory):
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
    return driver


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


def require_browser() -> pytest.MarkDecorator:
    """The mark every browser test module carries: skip here without a browser, fail in CI."""
    if _missing() is not None and os.environ.get("VP_REQUIRE_BROWSER"):
        pytest.fail(f"the browser test must run here: {_missing()}", pytrace=False)
    return pytest.mark.skipif(_missing() is not None, reason=str(_missing()))
