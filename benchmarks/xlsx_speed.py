"""`vp status --format xlsx` against `--format json` and `--format csv` on the same repository,
at 125, 250 and 500 municipalities (40 goals each, two years of data).

Run from the project root: .venv/bin/python benchmarks/xlsx_speed.py [--sizes 125 250 500]

Budgets (the performance issue): xlsx at most 1.5 × json and 3 × csv, and linear: the time
per plan the same at every size (it was quadratic, × 7 per doubling at 1000 plans).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bytecode import compile_vp
from national_scale import write_repository

VP = Path(sys.executable).parent / "vp"


def timed(root: Path, kind: str) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        done = subprocess.run(
            [str(VP), "status", "--year", "2019", "--as-of", "2020-06-30", "--format", kind,
             "-o", str(root / f"ut.{kind}")],
            cwd=root, capture_output=True, text=True,
        )  # fmt: skip
        best = min(best, time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(done.stderr[-2000:])
    return best


def main() -> None:
    compile_vp()
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[125, 250, 500])
    sizes = parser.parse_args().sizes
    per_plan = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch)
            write_repository(root, rows=size * 2000, municipalities=size, goals=40)
            times = {kind: timed(root, kind) for kind in ("json", "csv", "xlsx")}
        xlsx = times["xlsx"]
        per_plan.append(xlsx / size)
        print(
            f"{size:>4} planer: xlsx {xlsx:.2f} s, json {times['json']:.2f} s, "
            f"csv {times['csv']:.2f} s; xlsx = {xlsx / times['json']:.2f} × json (budget 1,5) "
            f"och {xlsx / times['csv']:.2f} × csv (budget 3)"
        )
    growth = per_plan[-1] / per_plan[0]
    print(f"tid per plan vid {sizes[-1]} mot {sizes[0]}: {growth:.2f} × (linjärt: omkring 1)")


if __name__ == "__main__":
    main()
