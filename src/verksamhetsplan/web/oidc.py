"""Single sign-on with OpenID Connect (Entra ID, Keycloak, ADFS): the authorization code flow
with PKCE, state and nonce. The ID token is checked by PyJWT against the provider's keys
(RS256 or ES256 only, audience, issuer, expiry); the claim the configuration names
(e-mail by default) must belong to an account the administrator has added, so the
municipality's directory says who someone is and vp's accounts say what they may do.

Every call to the provider goes to the issuer's own origin only, with a deadline and a
size limit, and follows no redirects."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..common.problems import Refused
from ..edit.accounts import load_accounts
from .app import page
from .security import Forbidden, log_in

TIMEOUT = 10.0  # seconds for each call to the provider
MAX_ANSWER = 1024 * 1024  # bytes: a discovery document, a key set and a token are far smaller
ALGORITHMS = ["RS256", "ES256"]
CALLBACK = "/oidc/tillbaka"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a redirect is an error here: the answer must come from the issuer


_OPENER = urllib.request.build_opener(_NoRedirects)


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme, parts.hostname or "", parts.port


def _fetch(issuer: str, url: str, form: dict[str, str] | None = None) -> Any:
    """JSON from the provider: only from the issuer's origin, only over https (or plain
    http on this machine, for a test provider), within the deadline and size limit."""
    if _origin(url) != _origin(issuer):
        raise Refused(f"OpenID-leverantören hänvisar till {url}, utanför {issuer}")
    scheme, host, _ = _origin(url)
    if scheme != "https" and host not in ("127.0.0.1", "localhost", "::1"):
        raise Refused(f"OpenID-leverantören måste nås över https, inte {url}")
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(url, data=data, headers={"Accept": "application/json"})
    try:
        with _OPENER.open(request, timeout=TIMEOUT) as answer:
            body = answer.read(MAX_ANSWER + 1)
    except urllib.error.HTTPError as error:
        raise Refused(f"OpenID-leverantören svarade {error.code} på {url}") from None
    except (urllib.error.URLError, OSError) as error:
        raise Refused(f"OpenID-leverantören kan inte nås ({url}: {error})") from None
    if len(body) > MAX_ANSWER:
        raise Refused(f"OpenID-leverantörens svar från {url} är för stort")
    try:
        return json.loads(body)
    except ValueError:
        raise Refused(f"OpenID-leverantörens svar från {url} är ingen JSON") from None


def _discovery(request: Request) -> dict[str, Any]:
    """The provider's configuration, fetched once an hour."""
    oidc = request.app.state.settings.oidc
    cached = getattr(request.app.state, "oidc_discovery", None)
    if cached is not None and cached[0] > time.monotonic():
        return dict(cached[1])
    found = _fetch(oidc.issuer, f"{oidc.issuer}/.well-known/openid-configuration")
    if not isinstance(found, dict) or found.get("issuer", "").rstrip("/") != oidc.issuer:
        raise Refused("OpenID-leverantörens konfiguration gäller en annan utfärdare (issuer)")
    for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(found.get(key), str) or _origin(found[key]) != _origin(oidc.issuer):
            raise Refused(f"OpenID-leverantörens {key} saknas eller ligger utanför {oidc.issuer}")
    request.app.state.oidc_discovery = (time.monotonic() + 3600, found)
    return found


def _callback_url(request: Request) -> str:
    public: str | None = request.app.state.settings.public_url
    if public:
        return public.rstrip("/") + CALLBACK
    return str(request.url.replace(path=CALLBACK, query=""))


async def start(request: Request) -> Response:
    oidc = request.app.state.settings.oidc
    if oidc is None:
        raise Forbidden("inloggning via OpenID Connect är inte inställd")
    found = await run_in_threadpool(_discovery, request)
    state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    request.session.update({"oidc_state": state, "oidc_nonce": nonce, "oidc_verifier": verifier})
    query = urllib.parse.urlencode(
        {
            "response_type": "code",
            "client_id": oidc.client_id,
            "redirect_uri": _callback_url(request),
            "scope": "openid email profile",
            "state": state,
            "nonce": nonce,
            "code_challenge": challenge.decode().rstrip("="),
            "code_challenge_method": "S256",
        }
    )
    return RedirectResponse(f"{found['authorization_endpoint']}?{query}", 303)


def _identity(request: Request, code: str, verifier: str, nonce: str) -> str:
    import jwt

    oidc = request.app.state.settings.oidc
    found = _discovery(request)
    tokens = _fetch(
        oidc.issuer,
        found["token_endpoint"],
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": _callback_url(request),
            "client_id": oidc.client_id,
            "client_secret": oidc.client_secret,
            "code_verifier": verifier,
        },
    )
    id_token = tokens.get("id_token") if isinstance(tokens, dict) else None
    if not isinstance(id_token, str):
        raise Refused("OpenID-leverantören gav ingen ID-token")
    try:
        keys = jwt.PyJWKSet.from_dict(_fetch(oidc.issuer, found["jwks_uri"]))
        kid = jwt.get_unverified_header(id_token).get("kid")
        key = next((k for k in keys.keys if kid is None or k.key_id == kid), None)
        if key is None:
            raise Refused("ID-token är signerad med en nyckel som leverantören inte har")
        claims = jwt.decode(
            id_token,
            key.key,
            algorithms=ALGORITHMS,
            audience=oidc.client_id,
            issuer=found["issuer"],
            options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            leeway=60,
        )
    except jwt.PyJWTError as error:
        raise Refused(f"ID-token godtas inte ({error})") from None
    if not hmac.compare_digest(str(claims.get("nonce", "")).encode(), nonce.encode()):
        raise Refused("ID-token hör inte till den här inloggningen (nonce)")
    who = claims.get(oidc.claim)
    if not isinstance(who, str) or not who:
        raise Refused(f"ID-token saknar {oidc.claim}")
    return who


async def callback(request: Request) -> Response:
    oidc = request.app.state.settings.oidc
    if oidc is None:
        raise Forbidden("inloggning via OpenID Connect är inte inställd")
    state = request.session.pop("oidc_state", None)
    nonce = request.session.pop("oidc_nonce", None)
    verifier = request.session.pop("oidc_verifier", None)
    given = request.query_params.get("state", "")
    if (
        not state
        or not nonce
        or not verifier
        or not hmac.compare_digest(state.encode(), given.encode())
    ):
        raise Forbidden("inloggningen gick inte att slutföra (fel eller gammalt state); börja om")
    if "error" in request.query_params:
        said = request.query_params.get("error_description") or request.query_params["error"]
        raise Forbidden(f"kommunens inloggning avbröts: {said[:200]}")
    code = request.query_params.get("code", "")
    try:
        who = await run_in_threadpool(_identity, request, code, verifier, nonce)
    except Refused as error:
        raise Forbidden(error.message) from None
    accounts = load_accounts(request.app.state.settings.root).values()
    wanted = who.casefold()
    account = next((a for a in accounts if wanted in (a.email.casefold(), a.user.casefold())), None)
    if account is None:
        return page(
            request,
            "error.html.j2",
            403,
            title="Inget konto i vp",
            message=f"{who} är inloggad hos kommunen men har inget konto i vp; be "
            "administratören lägga till det med vp user add.",
        )
    log_in(request, account, "oidc")
    return RedirectResponse("/", 303)


routes = [
    Route("/oidc/logga-in", start),
    Route(CALLBACK, callback),
]
