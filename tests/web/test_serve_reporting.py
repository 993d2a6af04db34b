"""vp serve as a reporter and a secretary use it: each form saves through the CLI's core,
becomes a commit with the person as author, and leaves the rest of the file as it was."""

from __future__ import annotations

import datetime as dt
import threading

from conftest import only_added_lines
from serving import (
    REPORTER,
    SECRETARY,
    SN,
    VOO,
    git,
    logged_in,
    make_app,
    seen,
    submit,
    text,
    token,
)

DATA = "indicators-data/degerfors/vard-och-omsorg.csv"
VOO_PLAN = "plans/degerfors/vard-och-omsorg-2018-2019.yaml"


def test_mitt_arbete_lists_only_what_the_plans_name_the_reporter_for(served):
    browser = logged_in(make_app(served), REPORTER)
    page = browser.get("/arbete")
    words = text(page)
    assert "Mitt arbete – tertial 2 2018" in words
    # Vård och Omsorg's goals with "Verksamhetschef Vård och Omsorg" as responsible...
    for goal in ("utskrivning-rutin-2018", "koll-vard-och-omsorg-2018", "genomforandeplan-2018"):
        assert goal in words
    # ...its indicator, missing July and August (data ends in June), its activity...
    assert "Saknar värde för juli 2018, augusti 2018" in words
    assert "hemgang-infora" in words and "Status: pågår" in words
    # ...and nothing of Socialnämnden's plan, which names nobody.
    assert "Socialnämnden" not in words and "forsorjningsstod-2018" not in words
    # vp status's verdict beside it: 86 % in June against at least 90 %, from 80 % (2017's
    # last month) is 6 of 10 points of the way, so partly achieved.
    assert "◐ delvis uppnått" in words


def test_a_value_with_a_decimal_comma_is_a_commit_by_the_reporter(served):
    before = (served / DATA).read_bytes()
    browser = logged_in(make_app(served), REPORTER)
    url = f"/varde/{VOO}/genomforandeplan-hemtjanst"
    answer = submit(browser, url, period="2018-07", value="87,5", note="")
    assert answer.status_code == 303
    after = (served / DATA).read_bytes()
    assert only_added_lines(before, after) == ["genomforandeplan-hemtjanst,2018-07,87.5,T,\n"]
    log = git(served, "log", "-1", "--format=%an <%ae>%n%cn%n%B")
    author, committer, subject, *body = log.splitlines()
    assert author == "Anna Berg <anna.berg@degerfors.example>"
    assert committer == "vp serve"
    assert subject == "Värde: genomforandeplan-hemtjanst 2018-07 = 87,5"
    assert f"{DATA}, rad 20" in "\n".join(body)
    assert git(served, "status", "--porcelain", "--", "indicators-data") == ""
    # the next page says it, and the month is no longer missing
    page = browser.get("/arbete")
    assert "Lade till genomforandeplan-hemtjanst 2018-07 = 87,5" in text(page)
    assert "Saknar värde för augusti 2018" in text(page)


def test_a_value_that_is_not_a_number_is_refused_at_the_field_and_nothing_is_written(served):
    before = (served / DATA).read_bytes()
    head = git(served, "rev-parse", "HEAD")
    browser = logged_in(make_app(served), REPORTER)
    answer = submit(
        browser, f"/varde/{VOO}/genomforandeplan-hemtjanst", period="2018-07", value="87 procent"
    )
    assert answer.status_code == 422
    assert 'aria-describedby="value-hjalp fel-value" aria-invalid="true"' in answer.text
    assert "87 procent" in text(answer)  # what they wrote stays in the field
    assert "är inget tal" in text(answer) or "inte ett tal" in text(answer)
    assert (served / DATA).read_bytes() == before
    assert git(served, "rev-parse", "HEAD") == head


def test_an_assessment_that_departs_from_the_computed_status_needs_a_reason(served):
    browser = logged_in(make_app(served), REPORTER)
    url = f"/bedomning/{VOO}/genomforandeplan-2018"
    refused = submit(browser, url, status="achieved", comment="Vi når målet i höst.")
    assert refused.status_code == 422
    assert "en bedömning som avviker kräver ett skäl" in text(refused)
    # said at the field it is about, which a screen reader reads with it
    assert (
        'name="reason" rows="3" aria-invalid="true" aria-describedby="fel-reason"' in refused.text
    )
    assert '<p class="error" id="fel-reason" role="alert">den beräknade' in refused.text
    before = (served / VOO_PLAN).read_bytes()
    answer = submit(
        browser,
        url,
        status="achieved",
        comment="Vi når målet i höst.",
        reason="Uppföljningen i augusti visar 91 %.",
    )
    assert answer.status_code == 303
    added = "".join(only_added_lines(before, (served / VOO_PLAN).read_bytes()))
    assert "period: 2018-T2" in added and "status: achieved" in added
    assert "reason: Uppföljningen i augusti visar 91 %." in added and "by: Anna Berg" in added
    assert git(served, "log", "-1", "--format=%an|%s") == (
        "Anna Berg|Bedömning: genomforandeplan-2018 för 2018-T2\n"
    )


def test_an_activity_status_and_an_analysis_text(served):
    browser = logged_in(make_app(served), REPORTER)
    answer = submit(
        browser,
        f"/aktivitet/{VOO}/hemgang-infora",
        status="delayed",
        comment="Utbildningen flyttas.",
    )
    assert answer.status_code == 303
    plan = (served / VOO_PLAN).read_text()
    assert "status: delayed" in plan and "comment: Utbildningen flyttas." in plan
    url = f"/analys/{VOO}/genomforandeplan-2018"
    page = browser.get(url)
    preview = browser.post(
        url,
        data={
            "csrf": token(page),
            "seen": seen(page),
            "action": "preview",
            "text": "## Analys\n\nÖkar **stadigt**.",
        },
    )
    assert preview.status_code == 200
    assert "<h3>Analys</h3>" in preview.text and "<strong>stadigt</strong>" in preview.text
    assert not (served / "analyses" / VOO).exists()  # a preview writes nothing
    saved = browser.post(
        url,
        data={
            "csrf": token(preview),
            "seen": seen(preview),
            "action": "save",
            "text": "## Analys\n\nÖkar **stadigt**.",
        },
    )
    assert saved.status_code == 303
    written = (served / "analyses" / VOO / "2018-T2.md").read_text()
    assert written == (
        "# genomforandeplan-2018 – Aktuell genomförandeplan i hemtjänsten\n\n"
        "## Analys\n\nÖkar **stadigt**.\n"
    )
    subjects = git(served, "log", "-2", "--format=%s").splitlines()
    assert subjects == ["Analys: genomforandeplan-2018 för 2018-T2", "Aktivitet: hemgang-infora"]


def test_an_analysis_section_is_replaced_and_the_rest_of_the_file_kept(served):
    path = served / "analyses" / SN / "2018-T2.md"
    before = path.read_text()
    app = make_app(served)
    browser = logged_in(app, SECRETARY)  # Socialnämnden's plan names nobody: the secretary writes
    # a subject the plan does not have
    assert browser.get(f"/analys/{SN}/attraktivitett").status_code == 404
    answer = submit(browser, f"/analys/{SN}/forsorjningsstod-2018", action="save", text="Ny text.")
    assert answer.status_code == 303
    after = path.read_text()
    start = before.index("# forsorjningsstod-2018")
    end = before.index("\n# ", start + 1)
    assert after == before[:start] + after[start : after.index("\n# ", start + 1)] + before[end:]
    assert "Ny text." in after[start:]


def test_a_reporter_cannot_open_or_save_another_persons_form(served):
    browser = logged_in(make_app(served), REPORTER)
    url = f"/bedomning/{SN}/forsorjningsstod-2018"
    assert browser.get(url).status_code == 403
    before = (served / "plans/degerfors/socialnamnden-2018-2019.yaml").read_bytes()
    own = browser.get(f"/bedomning/{VOO}/genomforandeplan-2018")
    forged = browser.post(
        url, data={"csrf": token(own), "seen": "", "status": "achieved", "comment": "x"}
    )
    assert forged.status_code == 403
    assert "inget att rapportera i planen" in text(forged)
    assert (served / "plans/degerfors/socialnamnden-2018-2019.yaml").read_bytes() == before
    assert browser.get("/sekreterare").status_code == 403


def test_two_people_saving_the_same_value_never_lose_an_update(served):
    app = make_app(served)
    first, second = logged_in(app, REPORTER), logged_in(app, REPORTER)
    url = f"/varde/{VOO}/genomforandeplan-hemtjanst"
    page_one, page_two = first.get(url), second.get(url)
    saved = first.post(
        url,
        data={"csrf": token(page_one), "seen": seen(page_one), "period": "2018-07", "value": "87"},
    )
    assert saved.status_code == 303
    late = second.post(
        url,
        data={"csrf": token(page_two), "seen": seen(page_two), "period": "2018-07", "value": "88"},
    )
    assert late.status_code == 409
    assert "någon annan har sparat värdet för juli 2018" in text(late)
    assert "juli 2018: 87" in text(late) and 'value="88"' in late.text
    assert "genomforandeplan-hemtjanst,2018-07,87,T," in (served / DATA).read_text()
    # a different month saved from the same stale form is no conflict: it merges
    merged = second.post(
        url,
        data={"csrf": token(page_two), "seen": seen(page_two), "period": "2018-08", "value": "88"},
    )
    assert merged.status_code == 303
    data = (served / DATA).read_text()
    assert "2018-07,87,T" in data and "2018-08,88,T" in data


def test_saves_at_the_same_moment_are_all_kept(served):
    app = make_app(served)
    browsers = [logged_in(app, REPORTER) for _ in range(4)]
    url = f"/varde/{VOO}/genomforandeplan-hemtjanst"
    pages = [b.get(url) for b in browsers]
    answers: list[int] = []

    def save(browser, page, month):
        data = {
            "csrf": token(page),
            "seen": seen(page),
            "period": f"2018-0{month}",
            "value": str(90 + month),
        }
        answers.append(browser.post(url, data=data).status_code)

    # four months, four people, at once: each is its own commit, none lost
    threads = [
        threading.Thread(target=save, args=(b, p, m))
        for b, p, m in zip(browsers, pages, (1, 2, 7, 8), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [303, 303, 303, 303]
    data = (served / DATA).read_text()
    for month in (1, 2, 7, 8):
        assert f"2018-0{month},{90 + month},T" in data
    assert git(served, "log", "--format=%an").splitlines()[:4] == ["Anna Berg"] * 4


def test_the_secretary_approves_and_locks_and_a_later_save_is_refused(served):
    app = make_app(served)
    reporter, secretary = logged_in(app, REPORTER), logged_in(app, SECRETARY)
    submit(reporter, f"/varde/{VOO}/genomforandeplan-hemtjanst", period="2018-07", value="87")
    page = secretary.get("/sekreterare")
    words = text(page)
    assert "Verksamhetschef Vård och Omsorg (Anna Berg)" in words
    # what is missing, under the person who answers for it
    assert "milstolpen koll-vard-och-omsorg-2018 saknar bedömning för 2018-T2" in words
    assert "Saknas, utan ansvarig i planen" in words  # Socialnämnden's plan names nobody
    assert "Anna Berg: Värde: genomforandeplan-hemtjanst 2018-07 = 87" in words
    approved = secretary.post(f"/godkann/{VOO}", data={"csrf": token(page)})
    assert approved.status_code == 303
    record = (served / "approvals" / f"{VOO}.yaml").read_text()
    head = git(served, "rev-parse", "HEAD~1").strip()  # the commit the secretary approved
    assert "event: approved" in record and f"commit: {head}" in record
    assert (
        git(served, "log", "-1", "--format=%an|%s")
        == f"Sara Sekreterare|Godkänt: {VOO} för 2018-T2\n"
    )
    page = secretary.get("/sekreterare")
    assert "Senast godkänd 2018-09-20 av Sara Sekreterare" in text(page)
    locked = secretary.post(f"/las/{VOO}", data={"csrf": token(page)})
    assert locked.status_code == 303
    before = (served / DATA).read_bytes()
    refused = submit(
        reporter, f"/varde/{VOO}/genomforandeplan-hemtjanst", period="2018-08", value="88"
    )
    assert refused.status_code == 422
    assert f"perioden 2018-T2 är låst för planen {VOO}" in text(refused)
    assert (served / DATA).read_bytes() == before
    assert "Perioden är låst" in text(secretary.get("/sekreterare"))


def test_the_secretary_downloads_the_report(served):
    secretary = logged_in(make_app(served), SECRETARY)
    answer = secretary.get(f"/rapport/{VOO}/md")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == f'attachment; filename="{VOO}-2018-T2.md"'
    assert "Aktuell genomförandeplan i hemtjänsten" in answer.text
    word = secretary.get(f"/rapport/{VOO}/docx")
    assert word.status_code == 200 and word.content[:2] == b"PK"
    assert secretary.get(f"/rapport/{VOO}/exe").status_code == 404


def test_a_change_made_outside_the_server_shows_at_once(served, run_vp):
    # the server keeps what it computed until the files change: the CLI changing them
    # between two page views must show on the second
    browser = logged_in(make_app(served), REPORTER)
    assert "Saknar värde för juli 2018, augusti 2018" in text(browser.get("/arbete"))
    assert run_vp("data", "add", "genomforandeplan-hemtjanst", "2018-07", "87").exit_code == 0
    assert "Saknar värde för augusti 2018" in text(browser.get("/arbete"))
    page = browser.get(f"/varde/{VOO}/genomforandeplan-hemtjanst")
    assert "juli 2018: 87" in text(page)


def test_the_secretary_writes_the_plans_summary_and_an_area_a_reporter_cannot(served):
    app = make_app(served)
    secretary, reporter = logged_in(app, SECRETARY), logged_in(app, REPORTER)
    assert f'href="/analys/{VOO}/{VOO}"' in secretary.get("/arbete").text
    assert f'href="/analys/{VOO}/{VOO}"' not in reporter.get("/arbete").text
    assert reporter.get(f"/analys/{VOO}/{VOO}").status_code == 403
    assert reporter.get(f"/analys/{VOO}/trygg-vard").status_code == 403
    page = secretary.get(f"/analys/{VOO}/{VOO}")
    assert "Sammanfattande analys" in text(page)
    saved = submit(secretary, f"/analys/{VOO}/{VOO}", action="save", text="Året går enligt plan.")
    assert saved.status_code == 303
    saved = submit(secretary, f"/analys/{VOO}/trygg-vard", action="save", text="Tryggt.")
    assert saved.status_code == 303
    assert (served / "analyses" / VOO / "2018-T2.md").read_text() == (
        "# Sammanfattande analys\n\nÅret går enligt plan.\n\n"
        "# trygg-vard – Trygg vård och omsorg\n\nTryggt.\n"
    )
    assert git(served, "log", "-1", "--format=%an|%s") == (
        "Sara Sekreterare|Analys: trygg-vard för 2018-T2\n"
    )


def test_a_value_by_gender_for_an_indicator_reported_by_gender(served):
    # andel-heltider is reported per quarter for women, men and in total; its goal is 2019's
    app = make_app(served, period="2019-T2", today=dt.date(2019, 9, 20))
    first, second = logged_in(app, SECRETARY), logged_in(app, SECRETARY)
    url = f"/varde/{SN}/andel-heltider"
    page_one, page_two = first.get(url), second.get(url)
    assert 'id="gender-K"' in page_one.text
    before = (served / "indicators-data/degerfors/personal.csv").read_text()
    assert "andel-heltider,2019-Q2,41.5,K" not in before
    data = {"csrf": token(page_one), "seen": seen(page_one), "period": "2019-Q2"}
    saved = first.post(url, data={**data, "gender": "K", "value": "41,5"})
    assert saved.status_code == 303
    after = (served / "indicators-data/degerfors/personal.csv").read_text()
    assert "andel-heltider,2019-Q2,41.5,K," in after
    assert git(served, "log", "-1", "--format=%s") == "Värde: andel-heltider 2019-Q2 (K) = 41,5\n"
    # the same quarter's total from a form opened before is no conflict; the women's is
    data = {"csrf": token(page_two), "seen": seen(page_two), "period": "2019-Q2"}
    total = second.post(url, data={**data, "gender": "T", "value": "38"})
    assert total.status_code == 303
    late = second.post(url, data={**data, "gender": "K", "value": "42"})
    assert late.status_code == 409
    assert "någon annan har sparat värdet för kvartal 2 2019 (kvinnor)" in text(late)
    # a gender the indicator does not report is refused
    page = first.get(f"/varde/{SN}/sjukfranvaro-total")
    assert 'id="gender-K"' in page.text
    own = logged_in(make_app(served), REPORTER)
    page = own.get(f"/varde/{VOO}/genomforandeplan-hemtjanst")
    assert 'id="gender-K"' not in page.text
    data = {"csrf": token(page), "seen": seen(page), "period": "2018-07", "value": "87"}
    refused = own.post(f"/varde/{VOO}/genomforandeplan-hemtjanst", data={**data, "gender": "K"})
    assert refused.status_code == 422
    assert "redovisas inte per kön" in text(refused)


def test_without_a_period_the_latest_year_begun_is_open(served):
    # The plans run 2010–2011 (Bromölla) and 2018–2019 (Degerfors): on a day in 2019 that
    # year is open, in 2017 the latest begun is 2011, and on a day before every plan begins
    # (a repository whose plans are adopted for next year) their first year
    cases = ((dt.date(2019, 5, 2), "2019"), (dt.date(2017, 11, 30), "2011"))
    for today, year in (*cases, (dt.date(2009, 12, 1), "2010")):
        browser = logged_in(make_app(served, period=None, today=today), REPORTER)
        page = browser.get("/arbete")
        assert page.status_code == 200
        assert f"<h1>Mitt arbete – {year}</h1>" in page.text
