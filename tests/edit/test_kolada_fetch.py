"""vp data fetch against a local stand-in for Kolada's API on 127.0.0.1, answering in the
API's own format (v3: count, values, next_url, previous_url): pages, a 429, a 500, a body
cut off, an unknown KPI. No network beyond this machine."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import snapshot

PATH = "/v3/data/kpi/U21468,U23471/municipality/1862/year/2017,2018,2019"


def record(kpi: str, year: int, values: list[tuple[str, float | None]]) -> dict:
    return {
        "kpi": kpi,
        "municipality": "1862",
        "period": year,
        "values": [
            {"count": 1, "gender": g, "status": None if v is not None else "", "value": v}
            for g, v in values
        ],
    }


PAGE_1 = [
    record("U21468", 2017, [("T", 92), ("K", 93), ("M", 89)]),
    record("U21468", 2018, [("T", 90), ("K", 90.5), ("M", None)]),
]
PAGE_2 = [
    record("U21468", 2019, [("T", 91)]),
    record("U23471", 2019, [("T", 84), ("K", 86), ("M", 79)]),
]


class Kolada:
    """Answers by path: a list of (status, headers, body) used in turn, the last repeated."""

    def __init__(self) -> None:
        self.routes: dict[str, list[tuple[int, dict[str, str], bytes]]] = {}
        self.requests: list[tuple[str, str]] = []
        self.on_request = lambda: None  # run while a request is being answered
        kolada = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                kolada.requests.append((self.path, self.headers.get("User-Agent", "")))
                kolada.on_request()
                answers = kolada.routes.get(self.path) or [(404, {}, b'{"error": "not found"}')]
                status, headers, body = answers.pop(0) if len(answers) > 1 else answers[0]
                headers = dict(headers)
                self.send_response(status)
                length = headers.pop("X-Length", str(len(body)))
                self.send_header("Content-Length", length)
                self.send_header("Content-Type", "application/json")
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v3"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def page(self, values: list[dict], next_path: str | None) -> bytes:
        following = (
            f"http://127.0.0.1:{self.server.server_address[1]}{next_path}" if next_path else None
        )
        return json.dumps(
            {"count": len(values), "next_url": following, "previous_url": None, "values": values}
        ).encode()


@pytest.fixture
def kolada(monkeypatch):
    stand_in = Kolada()
    monkeypatch.setenv("VP_KOLADA_URL", stand_in.url)
    monkeypatch.setenv("VP_KOLADA_PAUSE", "0")
    yield stand_in
    stand_in.server.shutdown()


def two_pages(kolada: Kolada) -> None:
    kolada.routes[PATH] = [(200, {}, kolada.page(PAGE_1, PATH + "?page=2"))]
    kolada.routes[PATH + "?page=2"] = [(200, {}, kolada.page(PAGE_2, None))]


def test_fetch_follows_every_page_and_a_second_run_changes_nothing(
    repo_copy, run_vp, kolada
) -> None:
    two_pages(kolada)
    result = run_vp("data", "fetch")
    assert result.exit_code == 0, result.output
    assert f"Hämtade 10 värden på 2 sidor: {kolada.url}{PATH.removeprefix('/v3')}" in result.stdout
    assert "Kolada: 9 tillagda, 0 ändrade, 0 redan aktuella" in result.stdout
    assert "U21468 → nojda-hemtjanst: värde saknas i Kolada" in result.stdout  # 2018, män
    written = Path("indicators-data/degerfors/kolada.csv").read_text(encoding="utf-8")
    assert "nojda-sarskilt-boende,2019,79,M,Kolada U23471" in written  # from page 2
    assert "nojda-hemtjanst,2017,92,T,Kolada U21468" in written  # from page 1
    assert [path for path, _ in kolada.requests] == [PATH, PATH + "?page=2"]
    assert all(agent.startswith("vp/") for _, agent in kolada.requests)
    before = snapshot(repo_copy)
    again = run_vp("data", "fetch", "--api-url", kolada.url)
    assert again.exit_code == 0
    assert "0 tillagda, 0 ändrade, 9 redan aktuella" in again.stdout
    assert snapshot(repo_copy) == before
    assert run_vp("status", "--plan", "degerfors-sn-2018-2019", "--year", "2019").exit_code == 0


def test_the_repository_is_free_while_kolada_answers(repo_copy, run_vp, kolada) -> None:
    """Fetching may wait minutes on a slow or retrying Kolada: other commands must not."""
    from verksamhetsplan.common.files import repository_lock
    from verksamhetsplan.common.problems import Refused

    two_pages(kolada)
    held: list[bool] = []

    def try_the_lock() -> None:
        try:
            with repository_lock(repo_copy, wait=0):
                held.append(False)
        except Refused:
            held.append(True)

    kolada.on_request = try_the_lock
    result = run_vp("data", "fetch")
    assert result.exit_code == 0, result.output
    assert held == [False, False]  # free during both pages
    assert "Kolada: 9 tillagda" in result.stdout  # and written once the answers were in


def test_a_429_is_waited_out_and_retried(repo_copy, run_vp, kolada) -> None:
    two_pages(kolada)
    kolada.routes[PATH].insert(0, (429, {"Retry-After": "0"}, b'{"error": "too many"}'))
    result = run_vp("data", "fetch")
    assert result.exit_code == 0, result.output
    assert "9 tillagda" in result.stdout
    assert [path for path, _ in kolada.requests][:2] == [PATH, PATH]


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ((500, {}, b"Internal Server Error"), "Kolada svarade inte på"),
        ((200, {"X-Length": "5000"}, b'{"count": 2, "values": ['), "Kolada svarade inte på"),
        ((200, {}, b'{"count": 2, "values": ['), "är inte JSON"),
        ((404, {}, b'{"error": "no such kpi"}'), "Kolada svarade HTTP 404"),
    ],
    ids=["500", "avklippt", "trasig JSON", "404"],
)
def test_a_broken_answer_is_a_swedish_error_and_nothing_is_written(
    repo_copy, run_vp, kolada, answer, message
) -> None:
    kolada.routes[PATH] = [answer]
    before = snapshot(repo_copy)
    result = run_vp("data", "fetch")
    assert result.exit_code == 1
    assert message in result.stderr and PATH.removeprefix("/v3") in result.stderr
    assert "(sida 1)" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(repo_copy) == before


def test_an_unknown_kpi_is_reported_not_silent(repo_copy, run_vp, kolada) -> None:
    kolada.routes[PATH] = [(200, {}, kolada.page(PAGE_1, None))]
    result = run_vp("data", "fetch")
    assert result.exit_code == 0, result.output
    assert "U23471: Kolada har inga värden för 1862 2017–2019" in result.stdout


def test_no_municipality_id_is_a_usage_error(repo_copy, run_vp, kolada) -> None:
    plan = repo_copy / "plans" / "degerfors" / "socialnamnden-2018-2019.yaml"
    plan.write_text(plan.read_text("utf-8").replace('kolada_id: "1862"\n', ""), "utf-8")
    result = run_vp("data", "fetch")
    assert result.exit_code == 2
    assert "ingen plan har både nyckeltal med Kolada-id och kommunens id" in result.stderr
    assert kolada.requests == []


ALL_2019 = {"1862": 91, "1814": 88, "1880": 95, "0180": 80, "1860": 91, "G33808": 90}


def everyone(kpi: str, year: int, values: dict[str, float]) -> list[dict]:
    return [
        {
            "kpi": kpi,
            "municipality": m,
            "period": year,
            "values": [{"count": 1, "gender": "T", "status": None, "value": v}],
        }
        for m, v in values.items()
    ]


def compare_with_group(repo_copy: Path) -> None:
    """The Degerfors plan compares itself with the group G33808 (follow_up.compare_with)."""
    plan = repo_copy / "plans" / "degerfors" / "socialnamnden-2018-2019.yaml"
    plan.write_text(
        plan.read_text("utf-8").replace(
            "  baseline_period: 2017\n", "  baseline_period: 2017\n  compare_with: [G33808]\n"
        ),
        "utf-8",
    )


def test_compare_fetches_every_municipality_and_the_group_and_status_shows_it(
    repo_copy, run_vp, kolada
) -> None:
    compare_with_group(repo_copy)
    two_pages(kolada)
    years = "2017,2018,2019"
    kolada.routes[f"/v3/data/kpi/U21468/year/{years}"] = [
        (200, {}, kolada.page(everyone("U21468", 2019, ALL_2019), None))
    ]
    kolada.routes[f"/v3/data/kpi/U23471/year/{years}"] = [(200, {}, kolada.page([], None))]
    kolada.routes["/v3/municipality_groups/G33808"] = [
        (
            200,
            {},
            json.dumps(
                {
                    "count": 1,
                    "values": [
                        {
                            "id": "G33808",
                            "title": "Liknande",
                            "members": [
                                {"id": "1814", "title": "Lekeberg"},
                                {"id": "1880", "title": "Örebro"},
                                {"id": "1862", "title": "Degerfors"},
                            ],
                        }
                    ],
                }
            ).encode(),
        )
    ]
    result = run_vp("data", "fetch", "--compare")
    assert result.exit_code == 0, result.output
    assert Path("comparisons/degerfors/kolada.csv").read_text("utf-8").splitlines() == [
        "kpi,kommun,period,gender,value",
        "U21468,0180,2019,T,80.0",
        "U21468,1814,2019,T,88.0",
        "U21468,1860,2019,T,91.0",
        "U21468,1862,2019,T,91.0",
        "U21468,1880,2019,T,95.0",
    ]  # the group's own average (G33808) is no municipality
    status = json.loads(
        run_vp(
            "status",
            "--plan",
            "degerfors-sn-2018-2019",
            "--year",
            "2019",
            "--as-of",
            "2020-06-30",
            "--format",
            "json",
        ).stdout
    )["plans"][0]
    # Higher is better: 95 is ahead of 91; 1860 ties with Degerfors at 91, so place 2 of
    # 5, in the second quarter (2/5 = 0.4); the group without Degerfors: 88 and 95,
    # median 91,5.
    assert status["comparisons"]["nojda-hemtjanst"] == {
        "kpi": "U21468",
        "year": 2019,
        "value": 91.0,
        "rank": 2,
        "count": 5,
        "quartile": 2,
        "group_median": 91.5,
        "group_size": 2,
    }
    assert "nojda-sarskilt-boende" not in status["comparisons"]  # Kolada had no values
    table = run_vp(
        "status", "--plan", "degerfors-sn-2018-2019", "--year", "2019", "--as-of", "2020-06-30"
    ).stdout
    assert "Jämförelse med andra kommuner (Kolada; plats 1 är bäst):" in table
    flat = " ".join(table.replace("\u00a0", " ").split())
    assert (
        "Andel brukare som är nöjda med sin hemtjänst: plats 2 av 5 kommuner 2019 (näst bästa "
        "kvartilen); jämförelsegruppens median 91,5 % (2 kommuner)" in flat
    )
    report = run_vp(
        "report",
        "--year",
        "2019",
        "--plan",
        "degerfors-sn-2018-2019",
        "--as-of",
        "2020-06-30",
        "-f",
        "md",
        "-o",
        "-",
    ).stdout
    assert "**Jämförelse med andra kommuner (Kolada; plats 1 är bäst).**" in report
    assert "plats 2 av 5 kommuner 2019 (näst bästa kvartilen)" in report


# A Kolada mirror that misbehaves: every answer below ends in a Swedish refusal, within
# seconds, with nothing written and no traceback.


def _refused(repo_copy, run_vp, *args: str, code: int = 1) -> str:
    before = snapshot(repo_copy)
    result = run_vp("data", "fetch", *args)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert snapshot(repo_copy) == before
    return " ".join(result.stderr.split())


@pytest.mark.parametrize(
    ("following", "message"),
    [
        ("file://127.0.0.1/etc/passwd", "utanför API:ets adress"),
        ("http://127.0.0.1:1/v3/page2", "utanför API:ets adress"),  # another port
        ("https://127.0.0.1/v3/page2", "utanför API:ets adress"),  # another scheme
        ("http://[::1", "utanför API:ets adress"),  # no address at all
        (12, "ingen adress"),
        (["http://127.0.0.1/v3"], "ingen adress"),
    ],
    ids=["file", "port", "scheme", "trasig", "tal", "lista"],
)
def test_a_next_page_outside_the_api_is_refused(
    repo_copy, run_vp, kolada, following, message
) -> None:
    body = json.dumps({"count": 2, "values": PAGE_1, "next_url": following}).encode()
    kolada.routes[PATH] = [(200, {}, body)]
    assert message in _refused(repo_copy, run_vp)
    assert [path for path, _ in kolada.requests] == [PATH]  # the next page was never asked for


def test_a_redirect_is_followed_only_within_the_api(repo_copy, run_vp, kolada) -> None:
    two_pages(kolada)
    moved = "/v3/moved"
    kolada.routes[moved] = kolada.routes[PATH]
    kolada.routes[PATH] = [(302, {"Location": f"{kolada.url.removesuffix('/v3')}{moved}"}, b"")]
    result = run_vp("data", "fetch")
    assert result.exit_code == 0, result.output
    assert "9 tillagda" in result.stdout
    kolada.routes[PATH] = [(302, {"Location": "http://localhost:1/v3/elsewhere"}, b"")]
    assert "utanför API:ets adress" in _refused(repo_copy, run_vp)


@contextlib.contextmanager
def dripping(interval: float) -> Iterator[str]:
    """A server that promises a long answer and sends a byte every `interval` seconds."""
    import time

    class Drip(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            for _ in range(1000):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(interval)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Drip)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v3"
    finally:
        server.shutdown()


def test_a_slow_drip_stops_at_the_deadline(repo_copy, run_vp, monkeypatch) -> None:
    import time

    from verksamhetsplan.sources import kolada_api

    monkeypatch.setattr(kolada_api, "DEADLINE", 1.5)
    monkeypatch.setenv("VP_KOLADA_PAUSE", "0")
    started = time.monotonic()
    with dripping(0.2) as url:
        message = _refused(repo_copy, run_vp, "--api-url", url)
    assert "inte svarat färdigt" in message and "inom 2 sekunder" in message
    assert time.monotonic() - started < 6


def test_waiting_for_429s_is_capped_over_all_pages(repo_copy, run_vp, kolada, monkeypatch) -> None:
    from verksamhetsplan.sources import kolada_api

    monkeypatch.setattr(kolada_api, "MAX_WAITING", 5.0)
    import time

    kolada.routes[PATH] = [(429, {"Retry-After": "30"}, b'{"error": "too many"}')]
    started = time.monotonic()
    message = _refused(repo_copy, run_vp)
    assert "vänta mer än 5 sekunder sammanlagt" in message
    assert time.monotonic() - started < 5  # refused before sleeping 30 s, not after


def test_an_answer_larger_than_the_cap_is_refused(repo_copy, run_vp, kolada, monkeypatch) -> None:
    from verksamhetsplan.sources import kolada_api

    monkeypatch.setattr(kolada_api, "MAX_BODY", 4096)
    kolada.routes[PATH] = [(200, {}, b" " * 100_000 + kolada.page(PAGE_1, None))]
    assert "är större än" in _refused(repo_copy, run_vp)


def test_json_nested_too_deep_is_refused(repo_copy, run_vp, kolada) -> None:
    kolada.routes[PATH] = [(200, {}, b"[" * 100_000 + b"]" * 100_000)]
    assert "för djupt nästlat" in _refused(repo_copy, run_vp)


@pytest.mark.parametrize(
    ("answer", "message"),
    [(b"<html>Kolada underh\xc3\xa5lls</html>", "är inte JSON"), (b'{"values": 7}', "ingen lista")],
    ids=["html", "fel-form"],
)
def test_a_broken_group_answer_is_refused(repo_copy, run_vp, kolada, answer, message) -> None:
    compare_with_group(repo_copy)
    two_pages(kolada)
    years = "2017,2018,2019"
    for kpi in ("U21468", "U23471"):
        kolada.routes[f"/v3/data/kpi/{kpi}/year/{years}"] = [(200, {}, kolada.page([], None))]
    kolada.routes["/v3/municipality_groups/G33808"] = [(200, {}, answer)]
    assert message in _refused(repo_copy, run_vp, "--compare")


def test_comparison_rows_cannot_carry_formulas_or_forged_lines(repo_copy, run_vp, kolada) -> None:
    compare_with_group(repo_copy)
    two_pages(kolada)
    years = "2017,2018,2019"
    hostile = {"1814": 88.0, "1862\nU21468,9999,2019,T,1.0": 1.0, "=HYPERLINK(1)": 2.0}
    kolada.routes[f"/v3/data/kpi/U21468/year/{years}"] = [
        (200, {}, kolada.page(everyone("U21468", 2019, hostile), None))
    ]
    kolada.routes[f"/v3/data/kpi/U23471/year/{years}"] = [(200, {}, kolada.page([], None))]
    kolada.routes["/v3/municipality_groups/G33808"] = [
        (200, {}, json.dumps({"values": [{"members": [{"id": "=cmd|'/c calc'!A0"}]}]}).encode())
    ]
    result = run_vp("data", "fetch", "--compare")
    assert result.exit_code == 0, result.output
    assert Path("comparisons/degerfors/kolada.csv").read_text("utf-8").splitlines() == [
        "kpi,kommun,period,gender,value",
        "U21468,1814,2019,T,88.0",
    ]
    assert Path("comparisons/degerfors/groups.csv").read_text("utf-8") == "group,kommun\n"


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--api-url", "kolada"], {}, "ingen http- eller https-adress"),
        (["--api-url", "ftp://127.0.0.1/v3"], {}, "ingen http- eller https-adress"),
        ([], {"VP_KOLADA_PAUSE": "snabbt"}, "VP_KOLADA_PAUSE='snabbt'"),
        ([], {"VP_KOLADA_PAUSE": "-1"}, "mellan 0 och 60"),
    ],
    ids=["utan-schema", "ftp", "paus-text", "paus-negativ"],
)
def test_a_bad_address_or_pause_is_a_usage_error(
    repo_copy, run_vp, kolada, monkeypatch, args, env, message
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert message in _refused(repo_copy, run_vp, *args, code=2)
    assert kolada.requests == []


def test_ctrl_c_during_a_fetch_says_avbrutet(repo_copy, monkeypatch) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    monkeypatch.setenv("VP_KOLADA_PAUSE", "0")
    vp = Path(sys.executable).parent / "vp"
    with dripping(0.5) as url:
        process = subprocess.Popen(
            [str(vp), "data", "fetch", "--api-url", url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ},
        )
        time.sleep(2)  # started, and waiting for the answer's bytes
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=10)
    assert process.returncode == 130, err.decode()
    assert err.decode().strip().endswith("vp: avbrutet")
    assert b"Traceback" not in err
