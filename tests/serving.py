"""What the web tests share: a plan repository under git with two accounts made by the real
`vp user add`, the application over it, and log-in and form helpers."""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import re
import shutil
import socket
import subprocess
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import ROOT
from verksamhetsplan.cli import app as cli

REPORTER = ("anna", "rapportor-losen-123", "Anna Berg", "anna.berg@degerfors.example")
SECRETARY = ("sara", "sekreterare-losen-123", "Sara Sekreterare", "sara@degerfors.example")
VOO = "degerfors-voo-2018-2019"
SN = "degerfors-sn-2018-2019"
TODAY = dt.date(2018, 9, 20)  # the delårsrapport's days: tertial 2 has ended


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
    return done.stdout


def make_repository(root: Path, monkeypatch: Any) -> Path:
    for folder in ("plans", "indicators-data", "economy-data", "analyses", "internal-control"):
        shutil.copytree(ROOT / folder, root / folder)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "-c", "user.name=Förvaltningen", "-c", "user.email=f@x", "commit", "-qm", "Planerna")
    monkeypatch.chdir(root)
    runner = CliRunner()
    for user, password, name, email in (REPORTER, SECRETARY):
        role = "secretary" if user == "sara" else "reporter"
        args = ["user", "add", user, "--name", name, "--email", email, "--role", role]
        if role == "reporter":
            args += ["--responsible", "Verksamhetschef Vård och Omsorg"]
        result = runner.invoke(cli, [*args, "--password-stdin"], input=password + "\n")
        assert result.exit_code == 0, result.output
    return root


def make_app(root: Path, **settings: Any) -> Any:
    from verksamhetsplan.web.app import create_app
    from verksamhetsplan.web.settings import load_settings

    loaded = load_settings(root)
    loaded.period, loaded.today = "2018-T2", TODAY
    for key, value in settings.items():
        setattr(loaded, key, value)
    return create_app(loaded)


def client(app: Any, raise_errors: bool = True) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Starlette would rather have httpx2; httpx is it
        from starlette.testclient import TestClient

        return TestClient(app, follow_redirects=False, raise_server_exceptions=raise_errors)


def token(page: Any) -> str:
    return html.unescape(re.search(r'name="csrf" value="([^"]+)"', page.text).group(1))


def seen(page: Any) -> str:
    return html.unescape(re.search(r'name="seen" value="([^"]*)"', page.text).group(1))


def logged_in(app: Any, who: tuple[str, str, str, str], raise_errors: bool = True) -> Any:
    browser = client(app, raise_errors)
    answer = browser.post(
        "/logga-in",
        data={"user": who[0], "password": who[1], "csrf": token(browser.get("/logga-in"))},
    )
    assert answer.status_code == 303, answer.text
    return browser


def submit(browser: Any, url: str, **fields: str) -> Any:
    """Open the form, then send it with the fields: as a person would, token and all."""
    page = browser.get(url)
    assert page.status_code == 200, page.text
    return browser.post(url, data={"csrf": token(page), "seen": seen(page), **fields})


def text(page: Any) -> str:
    """The page's words, as a reader sees them."""
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page.text, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@contextlib.contextmanager
def running(asgi: Any) -> Iterator[str]:
    """An ASGI application served by uvicorn on a free port of 127.0.0.1; its base URL."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(asgi, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server started not within 20 s"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
