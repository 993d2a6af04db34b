"""vp serve lets nobody in where they don't belong: each rule of the issue tried."""

from __future__ import annotations

import json
import re

from serving import REPORTER, SECRETARY, VOO, client, git, logged_in, make_app, submit, text, token

DATA = "indicators-data/degerfors/vard-och-omsorg.csv"


def test_the_session_cookie_is_httponly_samesite_and_secure_behind_tls(served):
    for secure in (False, True):
        app = make_app(served, secure_cookies=secure)
        browser = client(app)
        page = browser.get("/logga-in")
        cookie = page.headers["set-cookie"]
        assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
        assert ("secure" in cookie.lower().split("; ")) is secure


def test_every_answer_carries_the_security_headers(served):
    page = client(make_app(served)).get("/logga-in")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "server" not in {k.lower() for k in page.headers if k.lower() == "x-powered-by"}


def test_a_form_without_the_csrf_token_changes_nothing(served):
    browser = logged_in(make_app(served), REPORTER)
    before = (served / DATA).read_bytes()
    url = f"/varde/{VOO}/genomforandeplan-hemtjanst"
    for token_value in (None, "", "förfalskad"):
        data = {"period": "2018-07", "value": "87", "seen": "{}"}
        if token_value is not None:
            data["csrf"] = token_value
        answer = browser.post(url, data=data)
        assert answer.status_code == 403
        assert "giltig säkerhetskod" in text(answer)
    assert (served / DATA).read_bytes() == before
    # nor may a page of another site log a person in or out
    assert client(make_app(served)).post("/logga-in", data={"user": "anna"}).status_code == 403


def test_log_in_is_rate_limited_and_a_wrong_name_looks_like_a_wrong_password(served):
    app = make_app(served)
    browser = client(app)
    unknown = browser.post(
        "/logga-in",
        data={"user": "nobody", "password": "x", "csrf": token(browser.get("/logga-in"))},
    )
    assert unknown.status_code == 401 and "fel användarnamn eller lösenord" in text(unknown)
    for _ in range(4):
        wrong = browser.post(
            "/logga-in",
            data={"user": "anna", "password": "fel", "csrf": token(browser.get("/logga-in"))},
        )
        assert wrong.status_code == 401
        assert "fel användarnamn eller lösenord" in text(wrong)
    # five failures from this address: even the right password waits now
    right = browser.post(
        "/logga-in",
        data={"user": "anna", "password": REPORTER[1], "csrf": token(browser.get("/logga-in"))},
    )
    assert right.status_code == 429
    assert "för många misslyckade inloggningar; försök igen om 5 min" in text(right)


def test_no_path_from_a_request_reaches_outside_the_repository(served):
    browser = logged_in(make_app(served), SECRETARY)
    (served.parent / "utanfor.md").write_text("hemligt")
    for url in (
        "/analys/..%2F..%2Futanfor/x",
        f"/analys/{VOO}/..%2F..%2F..%2Futanfor",
        "/rapport/..%2F..%2Fetc/md",
        "/varde/../../etc/passwd",
        "/stil.css/../../../../etc/passwd",
    ):
        answer = browser.get(url)
        assert answer.status_code in (403, 404), url
        assert "hemligt" not in answer.text and "root:" not in answer.text


def test_an_analysis_folder_that_is_a_link_out_of_the_repository_is_not_written_through(
    served, tmp_path
):
    outside = tmp_path / "utanfor"
    outside.mkdir()
    (served / "analyses" / VOO).symlink_to(outside)
    browser = logged_in(make_app(served), REPORTER)
    answer = submit(browser, f"/analys/{VOO}/genomforandeplan-2018", action="save", text="Text.")
    assert answer.status_code == 422
    assert "är en länk" in text(answer)
    assert list(outside.iterdir()) == []


def test_input_goes_through_the_plan_validators(served):
    browser = logged_in(make_app(served), REPORTER)
    url = f"/analys/{VOO}/genomforandeplan-2018"
    answer = submit(
        browser, url, action="save", text="# budget-i-balans-2018\n\nKapar ett annat mål."
    )
    assert answer.status_code == 422
    assert "rubrik på nivå 1" in text(answer)
    url = f"/bedomning/{VOO}/utskrivning-rutin-2018"
    answer = submit(browser, url, status="kanske", comment="x")
    assert answer.status_code == 422
    assert "kanske" in text(answer)
    assert not (served / "analyses" / VOO).exists()


def test_errors_never_show_a_traceback(served, monkeypatch):
    from verksamhetsplan.web import work_pages

    app = make_app(served)
    browser = logged_in(app, REPORTER, raise_errors=False)  # as a real server answers

    def broken(*args, **kwargs):
        raise RuntimeError("internt fel med /hemlig/sökväg")

    monkeypatch.setattr(work_pages, "work", broken)
    answer = browser.get("/arbete")
    assert answer.status_code == 500
    assert "ett oväntat fel inträffade; ingenting har sparats" in text(answer)
    assert "Traceback" not in answer.text and "/hemlig/sökväg" not in answer.text
    assert browser.get("/finns-inte").status_code == 404


def test_a_removed_account_is_logged_out_at_once(served, run_vp):
    app = make_app(served)
    browser = logged_in(app, REPORTER)
    assert browser.get("/arbete").status_code == 200
    assert run_vp("user", "remove", "anna").exit_code == 0
    answer = browser.get("/arbete")
    assert answer.status_code == 303 and answer.headers["location"] == "/logga-in"


def test_passwords_are_argon2id_hashes_kept_out_of_git(served):
    stored = json.loads((served / ".vp/accounts.json").read_text())
    hashes = [a["password"] for a in stored["accounts"]]
    assert all(re.match(r"^\$argon2id\$v=19\$m=65536,t=3,p=4\$", h) for h in hashes)
    assert REPORTER[1] not in (served / ".vp/accounts.json").read_text()
    assert git(served, "status", "--porcelain", "--ignored", ".vp").startswith("!! .vp/")
    assert (served / ".vp").stat().st_mode & 0o777 == 0o700


def test_serve_refuses_a_public_address_without_tls(served, run_vp):
    result = run_vp("serve", "--host", "0.0.0.0", "--port", "8765")
    assert result.exit_code == 2
    assert "vp serve lyssnar inte på 0.0.0.0 utan TLS" in result.stderr
    assert "--behind-proxy" in result.stderr
