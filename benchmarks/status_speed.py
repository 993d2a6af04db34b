"""Speed of `vp status`, `vp explain` and `vp report` on the shipped example.

Budgets: vp status 0.9 s (the attainment issue), vp report 1.5 s (the report issue).

Run from the project root: .venv/bin/python benchmarks/status_speed.py [--runs 9]
Prints the fastest and the median of several runs, each a new process as a user runs it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bytecode import compile_vp

ROOT = Path(__file__).resolve().parent.parent
VP = str(Path(sys.executable).parent / "vp")
BUDGET = 0.9


def times(command: list[str], runs: int) -> list[float]:
    found = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
        found.append(time.perf_counter() - start)
    return found


def main() -> None:
    compile_vp()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    for label, command, budget in (
        ("vp status", [VP, "status"], BUDGET),
        ("vp status --format json", [VP, "status", "--format", "json"], BUDGET),
        ("vp explain forsorjningsstod-2019", [VP, "explain", "forsorjningsstod-2019"], None),
        (
            "vp report --year 2019 (html)",
            [VP, "report", "--year", "2019", "--plan", "degerfors-sn-2018-2019", "-o", "-"],
            1.5,
        ),
        (
            "vp report --year 2019 (md)",
            [
                VP,
                "report",
                "--year",
                "2019",
                "--plan",
                "degerfors-sn-2018-2019",
                "-f",
                "md",
                "-o",
                "-",
            ],
            1.5,
        ),
    ):
        found = times(command, runs)
        verdict = "" if budget is None else f"   budget {budget} s"
        print(
            f"{label:<36} fastest {min(found):.3f} s, median {statistics.median(found):.3f} s"
            + verdict
        )


if __name__ == "__main__":
    main()
