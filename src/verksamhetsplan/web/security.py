"""Who is asking, and may they: the session's account, CSRF tokens, log-in rate limits and
the headers every answer carries."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from typing import Any

from ..edit.accounts import Account, find_account

# A browser may not frame the pages, run other sites' scripts or send the referrer away.
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class Forbidden(Exception):
    """The person may not see or change this (403)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def current_account(request: Any) -> Account | None:
    """The logged-in person's account, read again on every request: an account the
    administrator removed or whose role changed counts at once, not at the next log-in."""
    user = request.session.get("user")
    if not user:
        return None
    account = find_account(request.app.state.settings.root, user)
    if account is None or request.session.get("epoch") != _epoch(account):
        request.session.clear()
        return None
    return account


def _epoch(account: Account) -> str:
    """Changes when the account's password or role changes: old sessions end with it."""
    return hmac.new(
        b"vp-session", f"{account.role}|{account.password}".encode(), "sha256"
    ).hexdigest()[:16]


def log_in(request: Any, account: Account, via: str) -> None:
    request.session.clear()  # a new session for the new person: no fixation
    request.session.update(
        {
            "user": account.user,
            "epoch": _epoch(account),
            "csrf": secrets.token_urlsafe(32),
            "via": via,
        }
    )


def csrf_token(request: Any) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return str(token)


def check_csrf(request: Any, form: Any) -> None:
    expected = request.session.get("csrf")
    given = form.get("csrf")
    if (
        not expected
        or not isinstance(given, str)
        or not hmac.compare_digest(expected.encode(), given.encode())
    ):
        raise Forbidden("formuläret saknar en giltig säkerhetskod; ladda om sidan och försök igen")


class RateLimit:
    """At most `attempts` failed log-ins per name and per address in `window` seconds."""

    def __init__(self, attempts: int = 5, window: float = 300.0) -> None:
        self.attempts, self.window = attempts, window
        self.failures: dict[str, deque[float]] = {}
        self.lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        found = self.failures.setdefault(key, deque())
        while found and now - found[0] > self.window:
            found.popleft()
        return found

    def blocked(self, *keys: str) -> float:
        """Seconds until a new attempt is allowed for any of the keys; 0 when allowed."""
        now = time.monotonic()
        with self.lock:
            waits = [
                self.window - (now - found[0])
                for key in keys
                if len(found := self._recent(key, now)) >= self.attempts
            ]
        return max(waits, default=0.0)

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self.lock:
            for key in keys:
                self._recent(key, now).append(now)

    def succeeded(self, *keys: str) -> None:
        with self.lock:
            for key in keys:
                self.failures.pop(key, None)
