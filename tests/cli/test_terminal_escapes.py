"""Plan text and a server's words are data: an escape sequence in them reaches a terminal as
a visible �, never as a command (clear the screen, set the window title, hide a line)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import ROOT

SN = Path("plans/degerfors/socialnamnden-2018-2019.yaml")
OLD = "    text: Infocenter används för föräldraskapsstöd."
# ESC ] 0 ; … BEL sets the window title; ESC [ 2 J clears the screen.
HOSTILE = '    text: "Infocenter \\e]0;kapad\\a används \\e[2J för stöd."'


def _hostile_plan() -> None:
    text = SN.read_text(encoding="utf-8")
    assert OLD in text
    SN.write_text(text.replace(OLD, HOSTILE), encoding="utf-8")


def test_due_shows_escape_sequences_in_plan_text_as_text(repo_copy, run_vp) -> None:
    text = SN.read_text(encoding="utf-8")
    SN.write_text(
        text.replace("\nboard: Socialnämnden\n", '\nboard: "Social\\e]0;kapad\\anämnden"\n'),
        encoding="utf-8",
    )
    assert run_vp("validate").exit_code == 0  # YAML allows the escapes: valid plan text
    result = run_vp("due", "--period", "2018-T2")
    assert "infocenter-2018" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\ufffd]0;kapad\ufffd" in result.stdout


def test_diff_shows_escape_sequences_in_plan_text_as_text(repo_copy, run_vp) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@vp.invalid",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@vp.invalid",
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "Antagen"]):
        subprocess.run(["git", *args], check=True, env=env, capture_output=True)
    _hostile_plan()
    result = run_vp("diff")
    assert "~ infocenter-2018: omformulerat" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\ufffd[2J" in result.stdout


def test_fetch_shows_a_servers_escape_sequences_as_text(repo_copy, run_vp, monkeypatch) -> None:
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    answer = json.dumps(
        {
            "count": 1,
            "next_url": None,
            "values": [
                {
                    "kpi": "U21468\x1b[2J\x1b]0;kapad\x07",
                    "municipality": "1862",
                    "period": 2018,
                    "values": [{"gender": "T", "value": 90}],
                }
            ],
        }
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("VP_KOLADA_PAUSE", "0")
        url = f"http://127.0.0.1:{server.server_address[1]}/v3"
        result = run_vp("data", "fetch", "--api-url", url)
    finally:
        server.shutdown()
    assert result.exit_code == 0, result.output
    assert "överhoppat" in result.stdout
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "U21468\ufffd[2J" in result.stdout


def test_the_shipped_repository_is_untouched() -> None:
    assert OLD in (ROOT / SN).read_text(encoding="utf-8")
