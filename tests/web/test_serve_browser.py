"""vp serve in a real browser over a real server on 127.0.0.1: a reporter records a value,
an assessment, an activity's status and an analysis; the secretary approves and locks; and
axe-core finds nothing on any page at 1280 and 390 px."""

from __future__ import annotations

import pytest

from browsing import axe, require_browser, start_browser
from conftest import only_added_lines
from serving import REPORTER, SECRETARY, SN, VOO, git, make_app, running

pytestmark = require_browser()
DATA = "indicators-data/degerfors/vard-och-omsorg.csv"
PLAN = "plans/degerfors/vard-och-omsorg-2018-2019.yaml"


@pytest.fixture
def server(served):
    with running(make_app(served)) as url:
        yield url


@pytest.fixture
def browser(tmp_path_factory):
    driver = start_browser(tmp_path_factory)
    yield driver
    driver.quit()


def checked(browser, pages: list[tuple[str, list[str]]]) -> None:
    """axe on the open page at both widths; the violations are kept by the page's path."""
    path = browser.current_url.split("/", 3)[3]
    for width in (1280, 390):
        browser.set_window_size(width, 1600)
        violations, passes = axe(browser)
        assert passes > 10
        pages.append((f"/{path} @ {width}px", violations))
    browser.set_window_size(1280, 1600)


def log_in(browser, url: str, who) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{url}/logga-in")
    browser.find_element(By.ID, "user").send_keys(who[0])
    browser.find_element(By.ID, "password").send_keys(who[1])
    submitted(browser, "form.form button[type=submit]")


def submitted(browser, selector: str) -> None:
    """Click a form's button and wait for the page it leads to (Argon2 takes a moment)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, selector).click()
    WebDriverWait(browser, 20).until(lambda b: _gone(old))


def _gone(element) -> bool:
    from selenium.common.exceptions import WebDriverException

    try:
        element.tag_name  # noqa: B018 - a stale element means the next page has come
    except WebDriverException:  # stale, or no longer in the document
        return True
    return False


def words(browser) -> str:
    from selenium.webdriver.common.by import By

    return " ".join(browser.find_element(By.TAG_NAME, "main").text.split())


def test_a_reporter_and_a_secretary_do_the_period_in_a_browser(server, served, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    data_before = (served / DATA).read_bytes()
    plan_before = (served / PLAN).read_bytes()
    pages: list[tuple[str, list[str]]] = []
    browser.get(f"{server}/logga-in")
    checked(browser, pages)
    log_in(browser, server, REPORTER)
    assert browser.current_url == f"{server}/arbete"
    assert "Mitt arbete – tertial 2 2018" in words(browser)
    checked(browser, pages)

    # a value, with a decimal comma
    browser.find_element(
        By.CSS_SELECTOR, f'a[href="/varde/{VOO}/genomforandeplan-hemtjanst"]'
    ).click()
    checked(browser, pages)
    Select(browser.find_element(By.ID, "period")).select_by_visible_text("juli 2018")
    browser.find_element(By.ID, "value").send_keys("87,5")
    submitted(browser, "form.form button[type=submit]")
    assert "Lade till genomforandeplan-hemtjanst 2018-07 = 87,5" in words(browser)
    checked(browser, pages)  # the work page with its message

    # an assessment of a milestone
    browser.find_element(
        By.CSS_SELECTOR, f'a[href="/bedomning/{VOO}/utskrivning-rutin-2018"]'
    ).click()
    checked(browser, pages)
    browser.find_element(By.ID, "status-partial").click()
    browser.find_element(By.ID, "comment").send_keys("Rutinen är beslutad; införandet pågår.")
    submitted(browser, "form.form button[type=submit]")
    assert "Bedömningen av" in words(browser)

    # an activity's status
    browser.find_element(By.CSS_SELECTOR, f'a[href="/aktivitet/{VOO}/hemgang-infora"]').click()
    checked(browser, pages)
    Select(browser.find_element(By.ID, "status")).select_by_visible_text("försenad")
    browser.find_element(By.ID, "comment").send_keys("Utbildningen flyttas till november.")
    submitted(browser, "form.form button[type=submit]")
    assert "pågår → försenad" in words(browser)

    # an analysis, previewed first
    browser.find_element(By.CSS_SELECTOR, f'a[href="/analys/{VOO}/genomforandeplan-2018"]').click()
    area = browser.find_element(By.ID, "text")
    area.send_keys("## Analys\n\nAndelen ökar **stadigt** sedan årsskiftet.")
    submitted(browser, "button[value=preview]")
    preview = browser.find_element(By.CSS_SELECTOR, "section.preview")
    assert preview.find_element(By.TAG_NAME, "strong").text == "stadigt"
    checked(browser, pages)
    submitted(browser, "button[value=save]")
    assert "Analysen av genomforandeplan-2018 för 2018-T2 är sparad" in words(browser)

    # four commits, each by Anna, each saying what changed; nothing else in the files moved
    log = git(served, "log", "-4", "--format=%an <%ae>|%s").splitlines()
    assert log == [
        "Anna Berg <anna.berg@degerfors.example>|Analys: genomforandeplan-2018 för 2018-T2",
        "Anna Berg <anna.berg@degerfors.example>|Aktivitet: hemgang-infora",
        "Anna Berg <anna.berg@degerfors.example>|Bedömning: utskrivning-rutin-2018 för 2018-T2",
        "Anna Berg <anna.berg@degerfors.example>|Värde: genomforandeplan-hemtjanst 2018-07 = 87,5",
    ]
    assert only_added_lines(data_before, (served / DATA).read_bytes()) == [
        "genomforandeplan-hemtjanst,2018-07,87.5,T,\n"
    ]
    added = "".join(only_added_lines(plan_before, (served / PLAN).read_bytes()))
    assert "status: partial" in added and "status: delayed" in added
    assert git(served, "status", "--porcelain", "--untracked-files=no") == ""

    # another person's form: refused, and said so
    browser.get(f"{server}/bedomning/{SN}/forsorjningsstod-2018")
    assert browser.title == "Ingen behörighet – vp"
    assert "inget att rapportera i planen" in words(browser)
    checked(browser, pages)

    # the secretary approves and locks
    submitted(browser, "form.logout button")
    log_in(browser, server, SECRETARY)
    assert browser.current_url == f"{server}/sekreterare"
    assert "Anna Berg: Värde: genomforandeplan-hemtjanst 2018-07 = 87,5" in words(browser)
    checked(browser, pages)
    submitted(browser, f'form[action="/godkann/{VOO}"] button')
    assert f"Perioden 2018-T2 är godkänd för {VOO}" in words(browser)
    submitted(browser, f'form[action="/las/{VOO}"] button')
    assert f"Perioden 2018-T2 är låst för {VOO}" in words(browser)
    assert "event: locked" in (served / "approvals" / f"{VOO}.yaml").read_text()

    # and the reporter's next save is refused
    submitted(browser, "form.logout button")
    log_in(browser, server, REPORTER)
    browser.get(f"{server}/varde/{VOO}/genomforandeplan-hemtjanst")
    Select(browser.find_element(By.ID, "period")).select_by_visible_text("augusti 2018")
    browser.find_element(By.ID, "value").send_keys("88")
    submitted(browser, "form.form button[type=submit]")
    assert f"perioden 2018-T2 är låst för planen {VOO}" in words(browser)
    assert "2018-08" not in (served / DATA).read_text()
    checked(browser, pages)  # a refused form, its message at the field

    assert [(page, found) for page, found in pages if found] == []
    assert len(pages) == 20  # ten pages, two widths each
