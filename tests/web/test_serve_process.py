"""`vp serve` as a person starts it: the real command in its own process, one worker and
two, saving through HTTP on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from serving import REPORTER, VOO, git, seen, token

VP = Path(sys.executable).parent / "vp"


def started(root: Path, *options: str) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [str(VP), "serve", "--period", "2018-T2", "--port", str(port), *options],
        cwd=root,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, f"http://127.0.0.1:{port}"
        except OSError:
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "vp serve started not within 30 s"
            time.sleep(0.1)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_vp_serve_saves_through_http(served, workers):
    process, url = started(served, "--workers", workers)
    try:
        # each request on a new connection: with two workers they land on either
        for month, value in (("2018-07", "87"), ("2018-08", "88")):
            with httpx.Client(base_url=url, follow_redirects=False, timeout=30) as browser:
                page = browser.get("/logga-in")
                assert page.status_code == 200
                login = {"user": REPORTER[0], "password": REPORTER[1], "csrf": token(page)}
                assert browser.post("/logga-in", data=login).status_code == 303
                form_url = f"/varde/{VOO}/genomforandeplan-hemtjanst"
                form = browser.get(form_url)
                data = {"csrf": token(form), "seen": seen(form), "period": month, "value": value}
                assert browser.post(form_url, data=data).status_code == 303
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)
    data = (served / "indicators-data/degerfors/vard-och-omsorg.csv").read_text()
    assert "2018-07,87,T" in data and "2018-08,88,T" in data
    assert git(served, "log", "-2", "--format=%an").splitlines() == ["Anna Berg", "Anna Berg"]
