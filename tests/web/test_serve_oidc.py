"""Log-in through OpenID Connect against a provider the test starts on 127.0.0.1: a small
but real one (discovery, authorization with PKCE, token, JWKS; ID tokens signed RS256), so
that every check vp makes of the answer is tried with an answer that fails it."""

from __future__ import annotations

import base64
import hashlib
import time
import urllib.parse

import httpx
import pytest

from serving import REPORTER, client, make_app, running, text

CLIENT_ID, SECRET = "vp-degerfors", "klienthemlighet"


class Provider:
    """What the provider issues; each test may spoil one part of it."""

    def __init__(self) -> None:
        from cryptography.hazmat.primitives.asymmetric import rsa

        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.codes: dict[str, dict] = {}
        self.claims: dict = {"email": REPORTER[3]}
        self.spoil: str | None = None
        self.url = ""

    def app(self):
        import jwt
        from starlette.applications import Starlette
        from starlette.responses import JSONResponse, RedirectResponse, Response
        from starlette.routing import Route

        async def discovery(request):
            base = self.url
            endpoints = {
                "issuer": base,
                "authorization_endpoint": f"{base}/authorize",
                "token_endpoint": f"{base}/token",
                "jwks_uri": f"{base}/jwks",
            }
            if self.spoil == "foreign-endpoint":
                endpoints["token_endpoint"] = "http://127.0.0.2:9/token"
            return JSONResponse(endpoints)

        async def authorize(request):
            query = request.query_params
            assert query["client_id"] == CLIENT_ID and query["code_challenge_method"] == "S256"
            code = f"kod-{len(self.codes)}"
            self.codes[code] = dict(query)
            back = {"code": code, "state": query["state"]}
            return RedirectResponse(f"{query['redirect_uri']}?{urllib.parse.urlencode(back)}", 302)

        async def token(request):
            form = await request.form()
            asked = self.codes.pop(form["code"], None)
            verifier = hashlib.sha256(form["code_verifier"].encode()).digest()
            challenge = base64.urlsafe_b64encode(verifier).decode().rstrip("=")
            if (
                asked is None
                or form["client_secret"] != SECRET
                or challenge != asked["code_challenge"]
            ):
                return JSONResponse({"error": "invalid_grant"}, 400)
            now = int(time.time())
            claims = {
                "iss": self.url,
                "aud": CLIENT_ID,
                "sub": "anna-123",
                "iat": now,
                "exp": now + 300,
                "nonce": asked["nonce"],
                **self.claims,
            }
            if self.spoil == "audience":
                claims["aud"] = "ett-annat-system"
            if self.spoil == "expired":
                claims["iat"], claims["exp"] = now - 7200, now - 3600
            if self.spoil == "nonce":
                claims["nonce"] = "en-annan"
            key = self.other_key if self.spoil == "signature" else self.key
            signed = jwt.encode(claims, key, algorithm="RS256", headers={"kid": "nyckel-1"})
            if self.spoil == "none-alg":
                signed = jwt.encode(claims, None, algorithm="none")
            return JSONResponse({"id_token": signed, "token_type": "Bearer"})

        async def jwks(request):
            if self.spoil == "huge":
                return Response(
                    b"{" + b" " * (2 * 1024 * 1024) + b"}", media_type="application/json"
                )
            public = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
            return JSONResponse(
                {"keys": [{**public, "kid": "nyckel-1", "use": "sig", "alg": "RS256"}]}
            )

        return Starlette(
            routes=[
                Route("/.well-known/openid-configuration", discovery),
                Route("/authorize", authorize),
                Route("/token", token, methods=["POST"]),
                Route("/jwks", jwks),
            ]
        )


@pytest.fixture
def provider():
    found = Provider()
    with running(found.app()) as url:
        found.url = url
        yield found


def configured(served, provider, monkeypatch):
    (served / ".vp/serve.toml").write_text(
        f'[oidc]\nissuer = "{provider.url}"\nclient_id = "{CLIENT_ID}"\n'
        'client_secret_env = "VP_TEST_OIDC_SECRET"\n'
    )
    monkeypatch.setenv("VP_TEST_OIDC_SECRET", SECRET)
    return make_app(served, public_url="http://vp.test")


def sign_in(app):
    """vp → the provider (a real HTTP call) → back to vp, as a browser would go."""
    browser = client(app)
    login_page = browser.get("/logga-in")
    assert "Logga in med kommunens inloggning" in text(login_page)
    start = browser.get("/oidc/logga-in")
    assert start.status_code == 303
    answer = httpx.get(start.headers["location"], follow_redirects=False, timeout=10)
    assert answer.status_code == 302
    back = urllib.parse.urlsplit(answer.headers["location"])
    assert back.path == "/oidc/tillbaka"
    return browser, browser.get(f"{back.path}?{back.query}")


def test_single_sign_on_logs_in_the_account_with_that_email(served, provider, monkeypatch):
    browser, answer = sign_in(configured(served, provider, monkeypatch))
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    work = browser.get("/arbete")
    assert work.status_code == 200
    assert "Anna Berg (rapportör)" in text(work)


@pytest.mark.parametrize(
    ("spoil", "said"),
    [
        ("audience", "ID-token godtas inte"),
        ("expired", "ID-token godtas inte"),
        ("signature", "ID-token godtas inte"),
        ("none-alg", "ID-token godtas inte"),
        ("nonce", "ID-token hör inte till den här inloggningen (nonce)"),
        ("huge", "är för stort"),
    ],
)
def test_a_token_that_fails_a_check_logs_nobody_in(served, provider, monkeypatch, spoil, said):
    provider.spoil = spoil
    browser, answer = sign_in(configured(served, provider, monkeypatch))
    assert answer.status_code == 403
    assert said in text(answer)
    assert browser.get("/arbete").status_code == 303  # still not logged in


def test_a_provider_that_points_elsewhere_is_not_followed(served, provider, monkeypatch):
    provider.spoil = "foreign-endpoint"
    browser = client(configured(served, provider, monkeypatch))
    answer = browser.get("/oidc/logga-in")
    assert answer.status_code == 409
    assert "token_endpoint saknas eller ligger utanför" in text(answer)


def test_a_person_without_an_account_is_told_so(served, provider, monkeypatch):
    provider.claims = {"email": "okand@degerfors.example"}
    _, answer = sign_in(configured(served, provider, monkeypatch))
    assert answer.status_code == 403
    said = "okand@degerfors.example är inloggad hos kommunen men har inget konto i vp"
    assert said in text(answer)


def test_a_forged_or_replayed_callback_is_refused(served, provider, monkeypatch):
    app = configured(served, provider, monkeypatch)
    browser = client(app)
    assert browser.get("/oidc/tillbaka?code=kod-0&state=gissat").status_code == 403
    _, answer = sign_in(app)
    assert answer.status_code == 303
    # the same callback again: the state is used up
    browser, first = sign_in(app)
    replay = browser.get(first.request.url.raw_path.decode())
    assert replay.status_code == 403 and "gammalt state" in text(replay)
