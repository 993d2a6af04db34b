"""A plan with a long period costs what the years asked for cost, not the whole period.

Run from the project root: .venv/bin/python benchmarks/long_period.py [--runs 3]

The same plan (vp init's example: goals in its first two years, monthly data) is followed
up with its period 2026–2027 and with 2026–2200. Budget (the hardening issue): `vp status`,
the HTML report, the Word report and `vp site` on the long plan take at most 1.5 × the
short one's time, judged on the fastest of the runs.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bytecode import compile_vp

VP = Path(sys.executable).parent / "vp"
BUDGET = 1.5
COMMANDS = {
    "status": ["status", "--year", "2026", "--as-of", "2026-05-20"],
    "rapport html": ["report", "--year", "2026", "--as-of", "2026-05-20", "-o", "r.html"],
    "rapport docx": [
        "report",
        "--year",
        "2026",
        "--as-of",
        "2026-05-20",
        "-f",
        "docx",
        "-o",
        "r.docx",
    ],
    "webbplats": ["site", "webb", "--as-of", "2026-05-20"],
}


def repository(root: Path, end: int) -> Path:
    folder = root / f"plan-{end}"
    subprocess.run(
        [str(VP), "init", str(folder), "--as-of", "2026-05-20"], check=True, capture_output=True
    )
    plan = next((folder / "plans").rglob("*.yaml"))
    text = plan.read_text(encoding="utf-8")
    plan.write_text(re.sub(r"end: 2027", f"end: {end}", text, count=1), encoding="utf-8")
    subprocess.run([str(VP), "validate"], cwd=folder, check=True, capture_output=True)
    return folder


def fastest(folder: Path, args: list[str], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([str(VP), *args], cwd=folder, check=True, capture_output=True)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    compile_vp()
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    failed = False
    with tempfile.TemporaryDirectory() as work:
        short, long = repository(Path(work), 2027), repository(Path(work), 2200)
        print(f"{'kommando':<14}{'2026–2027':>12}{'2026–2200':>12}{'kvot':>8}  budget ≤ {BUDGET}")
        for name, args in COMMANDS.items():
            a, b = fastest(short, args, runs), fastest(long, args, runs)
            ok = b <= BUDGET * a
            failed |= not ok
            verdict = "håller" if ok else "HÅLLER INTE"
            print(f"{name:<14}{a:>11.2f}s{b:>11.2f}s{b / a:>8.2f}  {verdict}")
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
