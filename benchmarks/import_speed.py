"""`vp data import` of a large Kolada answer: linear in the number of values.

Run from the project root: .venv/bin/python benchmarks/import_speed.py [--runs 1]

A plan with 500 key figures carrying Kolada ids, and Kolada answers (API v2/v3 shape) of
20 000 and 100 000 values for the municipality, imported into an empty repository. Budget
(the Kolada issue): 100 000 values in a few seconds (here: at most 5 s), and the time per
value about the same at both sizes (linear, where it used to be quadratic: 20 000 values
took 90 s). The floor, measured in the same run: reading the same answer with json and
writing the same long-format file with the csv module (the issue's budget: at most 3× it).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
    years = max(1, values // (KPIS * 3))
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1)
    runs = parser.parse_args().runs
    per_value = []
    for size in (20_000, 100_000):
        best = float("inf")
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
                bottom = min(floor(root) for _ in range(3))
        per_value.append(best / size * 1e6)
        verdict = (
            ""
            if size < 100_000
            else f"   budget {BUDGET} s ({'inom' if best <= BUDGET else 'ÖVER'})"
        )
        each = best / size * 1e6
        print(f"vp data import, {size:>7,} värden: {best:.2f} s ({each:.0f} µs per värde){verdict}")
        print(
            f"  golv (json + csv, samma rader): {bottom:.2f} s; vp = {best / bottom:.1f} × golvet "
            f"(målet i prestandafrågan: högst 3 ×)"
        )
    ratio = per_value[1] / per_value[0]
    print(f"tid per värde vid 100 000 mot 20 000: {ratio:.2f} × (linjärt: omkring 1)")


if __name__ == "__main__":
    main()
