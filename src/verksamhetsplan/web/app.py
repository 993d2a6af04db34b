"""The application: routes, log-in and log-out, the pages' rendering, and what every answer
carries (security headers, a Swedish error page, never a traceback)."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from ..common.problems import Refused
from ..edit.accounts import ROLE_WORDS, check_password, find_account
from .cache import Cache
from .security import (
    HEADERS,
    Forbidden,
    NotFound,
    RateLimit,
    check_csrf,
    csrf_token,
    current_account,
    log_in,
)
from .settings import Settings, session_secret

log = logging.getLogger("vp.serve")
STYLE = Path(__file__).with_name("style.css")


def _environment() -> Any:
    from importlib.resources import files

    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    from ..common.swedish import number
    from ..data.format import FREQUENCY_WORDS
    from ..followup.words import (
        ACTIVITY_WORDS,
        UNIT_WORDS,
        forecast_text,
        period_name,
        period_text,
        status_text,
    )
    from ..plan.vocabulary import ActivityStatus
    from .work_pages import GOAL_CHOICES

    folder = Path(str(files("verksamhetsplan.templates") / "web"))
    environment = Environment(
        loader=FileSystemLoader(folder),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(
        status=lambda e: status_text(e.status) if e is not None else "–",
        forecast=forecast_text,
        activity=lambda s: ACTIVITY_WORDS[ActivityStatus(s)],
        goal_status=lambda v: dict(GOAL_CHOICES).get(str(v), str(v)),
        period_name=period_name,
        period_text=period_text,
        number=lambda v: number(v, 6),
        unit=lambda u: UNIT_WORDS.get(str(u.value), str(u.value)),
        frequency=lambda f: FREQUENCY_WORDS.get(str(f.value), str(f.value)),
    )
    environment.tests["of_period"] = lambda a, p: str(a.period) == p
    environment.globals.update(
        goal_choices=GOAL_CHOICES,
        activity_choices=[(s.value, w) for s, w in ACTIVITY_WORDS.items()],
    )
    return environment


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page rendered with what every page needs: the person, the token, the message."""
    account = context.pop("account", None) or current_account(request)
    flash = request.session.pop("flash", None) if "user" in request.session else None
    values = {
        "account": account,
        "role_words": ROLE_WORDS,
        "csrf": csrf_token(request),
        "flash": flash,
        "period": request.app.state.settings.period,
        "today": request.app.state.settings.day(),
    }
    values.update(context)
    html = request.app.state.templates.get_template(name).render(values)
    return HTMLResponse(html, status_code=status)


def require(request: Request, secretary: bool = False) -> Any:
    account = current_account(request)
    if account is None:
        raise _LogIn()
    if secretary and not account.sees_everything:
        raise Forbidden("sidan är till för nämndsekreteraren")
    return account


@contextlib.contextmanager
def saving(request: Request) -> Iterator[None]:
    """Held by every save from reading the files to the commit: this process's saves one at a
    time, and the repository's lock against other workers and the command line. What was
    computed from the files before is forgotten afterwards, saved or not."""
    from ..common.files import repository_lock

    with request.app.state.save_lock, repository_lock(request.app.state.settings.root):
        try:
            yield
        finally:
            request.app.state.cache.clear()


class _LogIn(Exception):
    """Not logged in: the answer is the log-in page."""


async def home(request: Request) -> Response:
    account = require(request)
    return RedirectResponse("/sekreterare" if account.sees_everything else "/arbete", 303)


async def login_form(request: Request) -> Response:
    oidc = request.app.state.settings.oidc is not None
    return page(request, "login.html.j2", error=None, user="", oidc=oidc)


async def login(request: Request) -> Response:
    form = await request.form()
    check_csrf(request, form)
    user = str(form.get("user", "")).strip()[:200]
    password = str(form.get("password", ""))[:1000]
    limit: RateLimit = request.app.state.limit
    address = request.client.host if request.client else "?"
    keys = (f"user:{user.casefold()}", f"address:{address}")
    oidc = request.app.state.settings.oidc is not None
    wait = limit.blocked(*keys)
    if wait:
        minutes = max(1, round(wait / 60))
        error = f"för många misslyckade inloggningar; försök igen om {minutes} min"
        return page(request, "login.html.j2", 429, error=error, user=user, oidc=oidc)
    root = request.app.state.settings.root
    account = find_account(root, user) if user else None
    from starlette.concurrency import run_in_threadpool

    if not await run_in_threadpool(check_password, account, password):
        limit.failed(*keys)
        log.info("misslyckad inloggning för %r från %s", user, address)
        error = "fel användarnamn eller lösenord"
        return page(request, "login.html.j2", 401, error=error, user=user, oidc=oidc)
    assert account is not None
    limit.succeeded(keys[0])
    log_in(request, account, "password")
    return RedirectResponse("/", 303)


async def logout(request: Request) -> Response:
    form = await request.form()
    check_csrf(request, form)
    request.session.clear()
    return RedirectResponse("/logga-in", 303)


async def style(request: Request) -> Response:
    return Response(STYLE.read_bytes(), media_type="text/css")


def _error(request: Request, status: int, message: str) -> Response:
    titles = {403: "Ingen behörighet", 404: "Sidan finns inte", 409: "Krock", 500: "Fel"}
    try:
        return page(
            request, "error.html.j2", status, title=titles.get(status, "Fel"), message=message
        )
    except Exception:  # the error page itself must never fail into a traceback
        return HTMLResponse(f"<!doctype html><html lang=sv><title>Fel</title><p>{status}", status)


class Guard:
    """Around every request: the security headers, and any failure as a Swedish page."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


async def _forbidden(request: Request, error: Exception) -> Response:
    return _error(request, 403, getattr(error, "message", "ingen behörighet"))


async def _not_found(request: Request, error: Exception) -> Response:
    return _error(request, 404, getattr(error, "message", None) or "sidan finns inte")


async def _to_login(request: Request, error: Exception) -> Response:
    return RedirectResponse("/logga-in", 303)


async def _refused(request: Request, error: Exception) -> Response:
    assert isinstance(error, Refused)
    return _error(request, 400 if error.usage else 409, error.message)


async def _failed(request: Request, error: Exception) -> Response:
    log.exception("oväntat fel i %s", request.url.path)
    return _error(request, 500, "ett oväntat fel inträffade; ingenting har sparats")


def create_app(settings: Settings) -> Starlette:
    """The application over the repository at `settings.root`."""
    from starlette.exceptions import HTTPException

    from . import oidc, secretary, work_pages

    routes = [
        Route("/", home),
        Route("/stil.css", style),
        Route("/logga-in", login_form, methods=["GET"]),
        Route("/logga-in", login, methods=["POST"]),
        Route("/logga-ut", logout, methods=["POST"]),
        *oidc.routes,
        *work_pages.routes,
        *secretary.routes,
    ]

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        if error.status_code == 404:
            return _error(request, 404, "sidan finns inte")
        if error.status_code == 405:
            return _error(request, 405, "sidan tar inte emot den sortens anrop")
        return _error(request, error.status_code, str(error.detail))

    secure = settings.secure_cookies
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(Guard),
            Middleware(
                SessionMiddleware,
                secret_key=settings.secret or session_secret(settings.root),
                session_cookie="vp_session",
                max_age=8 * 3600,  # a working day
                same_site="lax",  # the OIDC provider's redirect back must carry it
                https_only=secure,
            ),
        ],
        exception_handlers={
            Forbidden: _forbidden,
            NotFound: _not_found,
            _LogIn: _to_login,
            Refused: _refused,
            HTTPException: http_error,
            Exception: _failed,
        },
    )
    app.state.settings = settings
    app.state.templates = _environment()
    app.state.limit = RateLimit()
    app.state.save_lock = threading.Lock()
    app.state.cache = Cache()
    return app


def from_environment() -> Starlette:
    """The application as each of `vp serve --workers N`'s processes builds it, from what
    vp serve put in the environment before starting them. A save in one is seen by the
    others through the files (their caches follow the files' state); the repository's lock
    serialises saves across them; the log-in rate limit is each worker's own."""
    import os

    from .settings import load_settings

    settings = load_settings(Path(os.environ["VP_SERVE_ROOT"]))
    settings.period = os.environ.get("VP_SERVE_PERIOD") or None
    settings.secure_cookies = os.environ.get("VP_SERVE_SECURE") == "1"
    return create_app(settings)
