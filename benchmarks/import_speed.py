"""`vp data import` of a large Kolada answer: linear in the number of values, near the floor.

Run from the project root: .venv/bin/python benchmarks/import_speed.py [--runs 3]

A plan with 500 key figures carrying Kolada ids, and Kolada answers (API v2/v3 shape) of
12 000, 100 000 and 200 000 values for the municipality, imported into an empty repository.
The floor, measured in the same run: reading the same answer with json and writing the same
long-format file with the csv module. Budgets: 100 000 values in at most 5 s (the Kolada
issue); at most 3 × the floor and linear, the ratio flat from 12 000 to 200 000 values (the
performance issue). An answer with no values is imported too: what vp costs before the first
value (Python, the plan, the repository check), so that the cost per value can be told apart
from the start-up, which a small answer is mostly made of.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bytecode import compile_vp

VP = Path(sys.executable).parent / "vp"
KPIS = 500
BUDGET = 5.0


def write_repository(root: Path) -> None:
    lines = [
        "id: kommun-sn-2018-2019",
        "kind: verksamhetsplan",
        "title: Verksamhetsplan",
        "organisation: Testkommun",
        'kolada_id: "1862"',
        "period: {start: 2018, end: 2019}",
        "areas:",
        "  - id: omrade",
        "    title: Område",
        "indicators:",
    ]
    for k in range(KPIS):
        lines += [
            f"  - id: nyckeltal-{k:03d}",
            f"    title: Nyckeltal {k}",
            "    unit: percent",
            "    frequency: year",
            "    better: higher",
            "    by_gender: true",
            f"    source: {{kolada: N{k:05d}}}",
        ]
    (root / "plans" / "kommun").mkdir(parents=True)
    (root / "plans" / "kommun" / "plan.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    (root / "indicators-data" / "kommun").mkdir(parents=True)


def answer(values: int) -> str:
    years = values // (KPIS * 3)  # 0: an answer with no values
    records = [
        {
            "kpi": f"N{k:05d}",
            "municipality": "1862",
            "period": 2019 - y,
            "values": [
                {"count": 1, "gender": g, "status": None, "value": round(50 + k % 7 + y / 10, 1)}
                for g in "TKM"
            ],
        }
        for k in range(KPIS)
        for y in range(years)
    ]
    return json.dumps({"count": len(records), "next_url": None, "values": records})


FLOOR = """
import csv, json, sys
records = json.load(open(sys.argv[1], encoding="utf-8"))["values"]
with open(sys.argv[2], "w", encoding="utf-8", newline="") as out:
    writer = csv.writer(out, lineterminator="\\n")
    writer.writerow(["indicator", "period", "value", "gender", "note"])
    for record in records:
        for value in record["values"]:
            writer.writerow(
                [record["kpi"], record["period"], value["value"], value["gender"], "Kolada"]
            )
"""


def floor(root: Path) -> float:
    """A Python process reading the same answer with json and writing the same long-format
    rows with csv: what an import cannot be faster than (start-up included, as for vp)."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", FLOOR, str(root / "kolada.json"), str(root / "golv.csv")],
        check=True,
    )
    return time.perf_counter() - start


def best_of(size: int, runs: int) -> tuple[float, float]:
    """The fastest vp import and the fastest floor of `size` values, in fresh repositories."""
    best = bottom = float("inf")
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch)
            write_repository(root)
            (root / "kolada.json").write_text(answer(size), "utf-8")
            start = time.perf_counter()
            done = subprocess.run(
                [str(VP), "data", "import", "kolada.json"], cwd=root, capture_output=True
            )
            best = min(best, time.perf_counter() - start)
            if done.returncode != 0:
                sys.exit(done.stderr.decode()[-2000:])
            bottom = min(bottom, floor(root))
    return best, bottom


def main() -> None:
    compile_vp()
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    empty, empty_floor = best_of(0, runs)
    print(
        f"vp data import utan värden (start, plan, kontroll): {empty:.2f} s; "
        f"golvet {empty_floor:.2f} s"
    )
    ratios, marginal = [], []
    for size in (12_000, 100_000, 200_000):
        best, bottom = best_of(size, runs)
        ratios.append(best / bottom)
        each = (best - empty) / size * 1e6
        marginal.append(each)
        verdict = (
            f"   budget {BUDGET} s ({'inom' if best <= BUDGET else 'ÖVER'})"
            if size == 100_000
            else ""
        )
        print(f"vp data import, {size:>7,} värden: {best:.2f} s{verdict}")
        print(
            f"  golv (json + csv, samma rader): {bottom:.2f} s; vp = {best / bottom:.1f} × golvet "
            f"({'inom' if best <= 3 * bottom else 'ÖVER'} 3 ×); utöver starten "
            f"{each:.1f} µs per värde, golvet {(bottom - empty_floor) / size * 1e6:.1f}"
        )
    print(
        f"kvoten mot golvet, 12 000 → 200 000: {ratios[0]:.1f} → {ratios[-1]:.1f} "
        f"(platt: {'ja' if max(ratios) <= 1.25 * min(ratios) else 'nej'}); tid per värde utöver "
        f"starten, 12 000 → 200 000: {marginal[0]:.1f} → {marginal[-1]:.1f} µs "
        f"(linjärt: {'ja' if marginal[-1] <= 1.25 * marginal[0] else 'nej'})"
    )


if __name__ == "__main__":
    main()
