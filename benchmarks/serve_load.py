"""vp serve under load: 50 reporters at once for 60 s against the Degerfors repository.

Run from the project root: .venv/bin/python benchmarks/serve_load.py [--reporters 50]
[--seconds 60]

Budget (the vp serve issue): 0 lost updates, 0 server errors, p95 save latency ≤ 500 ms on
this machine. The server is `vp serve` itself in its own process on 127.0.0.1; each
reporter is a client with its own account and session that logs in, then over and over
opens a form, fills it in (a think time of 3–9 s, as a person with the figures at hand)
and saves it: 70 % values of Vård och Omsorg's monthly indicator for a random month, 20 %
assessments of a milestone, 10 % the activity's status. They all answer for the same plan,
so they collide often: a collision must be a conflict answer (409), never a lost update.

Lost updates are counted from git afterwards: every save answered "sparat" must be a commit
by that reporter, and for every month the data file must hold the value of the last commit
that set it.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bytecode import compile_vp

ROOT = Path(__file__).resolve().parent.parent
VP = Path(sys.executable).parent / "vp"
PLAN = "degerfors-voo-2018-2019"
DATA = "indicators-data/degerfors/vard-och-omsorg.csv"
PASSWORD = "belastning-losen-1"
BUDGET_P95 = 0.5


def repository(folder: Path, reporters: int) -> None:
    for part in ("plans", "indicators-data", "economy-data", "analyses", "internal-control"):
        shutil.copytree(ROOT / part, folder / part)
    run = {"cwd": folder, "check": True, "capture_output": True}
    subprocess.run(["git", "init", "-q"], **run)
    subprocess.run(["git", "add", "-A"], **run)
    subprocess.run(
        ["git", "-c", "user.name=B", "-c", "user.email=b@x", "commit", "-qm", "0"], **run
    )
    sys.path.insert(0, str(ROOT / "src"))
    from verksamhetsplan.edit.accounts import add_account
    from verksamhetsplan.edit.safe_write import write_changes

    for n in range(reporters):
        change = add_account(
            folder,
            f"r{n:02d}",
            f"Rapportör {n:02d}",
            f"r{n:02d}@degerfors.example",
            "reporter",
            ["Verksamhetschef Vård och Omsorg"],
            PASSWORD,
        )
        write_changes([change])


def field(page: str, name: str) -> str:
    return html.unescape(re.search(rf'name="{name}" value="([^"]*)"', page).group(1))


async def reporter(n: int, url: str, until: float, results: list, seed: int) -> None:
    import httpx

    rng = random.Random(seed + n)
    async with httpx.AsyncClient(base_url=url, timeout=60, follow_redirects=False) as client:
        page = (await client.get("/logga-in")).text
        login = {"user": f"r{n:02d}", "password": PASSWORD, "csrf": field(page, "csrf")}
        assert (await client.post("/logga-in", data=login)).status_code == 303
        await asyncio.sleep(rng.uniform(0, 3))  # people do not all start at once
        count = 0
        while time.monotonic() < until:
            roll = rng.random()
            if roll < 0.7:
                path = f"/varde/{PLAN}/genomforandeplan-hemtjanst"
                month = f"2018-0{rng.randint(1, 8)}"
                value = f"{n}.{count:03d}"
                data = {"period": month, "value": value.replace(".", ",")}
                what = ("value", month, value)
            elif roll < 0.9:
                goal = rng.choice(["utskrivning-rutin-2018", "koll-vard-och-omsorg-2018"])
                path = f"/bedomning/{PLAN}/{goal}"
                data = {"status": "partial", "comment": f"Rapportör {n:02d}, bedömning {count}."}
                what = ("assessment", goal, "")
            else:
                path = f"/aktivitet/{PLAN}/hemgang-infora"
                data = {"status": "ongoing", "comment": f"Rapportör {n:02d}, uppföljning {count}."}
                what = ("activity", "", "")
            try:
                form = await client.get(path)
                if form.status_code != 200:
                    results.append((n, form.status_code, 0.0, ("form", *what)))
                    continue
                await asyncio.sleep(rng.uniform(3, 9))
                data |= {"csrf": field(form.text, "csrf"), "seen": field(form.text, "seen")}
                started = time.perf_counter()
                answer = await client.post(path, data=data)
                results.append((n, answer.status_code, time.perf_counter() - started, what))
            except httpx.TransportError as error:  # counted as a server error, not a crash
                results.append((n, 599, 0.0, ("network", repr(error), "")))
            count += 1


def lost_updates(folder: Path, saved: list) -> list[str]:
    """Every save answered 303 must be a commit, and every month's final value the value of
    the last commit that set it."""
    log = subprocess.run(
        ["git", "log", "--reverse", "--format=%an|%s"], cwd=folder, capture_output=True, text=True
    ).stdout.splitlines()[1:]
    problems = []
    if len(log) != len(saved):
        problems.append(f"{len(saved)} sparade svar men {len(log)} commits")
    last: dict[str, str] = {}
    for line in log:
        found = re.match(r".*\|Värde: genomforandeplan-hemtjanst (\S+) = (\S+)$", line)
        if found:
            last[found.group(1)] = found.group(2).replace(",", ".")
    import csv

    with open(folder / DATA, newline="", encoding="utf-8") as file:
        held = {
            row["period"]: float(row["value"])
            for row in csv.DictReader(file)
            if row["indicator"] == "genomforandeplan-hemtjanst"
        }
    for month, value in last.items():
        if held.get(month) != float(value):
            problems.append(
                f"{month}: filen har {held.get(month)}, inte {value}, den sista sparade"
            )
    mine = {(n, w) for n, status, _, w in saved}
    wanted = {(w[0], w[1], str(float(w[2]))) for _, w in mine if w[0] == "value"}
    committed = {
        ("value", m.group(1), str(float(m.group(2).replace(",", "."))))
        for line in log
        if (m := re.match(r".*\|Värde: genomforandeplan-hemtjanst (\S+) = (\S+)$", line))
    }
    missing = wanted - committed
    if missing:
        problems.append(f"{len(missing)} sparade värden utan commit, t.ex. {sorted(missing)[0]}")
    return problems


def main() -> None:
    compile_vp()
    parser = argparse.ArgumentParser()
    parser.add_argument("--reporters", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1862)
    parser.add_argument("--workers", type=int, default=2, help="vp serve --workers (default 2)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "degerfors"
        folder.mkdir()
        repository(folder, options.reporters)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen(
            [
                str(VP),
                "serve",
                "--period",
                "2018-T2",
                "--port",
                str(port),
                "--workers",
                str(options.workers),
            ],
            cwd=folder,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise SystemExit("vp serve started not within 30 s") from None
                    time.sleep(0.1)
            results: list = []
            until = time.monotonic() + options.seconds
            started = time.perf_counter()

            async def everyone() -> None:
                await asyncio.gather(
                    *(
                        reporter(n, url, until, results, options.seed)
                        for n in range(options.reporters)
                    )
                )

            asyncio.run(everyone())
            elapsed = time.perf_counter() - started
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
        saved = [r for r in results if r[1] == 303]
        conflicts = [r for r in results if r[1] == 409]
        errors = [r for r in results if r[1] >= 500]
        other = [r for r in results if r[1] not in (303, 409) and r[1] < 500]
        latencies = sorted(r[2] for r in results if r[3][0] not in ("form", "network"))
        p95 = latencies[int(0.95 * (len(latencies) - 1))]
        lost = lost_updates(folder, saved)
        print(
            f"{options.reporters} rapportörer i {elapsed:.0f} s mot Degerfors-förrådet "
            f"(vp serve --workers {options.workers}):"
        )
        median, rate = statistics.median(latencies), len(latencies) / elapsed
        print(f"  sparade {len(saved)}, konflikter (409) {len(conflicts)}, "
              f"serverfel {len(errors)}, annat {len(other)}")  # fmt: skip
        print(f"  spara: median {median * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
              f"max {latencies[-1] * 1000:.0f} ms ({rate:.1f} sparningar/s)")  # fmt: skip
        print(f"  förlorade uppdateringar: {len(lost)}" + "".join(f"\n    {p}" for p in lost))
        held = not lost and not errors and not other and p95 <= BUDGET_P95
        print(f"  budget (0 förlorade, 0 serverfel, p95 ≤ {BUDGET_P95 * 1000:.0f} ms): "
              f"{'håller' if held else 'HÅLLER INTE'}")  # fmt: skip
        if other:
            print(f"  oväntade svar: {sorted({r[1] for r in other})}")


if __name__ == "__main__":
    main()
